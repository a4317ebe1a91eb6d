"""Small helpers every layer may use: atomic writes, the app's folders, progress and cancel, capped zip reads."""
