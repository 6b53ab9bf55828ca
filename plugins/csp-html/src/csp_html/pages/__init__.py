"""The pages of the site, one module each, and the entries each page's template renders.

- :mod:`~csp_html.pages.index`: ``index.html``;
- :mod:`~csp_html.pages.meeting`: ``meetings/{id}.html`` (:class:`MeetingEntry`);
- :mod:`~csp_html.pages.plan`: ``plans/{id}.html`` (:class:`PlanEntry`);
- :mod:`~csp_html.pages.assessment`: ``assessments/{id}.html`` (:class:`AssessmentEntry`).
- :mod:`~csp_html.pages.records`: a meeting's record and the action log, on the meeting pages
  and the index (:class:`~csp_html.pages.records.RecordEntry`, ``ActionEntry``).

An entry is a small frozen record holding the model object it describes plus the words and
site paths its page needs (dates as people read them, labels, links), so the templates stay
simple and a council's own templates can use the same values.  Every decision about what is
shown is the public view's (:class:`csp_core.PublicView`); the entries only put it in words.
"""

from __future__ import annotations

from csp_html.pages.assessment import (
    AssessmentEntry,
    RecommendationEntry,
    RecommendationGroup,
    assessment_page,
)
from csp_html.pages.index import ReviewEntry, index_page
from csp_html.pages.meeting import (
    AgendaEntry,
    DueEntry,
    MeetingEntry,
    QuestionsEntry,
    meeting_page,
)
from csp_html.pages.plan import PlanEntry, PriorityEntry, ReadingRow, TargetEntry, plan_page

__all__ = [
    "AgendaEntry",
    "AssessmentEntry",
    "DueEntry",
    "MeetingEntry",
    "PlanEntry",
    "PriorityEntry",
    "QuestionsEntry",
    "ReadingRow",
    "RecommendationEntry",
    "RecommendationGroup",
    "ReviewEntry",
    "TargetEntry",
    "assessment_page",
    "index_page",
    "meeting_page",
    "plan_page",
]
