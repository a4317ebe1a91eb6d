"""``fewshot-studio``: no arguments opens the app; subcommands run the same core headless.

Subcommand modules are imported only when their command runs, and the GUI only when a window is
wanted, so ``--help`` and batch runs never pay for Qt or torch.
"""
from __future__ import annotations

import argparse
import difflib
import importlib
import sys
from pathlib import Path

from fewshot_studio import __version__

# command name -> module under fewshot_studio.cli (each has add_parser(subparsers) and run(args))
SUBCOMMANDS = {
    "bench": "bench_cmd",
    "train": "train_cmd",
    "export": "export_cmd",
    "label": "label_cmd",
    "undo": "undo_cmd",
    "metatrain": "metatrain_cmd",
}


def _available_subcommands() -> dict[str, object]:
    modules = {}
    for name, module in SUBCOMMANDS.items():
        try:
            modules[name] = importlib.import_module(f"fewshot_studio.cli.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"fewshot_studio.cli.{module}":
                raise
    return modules


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, object]]:
    parser = argparse.ArgumentParser(
        prog="fewshot-studio",
        description="Teach an image classifier from a handful of examples. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true", help="open the app on the built-in demo project")
    parser.add_argument("--self-test", action="store_true", help="check that everything works on this machine")
    modules = _available_subcommands()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in modules.values():
        module.add_parser(sub)
    return parser, modules


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fewshot-studio", add_help=False)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("project", nargs="?", help="a project file to open")
    return parser


def _not_a_command_or_project(parser: argparse.ArgumentParser, word: str, commands: list[str]) -> None:
    """A typo (``fewshot-studio trian``) is a usage error, not a project for the window to open:
    without a display Qt would abort, with one the window would only say the file is missing."""
    close = difflib.get_close_matches(word, commands, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    parser.error(f"{word!r} is neither a command ({', '.join(commands)}) nor an existing project file.{hint}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if hasattr(sys.stdout, "reconfigure"):  # file names that are not UTF-8 print as their bytes, as ls does
        sys.stdout.reconfigure(errors="surrogateescape")
    parser, modules = build_parser()
    # A subcommand runs headless; anything else ("", "--demo", "PROJECT") opens the app.
    if not argv or argv[0] not in modules and not {"-h", "--help", "--version"} & set(argv):
        args = _app_parser().parse_args(argv)
        if args.project and not Path(args.project).exists():
            _not_a_command_or_project(parser, args.project, list(modules))
    else:
        args = parser.parse_args(argv)
        return int(modules[args.command].run(args) or 0)
    if args.self_test:
        from fewshot_studio.core.self_test import run_self_test

        return run_self_test()
    try:
        from fewshot_studio.gui.app import run_app
    except ImportError as exc:
        print(f"The app cannot start: {exc}", file=sys.stderr)
        parser.print_help()
        return 1
    return run_app(demo=args.demo, project=args.project)


if __name__ == "__main__":
    sys.exit(main())
