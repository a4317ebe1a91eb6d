"""The class buckets: the Qt model over a project's images, their views and widgets, thumbnails, drag data and import."""
