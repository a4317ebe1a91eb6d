"""The engine's sentences: plain English strings everywhere, with what a translation needs kept."""
from __future__ import annotations

import json
import pickle

import pytest

from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP, Words, plural


def test_words_are_their_english_and_keep_template_and_values():
    said = QT_TRANSLATE_NOOP("engine", "{0} of {1} photos").format(3, 4)
    assert said == "3 of 4 photos" and isinstance(said, str)
    assert (said.template, said.args) == ("{0} of {1} photos", (3, 4))
    assert f"{said}!" == "3 of 4 photos!" and json.dumps(said) == '"3 of 4 photos"'
    again = pickle.loads(pickle.dumps(said))  # to a labelling worker process and back
    assert isinstance(again, Words) and (again, again.template, again.args) == (said, said.template, said.args)


def test_plural_picks_the_english_form_by_count():
    one, many = QT_TRANSLATE_NOOP("engine", "{0} image in “{1}”"), QT_TRANSLATE_NOOP("engine", "{0} images in “{1}”")
    assert plural(1, one, many, "cats") == "1 image in “cats”"
    assert plural(0, one, many, "cats") == "0 images in “cats”"
    assert plural(2, one, many, "cats").template == many.template


def test_the_marker_only_takes_the_engine_context():
    with pytest.raises(ValueError):
        QT_TRANSLATE_NOOP("MainWindow", "a window's words belong to the window")


def test_a_wrapped_message_keeps_the_inner_words():
    from fewshot_studio.core.util.words import message_of

    inner = ValueError(QT_TRANSLATE_NOOP("engine", "class {0} has no name").format(2))
    outer = QT_TRANSLATE_NOOP("engine", "{0}: {1}").format("cats.fsproject", message_of(inner))
    assert outer == "cats.fsproject: class 2 has no name" and isinstance(outer.args[1], Words)
    assert message_of(KeyError("x")) == "'x'" and not isinstance(message_of(KeyError("x")), Words)
