r"""TEXT values for iCalendar: cleaned of control characters and escaped exactly once; URIs.

icalendar 7.3 turns a literal backslash followed by a capital ``N`` into a line break when it
escapes TEXT (it treats ``\N`` as an already-escaped newline), so ``C:\New`` would come back as
``C:`` and ``ew`` on two lines.  :class:`Text` escapes by RFC 5545 section 3.3.11 itself:
backslash, semicolon, comma and newline, nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote
from zoneinfo import ZoneInfo

from icalendar.prop import vText

__all__ = ["Text", "clean", "escape", "local_moment", "long_date", "uri"]

#: C0 controls other than TAB and LF, and DEL, which RFC 5545 does not allow in TEXT (section
#: 3.3.11: TSAFE-CHAR excludes CONTROL); the C1 controls, invisible, never meant in a title,
#: and line breaks to some software (U+0085 is one to Python's ``str.splitlines``); lone
#: surrogates, which UTF-8 cannot write; and the Unicode noncharacters.  The same rule as the
#: other publishers' (docs/plugins.md, "Escaping").
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]"
)
#: What may stay as it is in a URI: RFC 3986 reserved and unreserved characters and '%'.
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def clean(value: str) -> str:
    """The text with CR LF and lone CR made LF, and other control characters made U+FFFD.

    So are lone surrogates and noncharacters; everything else is kept.
    """
    return _CONTROLS.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))


def uri(address: str) -> str:
    """A URI value: ``address`` with every character a URI may not hold percent-encoded.

    Spaces, quotes, ``<``, ``>``, control characters and non-ASCII letters are encoded (as
    UTF-8); reserved characters and existing escapes are kept, so it points where it did.
    """
    return quote(address, safe=_URI_SAFE)


def escape(value: str) -> str:
    r"""RFC 5545 TEXT escaping of already cleaned text: ``\``, ``;``, ``,`` and newline."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


class Text(vText):
    """A TEXT property value that icalendar writes with :func:`escape` (see the module docs)."""

    __slots__ = ()

    def __new__(cls, value: str) -> Text:
        """Clean ``value`` (see :func:`clean`) and wrap it."""
        return super().__new__(cls, clean(value))

    def to_ical(self) -> bytes:
        """The escaped value as UTF-8."""
        return escape(str(self)).encode("utf-8")


def _ambiguous(moment: dt.datetime) -> bool:
    """Whether ``moment``'s local wall time occurs twice (the hour the clocks go back)."""
    other = moment.replace(fold=1 - moment.fold)
    return other.utcoffset() != moment.utcoffset()


def long_date(day: dt.date) -> str:
    """'Tuesday 18 June 2019'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def local_moment(moment: dt.datetime, zone: ZoneInfo) -> str:
    """'Tuesday 18 June 2019, 10:00' in ``zone``; with 'BST'/'GMT' when the hour occurs twice."""
    local = moment.astimezone(zone)
    text = f"{long_date(local.date())}, {local:%H:%M}"
    if local.second:
        text += f":{local:%S}"
    if _ambiguous(local):
        text += f" {local.tzname()}"
    return text
