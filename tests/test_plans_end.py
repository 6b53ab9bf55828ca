"""Plans that end: in force from their in-force day to the end of their period (or until a later
plan comes into force), expired after that; one yearly check per plan-year in force.

The rules are in docs/rules.md, "Plans in force" and "Duties" (plan check).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_core import CommunitySafetyPlan, Partnership, Period, dump, load, public_view
from csp_core.cli import main
from csp_core.reports import status_json
from csp_core.rules import DutyKind, PlanStanding, duties, plan_in_force, plan_standing, status
from csp_core.rules.availability import in_force_until, plans_in_force
from tests.data import partnership_header
from tests.strategies import examples, partnerships

PLANSHIRE = (
    partnership_header("Planshire", town="Planton")
    + """
[[plans]]
id = "plan-2017"
title = "Plan 2017-20"
period = { start = 2017-04-01, end = 2020-03-31 }
in_force_from = 2017-04-01

[[assessments]]
id = "sa-2018"
title = "Strategic assessment 2018"
period = { start = 2017-01-01, end = 2017-12-31 }
published_on = 2018-01-15
"""
)


@pytest.fixture(scope="module")
def planshire(tmp_path_factory: pytest.TempPathFactory) -> Partnership:
    path = tmp_path_factory.mktemp("plans") / "partnership.toml"
    path.write_text(PLANSHIRE, encoding="utf-8")
    return load(path)


def _plan(plan_id: str, start: dt.date, end: dt.date, in_force: dt.date) -> CommunitySafetyPlan:
    return CommunitySafetyPlan(
        id=plan_id, title=plan_id, period=Period(start=start, end=end), in_force_from=in_force
    )


def _with(partnership: Partnership, *plans: CommunitySafetyPlan) -> Partnership:
    return attrs.evolve(partnership, plans=plans)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)


D = dt.date


class TestInForce:
    def test_a_plan_is_in_force_to_the_last_day_of_its_period(self, planshire) -> None:
        """Plan 2017-20: in force from 1 April 2017 to 31 March 2020, both days included."""
        assert plan_in_force(planshire, D(2017, 3, 31)) is None
        assert plan_in_force(planshire, D(2017, 4, 1)).id == "plan-2017"  # type: ignore[union-attr]
        assert plan_in_force(planshire, D(2020, 3, 31)).id == "plan-2017"  # type: ignore[union-attr]
        # 1 April 2020: its period is over and no later plan exists: expired, none in force.
        assert plan_in_force(planshire, D(2020, 4, 1)) is None
        assert in_force_until(planshire, planshire.plans[0]) == D(2020, 3, 31)

    def test_standing_upcoming_current_expired(self, planshire) -> None:
        """Upcoming before 1 April 2017, current through 31 March 2020, expired from 1 April."""
        plan = planshire.plans[0]
        assert plan_standing(planshire, plan, D(2017, 3, 31)) is PlanStanding.UPCOMING
        assert plan_standing(planshire, plan, D(2020, 3, 31)) is PlanStanding.CURRENT
        assert plan_standing(planshire, plan, D(2020, 4, 1)) is PlanStanding.EXPIRED
        assert plan_standing(planshire, plan, D(2026, 1, 1)) is PlanStanding.EXPIRED

    def test_replaced_mid_period(self, planshire) -> None:
        """Plan 2017-20 replaced by a plan in force from 1 October 2018: the old one is in force
        to 30 September 2018 (the day before), then previous, never expired."""
        old = planshire.plans[0]
        new = _plan("plan-2018", D(2018, 10, 1), D(2021, 9, 30), D(2018, 10, 1))
        both = _with(planshire, old, new)
        assert in_force_until(both, old) == D(2018, 9, 30)
        assert plan_in_force(both, D(2018, 9, 30)).id == "plan-2017"  # type: ignore[union-attr]
        assert plan_in_force(both, D(2018, 10, 1)).id == "plan-2018"  # type: ignore[union-attr]
        assert plan_standing(both, old, D(2018, 10, 1)) is PlanStanding.PREVIOUS
        assert plan_standing(both, old, D(2030, 1, 1)) is PlanStanding.PREVIOUS
        # The new plan's period ends 30 September 2021: then it, not the old one, has expired.
        assert plan_standing(both, new, D(2021, 10, 1)) is PlanStanding.EXPIRED
        assert plan_in_force(both, D(2021, 10, 1)) is None

    def test_a_gap_between_plans(self, planshire) -> None:
        """A 2016-17 plan ending 31 March 2017 and the next in force only from 1 June 2017:
        in April and May 2017 no plan is in force and the old one has expired; from 1 June the
        old one is previous."""
        old = _plan("plan-2016", D(2016, 4, 1), D(2017, 3, 31), D(2016, 4, 1))
        new = _plan("plan-2017", D(2017, 4, 1), D(2018, 3, 31), D(2017, 6, 1))
        both = _with(planshire, old, new)
        assert plan_in_force(both, D(2017, 4, 1)) is None
        assert plan_standing(both, old, D(2017, 5, 31)) is PlanStanding.EXPIRED
        assert plan_standing(both, old, D(2017, 6, 1)) is PlanStanding.PREVIOUS
        assert plan_standing(both, new, D(2017, 6, 1)) is PlanStanding.CURRENT


class TestYearlyChecks:
    def test_a_three_year_plan_is_checked_in_2018_and_2019(self, planshire) -> None:
        """Plan 2017-20 in force 1 April 2017 to 31 March 2020, checked every 12 months: year
        one ends 1 April 2018, year two 1 April 2019; year three would end 1 April 2020, the day
        after the plan's last day in force, so it carries no check."""
        checks = [d for d in duties(planshire) if d.kind is DutyKind.PLAN_CHECK]
        assert [(d.id, d.deadline) for d in checks] == [
            ("plan/plan-2017/check/1", D(2018, 4, 1)),
            ("plan/plan-2017/check/2", D(2019, 4, 1)),
        ]

    def test_every_year_is_checked_even_after_one_is_missed(self, planshire) -> None:
        """Year one met by the 15 January 2018 assessment; year two (2 April 2018 to 1 April
        2019) has none: overdue on 1 June 2019.  Before, only the first yearly check existed."""
        report = status(planshire, _at(D(2019, 6, 1)))
        by_id = {s.duty.id: s for s in report.of_kind(DutyKind.PLAN_CHECK)}
        assert by_id["plan/plan-2017/check/1"].standing.value == "on-time"
        assert by_id["plan/plan-2017/check/2"].standing.value == "overdue"

    def test_a_replaced_plan_is_checked_no_more(self, planshire) -> None:
        """Replaced on 1 October 2018 (last day in force 30 September 2018): only year one's
        check (due 1 April 2018); year two would end 1 April 2019, after the replacement."""
        old = planshire.plans[0]
        new = _plan("plan-2018", D(2018, 10, 1), D(2021, 9, 30), D(2018, 10, 1))
        checks = [d for d in duties(_with(planshire, old, new)) if d.kind is DutyKind.PLAN_CHECK]
        assert [(d.id, d.deadline) for d in checks] == [
            ("plan/plan-2017/check/1", D(2018, 4, 1)),
            # The new plan: in force 1 October 2018 to 30 September 2021; years end 1 October
            # 2019 and 1 October 2020; year three's 1 October 2021 is after its last day.
            ("plan/plan-2018/check/1", D(2019, 10, 1)),
            ("plan/plan-2018/check/2", D(2020, 10, 1)),
        ]

    def test_a_one_year_plan_has_no_check(self, planshire) -> None:
        """A 2017-18 plan (1 April 2017 to 31 March 2018): its year would end 1 April 2018, after
        its period; the next plan, not a check, follows it (Cambridge's plan 2017-18)."""
        plan = _plan("plan-2017-18", D(2017, 4, 1), D(2018, 3, 31), D(2017, 4, 1))
        assert not [d for d in duties(_with(planshire, plan)) if d.kind is DutyKind.PLAN_CHECK]


class TestReported:
    def test_status_does_not_call_an_expired_plan_in_force(self, planshire) -> None:
        """On 1 June 2020 plan 2017-20 has expired: no plan in force, in text and JSON."""
        report = status(planshire, _at(D(2020, 6, 1)))
        assert report.plan is None
        assert status_json(planshire, report)["plan"] is None

    def test_status_command_says_no_plan_in_force(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "partnership.toml"
        path.write_text(PLANSHIRE, encoding="utf-8")
        main(["status", str(path), "--at", "2020-06-01T09:00"])
        out = capsys.readouterr().out
        assert "No community safety plan in force." in out
        assert "Plan in force:" not in out

    def test_public_view(self, planshire) -> None:
        """The view on 1 June 2020: no current plan; the plan stands expired."""
        view = public_view(planshire, _at(D(2020, 6, 1)))
        assert view.current_plan() is None
        (plan,) = view.partnership.plans
        assert view.plan_standing(plan) is PlanStanding.EXPIRED
        assert view.plan_in_force_until(plan) == D(2020, 3, 31)


COUNTY = """
[[plans]]
id = "county-2018"
title = "County community safety agreement 2018-21"
scope = "testshire-county"
period = { start = 2018-01-01, end = 2020-12-31 }
in_force_from = 2018-01-01
"""


@pytest.fixture(scope="module")
def with_county(tmp_path_factory: pytest.TempPathFactory) -> Partnership:
    path = tmp_path_factory.mktemp("county") / "partnership.toml"
    path.write_text(PLANSHIRE + COUNTY, encoding="utf-8")
    return load(path)


class TestSeveralPlans:
    def test_a_county_plan_is_in_force_beside_the_partnerships_own(self, with_county) -> None:
        """On 1 June 2019 both are in force: plan 2017-20 (own) and the county's 2018-21; the
        county plan does not replace the partnership's (another scope)."""
        day = D(2019, 6, 1)
        assert [p.id for p in plans_in_force(with_county, day)] == ["plan-2017", "county-2018"]
        assert plan_in_force(with_county, day).id == "plan-2017"  # type: ignore[union-attr]
        own = next(p for p in with_county.plans if p.id == "plan-2017")
        assert in_force_until(with_county, own) == D(2020, 3, 31)

    def test_own_expired_county_still_in_force(self, with_county) -> None:
        """On 1 June 2020 plan 2017-20 has expired (31 March 2020); the county plan runs to
        31 December 2020: no plan of the partnership's own, one plan in force."""
        day = D(2020, 6, 1)
        assert plan_in_force(with_county, day) is None
        assert [p.id for p in plans_in_force(with_county, day)] == ["county-2018"]
        view = public_view(with_county, _at(day))
        assert view.current_plan() is None
        assert [p.id for p in view.plans_in_force()] == ["county-2018"]

    def test_only_the_partnerships_own_plans_are_checked(self, with_county) -> None:
        """The county plan carries no yearly-check duty; the own plan's two are unchanged."""
        checks = [d.id for d in duties(with_county) if d.kind is DutyKind.PLAN_CHECK]
        assert checks == ["plan/plan-2017/check/1", "plan/plan-2017/check/2"]

    def test_scope_round_trips(self, with_county) -> None:
        """``scope`` is kept by dump (default: absent for the partnership's own plan)."""
        plans = {plan["id"]: plan for plan in dump(with_county)["plans"]}
        assert plans["county-2018"]["scope"] == "testshire-county"


class TestProperties:
    @examples(60)
    @given(partnership=partnerships(), data=st.data())
    def test_at_most_one_current_and_never_expired(self, partnership, data) -> None:
        """At any day at most one plan is current; an expired plan is never the one in force.

        Days drawn around the plans' edges (in force, period end, the day after) and at random.
        """
        edges = [D(2010, 1, 1)]
        for plan in partnership.plans:
            edges += [plan.in_force_from, plan.period.end, plan.period.end + dt.timedelta(days=1)]
        day = data.draw(st.sampled_from(edges) | st.dates(D(1999, 1, 1), D(2060, 1, 1)))
        standings = {p.id: plan_standing(partnership, p, day) for p in partnership.plans}
        current = [i for i, s in standings.items() if s is PlanStanding.CURRENT]
        assert len(current) <= 1
        found = plan_in_force(partnership, day)
        assert ([found.id] if found else []) == current
        if found is not None:
            assert found.in_force_from <= day <= found.period.end
        for plan in partnership.plans:
            if standings[plan.id] is PlanStanding.EXPIRED:
                assert found is None
                assert day > plan.period.end

    @examples(60)
    @given(partnership=partnerships())
    def test_every_check_falls_within_the_plans_time_in_force(self, partnership) -> None:
        """Each plan-check duty is due on a day its plan is in force, and counts up from 1."""
        plans = {p.id: p for p in partnership.plans}
        years: dict[str, list[int]] = {}
        for duty in duties(partnership):
            if duty.kind is DutyKind.PLAN_CHECK:
                plan = plans[duty.subject]
                assert plan.in_force_from < duty.deadline <= in_force_until(partnership, plan)
                assert plan_standing(partnership, plan, duty.deadline) is PlanStanding.CURRENT
                years.setdefault(plan.id, []).append(int(duty.id.rsplit("/", 1)[1]))
        for numbers in years.values():
            assert numbers == list(range(1, len(numbers) + 1))
