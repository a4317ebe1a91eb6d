"""Sentences the engine says to people, translatable by the window without Qt in the core.

The core speaks English: the command line, logs, exceptions and tests read it as plain strings.
A ``Words`` is such a string that also remembers its template and values, so the window can look
the template up in Qt's translation (context ``CONTEXT``) and fill in the same values, in the
user's language. Templates are marked with ``QT_TRANSLATE_NOOP`` because that is the name Qt's
``lupdate`` collects from Python sources; here it only returns a ``Words``.
"""
from __future__ import annotations

CONTEXT = "engine"


class Words(str):
    """The English text, with ``template`` and ``args`` for a translation to fill in."""

    template: str
    args: tuple

    def __new__(cls, template: str, *args: object) -> "Words":
        self = super().__new__(cls, template.format(*args) if args else template)
        self.template, self.args = template, args
        return self

    def format(self, *args: object) -> "Words":  # noqa: A003 - str.format, keeping the template
        return Words(self.template, *args)

    def __reduce__(self):  # pickles (to worker processes) as itself, not as a plain str
        return Words, (self.template, *self.args)


def QT_TRANSLATE_NOOP(context: str, template: str) -> Words:  # noqa: N802 - the name lupdate looks for
    if context != CONTEXT:
        raise ValueError(f"engine words belong to the {CONTEXT!r} translation context, not {context!r}")
    return Words(template)


def message_of(exc: BaseException) -> str:
    """What ``exc`` says: its ``Words`` when it was raised with one, so that a message wrapping it
    (``"{0}: {1}"``) is translated whole; else its plain text (an OS or library message)."""
    return exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], Words) else str(exc)


def plural(n: int, one: Words, many: Words, *more: object) -> Words:
    """``one`` or ``many`` filled with ``n`` (then ``more``): "1 image" but "2 images". Languages
    without plurals translate both the same way."""
    return (one if n == 1 else many).format(n, *more)


__all__ = ["CONTEXT", "QT_TRANSLATE_NOOP", "Words", "message_of", "plural"]
