"""What a drag carries: images moved inside the app, or files dropped from the file manager.

Internal drags carry the bucket they come from (so a drop knows it is a move) and also the files
as ordinary URLs, so dragging a thumbnail out to the file manager or another app still works.
"""
from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QUrl

INTERNAL_MIME = "application/x-fewshot-studio-images"


def make_mime(paths: list[str], source_uid: int | None) -> QMimeData:
    mime = QMimeData()
    mime.setData(INTERNAL_MIME, json.dumps({"source": source_uid, "paths": paths}).encode("utf-8"))
    mime.setUrls([QUrl.fromLocalFile(p) for p in paths])
    return mime


def internal_paths(mime: QMimeData) -> tuple[int | None, list[str]] | None:
    """(source bucket uid, paths) for a drag that started inside the app, else None."""
    if not mime.hasFormat(INTERNAL_MIME):
        return None
    try:
        data = json.loads(bytes(mime.data(INTERNAL_MIME)).decode("utf-8"))
        return data.get("source"), [str(p) for p in data.get("paths", [])]
    except (ValueError, AttributeError):
        return None


def local_files(mime: QMimeData) -> list[str]:
    """Local files and folders in a drop from outside (remote URLs are ignored)."""
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


def accepts(mime: QMimeData) -> bool:
    return mime.hasFormat(INTERNAL_MIME) or bool(local_files(mime))
