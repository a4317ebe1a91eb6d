"""English and Simplified Chinese through Qt's translation system.

Every visible string of the window is marked (``self.tr``, ``QCoreApplication.translate``,
``QT_TRANSLATE_NOOP``); the translations live as Qt Linguist sources in ``resources/i18n/*.ts``
(in the repository, reviewable as text). At start the chosen one is compiled with
``pyside6-lrelease`` into the cache folder (once per version of the file) and installed; where
lrelease is missing (a frozen build without it) the ``.ts`` is read directly, so a translation
never depends on a build step having run. The language follows the system locale unless the
user picked one in Help ▸ Language (it applies from the next start).
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

from fewshot_studio.core.util.atomic import atomic_write_text
from fewshot_studio.core.util.locations import cache_dir, config_dir

LANGUAGES = {"en": "English", "zh_CN": "中文（简体）"}


def ts_file(code: str) -> Path:
    from fewshot_studio.resources import resource_path

    return resource_path("i18n", f"fewshot_studio_{code}.ts")


def _settings() -> Path:
    return config_dir() / "language.json"


def chosen_language() -> str:
    """The language picked in Help ▸ Language, else the system's (Chinese or English)."""
    try:
        code = json.loads(_settings().read_text(encoding="utf-8")).get("language")
    except (OSError, ValueError, AttributeError):
        code = None
    if code in LANGUAGES:
        return code
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def set_language(code: str) -> None:
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    atomic_write_text(_settings(), json.dumps({"language": code}))


def _lrelease() -> str | None:
    import PySide6

    bundled = Path(PySide6.__file__).parent / "lrelease"
    return str(bundled) if bundled.is_file() else shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compiled(code: str) -> Path | None:
    """The ``.qm`` for ``code``, compiled from its ``.ts`` into the cache folder (None without lrelease)."""
    source = ts_file(code)
    tool = _lrelease()
    if tool is None or not source.is_file():
        return None
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    target = cache_dir() / "i18n" / f"fewshot_studio_{code}-{digest}.qm"
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp.qm")
        done = subprocess.run([tool, "-silent", str(source), "-qm", str(tmp)], capture_output=True)
        if done.returncode != 0 or not tmp.is_file():
            return None
        tmp.replace(target)
    return target


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> translation, the finished ones only."""
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr is not None and tr.text and tr.get("type") not in ("unfinished", "vanished", "obsolete"):
                out[(name, message.findtext("source") or "")] = tr.text
    return out


class TsTranslator(QTranslator):
    """Reads a ``.ts`` directly: the fallback when lrelease is not available."""

    def __init__(self, path: Path, parent=None):
        super().__init__(parent)
        self.table = read_ts(path)

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D401 - Qt override
        return self.table.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return not self.table


def install(app, code: str | None = None) -> str:
    """Install the translation for ``code`` (default: the chosen one); returns the code used."""
    code = code or chosen_language()
    QLocale.setDefault(QLocale(code))  # dates and numbers in the window's language, not the system's
    if code == "en":
        return code
    translators = []
    qt_own = QTranslator(app)  # Qt's own words (OK, Cancel, Close in standard dialogs)
    if qt_own.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt_own)
    ours = QTranslator(app)
    qm = compiled(code)
    if qm is not None and ours.load(str(qm)):
        translators.append(ours)
    elif ts_file(code).is_file():
        translators.append(TsTranslator(ts_file(code), app))
    for translator in translators:
        app.installTranslator(translator)
    app._fewshot_translators = translators  # keep them alive as long as the app
    return code
