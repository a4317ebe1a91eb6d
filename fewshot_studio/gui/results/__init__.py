"""The live results panel: summary, confusion matrix, predictions, warnings, threshold and the action lists."""
