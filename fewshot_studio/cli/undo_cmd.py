"""``fewshot-studio undo``: put every photo a labelling run moved back where it was."""
from __future__ import annotations

import argparse
import sys

from fewshot_studio.cli.output import EXIT_FAILED, error, interrupted, shell_path
from fewshot_studio.cli.progress_bar import TqdmProgress


def add_parser(sub) -> None:
    p = sub.add_parser("undo", help="undo a labelling run (moves photos back, removes copies and links)",
                       description="Reverse a `fewshot-studio label` run from its journal: moved photos go back "
                                   "to their old place, copies and links it made are removed. Nothing is "
                                   "overwritten; conflicts are listed and left alone.")
    p.add_argument("journal", metavar="JOURNAL", help="the labelling output folder (or the .fewshot-journal.jsonl in it)")
    p.add_argument("--dry-run", action="store_true", help="only say what would be done")


def run(args: argparse.Namespace) -> int:
    from fewshot_studio.core.labelling.journal import JournalError
    from fewshot_studio.core.labelling.undo import undo_labelling

    try:
        with TqdmProgress() as bar:
            s = undo_labelling(args.journal, dry_run=args.dry_run, progress=bar)
    except (JournalError, OSError) as exc:
        return error(str(exc), args.journal)
    except KeyboardInterrupt:
        return interrupted("Interrupted: run the same command again to finish undoing.")
    o = s.outcomes
    if s.dry_run:
        line = f"Would put back {o['restored']} moved photos and remove {o['removed']} copies/links"
    else:
        line = f"Put back {o['restored']} moved photos and removed {o['removed']} copies/links"
    if o["already"]:
        line += f" ({o['already']} were already undone)"
    print(line + ".")
    for src, dst in s.conflicts[:20]:
        print(f"conflict: left {shell_path(dst)} where it is ({shell_path(src)} is taken by another file, "
              "or the copy was changed)", file=sys.stderr)
    if len(s.conflicts) > 20:
        print(f"… and {len(s.conflicts) - 20} more conflicts", file=sys.stderr)
    for src, dst in s.missing[:20]:
        print(f"not found: {shell_path(src)} is neither there nor at {shell_path(dst)} (moved elsewhere?)",
              file=sys.stderr)
    for src, dst in s.outside[:20]:
        print(f"left alone: {shell_path(src)} -> {shell_path(dst)} lies outside the run's folders "
              "(the journal was edited?)", file=sys.stderr)
    if s.missing or s.outside:
        print(f"{len(s.missing)} photos not found, {len(s.outside)} entries outside the run's folders; "
              "the journal was kept.", file=sys.stderr)
    if s.archived_as:
        print(f"Done. The journal was kept as {shell_path(s.archived_as)}.")
    return EXIT_FAILED if s.conflicts or s.missing or s.outside else 0
