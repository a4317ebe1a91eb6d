"""Long work off the GUI thread: the training worker, the generic job runner, and main-thread garbage collection."""
