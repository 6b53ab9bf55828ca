"""``plans/{id}.html``: a plan's state, priorities, lead officers, aims and targets with charts.

:class:`PlanEntry` is also what the index shows of each plan.
"""

from __future__ import annotations

import attrs
from csp_core import (
    Agency,
    CommunitySafetyPlan,
    PlanStanding,
    Priority,
    PublicView,
    Reading,
    Target,
    dates,
    i18n,
)

from csp_html import words
from csp_html.chart import Chart, chart
from csp_html.documents import DocumentEntry, document_entries
from csp_html.links import mailto, plan_path, tel
from csp_html.site import Page, Site, base_context

__all__ = [
    "PlanEntry",
    "PriorityEntry",
    "ReadingRow",
    "TargetEntry",
    "plan_entry",
    "plan_page",
    "priority_anchor",
]


@attrs.frozen(kw_only=True)
class ReadingRow:
    """A row of a target's table of figures."""

    on: str
    iso: str
    value: str
    note: str | None
    baseline: bool


@attrs.frozen(kw_only=True)
class TargetEntry:
    """A target with its figures, as words, a table and (with readings) a chart."""

    target: Target
    anchor: str
    goal: str
    """'28% by 31 March 2018'."""
    baseline: str | None
    latest: str | None
    rows: tuple[ReadingRow, ...]
    chart: Chart | None


@attrs.frozen(kw_only=True)
class PriorityEntry:
    """A priority of a plan, its lead officer, aims and targets."""

    priority: Priority
    anchor: str
    lead_agency: Agency | None
    lead_email: str | None
    lead_phone: str | None
    lead_phone_href: str | None
    targets: tuple[TargetEntry, ...]


@attrs.frozen(kw_only=True)
class PlanEntry:
    """A community safety plan and where it stands at the view's instant."""

    plan: CommunitySafetyPlan
    path: str
    state: PlanStanding
    """Current, upcoming, previous or expired, as the view decides."""
    state_label: str
    """'In force since Saturday 1 April 2017', 'Comes into force on ...', 'Expired: in force
    from ... to ...', 'A previous plan, in force from ... to ...'."""
    period: str
    """'1 April 2017 to 31 March 2018'."""
    in_force_from: str
    in_force_iso: str
    documents: tuple[DocumentEntry, ...]
    priorities: tuple[PriorityEntry, ...]
    priorities_note: str
    """Above the priorities: the partnership's own words, else 'Each priority has a lead
    officer.' (see :func:`csp_html.words.priorities_sentence`)."""


def priority_anchor(priority: Priority) -> str:
    """The id of a priority's heading, on the plan's page and on the index."""
    return f"priority-{priority.id}"


def plan_entry(view: PublicView, plan: CommunitySafetyPlan) -> PlanEntry:
    """A plan with its priorities, lead officers, aims and targets."""
    state = view.plan_standing(plan)
    language = words.language(view)
    return PlanEntry(
        plan=plan,
        path=plan_path(plan),
        state=state,
        state_label=words.plan_state(
            state, plan.in_force_from, view.plan_in_force_until(plan), language
        ),
        period=dates.period(plan.period.start, plan.period.end, language),
        in_force_from=dates.long_date(plan.in_force_from, language),
        in_force_iso=plan.in_force_from.isoformat(),
        documents=document_entries(view, plan.documents),
        priorities=tuple(_priority(view, priority, language) for priority in plan.priorities),
        priorities_note=words.priorities_sentence(view.partnership, plan.priorities, language),
    )


def _priority(view: PublicView, priority: Priority, language: i18n.Language) -> PriorityEntry:
    lead = priority.lead
    agency = next((a for a in view.partnership.agencies if a.id == lead.agency), None)
    return PriorityEntry(
        priority=priority,
        anchor=priority_anchor(priority),
        lead_agency=agency,
        lead_email=mailto(lead.email) if lead.email else None,
        lead_phone=lead.phone,
        lead_phone_href=tel(lead.phone) if lead.phone else None,
        targets=tuple(_target(priority, target, language) for target in priority.targets),
    )


def _target(priority: Priority, target: Target, language: i18n.Language) -> TargetEntry:
    unit = target.unit
    rows = [_row(target.baseline, unit, language, baseline=True)] if target.baseline else []
    rows += [_row(reading, unit, language, baseline=False) for reading in target.readings]
    baseline = target.baseline
    latest = target.readings[-1] if target.readings else None
    return TargetEntry(
        target=target,
        anchor=f"target-{priority.id}-{target.id}",
        goal=words.goal(target.target, unit, target.by, language),
        baseline=(
            words.quantity_on(baseline.value, unit, baseline.on, language) if baseline else None
        ),
        latest=words.quantity_on(latest.value, unit, latest.on, language) if latest else None,
        rows=tuple(rows),
        chart=chart(target, language),
    )


def _row(
    reading: Reading, unit: str | None, language: i18n.Language, *, baseline: bool
) -> ReadingRow:
    return ReadingRow(
        on=dates.short_date(reading.on, language),
        iso=reading.on.isoformat(),
        value=words.quantity(reading.value, unit, language),
        note=reading.note,
        baseline=baseline,
    )


def plan_page(site: Site, view: PublicView, plan: CommunitySafetyPlan) -> Page:
    """``plans/{id}.html``: a plan's priorities, lead officers, aims and targets with charts."""
    entry = plan_entry(view, plan)
    context = base_context(
        site,
        view.partnership,
        entry.path,
        title=plan.title,
        description=words.plan_description(plan.title, plan.summary, words.language(view)),
        data=None,
    )
    context.update(entry=entry, plan=plan)
    return Page(path=entry.path, template="plan.html", context=context)
