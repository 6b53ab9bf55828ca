"""Stamps: when each item a publisher shows last changed in public, and how often significantly.

Calendar clients and feed readers poll the same files for years and keep, of each event or
entry, the copy with the highest (SEQUENCE, DTSTAMP) or the newest ``updated`` (RFC 5546
section 2.1.4, RFC 4287 section 4.2.15).  So the stamp of an item (a meeting, a publication
duty, a timeline event) is the moment of the latest public change of what the item shows:

- every moment at which the item's public appearance *can* change is a **candidate**: moments of
  the data (an announcement, a recorded change, ``last_changed``, a document's publication, its
  revisions and withdrawal, the announcement of a replacing meeting ...) and moments the rules
  derive (the midnight a meeting's document moves to "on request", the midnight a newer plan
  comes into force, the midnights a duty becomes due soon and overdue);
- the stamp at an instant is the latest candidate at or before it, never later than the instant;
- with no candidate yet it is :data:`FLOOR`, the start of the data's first possible year.

The candidates of an item are a fixed set, given by the data alone, so the stamp never goes
backwards as the instant moves on, and it never reads the clock.  Each function here gives
candidates for one kind of item; :func:`latest` and :func:`count` turn them into a stamp and a
SEQUENCE at an instant.  :mod:`csp_core.public` puts them together for each public view.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping

import attrs

from csp_core.limits import MIN_YEAR
from csp_core.model import (
    Availability,
    ChangeKind,
    CommunitySafetyPlan,
    Document,
    DocumentKind,
    Meeting,
    MeetingStatus,
    Partnership,
    RevisionKind,
)
from csp_core.model._checks import utc
from csp_core.rules.availability import Owner, document_owners
from csp_core.rules.schedule import MEETING_DUTIES, Duty, DutyKind, add_months
from csp_core.rules.status import last_day_to_publish
from csp_core.rules.timeline import Event, EventKind

__all__ = [
    "FLOOR",
    "BodyMeetings",
    "Stamp",
    "StampRules",
    "affected_meetings",
    "count",
    "latest",
    "meetings_by_body",
    "move_shown_by_minutes",
    "plan_public_from",
    "vanishing_moments",
]

FLOOR = dt.datetime(MIN_YEAR, 1, 1, tzinfo=dt.UTC)
"""The stamp of an item with no candidate yet: 1 January 1900, 00:00 UTC, the data's lower bound.

Never later than any instant a build can be made at (``--at`` is bounded the same way), so a
stamp is never after its instant, and never earlier than a stamp given at an earlier instant.
"""

_MEETING_DUTIES = frozenset(MEETING_DUTIES)
_FULFILLED_BY = {
    DutyKind.DRAFT_AGENDA: DocumentKind.DRAFT_AGENDA,
    DutyKind.AGENDA: DocumentKind.AGENDA,
    DutyKind.MINUTES: DocumentKind.MINUTES,
}
_MOVES = (ChangeKind.TIME, ChangeKind.STATUS)


@attrs.frozen(kw_only=True)
class Stamp:
    """When an item last changed in public, and how many significant changes it has had."""

    modified: dt.datetime
    """The moment of the latest public change of what the item shows, in UTC: DTSTAMP,
    LAST-MODIFIED, Atom ``updated``.  Never after the instant, never earlier than at an earlier
    instant."""
    sequence: int = 0
    """How many changes of time, place or status the public has seen: iCalendar SEQUENCE.  Never
    falls as the instant moves on."""


def latest(moments: Iterable[dt.datetime | None], at: dt.datetime) -> dt.datetime:
    """The latest of ``moments`` at or before ``at``, in UTC; :data:`FLOOR` if none is.

    Before the floor itself (an instant before 1900, which builds refuse) the answer is ``at``,
    so it is never later than the instant.
    """
    limit = utc(at)
    best = min(limit, FLOOR)
    for moment in moments:
        if moment is None:
            continue
        candidate = utc(moment)
        if best < candidate <= limit:
            best = candidate
    return best


def count(moments: Iterable[dt.datetime | None], at: dt.datetime) -> int:
    """How many distinct ``moments`` lie at or before ``at``."""
    limit = utc(at)
    return len({utc(moment) for moment in moments if moment is not None and utc(moment) <= limit})


def _midnight(partnership: Partnership, day: dt.date) -> dt.datetime | None:
    """The first instant of ``day`` in the partnership's zone; ``None`` beyond the calendar."""
    try:
        return utc(dt.datetime.combine(day, dt.time(), tzinfo=partnership.timezone))
    except (OverflowError, ValueError):
        return None


def _days_from(partnership: Partnership, day: dt.date, days: int) -> dt.datetime | None:
    try:
        return _midnight(partnership, day + dt.timedelta(days=days))
    except OverflowError:
        return None


def _local_day(partnership: Partnership, moment: dt.datetime) -> dt.date:
    return moment.astimezone(partnership.timezone).date()


_NEVER = dt.datetime.max.replace(tzinfo=dt.UTC)


@attrs.frozen
class BodyMeetings:
    """One body's meetings in order of their earliest start, indexed once.

    What the stamps and the lapsed duties ask of every meeting, answered without a scan of the
    body: the meetings around a start (binary searches, and the few moved meetings whose later
    start reaches past it), and the moments before an instant among the meetings from a
    position on (a running minimum stops the walk where no later meeting has one).  Built by
    :func:`meetings_by_body`.
    """

    meetings: list[Meeting]
    """In order of (earliest start, id); the earliest is the lower of start and previous start."""
    earliest: list[dt.datetime]
    latest: list[dt.datetime]
    moments: list[list[dt.datetime]]
    """Each meeting's moments (see :func:`meetings_by_body`), ``None`` left out."""
    moved: list[int]
    """Positions of the meetings whose latest start is after their earliest, in order."""
    moved_earliest: list[dt.datetime]
    moved_reach: list[dt.datetime]
    """The latest start among the moved meetings up to each (a running maximum)."""
    first_from: list[dt.datetime]
    """The earliest moment of the meetings from each position on (a running minimum)."""

    @classmethod
    def of(
        cls, meetings: list[Meeting], moments: Callable[[Meeting], Iterable[dt.datetime | None]]
    ) -> BodyMeetings:
        """The index of ``meetings`` (one body's), with ``moments`` of each."""
        ordered = sorted(meetings, key=lambda m: (min(_starts(m)), m.id))
        earliest = [min(_starts(m)) for m in ordered]
        latest = [max(_starts(m)) for m in ordered]
        given = [[m for m in moments(meeting) if m is not None] for meeting in ordered]
        moved = [i for i in range(len(ordered)) if latest[i] > earliest[i]]
        moved_earliest = [earliest[i] for i in moved]
        reach = list(itertools.accumulate((latest[i] for i in moved), max))
        first = [min((utc(m) for m in found), default=_NEVER) for found in given]
        first_from = list(itertools.accumulate(reversed(first), min))[::-1]
        return cls(ordered, earliest, latest, given, moved, moved_earliest, reach, first_from)

    def reaching(self, low: dt.datetime, *, strict: bool) -> list[int]:
        """Positions of the moved meetings starting before ``low`` whose later start does not.

        Strict: earliest at or before ``low``, latest after it; else earliest before ``low``,
        latest at or after it.  In order.
        """
        found: list[int] = []
        search = bisect.bisect_right if strict else bisect.bisect_left
        for back in range(search(self.moved_earliest, low) - 1, -1, -1):
            reach = self.moved_reach[back]
            if reach < low or (strict and reach == low):
                break  # no moved meeting at or before this one reaches ``low``
            latest = self.latest[self.moved[back]]
            if latest > low or (not strict and latest == low):
                found.append(self.moved[back])
        return found[::-1]

    def candidates(self, low: dt.datetime) -> Iterator[int]:
        """Positions of the meetings with a start after ``low``, in order.

        The moved meetings that start at or before ``low`` but reach past it, then every
        meeting whose earliest start is after ``low``.
        """
        yield from self.reaching(low, strict=True)
        yield from range(bisect.bisect_right(self.earliest, low), len(self.meetings))

    def moments_before(
        self, start: int, until: dt.datetime, leave_out: str
    ) -> Iterator[dt.datetime]:
        """The moments before ``until`` of the meetings from position ``start`` on."""
        for index in range(start, len(self.meetings)):
            if self.first_from[index] >= until:
                return
            if self.meetings[index].id != leave_out:
                yield from (m for m in self.moments[index] if utc(m) < until)


def _starts(meeting: Meeting) -> list[dt.datetime]:
    """The meeting's start and previous start, in UTC."""
    return [utc(m) for m in (meeting.start, meeting.previous_start) if m is not None]


def meetings_by_body(
    partnership: Partnership,
    *,
    public: bool = False,
    moments: Callable[[Meeting], Iterable[dt.datetime | None]] = lambda _: (),
) -> dict[str, BodyMeetings]:
    """Each body's meetings (only the public ones with ``public``), indexed: by body id.

    ``moments`` gives the moments of a meeting :meth:`BodyMeetings.moments_before` looks at.
    """
    found: dict[str, list[Meeting]] = {}
    for meeting in partnership.meetings:
        if not public or partnership.is_public(meeting):
            found.setdefault(meeting.body, []).append(meeting)
    return {body: BodyMeetings.of(meetings, moments) for body, meetings in found.items()}


@attrs.frozen
class StampRules:
    """The candidate moments of every item of one partnership (its full data, not a copy).

    Built once per public view.  Every candidate is a moment at which something the public can
    see may change; nothing that is never public (a private meeting, a withheld document)
    gives one.
    """

    partnership: Partnership
    soon_days: int
    """The due-soon window of the duties' standing, in days (as :func:`~csp_core.rules.status`)."""
    _meetings: dict[str, Meeting] = attrs.field(init=False)
    _owners: dict[str, Owner] = attrs.field(init=False)
    _documents: dict[str, Document] = attrs.field(init=False)
    _bodies: dict[str, BodyMeetings] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        partnership = self.partnership
        object.__setattr__(self, "_meetings", {m.id: m for m in partnership.meetings})
        object.__setattr__(self, "_owners", document_owners(partnership))
        object.__setattr__(self, "_documents", {d.id: d for d in partnership.documents()})
        bodies = meetings_by_body(
            partnership, public=True, moments=lambda m: [m.announced, *self._moves(m)]
        )
        object.__setattr__(self, "_bodies", bodies)

    # -- meetings ------------------------------------------------------------------------------

    def meeting(self, meeting: Meeting, at: dt.datetime) -> Stamp:
        """The stamp of a public meeting (by its id in the data) at ``at``."""
        original = self._meetings.get(meeting.id, meeting)
        return Stamp(
            modified=latest(self.meeting_moments(original), at),
            sequence=self.meeting_sequence(original, at),
        )

    def meeting_moments(self, meeting: Meeting) -> Iterator[dt.datetime | None]:
        """Every moment the meeting's public appearance can change.

        Its announcement, ``last_changed``, each recorded change; the moment each online link
        (join, webcast, recording) becomes public; each public document's
        publication, revisions, withdrawal and move to "on request"; and, from the first status
        change (when the replacing meeting is named), the replacing meeting's announcement and
        moves.
        """
        yield meeting.announced
        yield meeting.last_changed
        yield from (change.at for change in meeting.changes)
        if meeting.online is not None:
            # Each join, webcast or recording link appears at its own moment.
            online = meeting.online
            yield from (online.join_from, online.webcast_from, online.recording_from)
        for document in meeting.documents:
            yield from self._document_moments(document, meeting)
        yield from self._replacement_moments(meeting, ChangeKind.TIME)

    def meeting_sequence(self, meeting: Meeting, at: dt.datetime) -> int:
        """The meeting's SEQUENCE at ``at``: its changes announced by then, and derived ones.

        Each recorded change (of time, place or status) counts once; so does the moment a
        meeting shown as postponed is shown as rescheduled because the meeting replacing it has
        become public.
        """
        announced = [change for change in meeting.changes if utc(change.at) <= utc(at)]
        return len(announced) + count(self._derived_moves(meeting), at)

    def _first_status_change(self, meeting: Meeting) -> dt.datetime | None:
        changes = meeting.changed(ChangeKind.STATUS)
        return changes[0].at if changes else None

    def _replacement(self, meeting: Meeting) -> Meeting | None:
        if meeting.replaced_by is None:
            return None
        other = self._meetings.get(meeting.replaced_by)
        return other if other is not None and self.partnership.is_public(other) else None

    def _replacement_moments(
        self, meeting: Meeting, *kinds: ChangeKind
    ) -> Iterator[dt.datetime | None]:
        """The replacing meeting's announcement (and its changes of ``kinds``), once named.

        The replacing meeting is named from the first status change; a moment before that is
        left out, since nothing shown changed then (it would only make the stamp less true).
        """
        other = self._replacement(meeting)
        named = self._first_status_change(meeting)
        if other is None or named is None:
            return
        moments = [other.announced] + [c.at for c in other.changes if set(kinds) & set(c.what)]
        for moment in moments:
            if moment is not None and utc(moment) >= utc(named):
                yield moment

    def _derived_moves(self, meeting: Meeting) -> Iterator[dt.datetime]:
        """When a meeting shown as postponed is shown as rescheduled: its replacement appears.

        A meeting rescheduled by being replaced (no ``previous_start``) is shown as postponed
        while the replacing meeting is not public (see :mod:`csp_core.public`).
        """
        revealed = move_shown_by_minutes(meeting)
        if revealed is not None:
            yield revealed
        if meeting.status is not MeetingStatus.RESCHEDULED or meeting.previous_start is not None:
            return
        other = self._replacement(meeting)
        named = self._first_status_change(meeting)
        if other is None or named is None or other.announced is None:
            return
        if utc(other.announced) > utc(named):
            yield other.announced

    def _document_moments(self, document: Document, owner: Owner) -> Iterator[dt.datetime | None]:
        """When a public document's appearance can change: published, revised, on request."""
        if document.availability is Availability.WITHHELD or document.published is None:
            return
        yield document.published
        yield from (revision.published for revision in document.revisions)
        for moment in self._availability_moments(document, owner):
            if utc(moment) > utc(document.published):
                yield moment

    def _availability_moments(self, document: Document, owner: Owner) -> Iterator[dt.datetime]:
        """The midnights the availability rules move an online document (docs/rules.md)."""
        if document.availability is not Availability.ONLINE:
            return
        partnership = self.partnership
        if isinstance(owner, Meeting):
            months = partnership.policy.online_months
            # The rule counts from the meeting's day; the timeline's links count from the day
            # public at the instant, which is the earlier start until a move is announced.
            for start in (owner.start, owner.previous_start):
                if start is not None:
                    day = add_months(_local_day(partnership, start), months)
                    midnight = _midnight(partnership, day)
                    if midnight is not None:
                        yield midnight
        if isinstance(owner, CommunitySafetyPlan):
            for plan in partnership.plans:
                if plan.in_force_from > owner.in_force_from:
                    midnight = _midnight(partnership, plan.in_force_from)
                    if midnight is not None:
                        yield midnight

    # -- duties --------------------------------------------------------------------------------

    def duty(self, duty: Duty, at: dt.datetime, *, published: dt.datetime | None) -> Stamp:
        """The stamp of a duty shown at ``at`` (``published``: when it was met, by ``at``)."""
        moments = list(self.duty_moments(duty))
        moments += self._threshold_moments(duty, published)
        return Stamp(modified=latest(moments, at), sequence=count(self.duty_moves(duty), at))

    def lapsed_duty(self, duty: Duty, since: dt.datetime, at: dt.datetime) -> Stamp:
        """The stamp of a duty no longer shown since ``since``: cancelled, then unchanged."""
        until = min(utc(since), utc(at))
        return Stamp(modified=latest([since], at), sequence=count(self.duty_moves(duty), until))

    def duty_moves(self, duty: Duty) -> Iterator[dt.datetime | None]:
        """When a duty's deadline can move, or the duty appear or stop applying: its SEQUENCE.

        A meeting's duties follow the meeting's moves and status changes (and, for minutes
        counted from the next meeting, those of the body's later meetings); a report's duty
        ends with the report's withdrawal, a supplement's with its document's; a plan's yearly
        checks end when a newer plan is public.
        """
        partnership = self.partnership
        if duty.kind in _MEETING_DUTIES:
            meeting = self._meetings.get(duty.subject)
            if meeting is None:
                return
            yield from self._moves(meeting)
            if (
                duty.kind in {DutyKind.REPORT, DutyKind.SUPPLEMENT}
                and duty.fulfilled_by is not None
            ):
                document = self._documents.get(duty.fulfilled_by)
                if document is not None:
                    yield document.withdrawn_at()
            if duty.kind is DutyKind.MINUTES:
                yield from self._following_moves(meeting)
        elif duty.kind is DutyKind.PLAN_CHECK:
            checked = next((p for p in partnership.plans if p.id == duty.subject), None)
            if checked is None:
                return
            for plan in partnership.plans:
                if (plan.in_force_from, plan.id) > (checked.in_force_from, checked.id):
                    yield plan_public_from(partnership, plan)

    def duty_moments(self, duty: Duty) -> Iterator[dt.datetime | None]:
        """Every moment a duty's event can change, but for its standing's day thresholds."""
        partnership = self.partnership
        yield from self.duty_moves(duty)
        if duty.kind in _MEETING_DUTIES:
            meeting = self._meetings.get(duty.subject)
            if meeting is None:
                return
            yield meeting.announced
            yield from self._duty_documents(duty, meeting)
        elif duty.kind is DutyKind.PLAN_CHECK:
            checked = next((p for p in partnership.plans if p.id == duty.subject), None)
            if checked is not None:
                yield plan_public_from(partnership, checked)
            for assessment in partnership.assessments:
                yield _midnight(partnership, assessment.published_on)
        elif duty.kind is DutyKind.STRATEGIC_ASSESSMENT:
            for assessment in partnership.assessments:
                yield _midnight(partnership, assessment.published_on)
        elif duty.kind is DutyKind.ANNUAL_REVIEW:
            for review in partnership.annual_reviews:
                if review.published_on is not None:
                    yield _midnight(partnership, review.published_on)

    def _duty_documents(self, duty: Duty, meeting: Meeting) -> Iterator[dt.datetime | None]:
        """When the document meeting a meeting's duty is published and withdrawn."""
        if duty.kind is DutyKind.SUPPLEMENT:  # appears with the supplement's publication
            yield duty.published
            document = self._documents.get(duty.fulfilled_by or "")
        elif duty.kind is DutyKind.REPORT:
            document = self._documents.get(duty.fulfilled_by or "")
        else:
            document = meeting.document(_FULFILLED_BY[duty.kind])
        if document is None or document.availability is Availability.WITHHELD:
            return
        yield document.published
        yield document.withdrawn_at()

    def _moves(self, meeting: Meeting) -> Iterator[dt.datetime | None]:
        """When a meeting's time or status can change as the public sees it."""
        if not self.partnership.is_public(meeting):
            return
        yield from (change.at for change in meeting.changes if set(_MOVES) & set(change.what))
        yield from self._derived_moves(meeting)

    def _following_moves(self, meeting: Meeting) -> Iterator[dt.datetime]:
        """When the next meeting after ``meeting`` can change: the minutes' clock (SEQUENCE).

        The body's public meetings that may be the next after ``meeting`` each give their
        announcement and moves, until the moment their own changes stop mattering: a meeting
        that is always going ahead at one start after every start ``meeting`` may have (an
        *anchor*) is the next one, or before it, once public; from then on, meetings that always
        start after the anchor cannot be, so only their moments before the anchor's
        announcement count.  The body's index (:class:`BodyMeetings`) gives the candidates in
        start order without a scan of every meeting.
        """
        body = self._bodies.get(meeting.body)
        if body is None:
            return
        low, high = min(_starts(meeting)), max(_starts(meeting))
        anchor: Meeting | None = None
        for index in body.candidates(low):
            other = body.meetings[index]
            if other.id == meeting.id:
                continue
            if anchor is not None and body.earliest[index] > utc(anchor.start):
                if anchor.announced is not None:
                    yield from body.moments_before(index, utc(anchor.announced), meeting.id)
                return
            yield from body.moments[index]
            if (
                anchor is None
                and other.status is MeetingStatus.SCHEDULED
                and other.previous_start is None
                and utc(other.start) > high
            ):
                anchor = other

    def _threshold_moments(
        self, duty: Duty, published: dt.datetime | None
    ) -> Iterator[dt.datetime | None]:
        """The midnights a duty not yet met becomes due soon and overdue."""
        partnership = self.partnership
        for moment in (
            _days_from(partnership, duty.deadline, -self.soon_days),
            # overdue once the last day to publish has passed (status.last_day_to_publish)
            _days_from(partnership, last_day_to_publish(partnership, duty.deadline), 1),
        ):
            if moment is not None and (published is None or utc(published) > moment):
                yield moment

    # -- timeline events -----------------------------------------------------------------------

    def event(self, event: Event, at: dt.datetime) -> dt.datetime:
        """The ``updated`` stamp of a timeline event at ``at``: never before the event."""
        return latest([event.at, *self.event_moments(event)], at)

    def event_moments(self, event: Event) -> Iterator[dt.datetime | None]:
        """Every moment a timeline event's title, summary, link or date can change.

        An event about a document changes with the document's revisions, withdrawal and move to
        "on request"; one about a plan, an assessment or a review with its documents (which of
        them it links, and when it is dated); a meeting's change with the meeting's later changes
        and the replacing meeting's announcement (its kind and title say how it stands).
        """
        if event.kind in {
            EventKind.PLAN_IN_FORCE,
            EventKind.ASSESSMENT_PUBLISHED,
            EventKind.ANNUAL_REVIEW_PUBLISHED,
        }:
            for document in self._subject_documents(event):
                yield from self._document_moments(document, self._owners.get(document.id))
        elif event.document is not None:
            about = self._documents.get(event.document)
            if about is not None:
                yield from self._document_moments(about, self._owners.get(about.id))
        elif event.kind is not EventKind.MEETING_ANNOUNCED:
            meeting = self._meetings.get(event.subject)
            if meeting is not None:
                yield from (change.at for change in meeting.changes)
                yield from self._derived_moves(meeting)

    def _subject_documents(self, event: Event) -> tuple[Document, ...]:
        partnership = self.partnership
        if event.kind is EventKind.PLAN_IN_FORCE:
            plan = next((p for p in partnership.plans if p.id == event.subject), None)
            return plan.documents if plan is not None else ()
        if event.kind is EventKind.ASSESSMENT_PUBLISHED:
            assessment = next((a for a in partnership.assessments if a.id == event.subject), None)
            return assessment.documents if assessment is not None else ()
        review = next((r for r in partnership.annual_reviews if r.id == event.subject), None)
        return (review.document,) if review is not None and review.document is not None else ()


def move_shown_by_minutes(meeting: Meeting) -> dt.datetime | None:
    """When a moved meeting's minutes show the move before it is announced, if they do.

    Minutes published before the meeting's earlier start, and before its move is announced,
    show that it met at its new start: from then the public view shows the new start (the
    data would otherwise put minutes before their meeting).
    """
    minutes = meeting.document(DocumentKind.MINUTES)
    if (
        meeting.previous_start is None
        or minutes is None
        or minutes.published is None
        or minutes.availability is Availability.WITHHELD
        or utc(minutes.published) >= utc(meeting.previous_start)
    ):
        return None
    moves = meeting.changed(ChangeKind.TIME)
    if moves and utc(moves[0].at) <= utc(minutes.published):
        return None
    return minutes.published


def plan_public_from(partnership: Partnership, plan: CommunitySafetyPlan) -> dt.datetime | None:
    """When a plan becomes public: its in-force day, or its first document's publication."""
    moments = [_midnight(partnership, plan.in_force_from)]
    moments += [document.published for document in plan.documents if document.published]
    known = [moment for moment in moments if moment is not None]
    return min(known, key=utc, default=None)


def vanishing_moments(
    partnership: Partnership,
) -> Iterator[tuple[dt.datetime, Meeting | None]]:
    """The moments a duty can stop applying, each with the meeting whose change it is.

    A meeting's move or status change (its own duties, and the minutes of the body's meetings
    before it), the withdrawal of a report or of a document with a supplement, and (with
    ``None``) a plan becoming public (the checks of older plans).
    """
    for meeting in partnership.meetings:
        if not partnership.is_public(meeting):
            continue
        for change in meeting.changes:
            if set(_MOVES) & set(change.what):
                yield change.at, meeting
        revealed = move_shown_by_minutes(meeting)
        if revealed is not None:
            yield revealed, meeting
        for document in meeting.documents:
            withdrawn = document.withdrawn_at()
            if withdrawn is not None and (
                document.kind is DocumentKind.REPORT
                or any(r.kind is RevisionKind.SUPPLEMENT for r in document.revisions)
            ):
                yield withdrawn, meeting
    if len(partnership.plans) > 1:
        for plan in partnership.plans:
            moment = plan_public_from(partnership, plan)
            if moment is not None:
                yield moment, None


def affected_meetings(
    partnership: Partnership,
    meeting: Meeting,
    before: dt.datetime,
    bodies: Mapping[str, BodyMeetings] | None = None,
) -> tuple[set[str], set[str]]:
    """Which meetings' duties can change when ``meeting`` changes just after ``before``.

    Returns the meetings to work the duties out on, and the meetings whose duties that gives
    right.  Only the minutes of the body's meetings that can have ``meeting`` as their next one
    change with it: from the last meeting before it that surely goes ahead (public by
    ``before``, scheduled, never moved) to it; their next meetings lie before the first such
    meeting after it.  So a change costs the meetings around it, not the whole body: found in
    ``bodies`` (:func:`meetings_by_body` of ``partnership``, worked out once for many calls;
    by default here).
    """

    def fixed(other: Meeting) -> bool:
        return (
            partnership.is_public(other)
            and other.status is MeetingStatus.SCHEDULED
            and other.previous_start is None
            and (other.announced is None or utc(other.announced) <= utc(before))
        )

    index = (meetings_by_body(partnership) if bodies is None else bodies)[meeting.body]
    low, high = min(_starts(meeting)), max(_starts(meeting))
    # A fixed meeting never moved: its earliest start is its start, so the nearest fixed one
    # on each side is the first met walking out from ``meeting`` in order of earliest start.
    below = range(bisect.bisect_left(index.earliest, low) - 1, -1, -1)
    above = range(bisect.bisect_right(index.earliest, high), len(index.meetings))
    floor = next((index.earliest[i] for i in below if fixed(index.meetings[i])), None)
    ceiling = next((index.earliest[i] for i in above if fixed(index.meetings[i])), None)
    first = 0 if floor is None else bisect.bisect_left(index.earliest, floor)
    last = len(index.meetings)
    if ceiling is not None:
        last = bisect.bisect_right(index.earliest, ceiling)
    # Every meeting whose starts meet [floor, ceiling]: those whose earliest start lies in it,
    # and moved ones starting before the floor that reach it.
    reaching = [] if floor is None else index.reaching(floor, strict=False)
    scope = {meeting.id}
    right = {meeting.id}
    for position in [*reaching, *range(first, last)]:
        other = index.meetings[position]
        scope.add(other.id)
        if ceiling is None or index.latest[position] < ceiling:
            right.add(other.id)
    return scope, right
