"""Publisher options: declared once with a parser and a default, checked before anything renders.

A publisher declares its options as :class:`Option` values; ``csp build --option
ical.refresh_interval=PT6H`` gives text, which the core parses with the option's own parser
before any publisher runs (a bad value stops the build with exit code 2, naming the publisher
and the option).  The publisher reads the typed value with :meth:`BuildContext.value
<csp_core.publishing.BuildContext.value>`::

    REFRESH = Option.duration("refresh_interval", "how often to fetch again", default="PT12H")
    ...
    interval: datetime.timedelta = context.value(REFRESH)

The parsers raise :class:`ValueError` with a message that shows the value and what would work;
the core adds which publisher and option it was.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection
from typing import Generic, TypeVar

import attrs

__all__ = [
    "DEFAULT_TAG_AUTHORITY",
    "FALSE_WORDS",
    "TRUE_WORDS",
    "Option",
    "parse_duration",
    "parse_flag",
    "parse_meeting_page",
    "parse_tag_authority",
]

T = TypeVar("T")

#: The spellings of a yes/no option, compared without case or surrounding spaces.
TRUE_WORDS = frozenset({"true", "yes", "on", "1"})
FALSE_WORDS = frozenset({"false", "no", "off", "0"})

# RFC 5545 section 3.3.6 (ISO 8601's duration, without years and months): "P1W", "P1D",
# "P1DT2H", "PT12H", "PT90M".
_DURATION = re.compile(
    r"P(?:(?P<weeks>\d+)W|(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?)",
    re.ASCII,
)


def parse_flag(value: str) -> bool:
    """``true``/``yes``/``on``/``1`` or ``false``/``no``/``off``/``0``, in any case.

    Raises:
        ValueError: anything else.
    """
    text = value.strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    msg = f"{value!r} is not true or false"
    raise ValueError(msg)


def parse_duration(value: str) -> dt.timedelta:
    """A positive RFC 5545 duration (``PT12H``, ``PT90M``, ``P1D``, ``P1W``) as a timedelta.

    Raises:
        ValueError: not such a duration, zero, or too long for a timedelta.
    """
    text = value.strip().upper()
    found = _DURATION.fullmatch(text)
    if found is None or text.endswith(("P", "T")):
        msg = f"{value!r} is not an RFC 5545 duration (for example PT12H, PT90M, P1D or P1W)"
        raise ValueError(msg)
    amounts = {unit: int(amount) for unit, amount in found.groupdict().items() if amount}
    try:
        duration = dt.timedelta(**amounts)
    except OverflowError:
        msg = f"{value!r} is too long a duration"
        raise ValueError(msg) from None
    if duration <= dt.timedelta(0):
        msg = f"{value!r} must be longer than zero"
        raise ValueError(msg)
    return duration


#: The tagging entity of feed ids (RFC 4151 ``tag:`` URIs) when none is set: a name nobody can
#: own, and a fixed date, so ids made with it never change with the data, the build or the instant.
DEFAULT_TAG_AUTHORITY = "csp-core.invalid,2024"

# RFC 4151 section 2.1: taggingEntity = authorityName "," date, where authorityName is a DNS
# name or an email address and date is YYYY, YYYY-MM or YYYY-MM-DD.
_DNS_NAME = (
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
)
_TAGGING_ENTITY = re.compile(
    rf"(?:[A-Za-z0-9!$&'()*+.;=_~-]+@)?{_DNS_NAME},"
    r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?",
    re.ASCII,
)


def parse_tag_authority(value: str) -> str:
    """An RFC 4151 tagging entity, ``DOMAIN,DATE``: what every feed's ids are made under.

    Raises:
        ValueError: not such an entity.
    """
    text = value.strip()
    if not _TAGGING_ENTITY.fullmatch(text):
        msg = (
            f"{value!r} is not an RFC 4151 tagging entity "
            "DOMAIN,DATE (for example cambridge.gov.uk,2024)"
        )
        raise ValueError(msg)
    return text


def parse_meeting_page(value: str) -> str | None:
    """A meeting's page under the base URL as a pattern with ``{meeting}``; empty for none.

    Raises:
        ValueError: an absolute address, no ``{meeting}``, spaces, or another field.
    """
    text = value.strip()
    if not text:
        return None
    if (
        "{meeting}" not in text
        or text.startswith("/")
        or "://" in text
        or any(ch.isspace() for ch in text)
    ):
        msg = (
            f"{value!r} must be a path under the base URL holding "
            "{meeting}, such as meetings/{meeting}.html, or empty"
        )
        raise ValueError(msg)
    try:
        text.format(meeting="x")
    except (KeyError, IndexError, ValueError) as error:
        msg = f"{value!r} may hold only the field {{meeting}}"
        raise ValueError(msg) from error
    return text


def _text(value: str) -> str:
    return value.strip()


def _whole_number(low: int, high: int | None) -> Callable[[str], int]:
    def parse(value: str) -> int:
        text = value.strip()
        number = int(text) if text.isascii() and text.isdigit() else None
        if number is None or number < low or (high is not None and number > high):
            upper = f" and at most {high}" if high is not None else ""
            msg = f"{value!r} is not a whole number of at least {low}{upper}"
            raise ValueError(msg)
        return number

    return parse


def _choice(choices: Collection[str]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        text = value.strip()
        if text not in choices:
            msg = f"{value!r} is not one of {', '.join(sorted(choices))}"
            raise ValueError(msg)
        return text

    return parse


@attrs.frozen(kw_only=True)
class Option(Generic[T]):
    """A setting a publisher accepts: ``csp build --option ical.refresh_interval=PT6H``.

    Declare it with one of the constructors (:meth:`text`, :meth:`flag`, :meth:`whole_number`,
    :meth:`choice`, :meth:`duration`) or with your own ``parse`` function, which takes the text
    and returns the typed value or raises :class:`ValueError` saying what is wrong with it.
    """

    name: str
    """Lower-case with underscores: ``refresh_interval``."""
    help: str
    """One line for ``csp plugins``: what it does and what values it takes."""
    default: str
    """The value when none is given, as it would be written on the command line."""
    parse: Callable[[str], T] = attrs.field(eq=False, repr=False)
    """Turns the text into the typed value; raises ``ValueError`` for a bad one."""

    def value(self, text: str | None = None) -> T:
        """The typed value of ``text``, or of the default when ``text`` is ``None``.

        Raises:
            ValueError: the text is not a value of this option.
        """
        return self.parse(self.default if text is None else text)

    @classmethod
    def text(cls, name: str, help: str, *, default: str = "") -> Option[str]:
        """Any text, with surrounding spaces removed (empty allowed)."""
        return Option(name=name, help=help, default=default, parse=_text)

    @classmethod
    def flag(cls, name: str, help: str, *, default: bool) -> Option[bool]:
        """Yes or no: see :func:`parse_flag` for the spellings."""
        return Option(
            name=name, help=help, default="true" if default else "false", parse=parse_flag
        )

    @classmethod
    def whole_number(
        cls,
        name: str,
        help: str,
        *,
        default: int,
        low: int = 0,
        high: int | None = None,
    ) -> Option[int]:
        """A whole number from ``low`` up to ``high`` (no upper bound when ``None``)."""
        return Option(name=name, help=help, default=str(default), parse=_whole_number(low, high))

    @classmethod
    def choice(
        cls,
        name: str,
        help: str,
        *,
        default: str,
        choices: Collection[str],
    ) -> Option[str]:
        """One of ``choices``, exactly as written there."""
        return Option(name=name, help=help, default=default, parse=_choice(frozenset(choices)))

    @classmethod
    def duration(cls, name: str, help: str, *, default: str) -> Option[dt.timedelta]:
        """A positive RFC 5545 duration: see :func:`parse_duration`."""
        return Option(name=name, help=help, default=default, parse=parse_duration)
