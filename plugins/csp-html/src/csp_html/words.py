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

from csp_core import (
    AccessPolicy,
    Availability,
    ExemptInformation,
    MinutesClock,
    Partnership,
    PlanStanding,
    dates,
    labels,
)

__all__ = [
    "MINUTES_AWAITED",
    "assessment_description",
    "earlier_sentence",
    "goal",
    "index_description",
    "meeting_description",
    "plan_description",
    "plan_state",
    "previous_plans_sentence",
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
    if days % 7 == 0 and days // 7 < len(_SMALL):
        weeks = days // 7
        return "a week" if weeks == 1 else f"{_SMALL[weeks]} weeks"
    return f"{days} days"


def _months(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return "a year" if years == 1 else f"{_count(years)} years"
    return f"{_count(months)} months"


def question_subject(day: dt.date) -> str:
    """The subject of an email asking the meeting on ``day`` a question."""
    return f"Question for the meeting on {dates.long_date(day)}"


def request_subject(title: str) -> str:
    """The subject of an email asking for a document available on request."""
    return f"Request: {title}"


def index_description(partnership: Partnership) -> str:
    """The index's meta description: the partnership's purpose, else what the page holds."""
    return partnership.purpose or f"The {partnership.name}: its plan, meetings, members and papers."


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
    words = f"Meeting of the {body}, {when}"
    if venue:
        words += f", at {venue}"
    words += "."
    if status:
        words += f" {status}."
        if status_note:
            words += f" {status_note}"
    elif public:
        words += f" Open to the public: agenda, papers and minutes from the {partnership.name}."
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
            f"Agendas and papers are always published at least {_count(clear)} clear working "
            f"days before the meeting, {why}."
        )
    if policy.minutes_from is MinutesClock.NEXT_MEETING:
        sentences.append(
            "Minutes are published once they have been agreed at the following meeting, "
            f"within {_count(policy.minutes_working_days)} working days of it."
        )
    else:
        sentences.append(
            f"Minutes are published within {_count(policy.minutes_working_days)} working days "
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
