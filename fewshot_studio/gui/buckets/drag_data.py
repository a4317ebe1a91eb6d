"""What a drag (or the clipboard) carries: images moved inside the app, files from the file
manager, or pasted image data.

Internal drags carry the bucket they come from (so a drop knows it is a move) and also the files
as ordinary URLs, so dragging a thumbnail out to the file manager or another app still works.
"""
from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

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


def pasted_files(mime: QMimeData, folder: Path) -> list[str]:
    """What Ctrl+V brings: copied files (from a file manager), or image data (a screenshot, a
    picture copied in a browser) saved as a PNG in ``folder`` (the app's data folder, never beside
    the user's photos), so both go through the same checked import as a drop."""
    files = local_files(mime)
    if files or not mime.hasImage():
        return files
    image = mime.imageData()
    if image is None or image.isNull():
        return []
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from fewshot_studio.core.util.atomic import atomic_write_bytes

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    target = folder / f"pasted-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}.png"
    atomic_write_bytes(target, bytes(data))
    return [str(target)]
