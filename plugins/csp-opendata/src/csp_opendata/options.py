"""The publisher's options: declared with their defaults, and checked before anything renders."""

from __future__ import annotations

import attrs

from csp_core import (
    DEFAULT_TAG_AUTHORITY,
    BuildContext,
    Option,
    parse_meeting_page,
    parse_tag_authority,
)

__all__ = [
    "BOM",
    "DEFAULT_TAG_AUTHORITY",
    "LIMIT",
    "MEETING_PAGE",
    "OPTIONS",
    "TAG_AUTHORITY",
    "OpendataOptions",
]

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
    parse=parse_tag_authority,
)
MEETING_PAGE = Option(
    name="meeting_page",
    help="the page of a meeting under the base URL, as a pattern with {meeting}: each "
    "event's url, and the link of feed items about a meeting without a document; empty for none",
    default="meetings/{meeting}.html",
    parse=parse_meeting_page,
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
