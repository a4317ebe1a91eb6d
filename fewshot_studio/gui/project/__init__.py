"""The open project: editing it through undoable commands, the session around it and its files on disk."""
