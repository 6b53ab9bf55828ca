"""Availability after the meeting and withdrawals: the retention period and s.100B(1).

Two rules, sources in docs/rules.md ("Retention and withdrawals"):

- :func:`retention_breaches`: minutes, agenda and reports of a meeting stay open to inspection
  for ``retention_years`` (six) from the day of the meeting (LGA 1972 s.100C(1); the nation's
  section is :attr:`~csp_core.AccessLaw.minutes`), its background papers for
  ``background_papers_years`` (four; s.100D(1)-(2), :attr:`~csp_core.AccessLaw.background_papers`).
  Withdrawing one, or declaring it withheld, within its period is a retention breach.  "On
  request" satisfies it: inspection on request is still inspection (s.100D(3) says so for
  background papers).
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

#: The meeting documents the retention period covers: agenda, reports and minutes for
#: ``retention_years`` (s.100C(1)(a)-(d)), background papers for ``background_papers_years``
#: (s.100D(1)-(2)).
RETAINED_KINDS = frozenset(
    {
        DocumentKind.AGENDA,
        DocumentKind.REPORT,
        DocumentKind.MINUTES,
        DocumentKind.BACKGROUND_PAPERS,
    }
)


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
    """The nation's section: 's.100C' (Scotland 's.50C'); for background papers 's.100D'
    (Scotland 's.50D')."""


def retained_until(
    partnership: Partnership, meeting: Meeting, *, kind: DocumentKind = DocumentKind.MINUTES
) -> dt.date:
    """The last day of the retention period of ``meeting``'s documents of ``kind``.

    Background papers: ``background_papers_years`` beginning with the meeting day (s.100D(2));
    any other kind (minutes, the default): ``retention_years`` (s.100C(1)).  A meeting on
    17 October 2019: minutes to 16 October 2025 inclusive, background papers to 16 October 2023.
    """
    policy = partnership.policy
    years = (
        policy.background_papers_years
        if kind is DocumentKind.BACKGROUND_PAPERS
        else policy.retention_years
    )
    day = meeting.start.astimezone(partnership.timezone).date()
    end = add_months(day, 12 * years)
    return end if end == dt.date.max else end - dt.timedelta(days=1)


def _section(partnership: Partnership, kind: DocumentKind) -> str:
    """The nation's section for keeping documents of ``kind``: s.100D or s.100C (Scotland 50)."""
    law = ACCESS_LAW[partnership.nation]
    return law.background_papers if kind is DocumentKind.BACKGROUND_PAPERS else law.minutes


def _exempt_papers(meeting: Meeting) -> frozenset[str]:
    """Ids of the papers of the meeting's exempt items."""
    return frozenset(paper for item in meeting.agenda if item.exempt for paper in item.papers)


def retention_breaches(partnership: Partnership, at: dt.datetime) -> tuple[RetentionBreach, ...]:
    """Meeting documents withdrawn (by ``at``) or withheld within their retention period.

    Only public meetings that have started by ``at`` and went ahead count; a withdrawal before
    the meeting is :func:`kept_until_meeting`'s question, not retention.  A document declared
    withheld is a breach only while ``at`` is within the period (after it, withholding is
    allowed); a withdrawal within the period stays on record.  Each kind has its own period
    (:func:`retained_until`) and section.  Background papers that are papers of an exempt
    agenda item need not be open at all (s.100D(4)(a)), so they are never a breach.
    """
    policy = partnership.policy
    if policy.access is AccessPolicy.NONE:
        return ()
    statutory = policy.access is AccessPolicy.STATUTORY
    severity = Severity.BREACH if statutory else Severity.WARNING
    today = at.astimezone(partnership.timezone).date()
    found: list[RetentionBreach] = []
    for meeting in sorted(partnership.meetings, key=lambda m: (utc(m.start), m.id)):
        held = partnership.is_public(meeting) and takes_place(meeting)
        if not held or utc(meeting.start) > utc(at):
            continue
        exempt = _exempt_papers(meeting)
        for document in meeting.documents:
            if document.kind not in RETAINED_KINDS or not document.is_published_at(at):
                continue
            if document.kind is DocumentKind.BACKGROUND_PAPERS and document.id in exempt:
                continue
            until = retained_until(partnership, meeting, kind=document.kind)
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
                    section=_section(partnership, document.kind),
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
