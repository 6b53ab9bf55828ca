"""Availability after the meeting and withdrawals: the retention period and s.100B(1).

Two rules, sources in docs/rules.md ("Retention and withdrawals"):

- :func:`retention_breaches`: minutes, agenda and reports of a meeting stay open to inspection
  for ``retention_years`` (six) from the day of the meeting (LGA 1972 s.100C(1); the nation's
  section is :attr:`~csp_core.AccessLaw.minutes`).  Withdrawing one, or declaring it withheld,
  within that period is a retention breach.  "On request" satisfies it: inspection on request
  is still inspection.
- :func:`kept_until_meeting`: an agenda or report must stay open to inspection until the
  meeting (s.100B(1)); one withdrawn before the meeting no longer meets its duty from the
  withdrawal.
"""

from __future__ import annotations

import datetime as dt

import attrs

from csp_core.model import (
    ACCESS_LAW,
    AccessPolicy,
    Availability,
    Document,
    DocumentKind,
    Meeting,
    Partnership,
)
from csp_core.model._checks import utc
from csp_core.rules.schedule import Duty, DutyKind, Severity, add_months, takes_place

__all__ = ["RetentionBreach", "kept_until_meeting", "retained_until", "retention_breaches"]

#: The meeting documents the retention period covers (s.100C(1)(a)-(d)).
RETAINED_KINDS = frozenset({DocumentKind.AGENDA, DocumentKind.REPORT, DocumentKind.MINUTES})


@attrs.frozen(kw_only=True)
class RetentionBreach:
    """A meeting document withdrawn, or withheld, within its retention period."""

    document: Document
    meeting: Meeting
    since: dt.date
    """The day it stopped being open to inspection (the withdrawal, or the meeting's day for a
    document declared withheld), in the partnership's time zone."""
    retained_until: dt.date
    """The last day of the retention period."""
    withdrawn: bool
    """Withdrawn (a ``withdrawal`` revision); otherwise declared ``withheld``."""
    severity: Severity
    statutory: bool
    section: str
    """The nation's section: 's.100C' (Scotland 's.50C')."""


def retained_until(partnership: Partnership, meeting: Meeting) -> dt.date:
    """The last day of the retention period: ``retention_years`` beginning with the meeting day.

    A meeting on 17 October 2019 with six years: to 16 October 2025 inclusive.
    """
    day = meeting.start.astimezone(partnership.timezone).date()
    end = add_months(day, 12 * partnership.policy.retention_years)
    return end if end == dt.date.max else end - dt.timedelta(days=1)


def retention_breaches(partnership: Partnership, at: dt.datetime) -> tuple[RetentionBreach, ...]:
    """Meeting documents withdrawn (by ``at``) or withheld within their retention period.

    Only public meetings that have started by ``at`` and went ahead count; a withdrawal before
    the meeting is :func:`kept_until_meeting`'s question, not retention.  A document declared
    withheld is a breach only while ``at`` is within the period (after it, withholding is
    allowed); a withdrawal within the period stays on record.
    """
    policy = partnership.policy
    if policy.access is AccessPolicy.NONE:
        return ()
    statutory = policy.access is AccessPolicy.STATUTORY
    severity = Severity.BREACH if statutory else Severity.WARNING
    section = ACCESS_LAW[partnership.nation].minutes
    today = at.astimezone(partnership.timezone).date()
    found: list[RetentionBreach] = []
    for meeting in sorted(partnership.meetings, key=lambda m: (utc(m.start), m.id)):
        if not (meeting.public and takes_place(meeting)) or utc(meeting.start) > utc(at):
            continue
        until = retained_until(partnership, meeting)
        for document in meeting.documents:
            if document.kind not in RETAINED_KINDS or not document.is_published_at(at):
                continue
            withdrawn = document.withdrawn_at()
            if withdrawn is not None and utc(withdrawn) <= utc(at):
                day = withdrawn.astimezone(partnership.timezone).date()
                if utc(withdrawn) < utc(meeting.start) or day > until:
                    continue
                since, by_withdrawal = day, True
            elif document.availability is Availability.WITHHELD and today <= until:
                since, by_withdrawal = meeting.start.astimezone(partnership.timezone).date(), False
            else:
                continue
            found.append(
                RetentionBreach(
                    document=document,
                    meeting=meeting,
                    since=since,
                    retained_until=until,
                    withdrawn=by_withdrawal,
                    severity=severity,
                    statutory=statutory,
                    section=section,
                )
            )
    return tuple(found)


def kept_until_meeting(partnership: Partnership, duty: Duty, at: dt.datetime) -> Duty:
    """``duty`` as it stands at ``at`` once withdrawals before the meeting are counted.

    An agenda or report withdrawn (by ``at``) before its meeting started no longer meets its
    duty from the withdrawal: standing as if never published (overdue once its last day has
    passed).  A meeting has one agenda and nothing follows a withdrawal, so a replacement is
    recorded as a ``correction`` or ``update`` revision instead; that keeps the copies open and
    the duty counts from the first publication.
    """
    if duty.kind not in {DutyKind.AGENDA, DutyKind.REPORT} or duty.fulfilled_by is None:
        return duty
    meeting = partnership.meeting(duty.subject)

    def open_at_meeting(document: Document) -> bool:
        withdrawn = document.withdrawn_at()
        return not (
            withdrawn is not None
            and utc(withdrawn) <= utc(at)
            and utc(withdrawn) < utc(meeting.start)
        )

    if duty.kind is DutyKind.REPORT:
        candidates = [d for d in meeting.documents if d.id == duty.fulfilled_by]
    else:
        candidates = [
            d
            for d in meeting.documents
            if d.kind is DocumentKind.AGENDA
            and d.availability is not Availability.WITHHELD
            and d.published is not None
        ]
    kept = sorted(
        (d for d in candidates if open_at_meeting(d) and d.published is not None),
        key=lambda d: (utc(d.published) if d.published else utc(at), d.id),
    )
    if not kept:
        return attrs.evolve(duty, fulfilled_by=None, published=None)
    first = kept[0]
    if first.id == duty.fulfilled_by and first.published == duty.published:
        return duty
    return attrs.evolve(duty, fulfilled_by=first.id, published=first.published)
