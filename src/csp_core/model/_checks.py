"""Validators shared by the model classes; each raises :class:`InvalidModel` naming its field."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn, Protocol

import attrs

from csp_core import limits
from csp_core.errors import InvalidModel

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_POSTCODE = re.compile(r"(?:GIR 0AA|[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2})")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_WEB = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def fail(path: str, message: str) -> NoReturn:
    """Raise :class:`InvalidModel` for one problem at ``path``."""
    raise InvalidModel([(path, message)])


def raise_all(problems: Sequence[tuple[str, str]]) -> None:
    """Raise :class:`InvalidModel` if ``problems`` is not empty."""
    if problems:
        raise InvalidModel(problems)


def slug(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Ids are lower-case slugs: stable in URLs, file names and calendar UIDs."""
    if len(value) > limits.MAX_ID_CHARS:
        fail(attribute.name, limits.ID_TOO_LONG.format(length=len(value)))
    if not SLUG.fullmatch(value):
        bad = limits.shown(value)
        fail(
            attribute.name,
            f"{bad} is not a valid id: use lower-case letters, digits and single hyphens "
            "(for example 'city-council' or '2019-10-17')",
        )


def text(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """Text fields, when given, must not be blank."""
    if value is not None and not value.strip():
        fail(attribute.name, "must not be empty")


def texts(_instance: object, attribute: attrs.Attribute[Any], value: Iterable[str]) -> None:
    """Every entry of a list of texts must be non-blank."""
    for index, item in enumerate(value):
        if not item.strip():
            fail(f"{attribute.name}[{index}]", "must not be empty")


def aware(_instance: object, attribute: attrs.Attribute[Any], value: dt.datetime | None) -> None:
    """Every moment in the model is timezone-aware, and a time that exists in its zone."""
    if value is None:
        return
    if value.utcoffset() is None:
        fail(attribute.name, "must be timezone-aware (give a time zone or an offset)")
    outside = limits.moment_out_of_range(value)
    if outside is not None:
        fail(attribute.name, outside)
    real = value.astimezone(dt.UTC).astimezone(value.tzinfo)
    if real.replace(tzinfo=None) != value.replace(tzinfo=None):
        fail(
            attribute.name,
            f"{value:%H:%M} on {long_date(value.date())} does not exist in {value.tzinfo} "
            "(clocks went forward)",
        )


def normalise_postcode(value: str) -> str:
    """Upper-case a UK postcode and put exactly one space before its inward code."""
    compact = "".join(value.split()).upper()
    if len(compact) < 5:
        return value
    return f"{compact[:-3]} {compact[-3:]}"


def postcode(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """A UK postcode such as 'CB23 6EA'."""
    if not _POSTCODE.fullmatch(value):
        fail(attribute.name, f"{limits.shown(value)} is not a UK postcode (for example 'CB23 6EA')")


def email(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """An email address, loosely checked: something@domain.tld with no spaces."""
    if value is not None and (not _EMAIL.fullmatch(value) or _CONTROL.search(value)):
        fail(attribute.name, f"{limits.shown(value)} is not an email address")


def web(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """An absolute http(s) address."""
    if value is None:
        return
    _no_control(attribute, value)
    if not _WEB.fullmatch(value):
        fail(
            attribute.name,
            f"{limits.shown(value)} is not a web address starting with https:// or http://",
        )


def _no_control(attribute: attrs.Attribute[Any], value: str) -> None:
    found = _CONTROL.search(value)
    if found:
        fail(
            attribute.name,
            limits.URL_CONTROL.format(value=limits.shown(value), code=ord(found[0])),
        )


def link(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """An absolute http(s) address or a relative path (no other schemes, no spaces)."""
    if value is None:
        return
    _no_control(attribute, value)
    if _SCHEME.match(value):
        if not _WEB.fullmatch(value):
            fail(
                attribute.name,
                f"{limits.shown(value)} is not an http(s) address or a relative path",
            )
    elif (
        not value
        or any(ch.isspace() for ch in value)
        or value.startswith(("/", "\\"))
        or ".." in value.replace("\\", "/").split("/")
    ):
        fail(
            attribute.name,
            f"{limits.shown(value)} is not an http(s) address or a path inside the data folder "
            "(relative, without '..')",
        )


def sha256(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """A SHA-256 digest in lower-case hex."""
    if value is not None and not _SHA256.fullmatch(value):
        fail(attribute.name, "must be a SHA-256 digest: 64 lower-case hexadecimal digits")


def duplicate_ids(items: Sequence[_HasId], field: str, what: str) -> list[tuple[str, str]]:
    """Problems for each item whose id repeats an earlier one in ``items``."""
    counts = Counter(item.id for item in items)
    seen: set[str] = set()
    problems: list[tuple[str, str]] = []
    for index, item in enumerate(items):
        if counts[item.id] > 1 and item.id in seen:
            problems.append((f"{field}[{index}].id", f"duplicate {what} id {item.id!r}"))
        seen.add(item.id)
    return problems


def utc(moment: dt.datetime) -> dt.datetime:
    """The same instant in UTC: compare moments this way.

    Python compares two datetimes that share a tzinfo by wall-clock time, ignoring ``fold``, so
    the two 01:30s of a clock-change night would compare equal; in UTC they do not.
    """
    return moment.astimezone(dt.UTC)


def long_date(day: dt.date) -> str:
    """'17 October 2019': the date as people read it in messages."""
    return f"{day.day} {day:%B %Y}"
