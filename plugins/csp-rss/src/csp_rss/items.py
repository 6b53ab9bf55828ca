"""Feed items from the public timeline: ids, links, categories, order, and the meeting of each."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import attrs

from csp_core import Event, Meeting, Partnership, i18n, labels
from csp_rss.feeds import Entry

__all__ = [
    "MeetingIndex",
    "entry",
    "feed_time",
    "newest_first",
    "tag_uri",
]

# RFC 3986 pchar plus "/": what the specific part of a tag: URI may hold (RFC 4151 section 2.1).
_TAG_SAFE = "/-._~!$&'()*+,;=:@"


def tag_uri(authority: str, partnership: str, path: str) -> str:
    """A ``tag:`` URI (RFC 4151): ``tag:csp-core.invalid,2024:cambridge/document/x/published``.

    Args:
        authority: the tagging entity, ``DOMAIN,DATE``.
        partnership: the partnership's id.
        path: what is tagged, below the partnership: an event id, ``feeds/all``.

    Returns:
        The URI; characters a tag may not hold are percent-encoded.
    """
    specific = urllib.parse.quote(f"{partnership}/{path}", safe=_TAG_SAFE)
    return f"tag:{authority}:{specific}"


def feed_time(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """``moment`` as the feeds write it: in the partnership's time zone, with its offset.

    An offset that is not a whole number of minutes (local mean time, before time zones) has
    no RFC 822 or RFC 3339 form, so such a moment is written in UTC instead.
    """
    local = moment.astimezone(zone)
    offset = local.utcoffset()
    if offset is not None and offset % dt.timedelta(minutes=1):
        return moment.astimezone(dt.UTC)
    return local


def newest_first(events: Iterable[Event], limit: int) -> tuple[Event, ...]:
    """The ``limit`` most recent events, newest first; events at the same moment by id."""
    by_id = sorted(events, key=lambda event: event.id)
    return tuple(sorted(by_id, key=lambda event: event.at, reverse=True)[:limit])


@attrs.frozen(kw_only=True)
class MeetingIndex:
    """Which public meeting each event is about, from the public view's partnership."""

    meetings: dict[str, Meeting]
    """Public meetings by id."""

    @classmethod
    def of(cls, partnership: Partnership) -> MeetingIndex:
        """The index of a (public) partnership."""
        return cls(meetings={meeting.id: meeting for meeting in partnership.meetings})

    def meeting(self, event: Event) -> Meeting | None:
        """The public meeting ``event`` is about (``Event.meeting``), if any."""
        return None if event.meeting is None else self.meetings.get(event.meeting)


def entry(
    event: Event,
    *,
    authority: str,
    partnership: Partnership,
    language: i18n.Language,
    link: str,
    updated: dt.datetime,
) -> Entry:
    """The feed item of ``event``.

    Args:
        event: a public timeline event.
        authority: the tagging entity of ids.
        partnership: the public partnership (for its id and time zone).
        language: the view's language, for the category's label (the event's title and
            summary are already in it).
        link: where the item points.
        updated: the event's stamp (``PublicView.updated``): when what it shows last changed.

    Returns:
        The item: its id is the tag URI of the event's stable id, its publication moment the
        event's, its ``updated`` the stamp, both in the partnership's time zone.
    """
    return Entry(
        id=tag_uri(authority, partnership.id, event.id),
        title=event.title,
        summary=event.summary,
        link=link,
        at=feed_time(event.at, partnership.timezone),
        updated=feed_time(updated, partnership.timezone),
        category=event.kind.value,
        category_label=labels.label(event.kind, language),
    )
