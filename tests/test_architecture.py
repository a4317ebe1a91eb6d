"""The import rules that keep core headless and the CLI fast are checks, not conventions."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, capture_output=True, text=True, timeout=120)


def test_import_linter_contracts_are_kept():
    proc = _run("import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "core never imports Qt or the GUI KEPT" in out
    assert "cli never imports the GUI at module level KEPT" in out
    assert "the app and the command line stand on the engine, beside each other KEPT" in out
    assert "core's packages import only the layers below them KEPT" in out
    assert "0 broken" in out


_BLOCK_QT = """
import importlib, pkgutil, sys

QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in QT:
            raise ImportError(f"Qt is blocked in this test: {name}")
        return None


sys.meta_path.insert(0, BlockQt())
try:
    import PySide6  # noqa: F401
except ImportError:
    pass
else:
    raise SystemExit("the blocker does not work")

import fewshot_studio.core as core

names = sorted(m.name for m in pkgutil.walk_packages(core.__path__, "fewshot_studio.core."))
for name in names:
    importlib.import_module(name)
leaked = sorted(k for k in sys.modules if k.split(".")[0] in QT or k.startswith("fewshot_studio.gui"))
assert not leaked, leaked
print(len(names), " ".join(names))
"""


def test_every_core_module_imports_without_qt():
    proc = _run(_BLOCK_QT)
    assert proc.returncode == 0, proc.stderr
    count, *names = proc.stdout.split()
    # The walk really covered the engine (not an empty package).
    for expected in ("imaging.images", "features.backbone", "features.embeddings", "methods.prototypes",
                     "classifier.training", "bench", "classifier.calibration", "labelling.folder_run"):
        assert f"fewshot_studio.core.{expected}" in names
    assert int(count) == len(names) >= 20


_CLI_IMPORTS = """
import sys
import fewshot_studio.cli.main as cli
after_import = {m for m in ("torch", "PySide6", "fewshot_studio.gui") if m in sys.modules}
cli.build_parser()  # what --help does: every subcommand registers its options
after_parser = {m for m in ("torch", "PySide6", "fewshot_studio.gui") if m in sys.modules}
print(sorted(after_import), sorted(after_parser))
"""


def test_cli_import_and_help_load_neither_torch_nor_qt():
    proc = _run(_CLI_IMPORTS)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[] []", proc.stdout


def test_help_runs_and_lists_bench():
    proc = subprocess.run([sys.executable, "-m", "fewshot_studio", "--help"], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "bench" in proc.stdout


def test_no_import_circles_between_modules():
    """A circle forces in-function imports to dodge it; with the layers contract none is needed."""
    import grimp

    graph = grimp.build_graph("fewshot_studio")
    circles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.chain_exists(importer=imported, imported=module):
                circles.append(" -> ".join(graph.find_shortest_chain(importer=module, imported=imported)
                                           + graph.find_shortest_chain(importer=imported, imported=module)[1:]))
    assert not circles, circles


def test_each_package_is_a_room_a_newcomer_can_read():
    """No package folder is a hall again: about a dozen modules at most."""
    package = REPO / "fewshot_studio"
    crowded = {}
    for folder in [package, *[p for p in package.rglob("*") if (p / "__init__.py").is_file()]]:
        modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
        if len(modules) > 13:
            crowded[str(folder.relative_to(REPO))] = len(modules)
    assert not crowded, crowded
    assert (package / "core" / "features" / "backbone.py").is_file()  # the walk saw the real layout
