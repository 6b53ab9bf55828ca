"""Every word of the calendars: names, summaries and the plain-text DESCRIPTION of each event.

The words for the model's values (a status, how to attend, a revision, where a duty stands)
and for the law come from :mod:`csp_core.labels`, and dates and times from
:mod:`csp_core.dates`, so a calendar says what the feeds and pages say.  What is shown is the
public view's decision; this module only words it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from csp_core import (
    Availability,
    Body,
    Document,
    Duty,
    DutyKind,
    DutyState,
    Meeting,
    MeetingStatus,
    Partnership,
    PublicView,
    Severity,
    Standing,
    dates,
    labels,
)

__all__ = [
    "REMOVED",
    "body_description",
    "body_name",
    "calendar_description",
    "cancelled",
    "deadline_description",
    "deadline_summary",
    "deadlines_description",
    "deadlines_name",
    "lapsed_description",
    "meeting_description",
    "meeting_summary",
]

REMOVED = "This event is no longer in the partnership's data: it is cancelled."
"""The DESCRIPTION of the cancelled copy of an event the data no longer gives."""

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


def cancelled(summary: str) -> str:
    """'Cancelled: ' and ``summary``, once: an event that no longer applies."""
    prefix = f"{labels.label(MeetingStatus.CANCELLED)}: "
    return summary if summary.startswith(prefix) else prefix + summary


def meeting_summary(view: PublicView, meeting: Meeting) -> str:
    """The meeting's title, after its status when it does not go ahead ('Postponed: ...')."""
    if view.goes_ahead(meeting):
        return meeting.title
    return f"{labels.label(meeting.status)}: {meeting.title}"


def calendar_description(partnership: Partnership) -> str:
    """The description of ``calendar.ics``."""
    return (
        f"Public meetings of {partnership.name} ({partnership.area}): when and where, agendas, "
        "papers and how to ask a question."
    )


def body_name(partnership: Partnership, body: Body) -> str:
    """The name of a body's calendar: 'Cambridge Community Safety Partnership: Board'."""
    return f"{partnership.name}: {body.name}"


def body_description(body: Body) -> str:
    """The description of a body's calendar: the body's own, else a line of ours."""
    return body.description or f"Public meetings of {body.name}."


def deadlines_name(partnership: Partnership) -> str:
    """The name of ``deadlines.ics``."""
    return f"{partnership.name}: publication deadlines"


def deadlines_description(partnership: Partnership) -> str:
    """The description of ``deadlines.ics``."""
    return (
        f"When {partnership.name} is due to publish its agendas, papers, minutes, strategic "
        "assessments and annual reviews: one all-day event on each deadline."
    )


def _status_lines(view: PublicView, meeting: Meeting) -> list[str]:
    partnership = view.partnership
    zone = partnership.timezone
    lines: list[str] = []
    if not view.goes_ahead(meeting):
        lines.append(f"Status: {labels.label(meeting.status)}.")
    if meeting.previous_start is not None:
        lines.append(f"Moved from {dates.date_time(meeting.previous_start, zone)}.")
    if meeting.status_note:
        lines.append(meeting.status_note)
    if meeting.short_notice is not None:
        lines.append(f"Called at short notice: {meeting.short_notice.reason}")
    if meeting.replaced_by is not None:
        other = partnership.meeting(meeting.replaced_by)
        lines.append(f"Replaced by: {other.title}, {dates.date_time(other.start, zone)}.")
    return lines


def _agenda_lines(view: PublicView, meeting: Meeting) -> list[str]:
    if not meeting.agenda:
        return []
    lines = ["", "Agenda:"]
    for item in meeting.agenda:
        number = f"{item.number}. " if item.number else "- "
        if item.exempt:
            note = labels.exempt_note(view.partnership.nation, item.exemption)
            lines.append(f"{number}{item.title} ({note})")
            continue
        presenter = f" ({item.presenter})" if item.presenter else ""
        lines.append(f"{number}{item.title}{presenter}")
        if item.summary:
            lines.append(f"  {item.summary}")
    return lines


def _document_line(
    view: PublicView, document: Document, resolve: Callable[[str], str | None]
) -> str:
    partnership = view.partnership
    url = document.current_url(view.at)
    if document.availability is Availability.ONLINE and url is not None:
        where = resolve(url) or url
    else:
        email = partnership.contact.email
        where = f"available on request from {email}" if email else "available on request"
    line = f"- {document.title}: {where}"
    for revision in document.revisions:
        day = dates.local_day(revision.published, partnership.timezone)
        line += f"\n  {labels.label(revision.kind)}, {dates.long_date(day)}: {revision.note}"
        if revision.urgency is not None:
            line += f" {labels.urgency(revision.urgency)}"
    return line


def _question_lines(view: PublicView, meeting: Meeting) -> list[str]:
    questions = meeting.questions
    if questions is None:
        return []
    lines = ["", "Public questions:", questions.how]
    if questions.email:
        lines.append(f"Email: {questions.email}")
    if questions.url:
        lines.append(f"Web: {questions.url}")
    if questions.deadline:
        lines.append(f"By: {dates.date_time(questions.deadline, view.partnership.timezone)}")
    return lines


def meeting_description(
    view: PublicView, meeting: Meeting, link: str | None, resolve: Callable[[str], str | None]
) -> str:
    """The event's DESCRIPTION: body, status, agenda, papers, questions and link, as text.

    ``resolve`` turns a document's address into an absolute one (``BuildContext.link``); a
    relative address with no base address to join it to is shown as written.

    ``meeting`` is a meeting of the public view, so it holds only what is public at the view's
    instant: exempt items are placeholders and the documents are those published by then.
    """
    lines = [view.partnership.body(meeting.body).name]
    lines += _status_lines(view, meeting)
    lines.append(f"Attendance: {labels.label(meeting.attendance)}.")
    lines += _agenda_lines(view, meeting)
    if meeting.documents:
        lines += ["", "Papers:"]
        lines += [_document_line(view, document, resolve) for document in meeting.documents]
    lines += _question_lines(view, meeting)
    if link:
        lines += ["", f"More: {link}"]
    return "\n".join(lines)


def deadline_summary(duty: Duty) -> str:
    """'Due: Agenda and papers: Partnership meeting, Thursday 17 October 2019'."""
    return f"Due: {duty.title}"


def _when_met(moment: dt.datetime, partnership: Partnership) -> str:
    """When a duty was met: the day alone when only the day is known (00:00 local)."""
    zone = partnership.timezone
    if moment.astimezone(zone).time() == dt.time():
        return dates.long_date(dates.local_day(moment, zone))
    return dates.date_time(moment, zone)


def _notice(days: int, what: str = "notice") -> str:
    """'5 clear working days' notice', '1 clear working day's notice'."""
    count = labels.plural(days, "clear working day's", "clear working days'")
    return f"{count} {what}"


def _standing(state: DutyState, partnership: Partnership) -> str:
    """Where a duty stands: 'Published late, Monday 4 March 2024, 2 working days after ...'."""
    parts = [labels.label(state.standing)]
    if state.standing is Standing.OVERDUE:
        # No count of the days since the deadline: it would change the event every working day.
        parts[0] += " (the deadline has passed and it is not yet published)"
    if state.published is not None:
        parts.append(_when_met(state.published, partnership))
    if state.standing is Standing.LATE:
        late = labels.plural(state.working_days_late, "working day")
        parts.append(f"{late} after the deadline")
    if state.clear_days_given is not None:
        parts.append(f"with {_notice(state.clear_days_given)}")
    return ", ".join(parts) + "."


def deadline_description(view: PublicView, state: DutyState, link: str | None) -> str:
    """The DESCRIPTION of a deadline's event: its dates, whether statutory, where it stands."""
    duty = state.duty
    lines = [f"Deadline: {dates.long_date(duty.deadline)}."]
    if duty.statutory:
        notice = (
            f"at least {_notice(duty.clear_days, 'public notice')} before the meeting"
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
    lines.append(f"Target: {dates.long_date(duty.target)}.")
    lines.append(f"Standing: {_standing(state, view.partnership)}")
    if link:
        lines += ["", f"More: {link}"]
    return "\n".join(lines)


def lapsed_description(duty: Duty, link: str | None) -> str:
    """The DESCRIPTION of a deadline that no longer applies: what it was, and why it went."""
    lines = [
        f"Deadline: {dates.long_date(duty.deadline)}.",
        f"This deadline no longer applies: {_LAPSED.get(duty.kind, _LAPSED_OTHERWISE)}",
    ]
    if link:
        lines += ["", f"More: {link}"]
    return "\n".join(lines)
