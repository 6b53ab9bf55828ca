"""The schedule: every publication duty of a partnership, with its target and its deadline.

A *duty* is something the partnership has promised (or is obliged) to publish: a meeting's
draft agenda, its agenda and papers, each report, its minutes; the yearly strategic assessment,
the yearly check of the plan against one, the annual review.  Each duty has a *deadline* (the
latest acceptable date) and a *target* (the partnership's own timetable, never later than the
deadline).  Whether a duty is met is a question about an instant: see :mod:`csp_core.rules.status`.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections.abc import Iterator
from enum import StrEnum

import attrs

from csp_core.dates import long_date
from csp_core.i18n import ENGLISH, Language
from csp_core.model import (
    AccessPolicy,
    Availability,
    ChangeKind,
    CommunitySafetyPlan,
    DocumentKind,
    Meeting,
    MeetingStatus,
    MinutesClock,
    Partnership,
    RevisionKind,
)
from csp_core.model._checks import utc
from csp_core.rules.working_days import WorkingCalendar

__all__ = [
    "MEETING_DUTIES",
    "Duty",
    "DutyKind",
    "Severity",
    "add_months",
    "calendar_for",
    "duties",
    "meeting_label",
    "start_as_at",
    "takes_place",
]


class DutyKind(StrEnum):
    """What a duty is for."""

    DRAFT_AGENDA = "draft-agenda"
    AGENDA = "agenda"
    REPORT = "report"
    SUPPLEMENT = "supplement"
    MINUTES = "minutes"
    STRATEGIC_ASSESSMENT = "strategic-assessment"
    PLAN_CHECK = "plan-check"
    ANNUAL_REVIEW = "annual-review"


#: The duties of a meeting, in the order a meeting's outstanding duties are listed.
MEETING_DUTIES = (
    DutyKind.DRAFT_AGENDA,
    DutyKind.AGENDA,
    DutyKind.REPORT,
    DutyKind.SUPPLEMENT,
    DutyKind.MINUTES,
)


class Severity(StrEnum):
    """How serious missing a duty is: a breach of binding law, or a warning."""

    BREACH = "breach"
    WARNING = "warning"


@attrs.frozen(kw_only=True)
class Duty:
    """One thing to publish, by when, and (if it has been) when it was published."""

    id: str
    """Stable across builds: ``meeting/2019-10-17/agenda``."""
    kind: DutyKind
    subject: str
    """Id of the meeting, plan, assessment or review the duty belongs to."""
    title: str
    """For people: "Agenda and papers: Partnership meeting, Thursday 17 October 2019"."""
    deadline: dt.date
    """The latest date that meets the duty."""
    target: dt.date
    """The partnership's own timetable; never after the deadline."""
    statutory: bool = False
    """Whether the deadline is the access-to-information minimum (clear working days)."""
    severity: Severity = Severity.WARNING
    clear_days: int | None = None
    """For statutory deadlines: the clear working days required."""
    fulfilled_by: str | None = None
    """Id of what meets the duty (a document, an assessment, a review), once there is one."""
    published: dt.datetime | None = None
    """When the duty was met, if it was."""
    urgency: str | None = None
    """Why the deadline is later than usual: the reason a meeting was convened at short notice
    (s.100B(3)(b)), or, for a supplement, the chair's reason for urgency (s.100B(4)(b))."""


def calendar_for(partnership: Partnership) -> WorkingCalendar:
    """The partnership's working calendar: its nation's bank holidays and its closure days."""
    return WorkingCalendar(
        nation=partnership.nation, closures=frozenset(partnership.policy.closures)
    )


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day (31 January + 1 = 28/29 February).

    Beyond the calendar Python can hold (years 1 to 9999) the answer stops at its first or last
    day rather than overflowing: loaded data lies far inside it (see csp_core.limits).
    """
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def start_as_at(meeting: Meeting, moment: dt.datetime) -> dt.datetime:
    """When the meeting was due to start, as the public knew it at ``moment``.

    A moved meeting starts at ``previous_start`` until its move (a ``time`` change) is announced.
    """
    if meeting.previous_start is not None and not meeting.changed(ChangeKind.TIME, moment):
        return meeting.previous_start
    return meeting.start


def meeting_label(
    partnership: Partnership,
    meeting: Meeting,
    moment: dt.datetime | None = None,
    language: Language = ENGLISH,
) -> str:
    """The meeting as people name it: 'Partnership meeting, Thursday 17 October 2019'.

    With ``moment``, the date is the one the public knew then (see :func:`start_as_at`).
    """
    start = meeting.start if moment is None else start_as_at(meeting, moment)
    day = long_date(start.astimezone(partnership.timezone).date(), language)
    return language.gettext("{title}, {day}", title=meeting.title, day=day)


def takes_place(meeting: Meeting) -> bool:
    """Whether a meeting is (or was) going ahead: scheduled, or rescheduled to its new start."""
    return meeting.status in {MeetingStatus.SCHEDULED, MeetingStatus.RESCHEDULED}


def duties(partnership: Partnership, language: Language = ENGLISH) -> tuple[Duty, ...]:
    """Every duty of the partnership, meetings first in start order, then plans and reviews.

    Titles are in ``language``; everything else is the same in every language.
    """
    working = calendar_for(partnership)
    meetings = sorted(partnership.meetings, key=lambda m: (utc(m.start), m.id))
    following = _Following.of(meetings)
    found: list[Duty] = []
    for meeting in meetings:
        if partnership.is_public(meeting) and takes_place(meeting):
            found += _meeting_duties(partnership, meeting, following, working, language)
    found += _assessment_duties(partnership, language)
    for plan in partnership.plans:
        if plan.scope is None:  # the partnership checks its own plan, not a county's
            found += _plan_check_duties(partnership, plan, language)
    found += _review_duties(partnership, language)
    return tuple(found)


@attrs.frozen
class _Following:
    """The next meeting of a body that goes ahead, after any meeting: looked up, not scanned.

    Built once per :func:`duties` from the meetings in start order: each body's meetings that
    take place, with their starts in UTC, so the next one is a binary search (a scan per
    meeting made the duties quadratic in the meetings).
    """

    meetings: dict[str, list[Meeting]]
    """By body id, its meetings that take place, in (start, id) order."""
    starts: dict[str, list[dt.datetime]]
    """By body id, the starts of those meetings in UTC."""

    @classmethod
    def of(cls, meetings: list[Meeting]) -> _Following:
        """The index of ``meetings``, given in (start, id) order."""
        found = cls(meetings={}, starts={})
        for meeting in meetings:
            if takes_place(meeting):
                found.meetings.setdefault(meeting.body, []).append(meeting)
                found.starts.setdefault(meeting.body, []).append(utc(meeting.start))
        return found

    def after(self, meeting: Meeting) -> Meeting | None:
        """The body's first meeting that takes place and starts after ``meeting`` starts."""
        starts = self.starts.get(meeting.body, [])
        index = bisect.bisect_right(starts, utc(meeting.start))
        return self.meetings[meeting.body][index] if index < len(starts) else None


def _meeting_duties(
    partnership: Partnership,
    meeting: Meeting,
    following: _Following,
    working: WorkingCalendar,
    language: Language,
) -> Iterator[Duty]:
    policy = partnership.policy
    day = meeting.start.astimezone(partnership.timezone).date()
    label = meeting_label(partnership, meeting, language=language)
    clear_days = policy.clear_days_for(partnership.nation)
    severity = Severity.BREACH if policy.access is AccessPolicy.STATUTORY else Severity.WARNING
    own = day - dt.timedelta(days=policy.agenda_days)
    if clear_days is None:
        agenda_deadline, statutory = own, False
    else:
        agenda_deadline, statutory = working.latest_publication_date(day, clear_days), True
    urgency, target = None, min(own, agenda_deadline)
    if meeting.short_notice is not None:
        # s.100B(3)(b): convened at shorter notice, the agenda is due when the meeting is convened.
        convened = meeting.short_notice.convened.astimezone(partnership.timezone).date()
        if convened > agenda_deadline:
            agenda_deadline, urgency = convened, meeting.short_notice.reason
            target = convened

    if policy.draft_agenda_days is not None:
        draft_day = day - dt.timedelta(days=policy.draft_agenda_days)
        yield _fulfilled(
            meeting,
            DocumentKind.DRAFT_AGENDA,
            Duty(
                id=f"meeting/{meeting.id}/draft-agenda",
                kind=DutyKind.DRAFT_AGENDA,
                subject=meeting.id,
                title=language.gettext("Draft agenda: {meeting}", meeting=label),
                deadline=draft_day,
                target=draft_day,
            ),
        )
    agenda = Duty(
        id=f"meeting/{meeting.id}/agenda",
        kind=DutyKind.AGENDA,
        subject=meeting.id,
        title=language.gettext("Agenda and papers: {meeting}", meeting=label),
        deadline=agenda_deadline,
        target=target,
        statutory=statutory,
        severity=severity if statutory else Severity.WARNING,
        clear_days=clear_days,
        urgency=urgency,
    )
    yield _fulfilled(meeting, DocumentKind.AGENDA, agenda)
    for document in meeting.documents:
        if (
            document.kind is DocumentKind.REPORT
            and document.availability is not Availability.WITHHELD
        ):
            yield attrs.evolve(
                agenda,
                id=f"meeting/{meeting.id}/report/{document.id}",
                kind=DutyKind.REPORT,
                title=language.gettext(
                    "Report “{title}”: {meeting}", title=document.title, meeting=label
                ),
                fulfilled_by=document.id,
                published=document.published,
            )
    yield from _supplement_duties(partnership, meeting, agenda, label, language)
    minutes_from: dt.date | None = day
    if policy.minutes_from is MinutesClock.NEXT_MEETING:
        after = following.after(meeting)
        minutes_from = (
            None if after is None else after.start.astimezone(partnership.timezone).date()
        )
    if minutes_from is not None:
        minutes_day = working.add_working_days(minutes_from, policy.minutes_working_days)
        yield _fulfilled(
            meeting,
            DocumentKind.MINUTES,
            Duty(
                id=f"meeting/{meeting.id}/minutes",
                kind=DutyKind.MINUTES,
                subject=meeting.id,
                title=language.gettext("Minutes: {meeting}", meeting=label),
                deadline=minutes_day,
                target=minutes_day,
            ),
        )


def _supplement_duties(
    partnership: Partnership, meeting: Meeting, agenda: Duty, label: str, language: Language
) -> Iterator[Duty]:
    """One duty per supplement to the agenda or a report: due with the agenda (s.100B(3)-(4)).

    A supplement with the chair's reason for urgency (s.100B(4)(b)) published after the agenda
    deadline is due on its own day instead, with the reason.  A supplement duty exists only once
    the supplement does (its publication), so it is always met: on time or late.
    """
    for document in meeting.documents:
        if (
            document.kind not in {DocumentKind.AGENDA, DocumentKind.REPORT}
            or document.availability is Availability.WITHHELD
        ):
            continue
        supplements = [r for r in document.revisions if r.kind is RevisionKind.SUPPLEMENT]
        for number, revision in enumerate(supplements, start=1):
            published_on = revision.published.astimezone(partnership.timezone).date()
            duty = attrs.evolve(
                agenda,
                id=f"meeting/{meeting.id}/supplement/{document.id}/{number}",
                kind=DutyKind.SUPPLEMENT,
                title=language.gettext(
                    "Supplement {number} to “{title}”: {meeting}",
                    number=number,
                    title=document.title,
                    meeting=label,
                ),
                fulfilled_by=document.id,
                published=revision.published,
                urgency=None,
            )
            if revision.urgency is not None and published_on > agenda.deadline:
                duty = attrs.evolve(
                    duty, deadline=published_on, target=published_on, urgency=revision.urgency
                )
            yield duty


def _fulfilled(meeting: Meeting, kind: DocumentKind, duty: Duty) -> Duty:
    document = meeting.document(kind)
    if document is None or document.availability is Availability.WITHHELD:
        return duty
    return attrs.evolve(duty, fulfilled_by=document.id, published=document.published)


def _midnight(partnership: Partnership, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=partnership.timezone)


def _assessment_duties(partnership: Partnership, language: Language) -> Iterator[Duty]:
    months = partnership.policy.assessment_months
    ordered = sorted(partnership.assessments, key=lambda a: (a.published_on, a.id))
    for index, assessment in enumerate(ordered):
        due = add_months(assessment.published_on, months)
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        yield Duty(
            id=f"assessment/{assessment.id}/next",
            kind=DutyKind.STRATEGIC_ASSESSMENT,
            subject=assessment.id,
            title=language.gettext("Strategic assessment after “{title}”", title=assessment.title),
            deadline=due,
            target=due,
            fulfilled_by=following.id if following else None,
            published=_midnight(partnership, following.published_on) if following else None,
        )


def replaced_by(partnership: Partnership, plan: CommunitySafetyPlan) -> CommunitySafetyPlan | None:
    """The next plan of ``plan``'s scope to come into force after it, if any.

    Plans of a scope are ordered by ``in_force_from``, then id (two in force from the same day:
    the later id replaces the other at once, so the earlier is never in force).  A plan of
    another scope (a county plan beside the partnership's own) replaces nothing.
    """
    later = [
        other
        for other in partnership.plans
        if other.scope == plan.scope
        and (other.in_force_from, other.id) > (plan.in_force_from, plan.id)
    ]
    return min(later, key=lambda other: (other.in_force_from, other.id), default=None)


def in_force_until(partnership: Partnership, plan: CommunitySafetyPlan) -> dt.date:
    """The last day ``plan`` is in force (DOMAIN B2, docs/rules.md "Plans in force").

    The last day of its period, or the day before the plan replacing it comes into force,
    whichever is first.  Before ``in_force_from`` when it was replaced before it began.
    """
    successor = replaced_by(partnership, plan)
    if successor is None or successor.in_force_from > plan.period.end:
        return plan.period.end
    return successor.in_force_from - dt.timedelta(days=1)


def _plan_check_duties(
    partnership: Partnership, plan: CommunitySafetyPlan, language: Language
) -> Iterator[Duty]:
    """One check each plan-year while the plan is in force: a strategic assessment in that year.

    Year ``n`` runs from ``plan_check_months * (n - 1)`` to ``plan_check_months * n`` after
    ``in_force_from``; its check is due at its end, if that end falls on or before the plan's
    last day in force (a replaced or expired plan is checked no more).  It is met by the first
    strategic assessment published after the year began.
    """
    months = partnership.policy.plan_check_months
    until = in_force_until(partnership, plan)
    assessments = sorted(a.published_on for a in partnership.assessments)
    year = 1
    while True:
        start = add_months(plan.in_force_from, months * (year - 1))
        due = add_months(plan.in_force_from, months * year)
        if due > until or due == dt.date.max:
            return
        done = next((day for day in assessments if day > start), None)
        yield Duty(
            id=f"plan/{plan.id}/check/{year}",
            kind=DutyKind.PLAN_CHECK,
            subject=plan.id,
            title=language.gettext(
                "Yearly check of “{title}” against a strategic assessment (year {year})",
                title=plan.title,
                year=year,
            ),
            deadline=due,
            target=due,
            published=_midnight(partnership, done) if done else None,
        )
        year += 1


def _review_duties(partnership: Partnership, language: Language) -> Iterator[Duty]:
    months = partnership.policy.annual_review_months
    published = sorted(
        (review.published_on, review.id, review.year)
        for review in partnership.annual_reviews
        if review.published_on is not None
    )
    for index, (day, review_id, year) in enumerate(published):
        due = add_months(day, months)
        following = published[index + 1] if index + 1 < len(published) else None
        yield Duty(
            id=f"annual-review/{review_id}/next",
            kind=DutyKind.ANNUAL_REVIEW,
            subject=review_id,
            title=language.gettext("Annual review after the review for {year}", year=year),
            deadline=due,
            target=due,
            fulfilled_by=following[1] if following else None,
            published=_midnight(partnership, following[0]) if following else None,
        )
