"""Qt widgets, models and workers; imported only when a window is wanted."""
