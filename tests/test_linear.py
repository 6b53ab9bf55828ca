"""The indexes that keep status, the public view and the stamps linear give the scans' answers.

Each lookup that once scanned every meeting per meeting (issue 16: the body's next meeting for
the minutes' clock, the meetings that may follow one for the minutes' SEQUENCE, the meetings a
change affects for the lapsed duties, a meeting's awaited duties in the view) is now an index
built once.  Here each is checked against the scan it replaced, kept below as the reference,
on generated partnerships (moved, cancelled and replaced meetings, several bodies, private
ones) at their own moments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import attrs
from hypothesis import given

from csp_core.model import (
    Body,
    ChangeKind,
    Contact,
    DocumentKind,
    Meeting,
    MeetingChange,
    MeetingStatus,
    MinutesClock,
    Partnership,
    PublicationPolicy,
)
from csp_core.model._checks import utc
from csp_core.public import _MEETING_DUTIES, MEETING_DUTIES, public_view
from csp_core.rules.schedule import DutyKind, _Following, calendar_for, duties, takes_place
from csp_core.rules.stamps import StampRules, affected_meetings, meetings_by_body
from tests.strategies import data_moments, examples, partnerships, partnerships_at_instants


def _next_meeting_scan(meetings: list[Meeting], meeting: Meeting) -> Meeting | None:
    """The scan :class:`_Following` replaced: the body's first later meeting going ahead."""
    following = [
        other
        for other in meetings
        if other.body == meeting.body
        and utc(other.start) > utc(meeting.start)
        and takes_place(other)
    ]
    return following[0] if following else None


def _may_follow_scan(
    rules: StampRules, meeting: Meeting
) -> Iterator[tuple[Meeting, dt.datetime | None]]:
    """The scan ``StampRules._following_moves`` replaced (every meeting, per meeting)."""
    partnership = rules.partnership
    starts = [utc(m) for m in (meeting.start, meeting.previous_start) if m is not None]
    others = []
    for other in partnership.meetings:
        if other.id == meeting.id or other.body != meeting.body or not partnership.is_public(other):
            continue
        times = [utc(m) for m in (other.start, other.previous_start) if m is not None]
        if max(times) > min(starts):
            others.append((min(times), other.id, other))
    others.sort(key=lambda entry: (entry[0], entry[1]))
    anchor: Meeting | None = None
    for earliest, _, other in others:
        if anchor is not None and earliest > utc(anchor.start):
            if anchor.announced is not None:
                yield other, utc(anchor.announced)
            continue
        yield other, None
        if (
            anchor is None
            and other.status is MeetingStatus.SCHEDULED
            and other.previous_start is None
            and utc(other.start) > max(starts)
        ):
            anchor = other


def _following_moves_scan(rules: StampRules, meeting: Meeting) -> list[dt.datetime]:
    found = []
    for other, until in _may_follow_scan(rules, meeting):
        for moment in [other.announced, *rules._moves(other)]:
            if moment is not None and (until is None or utc(moment) < until):
                found.append(moment)
    return found


def _affected_scan(
    partnership: Partnership, meeting: Meeting, before: dt.datetime
) -> tuple[set[str], set[str]]:
    """The scan of the body's meetings that ``affected_meetings`` replaced."""

    def starts(other: Meeting) -> list[dt.datetime]:
        return [utc(m) for m in (other.start, other.previous_start) if m is not None]

    def fixed(other: Meeting) -> bool:
        return (
            partnership.is_public(other)
            and other.status is MeetingStatus.SCHEDULED
            and other.previous_start is None
            and (other.announced is None or utc(other.announced) <= utc(before))
        )

    body = [other for other in partnership.meetings if other.body == meeting.body]
    low, high = min(starts(meeting)), max(starts(meeting))
    floor = max((utc(m.start) for m in body if fixed(m) and utc(m.start) < low), default=None)
    ceiling = min((utc(m.start) for m in body if fixed(m) and utc(m.start) > high), default=None)
    scope = {meeting.id}
    right = {meeting.id}
    for other in body:
        times = starts(other)
        if (floor is None or max(times) >= floor) and (ceiling is None or min(times) <= ceiling):
            scope.add(other.id)
            if ceiling is None or max(times) < ceiling:
                right.add(other.id)
    return scope, right


@examples(60)
@given(partnership=partnerships())
def test_the_next_meeting_is_the_scans(partnership: Partnership) -> None:
    meetings = sorted(partnership.meetings, key=lambda m: (utc(m.start), m.id))
    following = _Following.of(meetings)
    for meeting in meetings:
        assert following.after(meeting) == _next_meeting_scan(meetings, meeting), meeting.id


@examples(60)
@given(partnership=partnerships())
def test_minutes_counted_from_the_next_meeting_fall_due_as_the_scan_said(
    partnership: Partnership,
) -> None:
    """With minutes due after the next meeting, each minutes deadline is the scan's."""
    partnership = attrs.evolve(
        partnership, policy=attrs.evolve(partnership.policy, minutes_from=MinutesClock.NEXT_MEETING)
    )
    meetings = sorted(partnership.meetings, key=lambda m: (utc(m.start), m.id))
    working = calendar_for(partnership)
    minutes = {d.subject: d for d in duties(partnership) if d.kind is DutyKind.MINUTES}
    for meeting in meetings:
        if not (partnership.is_public(meeting) and takes_place(meeting)):
            continue
        after = _next_meeting_scan(meetings, meeting)
        if after is None:
            assert meeting.id not in minutes
            continue
        day = after.start.astimezone(partnership.timezone).date()
        due = working.add_working_days(day, partnership.policy.minutes_working_days)
        assert minutes[meeting.id].deadline == due


@examples(60)
@given(partnership=partnerships())
def test_the_minutes_clock_moves_as_the_scan_said(partnership: Partnership) -> None:
    rules = StampRules(partnership, 14)
    for meeting in partnership.meetings:
        assert list(rules._following_moves(meeting)) == _following_moves_scan(rules, meeting)


@examples(60)
@given(case=partnerships_at_instants())
def test_a_change_affects_the_meetings_the_scan_said(
    case: tuple[Partnership, list[dt.datetime]],
) -> None:
    partnership, instants = case
    bodies = meetings_by_body(partnership)
    moments = [*instants, *data_moments(partnership)]
    for meeting in partnership.meetings:
        for before in moments:
            expected = _affected_scan(partnership, meeting, before)
            assert affected_meetings(partnership, meeting, before, bodies) == expected
            assert affected_meetings(partnership, meeting, before) == expected


@examples(40)
@given(case=partnerships_at_instants())
def test_what_a_meeting_awaits_is_the_scans(case: tuple[Partnership, list[dt.datetime]]) -> None:
    partnership, instants = case
    for at in instants:
        view = public_view(partnership, at)
        assert view.meetings() == tuple(
            sorted(view.partnership.meetings, key=lambda m: (utc(m.start), m.id))
        )
        for meeting in view.partnership.meetings:
            agenda_out = meeting.document(DocumentKind.AGENDA) is not None
            expected = sorted(
                (
                    state
                    for state in view.duties
                    if state.duty.subject == meeting.id
                    and state.duty.kind in _MEETING_DUTIES
                    and state.published is None
                    and not (agenda_out and state.duty.kind is DutyKind.DRAFT_AGENDA)
                ),
                key=lambda s: (MEETING_DUTIES.index(s.duty.kind), s.duty.target, s.duty.id),
            )
            assert view.waiting(meeting) == (tuple(expected) if view.goes_ahead(meeting) else ())


def _at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=dt.UTC)  # type: ignore[misc]


def _four_meetings() -> Partnership:
    """Minutes due after the next meeting; four board meetings in winter (GMT, so UTC)."""

    def meeting(name: str, start: dt.datetime, announced: dt.datetime, **fields: object) -> Meeting:
        return Meeting(
            id=name, body="board", title="Board", start=start, announced=announced, **fields
        )  # type: ignore[arg-type]

    return Partnership(
        id="four",
        name="Four CSP",
        area="Four",
        contact=Contact(address=("Town Hall",), postcode="CB1 0JH"),
        policy=PublicationPolicy(minutes_from=MinutesClock.NEXT_MEETING),
        bodies=(Body(id="board", name="Board"),),
        meetings=(
            meeting("a", _at(2025, 1, 10, 10), _at(2024, 11, 1, 9)),
            meeting("b", _at(2025, 2, 10, 10), _at(2025, 1, 20, 9)),
            meeting(
                "c",
                _at(2025, 3, 12, 10),
                _at(2024, 12, 1, 9),
                previous_start=_at(2025, 3, 10, 10),
                status=MeetingStatus.RESCHEDULED,
                changes=(
                    MeetingChange(
                        at=_at(2025, 1, 5, 12), what=(ChangeKind.TIME, ChangeKind.STATUS)
                    ),
                ),
            ),
            meeting(
                "d",
                _at(2025, 4, 10, 10),
                _at(2024, 12, 1, 9),
                status=MeetingStatus.CANCELLED,
                changes=(MeetingChange(at=_at(2025, 2, 1, 12), what=(ChangeKind.STATUS,)),),
            ),
        ),
    )


def test_later_meetings_count_for_the_minutes_only_until_the_next_one_is_public() -> None:
    """Worked example: the minutes of 10 January wait for the next meeting, 10 February.

    Meeting b (10 February, announced 20 January) goes ahead as announced, so from 20 January
    on it is the next meeting and later meetings cannot change the minutes' deadline.  Before
    then a later meeting could have been moved in front of it, so their moments count: c's and
    d's announcements (1 December 2024) and c's move (5 January 2025).  d's cancellation on
    1 February does not.  The SEQUENCE of the minutes duty on 1 March 2025 is the number of
    distinct moments by then: 20 January, 1 December, 5 January, so 3.
    """
    partnership = _four_meetings()
    rules = StampRules(partnership, 14)
    a = partnership.meeting("a")
    expected = [_at(2025, 1, 20, 9), _at(2024, 12, 1, 9), _at(2025, 1, 5, 12), _at(2024, 12, 1, 9)]
    assert list(rules._following_moves(a)) == expected == _following_moves_scan(rules, a)
    view = public_view(partnership, _at(2025, 3, 1, 12))
    (minutes,) = [s.duty for s in view.duties if s.duty.id == "meeting/a/minutes"]
    assert view.duty_stamp(minutes).sequence == 3
