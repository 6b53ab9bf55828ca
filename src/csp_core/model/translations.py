"""Text in several languages: any public text field is one string or a map of language to text.

A plain string is in the partnership's primary language (the first of its ``languages``).  A
map gives the text per language (``title = { cy = "Cyfarfod y Bwrdd", en-GB = "Board meeting"
}``) and loads as a :class:`Text`: a ``str`` holding one language's text, so all code that reads
the model as strings keeps working, with every translation and the language of the text it
holds beside it.  The public view in a language holds each text in that language, or, where
the data has none in it, in the first language that has one, marked with its own language
(:attr:`Text.lang`), so outputs can label it (``lang``, ``xml:lang``, ``LANGUAGE``) rather than
mix languages silently.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from csp_core.model import _checks

__all__ = ["Text", "in_language", "language_of", "missing_translations", "texts_in"]


class Text(str):
    """A text with its translations: the ``str`` is the text in :attr:`lang`.

    Two texts are equal when they hold the same text in the same language with the same
    translations; compared with a plain ``str`` it compares as the text it holds.
    """

    translations: Mapping[str, str]
    """Every language's text, by BCP 47 tag, in the order the partnership lists languages."""
    lang: str
    """The language of the text the ``str`` holds."""

    def __new__(cls, translations: Mapping[str, str], lang: str) -> Text:
        """The text of ``translations`` in ``lang`` (one of its keys)."""
        made = super().__new__(cls, translations[lang])
        made.translations = MappingProxyType(dict(translations))
        made.lang = lang
        return made

    def in_language(self, wanted: str, order: Sequence[str]) -> Text:
        """The text in ``wanted``, or in the first language of ``order`` that has it."""
        if wanted in self.translations:
            return Text(self.translations, wanted)
        lang = next((tag for tag in order if tag in self.translations), self.lang)
        return Text(self.translations, lang)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Text):
            return (
                str.__eq__(self, other)
                and self.lang == other.lang
                and dict(self.translations) == dict(other.translations)
            )
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = str.__hash__

    def __repr__(self) -> str:
        return f"Text({dict(self.translations)!r}, {self.lang!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Text, (dict(self.translations), self.lang))


def language_of(value: str) -> str | None:
    """The language of a text from the data: a :class:`Text`'s, ``None`` for a plain string."""
    return value.lang if isinstance(value, Text) else None


def texts_in(value: object, path: str = "") -> Iterator[tuple[str, Text]]:
    """Every :class:`Text` in a model object, with its field path (``meetings[2].title``)."""
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from texts_in(item, f"{path}[{index}]")
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            inner = f"{path}.{field.name}" if path else field.name
            yield from texts_in(getattr(value, field.name), inner)


def missing_translations(
    value: object, languages: Sequence[str]
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """The texts given in some languages but not all of ``languages``: path, missing tags."""
    for path, text in texts_in(value):
        missing = tuple(tag for tag in languages if tag not in text.translations)
        if missing:
            yield path, missing


def in_language(value: Any, wanted: str, order: Sequence[str]) -> Any:
    """``value`` (a model object) with every public text in it in ``wanted``.

    A :class:`Text` is given in ``wanted``, or in the first language of ``order`` that has it.
    A plain string in a text field is the partnership's primary language's (``order[0]``): in
    another language's view it becomes a :class:`Text` in the primary language, so it is marked
    as such rather than passed off as ``wanted``.
    """
    if isinstance(value, Text):
        return value.in_language(wanted, order)
    if isinstance(value, tuple):
        items = tuple(in_language(item, wanted, order) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if attrs.has(type(value)):
        changes = {}
        for field in attrs.fields(type(value)):
            if not field.init:
                continue
            old = getattr(value, field.name)
            if field.validator is _checks.text or field.validator is _checks.texts:
                new = _text_in(old, wanted, order)
            else:
                new = in_language(old, wanted, order)
            if new is not old:
                changes[field.alias] = new
        return attrs.evolve(value, **changes) if changes else value
    return value


def _text_in(value: Any, wanted: str, order: Sequence[str]) -> Any:
    """A text field's value (a string, ``None`` or a tuple of strings) in ``wanted``."""
    if isinstance(value, tuple):
        items = tuple(_text_in(item, wanted, order) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, Text):
        return value.in_language(wanted, order)
    if isinstance(value, str) and order and wanted != order[0]:
        return Text({order[0]: value}, order[0])
    return value
