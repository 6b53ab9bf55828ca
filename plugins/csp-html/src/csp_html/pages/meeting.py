"""``meetings/{id}.html``: a meeting's details, agenda, papers and what is still to come.

:class:`MeetingEntry` is also what the index shows of each meeting.  The public view decides
what a meeting shows (its agenda as a placeholder when exempt, the documents out by the
instant, what is awaited and whether it goes ahead); this module puts it into words and links.
"""

from __future__ import annotations

import attrs
from csp_core import (
    AgendaItem,
    Attendance,
    Body,
    DocumentKind,
    DutyState,
    Meeting,
    MeetingStatus,
    PublicView,
    Standing,
    Venue,
    dates,
    i18n,
    labels,
)

from csp_html import jsonld, words
from csp_html.documents import DocumentEntry, document_entry
from csp_html.links import Link, mailto, map_url, meeting_path
from csp_html.pages import records
from csp_html.site import Alternate, Page, Site, base_context, feed_alternates
from csp_html.templating import Sentence, compose, joined

__all__ = [
    "AgendaEntry",
    "DueEntry",
    "MeetingEntry",
    "QuestionsEntry",
    "meeting_entry",
    "meeting_page",
]


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
    parent: Body | None
    """The body ``body`` belongs to (a sub-group's board), if any."""
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
    short_notice: str | None
    """Why the meeting was called at short notice (LGA 1972 s.100B(3)(b)), if it was."""
    previous_start: str | None
    previous_start_iso: str | None
    replaced_by: Link | None
    attendance: str
    online: tuple[Link, ...]
    """The meeting's public online links: 'Join online', 'Watch live', 'Recording'."""
    joining: str | None
    """'Joining details to be announced', for an online or mixed meeting without a link yet."""
    online_only: str | None
    """'Online': where an online meeting without a venue takes place."""
    venue: Venue | None
    venue_line: str | None
    map: str | None
    questions: QuestionsEntry | None
    agenda: tuple[AgendaEntry, ...]
    documents: tuple[DocumentEntry, ...]
    due: tuple[DueEntry, ...]
    """What is still to be published (:meth:`csp_core.PublicView.waiting`)."""
    minutes_note: str | None
    """What the public is told about minutes not yet due (agreed at the next meeting)."""
    takes_place: bool
    agenda_paper: bool
    """The agenda (or draft agenda) is public as a paper though its items are not given."""


def meeting_entry(view: PublicView, meeting: Meeting, *, map_links: bool) -> MeetingEntry:
    """Everything the pages say about ``meeting``."""
    zone = view.partnership.timezone
    language = words.language(view)
    documents = {document.id: document_entry(view, document) for document in meeting.documents}
    replaced_by = None
    if meeting.replaced_by is not None:
        other = view.partnership.meeting(meeting.replaced_by)
        replaced_by = Link(
            label=dates.time_span(other.start, other.end, zone, language),
            path=meeting_path(other),
        )
    venue = meeting.venue
    moved = meeting.previous_start
    return MeetingEntry(
        meeting=meeting,
        body=view.partnership.body(meeting.body),
        parent=_parent(view, meeting),
        path=meeting_path(meeting),
        day=dates.long_date(dates.local_day(meeting.start, zone), language),
        when=dates.time_span(meeting.start, meeting.end, zone, language),
        start=dates.date_time(meeting.start, zone, language),
        start_iso=dates.iso(meeting.start, zone),
        end_iso=dates.iso(meeting.end, zone) if meeting.end else None,
        status=(
            None
            if meeting.status is MeetingStatus.SCHEDULED
            else labels.label(meeting.status, language)
        ),
        status_note=meeting.status_note,
        short_notice=meeting.short_notice.reason if meeting.short_notice else None,
        previous_start=dates.date_time(moved, zone, language) if moved else None,
        previous_start_iso=dates.iso(moved, zone) if moved else None,
        replaced_by=replaced_by,
        attendance=labels.label(meeting.attendance, language),
        online=tuple(
            Link(label=labels.label(kind, language), path=address)
            for kind, address in (meeting.online.links() if meeting.online else ())
        ),
        joining=labels.joining(language) if meeting.joining_to_be_announced else None,
        online_only=(
            labels.label(Attendance.ONLINE, language)
            if meeting.attendance is Attendance.ONLINE and venue is None
            else None
        ),
        venue=venue,
        venue_line=_venue_line(venue, language) if venue else None,
        map=map_url(venue) if venue and map_links else None,
        questions=_questions(view, meeting),
        agenda=tuple(_item(view, item, documents) for item in meeting.agenda),
        documents=tuple(documents.values()),
        due=tuple(_due(state, language) for state in view.waiting(meeting)),
        minutes_note=(
            language.gettext(words.MINUTES_AWAITED) if view.minutes_awaited(meeting) else None
        ),
        takes_place=view.goes_ahead(meeting),
        agenda_paper=any(
            document.document.kind in (DocumentKind.AGENDA, DocumentKind.DRAFT_AGENDA)
            for document in documents.values()
        ),
    )


def _venue_line(venue: Venue, language: i18n.Language) -> Sentence:
    """:attr:`csp_core.Venue.one_line` with each of its texts marked (see :mod:`csp_html.words`)."""
    line = joined(language, (venue.name, *venue.address), ", ")
    return joined(language, (line, venue.postcode), " ") if venue.postcode else line


def _questions(view: PublicView, meeting: Meeting) -> QuestionsEntry | None:
    questions = meeting.questions
    if questions is None:
        return None
    zone = view.partnership.timezone
    language = words.language(view)
    subject = words.question_subject(dates.local_day(meeting.start, zone), language)
    deadline = questions.deadline
    return QuestionsEntry(
        how=questions.how,
        email=questions.email,
        email_href=mailto(questions.email, subject) if questions.email else None,
        url=questions.url,
        deadline=dates.date_time(deadline, zone, language) if deadline else None,
        deadline_iso=dates.iso(deadline, zone) if deadline else None,
    )


def _item(view: PublicView, item: AgendaItem, documents: dict[str, DocumentEntry]) -> AgendaEntry:
    if item.exempt:
        return AgendaEntry(
            number=item.number,
            title=item.title,
            presenter=None,
            minutes_allowed=None,
            summary=None,
            exempt=True,
            exemption=item.exemption,
            exemption_note=labels.exempt_note(
                view.partnership.nation, item.exemption, words.language(view)
            ),
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


def _due(state: DutyState, language: i18n.Language) -> DueEntry:
    duty = state.duty
    later = duty.deadline != duty.target
    return DueEntry(
        label=labels.label(duty.kind, language),
        target=dates.long_date(duty.target, language),
        target_iso=duty.target.isoformat(),
        deadline=dates.long_date(duty.deadline, language) if later else None,
        deadline_iso=duty.deadline.isoformat() if later else None,
        overdue=state.standing is Standing.OVERDUE,
    )


def _parent(view: PublicView, meeting: Meeting) -> Body | None:
    parent = view.partnership.body(meeting.body).parent
    return view.partnership.body(parent) if parent is not None else None


def meeting_page(site: Site, view: PublicView, meeting: Meeting, *, map_links: bool) -> Page:
    """``meetings/{id}.html``: a meeting's details, agenda and documents, with Event JSON-LD."""
    partnership = view.partnership
    language = words.language(view)
    entry = meeting_entry(view, meeting, map_links=map_links)
    description = words.meeting_description(
        partnership,
        body=entry.body.name,
        when=entry.when,
        venue=entry.venue_line,
        status=entry.status,
        status_note=entry.status_note,
        public=partnership.is_public(meeting),
        language=language,
    )
    data = jsonld.event(
        partnership,
        meeting,
        url=f"{site.base_url}{entry.path}" if site.base_url else None,
        home=site.home,
        description=description,
        language=site.language,
    )
    others = tuple(f"bodies/{body.id}.ics" for body in partnership.bodies if body != entry.body)
    calendars = tuple(c for c in site.calendars if not c.path.endswith(others))
    alternates: tuple[Alternate, ...] = ()
    if site.feeds and len(view.public_bodies()) > 1:
        folder = f"feeds/bodies/{entry.body.id}/"
        alternates = feed_alternates(entry.body.name, site.base_url, folder, language)
    context = base_context(
        site,
        partnership,
        entry.path,
        title=compose(
            language,
            language.translations.gettext("{title}: {day}"),
            title=meeting.title,
            day=entry.day,
        ),
        description=description,
        data=data,
        alternates=alternates,
    )
    raised, reviewed = records.meeting_actions(view, meeting)
    context.update(
        entry=entry,
        meeting=meeting,
        calendars=calendars,
        record=records.record_entry(view, meeting),
        actions_raised=raised,
        actions_reviewed=reviewed,
    )
    return Page(path=entry.path, template="meeting.html", context=context)
