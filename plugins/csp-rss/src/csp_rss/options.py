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
    "DEFAULT_TAG_AUTHORITY",
    "LIMIT",
    "MEETING_PAGE",
    "OPTIONS",
    "TAG_AUTHORITY",
    "RssOptions",
]

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
    parse=parse_tag_authority,
)
MEETING_PAGE = Option(
    name="meeting_page",
    help="the page of a meeting under the base URL, as a pattern with {meeting}, linked "
    "from items about a meeting that have no document of their own; empty for none",
    default="meetings/{meeting}.html",
    parse=parse_meeting_page,
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
