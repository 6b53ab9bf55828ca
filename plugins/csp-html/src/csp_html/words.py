"""The sentences the pages build in Python from the data, in one place.

The core decides what is shown and gives the labels and dates (the public view,
:mod:`csp_core.labels`, :mod:`csp_core.dates`); this module says it in the pages' sentences.
The templates hold the fixed text of each page; what depends on the data (the policy's
promises, a page's description, a plan's state, a reading) is written here, so a change of
wording is a change of this module alone.  The link labels of the navigation, calendars and
feeds are with the links, in :mod:`csp_html.site`.
"""

from __future__ import annotations

import datetime as dt

import attrs
from csp_core import (
    AccessPolicy,
    Availability,
    DocumentKind,
    ExemptInformation,
    MinutesClock,
    Partnership,
    PlanStanding,
    Priority,
    dates,
    labels,
)

__all__ = [
    "MINUTES_AWAITED",
    "IndexTexts",
    "assessment_description",
    "document_kind",
    "earlier_sentence",
    "goal",
    "index_description",
    "index_texts",
    "meeting_description",
    "plan_description",
    "plan_state",
    "previous_plans_sentence",
    "priorities_sentence",
    "publishing_sentences",
    "quantity_on",
    "question_subject",
    "request_subject",
]

#: Under a meeting that took place whose minutes have no deadline yet (see
#: :meth:`csp_core.PublicView.minutes_awaited`).
MINUTES_AWAITED = "The minutes will be published once the next meeting has agreed them."

_SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _count(value: int) -> str:
    return _SMALL[value] if value < len(_SMALL) else str(value)


def _weeks(days: int) -> str:
    if days and days % 7 == 0 and days // 7 < len(_SMALL):
        weeks = days // 7
        return "a week" if weeks == 1 else f"{_SMALL[weeks]} weeks"
    return "a day" if days == 1 else f"{days} days"


def _months(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return "a year" if years == 1 else f"{_count(years)} years"
    return "a month" if months == 1 else f"{_count(months)} months"


def _working_days(days: int, kind: str = "working") -> str:
    """'one working day', 'five clear working days': the number agrees with its noun."""
    return f"{_count(days)} {kind} {'day' if days == 1 else 'days'}"


def question_subject(day: dt.date) -> str:
    """The subject of an email asking the meeting on ``day`` a question."""
    return f"Question for the meeting on {dates.long_date(day)}"


def request_subject(title: str) -> str:
    """The subject of an email asking for a document available on request."""
    return f"Request: {title}"


def index_description(partnership: Partnership) -> str:
    """The index's meta description: the partnership's purpose, else what the page holds."""
    return partnership.purpose or f"{partnership.name}: its plan, meetings, members and papers."


@attrs.frozen(kw_only=True)
class IndexTexts:
    """The index's descriptive words: the partnership's own, else neutral ones.

    The partnership's own are ``Partnership.texts``; the neutral ones are true of any
    partnership.  Nothing here names a place or a document the partnership may call
    otherwise, and no partnership's name follows an article, so every name reads in them.
    """

    introduction: tuple[str, ...]
    """The partnership's paragraphs after its key roles; none by default."""
    plan_heading: str
    """'Community safety plan', or what the partnership calls its plan."""
    plan: tuple[str, ...]
    """Paragraphs at the top of the plan section; none by default."""
    no_plan: str
    """'No community safety plan is in force at the moment.'"""
    assessments_heading: str
    """'Strategic assessments', or what the partnership calls its assessment."""
    assessments: tuple[str, ...]
    """What assessments are for: the partnership's words, else a sentence true of any."""
    no_assessment: str
    """'No strategic assessment has been published yet.'"""
    meetings: tuple[str, ...]
    """Paragraphs before the publication promises; none by default (no claim about how many
    meetings are open: each meeting's page says whether it is)."""
    members: tuple[str, ...]
    """Above the lists of members: the partnership's words, else a plain sentence."""


#: What a strategic assessment is for, without naming the place or the document.
ASSESSMENTS_DEFAULT = (
    "The partnership’s assessments look at crime, disorder, antisocial behaviour and "
    "substance misuse in its area, and recommend what the partnership should give priority to."
)
#: Above the lists of members.
MEMBERS_DEFAULT = "The agencies that are members of the partnership are listed below."


def index_texts(partnership: Partnership) -> IndexTexts:
    """The index's descriptive words, from the partnership's ``texts`` or the defaults."""
    texts = partnership.texts
    if texts.plan_name:
        plan_heading = texts.plan_name
        no_plan = f"No {texts.plan_name} is in force at the moment."
    else:
        plan_heading = "Community safety plan"
        no_plan = "No community safety plan is in force at the moment."
    if texts.assessment_name:
        assessments_heading = texts.assessment_name
        no_assessment = f"No {texts.assessment_name} has been published yet."
    else:
        assessments_heading = "Strategic assessments"
        no_assessment = "No strategic assessment has been published yet."
    return IndexTexts(
        introduction=texts.introduction,
        plan_heading=plan_heading,
        plan=texts.plan,
        no_plan=no_plan,
        assessments_heading=assessments_heading,
        assessments=texts.assessments or (ASSESSMENTS_DEFAULT,),
        no_assessment=no_assessment,
        meetings=texts.meetings,
        members=texts.members or (MEMBERS_DEFAULT,),
    )


def document_kind(partnership: Partnership, kind: DocumentKind) -> str:
    """A document's kind as the pages name it.

    What the partnership calls its plan or its assessment (``texts.plan_name``,
    ``texts.assessment_name``), else the core's label.
    """
    texts = partnership.texts
    if kind is DocumentKind.PLAN and texts.plan_name:
        return texts.plan_name
    if kind is DocumentKind.STRATEGIC_ASSESSMENT and texts.assessment_name:
        return texts.assessment_name
    return labels.label(kind)


def priorities_sentence(partnership: Partnership, priorities: tuple[Priority, ...]) -> str:
    """Above a plan's priorities: the partnership's words, else what the data shows of them.

    The partnership's words are ``texts.priorities``.  Every priority has a lead officer (the
    model requires one); aims and targets are claimed only when every priority has both.
    """
    if partnership.texts.priorities:
        return partnership.texts.priorities
    if priorities and all(priority.aims and priority.targets for priority in priorities):
        return "Each priority has a lead officer, aims and targets."
    return "Each priority has a lead officer."


def plan_description(title: str, summary: str | None) -> str:
    """A plan page's meta description: its summary, else what the page holds."""
    return summary or f"{title}: priorities, lead officers, aims and targets."


def assessment_description(title: str) -> str:
    """An assessment page's meta description."""
    return f"{title}: topics, sources and recommendations."


def plan_state(state: PlanStanding, in_force_from: dt.date, until: dt.date) -> str:
    """Where a plan stands, in words, with the days it is (or was) in force.

    'In force since Saturday 1 April 2017', 'Comes into force on …', 'In force from Saturday
    1 April 2017 to Saturday 31 March 2018; it has expired and no later plan is in force yet',
    'A previous plan, in force from … to …' (``until``: its last day in force).
    """
    if state is PlanStanding.CURRENT:
        return f"In force since {dates.long_date(in_force_from)}"
    if state is PlanStanding.UPCOMING:
        return f"Comes into force on {dates.long_date(in_force_from)}"
    span = f"in force from {dates.long_date(in_force_from)} to {dates.long_date(until)}"
    if until < in_force_from:
        return "A previous plan, replaced before it came into force"
    if state is PlanStanding.EXPIRED:
        return f"Expired: {span}; no later plan is in force yet"
    return f"A previous plan, {span}"


def meeting_description(
    partnership: Partnership,
    *,
    body: str,
    when: str,
    venue: str | None,
    status: str | None,
    status_note: str | None,
    public: bool,
) -> str:
    """A meeting in one or two sentences: the page's meta description and its Event's."""
    words = f"{body}: meeting on {when}"
    if venue:
        words += f", at {venue}"
    words += "."
    if status:
        words += f" {status}."
        if status_note:
            words += f" {status_note}"
    elif public:
        words += f" Open to the public: agenda, papers and minutes from {partnership.name}."
    return words


def publishing_sentences(partnership: Partnership, law: ExemptInformation) -> tuple[str, ...]:
    """The partnership's publication promises, from its policy, as sentences for the public."""
    policy = partnership.policy
    agenda = (
        "in the week before the meeting"
        if policy.agenda_days == 7
        else f"{_weeks(policy.agenda_days)} before the meeting"
    )
    if policy.draft_agenda_days is not None:
        first = (
            "A draft agenda, complete with details on how to submit or ask questions of the "
            f"partnership, is published on this page around {_weeks(policy.draft_agenda_days)} "
            f"before each meeting, with the full agenda and associated papers posted {agenda}."
        )
    else:
        first = (
            "The agenda, with details on how to ask questions of the partnership, and the "
            f"associated papers are published on this page {agenda}."
        )
    sentences = [first]
    clear = policy.clear_days_for(partnership.nation)
    if clear is not None:
        why = (
            f"as the {law.act} requires"
            if policy.access is AccessPolicy.STATUTORY
            else f"following the access-to-information rules of the {law.act}"
        )
        sentences.append(
            "Agendas and papers are always published at least "
            f"{_working_days(clear, 'clear working')} before the meeting, {why}."
        )
    if policy.minutes_from is MinutesClock.NEXT_MEETING:
        sentences.append(
            "Minutes are published once they have been agreed at the following meeting, "
            f"within {_working_days(policy.minutes_working_days)} of it."
        )
    else:
        sentences.append(
            f"Minutes are published within {_working_days(policy.minutes_working_days)} "
            "of the meeting."
        )
    return tuple(sentences)


def earlier_sentence(partnership: Partnership) -> str:
    """'Minutes from earlier meetings are available on request', as the policy says it."""
    policy = partnership.policy
    return (
        "You can read the agendas, related documents and minutes from recent meetings below. "
        f"They stay online for {_months(policy.online_months)} after each meeting; "
        "minutes and papers from earlier meetings are available on request "
        f"(we keep them for {_months(policy.retention_years * 12)})."
    )


def previous_plans_sentence(partnership: Partnership) -> str | None:
    """What the policy says about plans no longer in force."""
    availability = partnership.policy.previous_plans
    if availability is Availability.ON_REQUEST:
        return "Previous plans are available upon request."
    if availability is Availability.ONLINE:
        return "Previous plans remain available online."
    return None


def goal(value: float, unit: str | None, by: dt.date | None) -> str:
    """'28% by 31 March 2018': a target's goal."""
    when = f" by {dates.short_date(by)}" if by else ""
    return f"{labels.quantity(value, unit)}{when}"


def quantity_on(value: float, unit: str | None, day: dt.date) -> str:
    """'30.4% on 30 June 2017': a reading and its date."""
    return f"{labels.quantity(value, unit)} on {dates.short_date(day)}"
