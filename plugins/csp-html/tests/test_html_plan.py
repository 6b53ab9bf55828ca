"""plans/{id}.html with its target charts, and assessments/{id}.html."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from csp_core import Partnership, Reading, Target
from hypothesis import given
from hypothesis import strategies as st

from csp_html.chart import chart


@pytest.fixture(scope="module")
def plan_page(parse, seed_pages):
    """The current plan's page at the seed moment."""
    return parse(seed_pages["plans/plan-2017-18.html"])


class TestPlanPage:
    def test_heading_and_state(self, plan_page) -> None:
        """One h1, the plan's title; whether it is in force and the period it covers.

        On the seed day, 1 October 2019, the 2017-18 plan's period (to 31 March 2018) is over
        and no later plan is recorded: it has expired, and is never called "in force since".
        """
        assert [h.text() for h in plan_page.find_all("h1")] == ["Community safety plan 2017–18"]
        text = plan_page.find("main").text()
        assert "In force since" not in text
        assert (
            "Expired: in force from Saturday 1 April 2017 to Saturday 31 March 2018;"
            " no later plan is in force yet." in text
        )
        assert "The plan covers 1 April 2017 to 31 March 2018." in text

    def test_priorities_leads_aims(self, plan_page) -> None:
        """Each priority in its own section with its lead officer and aims."""
        section = plan_page.section("priority-domestic-abuse")
        text = section.text()
        assert (
            "Lead officer (illustrative), Domestic abuse and sexual violence partnership manager"
            in text
        )
        assert "Increase the confidence of victims to report abuse and seek support" in text

    def test_private_lead_contact_not_shown(self, plan_page) -> None:
        """A lead officer's email and phone appear only if public (none are, in the example)."""
        assert not [a for a in plan_page.find_all("a") if a.attrs["href"].startswith("mailto:")]


class TestTargetChart:
    def test_chart_is_an_accessible_image(self, plan_page) -> None:
        """The SVG has role=img, and aria-labelledby points at its title and description."""
        target = plan_page.by_id("target-domestic-abuse-repeat-domestic-abuse")
        svg = target.find("svg")
        assert svg.attrs["role"] == "img"
        title_id, desc_id = svg.attrs["aria-labelledby"].split()
        assert svg.find("title", id=title_id).text().startswith("Progress: Repeat incidents")
        description = svg.find("desc", id=desc_id).text()
        assert description == (
            "Baseline 31% on 31 March 2017. Readings: 30.4% on 30 June 2017; 29.8% on "
            "30 September 2017; 29.1% on 31 December 2017; 28.6% on 31 March 2018. "
            "Target: 28% by 31 March 2018."
        )

    def test_numbers_also_in_a_table(self, plan_page) -> None:
        """Every number the chart draws is in a table too, with the readings' notes."""
        target = plan_page.by_id("target-domestic-abuse-repeat-domestic-abuse")
        rows = [
            [cell.text() for cell in row.iter() if cell.tag in {"th", "td"}]
            for row in target.find("tbody").find_all("tr")
        ]
        assert rows[0] == ["31 March 2017 (baseline)", "31%", "2016-17 year (illustrative)"]
        assert rows[-1] == ["31 March 2018", "28.6%", "Year end: target narrowly missed"]
        assert len(rows) == 5
        assert target.find("caption").text().startswith("Figures for")

    def test_one_point_per_reading(self, plan_page) -> None:
        """A circle per baseline and reading, and a dashed target line."""
        svg = plan_page.by_id("target-vulnerable-locations-city-centre-asb").find("svg")
        assert len(svg.find_all("circle")) == 5
        assert svg.find_all("line", class_="target-line")

    def test_no_chart_without_readings(
        self, cambridge: Partnership, render, parse, seed_at: dt.datetime
    ) -> None:
        """A target with no figures yet has no chart and no table, and says so."""
        plan = cambridge.plans[0]
        priority = plan.priorities[0]
        targets = tuple(attrs.evolve(t, readings=(), baseline=None) for t in priority.targets)
        plan = attrs.evolve(
            plan, priorities=(attrs.evolve(priority, targets=targets), *plan.priorities[1:])
        )
        partnership = attrs.evolve(cambridge, plans=(plan, *cambridge.plans[1:]))
        page = parse(render(partnership, seed_at)[f"plans/{plan.id}.html"])
        section = page.section(f"priority-{priority.id}")
        assert not section.find_all("svg")
        assert not section.find_all("table")
        assert section.text().count("No figures have been reported yet.") == len(targets)


class TestChartGeometry:
    def test_scale_covers_values_and_target(self) -> None:
        """Grid lines are round numbers covering every reading and the target."""
        target = Target(
            id="t",
            measure="Incidents",
            target=2300.0,
            baseline=Reading(on=dt.date(2017, 3, 31), value=2450.0),
            readings=(Reading(on=dt.date(2017, 6, 30), value=2520.0),),
        )
        drawn = chart(target)
        assert drawn is not None
        labels = [tick.label for tick in drawn.ticks]
        assert labels[0] == "2,300"
        assert labels[-1] == "2,550"
        ys = [point.y for point in drawn.points]
        assert all(drawn.top <= y <= drawn.bottom for y in ys)
        assert drawn.bottom >= drawn.target_y >= drawn.top

    def test_single_reading_equal_to_target(self) -> None:
        """One reading equal to the target still gives a drawable chart, centred."""
        target = Target(
            id="t", measure="m", target=5.0, readings=(Reading(on=dt.date(2020, 1, 1), value=5.0),)
        )
        drawn = chart(target)
        assert drawn is not None
        assert drawn.points[0].x == pytest.approx((drawn.left + drawn.right) / 2, abs=0.1)
        assert len(drawn.ticks) >= 2

    @given(
        values=st.lists(
            st.floats(allow_nan=False, allow_infinity=False, width=32), min_size=1, max_size=5
        ),
        goal=st.floats(allow_nan=False, allow_infinity=False, width=32),
    )
    def test_any_values_draw_inside_the_plot(self, values: list[float], goal: float) -> None:
        """For any finite readings the points lie in the plot area, or there is no chart."""
        readings = tuple(
            Reading(on=dt.date(2020, 1, 1) + dt.timedelta(days=30 * i), value=v)
            for i, v in enumerate(values)
        )
        drawn = chart(Target(id="t", measure="m", target=goal, readings=readings))
        if drawn is None:
            return
        for point in drawn.points:
            assert drawn.left - 0.1 <= point.x <= drawn.right + 0.1
            assert drawn.top - 0.1 <= point.y <= drawn.bottom + 0.1
        assert drawn.top - 0.1 <= drawn.target_y <= drawn.bottom + 0.1
        assert 2 <= len(drawn.ticks) <= 12


class TestAssessmentPage:
    def test_content(self, parse, seed_pages) -> None:
        """Published date, period, author, recommendations by kind, topics and sources."""
        page = parse(seed_pages["assessments/strategic-assessment-2016-17.html"])
        assert [h.text() for h in page.find_all("h1")] == ["Strategic assessment 2016/17"]
        text = page.find("main").text()
        assert "Published Monday 16 January 2017" in text
        assert "Period assessed 1 October 2015 to 30 September 2016" in text
        assert "Prepared by Cambridgeshire County Council research team" in text
        headings = [h.text() for h in page.find_all("h3")]
        assert headings == ["Priorities", "Further information needed", "Other recommendations"]
        assert "Reoffending" in text
        assert "British Transport Police crime data for Cambridge station" in text

    def test_recommendation_links_priority(self, parse, seed_pages) -> None:
        """A recommendation that led to a priority links to that priority's section."""
        page = parse(seed_pages["assessments/strategic-assessment-2016-17.html"])
        hrefs = [a.attrs["href"] for a in page.find("main").find_all("a")]
        assert "../plans/plan-2017-18.html#priority-domestic-abuse" in hrefs
