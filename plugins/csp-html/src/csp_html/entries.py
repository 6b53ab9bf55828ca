"""What the templates show, worked out once from the public view.

Each ``*Entry`` class is a small frozen record holding the model object it describes plus the
words and site paths a page needs (dates as people read them, status labels, links), so the
templates stay simple and a council's own templates can use the same values.  Paths are
relative to the site's top (``meetings/2019-10-17.html``) or absolute addresses; templates
pass them through ``href()``, which makes them relative to the page being written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs
from csp_core import (
    Agency,
    AgendaItem,
    AnnualReview,
    Attendance,
    Availability,
    Body,
    CommunitySafetyPlan,
    Contact,
    Document,
    DocumentKind,
    DutyKind,
    DutyState,
    Meeting,
    MeetingStatus,
    Nation,
    Partnership,
    Priority,
    Reading,
    RecommendationKind,
    RevisionKind,
    Standing,
    StrategicAssessment,
    Target,
    Venue,
)

from csp_html.chart import Chart, chart
from csp_html.formatting import (
    date_time,
    iso,
    long_date,
    quantity,
    short_date,
    time_span,
)
from csp_html.links import mailto, map_url, tel

__all__ = [
    "AgendaEntry",
    "AssessmentEntry",
    "DocumentEntry",
    "DueEntry",
    "Link",
    "MeetingEntry",
    "PlanEntry",
    "PriorityEntry",
    "ReadingRow",
    "RecommendationEntry",
    "RecommendationGroup",
    "ReviewEntry",
    "RevisionEntry",
    "TargetEntry",
    "Writer",
]

_DOCUMENT_KINDS = {
    DocumentKind.DRAFT_AGENDA: "Draft agenda",
    DocumentKind.AGENDA: "Agenda",
    DocumentKind.REPORT: "Report",
    DocumentKind.MINUTES: "Minutes",
    DocumentKind.PLAN: "Plan",
    DocumentKind.STRATEGIC_ASSESSMENT: "Strategic assessment",
    DocumentKind.ANNUAL_REVIEW: "Annual review",
    DocumentKind.OTHER: "Document",
}
_REVISIONS = {
    RevisionKind.SUPPLEMENT: "Supplement",
    RevisionKind.CORRECTION: "Correction",
    RevisionKind.UPDATE: "Update",
    RevisionKind.WITHDRAWAL: "Withdrawn",
}
_STATUS = {
    MeetingStatus.SCHEDULED: None,
    MeetingStatus.CANCELLED: "Cancelled",
    MeetingStatus.POSTPONED: "Postponed",
    MeetingStatus.RESCHEDULED: "Rescheduled",
}
_ATTENDANCE = {
    Attendance.IN_PERSON: "In person",
    Attendance.ONLINE: "Online",
    Attendance.MIXED: "In person and online",
}
_DUE = {
    DutyKind.DRAFT_AGENDA: "Draft agenda",
    DutyKind.AGENDA: "Agenda and papers",
    DutyKind.MINUTES: "Minutes",
}
_RECOMMENDATIONS = {
    RecommendationKind.PRIORITY: "Priorities",
    RecommendationKind.INFORMATION_REQUIREMENT: "Further information needed",
    RecommendationKind.OTHER: "Other recommendations",
}
#: Where each nation's exempt-information paragraphs are (the placeholder cites it).
EXEMPTION_SCHEDULES = {
    Nation.ENGLAND: "Schedule 12A",
    Nation.WALES: "Schedule 12A",
    Nation.SCOTLAND: "Schedule 7A",
    Nation.NORTHERN_IRELAND: "Schedule 6",
}


@attrs.frozen(kw_only=True)
class Link:
    """A labelled link: ``path`` is a site path or an absolute address."""

    label: str
    path: str


@attrs.frozen(kw_only=True)
class RevisionEntry:
    """A later version of a document: 'Correction, 16 October 2018: Corrected figures'."""

    kind: str
    on: str
    iso: str
    note: str
    path: str | None
    """Where this version is, when it has its own address and the document is online."""


@attrs.frozen(kw_only=True)
class DocumentEntry:
    """A published document and how the public gets it."""

    document: Document
    title: str
    kind: str
    """'Agenda', 'Minutes', ..."""
    path: str | None
    """Where the newest public version is, when it is online."""
    on_request: bool
    """Available on request (no link)."""
    request: str | None
    """A ``mailto:`` link to ask for it, when the partnership has a contact email."""
    published: str | None
    """'Wednesday 9 October 2019'."""
    published_iso: str | None
    revisions: tuple[RevisionEntry, ...]


@attrs.frozen(kw_only=True)
class DueEntry:
    """Something the partnership will publish for a meeting and by when."""

    label: str
    """'Draft agenda', 'Agenda and papers', 'Minutes'."""
    target: str
    target_iso: str
    deadline: str | None
    """The latest date, when it differs from the target."""
    deadline_iso: str | None
    overdue: bool


@attrs.frozen(kw_only=True)
class AgendaEntry:
    """An agenda item; an exempt one only as its placeholder: number, title and paragraph."""

    number: str | None
    title: str
    presenter: str | None
    minutes_allowed: int | None
    summary: str | None
    exempt: bool
    exemption: int | None
    exemption_note: str | None
    """For an exempt item: why it is not open to the public, citing the paragraph."""
    papers: tuple[DocumentEntry, ...]


@attrs.frozen(kw_only=True)
class QuestionsEntry:
    """How to ask the meeting a question."""

    how: str
    email: str | None
    email_href: str | None
    url: str | None
    deadline: str | None
    deadline_iso: str | None


@attrs.frozen(kw_only=True)
class MeetingEntry:
    """A meeting with everything a page says about it."""

    meeting: Meeting
    body: Body
    path: str
    """``meetings/{id}.html``."""
    day: str
    """'Thursday 17 October 2019'."""
    when: str
    """'Thursday 17 October 2019, 11:15 to 13:15'."""
    start: str
    """'Thursday 17 October 2019, 11:15'."""
    start_iso: str
    end_iso: str | None
    status: str | None
    """'Cancelled', 'Postponed', 'Rescheduled'; ``None`` when it goes ahead as announced."""
    status_note: str | None
    previous_start: str | None
    previous_start_iso: str | None
    replaced_by: Link | None
    attendance: str
    venue: Venue | None
    venue_line: str | None
    map: str | None
    questions: QuestionsEntry | None
    agenda: tuple[AgendaEntry, ...]
    documents: tuple[DocumentEntry, ...]
    due: tuple[DueEntry, ...]
    minutes_note: str | None
    """What the public is told about minutes not yet due (agreed at the next meeting)."""
    takes_place: bool


@attrs.frozen(kw_only=True)
class ReadingRow:
    """A row of a target's table of figures."""

    on: str
    iso: str
    value: str
    note: str | None
    baseline: bool


@attrs.frozen(kw_only=True)
class TargetEntry:
    """A target with its figures, as words, a table and (with readings) a chart."""

    target: Target
    anchor: str
    goal: str
    """'28% by 31 March 2018'."""
    baseline: str | None
    latest: str | None
    rows: tuple[ReadingRow, ...]
    chart: Chart | None


@attrs.frozen(kw_only=True)
class PriorityEntry:
    """A priority of a plan, its lead officer, aims and targets."""

    priority: Priority
    anchor: str
    lead_agency: Agency | None
    lead_email: str | None
    lead_phone: str | None
    lead_phone_href: str | None
    targets: tuple[TargetEntry, ...]


@attrs.frozen(kw_only=True)
class PlanEntry:
    """A community safety plan and where it stands at the view's instant."""

    plan: CommunitySafetyPlan
    path: str
    state: str
    """'current', 'previous' or 'upcoming'."""
    state_label: str
    """'In force since Saturday 1 April 2017', 'Comes into force on ...', 'Previous plan'."""
    period: str
    """'1 April 2017 to 31 March 2018'."""
    in_force_from: str
    in_force_iso: str
    documents: tuple[DocumentEntry, ...]
    priorities: tuple[PriorityEntry, ...]


@attrs.frozen(kw_only=True)
class RecommendationEntry:
    """A recommendation, linked to the plan priority it led to when there is one."""

    text: str
    priority: Link | None


@attrs.frozen(kw_only=True)
class RecommendationGroup:
    """The recommendations of one kind, under a heading."""

    kind: str
    heading: str
    items: tuple[RecommendationEntry, ...]


@attrs.frozen(kw_only=True)
class AssessmentEntry:
    """A strategic assessment and what it recommends."""

    assessment: StrategicAssessment
    path: str
    published: str
    published_iso: str
    period: str
    documents: tuple[DocumentEntry, ...]
    recommendations: tuple[RecommendationGroup, ...]


@attrs.frozen(kw_only=True)
class ReviewEntry:
    """An annual review."""

    review: AnnualReview
    published: str | None
    published_iso: str | None
    document: DocumentEntry | None


def utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` in UTC, for comparing instants.

    Two wall times sharing a zone compare by the clock, ignoring ``fold``, so the repeated hour
    of a clock change would mislead; in UTC it cannot.
    """
    return moment.astimezone(dt.UTC)


def period_text(start: dt.date, end: dt.date) -> str:
    """'1 April 2017 to 31 March 2018'."""
    return f"{short_date(start)} to {short_date(end)}"


@attrs.frozen(kw_only=True)
class Writer:
    """Makes entries for one public view; shared by every page of a build."""

    partnership: Partnership
    at: dt.datetime
    duties: tuple[DutyState, ...]
    map_links: bool = True

    @property
    def zone(self) -> dt.tzinfo:
        """The partnership's time zone."""
        return self.partnership.timezone

    @property
    def today(self) -> dt.date:
        """The view's day in the partnership's zone."""
        return self.at.astimezone(self.zone).date()

    @property
    def contact(self) -> Contact:
        """The partnership's public contact details."""
        return self.partnership.contact

    # -- documents ---------------------------------------------------------------------------

    def document(self, document: Document) -> DocumentEntry:
        """How the public gets ``document``: a link, or on request."""
        on_request = document.availability is Availability.ON_REQUEST
        email = self.contact.email
        published = document.published.astimezone(self.zone).date() if document.published else None
        return DocumentEntry(
            document=document,
            title=document.title,
            kind=_DOCUMENT_KINDS[document.kind],
            path=None if on_request else document.current_url(self.at),
            on_request=on_request,
            request=mailto(email, f"Request: {document.title}") if on_request and email else None,
            published=long_date(published) if published else None,
            published_iso=published.isoformat() if published else None,
            revisions=tuple(
                RevisionEntry(
                    kind=_REVISIONS[revision.kind],
                    on=long_date(revision.published.astimezone(self.zone).date()),
                    iso=revision.published.astimezone(self.zone).date().isoformat(),
                    note=revision.note,
                    path=None if on_request else revision.url,
                )
                for revision in document.revisions
            ),
        )

    def documents(self, documents: Iterable[Document]) -> tuple[DocumentEntry, ...]:
        """Entries for ``documents``, in their order."""
        return tuple(self.document(document) for document in documents)

    # -- meetings ----------------------------------------------------------------------------

    def meeting(self, meeting: Meeting) -> MeetingEntry:
        """Everything the pages say about ``meeting``."""
        zone = self.zone
        documents = {document.id: self.document(document) for document in meeting.documents}
        replaced_by = None
        if meeting.replaced_by is not None:
            other = self.partnership.meeting(meeting.replaced_by)
            replaced_by = Link(
                label=time_span(other.start, other.end, zone), path=meeting_path(other)
            )
        venue = meeting.venue
        takes_place = meeting.status in {MeetingStatus.SCHEDULED, MeetingStatus.RESCHEDULED}
        due = self._due(meeting) if takes_place else ()
        return MeetingEntry(
            meeting=meeting,
            body=self.partnership.body(meeting.body),
            path=meeting_path(meeting),
            day=long_date(meeting.start.astimezone(zone).date()),
            when=time_span(meeting.start, meeting.end, zone),
            start=date_time(meeting.start, zone),
            start_iso=iso(meeting.start, zone),
            end_iso=iso(meeting.end, zone) if meeting.end else None,
            status=_STATUS[meeting.status],
            status_note=meeting.status_note,
            previous_start=(
                date_time(meeting.previous_start, zone) if meeting.previous_start else None
            ),
            previous_start_iso=iso(meeting.previous_start, zone)
            if meeting.previous_start
            else None,
            replaced_by=replaced_by,
            attendance=_ATTENDANCE[meeting.attendance],
            venue=venue,
            venue_line=venue.one_line if venue else None,
            map=map_url(venue) if venue and self.map_links else None,
            questions=self._questions(meeting),
            agenda=tuple(self._item(item, documents) for item in meeting.agenda),
            documents=tuple(documents.values()),
            due=due,
            minutes_note=self._minutes_note(meeting, due) if takes_place else None,
            takes_place=takes_place,
        )

    def _questions(self, meeting: Meeting) -> QuestionsEntry | None:
        questions = meeting.questions
        if questions is None:
            return None
        return QuestionsEntry(
            how=questions.how,
            email=questions.email,
            email_href=(
                mailto(
                    questions.email, f"Question for the meeting on {long_date(self._day(meeting))}"
                )
                if questions.email
                else None
            ),
            url=questions.url,
            deadline=date_time(questions.deadline, self.zone) if questions.deadline else None,
            deadline_iso=iso(questions.deadline, self.zone) if questions.deadline else None,
        )

    def _day(self, meeting: Meeting) -> dt.date:
        return meeting.start.astimezone(self.zone).date()

    def _item(self, item: AgendaItem, documents: dict[str, DocumentEntry]) -> AgendaEntry:
        if item.exempt:
            return AgendaEntry(
                number=item.number,
                title=item.title,
                presenter=None,
                minutes_allowed=None,
                summary=None,
                exempt=True,
                exemption=item.exemption,
                exemption_note=exempt_placeholder(self.partnership.nation, item.exemption),
                papers=(),
            )
        return AgendaEntry(
            number=item.number,
            title=item.title,
            presenter=item.presenter,
            minutes_allowed=item.minutes_allowed,
            summary=item.summary,
            exempt=False,
            exemption=None,
            exemption_note=None,
            papers=tuple(documents[paper] for paper in item.papers if paper in documents),
        )

    def _due(self, meeting: Meeting) -> tuple[DueEntry, ...]:
        """What is still to come for a meeting, from its publication duties.

        The duties are those of the public view, so only documents the public knows of have
        one: a report not yet published is not named (its title is not public yet); the
        agenda and papers duty stands for it.  A draft agenda is no longer due once the full
        agenda is out.
        """
        waiting = [
            state
            for state in self.duties
            if state.duty.subject == meeting.id
            and state.duty.kind in _DUE
            and state.published is None
        ]
        if meeting.document(DocumentKind.AGENDA) is not None:
            waiting = [s for s in waiting if s.duty.kind is not DutyKind.DRAFT_AGENDA]
        order = list(_DUE)
        waiting.sort(key=lambda s: (order.index(s.duty.kind), s.duty.target, s.duty.id))
        return tuple(
            DueEntry(
                label=_DUE[state.duty.kind],
                target=long_date(state.duty.target),
                target_iso=state.duty.target.isoformat(),
                deadline=(
                    long_date(state.duty.deadline)
                    if state.duty.deadline != state.duty.target
                    else None
                ),
                deadline_iso=(
                    state.duty.deadline.isoformat()
                    if state.duty.deadline != state.duty.target
                    else None
                ),
                overdue=state.standing is Standing.OVERDUE,
            )
            for state in waiting
        )

    def _minutes_note(self, meeting: Meeting, due: Sequence[DueEntry]) -> str | None:
        if meeting.document(DocumentKind.MINUTES) is not None:
            return None
        if any(entry.label == _DUE[DutyKind.MINUTES] for entry in due):
            return None
        if utc(meeting.start) > utc(self.at):
            return None
        return "The minutes will be published once the next meeting has agreed them."

    def split_meetings(
        self,
    ) -> tuple[MeetingEntry | None, tuple[MeetingEntry, ...], tuple[MeetingEntry, ...]]:
        """The next meeting that goes ahead, the other upcoming ones, and previous ones.

        Upcoming meetings start at or after the view's instant (soonest first); previous ones
        before it (most recent first).
        """
        now = utc(self.at)
        ordered = sorted(self.partnership.meetings, key=lambda m: (utc(m.start), m.id))
        upcoming = [self.meeting(m) for m in ordered if utc(m.start) >= now]
        previous = [self.meeting(m) for m in reversed(ordered) if utc(m.start) < now]
        following = next((entry for entry in upcoming if entry.takes_place), None)
        later = tuple(entry for entry in upcoming if entry is not following)
        return following, later, tuple(previous)

    # -- plans, assessments, reviews ---------------------------------------------------------

    def plan(self, plan: CommunitySafetyPlan, current: CommunitySafetyPlan | None) -> PlanEntry:
        """A plan with its priorities, lead officers, aims and targets."""
        if current is not None and plan.id == current.id:
            state, label = "current", f"In force since {long_date(plan.in_force_from)}"
        elif plan.in_force_from > self.today:
            state, label = "upcoming", f"Comes into force on {long_date(plan.in_force_from)}"
        else:
            state, label = "previous", "A previous plan"
        return PlanEntry(
            plan=plan,
            path=plan_path(plan),
            state=state,
            state_label=label,
            period=period_text(plan.period.start, plan.period.end),
            in_force_from=long_date(plan.in_force_from),
            in_force_iso=plan.in_force_from.isoformat(),
            documents=self.documents(plan.documents),
            priorities=tuple(self._priority(priority) for priority in plan.priorities),
        )

    def _priority(self, priority: Priority) -> PriorityEntry:
        lead = priority.lead
        agency = next((a for a in self.partnership.agencies if a.id == lead.agency), None)
        return PriorityEntry(
            priority=priority,
            anchor=f"priority-{priority.id}",
            lead_agency=agency,
            lead_email=mailto(lead.email) if lead.email else None,
            lead_phone=lead.phone,
            lead_phone_href=tel(lead.phone) if lead.phone else None,
            targets=tuple(self._target(priority, target) for target in priority.targets),
        )

    def _target(self, priority: Priority, target: Target) -> TargetEntry:
        by = f" by {short_date(target.by)}" if target.by else ""
        rows = [_row(target.baseline, target.unit, baseline=True)] if target.baseline else []
        rows += [_row(reading, target.unit, baseline=False) for reading in target.readings]
        latest = target.readings[-1] if target.readings else None
        return TargetEntry(
            target=target,
            anchor=f"target-{priority.id}-{target.id}",
            goal=f"{quantity(target.target, target.unit)}{by}",
            baseline=(
                f"{quantity(target.baseline.value, target.unit)} on "
                f"{short_date(target.baseline.on)}"
                if target.baseline
                else None
            ),
            latest=(
                f"{quantity(latest.value, target.unit)} on {short_date(latest.on)}"
                if latest
                else None
            ),
            rows=tuple(rows),
            chart=chart(target),
        )

    def assessment(self, assessment: StrategicAssessment) -> AssessmentEntry:
        """A strategic assessment with its recommendations grouped by kind."""
        groups = []
        for kind, heading in _RECOMMENDATIONS.items():
            items = tuple(
                RecommendationEntry(
                    text=recommendation.text,
                    priority=self._priority_link(recommendation.priority, assessment),
                )
                for recommendation in assessment.recommendations
                if recommendation.kind is kind
            )
            if items:
                groups.append(RecommendationGroup(kind=kind.value, heading=heading, items=items))
        return AssessmentEntry(
            assessment=assessment,
            path=assessment_path(assessment),
            published=long_date(assessment.published_on),
            published_iso=assessment.published_on.isoformat(),
            period=period_text(assessment.period.start, assessment.period.end),
            documents=self.documents(assessment.documents),
            recommendations=tuple(groups),
        )

    def _priority_link(
        self, priority_id: str | None, assessment: StrategicAssessment
    ) -> Link | None:
        """The plan priority a recommendation led to: in the first plan after the assessment."""
        if priority_id is None:
            return None
        holding = sorted(
            (
                plan
                for plan in self.partnership.plans
                if any(p.id == priority_id for p in plan.priorities)
            ),
            key=lambda plan: (plan.in_force_from, plan.id),
        )
        if not holding:
            return None
        after = [plan for plan in holding if plan.in_force_from >= assessment.published_on]
        plan = after[0] if after else holding[-1]
        priority = next(p for p in plan.priorities if p.id == priority_id)
        return Link(
            label=f"{priority.title} ({plan.title})",
            path=f"{plan_path(plan)}#priority-{priority.id}",
        )

    def review(self, review: AnnualReview) -> ReviewEntry:
        """An annual review and its document."""
        published = review.published_on
        return ReviewEntry(
            review=review,
            published=long_date(published) if published else None,
            published_iso=published.isoformat() if published else None,
            document=self.document(review.document) if review.document else None,
        )


def _row(reading: Reading, unit: str | None, *, baseline: bool) -> ReadingRow:
    return ReadingRow(
        on=short_date(reading.on),
        iso=reading.on.isoformat(),
        value=quantity(reading.value, unit),
        note=reading.note,
        baseline=baseline,
    )


def exempt_placeholder(nation: Nation, paragraph: int | None) -> str:
    """'exempt: Schedule 12A, paragraph 7 — not open to the public' (after the item's title)."""
    return f"exempt: {EXEMPTION_SCHEDULES[nation]}, paragraph {paragraph} — not open to the public"


def meeting_path(meeting: Meeting) -> str:
    """The meeting's page."""
    return f"meetings/{meeting.id}.html"


def plan_path(plan: CommunitySafetyPlan) -> str:
    """The plan's page."""
    return f"plans/{plan.id}.html"


def assessment_path(assessment: StrategicAssessment) -> str:
    """The strategic assessment's page."""
    return f"assessments/{assessment.id}.html"
