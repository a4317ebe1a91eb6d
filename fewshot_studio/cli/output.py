"""How every subcommand ends and speaks, so scripts can rely on it.

Exit status: 0 done, 1 failed at run time (a missing folder, a bad model file, a failed parity
check), 2 a usage error only (argparse's own, or an option value these types refuse), 130
interrupted (Ctrl+C). Errors and warnings go to stderr, results to stdout; a path in a message is
quoted so it can be pasted into a shell; ``--json -`` means stdout.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fewshot_studio.core.util.progress import CancelToken

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def shell_path(path: str | os.PathLike[str]) -> str:
    """``path`` as a shell word: unchanged when it is safe, quoted when it has spaces or quotes."""
    text = str(path)
    if os.name == "nt":
        return subprocess.list2cmdline([text])
    return shlex.quote(text)


def error(message: str, *paths: str | os.PathLike[str] | None) -> int:
    """Report a run-time failure on stderr; returns the exit status for it.

    The engine's messages name paths as given ("/x/my photos: the folder does not exist");
    those among ``paths`` (the command's arguments) are quoted here for the shell.
    """
    print(f"error: {quote_paths(message, paths)}", file=sys.stderr)
    return EXIT_FAILED


def quote_paths(message: str, paths) -> str:
    """``message`` with each of ``paths`` that needs quoting quoted, where it stands as a word."""
    import re

    for path in sorted({str(p) for p in paths if p}, key=len, reverse=True):
        quoted = shell_path(path)
        if quoted != path:
            message = re.sub(rf"(^|(?<=[\s(]))({re.escape(path)})(?=$|[:\s),])", lambda m: quoted, message)
    return message


def usage_error(message: str) -> int:
    """Report a usage problem found after parsing (the same status argparse uses)."""
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def warning(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def interrupted(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_INTERRUPTED


def write_json(data: Any, dest: str | os.PathLike[str] = "-") -> None:
    """Pretty JSON to stdout (``dest`` is ``-``) or, atomically, to a file."""
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if str(dest) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from fewshot_studio.core.util.atomic import atomic_write_text

    atomic_write_text(Path(dest), text)


# -- argparse types: a bad number is a usage error (exit 2) before any work starts ----------
def _number(parse: Callable[[str], Any], ok: Callable[[Any], bool], what: str) -> Callable[[str], Any]:
    def convert(text: str):
        try:
            value = parse(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
        if not ok(value):
            raise argparse.ArgumentTypeError(f"{text!r} is not {what}")
        return value

    convert.__name__ = what  # argparse names the type in its messages
    return convert


positive_int = _number(int, lambda v: v >= 1, "a whole number of at least 1")
non_negative_int = _number(int, lambda v: v >= 0, "a whole number of at least 0")
positive_float = _number(float, lambda v: v > 0 and v != float("inf"), "a number above 0")
probability = _number(float, lambda v: 0.0 <= v <= 1.0, "a number from 0 to 1")
open_fraction = _number(float, lambda v: 0.0 < v < 1.0, "a number between 0 and 1 (not 0 or 1)")


@contextmanager
def cancel_on_ctrl_c(note: str = "stopping…") -> Iterator[CancelToken]:
    """A cancel token that the first Ctrl+C sets (work stops at its next check, cleanly); a second
    Ctrl+C interrupts at once. Outside the main thread (tests) it is a plain token."""
    token = CancelToken()
    if threading.current_thread() is not threading.main_thread():
        yield token
        return

    def stop(signum, frame) -> None:
        print(f"\n{note}", file=sys.stderr)
        token.cancel()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield token
    finally:
        signal.signal(signal.SIGINT, previous)


class DefaultsHelpFormatter(argparse.HelpFormatter):
    """``--help`` that shows every option's default, except where its help already says it or
    there is nothing to show (no default, an on/off switch)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        default = action.default
        if (not action.option_strings or "default" in text or default is None or isinstance(default, bool)
                or default is argparse.SUPPRESS):
            return text
        shown = " ".join(map(str, default)) if isinstance(default, (list, tuple)) else str(default)
        return f"{text} (default: {shown.replace('%', '%%')})"
