"""Feed items from the public timeline: ids, links, categories, order, and the meeting of each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import attrs

from csp_core import Event, Meeting, Partnership, i18n, labels, text
from csp_rss.feeds import Entry

__all__ = [
    "MeetingIndex",
    "entry",
    "feed_time",
    "newest_first",
]


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
        id=text.tag_uri(authority, partnership.id, event.id),
        title=event.title,
        summary=event.summary,
        link=link,
        at=feed_time(event.at, partnership.timezone),
        updated=feed_time(updated, partnership.timezone),
        category=event.kind.value,
        category_label=labels.label(event.kind, language),
    )
