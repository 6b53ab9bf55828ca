"""The timeline: the ordered stream of publication events up to an instant.

Every event has an id that stays the same in every build, so feeds built from the timeline keep
their item ids.  The timeline holds only what the public may see: nothing from private meetings,
nothing withheld; a document that is not online at the instant is named without a link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum

import attrs

from csp_core.dates import long_date, short_date
from csp_core.i18n import ENGLISH, N_, Language
from csp_core.model import (
    Attendance,
    Availability,
    ChangeKind,
    Decision,
    DecisionMethod,
    Document,
    DocumentKind,
    Meeting,
    MeetingStatus,
    Partnership,
    RevisionKind,
)
from csp_core.model._checks import utc
from csp_core.rules.availability import Owner, availability_at, document_owners
from csp_core.rules.schedule import meeting_label, start_as_at

__all__ = ["Event", "EventKind", "timeline"]


class EventKind(StrEnum):
    """What happened."""

    MEETING_ANNOUNCED = "meeting-announced"
    MEETING_CANCELLED = "meeting-cancelled"
    MEETING_POSTPONED = "meeting-postponed"
    MEETING_RESCHEDULED = "meeting-rescheduled"
    MEETING_CHANGED = "meeting-changed"
    DRAFT_AGENDA_PUBLISHED = "draft-agenda-published"
    AGENDA_PUBLISHED = "agenda-published"
    REPORT_PUBLISHED = "report-published"
    MINUTES_PUBLISHED = "minutes-published"
    DOCUMENT_PUBLISHED = "document-published"
    DOCUMENT_REVISED = "document-revised"
    DOCUMENT_WITHDRAWN = "document-withdrawn"
    PLAN_IN_FORCE = "plan-in-force"
    ASSESSMENT_PUBLISHED = "assessment-published"
    ANNUAL_REVIEW_PUBLISHED = "annual-review-published"
    RECORDING_PUBLISHED = "recording-published"
    DECISIONS_PUBLISHED = "decisions-published"


_PUBLISHED = {
    DocumentKind.DRAFT_AGENDA: (EventKind.DRAFT_AGENDA_PUBLISHED, N_("Draft agenda published")),
    DocumentKind.AGENDA: (EventKind.AGENDA_PUBLISHED, N_("Agenda published")),
    DocumentKind.REPORT: (EventKind.REPORT_PUBLISHED, N_("Report published")),
    DocumentKind.MINUTES: (EventKind.MINUTES_PUBLISHED, N_("Minutes published")),
}
_REVISED = {
    RevisionKind.SUPPLEMENT: N_("Supplementary papers published"),
    RevisionKind.CORRECTION: N_("Corrected"),
    RevisionKind.UPDATE: N_("Updated"),
    RevisionKind.WITHDRAWAL: N_("Withdrawn"),
}
_STATUS = {
    MeetingStatus.CANCELLED: (EventKind.MEETING_CANCELLED, N_("Meeting cancelled")),
    MeetingStatus.POSTPONED: (EventKind.MEETING_POSTPONED, N_("Meeting postponed")),
    MeetingStatus.RESCHEDULED: (EventKind.MEETING_RESCHEDULED, N_("Meeting moved")),
}


@attrs.frozen(kw_only=True)
class Event:
    """One publication event."""

    id: str
    """Stable in every build: ``document/2019-10-17-agenda/published``."""
    at: dt.datetime
    kind: EventKind
    subject: str
    """Id of the meeting, plan, assessment or review the event is about."""
    title: str
    """A line a person understands in a feed reader."""
    summary: str
    link: str | None = None
    """Where to read it, if it is online at the instant the timeline was made."""
    document: str | None = None
    """Id of the document the event is about, if any."""
    meeting: str | None = None
    """Id of the meeting the event is about, if any (for per-body feeds)."""


def urgency_note(reason: str, language: Language = ENGLISH) -> str:
    """'Considered as a matter of urgency: <reason>': a supplement's urgent item (s.100B(4)(b))."""
    return language.gettext("Considered as a matter of urgency: {reason}", reason=reason)


def timeline(
    partnership: Partnership, at: dt.datetime, language: Language = ENGLISH
) -> tuple[Event, ...]:
    """Every public event up to and including ``at``, oldest first (ties by id).

    Titles and summaries are in ``language``; the events, their ids and moments are the same
    in every language.
    """
    events = [event for event in _events(partnership, at, language) if utc(event.at) <= utc(at)]
    return tuple(sorted(events, key=lambda event: (utc(event.at), event.id)))


def _events(partnership: Partnership, at: dt.datetime, language: Language) -> Iterator[Event]:
    owners = document_owners(partnership)
    today = at.astimezone(partnership.timezone).date()
    for meeting in partnership.meetings:
        if partnership.is_public(meeting) and (
            meeting.announced is None or utc(meeting.announced) <= utc(at)
        ):
            yield from _meeting_events(partnership, meeting, at, owners, language)
    for plan in partnership.plans:
        midnight = _midnight(partnership, plan.in_force_from)
        document = _shown(plan.documents)
        yield Event(
            id=f"plan/{plan.id}/in-force",
            at=midnight,
            kind=EventKind.PLAN_IN_FORCE,
            subject=plan.id,
            title=language.gettext("Community safety plan in force: {title}", title=plan.title),
            summary=plan.summary
            or language.gettext(
                "{title} comes into force on {day}.",
                title=plan.title,
                day=short_date(plan.in_force_from, language),
            ),
            link=_link(partnership, document, plan, at),
            document=document.id if document else None,
        )
        for document in plan.documents:
            yield from _document_events(partnership, document, plan, at, plan.title, language)
    for assessment in partnership.assessments:
        if assessment.published_on > today:
            continue
        document = _shown(assessment.documents)
        yield Event(
            id=f"assessment/{assessment.id}/published",
            at=_issued(partnership, assessment.published_on, document),
            kind=EventKind.ASSESSMENT_PUBLISHED,
            subject=assessment.id,
            title=language.gettext(
                "Strategic assessment published: {title}", title=assessment.title
            ),
            summary="; ".join(r.text for r in assessment.recommendations[:3]) or assessment.title,
            link=_link(partnership, document, None, at),
            document=document.id if document else None,
        )
    for review in partnership.annual_reviews:
        if review.published_on is None or review.published_on > today:
            continue
        document = _shown((review.document,) if review.document else ())
        yield Event(
            id=f"annual-review/{review.id}/published",
            at=_issued(partnership, review.published_on, document),
            kind=EventKind.ANNUAL_REVIEW_PUBLISHED,
            subject=review.id,
            title=language.gettext("Annual review published: {title}", title=review.title),
            summary=review.summary or review.title,
            link=_link(partnership, document, None, at),
            document=document.id if document else None,
        )


def _meeting_events(
    partnership: Partnership,
    meeting: Meeting,
    at: dt.datetime,
    owners: dict[str, Owner],
    language: Language,
) -> Iterator[Event]:
    if meeting.announced is not None:
        yield Event(
            id=f"meeting/{meeting.id}/announced",
            at=meeting.announced,
            kind=EventKind.MEETING_ANNOUNCED,
            subject=meeting.id,
            title=language.gettext(
                "Meeting announced: {meeting}",
                meeting=meeting_label(partnership, meeting, meeting.announced, language),
            ),
            summary=_where(partnership, meeting, meeting.announced, language),
            meeting=meeting.id,
        )
    yield from _change_events(partnership, meeting, language)
    yield from _recording_events(partnership, meeting, language)
    for document in meeting.documents:
        yield from (
            attrs.evolve(event, meeting=meeting.id)
            for event in _document_events(
                partnership,
                document,
                owners[document.id],
                at,
                meeting_label(partnership, meeting, document.published, language),
                language,
            )
        )
    yield from _decision_events(partnership, meeting, at, owners, language)


def _decision_events(
    partnership: Partnership,
    meeting: Meeting,
    at: dt.datetime,
    owners: dict[str, Owner],
    language: Language,
) -> Iterator[Event]:
    """'Decisions published': when a meeting's record with decisions becomes public.

    ``meeting`` is the public copy's: it has a record only while its minutes are public
    (docs/public-view.md), and a decision on an exempt item there has no resolution.  The event
    is dated when the minutes it comes with were published (the first of the meeting's minutes
    not withdrawn by ``at``), links them and is about them (``document``), so its stamp follows
    theirs; it lists each decision's item and resolution, or only its item and how it was
    reached where the record gives no resolution.  The same rules hold on a partnership that is
    not a public copy (``csp status``'s recent events): only a meeting that took place, and
    never an exempt item's resolution.
    """
    record = meeting.record
    if record is None or not record.decisions or meeting.status not in _TOOK_PLACE:
        return
    exempt = {item.number for item in meeting.agenda if item.exempt and item.number is not None}
    minutes = min(
        (
            document
            for document in meeting.documents
            if document.kind is DocumentKind.MINUTES
            and document.published is not None
            and _nameable(document)
            and not _withdrawn(document, at)
        ),
        key=lambda document: (utc(document.published or at), document.id),
        default=None,
    )
    if minutes is None or minutes.published is None:
        return
    label = meeting_label(partnership, meeting, minutes.published, language)
    yield Event(
        id=f"meeting/{meeting.id}/decisions",
        at=minutes.published,
        kind=EventKind.DECISIONS_PUBLISHED,
        subject=meeting.id,
        title=language.gettext("Decisions published: {meeting}", meeting=label),
        summary=" ".join(
            _decided(decision, language, exempt=decision.item in exempt)
            for decision in record.decisions
        ),
        link=_link(partnership, minutes, owners.get(minutes.id), at),
        document=minutes.id,
        meeting=meeting.id,
    )


_METHODS = {
    DecisionMethod.AGREED: N_("agreed"),
    DecisionMethod.VOTE: N_("decided by vote"),
    DecisionMethod.NOTED: N_("noted"),
    DecisionMethod.DEFERRED: N_("deferred"),
}


_TOOK_PLACE = (MeetingStatus.SCHEDULED, MeetingStatus.RESCHEDULED)


def _decided(decision: Decision, language: Language, *, exempt: bool) -> str:
    """One decision in an event's summary, its item and resolution, or how it was reached."""
    if decision.resolution is None or exempt:
        return language.gettext(
            "Item {item}: {method}.",
            item=decision.item,
            method=language.gettext(_METHODS[decision.method]),
        )
    return language.gettext(
        "Item {item}: {resolution}",
        item=decision.item,
        resolution=decision.resolution
        if decision.resolution.endswith((".", "!", "?"))
        else f"{decision.resolution}.",
    )


def _withdrawn(document: Document, at: dt.datetime) -> bool:
    withdrawn = document.withdrawn_at()
    return withdrawn is not None and utc(withdrawn) <= utc(at)


def _recording_events(
    partnership: Partnership, meeting: Meeting, language: Language
) -> Iterator[Event]:
    """'Recording published': when the meeting's recording becomes public (docs/public-view.md).

    Not while the public still knows the meeting at a later start (the public view withholds
    the recording then too).
    """
    online = meeting.online
    if online is None or online.recording is None or online.recording_from is None:
        return
    moment = online.recording_from
    if utc(moment) < utc(start_as_at(meeting, moment)):
        return
    label = meeting_label(partnership, meeting, moment, language)
    yield Event(
        id=f"meeting/{meeting.id}/recording",
        at=moment,
        kind=EventKind.RECORDING_PUBLISHED,
        subject=meeting.id,
        title=language.gettext("Recording published: {meeting}", meeting=label),
        summary=label,
        link=online.recording,
        meeting=meeting.id,
    )


def _change_events(
    partnership: Partnership, meeting: Meeting, language: Language
) -> Iterator[Event]:
    """One event per entry of the meeting's change record, titled as of that change."""
    last_status = (meeting.changed(ChangeKind.STATUS) or (None,))[-1]
    last_time = (meeting.changed(ChangeKind.TIME) or (None,))[-1]
    for number, change in enumerate(meeting.changes, start=1):
        notes = [change.note] if change.note else []
        if change is last_status and meeting.status in _STATUS:
            kind, words = _STATUS[meeting.status]
            if meeting.status_note and meeting.status_note not in notes:
                notes.append(meeting.status_note)
        elif ChangeKind.STATUS in change.what:
            kind, words = EventKind.MEETING_CHANGED, N_("Meeting status changed")
        elif ChangeKind.TIME in change.what:
            kind, words = EventKind.MEETING_RESCHEDULED, N_("Meeting moved")
        else:
            kind, words = EventKind.MEETING_CHANGED, N_("Venue changed")
        if change is last_time and meeting.previous_start is not None:
            was = meeting.previous_start.astimezone(partnership.timezone)
            notes.insert(
                0,
                language.gettext(
                    "Moved from {day}, {time}.",
                    day=long_date(was.date(), language),
                    time=f"{was:%H:%M}",
                ),
            )
        label = meeting_label(partnership, meeting, change.at, language)
        yield Event(
            id=f"meeting/{meeting.id}/change/{number}",
            at=change.at,
            kind=kind,
            subject=meeting.id,
            title=language.gettext(
                "{what}: {meeting}", what=language.gettext(words), meeting=label
            ),
            summary=" ".join(notes) or label,
            meeting=meeting.id,
        )


def _document_events(  # noqa: PLR0917 - private; every caller passes all six
    partnership: Partnership,
    document: Document,
    owner: Owner,
    at: dt.datetime,
    context: str,
    language: Language,
) -> Iterator[Event]:
    if document.published is None or not _nameable(document):
        return
    kind, words = _PUBLISHED.get(document.kind, (EventKind.DOCUMENT_PUBLISHED, N_("Published")))
    what = language.gettext(words)
    link = _link(partnership, document, owner, at)
    subject = owner.id if owner is not None else document.id
    if kind is EventKind.REPORT_PUBLISHED:
        title = language.gettext(
            "{what}: {title} ({context})", what=what, title=document.title, context=context
        )
    elif kind is EventKind.DOCUMENT_PUBLISHED:
        title = language.gettext("{what}: {title}", what=what, title=document.title)
    else:
        title = language.gettext("{what}: {title}", what=what, title=context)
    yield Event(
        id=f"document/{document.id}/published",
        at=document.published,
        kind=kind,
        subject=subject,
        title=title,
        summary=document.title,
        link=link,
        document=document.id,
    )
    for number, revision in enumerate(document.revisions, start=1):
        yield Event(
            id=f"document/{document.id}/revision/{number}",
            at=revision.published,
            kind=EventKind.DOCUMENT_WITHDRAWN
            if revision.kind is RevisionKind.WITHDRAWAL
            else EventKind.DOCUMENT_REVISED,
            subject=subject,
            title=language.gettext(
                "{what}: {title} ({context})",
                what=language.gettext(_REVISED[revision.kind]),
                title=document.title,
                context=context,
            ),
            summary=revision.note
            if revision.urgency is None
            else f"{revision.note} {urgency_note(revision.urgency, language)}",
            link=None if revision.kind is RevisionKind.WITHDRAWAL else link,
            document=document.id,
        )


def _nameable(document: Document) -> bool:
    """Whether the document may be named in public at all: not declared withheld."""
    return document.availability is not Availability.WITHHELD


def _shown(documents: tuple[Document, ...]) -> Document | None:
    """The first document that may be named in public: published and not withheld."""
    return next(
        (
            document
            for document in documents
            if document.published is not None and _nameable(document)
        ),
        None,
    )


def _link(
    partnership: Partnership, document: Document | None, owner: Owner, at: dt.datetime
) -> str | None:
    if document is None:
        return None
    if availability_at(partnership, document, owner, at) is not Availability.ONLINE:
        return None
    return document.current_url(at)


def _midnight(partnership: Partnership, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=partnership.timezone)


def _issued(partnership: Partnership, day: dt.date, document: Document | None) -> dt.datetime:
    """When something dated ``day`` went public: the start of that day, or its document's moment.

    Whichever is later: a document put online before the day it is published on does not make
    it public earlier.
    """
    midnight = _midnight(partnership, day)
    if document is not None and document.published is not None:
        return max(midnight, document.published, key=utc)
    return midnight


def _where(
    partnership: Partnership, meeting: Meeting, moment: dt.datetime, language: Language
) -> str:
    start = start_as_at(meeting, moment).astimezone(partnership.timezone)
    time = f"{start:%H:%M}"
    if meeting.attendance is Attendance.ONLINE:
        return language.gettext("{time}, online", time=time)
    if meeting.venue is None:
        return language.gettext("{time} at venue to be confirmed", time=time)
    if meeting.attendance is Attendance.MIXED:
        return language.gettext(
            "{time} at {place} and online", time=time, place=meeting.venue.one_line
        )
    return language.gettext(
        "{time} at {place}", time=f"{start:%H:%M}", place=meeting.venue.one_line
    )
