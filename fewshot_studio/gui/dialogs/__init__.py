"""Dialogs opened from the menus: export, label a folder, about."""
