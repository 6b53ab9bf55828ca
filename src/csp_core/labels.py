"""Words for the model's values: one label per value, the same in every output.

Publishers show a meeting's status, a document's kind or how to attend with :func:`label`,
never with their own table, so a calendar, a feed and a page say the same thing.  Labels are
sentence case ("In person and online"); a publisher that needs one inside a sentence lowers
its first letter itself.  Numbers read as on a council page: :func:`number`, :func:`quantity`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from enum import StrEnum

from csp_core.i18n import ENGLISH, N_, Language
from csp_core.model import (
    EXEMPT_INFORMATION,
    AccessPolicy,
    ActionStatus,
    Attendance,
    Availability,
    BodyKind,
    ChairRole,
    ChangeKind,
    DecisionMethod,
    DocumentKind,
    InterestKind,
    MeetingStatus,
    MinutesClock,
    Nation,
    OnlineLink,
    Presence,
    RecommendationKind,
    RevisionKind,
    Role,
    Sector,
)
from csp_core.rules import DutyKind, EventKind, PlanStanding, Severity, Standing
from csp_core.rules.timeline import urgency_note as urgency

__all__ = [
    "exempt_note",
    "exemption",
    "joining",
    "label",
    "number",
    "plural",
    "quantity",
    "schedule",
    "urgency",
]

#: One label per value of every model and rules enum.
_TABLE: tuple[tuple[StrEnum, str], ...] = (
    (Nation.ENGLAND, N_("England")),
    (Nation.WALES, N_("Wales")),
    (Nation.SCOTLAND, N_("Scotland")),
    (Nation.NORTHERN_IRELAND, N_("Northern Ireland")),
    (Sector.COUNCIL, N_("Council")),
    (Sector.POLICE, N_("Police")),
    (Sector.FIRE_AND_RESCUE, N_("Fire and rescue")),
    (Sector.PROBATION, N_("Probation")),
    (Sector.HEALTH, N_("Health")),
    (Sector.EDUCATION, N_("Education")),
    (Sector.BUSINESS, N_("Business")),
    (Sector.VOLUNTARY, N_("Voluntary and community")),
    (Sector.OTHER, N_("Other")),
    (Role.MEMBER, N_("Member")),
    (Role.ATTENDEE, N_("Attendee")),
    (Role.OBSERVER, N_("Observer")),
    (BodyKind.BOARD, N_("Board")),
    (BodyKind.SUB_GROUP, N_("Sub-group")),
    (ChairRole.CHAIR, N_("Chair")),
    (ChairRole.VICE_CHAIR, N_("Vice-chair")),
    (ChairRole.CO_CHAIR, N_("Co-chair")),
    (MeetingStatus.SCHEDULED, N_("Scheduled")),
    (MeetingStatus.CANCELLED, N_("Cancelled")),
    (MeetingStatus.POSTPONED, N_("Postponed")),
    (MeetingStatus.RESCHEDULED, N_("Rescheduled")),
    (Attendance.IN_PERSON, N_("In person")),
    (Attendance.ONLINE, N_("Online")),
    (Attendance.MIXED, N_("In person and online")),
    (OnlineLink.JOIN, N_("Join online")),
    (OnlineLink.WEBCAST, N_("Watch live")),
    (OnlineLink.RECORDING, N_("Recording")),
    (DocumentKind.DRAFT_AGENDA, N_("Draft agenda")),
    (DocumentKind.AGENDA, N_("Agenda")),
    (DocumentKind.REPORT, N_("Report")),
    (DocumentKind.MINUTES, N_("Minutes")),
    (DocumentKind.BACKGROUND_PAPERS, N_("Background papers")),
    (DocumentKind.PLAN, N_("Plan")),
    (DocumentKind.STRATEGIC_ASSESSMENT, N_("Strategic assessment")),
    (DocumentKind.ANNUAL_REVIEW, N_("Annual review")),
    (DocumentKind.OTHER, N_("Document")),
    (RevisionKind.SUPPLEMENT, N_("Supplement")),
    (RevisionKind.CORRECTION, N_("Correction")),
    (RevisionKind.UPDATE, N_("Update")),
    (RevisionKind.WITHDRAWAL, N_("Withdrawn")),
    (RecommendationKind.PRIORITY, N_("Priorities")),
    (RecommendationKind.INFORMATION_REQUIREMENT, N_("Further information needed")),
    (RecommendationKind.OTHER, N_("Other recommendations")),
    (AccessPolicy.STATUTORY, N_("Statutory")),
    (AccessPolicy.VOLUNTARY, N_("Voluntary")),
    (PlanStanding.CURRENT, N_("Current plan")),
    (PlanStanding.UPCOMING, N_("Upcoming plan")),
    (PlanStanding.PREVIOUS, N_("Previous plan")),
    (PlanStanding.EXPIRED, N_("Expired plan")),
    (AccessPolicy.NONE, N_("None")),
    (Availability.ONLINE, N_("Online")),
    (Availability.ON_REQUEST, N_("Available on request")),
    (Availability.WITHHELD, N_("Withheld")),
    (ChangeKind.TIME, N_("Time")),
    (ChangeKind.PLACE, N_("Place")),
    (ChangeKind.STATUS, N_("Status")),
    (MinutesClock.MEETING, N_("From the meeting")),
    (MinutesClock.NEXT_MEETING, N_("From the next meeting")),
    (DutyKind.DRAFT_AGENDA, N_("Draft agenda")),
    (DutyKind.AGENDA, N_("Agenda and papers")),
    (DutyKind.REPORT, N_("Report")),
    (DutyKind.SUPPLEMENT, N_("Supplement")),
    (DutyKind.MINUTES, N_("Minutes")),
    (DutyKind.STRATEGIC_ASSESSMENT, N_("Strategic assessment")),
    (DutyKind.PLAN_CHECK, N_("Yearly check of the plan")),
    (DutyKind.ANNUAL_REVIEW, N_("Annual review")),
    (Severity.BREACH, N_("Statutory breach")),
    (Severity.WARNING, N_("Warning")),
    (Standing.PENDING, N_("Pending")),
    (Standing.DUE_SOON, N_("Due soon")),
    (Standing.OVERDUE, N_("Overdue")),
    (Standing.LATE, N_("Published late")),
    (Standing.ON_TIME, N_("Published on time")),
    (EventKind.MEETING_ANNOUNCED, N_("Meeting announced")),
    (EventKind.MEETING_CANCELLED, N_("Meeting cancelled")),
    (EventKind.MEETING_POSTPONED, N_("Meeting postponed")),
    (EventKind.MEETING_RESCHEDULED, N_("Meeting moved")),
    (EventKind.MEETING_CHANGED, N_("Meeting changed")),
    (EventKind.DRAFT_AGENDA_PUBLISHED, N_("Draft agenda")),
    (EventKind.AGENDA_PUBLISHED, N_("Agenda and papers")),
    (EventKind.REPORT_PUBLISHED, N_("Report")),
    (EventKind.MINUTES_PUBLISHED, N_("Minutes")),
    (EventKind.DOCUMENT_PUBLISHED, N_("Document published")),
    (EventKind.RECORDING_PUBLISHED, N_("Recording")),
    (EventKind.DOCUMENT_REVISED, N_("New version of a document")),
    (EventKind.DOCUMENT_WITHDRAWN, N_("Document withdrawn")),
    (EventKind.PLAN_IN_FORCE, N_("Community safety plan")),
    (EventKind.ASSESSMENT_PUBLISHED, N_("Strategic assessment")),
    (EventKind.ANNUAL_REVIEW_PUBLISHED, N_("Annual review")),
    (EventKind.DECISIONS_PUBLISHED, N_("Decisions")),
    (Presence.PRESENT, N_("Present")),
    (Presence.APOLOGIES, N_("Apologies")),
    (Presence.ABSENT, N_("Absent")),
    (Presence.SUBSTITUTE, N_("Substitute")),
    (Presence.IN_ATTENDANCE, N_("In attendance")),
    (InterestKind.DISCLOSABLE_PECUNIARY, N_("Disclosable pecuniary interest")),
    (InterestKind.OTHER_REGISTRABLE, N_("Other registrable interest")),
    (InterestKind.NON_REGISTRABLE, N_("Non-registrable interest")),
    (InterestKind.OTHER, N_("Other interest")),
    (DecisionMethod.AGREED, N_("Agreed")),
    (DecisionMethod.VOTE, N_("By vote")),
    (DecisionMethod.NOTED, N_("Noted")),
    (DecisionMethod.DEFERRED, N_("Deferred")),
    (ActionStatus.OPEN, N_("Open")),
    (ActionStatus.IN_PROGRESS, N_("In progress")),
    (ActionStatus.DONE, N_("Done")),
    (ActionStatus.DROPPED, N_("Dropped")),
)
#: By enum and value: values of different enums can be the same string
#: (``DocumentKind.AGENDA == DutyKind.AGENDA == "agenda"``), and each keeps its own label.
_LABELS: Mapping[tuple[type[StrEnum], StrEnum], str] = {
    (type(value), value): words for value, words in _TABLE
}


def label(value: StrEnum, language: Language = ENGLISH) -> str:
    """The label of a model or rules value: ``label(MeetingStatus.CANCELLED) == "Cancelled"``.

    In ``language`` (British English by default): ``label(MeetingStatus.CANCELLED, welsh)`` is
    'Wedi'i ganslo'.

    Raises:
        KeyError: ``value`` is not a value of the model or the rules.
    """
    return language.gettext(_LABELS[type(value), value])


def schedule(nation: Nation, language: Language = ENGLISH) -> str:
    """The schedule of ``nation``'s access-to-information law that numbers exempt information.

    'Schedule 12A' (England and Wales), 'Schedule 7A' (Scotland), 'Schedule 6' (Northern
    Ireland); in Welsh 'Atodlen 12A'.
    """
    return language.gettext(EXEMPT_INFORMATION[nation].schedule)


def exemption(nation: Nation, paragraph: int | None, language: Language = ENGLISH) -> str:
    """'Schedule 12A, paragraph 3': where the law says why an item is exempt."""
    where = schedule(nation, language)
    if paragraph is None:
        return where
    return language.gettext(
        "{schedule}, paragraph {paragraph}", schedule=where, paragraph=paragraph
    )


def exempt_note(nation: Nation, paragraph: int | None, language: Language = ENGLISH) -> str:
    """'exempt: Schedule 12A, paragraph 3 — not open to the public'.

    What the public sees of an exempt agenda item besides its title, in brackets after it
    (so in lower case), in every output.
    """
    return language.gettext(
        "exempt: {exemption} — not open to the public",
        exemption=exemption(nation, paragraph, language),
    )


def joining(language: Language = ENGLISH) -> str:
    """'Joining details to be announced': an online or mixed meeting with no link yet.

    Shown where a meeting's :attr:`~csp_core.Meeting.joining_to_be_announced`, in every output.
    """
    return language.gettext("Joining details to be announced")


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 working day', '2 working days': the count and the right form of the noun."""
    return f"{count} {one if count == 1 else many or one + 's'}"


def number(value: float) -> str:
    """A reading as people read it: '2,450', '30.4', '0.05', '3.4e+38'.

    Whole numbers get thousands separators; others at most two decimal places; very large or
    very small magnitudes use scientific notation rather than a wall of digits or a false 0.
    """
    if not math.isfinite(value):
        return str(value)
    magnitude = abs(value)
    if magnitude >= 1e15 or (0 < magnitude < 0.01):
        return f"{value:.3g}"
    if value == int(value):
        return f"{int(value):,}"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def quantity(value: float, unit: str | None) -> str:
    """A reading with its unit: '30.4%', '2,450 incidents', '63 people'."""
    shown = number(value)
    if unit is None:
        return shown
    if unit == "%":
        return f"{shown}%"
    return f"{shown} {unit}"
