"""The plain-text DESCRIPTION of a meeting's event and of a deadline's event."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from csp_core import (
    AgendaItem,
    Attendance,
    Availability,
    Document,
    Duty,
    DutyKind,
    DutyState,
    Meeting,
    MeetingStatus,
    Nation,
    Partnership,
    Severity,
    Standing,
)
from csp_ical.text import local_moment, long_date

__all__ = [
    "SCHEDULES",
    "deadline_description",
    "exempt_line",
    "lapsed_description",
    "meeting_description",
]

#: The schedule of each nation's access-to-information law that numbers exempt information.
SCHEDULES: dict[Nation, str] = {
    Nation.ENGLAND: "Schedule 12A",
    Nation.WALES: "Schedule 12A",
    Nation.SCOTLAND: "Schedule 7A",
    Nation.NORTHERN_IRELAND: "Schedule 6",
}

_ATTENDANCE = {
    Attendance.IN_PERSON: "in person",
    Attendance.ONLINE: "online",
    Attendance.MIXED: "in person or online",
}

#: Why a duty shown earlier no longer applies, by kind (see ``PublicView.lapsed``).
_LAPSED = {
    DutyKind.DRAFT_AGENDA: "the meeting is cancelled or postponed.",
    DutyKind.AGENDA: "the meeting is cancelled or postponed.",
    DutyKind.REPORT: "the report was withdrawn, or the meeting is cancelled or postponed.",
    DutyKind.MINUTES: "the meeting is cancelled or postponed, or the next meeting the minutes "
    "were due after is no longer going ahead.",
    DutyKind.PLAN_CHECK: "a newer plan came into force before this check fell due.",
}
_LAPSED_OTHERWISE = "it has been replaced."

_STATUS = {
    MeetingStatus.CANCELLED: "This meeting is cancelled.",
    MeetingStatus.POSTPONED: "This meeting is postponed.",
}


def exempt_line(partnership: Partnership, item: AgendaItem) -> str:
    """An exempt item as the public sees it: its title and exemption paragraph, nothing else."""
    schedule = SCHEDULES[partnership.nation]
    return f"{item.title} (exempt: {schedule} paragraph {item.exemption} — not open to the public)"


def _status_lines(partnership: Partnership, meeting: Meeting) -> list[str]:
    zone = partnership.timezone
    lines: list[str] = []
    if meeting.status in _STATUS:
        lines.append(_STATUS[meeting.status])
    if meeting.previous_start is not None:
        lines.append(f"Moved from {local_moment(meeting.previous_start, zone)}.")
    if meeting.status_note:
        lines.append(meeting.status_note)
    if meeting.replaced_by is not None:
        other = partnership.meeting(meeting.replaced_by)
        lines.append(f"Replaced by: {other.title}, {local_moment(other.start, zone)}.")
    return lines


def _agenda_lines(partnership: Partnership, meeting: Meeting) -> list[str]:
    if not meeting.agenda:
        return []
    lines = ["", "Agenda:"]
    for item in meeting.agenda:
        number = f"{item.number}. " if item.number else "- "
        if item.exempt:
            lines.append(f"{number}{exempt_line(partnership, item)}")
            continue
        presenter = f" ({item.presenter})" if item.presenter else ""
        lines.append(f"{number}{item.title}{presenter}")
        if item.summary:
            lines.append(f"  {item.summary}")
    return lines


def _document_line(partnership: Partnership, document: Document, at: dt.datetime) -> str:
    url = document.current_url(at)
    if document.availability is Availability.ONLINE and url is not None:
        where = url
    else:
        email = partnership.contact.email
        where = f"available on request from {email}" if email else "available on request"
    line = f"- {document.title}: {where}"
    for revision in document.revisions:
        line += (
            f"\n  {revision.kind.value.capitalize()}, "
            f"{long_date(revision.published.astimezone(partnership.timezone).date())}: "
            f"{revision.note}"
        )
    return line


def _question_lines(partnership: Partnership, meeting: Meeting) -> list[str]:
    questions = meeting.questions
    if questions is None:
        return []
    lines = ["", "Public questions:", questions.how]
    if questions.email:
        lines.append(f"Email: {questions.email}")
    if questions.url:
        lines.append(f"Web: {questions.url}")
    if questions.deadline:
        lines.append(f"By: {local_moment(questions.deadline, partnership.timezone)}")
    return lines


def meeting_description(
    partnership: Partnership, meeting: Meeting, at: dt.datetime, link: str | None
) -> str:
    """The event's DESCRIPTION: body, status, agenda, papers, questions and link, as text.

    ``partnership`` is the public view's partnership, so ``meeting`` holds only what is public
    at ``at``: exempt items are placeholders and the documents are those published by then.
    """
    body = partnership.body(meeting.body)
    lines = [body.name]
    lines += _status_lines(partnership, meeting)
    lines.append(f"Attendance: {_ATTENDANCE[meeting.attendance]}.")
    lines += _agenda_lines(partnership, meeting)
    if meeting.documents:
        lines += ["", "Papers:"]
        lines += [_document_line(partnership, doc, at) for doc in meeting.documents]
    lines += _question_lines(partnership, meeting)
    if link:
        lines += ["", f"More: {link}"]
    return "\n".join(lines)


def _published(moment: dt.datetime, zone: ZoneInfo) -> str:
    """When a duty was met: the day alone when only the day is known (00:00 local)."""
    local = moment.astimezone(zone)
    return long_date(local.date()) if local.time() == dt.time() else local_moment(moment, zone)


def _standing(state: DutyState, zone: ZoneInfo) -> str:
    published = "" if state.published is None else f", {_published(state.published, zone)}"
    days = state.working_days_late
    plural = "" if days == 1 else "s"
    texts = {
        Standing.PENDING: "not yet due",
        Standing.DUE_SOON: "due soon",
        # No count of the days since the deadline: it would change the event every working day.
        Standing.OVERDUE: "overdue: the deadline has passed and it is not yet published",
        Standing.LATE: f"published late{published}, {days} working day{plural} after the deadline",
        Standing.ON_TIME: f"published on time{published}",
    }
    text = texts[state.standing]
    if state.clear_days_given is not None:
        text += f", with {state.clear_days_given} clear working days' notice"
    return text + "."


def deadline_description(partnership: Partnership, state: DutyState, link: str | None) -> str:
    """The DESCRIPTION of a deadline's event: its dates, whether statutory, where it stands."""
    duty = state.duty
    lines = [f"Deadline: {long_date(duty.deadline)}."]
    if duty.statutory:
        notice = (
            f"at least {duty.clear_days} clear working days' public notice before the meeting"
            if duty.clear_days is not None
            else "the access-to-information minimum"
        )
        binding = (
            "binding on the partnership"
            if duty.severity is Severity.BREACH
            else "followed by the partnership by choice"
        )
        lines.append(f"Statutory: yes ({notice}; {binding}).")
    else:
        lines.append("Statutory: no (the partnership's own publication timetable).")
    lines.append(f"Target: {long_date(duty.target)}.")
    lines.append(f"Standing: {_standing(state, partnership.timezone)}")
    if link:
        lines += ["", f"More: {link}"]
    return "\n".join(lines)


def lapsed_description(duty: Duty, link: str | None) -> str:
    """The DESCRIPTION of a deadline that no longer applies: what it was, and why it went."""
    lines = [
        f"Deadline: {long_date(duty.deadline)}.",
        f"This deadline no longer applies: {_LAPSED.get(duty.kind, _LAPSED_OTHERWISE)}",
    ]
    if link:
        lines += ["", f"More: {link}"]
    return "\n".join(lines)
