"""A portable project: one zip file that holds the project and its photos (like Teachable
Machine's project files), to open on another computer. Plain projects keep storing paths.

Inside: ``project.json`` (the usual project JSON, its photo paths pointing into ``photos/``) and
``photos/NNNNN-name.jpg``, stored as they are (photos are already compressed). Opening unpacks
the photos into a folder of the app's data folder named after the file's content, so opening the
same file twice reuses it, and nothing is written beside the user's files. Member names are
checked and every read is capped: a crafted file cannot escape the folder or fill the memory.
"""
from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
import zipfile
from pathlib import Path

from fewshot_studio.core.project import FORMAT_NAME, LoadedProject, Project, ProjectError, load_project
from fewshot_studio.core.util.atomic import atomic_write
from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP, message_of
from fewshot_studio.core.util.zip_members import MemberTooLarge, read_capped

PORTABLE_SUFFIX = ".fsportable"
PROJECT_MEMBER = "project.json"
PHOTOS = "photos"
MAX_PROJECT_JSON = 64 << 20
MAX_PHOTO = 512 << 20


def save_portable(project: Project, file: str | os.PathLike[str]) -> tuple[Path, list[str]]:
    """Write ``project`` and every photo it names that is on disk into ``file`` (atomically).

    Returns the file and the photos that were not found (left out of the file, reported)."""
    target = Path(file).absolute()
    missing: list[str] = []
    members: dict[str, str] = {}  # photo path -> member name

    def member(path: str) -> str | None:
        if path not in members:
            if not os.path.isfile(path):
                missing.append(path)
                return None
            members[path] = f"{PHOTOS}/{len(members):05d}-{Path(path).name}"
        return members[path]

    data = project.to_json(None)
    data["classes"] = [{"name": b.name, "images": [m for p in b.paths if (m := member(p))]} for b in project.classes]
    data["test_images"] = [m for p in project.test_pool.paths if (m := member(p))]

    def write(fh) -> None:
        with zipfile.ZipFile(fh, "w") as zf:
            zf.writestr(PROJECT_MEMBER, json.dumps(data, indent=1, ensure_ascii=False), zipfile.ZIP_DEFLATED)
            for path, name in members.items():
                zf.write(path, name, zipfile.ZIP_STORED)

    atomic_write(target, write)
    return target, missing


def _file_id(file: Path) -> str:
    digest = hashlib.sha256()
    with open(file, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def _safe_member(name: object) -> str:
    if not isinstance(name, str):
        raise ProjectError(QT_TRANSLATE_NOOP("engine", "the file lists a photo that is not a name"))
    clean = posixpath.normpath(name)
    if clean != name or not clean.startswith(f"{PHOTOS}/") or "/" in clean[len(PHOTOS) + 1:] or clean.startswith("/"):
        raise ProjectError(QT_TRANSLATE_NOOP("engine", "the file lists a photo outside its photos folder ({0})").format(repr(name)))
    return clean


def load_portable(file: str | os.PathLike[str], unpack_root: Path) -> LoadedProject:
    """Open a portable project: its photos go to ``unpack_root/<name>-<id>/``; the project is the
    one in the file, and ``project.file`` is the portable file (saving writes it again)."""
    path = Path(file).absolute()
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise ProjectError(QT_TRANSLATE_NOOP("engine", "The project file {0} does not exist.").format(path)) from None
    except (OSError, zipfile.BadZipFile) as exc:
        raise ProjectError(QT_TRANSLATE_NOOP("engine", "{0} is not a readable portable project ({1}).").format(path.name, str(exc))) from None
    folder = unpack_root / f"{path.stem}-{_file_id(path)}"
    with zf:
        try:
            data = json.loads(read_capped(zf, PROJECT_MEMBER, MAX_PROJECT_JSON))
        except (KeyError, MemberTooLarge, ValueError) as exc:
            raise ProjectError(QT_TRANSLATE_NOOP("engine", "{0} is not a portable Fewshot Studio project ({1}).").format(
                path.name, message_of(exc))) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            raise ProjectError(QT_TRANSLATE_NOOP("engine", "{0} is not a Fewshot Studio project.").format(path.name))
        names = [n for entry in data.get("classes", []) for n in entry.get("images", [])] + list(data.get("test_images", []))
        staging = folder.with_name(folder.name + ".partial")
        if not (folder / PROJECT_MEMBER).is_file():  # not unpacked before (or a kill cut it short)
            shutil.rmtree(staging, ignore_errors=True)
            (staging / PHOTOS).mkdir(parents=True)
            for name in dict.fromkeys(names):
                safe = _safe_member(name)
                try:
                    (staging / safe).write_bytes(read_capped(zf, safe, MAX_PHOTO))
                except KeyError:
                    continue  # listed but not stored: it shows up as a missing photo
                except MemberTooLarge as exc:
                    raise ProjectError(QT_TRANSLATE_NOOP("engine", "{0}: {1}").format(path.name, message_of(exc))) from None
            (staging / PROJECT_MEMBER).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            shutil.rmtree(folder, ignore_errors=True)
            os.replace(staging, folder)
    loaded = load_project(folder / PROJECT_MEMBER)
    loaded.project.file = path
    return loaded


def is_portable(file: str | os.PathLike[str]) -> bool:
    return str(file).endswith(PORTABLE_SUFFIX)


__all__ = ["PORTABLE_SUFFIX", "is_portable", "load_portable", "save_portable"]
