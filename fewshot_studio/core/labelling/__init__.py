"""Labelling a folder of photos: the run, its prediction engine, the journal that makes it resumable and undoable, the reports, and the Ray runner."""
