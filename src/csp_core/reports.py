"""``csp status`` reports: the status at an instant as text for people and JSON for machines.

The JSON form follows a versioned schema, shipped as ``csp_core/schemas/status.schema.json``
and documented in docs/status.md.  A field is never removed or changed in meaning within a
``schema_version``; new fields may be added.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from csp_core.labels import joining, plural
from csp_core.model import ACCESS_LAW, Attendance, Meeting, Partnership
from csp_core.rules import DutyKind, DutyState, Event, RetentionBreach, Standing, Status
from csp_core.rules.records import ActionState, PracticeKind, RecordFinding

__all__ = ["SCHEMA", "SCHEMA_VERSION", "status_json", "status_text"]

SCHEMA = "csp-core/status"
SCHEMA_VERSION = 2


def _moment(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _meeting(partnership: Partnership, meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.id,
        "body": meeting.body,
        "title": meeting.title,
        "start": _moment(meeting.start.astimezone(partnership.timezone)),
        "end": _moment(meeting.end.astimezone(partnership.timezone) if meeting.end else None),
        "status": meeting.status.value,
        "venue": meeting.venue.one_line if meeting.venue else None,
        "questions_deadline": _moment(meeting.questions.deadline if meeting.questions else None),
    }


def _duty(partnership: Partnership, state: DutyState) -> dict[str, Any]:
    duty = state.duty
    return {
        "id": duty.id,
        "kind": duty.kind.value,
        "subject": duty.subject,
        "title": duty.title,
        "target": _day(duty.target),
        "deadline": _day(duty.deadline),
        "last_day": _day(state.last_day or duty.deadline),
        "statutory": duty.statutory,
        "severity": duty.severity.value,
        "clear_days": duty.clear_days,
        "urgency": duty.urgency,
        "standing": state.standing.value,
        "working_days_late": state.working_days_late,
        "clear_days_given": state.clear_days_given,
        # Only what has been published by the instant fulfils a duty; a document recorded with
        # a later publication is "expected", never named as fulfilling it yet.
        "fulfilled_by": duty.fulfilled_by if state.published is not None else None,
        "expected": duty.fulfilled_by if state.published is None else None,
        "published": _moment(
            state.published.astimezone(partnership.timezone) if state.published else None
        ),
    }


def _event(partnership: Partnership, event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "at": _moment(event.at.astimezone(partnership.timezone)),
        "kind": event.kind.value,
        "subject": event.subject,
        "title": event.title,
        "link": event.link,
    }


def status_json(partnership: Partnership, status: Status) -> dict[str, Any]:
    """The status as plain data following schema ``csp-core/status`` (:data:`SCHEMA_VERSION`)."""
    plan = status.plan
    plan_check = status.current(DutyKind.PLAN_CHECK, plan.id) if plan else None
    today = status.at.astimezone(partnership.timezone).date()
    assessments = sorted(
        (a for a in partnership.assessments if a.published_on <= today),
        key=lambda a: (a.published_on, a.id),
    )
    reviews = sorted(
        (r for r in partnership.annual_reviews if r.published_on and r.published_on <= today),
        key=lambda r: (r.published_on or today, r.id),
    )
    counts = {standing.value.replace("-", "_"): 0 for standing in Standing}
    for state in status.duties:
        counts[state.standing.value.replace("-", "_")] += 1
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "partnership": {"id": partnership.id, "name": partnership.name},
        "at": _moment(status.at.astimezone(partnership.timezone)),
        "timezone": partnership.timezone.key,
        "policy": {
            "access": partnership.policy.access.value,
            "clear_working_days": partnership.policy.clear_days_for(partnership.nation),
            "nation": partnership.nation.value,
            "law": ACCESS_LAW[partnership.nation].citation,
        },
        "next_meetings": [_meeting(partnership, m) for m in status.next_meetings],
        "counts": counts,
        "overdue": [_duty(partnership, s) for s in status.overdue],
        "due_soon": [_duty(partnership, s) for s in status.due_soon],
        "late": [_duty(partnership, s) for s in status.late],
        "duties": [
            _duty(partnership, s)
            for s in sorted(status.duties, key=lambda s: (s.duty.deadline, s.duty.id))
        ],
        "recently_published": [_event(partnership, e) for e in status.recent],
        "retention_breaches": [_breach(b) for b in status.retention],
        "overdue_actions": [_action(state) for state in status.overdue_actions],
        "practice": [_finding(finding) for finding in status.practice],
        "plan": None
        if plan is None
        else {
            "id": plan.id,
            "title": plan.title,
            "in_force_from": _day(plan.in_force_from),
            "check": None if plan_check is None else _duty(partnership, plan_check),
        },
        "assessment": {
            "latest": None
            if not assessments
            else {
                "id": assessments[-1].id,
                "title": assessments[-1].title,
                "published_on": _day(assessments[-1].published_on),
            },
            "next": _optional_duty(partnership, status.current(DutyKind.STRATEGIC_ASSESSMENT)),
        },
        "annual_review": {
            "latest": None
            if not reviews
            else {
                "id": reviews[-1].id,
                "year": reviews[-1].year,
                "published_on": _day(reviews[-1].published_on),
            },
            "next": _optional_duty(partnership, status.current(DutyKind.ANNUAL_REVIEW)),
        },
        "documents": [
            {
                "id": state.document.id,
                "kind": state.document.kind.value,
                "title": state.document.title,
                "owner": state.owner,
                "availability": None if state.availability is None else state.availability.value,
            }
            for state in status.documents
        ],
    }


def _action(state: ActionState) -> dict[str, Any]:
    action = state.action
    return {
        "id": action.id,
        "title": action.title,
        "raised": action.raised,
        "item": action.item,
        "owner_agency": action.owner_agency,
        "owner_role": action.owner_role,
        "due": _day(action.due),
        "status": state.status.value,
        "last_update": None if state.last_update is None else state.last_update.meeting,
    }


def _finding(finding: RecordFinding) -> dict[str, Any]:
    return {
        "kind": finding.kind.value,
        "meeting": finding.meeting.id,
        "item": None if finding.item is None else finding.item.number,
        "present": finding.present,
        "quorum": finding.quorum,
    }


def _action_line(partnership: Partnership, state: ActionState) -> str:
    action = state.action
    owner = [action.owner_role] if action.owner_role else []
    if action.owner_agency is not None:
        agency = partnership.agency(action.owner_agency)
        owner.append(agency.short_name or agency.name)
    raised = partnership.meeting(action.raised)
    notes = [
        f"raised {_date(raised.start.astimezone(partnership.timezone).date())}",
        state.status.value.replace("-", " "),
    ]
    if owner:
        notes.insert(0, ", ".join(owner))
    due = _date(action.due) if action.due else ""
    return f"  {due:<16} {action.title} ({'; '.join(notes)})"


def _finding_line(partnership: Partnership, finding: RecordFinding) -> str:
    meeting = finding.meeting
    where = f"{meeting.title}, {_when(meeting.start, partnership)}"
    if finding.kind is PracticeKind.NO_ATTENDANCE:
        return f"  {where}: minutes published without the attendance"
    if finding.kind is PracticeKind.NO_DECISION and finding.item is not None:
        item = finding.item
        return f"  {where}: no decision recorded on item {item.number} ({item.title})"
    members = plural(finding.present or 0, "member")
    return f"  {where}: not quorate ({members} present, quorum {finding.quorum})"


def _breach(breach: RetentionBreach) -> dict[str, Any]:
    return {
        "document": breach.document.id,
        "kind": breach.document.kind.value,
        "title": breach.document.title,
        "meeting": breach.meeting.id,
        "how": "withdrawn" if breach.withdrawn else "withheld",
        "since": _day(breach.since),
        "retained_until": _day(breach.retained_until),
        "statutory": breach.statutory,
        "severity": breach.severity.value,
        "section": breach.section,
    }


def _breach_line(breach: RetentionBreach) -> str:
    how = "withdrawn" if breach.withdrawn else "withheld"
    notes = [
        f"{how} {_date(breach.since)}",
        f"must stay open to inspection until {_date(breach.retained_until)} ({breach.section})",
    ]
    if breach.statutory and breach.severity.value == "breach":
        notes.append("statutory breach")
    return f"  {breach.document.title} ({'; '.join(notes)})"


def _optional_duty(partnership: Partnership, state: DutyState | None) -> dict[str, Any] | None:
    return None if state is None else _duty(partnership, state)


def _when(moment: dt.datetime, partnership: Partnership) -> str:
    local = moment.astimezone(partnership.timezone)
    return f"{local:%A} {local.day} {local:%B %Y}, {local:%H:%M} {local.tzname()}"


def _date(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _duty_line(state: DutyState) -> str:
    duty = state.duty
    line = f"  {_date(duty.deadline):<16} {duty.title}"
    notes = []
    if duty.urgency is not None:  # due on a later day than usual, for a recorded reason
        why = "urgent item" if duty.kind is DutyKind.SUPPLEMENT else "short notice"
        notes.append(f"{why}: {duty.urgency}")
    elif duty.statutory and duty.clear_days is not None:
        notes.append(plural(duty.clear_days, "clear working day"))
    if duty.target < duty.deadline:
        notes.append(f"target {_date(duty.target)}")
    if state.published is None and state.last_day and state.last_day > duty.deadline:
        # the weekend or bank holiday after the deadline still meets it
        notes.append(f"on time if published by {_date(state.last_day)}")
    if state.standing is Standing.OVERDUE:
        notes.append(f"{plural(state.working_days_late, 'working day')} overdue")
    if state.standing is Standing.LATE:
        if state.published_on is not None:
            notes.append(f"published {_date(state.published_on)}")
        notes.append(f"{plural(state.working_days_late, 'working day')} late")
        if state.clear_days_given is not None:
            notes.append(f"gave {plural(state.clear_days_given, 'clear working day')}")
    if (
        duty.statutory
        and duty.severity.value == "breach"
        and state.standing
        in {
            Standing.OVERDUE,
            Standing.LATE,
        }
    ):
        notes.append("statutory breach")
    return f"{line} ({'; '.join(notes)})" if notes else line


def _section(title: str, lines: list[str]) -> list[str]:
    return ["", title, *(lines or ["  none"])]


def _where(meeting: Meeting) -> str:
    """'Council Chamber, Cambourne CB23 6EA', '… and online', 'online', 'venue to be confirmed'."""
    if meeting.venue is not None:
        where = meeting.venue.one_line
        if meeting.attendance is Attendance.MIXED:
            where += " and online"
    elif meeting.attendance is Attendance.ONLINE:
        where = "online"
    else:
        where = "venue to be confirmed"
    if meeting.joining_to_be_announced:
        where += f"; {joining().lower()}"
    return where


def status_text(partnership: Partnership, status: Status, soon_days: int = 14) -> str:
    """The status as a report a person reads in a terminal."""
    lines = [f"{partnership.name}: status at {_when(status.at, partnership)}"]
    meetings: list[str] = []
    for meeting in status.next_meetings:
        where = _where(meeting)
        note = "" if meeting.status.value == "scheduled" else f" [{meeting.status.value}]"
        meetings += [
            f"  {_when(meeting.start, partnership)}: {meeting.title}{note}",
            f"    {where}",
        ]
    lines += _section("Next meetings", meetings)
    lines += _section(f"Overdue ({len(status.overdue)})", [_duty_line(s) for s in status.overdue])
    lines += _section(
        f"Due in the next {soon_days} days ({len(status.due_soon)})",
        [_duty_line(s) for s in status.due_soon],
    )
    lines += _section(f"Published late ({len(status.late)})", [_duty_line(s) for s in status.late])
    if status.retention:
        lines += _section(
            f"Withdrawn or withheld within the retention period ({len(status.retention)})",
            [_breach_line(b) for b in status.retention],
        )
    if partnership.actions:
        lines += _section(
            f"Overdue actions ({len(status.overdue_actions)})",
            [_action_line(partnership, state) for state in status.overdue_actions],
        )
    if status.practice:
        lines += _section(
            f"The partnership's own practice ({len(status.practice)})",
            [_finding_line(partnership, finding) for finding in status.practice],
        )
    if status.urgent:
        lines += _section(
            f"Recently published at short notice or as urgent business ({len(status.urgent)})",
            [_duty_line(s) for s in status.urgent],
        )
    lines += _section(
        "Recently published",
        [
            f"  {_date(e.at.astimezone(partnership.timezone).date()):<16} {e.title}"
            for e in status.recent
        ],
    )
    lines += _section("Plan and assessment", _health(partnership, status))
    return "\n".join(lines) + "\n"


def _health(partnership: Partnership, status: Status) -> list[str]:
    lines: list[str] = []
    plan = status.plan
    if plan is None:
        lines.append("  No community safety plan in force.")
    else:
        lines.append(f"  Plan in force: {plan.title} (from {_date(plan.in_force_from)})")
        check = status.current(DutyKind.PLAN_CHECK, plan.id)
        if check is not None:
            lines.append(f"  Yearly check: {_standing(check)}")
    for kind, words in (
        (DutyKind.STRATEGIC_ASSESSMENT, "Next strategic assessment"),
        (DutyKind.ANNUAL_REVIEW, "Next annual review"),
    ):
        state = status.current(kind)
        lines.append(f"  {words}: {_standing(state) if state else 'no earlier one to count from'}")
    return lines


def _standing(state: DutyState) -> str:
    deadline = _date(state.duty.deadline)
    if state.standing is Standing.OVERDUE:
        return f"overdue since {deadline} ({plural(state.working_days_late, 'working day')})"
    if state.published_on is not None:
        words = state.standing.value.replace("-", " ")
        return f"{words} (due {deadline}, published {_date(state.published_on)})"
    return f"due {deadline}"
