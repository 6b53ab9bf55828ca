"""``assessments/{id}.html``: what a strategic assessment looked at and recommends.

:class:`AssessmentEntry` is also what the index shows of each assessment.
"""

from __future__ import annotations

import attrs
from csp_core import PublicView, RecommendationKind, StrategicAssessment, dates, labels

from csp_html import words
from csp_html.documents import DocumentEntry, document_entries
from csp_html.links import Link, assessment_path, plan_path
from csp_html.pages.plan import priority_anchor
from csp_html.site import Page, Site, base_context
from csp_html.templating import compose

__all__ = [
    "AssessmentEntry",
    "RecommendationEntry",
    "RecommendationGroup",
    "assessment_entry",
    "assessment_page",
]

#: The groups of recommendations, in the order the pages list them.
_GROUPS = (
    RecommendationKind.PRIORITY,
    RecommendationKind.INFORMATION_REQUIREMENT,
    RecommendationKind.OTHER,
)


@attrs.frozen(kw_only=True)
class RecommendationEntry:
    """A recommendation, linked to the plan priority it led to when there is one."""

    text: str
    priority: Link | None


@attrs.frozen(kw_only=True)
class RecommendationGroup:
    """The recommendations of one kind, under a heading."""

    kind: str
    heading: str
    items: tuple[RecommendationEntry, ...]


@attrs.frozen(kw_only=True)
class AssessmentEntry:
    """A strategic assessment and what it recommends."""

    assessment: StrategicAssessment
    path: str
    published: str
    published_iso: str
    period: str
    documents: tuple[DocumentEntry, ...]
    recommendations: tuple[RecommendationGroup, ...]


def assessment_entry(view: PublicView, assessment: StrategicAssessment) -> AssessmentEntry:
    """A strategic assessment with its recommendations grouped by kind."""
    language = words.language(view)
    groups = []
    for kind in _GROUPS:
        items = tuple(
            RecommendationEntry(
                text=recommendation.text,
                priority=_priority_link(view, recommendation.priority, assessment),
            )
            for recommendation in assessment.recommendations
            if recommendation.kind is kind
        )
        if items:
            groups.append(
                RecommendationGroup(
                    kind=kind.value, heading=labels.label(kind, language), items=items
                )
            )
    return AssessmentEntry(
        assessment=assessment,
        path=assessment_path(assessment),
        published=dates.long_date(assessment.published_on, language),
        published_iso=assessment.published_on.isoformat(),
        period=dates.period(assessment.period.start, assessment.period.end, language),
        documents=document_entries(view, assessment.documents),
        recommendations=tuple(groups),
    )


def _priority_link(
    view: PublicView, priority_id: str | None, assessment: StrategicAssessment
) -> Link | None:
    """The plan priority a recommendation led to: in the first plan after the assessment."""
    if priority_id is None:
        return None
    holding = sorted(
        (
            plan
            for plan in view.partnership.plans
            if any(p.id == priority_id for p in plan.priorities)
        ),
        key=lambda plan: (plan.in_force_from, plan.id),
    )
    if not holding:
        return None
    after = [plan for plan in holding if plan.in_force_from >= assessment.published_on]
    plan = after[0] if after else holding[-1]
    priority = next(p for p in plan.priorities if p.id == priority_id)
    return Link(
        label=compose(
            language := words.language(view),
            language.translations.gettext("{priority} ({plan})"),
            priority=priority.title,
            plan=plan.title,
        ),
        path=f"{plan_path(plan)}#{priority_anchor(priority)}",
    )


def assessment_page(site: Site, view: PublicView, assessment: StrategicAssessment) -> Page:
    """``assessments/{id}.html``: what a strategic assessment looked at and recommends."""
    entry = assessment_entry(view, assessment)
    context = base_context(
        site,
        view.partnership,
        entry.path,
        title=assessment.title,
        description=words.assessment_description(assessment.title, words.language(view)),
        data=None,
    )
    context.update(entry=entry, assessment=assessment)
    return Page(path=entry.path, template="assessment.html", context=context)
