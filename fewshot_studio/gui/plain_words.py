"""The words the window shows for the engine's technical terms, and the detail kept for tooltips.

The core names its stages and parts for programmers and the command line ("Embedding images",
"EfficientNet-Lite0", "CPU (2 cores)"); a first-time user needs what it means for them
("Looking at your photos", "Fast", "this computer's processor"). Translating here, at the edge of
the window, keeps the CLI and the logs precise and the window plain. The words are marked for
Qt's translation system (context "plain_words") and translated where they are shown.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fewshot_studio.core.features.backbone import BACKBONES, PRESETS
from fewshot_studio.core.features.backbone_file import SUFFIX
from fewshot_studio.core.util.words import CONTEXT, Words, message_of

STAGES = {
    "Embedding images": QT_TRANSLATE_NOOP("plain_words", "Looking at the photos"),
    "Evaluating on held-out images": QT_TRANSLATE_NOOP("plain_words", "Checking on photos it did not learn from"),
    "Fine-tuning: reading the images": QT_TRANSLATE_NOOP("plain_words", "Fine-tuning: reading the photos"),
    "Fine-tuning: choosing the schedule": QT_TRANSLATE_NOOP("plain_words", "Fine-tuning: trying settings"),
    "Labelling images": QT_TRANSLATE_NOOP("plain_words", "Sorting photos"),
    "Putting files back": QT_TRANSLATE_NOOP("plain_words", "Putting photos back"),
}
PRESET_NAMES = {"fast": QT_TRANSLATE_NOOP("plain_words", "Fast"), "balanced": QT_TRANSLATE_NOOP("plain_words", "Balanced"), "accurate": QT_TRANSLATE_NOOP("plain_words", "Accurate")}


def stage_text(stage: str) -> str:
    """The user's words for a core progress stage (unknown stages pass through unchanged)."""
    if stage in STAGES:
        return STAGES[stage]
    for prefix, plain in STAGES.items():
        if stage.startswith(prefix):
            return plain + stage[len(prefix):]
    return stage


def model_name(name: str) -> str:
    """"Fast", "Balanced" or "Accurate" for a stock backbone, the file's name for a backbone file."""
    for preset, stock in PRESETS.items():
        if stock == name:
            return PRESET_NAMES[preset]
    if name in BACKBONES:
        return name
    return Path(name).name.removesuffix(SUFFIX)


def technical_model_name(name: str) -> str:
    """"EfficientNet-Lite0 (224 px)": the detail a tooltip may carry."""
    if name in BACKBONES:
        return f"{name.replace('efficientnet-lite', 'EfficientNet-Lite')} ({BACKBONES[name].resolution} px)"
    return name


def device_text(technical: str) -> str:
    """Where learning runs, as a user would say it; the technical name goes to the tooltip."""
    if technical.startswith("GPU"):
        return QT_TRANSLATE_NOOP("plain_words", "Runs on the graphics card")
    if technical.startswith("CPU"):
        return QT_TRANSLATE_NOOP("plain_words", "Runs on the processor")
    return QT_TRANSLATE_NOOP("plain_words", "Not started yet")


def engine_text(said: "str | BaseException") -> str:
    """What the engine said (a warning, a reason a file was skipped, an exception's message), in
    the window's language: a ``core.util.words.Words`` is looked up by its English template and
    filled with the same values, translated too where they are Words themselves; anything else
    (an OS message, a user's file name) is shown as it is."""
    if isinstance(said, BaseException):
        said = message_of(said)
    if not isinstance(said, Words):
        return str(said)
    args = [engine_text(a) if isinstance(a, Words) else a for a in said.args]
    return QCoreApplication.translate(CONTEXT, said.template).format(*args)
