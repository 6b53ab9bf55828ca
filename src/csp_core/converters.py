"""The one cattrs converter: plain data (from TOML, JSON or YAML) to the model and back.

Structuring is strict: unknown fields, wrong types and unparseable values are errors, never
coerced or ignored.  Local times ("2019-10-17T11:15") are read in the partnership's time zone, and
a local time that does not exist, or happens twice, at a clock change is an error.  Every error is
collected with its field path (see :func:`problems_from`).

TOML has no null, so a number whose ``None`` means something (field metadata ``OFF`` of
:mod:`csp_core.model.policy`: ``draft_agenda_days``, no draft agenda) is read from ``false`` and
dumped as ``false``; one whose ``None`` is spelt by leaving the field out (``LEFT_OUT``) refuses
``false`` and says so.  Enum members are dumped as their plain string values.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re
from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from typing import Any, get_args, get_origin
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from csp_core import limits
from csp_core.errors import InvalidModel
from csp_core.model import _checks, enums
from csp_core.model._checks import fail, long_date
from csp_core.model.policy import LEFT_OUT, OFF, UNIT
from csp_core.model.translations import Text

__all__ = ["in_zone", "localize", "make_converter", "problems_from"]

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_EXAMPLE_MOMENT = "2019-10-17T11:15"
_LARGEST_WHOLE = 10**9
NOT_TEXT_KEY = 'field names must be text (in YAML, quote keys such as "on" and "yes")'
# A number that may be None (see csp_core.model.policy: UNIT, OFF, LEFT_OUT): how to write it.
_NUMBER = "expected a whole number of {unit}, got {got}"
_NUMBER_OR_OFF = "expected a whole number of {unit}, or false for {off}, got {got}"
_TRUE_IS_NO_NUMBER = (
    "true is not a number of {unit}: write a whole number such as {default}, or false for {off}"
)
_UNQUOTED = "write {value} without quotes"
_LEAVE_OUT = "leave the field out for {left}"
_OFF_WORDS = frozenset({"false", "no", "none", "null", "nil", "off", "never", "n/a"})


def describe(value: object) -> str:
    """Name the kind of a plain value as an officer would: 'text', 'a number', 'a table'."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int):
        return f"a whole number ({limits.shown(value)})"
    if isinstance(value, float):
        return f"a decimal number ({value})"
    if isinstance(value, str):
        return f"text ({limits.shown(value)})"
    if isinstance(value, dt.datetime):
        return f"a date and time ({value.isoformat()})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, dt.time):
        return f"a time of day ({value.isoformat()})"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def _expected(what: str, value: object) -> InvalidModel:
    return InvalidModel([("", f"expected {what}, got {describe(value)}")])


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _expected("text", value)
    if len(value) > limits.MAX_TEXT_CHARS:
        fail("", limits.TEXT_TOO_LONG.format(length=len(value)))
    half = next((ch for ch in value if "\ud800" <= ch <= "\udfff"), None)
    if half is not None:
        fail("", limits.SURROGATE.format(code=ord(half)))
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _expected("true or false", value)
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _expected("a whole number", value)
    if abs(value) > _LARGEST_WHOLE:
        fail("", f"{limits.shown(value)} is too large: at most {_LARGEST_WHOLE:,} here")
    return value


def _structure_number_or_none(field: attrs.Attribute[Any]) -> Callable[[object, Any], int | None]:
    """The hook of a number whose ``None`` is written ``false`` (OFF) or left out (LEFT_OUT)."""
    unit, off, left = field.metadata[UNIT], field.metadata.get(OFF), field.metadata.get(LEFT_OUT)

    def structure(value: object, _: Any) -> int | None:
        if value is None or (value is False and off is not None):
            return None  # false, or JSON's and YAML's null
        if isinstance(value, int) and not isinstance(value, bool):
            return _structure_int(value, int)
        if value is True and off is not None:
            fail("", _TRUE_IS_NO_NUMBER.format(unit=unit, default=field.default, off=off))
        got = describe(value)
        expected = _NUMBER_OR_OFF if off is not None else _NUMBER
        text = value.strip() if isinstance(value, str) else ""
        advice: list[str] = []
        if text.isascii() and text.isdigit():
            advice.append(_UNQUOTED.format(value=text))
        elif off is not None and text.lower() in _OFF_WORDS:
            advice.append(_UNQUOTED.format(value="false"))
        if left is not None:
            advice.append(_LEAVE_OUT.format(left=left))
        message = expected.format(unit=unit, off=off, got=got)
        raise InvalidModel([("", f"{message}: {', or '.join(advice)}" if advice else message)])

    return structure


def _off_as_false(value: object) -> object:
    return False if value is None else value


def _has_off(cl: Any) -> bool:
    return attrs.has(cl) and any(OFF in field.metadata for field in attrs.fields(cl))


def _unstructure_off_factory(converter: cattrs.Converter) -> Callable[[type], Callable[..., Any]]:
    """Unstructure a class with OFF numbers, writing ``None`` as ``false`` (TOML has no null)."""

    def factory(cl: type) -> Callable[..., Any]:
        offs: dict[str, Any] = {
            field.name: override(unstruct_hook=_off_as_false)
            for field in attrs.fields(cl)
            if OFF in field.metadata
        }
        return make_dict_unstructure_fn(cl, converter, _cattrs_omit_if_default=True, **offs)

    return factory


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _expected("a number", value)
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        fail("", "must be a finite number")
    return number


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        fail("", f"expected a date such as 2019-10-17, got a date and time ({value.isoformat()})")
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            fail("", f"{limits.shown(value)} is not a date (write it as 2019-10-17)")
    if not isinstance(value, dt.date):
        raise _expected("a date such as 2019-10-17", value)
    outside = limits.day_out_of_range(value)
    if outside is not None:
        fail("", outside)
    return value


def _structure_zone(value: object, _: type) -> ZoneInfo:
    if not isinstance(value, str):
        raise _expected("a time zone name such as 'Europe/London'", value)
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        fail(
            "",
            f"unknown time zone {limits.shown(value)} (use an IANA name such as 'Europe/London')",
        )


def _clock(moment: dt.datetime) -> str:
    return f"{moment:%H:%M:%S}" if moment.second or moment.microsecond else f"{moment:%H:%M}"


def localize(naive: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """Read a wall-clock time in ``zone``; refuse times skipped or repeated by a clock change.

    Raises:
        InvalidModel: the time does not exist in ``zone`` (clocks went forward) or is
            ambiguous (clocks went back; the message says which offsets to write).

    """
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    round_trip = first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    when = f"{_clock(naive)} on {long_date(naive.date())}"
    if round_trip != naive:
        fail("", f"{when} does not exist in {zone.key} (clocks went forward)")
    first_offset, second_offset = first.utcoffset(), second.utcoffset()
    if first_offset != second_offset and first_offset is not None and second_offset is not None:
        fail(
            "",
            f"{when} happens twice in {zone.key} (clocks went back): write it with its offset, "
            f"{_offset(first_offset)} for the first or {_offset(second_offset)} for the second",
        )
    return first


def _offset(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _structure_datetime(zone: ZoneInfo, value: object) -> dt.datetime:
    if isinstance(value, str):
        if _DATE_ONLY.fullmatch(value.strip()):
            fail(
                "",
                f"expected a date and time such as {_EXAMPLE_MOMENT}, "
                f"got a date only ({limits.shown(value)})",
            )
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            fail(
                "",
                f"{limits.shown(value)} is not a date and time (write it as {_EXAMPLE_MOMENT})",
            )
    if not isinstance(value, dt.datetime):
        raise _expected(f"a date and time such as {_EXAMPLE_MOMENT}", value)
    return in_zone(value, zone)


def in_zone(value: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A date-time as written (local to ``zone`` unless it has an offset), in ``zone``.

    Raises:
        InvalidModel: the moment lies outside the years csp-core handles (as written, or in
            ``zone``), or is a local time that does not exist or happens twice in ``zone``.

    """
    outside = limits.moment_out_of_range(value)
    if outside is None:
        if value.tzinfo is None or value.utcoffset() is None:
            value = localize(value.replace(tzinfo=None), zone)
        else:
            value = value.astimezone(zone)
        outside = limits.moment_out_of_range(value)
    if outside is not None:
        fail("", outside)
    return value


def _structure_enum(enum: type[Enum]) -> Callable[[object, type], Enum]:
    values = [member.value for member in enum]

    def structure(value: object, _: type) -> Enum:
        if isinstance(value, str) and value in values:
            return enum(value)
        hint = [v for v in values if isinstance(value, str) and value and v.startswith(value)]
        hint = hint or (["none"] if value is False and "none" in values else [])
        hint = hint or difflib.get_close_matches(str(value), values, n=1)
        suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
        shown = limits.shown(value) if isinstance(value, str) else describe(value)
        raise InvalidModel([("", f"{shown} is not one of: {', '.join(values)}{suggestion}")])

    return structure


def _enum_value(member: Enum) -> object:
    return member.value


def _is_tuple(cl: Any) -> bool:
    return get_origin(cl) is tuple


def _structure_tuple_factory(
    converter: cattrs.Converter,
) -> Callable[[Any], Callable[[object, Any], tuple[Any, ...]]]:
    def factory(cl: Any) -> Callable[[object, Any], tuple[Any, ...]]:
        (item_type, *_) = get_args(cl)

        def structure(value: object, _: Any) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise _expected("a list", value)
            items: list[Any] = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                try:
                    items.append(converter.structure(item, item_type))
                except Exception as error:  # noqa: BLE001 - collected with its index
                    error.__notes__ = [
                        *getattr(error, "__notes__", []),
                        IterableValidationNote(f"@ index {index}", index, item_type),
                    ]
                    errors.append(error)
            if errors:
                raise IterableValidationError(f"While structuring {cl!r}", errors, cl)
            return tuple(items)

        return structure

    return factory


def _structure_text_factory(languages: tuple[str, ...]) -> Callable[[object, Any], str]:
    """A public text field: one string, or a map of the partnership's languages to text."""

    def structure(value: object, _: Any) -> str:
        if not isinstance(value, Mapping):
            return _structure_str(value, str)
        problems: list[tuple[str, str]] = []
        given: dict[str, str] = {}
        for key, text in value.items():
            if not isinstance(key, str) or key not in languages:
                listed = ", ".join(languages)
                problems.append(
                    (
                        str(key),
                        f"{key!r} is not one of the partnership's languages ({listed}): "
                        "give the text in those, or add the language to `languages`",
                    )
                )
            elif not isinstance(text, str):
                problems.append((key, f"expected text, got {describe(text)}"))
            elif not text.strip():
                problems.append((key, "must not be empty"))
            else:
                given[key] = _structure_str(text, str)
        if not value:
            problems.append(("", "give the text, or a table of it by language"))
        if problems:
            raise InvalidModel(problems)
        ordered = {tag: given[tag] for tag in languages if tag in given}
        return Text(ordered, next(iter(ordered)))

    return structure


def _structure_texts_factory(languages: tuple[str, ...]) -> Callable[[object, Any], Any]:
    """A list of public texts: each one string or a map of language to text."""
    one = _structure_text_factory(languages)

    def structure(value: object, _: Any) -> tuple[str, ...]:
        if not isinstance(value, list | tuple):
            raise _expected("a list", value)
        found: list[str] = []
        problems: list[tuple[str, str]] = []
        for index, item in enumerate(value):
            try:
                found.append(one(item, str))
            except InvalidModel as error:
                problems += [(f"[{index}]" + (f".{p}" if p else ""), m) for p, m in error.problems]
        if problems:
            raise InvalidModel(problems)
        return tuple(found)

    return structure


def _none_or(hook: Callable[[object, Any], str]) -> Callable[[object, Any], str | None]:
    """An optional text: ``null`` (a YAML key with no value) is the same as leaving it out."""

    def structure(value: object, kind: Any) -> str | None:
        return None if value is None else hook(value, kind)

    return structure


def _structure_attrs_factory(
    converter: cattrs.Converter, languages: tuple[str, ...]
) -> Callable[[type], Callable[[object, type], Any]]:
    text = _structure_text_factory(languages)
    texts = _structure_texts_factory(languages)

    def factory(cl: type) -> Callable[[object, type], Any]:
        numbers: dict[str, Any] = {
            field.name: override(struct_hook=_structure_number_or_none(field))
            for field in attrs.fields(cl)
            if UNIT in field.metadata
        }
        numbers.update(
            (field.name, override(struct_hook=_none_or(text) if field.default is None else text))
            for field in attrs.fields(cl)
            if field.validator is _checks.text
        )
        numbers.update(
            (field.name, override(struct_hook=texts))
            for field in attrs.fields(cl)
            if field.validator is _checks.texts
        )
        generated: Callable[[Mapping[str, Any], Any], Any] = make_dict_structure_fn(
            cl,
            converter,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=True,
            **numbers,
        )

        def structure(value: object, _: type) -> Any:
            if isinstance(value, cl):
                return value  # already built: the meetings the loader expands from a series
            if not isinstance(value, Mapping):
                raise _expected("a table of fields", value)
            keys = [key for key in value if not isinstance(key, str)]
            if keys:
                raise InvalidModel((str(key).lower(), NOT_TEXT_KEY) for key in keys)
            return generated(value, cl)

        return structure

    return factory


@functools.cache
def make_converter(zone: ZoneInfo, languages: tuple[str, ...] = ("en-GB",)) -> cattrs.Converter:
    """The converter for a partnership whose local times are in ``zone``.

    Public text fields take one string or a map of ``languages`` to text (a
    :class:`~csp_core.model.translations.Text`).  One converter serves loading and dumping; it
    is cached per zone and languages.
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True, detailed_validation=True, omit_if_default=True
    )
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_structure_hook(
        dt.datetime, lambda value, _: _structure_datetime(zone, value)
    )
    converter.register_structure_hook(ZoneInfo, _structure_zone)
    # Each enum by its own class: more specific than str, so the str hook never catches them.
    for name in enums.__all__:
        enum = getattr(enums, name)
        converter.register_structure_hook(enum, _structure_enum(enum))
        # Its value, a plain str: a str subclass would stop yaml.safe_dump (and other writers).
        converter.register_unstructure_hook(enum, _enum_value)
    converter.register_structure_hook_factory(_is_tuple, _structure_tuple_factory(converter))
    converter.register_structure_hook_factory(
        attrs.has, _structure_attrs_factory(converter, languages)
    )
    # A text in several languages is written as its map; a plain string as it is.
    converter.register_unstructure_hook(
        str, lambda value: dict(value.translations) if isinstance(value, Text) else value
    )

    converter.register_unstructure_hook(dt.datetime, lambda value: value.isoformat())
    converter.register_unstructure_hook(dt.date, lambda value: value.isoformat())
    converter.register_unstructure_hook(ZoneInfo, lambda value: value.key)
    converter.register_unstructure_hook_factory(
        _is_tuple,
        lambda cl: lambda value: [converter.unstructure(item) for item in value],
    )
    converter.register_unstructure_hook_factory(_has_off, _unstructure_off_factory(converter))
    return converter


def _join(path: str, part: str) -> str:
    if not part:
        return path
    if not path or part.startswith("["):
        return f"{path}{part}"
    return f"{path}.{part}"


def problems_from(error: BaseException, path: str = "") -> Iterator[tuple[str, str]]:
    """Flatten a structuring failure into ``(field.path[index].name, message)`` pairs."""
    if isinstance(error, BaseValidationError):
        for inner in error.exceptions:
            inner_path = path
            for note in getattr(inner, "__notes__", []):
                if isinstance(note, AttributeValidationNote):
                    inner_path = _join(path, note.name)
                elif isinstance(note, IterableValidationNote):
                    inner_path = _join(path, f"[{note.index}]")
            yield from problems_from(inner, inner_path)
    elif isinstance(error, ForbiddenExtraKeysError):
        known = [field.name for field in attrs.fields(error.cl)]
        for name in sorted(error.extra_fields):
            hint = difflib.get_close_matches(name, known, n=1)
            suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
            yield _join(path, name), f"unknown field{suggestion}"
    elif isinstance(error, InvalidModel):
        for relative, message in error.problems:
            yield _join(path, relative), message
    elif isinstance(error, KeyError):
        yield path, "required field is missing"
    else:
        yield path, str(error) or type(error).__name__
