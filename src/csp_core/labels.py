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

from csp_core.model import (
    EXEMPT_INFORMATION,
    AccessPolicy,
    Attendance,
    Availability,
    BodyKind,
    ChangeKind,
    DocumentKind,
    MeetingStatus,
    MinutesClock,
    Nation,
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
    "label",
    "number",
    "plural",
    "quantity",
    "schedule",
    "urgency",
]

#: One label per value of every model and rules enum.
_TABLE: tuple[tuple[StrEnum, str], ...] = (
    (Nation.ENGLAND, "England"),
    (Nation.WALES, "Wales"),
    (Nation.SCOTLAND, "Scotland"),
    (Nation.NORTHERN_IRELAND, "Northern Ireland"),
    (Sector.COUNCIL, "Council"),
    (Sector.POLICE, "Police"),
    (Sector.FIRE_AND_RESCUE, "Fire and rescue"),
    (Sector.PROBATION, "Probation"),
    (Sector.HEALTH, "Health"),
    (Sector.EDUCATION, "Education"),
    (Sector.BUSINESS, "Business"),
    (Sector.VOLUNTARY, "Voluntary and community"),
    (Sector.OTHER, "Other"),
    (Role.MEMBER, "Member"),
    (Role.ATTENDEE, "Attendee"),
    (Role.OBSERVER, "Observer"),
    (BodyKind.BOARD, "Board"),
    (BodyKind.SUB_GROUP, "Sub-group"),
    (MeetingStatus.SCHEDULED, "Scheduled"),
    (MeetingStatus.CANCELLED, "Cancelled"),
    (MeetingStatus.POSTPONED, "Postponed"),
    (MeetingStatus.RESCHEDULED, "Rescheduled"),
    (Attendance.IN_PERSON, "In person"),
    (Attendance.ONLINE, "Online"),
    (Attendance.MIXED, "In person and online"),
    (DocumentKind.DRAFT_AGENDA, "Draft agenda"),
    (DocumentKind.AGENDA, "Agenda"),
    (DocumentKind.REPORT, "Report"),
    (DocumentKind.MINUTES, "Minutes"),
    (DocumentKind.BACKGROUND_PAPERS, "Background papers"),
    (DocumentKind.PLAN, "Plan"),
    (DocumentKind.STRATEGIC_ASSESSMENT, "Strategic assessment"),
    (DocumentKind.ANNUAL_REVIEW, "Annual review"),
    (DocumentKind.OTHER, "Document"),
    (RevisionKind.SUPPLEMENT, "Supplement"),
    (RevisionKind.CORRECTION, "Correction"),
    (RevisionKind.UPDATE, "Update"),
    (RevisionKind.WITHDRAWAL, "Withdrawn"),
    (RecommendationKind.PRIORITY, "Priorities"),
    (RecommendationKind.INFORMATION_REQUIREMENT, "Further information needed"),
    (RecommendationKind.OTHER, "Other recommendations"),
    (AccessPolicy.STATUTORY, "Statutory"),
    (AccessPolicy.VOLUNTARY, "Voluntary"),
    (PlanStanding.CURRENT, "Current plan"),
    (PlanStanding.UPCOMING, "Upcoming plan"),
    (PlanStanding.PREVIOUS, "Previous plan"),
    (PlanStanding.EXPIRED, "Expired plan"),
    (AccessPolicy.NONE, "None"),
    (Availability.ONLINE, "Online"),
    (Availability.ON_REQUEST, "Available on request"),
    (Availability.WITHHELD, "Withheld"),
    (ChangeKind.TIME, "Time"),
    (ChangeKind.PLACE, "Place"),
    (ChangeKind.STATUS, "Status"),
    (MinutesClock.MEETING, "From the meeting"),
    (MinutesClock.NEXT_MEETING, "From the next meeting"),
    (DutyKind.DRAFT_AGENDA, "Draft agenda"),
    (DutyKind.AGENDA, "Agenda and papers"),
    (DutyKind.REPORT, "Report"),
    (DutyKind.SUPPLEMENT, "Supplement"),
    (DutyKind.MINUTES, "Minutes"),
    (DutyKind.STRATEGIC_ASSESSMENT, "Strategic assessment"),
    (DutyKind.PLAN_CHECK, "Yearly check of the plan"),
    (DutyKind.ANNUAL_REVIEW, "Annual review"),
    (Severity.BREACH, "Statutory breach"),
    (Severity.WARNING, "Warning"),
    (Standing.PENDING, "Pending"),
    (Standing.DUE_SOON, "Due soon"),
    (Standing.OVERDUE, "Overdue"),
    (Standing.LATE, "Published late"),
    (Standing.ON_TIME, "Published on time"),
    (EventKind.MEETING_ANNOUNCED, "Meeting announced"),
    (EventKind.MEETING_CANCELLED, "Meeting cancelled"),
    (EventKind.MEETING_POSTPONED, "Meeting postponed"),
    (EventKind.MEETING_RESCHEDULED, "Meeting moved"),
    (EventKind.MEETING_CHANGED, "Meeting changed"),
    (EventKind.DRAFT_AGENDA_PUBLISHED, "Draft agenda"),
    (EventKind.AGENDA_PUBLISHED, "Agenda and papers"),
    (EventKind.REPORT_PUBLISHED, "Report"),
    (EventKind.MINUTES_PUBLISHED, "Minutes"),
    (EventKind.DOCUMENT_PUBLISHED, "Document published"),
    (EventKind.DOCUMENT_REVISED, "New version of a document"),
    (EventKind.DOCUMENT_WITHDRAWN, "Document withdrawn"),
    (EventKind.PLAN_IN_FORCE, "Community safety plan"),
    (EventKind.ASSESSMENT_PUBLISHED, "Strategic assessment"),
    (EventKind.ANNUAL_REVIEW_PUBLISHED, "Annual review"),
)
#: By enum and value: values of different enums can be the same string
#: (``DocumentKind.AGENDA == DutyKind.AGENDA == "agenda"``), and each keeps its own label.
_LABELS: Mapping[tuple[type[StrEnum], StrEnum], str] = {
    (type(value), value): words for value, words in _TABLE
}


def label(value: StrEnum) -> str:
    """The label of a model or rules value: ``label(MeetingStatus.CANCELLED) == "Cancelled"``.

    Raises:
        KeyError: ``value`` is not a value of the model or the rules.
    """
    return _LABELS[type(value), value]


def schedule(nation: Nation) -> str:
    """The schedule of ``nation``'s access-to-information law that numbers exempt information.

    'Schedule 12A' (England and Wales), 'Schedule 7A' (Scotland), 'Schedule 6' (Northern
    Ireland).
    """
    return EXEMPT_INFORMATION[nation].schedule


def exemption(nation: Nation, paragraph: int | None) -> str:
    """'Schedule 12A, paragraph 3': where the law says why an item is exempt."""
    where = schedule(nation)
    return where if paragraph is None else f"{where}, paragraph {paragraph}"


def exempt_note(nation: Nation, paragraph: int | None) -> str:
    """'exempt: Schedule 12A, paragraph 3 — not open to the public'.

    What the public sees of an exempt agenda item besides its title, in brackets after it
    (so in lower case), in every output.
    """
    return f"exempt: {exemption(nation, paragraph)} — not open to the public"


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
