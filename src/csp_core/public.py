"""The public view: a partnership as the public may see it at an instant.

This is the only door to publishers.  :func:`public_view` builds a copy of the partnership that
holds only what is public at the instant, so a publisher cannot leak what it never receives:

- no private meetings, and no meeting before it was announced;
- a meeting as it stood at the instant: a cancellation, postponement or move announced later
  has not happened yet, and its change record holds only changes announced by then;
- an exempt agenda item only as a placeholder: its number, its public title and its exemption
  paragraph; never its presenter, time allowed, summary or papers;
- documents only once published, and never withheld ones; a document's ``availability`` is its
  availability at the instant, and it keeps a ``url`` only while it is online (revisions after
  the instant are dropped, and on-request documents lose their links);
- a withdrawn document leaves the partnership's lists from its withdrawal; the timeline keeps
  the record that it was published and withdrawn, with no link;
- no personal contact details (a lead officer's email and phone) unless marked public;
- plans once in force or published, assessments and annual reviews once published.

The timeline and the duties are derived from the public copy alone, never from the partnership
itself, so nothing a publisher is given can hold what the copy leaves out.  The copy is an
ordinary :class:`~csp_core.model.Partnership`, so it is checked by the same invariants as any
other.
"""

from __future__ import annotations

import datetime as dt

import attrs

from csp_core.model import (
    AgendaItem,
    AnnualReview,
    Availability,
    ChangeKind,
    CommunitySafetyPlan,
    Document,
    Meeting,
    MeetingStatus,
    Partnership,
    Priority,
    StrategicAssessment,
)
from csp_core.model._checks import utc
from csp_core.rules import DutyState, Event, status, timeline
from csp_core.rules.availability import Owner, availability_at

__all__ = ["PublicView", "public_view"]


@attrs.frozen(kw_only=True)
class PublicView:
    """What the public may see of a partnership at the instant ``at``."""

    at: dt.datetime
    """The instant the view is of (timezone-aware)."""
    partnership: Partnership
    """The public copy of the partnership (see the module docstring for what it leaves out)."""
    timeline: tuple[Event, ...]
    """Public publication events up to ``at``, oldest first, with stable ids."""
    duties: tuple[DutyState, ...]
    """Publication duties of public meetings, plans and reviews, and where each stands."""

    def sequence(self, meeting: Meeting) -> int:
        """Significant changes of ``meeting`` announced by ``at``: its iCalendar SEQUENCE."""
        return len(meeting.changes)

    def modified(self, meeting: Meeting) -> dt.datetime:
        """The latest public moment of ``meeting`` by ``at``: for DTSTAMP and LAST-MODIFIED.

        The latest of its announcement, its last change, its changes and its documents'
        publications known at ``at``; its start, if none is.  Never the build time, so a
        rebuild at a later instant does not change it unless the meeting changed.
        """
        moments = [meeting.announced, meeting.last_changed]
        moments += [change.at for change in meeting.changes]
        for document in meeting.documents:
            moments.append(document.published)
            moments += [revision.published for revision in document.revisions]
        known = [m for m in moments if m is not None and utc(m) <= utc(self.at)]
        return max(known, key=utc, default=meeting.start)


def public_view(partnership: Partnership, at: dt.datetime) -> PublicView:
    """The partnership as the public may see it at ``at``."""
    if at.utcoffset() is None:
        msg = "the public view needs a timezone-aware instant"
        raise ValueError(msg)
    today = at.astimezone(partnership.timezone).date()
    announced = [
        meeting
        for meeting in partnership.meetings
        if meeting.public and (meeting.announced is None or utc(meeting.announced) <= utc(at))
    ]
    shown = {meeting.id for meeting in announced}
    meetings = [_public_meeting(partnership, meeting, shown, at) for meeting in announced]
    plans = [
        _public_plan(partnership, plan, at)
        for plan in partnership.plans
        if plan.in_force_from <= today or any(d.is_published_at(at) for d in plan.documents)
    ]
    priorities = {priority.id for plan in plans for priority in plan.priorities}
    record = attrs.evolve(
        partnership,
        meetings=tuple(meetings),
        plans=tuple(plans),
        assessments=tuple(
            _public_assessment(partnership, assessment, priorities, at)
            for assessment in partnership.assessments
            if assessment.published_on <= today
        ),
        annual_reviews=tuple(
            _public_review(partnership, review, at)
            for review in partnership.annual_reviews
            if review.published_on is not None and review.published_on <= today
        ),
    )
    public = _without_withdrawn(record, at)
    return PublicView(
        at=at,
        partnership=public,
        timeline=timeline(record, at),
        duties=status(public, at).duties,
    )


def _without_withdrawn(record: Partnership, at: dt.datetime) -> Partnership:
    """The public copy without the documents withdrawn by ``at`` (the timeline keeps them)."""

    def current(documents: tuple[Document, ...]) -> tuple[Document, ...]:
        return tuple(d for d in documents if not _withdrawn(d, at))

    meetings = []
    for meeting in record.meetings:
        documents = current(meeting.documents)
        kept = {document.id for document in documents}
        agenda = tuple(
            attrs.evolve(item, papers=tuple(paper for paper in item.papers if paper in kept))
            for item in meeting.agenda
        )
        meetings.append(attrs.evolve(meeting, documents=documents, agenda=agenda))
    return attrs.evolve(
        record,
        meetings=tuple(meetings),
        plans=tuple(attrs.evolve(plan, documents=current(plan.documents)) for plan in record.plans),
        assessments=tuple(
            attrs.evolve(assessment, documents=current(assessment.documents))
            for assessment in record.assessments
        ),
        annual_reviews=tuple(
            attrs.evolve(review, document=None)
            if review.document is not None and _withdrawn(review.document, at)
            else review
            for review in record.annual_reviews
        ),
    )


def _withdrawn(document: Document, at: dt.datetime) -> bool:
    withdrawn = document.withdrawn_at()
    return withdrawn is not None and utc(withdrawn) <= utc(at)


def _as_it_stood(meeting: Meeting, at: dt.datetime) -> dict[str, object]:
    """Fields to change so the meeting is as it stood at ``at``: later changes not yet made."""
    changes = tuple(change for change in meeting.changes if utc(change.at) <= utc(at))
    status_known = any(ChangeKind.STATUS in change.what for change in changes)
    time_known = any(ChangeKind.TIME in change.what for change in changes)
    fields: dict[str, object] = {"changes": changes}
    if meeting.status is not MeetingStatus.SCHEDULED and not status_known:
        moved = meeting.previous_start is not None and time_known
        # A move announced before its status change is already a rescheduled meeting.
        status = MeetingStatus.RESCHEDULED if moved else MeetingStatus.SCHEDULED
        fields.update(status=status, status_note=None, replaced_by=None)
    if meeting.previous_start is not None and not time_known:
        start = meeting.previous_start
        fields.update(
            start=start,
            end=start + (meeting.end - meeting.start) if meeting.end else None,
            previous_start=None,
            status=MeetingStatus.SCHEDULED,
            status_note=None,
        )
        if meeting.questions and meeting.questions.deadline and meeting.questions.deadline > start:
            fields["questions"] = attrs.evolve(meeting.questions, deadline=None)
    if meeting.last_changed is not None and utc(meeting.last_changed) > utc(at):
        fields["last_changed"] = None
    return fields


def _public_meeting(
    partnership: Partnership, meeting: Meeting, shown: set[str], at: dt.datetime
) -> Meeting:
    fields = _as_it_stood(meeting, at)
    documents = _public_documents(partnership, meeting.documents, meeting, at)
    kept = {document.id for document in documents}
    status = fields.get("status", meeting.status)
    replaced_by = fields.get("replaced_by", meeting.replaced_by)
    if replaced_by not in shown:
        replaced_by = None
        if (
            status is MeetingStatus.RESCHEDULED
            and "previous_start" not in fields
            and (meeting.previous_start is None)
        ):
            status = MeetingStatus.POSTPONED  # moved to a date the public cannot see yet
    fields.update(
        status=status,
        replaced_by=replaced_by,
        agenda=tuple(_public_item(item, kept) for item in meeting.agenda),
        documents=documents,
    )
    return attrs.evolve(meeting, **fields)  # type: ignore[arg-type]


def _public_item(item: AgendaItem, documents: set[str]) -> AgendaItem:
    if item.exempt:
        # The one rule for exempt items, in every output: number, title and paragraph only.
        return AgendaItem(
            number=item.number, title=item.title, exempt=True, exemption=item.exemption
        )
    return attrs.evolve(item, papers=tuple(paper for paper in item.papers if paper in documents))


def _public_documents(
    partnership: Partnership, documents: tuple[Document, ...], owner: Owner, at: dt.datetime
) -> tuple[Document, ...]:
    public: list[Document] = []
    for document in documents:
        availability = availability_at(partnership, document, owner, at)
        if availability is None:
            continue
        if availability is Availability.WITHHELD and (
            document.availability is Availability.WITHHELD or document.withdrawn_at() is None
        ):
            continue  # never public: declared withheld, or a private meeting's paper
        if availability is Availability.WITHHELD:
            # Withdrawn by ``at``: kept for the timeline's record of it, then dropped from the
            # view's lists (``_without_withdrawn``); its links never reach an event.
            public.append(
                attrs.evolve(
                    document,
                    revisions=tuple(r for r in document.revisions if utc(r.published) <= utc(at)),
                )
            )
            continue
        online = availability is Availability.ONLINE
        public.append(
            attrs.evolve(
                document,
                availability=availability,
                url=document.url if online else None,
                sha256=document.sha256 if online else None,
                revisions=tuple(
                    attrs.evolve(
                        revision,
                        url=revision.url if online else None,
                        sha256=revision.sha256 if online else None,
                    )
                    for revision in document.revisions
                    if utc(revision.published) <= utc(at)
                ),
            )
        )
    return tuple(public)


def _public_plan(
    partnership: Partnership, plan: CommunitySafetyPlan, at: dt.datetime
) -> CommunitySafetyPlan:
    return attrs.evolve(
        plan,
        priorities=tuple(_public_priority(priority) for priority in plan.priorities),
        documents=_public_documents(partnership, plan.documents, plan, at),
    )


def _public_priority(priority: Priority) -> Priority:
    lead = priority.lead
    if not lead.public:
        lead = attrs.evolve(lead, email=None, phone=None)
    return attrs.evolve(priority, lead=lead)


def _public_assessment(
    partnership: Partnership,
    assessment: StrategicAssessment,
    priorities: set[str],
    at: dt.datetime,
) -> StrategicAssessment:
    return attrs.evolve(
        assessment,
        recommendations=tuple(
            attrs.evolve(r, priority=r.priority if r.priority in priorities else None)
            for r in assessment.recommendations
        ),
        documents=_public_documents(partnership, assessment.documents, None, at),
    )


def _public_review(partnership: Partnership, review: AnnualReview, at: dt.datetime) -> AnnualReview:
    documents = _public_documents(
        partnership, (review.document,) if review.document else (), None, at
    )
    return attrs.evolve(review, document=documents[0] if documents else None)
