"""Cleaning text and addresses for output: one rule for every publisher.

Data may hold characters no output format can carry: control characters, lone surrogates,
noncharacters.  Every publisher passes text through :func:`clean` before escaping it for its
format, so a title reads the same in a calendar, a feed and a page: a forbidden code point
becomes U+FFFD (visible, never silently dropped), and CR LF or a lone CR becomes LF.
"""

from __future__ import annotations

import re
from urllib.parse import quote

__all__ = ["FORBIDDEN", "clean", "clean_url", "tag_uri"]

#: C0 controls other than TAB and LF, and DEL, which RFC 5545 TEXT, XML 1.0 and HTML do not
#: allow (the form feed among them: XML cannot hold it); the C1 controls, invisible, never meant
#: in a title, and line breaks to some software (U+0085 is one to ``str.splitlines``); lone
#: surrogates, which UTF-8 cannot write; and the Unicode noncharacters.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]"
)
_LINE_BREAK = re.compile("\r\n?")
#: What may stay as it is in a URI: RFC 3986 reserved and unreserved characters and '%'.
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def clean(text: str) -> str:
    """``text`` with CR LF and a lone CR made LF, and each :data:`FORBIDDEN` code point U+FFFD."""
    if text.isprintable():  # no line break, control, surrogate or noncharacter: the fast case
        return str.__str__(text)  # a plain str, as the substitution gives, even for a Text
    return FORBIDDEN.sub("\ufffd", _LINE_BREAK.sub("\n", text))


def clean_url(address: str) -> str:
    """``address`` with every character a URI may not hold percent-encoded (as UTF-8).

    Spaces, quotes, ``<``, ``>``, control characters and non-ASCII letters are encoded;
    reserved characters and existing escapes are kept, so it points where it did.
    """
    return quote(address, safe=_URI_SAFE)


# RFC 3986 pchar plus "/": what the specific part of a tag: URI may hold (RFC 4151 section 2.1).
_TAG_SAFE = "/-._~!$&'()*+,;=:@"


def tag_uri(authority: str, partnership: str, path: str) -> str:
    """A ``tag:`` URI (RFC 4151): ``tag:csp-core.invalid,2024:cambridge/document/x/published``.

    The one spelling of a feed item's id, so every feed (RSS, Atom, JSON Feed) gives the same
    item the same id.

    Args:
        authority: the tagging entity, ``DOMAIN,DATE``.
        partnership: the partnership's id.
        path: what is tagged, below the partnership: an event id, ``feeds/all``.

    Returns:
        The URI; characters a tag may not hold are percent-encoded.
    """
    specific = quote(f"{partnership}/{path}", safe=_TAG_SAFE)
    return f"tag:{authority}:{specific}"
