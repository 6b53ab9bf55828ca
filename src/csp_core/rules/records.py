"""The record of meetings and the action log at an instant: actions, quorum, practice checks.

An action is raised at a meeting and carried from meeting to meeting: at an instant it stands
as its last update from a meeting that has started by then says, else open, and it is overdue
once its due date has passed (in the partnership's zone) while it is not closed.  Keeping an
action log, and its due dates, is the partnership's own practice, not law (docs/rules.md,
"Actions").  No function here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import attrs

from csp_core.model import (
    Action,
    ActionStatus,
    ActionUpdate,
    AgendaItem,
    DocumentKind,
    Meeting,
    Partnership,
    Presence,
    Role,
)
from csp_core.model._checks import utc

__all__ = [
    "ActionState",
    "PracticeKind",
    "RecordFinding",
    "action_states",
    "members_present",
    "record_findings",
]


@attrs.frozen(kw_only=True)
class ActionState:
    """Where an action of the log stands at an instant."""

    action: Action
    status: ActionStatus
    """Its last update's status by the instant (from a meeting that has started), else open."""
    last_update: ActionUpdate | None
    """That update, if any."""
    overdue: bool
    """Its due date has passed (in the partnership's zone) and it is not closed."""

    @property
    def closed(self) -> bool:
        """Done or dropped."""
        return self.status.closed


def action_states(partnership: Partnership, at: dt.datetime) -> tuple[ActionState, ...]:
    """Each action raised at a meeting that started by ``at``, as it stands at ``at``.

    In the order of the log.  In the public view the partnership holds only the public actions
    and updates (:meth:`~csp_core.PublicView.actions`).
    """
    now = utc(at)
    today = at.astimezone(partnership.timezone).date()
    states: list[ActionState] = []
    for action in partnership.actions:
        raised = partnership.meeting(action.raised)
        if utc(raised.start) > now:
            continue
        last = None
        for update in action.updates:
            if utc(partnership.meeting(update.meeting).start) > now:
                break
            last = update
        status = ActionStatus.OPEN if last is None else last.status
        states.append(
            ActionState(
                action=action,
                status=status,
                last_update=last,
                overdue=action.due is not None and action.due < today and not status.closed,
            )
        )
    return tuple(states)


class PracticeKind(StrEnum):
    """What a practice check of the record found (docs/rules.md, "The record of meetings")."""

    NO_ATTENDANCE = "no-attendance"
    """Minutes published without the meeting's attendance (``record_attendance``)."""
    NO_DECISION = "no-decision"
    """Minutes published without a decision on an item that is not exempt
    (``record_decisions``)."""
    NOT_QUORATE = "not-quorate"
    """Fewer members present (substitutes counting) than the body's quorum."""


@attrs.frozen(kw_only=True)
class RecordFinding:
    """One finding of the practice checks of the meetings' records at an instant."""

    kind: PracticeKind
    meeting: Meeting
    item: AgendaItem | None = None
    """For ``no-decision``: the item without a decision."""
    present: int | None = None
    """For ``not-quorate``: the members present (substitutes counting)."""
    quorum: int | None = None
    """For ``not-quorate``: the body's quorum."""


def members_present(partnership: Partnership, meeting: Meeting) -> int:
    """The members present at ``meeting`` by its record (0 without one).

    Attendees present or substituting whose agency is a member of the partnership on the
    meeting's day; an attendee without an agency, or from an attendee or observer agency (the
    Police and Crime Commissioner's office), does not count.
    """
    if meeting.record is None:
        return 0
    day = meeting.start.astimezone(partnership.timezone).date()
    members = {agency.id for agency in partnership.agencies_on(day, Role.MEMBER)}
    return sum(
        1
        for attendee in meeting.record.attendance
        if attendee.presence in _COUNTED and attendee.agency in members
    )


_COUNTED = frozenset({Presence.PRESENT, Presence.SUBSTITUTE})


def record_findings(partnership: Partnership, at: dt.datetime) -> tuple[RecordFinding, ...]:
    """The practice checks of the meetings' records at ``at``, in meeting order.

    With ``record_attendance`` on, each meeting whose minutes are published by ``at`` and whose
    record has no attendance; with ``record_decisions`` on, each numbered item that is not
    exempt of such a meeting without a decision.  With a body's ``quorum``, each meeting of it
    that has started by ``at`` whose recorded attendance has fewer members present.  Every
    meeting counts, public or not: these are the partnership's own checks.
    """
    policy = partnership.policy
    now = utc(at)
    quorums = {body.id: body.quorum for body in partnership.bodies if body.quorum is not None}
    findings: list[RecordFinding] = []
    for meeting in sorted(partnership.meetings, key=lambda m: (utc(m.start), m.id)):
        if not meeting.goes_ahead or utc(meeting.start) > now:
            continue
        record = meeting.record
        minutes = meeting.document(DocumentKind.MINUTES)
        minuted = minutes is not None and minutes.is_published_at(at)
        if minuted and policy.record_attendance and (record is None or not record.attendance):
            findings.append(RecordFinding(kind=PracticeKind.NO_ATTENDANCE, meeting=meeting))
        if minuted and policy.record_decisions:
            decided = {decision.item for decision in record.decisions} if record else set()
            findings += [
                RecordFinding(kind=PracticeKind.NO_DECISION, meeting=meeting, item=item)
                for item in meeting.agenda
                if item.number is not None and not item.exempt and item.number not in decided
            ]
        quorum = quorums.get(meeting.body)
        if quorum is not None and record is not None and record.attendance:
            present = members_present(partnership, meeting)
            if present < quorum:
                findings.append(
                    RecordFinding(
                        kind=PracticeKind.NOT_QUORATE,
                        meeting=meeting,
                        present=present,
                        quorum=quorum,
                    )
                )
    return tuple(findings)
