"""A normal ``pip install`` works: the wheel and the sdist carry the resources, the licences and
``py.typed``, a wheel built from the sdist is the same, and the installed app (no source tree on
the path, run from an unrelated folder) opens the demo. ``--self-test`` from the same install is
checked in test_self_test.py. Building and installing takes a few seconds (no dependency is
installed: see installed_wheel.py).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from installed_wheel import REPO, sdist_files, wheel_files

from fewshot_studio.credits import SHIPPED

RESOURCES = sorted(
    p.relative_to(REPO / "resources").as_posix()
    for p in (REPO / "resources").rglob("*")
    if p.is_file() and "__pycache__" not in p.parts
)
SOURCES = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "fewshot_studio").rglob("*.py"))


def test_the_wheel_carries_code_resources_licences_and_py_typed(installed_app):
    files = wheel_files(installed_app.wheel)
    assert set(SOURCES) <= set(files), sorted(set(SOURCES) - set(files))
    assert [f"fewshot_studio/_resources/{r}" for r in RESOURCES] == [f for f in files if "/_resources/" in f]
    assert {"fewshot_studio/_resources/demo/demo.fsproject", "fewshot_studio/_resources/fewshot-studio.desktop",
            "fewshot_studio/_resources/icons/fewshot-studio.svg"} <= set(files)
    assert "fewshot_studio/py.typed" in files
    info = "fewshot_studio-0.1.0.dist-info"
    licences = {f"{info}/licenses/{name}" for name in ("LICENSE", "NOTICE", "resources/demo/LICENSE.txt")}
    assert licences <= set(files)
    assert not [f for f in files if "__pycache__" in f or f.endswith(".pyc") or f.startswith(("tests/", "resources/"))]


def test_the_metadata_says_licence_classifiers_and_dependencies(installed_app):
    import zipfile

    with zipfile.ZipFile(installed_app.wheel) as zf:
        meta = zf.read("fewshot_studio-0.1.0.dist-info/METADATA").decode()
    assert "License-Expression: Apache-2.0" in meta and "\nLicense: " not in meta
    assert "Classifier: Typing :: Typed" in meta and "Classifier: Programming Language :: Python :: 3.11" in meta
    requires = re.findall(r"^Requires-Dist: (\S+?)(?:[<>=!~;\[ ]|$)(.*)$", meta, re.M)
    names = {name.lower(): rest for name, rest in requires}
    assert "pyside6-essentials" in names and "pyside6" not in names
    assert "<" not in names["torch"], "torch is capped without a known incompatibility"


def test_the_sdist_is_complete_and_a_wheel_built_from_it_is_the_same(installed_app):
    files = sdist_files(installed_app.sdist)
    assert {"LICENSE", "NOTICE", "README.md", "pyproject.toml", "setup.py", "fewshot_studio/py.typed"} <= set(files)
    assert set(SOURCES) <= set(files)
    assert {f"resources/{r}" for r in RESOURCES} <= set(files)
    assert wheel_files(installed_app.wheel_from_sdist) == wheel_files(installed_app.wheel)


def test_the_licence_is_apache_and_the_notice_names_what_ships():
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0, January 2004" in licence
    assert "END OF TERMS AND CONDITIONS" in licence and len(licence) > 10_000  # the full text
    notice = (REPO / "NOTICE").read_text(encoding="utf-8").lower()
    for component in SHIPPED:  # what the About dialog lists, NOTICE names too
        names = [component.name.split()[0], *component.distributions]
        assert any(name.lower() in notice for name in names), component.name


DEMO_SNIPPET = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import fewshot_studio
from fewshot_studio.core.classifier.onnx_export import default_check_images
from fewshot_studio.gui.app import run_app
from fewshot_studio.resources import resource_dir

repo = Path(sys.argv[1]).resolve()
app = QApplication(sys.argv[:1])
facts = {}

def look_and_close():
    window = next(w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow")
    facts["classes"] = sorted(window.session.project.examples())
    facts["title"] = window.windowTitle()
    window.close()

QTimer.singleShot(1500, look_and_close)
rc = run_app(demo=True)
facts.update(
    rc=rc,
    package=fewshot_studio.__file__,
    resources=str(resource_dir()),
    check_images=len(default_check_images()),
    checkout_on_path=[p for p in sys.path if p and Path(p).resolve() == repo],
)
print("FACTS", json.dumps(facts))
"""


def test_the_installed_app_opens_the_demo_without_the_source_tree(installed_app):
    proc = installed_app.run(str(installed_app.python), "-c", DEMO_SNIPPET, str(REPO), timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr and "QThread: Destroyed" not in proc.stderr, proc.stderr[-3000:]
    facts = json.loads(proc.stdout.split("FACTS ", 1)[1])
    venv = installed_app.venv.resolve()
    assert Path(facts["package"]).resolve().is_relative_to(venv), facts["package"]
    assert Path(facts["resources"]).resolve().is_relative_to(venv), facts["resources"]
    assert facts["checkout_on_path"] == []
    assert facts["rc"] == 0
    assert facts["classes"] == ["Dress", "Pullover", "Shirt", "Sneaker", "T-shirt"]
    assert facts["check_images"] == 97  # `export` checks on the shipped demo photos (80 + 17 test)


def test_the_installed_command_answers_from_an_unrelated_folder(installed_app):
    proc = installed_app.run(str(installed_app.script), "--version", timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == "fewshot-studio 0.1.0", proc.stdout + proc.stderr
    assert not list(Path(installed_app.elsewhere).iterdir()), "the command wrote into the working folder"


# pyside6-essentials' modules that the app may use; the "pyside6" meta-package's Addons, WebEngine
# and Pdf (QtMultimedia, QtCharts, QtWebEngine*, QtPdf, …) are not installed with it.
ESSENTIALS = {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtSvgWidgets", "QtTest", "QtNetwork", "QtOpenGL",
              "QtOpenGLWidgets", "QtPrintSupport", "QtConcurrent", "QtDBus", "QtXml"}


def test_the_app_needs_only_qt_essentials():
    """Qt modules from pyside6-addons (QtMultimedia for a webcam, say) belong in an optional extra
    that names pyside6-addons, imported only when that feature is used."""
    import tomllib

    used = set()
    for path in [*(REPO / "fewshot_studio").rglob("*.py"), *(REPO / "tests").rglob("*.py")]:
        used |= set(re.findall(r"\bPySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    addons_extra = any(dep.lower().startswith("pyside6-addons") for deps in extras.values() for dep in deps)
    allowed = ESSENTIALS | ({"QtMultimedia", "QtMultimediaWidgets"} if addons_extra else set())
    assert used and used <= allowed, sorted(used - allowed)


# Switches for screenshots and the test suite: documented where they are read, not for users.
NOT_FOR_USERS = {"FEWSHOT_GUI_TAB", "FEWSHOT_GUI_MENU", "FEWSHOT_GUI_SIZE"}


def test_every_environment_variable_the_code_reads_is_in_the_readme():
    read = set()
    for path in (REPO / "fewshot_studio").rglob("*.py"):
        read |= set(re.findall(r"""environ(?:\.get)?[(\[]\s*["'](FEWSHOT_\w+)""", path.read_text(encoding="utf-8")))
        read |= set(re.findall(r"""getenv\(\s*["'](FEWSHOT_\w+)""", path.read_text(encoding="utf-8")))
    assert {"FEWSHOT_CACHE_DIR", "FEWSHOT_DEVICE", "FEWSHOT_CACHE_MAX_MB"} <= read  # the scan works
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Environment variables", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `(FEWSHOT_\w+)`", section, re.M))
    assert read - NOT_FOR_USERS == documented
    assert not NOT_FOR_USERS & set(re.findall(r"FEWSHOT_\w+", readme))


def test_the_resources_are_found_when_the_package_is_imported_from_a_zip(installed_app):
    """A wheel is a zip: imported straight from it (zipimport), the resources still come out as files."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import fewshot_studio.resources as r; "
            "d = r.resource_dir(); print(r.__file__); print(d); print((d / 'demo' / 'demo.fsproject').is_file(), "
            "(d / 'icons' / 'fewshot-studio.svg').is_file())")
    proc = installed_app.run(str(installed_app.python), "-I", "-c", code, str(installed_app.wheel), timeout=60)
    assert proc.returncode == 0, proc.stderr
    module, folder, found = proc.stdout.splitlines()
    assert module.startswith(str(installed_app.wheel)) and found == "True True", proc.stdout
    assert not Path(folder).exists(), "the extracted copy is removed at exit"
