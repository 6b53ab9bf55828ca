"""Stamps: every item's stamp follows its public changes, never goes backwards, never lies ahead.

The public view is built at instants around the data's own moments (each one second before, at
and after) and at random ones; for every pair of instants ``a < b`` each meeting, duty and
timeline event shown at ``a`` is still there at ``b`` (a duty as lapsed, at worst), its stamp
at ``b`` is not earlier, and if what it shows changed its stamp moved (and, for a change of
time, place or status, its SEQUENCE rose).  What an item shows is read from the view itself, not
from the stamp rules, so the test does not assume what it checks.
"""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
from hypothesis import given
from hypothesis import strategies as st

from csp_core import (
    ChangeKind,
    Contact,
    Document,
    DocumentKind,
    Meeting,
    MeetingChange,
    MeetingStatus,
    Partnership,
)
from csp_core.model import Body, Revision, RevisionKind
from csp_core.public import FLOOR, PublicView, public_view
from csp_core.rules import DutyKind, Standing
from tests.strategies import examples, partnerships, partnerships_at_instants

UTC = dt.UTC


def meeting_looks(view: PublicView) -> dict[str, tuple[object, ...]]:
    """What the public sees of each meeting: the meeting, and the meeting that replaces it."""
    meetings = {meeting.id: meeting for meeting in view.partnership.meetings}
    looks = {}
    for meeting in meetings.values():
        other = meetings.get(meeting.replaced_by or "")
        looks[meeting.id] = (
            attrs.evolve(meeting, last_changed=None),
            (other.title, other.start.astimezone(UTC)) if other else None,
        )
    return looks


def where_and_when(meeting: Meeting) -> tuple[object, ...]:
    end = meeting.end.astimezone(UTC) if meeting.end else None
    return (meeting.start.astimezone(UTC), end, meeting.venue, meeting.status)


def duty_looks(view: PublicView) -> dict[str, tuple[object, ...]]:
    """Each duty as shown: the duty and its standing, or the lapsed duty."""
    looks: dict[str, tuple[object, ...]] = {}
    for state in view.duties:
        looks[state.duty.id] = (
            "shown",
            state.duty,
            state.standing,
            state.published,
            # The count of days overdue is not shown in any output (it would change daily).
            state.working_days_late if state.standing is not Standing.OVERDUE else None,
            state.clear_days_given,
        )
    for gone in view.lapsed:
        looks[gone.duty.id] = ("lapsed", gone.duty)
    return looks


def event_looks(view: PublicView) -> dict[str, tuple[object, ...]]:
    return {
        event.id: (event.at.astimezone(UTC), event.kind, event.title, event.summary, event.link)
        for event in view.timeline
    }


def check_pair(partnership: Partnership, a: dt.datetime, b: dt.datetime) -> None:
    first, second = public_view(partnership, a), public_view(partnership, b)
    for view in (first, second):
        for meeting in view.partnership.meetings:
            assert FLOOR <= view.modified(meeting) <= view.at or view.at < FLOOR
        for state in view.duties:
            assert view.duty_stamp(state.duty).modified <= view.at
        for event in view.timeline:
            assert event.at.astimezone(UTC) <= view.updated(event) <= view.at

    # Meetings: never leave; stamp and SEQUENCE never fall; a change moves the stamp.
    before, after = meeting_looks(first), meeting_looks(second)
    meetings_a = {m.id: m for m in first.partnership.meetings}
    meetings_b = {m.id: m for m in second.partnership.meetings}
    assert set(before) <= set(after)
    for key, look in before.items():
        old, new = first.stamp(meetings_a[key]), second.stamp(meetings_b[key])
        assert (new.sequence, new.modified) >= (old.sequence, old.modified), key
        assert new.sequence >= old.sequence, key
        if look != after[key]:
            assert new.modified > old.modified, key
        if where_and_when(meetings_a[key]) != where_and_when(meetings_b[key]):
            assert new.sequence > old.sequence, key

    # Duties: shown or lapsed, never gone; stamps never fall; a change moves the stamp.
    duties_a, duties_b = duty_looks(first), duty_looks(second)
    assert set(duties_a) <= set(duties_b), set(duties_a) - set(duties_b)
    all_a = {s.duty.id: s.duty for s in first.duties} | {g.duty.id: g.duty for g in first.lapsed}
    all_b = {s.duty.id: s.duty for s in second.duties} | {g.duty.id: g.duty for g in second.lapsed}
    for key, look in duties_a.items():
        old, new = first.duty_stamp(all_a[key]), second.duty_stamp(all_b[key])
        assert new.modified >= old.modified, key
        assert new.sequence >= old.sequence, key
        if look != duties_b[key]:
            assert new.modified > old.modified, (key, look, duties_b[key])
        if (look[0], all_a[key].deadline) != (duties_b[key][0], all_b[key].deadline):
            assert new.sequence > old.sequence, key

    # Timeline events: never gone; updated never falls; a change of what it says moves it.
    events_a, events_b = event_looks(first), event_looks(second)
    assert set(events_a) <= set(events_b)
    timeline_a = {event.id: event for event in first.timeline}
    timeline_b = {event.id: event for event in second.timeline}
    for key, look in events_a.items():
        old, new = first.updated(timeline_a[key]), second.updated(timeline_b[key])
        assert new >= old, key
        if look != events_b[key]:
            assert new > old, (key, look, events_b[key])


class TestProperties:
    @examples(60)
    @given(case=partnerships_at_instants())
    def test_stamps_follow_every_change_and_never_fall(
        self, case: tuple[Partnership, list[dt.datetime]]
    ) -> None:
        """Around the data's moments: nothing leaves, nothing goes back, every change is seen."""
        partnership, instants = case
        for a, b in itertools.pairwise(instants):
            check_pair(partnership, a, b)
        check_pair(partnership, instants[0], instants[-1])

    @examples(30)
    @given(partnership=partnerships(), at=st.datetimes(timezones=st.just(UTC)))
    def test_the_same_data_gives_the_same_stamps(
        self, partnership: Partnership, at: dt.datetime
    ) -> None:
        """Stamps are a function of the data and the instant: two views agree exactly."""
        at = max(at, dt.datetime(1900, 1, 1, tzinfo=UTC))
        at = min(at, dt.datetime(2200, 12, 31, tzinfo=UTC))
        assert public_view(partnership, at).stamps == public_view(partnership, at).stamps


def _at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def small() -> Partnership:
    """Two board meetings: the first with an online agenda, the second cancelled later."""
    agenda = Document(
        id="agenda-1",
        kind=DocumentKind.AGENDA,
        title="Agenda",
        url="https://example.org/agenda-1.pdf",
        published=_at(2024, 2, 26, 9),
    )
    return Partnership(
        id="small",
        name="Small CSP",
        area="Small",
        contact=Contact(address=("Town Hall",), postcode="CB1 0JH"),
        bodies=(Body(id="board", name="Board"),),
        meetings=(
            Meeting(
                id="one",
                body="board",
                title="Board",
                start=_at(2024, 3, 5, 10),
                announced=_at(2024, 1, 10, 9),
                documents=(agenda,),
            ),
            Meeting(
                id="two",
                body="board",
                title="Board",
                start=_at(2024, 6, 5, 10),
                announced=_at(2024, 1, 10, 9),
                status=MeetingStatus.CANCELLED,
                changes=(MeetingChange(at=_at(2024, 5, 1, 12), what=(ChangeKind.STATUS,)),),
            ),
        ),
    )


class TestRules:
    def test_nothing_known_yet_is_the_floor(self) -> None:
        """A meeting always public but with no moment yet is stamped 1900-01-01T00:00Z."""
        partnership = attrs.evolve(
            small(), meetings=(attrs.evolve(small().meetings[0], announced=None, documents=()),)
        )
        view = public_view(partnership, _at(2023, 1, 1))
        assert view.modified(view.partnership.meetings[0]) == FLOOR
        assert dt.datetime(1900, 1, 1, tzinfo=UTC) == FLOOR

    def test_papers_going_on_request_move_the_stamp(self) -> None:
        """Twelve months after the meeting its agenda is on request: the stamp is that midnight."""
        partnership = small()
        before = public_view(partnership, _at(2025, 3, 4, 12))
        after = public_view(partnership, _at(2025, 3, 5, 12))
        (one_before, one_after) = (v.partnership.meetings[0] for v in (before, after))
        assert one_before.documents[0].url is not None
        assert one_after.documents[0].url is None
        assert before.modified(one_before) == _at(2024, 2, 26, 9)
        assert after.modified(one_after) == _at(2025, 3, 5)  # midnight, GMT
        assert after.sequence(one_after) == 0  # not a change of time, place or status

    def test_the_feed_entry_of_a_paper_going_on_request_is_updated(self) -> None:
        """The agenda's entry loses its link at that midnight; its updated stamp says so."""
        before = public_view(small(), _at(2025, 3, 4, 12))
        after = public_view(small(), _at(2025, 3, 5, 12))
        (old,) = [e for e in before.timeline if e.id == "document/agenda-1/published"]
        (new,) = [e for e in after.timeline if e.id == "document/agenda-1/published"]
        assert (old.link, new.link) == ("https://example.org/agenda-1.pdf", None)
        assert before.updated(old) == _at(2024, 2, 26, 9)
        assert after.updated(new) == _at(2025, 3, 5)

    def test_a_cancelled_meetings_duties_lapse_and_stay(self) -> None:
        """The cancelled meeting's agenda duty is kept as lapsed, from the cancellation."""
        partnership = small()
        before = public_view(partnership, _at(2024, 5, 1, 11))
        after = public_view(partnership, _at(2024, 5, 1, 13))
        assert "meeting/two/agenda" in {state.duty.id for state in before.duties}
        assert "meeting/two/agenda" not in {state.duty.id for state in after.duties}
        lapsed = {gone.duty.id: gone for gone in after.lapsed}
        assert lapsed["meeting/two/agenda"].since == _at(2024, 5, 1, 12)
        # The first meeting's minutes were due after the second: that duty lapses too.
        assert "meeting/one/minutes" in lapsed
        old = before.duty_stamp(lapsed["meeting/two/agenda"].duty)
        new = after.duty_stamp(lapsed["meeting/two/agenda"].duty)
        assert new.modified == _at(2024, 5, 1, 12) > old.modified
        assert new.sequence > old.sequence

    def test_duty_standing_changes_move_the_stamp(self) -> None:
        """Due soon and overdue start at midnights, which become the duty's stamp."""
        partnership = attrs.evolve(
            small(), meetings=(attrs.evolve(small().meetings[0], documents=()),)
        )
        view = public_view(partnership, _at(2024, 3, 1, 12))
        (agenda,) = [s for s in view.duties if s.duty.kind is DutyKind.AGENDA]
        assert agenda.standing is Standing.OVERDUE
        day = agenda.duty.deadline + dt.timedelta(days=1)
        assert view.duty_stamp(agenda.duty).modified == dt.datetime.combine(
            day, dt.time(), tzinfo=UTC
        )

    def test_a_withdrawn_report_lapses(self) -> None:
        """A report's duty names the report; when the report is withdrawn the duty lapses."""
        report = Document(
            id="report-1",
            kind=DocumentKind.REPORT,
            title="Report",
            url="https://example.org/report-1.pdf",
            published=_at(2024, 2, 26, 9),
            revisions=(
                Revision(kind=RevisionKind.WITHDRAWAL, published=_at(2024, 2, 28), note="Gone"),
            ),
        )
        one = attrs.evolve(small().meetings[0], documents=(report,))
        partnership = attrs.evolve(small(), meetings=(one,))
        view = public_view(partnership, _at(2024, 3, 1))
        assert [gone.duty.id for gone in view.lapsed] == ["meeting/one/report/report-1"]
        assert view.lapsed[0].since == _at(2024, 2, 28)

    def test_the_replacing_meeting_appearing_and_moving_moves_the_stamp(self) -> None:
        """A cancelled meeting names its replacement: its announcement and moves are changes."""
        two = small().meetings[1]
        three = Meeting(
            id="three",
            body="board",
            title="Board",
            start=_at(2024, 7, 9, 10),
            previous_start=_at(2024, 7, 2, 10),
            status=MeetingStatus.RESCHEDULED,
            announced=_at(2024, 5, 10),
            changes=(
                MeetingChange(at=_at(2024, 5, 20), what=(ChangeKind.TIME, ChangeKind.STATUS)),
            ),
        )
        partnership = attrs.evolve(
            small(), meetings=(attrs.evolve(two, replaced_by="three"), three)
        )
        stamps = []
        for at in (_at(2024, 5, 2), _at(2024, 5, 11), _at(2024, 5, 21)):
            view = public_view(partnership, at)
            cancelled = view.partnership.meeting("two")
            stamps.append((view.modified(cancelled), cancelled.replaced_by))
        assert stamps == [
            (_at(2024, 5, 1, 12), None),
            (_at(2024, 5, 10), "three"),
            (_at(2024, 5, 20), "three"),
        ]

    def test_minutes_follow_the_next_meeting_and_nothing_further(self) -> None:
        """A minutes deadline counts from the next meeting: only that meeting's news moves it."""
        one, two = small().meetings
        two = attrs.evolve(two, status=MeetingStatus.SCHEDULED, changes=())
        sooner = Meeting(
            id="sooner",
            body="board",
            title="Board",
            start=_at(2024, 4, 5, 10),
            announced=_at(2024, 3, 20),
        )
        later = attrs.evolve(
            sooner, id="later", start=_at(2024, 9, 5, 10), announced=_at(2024, 8, 1)
        )
        minuted = Document(
            id="minutes-1",
            kind=DocumentKind.MINUTES,
            title="Minutes",
            url="https://example.org/minutes-1.pdf",
            published=_at(2024, 3, 10, 9),
        )
        one = attrs.evolve(one, documents=(*one.documents, minuted))
        partnership = attrs.evolve(small(), meetings=(one, two, sooner, later))

        def minutes(at: dt.datetime) -> tuple[dt.date, dt.datetime]:
            view = public_view(partnership, at)
            (state,) = [s for s in view.duties if s.duty.id == "meeting/one/minutes"]
            return state.duty.deadline, view.duty_stamp(state.duty).modified

        (before, first), (after, second) = minutes(_at(2024, 3, 19)), minutes(_at(2024, 3, 21))
        assert after < before  # now due after the sooner meeting
        assert first < _at(2024, 3, 20) == second
        # The meeting after the sooner one, announced later, changes nothing: no new stamp.
        assert minutes(_at(2024, 8, 2)) == (after, second)
