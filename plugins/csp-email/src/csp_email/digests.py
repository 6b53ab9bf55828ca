"""Which digests there are: the public view's events, by list and by day or week.

A digest is what one alert list published in one window of time.  The lists are the
partnership's (``all``), each public body's (``bodies/{id}``) and each kind of news
(``kinds/{kind}``: meetings, agendas, minutes, decisions, documents).  The windows are days or
ISO weeks (from Monday) in the partnership's time zone; a digest exists once its window has
ended and only when something was published in it.  Everything comes from the public view:
its timeline is what the feeds announce, so an email never says more than the RSS feed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

import attrs

from csp_core import Event, EventKind, PublicView, dates
from csp_email.cadence import Cadence

__all__ = ["KINDS", "Cadence", "Digest", "digests", "list_ids", "windows"]


#: The kind of news each event is, for the ``kinds/{kind}`` lists.  An event of a kind not
#: here is in the partnership's list and its body's only.
KINDS: Mapping[EventKind, str] = {
    EventKind.MEETING_ANNOUNCED: "meetings",
    EventKind.MEETING_CANCELLED: "meetings",
    EventKind.MEETING_POSTPONED: "meetings",
    EventKind.MEETING_RESCHEDULED: "meetings",
    EventKind.MEETING_CHANGED: "meetings",
    EventKind.RECORDING_PUBLISHED: "meetings",
    EventKind.DRAFT_AGENDA_PUBLISHED: "agendas",
    EventKind.AGENDA_PUBLISHED: "agendas",
    EventKind.REPORT_PUBLISHED: "agendas",
    EventKind.MINUTES_PUBLISHED: "minutes",
    EventKind.DOCUMENT_PUBLISHED: "documents",
    EventKind.DOCUMENT_REVISED: "documents",
    EventKind.DOCUMENT_WITHDRAWN: "documents",
    EventKind.PLAN_IN_FORCE: "documents",
    EventKind.ASSESSMENT_PUBLISHED: "documents",
    EventKind.ANNUAL_REVIEW_PUBLISHED: "documents",
    EventKind.DECISIONS_PUBLISHED: "decisions",
}
_KIND_ORDER = ("meetings", "agendas", "minutes", "decisions", "documents")


@attrs.frozen(kw_only=True)
class Digest:
    """What one list published in one window: the events, oldest first."""

    list: str
    """``all``, ``bodies/{body}`` or ``kinds/{kind}``."""
    start: dt.datetime
    """The window's first instant (midnight in the partnership's zone)."""
    end: dt.datetime
    """The instant after its last: the next window's start."""
    events: tuple[Event, ...]

    @property
    def day(self) -> dt.date:
        """The window's first day, which names the digest: ``2019-10-15``."""
        return self.start.date()


def list_ids(view: PublicView) -> tuple[str, ...]:
    """Every list a subscriber may choose: ``all``, each public body's, each kind's."""
    bodies = tuple(f"bodies/{body.id}" for body in view.public_bodies())
    return ("all", *bodies, *(f"kinds/{kind}" for kind in _KIND_ORDER))


def _window_start(day: dt.date, cadence: Cadence) -> dt.date:
    return day - dt.timedelta(days=day.weekday()) if cadence is Cadence.WEEKLY else day


def windows(
    view: PublicView, cadence: Cadence, days: int
) -> Iterator[tuple[dt.datetime, dt.datetime]]:
    """The windows that ended in the ``days`` days up to the view's instant, oldest first."""
    zone = view.partnership.timezone
    step = dt.timedelta(days=7 if cadence is Cadence.WEEKLY else 1)
    cutoff = view.at - dt.timedelta(days=days)
    day = _window_start(dates.local_day(cutoff, zone), cadence)
    while True:
        start = dt.datetime.combine(day, dt.time(), tzinfo=zone)
        end = dt.datetime.combine(day + step, dt.time(), tzinfo=zone)
        if end > view.at:
            return
        if end > cutoff:
            yield start, end
        day += step


def digests(view: PublicView, cadence: Cadence, days: int) -> tuple[Digest, ...]:
    """Every digest of the windows ending in the last ``days`` days, by list then window.

    Only events of the view's timeline; a digest with no event is not made.
    """
    partnership = view.partnership
    body_of = {meeting.id: meeting.body for meeting in partnership.meetings}
    public = {body.id for body in view.public_bodies()}
    found: list[Digest] = []
    spans = list(windows(view, cadence, days))
    if not spans:
        return ()
    first, last = spans[0][0], spans[-1][1]
    events = [event for event in view.timeline if first <= event.at < last]
    for list_id in list_ids(view):
        chosen = [event for event in events if _in_list(event, list_id, body_of, public)]
        for start, end in spans:
            inside = tuple(event for event in chosen if start <= event.at < end)
            if inside:
                found.append(Digest(list=list_id, start=start, end=end, events=inside))
    return tuple(found)


def _in_list(event: Event, list_id: str, body_of: Mapping[str, str], public: set[str]) -> bool:
    if list_id == "all":
        return True
    group, _, name = list_id.partition("/")
    if group == "bodies":
        body = body_of.get(event.meeting) if event.meeting is not None else None
        return body is not None and body == name and body in public
    return KINDS.get(event.kind) == name
