"""What the public view answers for publishers, so that none of them decides it again."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given

from csp_core import (
    BuildContext,
    DocumentKind,
    Partnership,
    PlanStanding,
    public_view,
)
from csp_core.rules import plan_standing
from tests.strategies import examples, partnerships_at_instants

LONDON = ZoneInfo("Europe/London")
EARLY_OCTOBER = dt.datetime(2019, 10, 1, 9, tzinfo=LONDON)
AFTER_THE_MEETING = dt.datetime(2019, 10, 18, 9, tzinfo=LONDON)


class TestCambridge:
    def test_what_comes_next(self, cambridge: Partnership) -> None:
        """Upcoming meetings soonest first, previous ones most recent first."""
        view = public_view(cambridge, EARLY_OCTOBER)
        assert [m.id for m in view.upcoming()] == ["2019-10-17", "2020-02-11"]
        assert [m.id for m in view.previous()][:2] == ["2019-06-18", "2019-02-12"]
        next_meeting = view.next_meeting()
        assert next_meeting is not None
        assert next_meeting.id == "2019-10-17"
        later = public_view(cambridge, AFTER_THE_MEETING)
        assert later.previous()[0].id == "2019-10-17"

    def test_what_a_meeting_awaits(self, cambridge: Partnership) -> None:
        """The draft agenda, the agenda and papers, then the minutes, in that order."""
        view = public_view(cambridge, EARLY_OCTOBER)
        meeting = next(m for m in view.meetings() if m.id == "2019-10-17")
        awaited = [(s.duty.kind.value, s.duty.target.isoformat()) for s in view.waiting(meeting)]
        assert awaited == [
            ("draft-agenda", "2019-10-03"),
            ("agenda", "2019-10-09"),
            ("minutes", "2020-02-25"),
        ]

    def test_the_draft_agenda_is_not_awaited_once_the_agenda_is_out(
        self, cambridge: Partnership
    ) -> None:
        """On 10 October the agenda is published: only the minutes are awaited."""
        view = public_view(cambridge, dt.datetime(2019, 10, 10, 9, tzinfo=LONDON))
        meeting = next(m for m in view.meetings() if m.id == "2019-10-17")
        assert meeting.document(DocumentKind.AGENDA) is not None
        assert [s.duty.kind.value for s in view.waiting(meeting)] == ["minutes"]

    def test_where_plans_stand(self, cambridge: Partnership) -> None:
        """In October 2019 the 2017-18 plan has expired: its period ended on 31 March 2018 and no
        later plan is recorded, so no plan is current; the 2016-17 one is a previous plan."""
        view = public_view(cambridge, EARLY_OCTOBER)
        standings = {plan.id: view.plan_standing(plan) for plan in view.partnership.plans}
        assert standings == {
            "plan-2017-18": PlanStanding.EXPIRED,
            "plan-2016-17": PlanStanding.PREVIOUS,
        }
        assert view.current_plan() is None
        # Before it comes into force the 2017-18 plan is not public, so ask the rule itself.
        plan = next(p for p in cambridge.plans if p.id == "plan-2017-18")
        assert plan_standing(cambridge, plan, dt.date(2017, 3, 31)) is PlanStanding.UPCOMING
        assert plan_standing(cambridge, plan, dt.date(2017, 4, 1)) is PlanStanding.CURRENT
        assert plan_standing(cambridge, plan, dt.date(2018, 3, 31)) is PlanStanding.CURRENT
        assert plan_standing(cambridge, plan, dt.date(2018, 4, 1)) is PlanStanding.EXPIRED

    def test_the_law(self, cambridge: Partnership) -> None:
        """An English partnership: Schedule 12A of the Local Government Act 1972."""
        law = public_view(cambridge, EARLY_OCTOBER).law
        assert (law.act, law.schedule) == ("Local Government Act 1972", "Schedule 12A")
        assert list(law.paragraphs) == [1, 2, 3, 4, 5, 6, 7]


@examples(40)
@given(partnerships_at_instants(most=3))
def test_the_answers_agree_with_the_view(sample: tuple[Partnership, list[dt.datetime]]) -> None:
    """At any instant: upcoming and previous split the meetings; the next meeting is the
    first upcoming one that goes ahead; what is awaited is unpublished, of a meeting that goes
    ahead, and never the draft agenda once the agenda is out; one plan at most is current; the
    stamp of the timeline is within it and never after the instant."""
    partnership, instants = sample
    for at in instants:
        view = public_view(partnership, at)
        upcoming, previous = view.upcoming(), view.previous()
        assert sorted(m.id for m in upcoming + previous) == sorted(
            m.id for m in view.partnership.meetings
        )
        assert view.next_meeting() == next((m for m in upcoming if m.goes_ahead), None)
        for meeting in view.meetings():
            waiting = view.waiting(meeting)
            if waiting:
                assert meeting.goes_ahead
            for state in waiting:
                assert state.published is None
                assert state.duty.subject == meeting.id
                if meeting.document(DocumentKind.AGENDA) is not None:
                    assert state.duty.kind.value != "draft-agenda"
            if view.minutes_awaited(meeting):
                assert meeting.document(DocumentKind.MINUTES) is None
        current = [
            p for p in view.partnership.plans if view.plan_standing(p) is PlanStanding.CURRENT
        ]
        assert len(current) <= 1
        assert view.current_plan() == (current[0] if current else None)
        stamp = view.latest_update()
        assert stamp <= at
        assert all(view.updated(event) <= stamp for event in view.timeline)


class TestLink:
    @pytest.mark.parametrize(
        ("base", "address", "expected"),
        [
            (None, "https://x.org/a.pdf", "https://x.org/a.pdf"),
            ("https://csp.example.org/", "https://x.org/a.pdf", "https://x.org/a.pdf"),
            ("https://csp.example.org/", "mailto:a@x.org", "mailto:a@x.org"),
            ("https://csp.example.org/", "papers/a.pdf", "https://csp.example.org/papers/a.pdf"),
            (None, "papers/a.pdf", None),
        ],
    )
    def test_a_documents_absolute_address(
        self, cambridge: Partnership, base: str | None, address: str, expected: str | None
    ) -> None:
        """As it is with a scheme; a data-relative path joined to the base; else none."""
        context = BuildContext(view=public_view(cambridge, EARLY_OCTOBER), base_url=base)
        assert context.link(address) == expected
