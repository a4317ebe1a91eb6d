"""Where a labelling run writes, and what to say when it cannot.

The output must be a folder of its own (results mixed into the photos would be labelled again,
and the journal and CSV would sit among the user's files), decided on real paths so a symlink
cannot disguise it; and an output that cannot be written — read-only, a full disk — is reported
with what was kept, because the journal still says where every photo is.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

from fewshot_studio.core.labelling.journal import JournalError, journal_file, read_records
from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP, Words


class LabelOutputError(Exception):
    """The output folder could not be written (read-only, full disk); the message says what was kept."""


def inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def check_folders(folder: Path, out_dir: Path, suggestion: Path) -> None:
    """The output must be a folder of its own: results mixed into the photos would be labelled next time."""
    real_folder, real_out = os.path.realpath(folder), os.path.realpath(out_dir)
    if inside(real_folder, real_out):
        said = (QT_TRANSLATE_NOOP("engine", "the output folder {0} is the folder being labelled ({1}): the results and "
                                  "sorted photos would mix with the photos to label. Choose another output folder "
                                  "(for example {2}).") if real_folder == real_out else
                QT_TRANSLATE_NOOP("engine", "the output folder {0} contains the folder being labelled ({1}): the results "
                                  "and sorted photos would mix with the photos to label. Choose another output folder "
                                  "(for example {2})."))
        raise ValueError(said.format(out_dir, folder, suggestion))


def explain_output_error(exc: OSError, out_dir: Path) -> Words:
    """The message for an output that could not be written: what happened, and what was kept."""
    where = exc.filename or out_dir
    what = QT_TRANSLATE_NOOP("engine", "the disk is full") if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
    journal = journal_file(out_dir)
    try:
        kept = any(r.get("op") == "item" for r in read_records(journal)) if journal.is_file() else False
    except (OSError, JournalError):
        kept = False
    if kept:
        after = QT_TRANSLATE_NOOP("engine", "Nothing is lost: every photo handled so far is recorded in {0}, and photos "
                                  "not yet handled were not touched. Fix the cause and run the same command again to "
                                  "continue.").format(journal)
    else:
        after = QT_TRANSLATE_NOOP("engine", "Nothing was changed: no photo was copied or moved.")
    return QT_TRANSLATE_NOOP("engine", "could not write to {0}: {1}. {2}").format(where, what, after)
