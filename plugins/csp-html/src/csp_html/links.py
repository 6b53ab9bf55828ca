"""Addresses the pages link to: maps, calendar subscriptions, email and telephone links.

Every address here is a plain link: the pages never load anything from another site.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from csp_core import Venue

from csp_html.formatting import clean

__all__ = ["clean_url", "is_absolute", "mailto", "map_url", "relative", "tel", "webcal"]

_ABSOLUTE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
#: What may stay as it is in an address: RFC 3986 reserved and unreserved characters and '%'.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def clean_url(address: str) -> str:
    """``address`` made safe to write as a link, keeping what it points to.

    Anything a URL may not hold (spaces, quotes, ``<``, non-ASCII letters) is percent-encoded;
    reserved characters and existing escapes are kept.
    """
    return quote(address, safe=_URL_SAFE)


def is_absolute(address: str) -> bool:
    """Whether ``address`` has a scheme (``https:``, ``mailto:``) rather than being a path."""
    return bool(_ABSOLUTE.match(address))


def relative(root: str, address: str) -> str:
    """``address`` as linked from a page ``root`` away from the site's top (``""``, ``"../"``).

    Absolute addresses are kept; site paths (``calendar.ics``, a document's relative ``url``)
    are prefixed with ``root``.
    """
    address = clean_url(address)
    return address if is_absolute(address) else f"{root}{address}"


def map_url(venue: Venue) -> str | None:
    """An OpenStreetMap link for the venue: its coordinates if known, else a postcode search."""
    if venue.coordinates is not None:
        lat = f"{venue.coordinates.latitude:.5f}"
        lon = f"{venue.coordinates.longitude:.5f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    if venue.postcode is not None:
        return f"https://www.openstreetmap.org/search?query={quote(venue.postcode)}"
    return None


def webcal(base_url: str | None, path: str) -> str | None:
    """The ``webcal://`` address of a calendar file, or ``None`` without an http(s) base URL."""
    if base_url is None:
        return None
    for scheme in ("https://", "http://"):
        if base_url.lower().startswith(scheme):
            return f"webcal://{base_url[len(scheme) :]}{path}"
    return None


def mailto(email: str, subject: str | None = None) -> str:
    """A ``mailto:`` link, the address and subject percent-encoded (RFC 6068).

    Every character of the address but letters, digits and ``@+.-_`` is encoded, so ``?``,
    ``&`` or ``#`` in it cannot add a header field; the subject is cleaned as printed text is
    (:func:`csp_html.formatting.clean`) and its white space, line breaks included, collapsed
    to single spaces, since a header field is one line.
    """
    address = f"mailto:{quote(email, safe='@+.-_')}"
    if subject:
        line = " ".join(clean(subject).split())
        address += f"?subject={quote(line, safe='')}"
    return address


def tel(phone: str) -> str | None:
    """A ``tel:`` link from a phone number as written ('01223 457000'); ``None`` if no digits."""
    digits = re.sub(r"[^0-9+]", "", phone)
    plus = digits.startswith("+")
    digits = digits.replace("+", "")
    if not digits:
        return None
    return f"tel:{'+' if plus else ''}{digits}"
