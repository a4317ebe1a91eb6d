"""Headless engine: everything the app does, without Qt (enforced by import-linter and a test)."""
