"""A partnership's publication status at an instant: what is next, due, overdue, late, on time."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import attrs

from csp_core.i18n import ENGLISH, Language
from csp_core.model import (
    Availability,
    CommunitySafetyPlan,
    Document,
    Meeting,
    MeetingStatus,
    Partnership,
)
from csp_core.model._checks import utc
from csp_core.rules.availability import availability_at, document_owners, plan_in_force
from csp_core.rules.records import ActionState, RecordFinding, action_states, record_findings
from csp_core.rules.retention import RetentionBreach, kept_until_meeting, retention_breaches
from csp_core.rules.schedule import Duty, DutyKind, calendar_for, duties, takes_place
from csp_core.rules.timeline import Event, timeline

__all__ = [
    "DocumentState",
    "DutyState",
    "Standing",
    "Status",
    "assess",
    "last_day_to_publish",
    "status",
]


#: Duties published before a meeting, whose notice counts in clear working days.
_NOTICE_KINDS = frozenset({DutyKind.AGENDA, DutyKind.REPORT, DutyKind.SUPPLEMENT})


class Standing(StrEnum):
    """Where a duty stands at an instant."""

    PENDING = "pending"
    """Not yet published; its deadline is more than the due-soon window away."""
    DUE_SOON = "due-soon"
    """Not yet published; its deadline is within the window."""
    OVERDUE = "overdue"
    """Not published, and publishing now would be late: the last day to publish has passed."""
    LATE = "late"
    """Published, but after its deadline."""
    ON_TIME = "on-time"
    """Published by its deadline."""


@attrs.frozen(kw_only=True)
class DutyState:
    """A duty and where it stands at an instant."""

    duty: Duty
    standing: Standing
    published: dt.datetime | None = None
    """When the duty was met, if it was by the instant."""
    working_days_late: int = 0
    """For late duties: working days after the deadline it was published; for overdue ones:
    working days since the deadline."""
    clear_days_given: int | None = None
    """For published agenda-type duties with a statutory minimum: clear working days left."""
    last_day: dt.date | None = None
    """The last calendar day on which publishing still meets the deadline: the day before the
    first working day after it (a Friday deadline runs to Sunday, or to a bank-holiday Monday)."""
    published_on: dt.date | None = None
    """The day it was published, in the partnership's time zone, if it was by the instant."""


@attrs.frozen(kw_only=True)
class DocumentState:
    """A document and how the public can get it at an instant."""

    document: Document
    owner: str | None
    """Id of the meeting or plan the document belongs to."""
    availability: Availability | None
    """``None`` before it is published."""


@attrs.frozen(kw_only=True)
class Status:
    """Everything ``csp status`` reports, as data."""

    at: dt.datetime
    next_meetings: tuple[Meeting, ...]
    duties: tuple[DutyState, ...]
    documents: tuple[DocumentState, ...]
    plan: CommunitySafetyPlan | None
    """The plan in force at the instant."""
    recent: tuple[Event, ...]
    """Public events in the recent window, newest first."""
    retention: tuple[RetentionBreach, ...] = ()
    """Meeting documents withdrawn or withheld within their retention period (s.100C)."""
    recent_from: dt.datetime | None = None
    """The start of the recent window (``recent`` holds the events after it)."""
    actions: tuple[ActionState, ...] = ()
    """Each action of the log raised by the instant, as it stands (:mod:`.records`)."""
    practice: tuple[RecordFinding, ...] = ()
    """What the practice checks of the meetings' records found: quorum, and with the policy's
    ``record_attendance`` and ``record_decisions``, minutes without them."""

    @property
    def overdue_actions(self) -> tuple[ActionState, ...]:
        """The actions overdue at the instant, by due date (the partnership's practice)."""
        return tuple(
            sorted(
                (state for state in self.actions if state.overdue),
                key=lambda state: (state.action.due or dt.date.min, state.action.id),
            )
        )

    @property
    def urgent(self) -> tuple[DutyState, ...]:
        """Duties due later than usual for a recorded reason, published in the recent window.

        Agendas and reports of meetings convened at short notice (s.100B(3)(b)) and supplements
        taken as urgent business (s.100B(4)(b)), in deadline order.
        """
        return tuple(
            sorted(
                (
                    state
                    for state in self.duties
                    if state.duty.urgency is not None
                    and state.published is not None
                    and (self.recent_from is None or utc(state.published) > utc(self.recent_from))
                ),
                key=lambda state: (state.duty.deadline, state.duty.id),
            )
        )

    def standing(self, *wanted: Standing) -> tuple[DutyState, ...]:
        """The duties in any of the ``wanted`` standings, in deadline order."""
        return tuple(
            sorted(
                (state for state in self.duties if state.standing in wanted),
                key=lambda state: (state.duty.deadline, state.duty.id),
            )
        )

    def current(self, kind: DutyKind, subject: str | None = None) -> DutyState | None:
        """The first duty of ``kind`` (for ``subject``) still to be met, else the last one met."""
        states = [s for s in self.of_kind(kind) if subject is None or s.duty.subject == subject]
        waiting = [s for s in states if s.published is None]
        return waiting[0] if waiting else (states[-1] if states else None)

    @property
    def overdue(self) -> tuple[DutyState, ...]:
        """Deadline passed, not published."""
        return self.standing(Standing.OVERDUE)

    @property
    def late(self) -> tuple[DutyState, ...]:
        """Published after the deadline."""
        return self.standing(Standing.LATE)

    @property
    def due_soon(self) -> tuple[DutyState, ...]:
        """Not published, deadline within the window."""
        return self.standing(Standing.DUE_SOON)

    def of_kind(self, kind: DutyKind) -> tuple[DutyState, ...]:
        """The duties of one kind, in deadline order."""
        return tuple(
            sorted(
                (state for state in self.duties if state.duty.kind is kind),
                key=lambda state: (state.duty.deadline, state.duty.id),
            )
        )


def assess(partnership: Partnership, duty: Duty, at: dt.datetime, soon_days: int = 14) -> DutyState:
    """Where ``duty`` stands at ``at``; a publication after ``at`` has not happened yet.

    An agenda or report withdrawn before its meeting no longer meets it from the withdrawal
    (:func:`~csp_core.rules.retention.kept_until_meeting`).
    """
    duty = kept_until_meeting(partnership, duty, at)
    working = calendar_for(partnership)
    today = at.astimezone(partnership.timezone).date()
    last_day = last_day_to_publish(partnership, duty.deadline)
    if duty.published is not None and utc(duty.published) <= utc(at):
        published_on = duty.published.astimezone(partnership.timezone).date()
        late_by = working.working_days(duty.deadline, published_on)
        return DutyState(
            duty=duty,
            standing=Standing.LATE if late_by > 0 else Standing.ON_TIME,
            published=duty.published,
            published_on=published_on,
            working_days_late=late_by,
            clear_days_given=_clear_days_given(partnership, duty, published_on),
            last_day=last_day,
        )
    # Late means published on a working day after the deadline (above); so it is overdue only
    # once such a day has begun, never on the weekend or bank holiday straight after it.
    if today > last_day:
        return DutyState(
            duty=duty,
            standing=Standing.OVERDUE,
            working_days_late=working.working_days(duty.deadline, today),
            last_day=last_day,
        )
    if (duty.deadline - today).days <= soon_days:
        return DutyState(duty=duty, standing=Standing.DUE_SOON, last_day=last_day)
    return DutyState(duty=duty, standing=Standing.PENDING, last_day=last_day)


def last_day_to_publish(partnership: Partnership, deadline: dt.date) -> dt.date:
    """The last calendar day on which publishing meets ``deadline``.

    A duty is late when published on a working day after its deadline, so every day up to the
    next working day is still on time: a Friday deadline runs to the end of Sunday (Monday when
    Monday is a bank holiday).  Publishing on a Saturday before a Monday meeting with five clear
    working days' notice still leaves Monday to Friday clear, so this is the law's own last day.
    """
    if deadline >= dt.date.max - dt.timedelta(days=1):
        return deadline
    following = calendar_for(partnership).add_working_days(deadline, 1)
    return following if following == dt.date.max else following - dt.timedelta(days=1)


def _public_by(moment: dt.datetime | None, at: dt.datetime) -> bool:
    """Whether ``moment`` has happened by ``at``: a supplement's duty exists from then on."""
    return moment is not None and utc(moment) <= utc(at)


def _clear_days_given(partnership: Partnership, duty: Duty, published_on: dt.date) -> int | None:
    if duty.clear_days is None or duty.kind not in _NOTICE_KINDS:
        return None
    meeting = partnership.meeting(duty.subject)
    day = meeting.start.astimezone(partnership.timezone).date()
    return calendar_for(partnership).clear_working_days(published_on, day)


def status(
    partnership: Partnership,
    at: dt.datetime,
    *,
    soon_days: int = 14,
    recent_days: int = 30,
    upcoming: int = 3,
    language: Language = ENGLISH,
) -> Status:
    """The partnership's publication status at the instant ``at`` (timezone-aware).

    Args:
        partnership: the partnership.
        at: the instant; nothing published after it counts.
        soon_days: how far ahead "due soon" looks, in calendar days.
        recent_days: how far back "recently published" looks, in calendar days.
        upcoming: how many next meetings to list.
        language: the language of the duties' and events' titles.

    """
    if at.utcoffset() is None:
        msg = "status needs a timezone-aware instant"
        raise ValueError(msg)
    owners = document_owners(partnership)
    next_meetings = tuple(
        meeting
        for meeting in partnership.meetings_after(at)
        if partnership.is_public(meeting)
        and (takes_place(meeting) or meeting.status is MeetingStatus.POSTPONED)
    )[:upcoming]
    try:
        recent_from = at - dt.timedelta(days=recent_days)
    except OverflowError:  # an instant within recent_days of the year 1: everything is recent
        recent_from = dt.datetime.min.replace(tzinfo=dt.UTC)
    return Status(
        at=at,
        next_meetings=next_meetings,
        duties=tuple(
            assess(partnership, duty, at, soon_days)
            for duty in duties(partnership, language)
            if duty.kind is not DutyKind.SUPPLEMENT or _public_by(duty.published, at)
        ),
        documents=tuple(
            DocumentState(
                document=document,
                owner=owner.id if (owner := owners[document.id]) is not None else None,
                availability=availability_at(partnership, document, owner, at),
            )
            for document in partnership.documents()
        ),
        plan=plan_in_force(partnership, at.astimezone(partnership.timezone).date()),
        recent=tuple(
            reversed(
                [event for event in timeline(partnership, at, language) if event.at > recent_from]
            )
        ),
        retention=retention_breaches(partnership, at),
        recent_from=recent_from,
        actions=action_states(partnership, at),
        practice=record_findings(partnership, at),
    )
