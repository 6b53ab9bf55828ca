"""Where things are: the site's own paths, and the addresses the pages link to.

Site paths are relative to the site's top (``meetings/2019-10-17.html``); templates pass them,
and absolute addresses, through ``href()`` (:func:`relative`), which makes them relative to the
page being written.  Every address here is a plain link: the pages never load anything from
another site.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import attrs
from csp_core import CommunitySafetyPlan, Meeting, StrategicAssessment, Venue, text

__all__ = [
    "STYLESHEET_PATH",
    "Link",
    "assessment_path",
    "is_absolute",
    "mailto",
    "map_url",
    "meeting_path",
    "plan_path",
    "relative",
    "site_address",
    "tel",
    "webcal",
]

STYLESHEET_PATH = "assets/site.css"

_ABSOLUTE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


@attrs.frozen(kw_only=True)
class Link:
    """A labelled link: ``path`` is a site path or an absolute address."""

    label: str
    path: str


def meeting_path(meeting: Meeting) -> str:
    """The meeting's page."""
    return f"meetings/{meeting.id}.html"


def plan_path(plan: CommunitySafetyPlan) -> str:
    """The plan's page."""
    return f"plans/{plan.id}.html"


def assessment_path(assessment: StrategicAssessment) -> str:
    """The strategic assessment's page."""
    return f"assessments/{assessment.id}.html"


def site_address(base_url: str | None, path: str) -> str:
    """A file of the output folder: absolute under ``base_url`` when known, else the path."""
    return f"{base_url}{path}" if base_url else path


def is_absolute(address: str) -> bool:
    """Whether ``address`` has a scheme (``https:``, ``mailto:``) rather than being a path."""
    return bool(_ABSOLUTE.match(address))


def relative(root: str, address: str) -> str:
    """``address`` as linked from a page ``root`` away from the site's top (``""``, ``"../"``).

    The address is first made safe to write (:func:`csp_core.text.clean_url`); absolute
    addresses are kept, site paths (``calendar.ics``, a document's relative ``url``) are
    prefixed with ``root``.
    """
    address = text.clean_url(address)
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
    (:func:`csp_core.text.clean`) and its white space, line breaks included, collapsed to
    single spaces, since a header field is one line.
    """
    address = f"mailto:{quote(email, safe='@+.-_')}"
    if subject:
        line = " ".join(text.clean(subject).split())
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
