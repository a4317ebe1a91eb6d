"""Chinese and English through Qt's translation system: every marked string has a finished
Chinese translation, and the window in Chinese shows no English word of the app's own."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu

from fewshot_studio.gui import i18n

REPO = Path(__file__).resolve().parents[2]
# Words that stay as they are in Chinese: the app's name, file kinds, keys.
KEEP = {"Fewshot", "Studio", "ONNX", "fewshot", "Ctrl", "Shift", "Space", "Del", "F2", "pip", "studio", "accurate",
        "backbone", "metatrain", "English"}


def _lupdate() -> str:
    """PySide6's own lupdate (it reads Python), as pip installs it."""
    import PySide6

    bundled = Path(PySide6.__file__).parent / "lupdate"
    return str(bundled) if bundled.is_file() else shutil.which("pyside6-lupdate") or "pyside6-lupdate"


def test_every_marked_string_has_a_chinese_translation(tmp_path):
    # The window's own words, and the engine's (warnings, reasons a file was skipped) that it shows.
    engine = [p for p in (REPO / "fewshot_studio" / "core").rglob("*.py") if 'QT_TRANSLATE_NOOP("engine"' in p.read_text()]
    assert len(engine) >= 4, engine
    sources = sorted(str(p) for p in [*(REPO / "fewshot_studio" / "gui").rglob("*.py"), *engine])
    fresh = tmp_path / "now.ts"
    subprocess.run([_lupdate(), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    import xml.etree.ElementTree as ET

    marked = {(c.findtext("name"), m.findtext("source")) for c in ET.parse(fresh).getroot().iter("context")
              for m in c.iter("message")}
    shipped = i18n.read_ts(i18n.ts_file("zh_CN"))
    missing = sorted(k for k in marked if k not in shipped)
    assert len(marked) > 100 and not missing, f"no Chinese for: {missing}"
    stale = sorted(k for k in shipped if k not in marked)  # words the app no longer says
    assert not stale, f"translated but no longer in the app: {stale}"
    placeholders = [k for k, v in shipped.items() if set(re.findall(r"\{\d\}", k[1])) != set(re.findall(r"\{\d\}", v))]
    assert not placeholders, placeholders


def test_the_engine_speaks_chinese_in_the_chinese_window(qapp, chinese, tmp_path):
    """What the core says in English (the CLI keeps it) reaches the Chinese window in Chinese, values
    and the user's own names kept; an OS message or a file name passes through as it is."""
    from fewshot_studio.core.classifier.data_checks import check_counts
    from fewshot_studio.core.classifier.training import NotEnoughData, train_classifier
    from fewshot_studio.core.imaging.images import ImageLoadError, load_image
    from fewshot_studio.gui.plain_words import engine_text

    tiny, unbalanced = check_counts(["猫", "dogs"], [1, 9])
    assert tiny.message == "“猫” has only 1 image; add at least 3 so the accuracy means something."
    assert engine_text(tiny.message) == "“猫”只有 1 张照片；请至少添加到 3 张，准确率才有意义。"
    assert engine_text(unbalanced.message).startswith("各类别的照片数量相差很大：“dogs”有 9 张")
    (tmp_path / "empty.png").write_bytes(b"")
    with pytest.raises(ImageLoadError) as err:
        load_image(tmp_path / "empty.png")
    assert engine_text(err.value.reason) == "文件是空的（0 字节）"
    with pytest.raises(NotEnoughData) as err:
        train_classifier({"only": [str(tmp_path / "empty.png")]})
    assert engine_text(err.value) == "请至少添加两个类别，每个类别至少一张照片。"
    assert engine_text("No such file or directory") == "No such file or directory"
    assert engine_text(ValueError("plain")) == "plain"


def test_a_file_that_cannot_be_opened_is_explained_in_chinese(qtbot, chinese, window, tmp_path):
    """A damaged project and a file that is not a classifier: the engine's English (the CLI's) reaches
    the Chinese window in Chinese, the sentence and the detail it wraps both translated, the file's
    name and a library's own message kept as they are."""
    import json
    import zipfile

    from fewshot_studio.core.classifier.file_format import ClassifierFileError, describe_classifier_file
    from fewshot_studio.core.project import FORMAT_NAME, ProjectError, load_project
    from fewshot_studio.gui.dialogs.label_dialog import LabelDialog
    from fewshot_studio.gui.plain_words import engine_text

    bad = tmp_path / "cats.fsproject"
    bad.write_text(json.dumps({"format": FORMAT_NAME, "version": 1, "classes": [{"name": "a", "images": "x.jpg"}]}),
                   encoding="utf-8")
    with pytest.raises(ProjectError) as err:
        load_project(bad)
    assert str(err.value) == "cats.fsproject is damaged: the images of class 1 is not a list of file names."
    assert engine_text(err.value) == "cats.fsproject 已损坏：第 1 个类别的照片不是一个文件名列表。"
    assert window.session.open_file(bad) is False
    [notice] = [n for n in window.notices.notices if n.key == "open"]
    assert notice.text == "cats.fsproject 已损坏：第 1 个类别的照片不是一个文件名列表。"

    wrong = tmp_path / "notes.fewshot"
    with zipfile.ZipFile(wrong, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"format": "shopping-list"}))
        zf.writestr("head.safetensors", b"")
    with pytest.raises(ClassifierFileError) as err:
        describe_classifier_file(wrong)
    assert str(err.value) == "notes.fewshot is not a Fewshot Studio classifier file (wrong format tag)"
    assert engine_text(err.value) == "notes.fewshot 不是 Fewshot Studio 分类器文件（格式标记不对）"
    dialog = LabelDialog(model_path=str(wrong))
    qtbot.addWidget(dialog)
    try:
        assert dialog.status.text() == "notes.fewshot 不是 Fewshot Studio 分类器文件（格式标记不对）"
    finally:
        dialog.runner.shutdown()
    text = tmp_path / "text.fewshot"
    text.write_text("not a zip", encoding="utf-8")
    with pytest.raises(ClassifierFileError) as err:
        describe_classifier_file(text)
    assert engine_text(err.value) == "text.fewshot 已损坏或不完整，或者不是分类器文件（File is not a zip file）"


def test_the_ts_compiles_and_the_fallback_reads_the_same(tmp_path):
    qm = i18n.compiled("zh_CN")
    assert qm is not None and qm.stat().st_size > 1000
    fallback = i18n.TsTranslator(i18n.ts_file("zh_CN"))
    assert fallback.translate("MainWindow", "Learn now") == "立即学习"


@pytest.fixture
def chinese(qapp):
    from PySide6.QtCore import QLocale

    before, locale = list(getattr(qapp, "_fewshot_translators", [])), QLocale()
    assert i18n.install(qapp, "zh_CN") == "zh_CN"
    yield
    for t in qapp._fewshot_translators:
        qapp.removeTranslator(t)
    qapp._fewshot_translators = before
    QLocale.setDefault(locale)


def _texts(holder) -> list[str]:
    return [w.text() for kind in (QLabel, QAbstractButton) for w in holder.findChildren(kind)]


def _english_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z]{3,}", text.replace("&", "")) if w not in KEEP]


def test_the_window_in_chinese_shows_no_english_of_its_own(qtbot, chinese, pictures):
    from gui_helpers import drop_files

    from fewshot_studio.gui.main_window import MainWindow

    window = MainWindow(debounce_ms=30, warm_up=False)
    window.trainer.auto = False
    window.show()
    qtbot.waitExposed(window)
    try:
        shown = []
        for menu in window.menuBar().findChildren(QMenu):
            shown += [a.text() for a in menu.actions() if not a.isSeparator()]
            shown.append(menu.title())
        shown += [a.text() for a in window.toolbar.actions() if not a.isSeparator()]
        shown += [t for t in _texts(window.empty) if "/" not in t]  # recent project paths are the user's
        shown += [w.text() for w in window.status.findChildren(QLabel)]
        drop_files(qtbot, window, window.buckets.new_class_zone, [pictures["bag"][0].parent])
        names = {b.name for b in window.project.classes}  # the user's own words stay as they are
        for holder in (window.buckets, window.results):
            shown += [t for t in _texts(holder) if t not in names]
        shown += [window.results.tabs.tabText(i) for i in range(window.results.tabs.count())]
        shown = [re.sub(r"<[^>]+>", "", t) for t in shown]  # rich text: the words, not the markup
        english = {t: _english_words(t) for t in shown if _english_words(t)}
        assert not english, english
    finally:
        window.shutdown()
        window.close()
        window.deleteLater()


def test_the_restore_question_says_its_date_in_chinese(qtbot, chinese, window, pictures, monkeypatch):
    """The autosave's time was formatted by Python ("05 Mar 2026"): the question is now all Chinese."""
    import json

    from gui_helpers import drop_files
    from PySide6.QtWidgets import QMessageBox

    from fewshot_studio.gui.app import offer_autosave
    from fewshot_studio.gui.main_window import MainWindow

    drop_files(qtbot, window, window.buckets.new_class_zone, [pictures["bag"][0].parent])
    window.session.autosave()
    data = json.loads(window.session.slot.file.read_text())
    data["autosave"]["pid"] = 2**22 + 4321  # as if written by a process that has died
    window.session.slot.file.write_text(json.dumps(data))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: asked.append((title, text)) or
                        QMessageBox.StandardButton.No)
    second = MainWindow(debounce_ms=30, warm_up=False)
    try:
        offer_autosave(second)
    finally:
        second.shutdown()
        second.close()
        second.deleteLater()
    title, text = asked[0]
    assert title == "恢复未保存的工作？" or not _english_words(title), title
    assert not [w for w in _english_words(text) if w != "bag"], text
