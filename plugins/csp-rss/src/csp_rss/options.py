"""The publisher's options: declared with their defaults, and checked before anything renders."""

from __future__ import annotations

import re

import attrs

from csp_core import BuildContext, Option

__all__ = [
    "DEFAULT_TAG_AUTHORITY",
    "LIMIT",
    "MEETING_PAGE",
    "OPTIONS",
    "TAG_AUTHORITY",
    "RssOptions",
]

DEFAULT_TAG_AUTHORITY = "csp-core.invalid,2024"
"""The tagging entity of item ids when none is set: a name nobody can own, and a fixed date.

It never changes with the data, the build or the instant, so ids made with it never change.
"""

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


def _tag_authority(value: str) -> str:
    text = value.strip()
    if not _TAGGING_ENTITY.fullmatch(text):
        msg = (
            f"{value!r} is not an RFC 4151 tagging entity "
            "DOMAIN,DATE (for example cambridge.gov.uk,2024)"
        )
        raise ValueError(msg)
    return text


def _meeting_page(value: str) -> str | None:
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


LIMIT = Option.whole_number(
    "limit",
    "how many items each feed holds: the most recent N (a positive whole number)",
    default=50,
    low=1,
)
TAG_AUTHORITY = Option(
    name="tag_authority",
    help="the tagging entity of every item and feed id (RFC 4151 tag: URIs), as "
    "DOMAIN,DATE, such as cambridge.gov.uk,2024; set it once and never change it, "
    "or every subscriber sees every item again",
    default=DEFAULT_TAG_AUTHORITY,
    parse=_tag_authority,
)
MEETING_PAGE = Option(
    name="meeting_page",
    help="the page of a meeting under the base URL, as a pattern with {meeting}, linked "
    "from items about a meeting that have no document of their own; empty for none",
    default="meetings/{meeting}.html",
    parse=_meeting_page,
)
OPTIONS = (LIMIT, TAG_AUTHORITY, MEETING_PAGE)
"""No ``language`` option: each feed is in the language of its public view, and says so (the
partnership's ``languages``; docs/feeds.md)."""


@attrs.frozen(kw_only=True)
class RssOptions:
    """The options, as the core parsed them."""

    limit: int
    tag_authority: str
    meeting_page: str | None

    @classmethod
    def of(cls, context: BuildContext) -> RssOptions:
        """The options given to this build (defaults for those not given)."""
        return cls(
            limit=context.value(LIMIT),
            tag_authority=context.value(TAG_AUTHORITY),
            meeting_page=context.value(MEETING_PAGE),
        )
