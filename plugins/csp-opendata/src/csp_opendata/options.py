"""The publisher's options: declared with their defaults, and checked before anything renders."""

from __future__ import annotations

import re

import attrs

from csp_core import BuildContext, Option

__all__ = [
    "BOM",
    "DEFAULT_TAG_AUTHORITY",
    "LIMIT",
    "MEETING_PAGE",
    "OPTIONS",
    "TAG_AUTHORITY",
    "OpendataOptions",
]

DEFAULT_TAG_AUTHORITY = "csp-core.invalid,2024"
"""The tagging entity of JSON Feed item ids when none is set: the same as csp-rss's, so that
the JSON Feed's items have the ids of the RSS and Atom feeds' items."""

# RFC 4151 section 2.1: taggingEntity = authorityName "," date.
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
    "how many items the JSON Feed holds: the most recent N (as rss.limit, to match the RSS feed)",
    default=50,
    low=1,
)
TAG_AUTHORITY = Option(
    name="tag_authority",
    help="the tagging entity of JSON Feed item ids (RFC 4151 tag: URIs), as DOMAIN,DATE; "
    "give the same as rss.tag_authority so the JSON Feed's ids are the RSS feed's",
    default=DEFAULT_TAG_AUTHORITY,
    parse=_tag_authority,
)
MEETING_PAGE = Option(
    name="meeting_page",
    help="the page of a meeting under the base URL, as a pattern with {meeting}: each "
    "event's url, and the link of feed items about a meeting without a document; empty for none",
    default="meetings/{meeting}.html",
    parse=_meeting_page,
)
BOM = Option.flag(
    "bom",
    "start each CSV file with a UTF-8 byte order mark, so that Excel reads it as UTF-8",
    default=True,
)
OPTIONS = (LIMIT, TAG_AUTHORITY, MEETING_PAGE, BOM)


@attrs.frozen(kw_only=True)
class OpendataOptions:
    """The options, as the core parsed them."""

    limit: int
    tag_authority: str
    meeting_page: str | None
    bom: bool

    @classmethod
    def of(cls, context: BuildContext) -> OpendataOptions:
        """The options given to this build (defaults for those not given)."""
        return cls(
            limit=context.value(LIMIT),
            tag_authority=context.value(TAG_AUTHORITY),
            meeting_page=context.value(MEETING_PAGE),
            bom=context.value(BOM),
        )
