r"""TEXT values for iCalendar: cleaned by the core's one rule, then escaped exactly once.

The text is first cleaned with :func:`csp_core.text.clean`, as in every output (CR LF and a
lone CR become LF; control characters, lone surrogates and noncharacters become U+FFFD), then
escaped here for RFC 5545.

icalendar 7.3 turns a literal backslash followed by a capital ``N`` into a line break when it
escapes TEXT (it treats ``\N`` as an already-escaped newline), so ``C:\New`` would come back as
``C:`` and ``ew`` on two lines.  :class:`Text` escapes by RFC 5545 section 3.3.11 itself:
backslash, semicolon, comma and newline, nothing else.
"""

from __future__ import annotations

from icalendar.prop import vText

from csp_core import text

__all__ = ["Text", "escape"]


def escape(value: str) -> str:
    r"""RFC 5545 TEXT escaping of already cleaned text: ``\``, ``;``, ``,`` and newline."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


class Text(vText):
    """A TEXT property value that icalendar writes with :func:`escape` (see the module docs)."""

    __slots__ = ()

    def __new__(cls, value: str) -> Text:
        """Clean ``value`` (:func:`csp_core.text.clean`) and wrap it."""
        return super().__new__(cls, text.clean(value))

    def to_ical(self) -> bytes:
        """The escaped value as UTF-8."""
        return escape(str(self)).encode("utf-8")
