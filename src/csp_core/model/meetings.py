"""The bodies that meet, their meetings, agendas and meeting documents."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import attrs

from csp_core.model import _checks
from csp_core.model._checks import fail, utc
from csp_core.model.documents import Document
from csp_core.model.enums import (
    MEETING_DOCUMENT_KINDS,
    Attendance,
    Availability,
    BodyKind,
    ChairRole,
    ChangeKind,
    DocumentKind,
    MeetingStatus,
    OnlineLink,
)
from csp_core.model.places import Venue
from csp_core.model.records import MeetingRecord, item_problems

__all__ = [
    "AgendaItem",
    "Body",
    "Chair",
    "Meeting",
    "MeetingChange",
    "Online",
    "Questions",
    "SeriesLink",
    "ShortNotice",
]

_ONE_PER_MEETING = (DocumentKind.DRAFT_AGENDA, DocumentKind.AGENDA, DocumentKind.MINUTES)


@attrs.frozen(kw_only=True)
class Chair:
    """One spell of someone leading a body's meetings, with inclusive dates.

    A body has one chair at a time, or co-chairs (a councillor and a police chief
    superintendent, say), never both at once; vice-chairs beside either.  Spells past are kept:
    they are the body's history.
    """

    role: ChairRole = ChairRole.CHAIR
    name: str | None = attrs.field(default=None, validator=_checks.text)
    """The person, when the partnership publishes who it is: "Cllr Alex Jones"."""
    office: str | None = attrs.field(default=None, validator=_checks.text)
    """The post they hold: "Cabinet Member for Community Safety", "Chief Superintendent"."""
    agency: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_checks.slug)
    )
    """Id of the agency (or office, such as the Police and Crime Commissioner's) they come from."""
    since: dt.date | None = None
    """First day; ``None`` when the spell began before the records."""
    until: dt.date | None = None
    """Last day; ``None`` while it continues."""

    def __attrs_post_init__(self) -> None:
        if self.name is None and self.office is None and self.agency is None:
            fail("", "say who chairs: a name, an office or an agency (or several)")
        if self.since is not None and self.until is not None and self.until < self.since:
            fail("until", f"{_checks.long_date(self.until)} is before the spell began")

    def covers(self, day: dt.date) -> bool:
        """Whether this spell includes ``day``."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


def _overlap(first: Chair, second: Chair) -> bool:
    """Whether two spells share a day."""
    return (first.until is None or second.since is None or second.since <= first.until) and (
        second.until is None or first.since is None or first.since <= second.until
    )


@attrs.frozen(kw_only=True)
class Body:
    """A body that meets: the partnership board itself, or one of its sub-groups."""

    id: str = attrs.field(validator=_checks.slug)
    name: str = attrs.field(validator=_checks.text)
    kind: BodyKind = BodyKind.BOARD
    description: str | None = attrs.field(default=None, validator=_checks.text)
    chairs: tuple[Chair, ...] = ()
    """Its chairs, vice-chairs and co-chairs, past and present, in any order."""
    parent: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_checks.slug)
    )
    """Id of the body it belongs to (a sub-group's board); ``None`` for a body at the top."""
    public: bool = True
    """Whether the public may attend its meetings.  A private body (an officers' tasking group,
    which access-to-information law does not reach) keeps its name, kind, parent, description
    and chairs public as part of the partnership's structure; its meetings are private whatever
    their own ``public`` says (:meth:`~csp_core.model.Partnership.is_public`)."""
    quorum: int | None = None
    """How many members must be present (substitutes counting) for a meeting to be quorate, by
    its terms of reference or standing orders; ``None``: not said (docs/rules.md, "Quorum")."""

    def __attrs_post_init__(self) -> None:
        if self.parent is not None and self.parent == self.id:
            fail("parent", "a body cannot be its own parent")
        if self.quorum is not None and self.quorum < 1:
            fail("quorum", f"{self.quorum} is not a quorum: give 1 or more members")
        leads = (ChairRole.CHAIR, ChairRole.CO_CHAIR)
        for index, chair in enumerate(self.chairs):
            for other in self.chairs[:index]:
                if chair.role not in leads or other.role not in leads:
                    continue
                if _overlap(chair, other) and ChairRole.CHAIR in {chair.role, other.role}:
                    fail(
                        f"chairs[{index}]",
                        "overlaps another chair's spell: a body has one chair at a time, or "
                        "co-chairs (role = 'co-chair'), not both",
                    )

    def chairs_on(self, day: dt.date) -> tuple[Chair, ...]:
        """Who chairs on ``day``: chair or co-chairs first, then vice-chairs, as listed."""
        order = (ChairRole.CHAIR, ChairRole.CO_CHAIR, ChairRole.VICE_CHAIR)
        found = [chair for chair in self.chairs if chair.covers(day)]
        return tuple(sorted(found, key=lambda chair: order.index(chair.role)))


@attrs.frozen(kw_only=True)
class MeetingChange:
    """One announced, significant change to a meeting: its time, its place or its status.

    A meeting's ``changes`` are its public change record; calendar feeds count them (SEQUENCE)
    so subscribed calendars take the change, and news feeds announce them.
    """

    at: dt.datetime = attrs.field(validator=_checks.aware)
    """When the change was announced."""
    what: tuple[ChangeKind, ...]
    note: str | None = attrs.field(default=None, validator=_checks.text)
    """For the public: "Moved to Thursday 27 June because several agencies could not attend"."""

    def __attrs_post_init__(self) -> None:
        if not self.what:
            fail("what", "say what changed: time, place and/or status")
        if len(set(self.what)) != len(self.what):
            fail("what", "lists a kind of change twice")


@attrs.frozen(kw_only=True)
class Questions:
    """How members of the public can ask the meeting a question, and by when."""

    how: str = attrs.field(validator=_checks.text)
    """In words: "Submit questions by email to ... by 10am the day before"."""
    email: str | None = attrs.field(default=None, validator=_checks.email)
    url: str | None = attrs.field(default=None, validator=_checks.web)
    deadline: dt.datetime | None = attrs.field(default=None, validator=_checks.aware)


@attrs.frozen(kw_only=True)
class Online:
    """How to attend or watch a meeting online, each link with the moment it becomes public.

    A link without its moment (``join_from``, ``webcast_from``) is public with the meeting;
    a recording is published after the meeting, so ``recording_from`` is required with it.
    The public view shows each link only from its moment (docs/public-view.md).
    """

    join: str | None = attrs.field(default=None, validator=_checks.web)
    """Where to join and take part (Teams, Zoom, ...)."""
    join_from: dt.datetime | None = attrs.field(default=None, validator=_checks.aware)
    """When the join link becomes public; without it, when the meeting does."""
    webcast: str | None = attrs.field(default=None, validator=_checks.web)
    """Where to watch the meeting live."""
    webcast_from: dt.datetime | None = attrs.field(default=None, validator=_checks.aware)
    """When the webcast link becomes public; without it, when the meeting does."""
    recording: str | None = attrs.field(default=None, validator=_checks.web)
    """Where to watch the meeting afterwards."""
    recording_from: dt.datetime | None = attrs.field(default=None, validator=_checks.aware)
    """When the recording is published (required with ``recording``)."""

    def __attrs_post_init__(self) -> None:
        for link, moment in (
            ("join", self.join_from),
            ("webcast", self.webcast_from),
            ("recording", self.recording_from),
        ):
            if moment is not None and getattr(self, link) is None:
                fail(f"{link}_from", f"is the moment the {link} link becomes public: add {link}")
        if self.join is None and self.webcast is None and self.recording is None:
            fail("join", "give a join link, a webcast or a recording (or leave online out)")
        if self.recording is not None and self.recording_from is None:
            fail("recording_from", "say when the recording is published")

    def links(self, at: dt.datetime | None = None) -> tuple[tuple[OnlineLink, str], ...]:
        """``(kind, address)`` of each link (join, webcast, recording) public by ``at``.

        Without ``at``, every link given. In the public view every link shown is public.
        """
        found = []
        for kind, link, moment in (
            (OnlineLink.JOIN, self.join, self.join_from),
            (OnlineLink.WEBCAST, self.webcast, self.webcast_from),
            (OnlineLink.RECORDING, self.recording, self.recording_from),
        ):
            if link is not None and (at is None or moment is None or utc(moment) <= utc(at)):
                found.append((kind, link))
        return tuple(found)


@attrs.frozen(kw_only=True)
class ShortNotice:
    """A meeting lawfully convened at shorter notice than the clear days (LGA 1972 s.100B(3)(b)).

    The agenda is then due when the meeting is convened, not the clear days before it.
    """

    reason: str = attrs.field(validator=_checks.text)
    """Why, in words for the public: "Called to respond to the closure of the night shelter"."""
    convened: dt.datetime = attrs.field(validator=_checks.aware)
    """When the meeting was convened (called)."""


@attrs.frozen(kw_only=True)
class AgendaItem:
    """One item of business.

    An exempt item (exempt information under its nation's access law,
    :data:`~csp_core.ACCESS_LAW`; in England Schedule 12A to the Local Government Act 1972) is
    shown to the public only as a placeholder: its ``title`` and exemption paragraph; never its
    ``summary`` or papers.
    """

    number: str | None = attrs.field(default=None, validator=_checks.text)
    """As printed on the agenda: "1", "5a"."""
    title: str = attrs.field(validator=_checks.text)
    presenter: str | None = attrs.field(default=None, validator=_checks.text)
    minutes_allowed: int | None = None
    summary: str | None = attrs.field(default=None, validator=_checks.text)
    exempt: bool = False
    exemption: int | None = None
    """Paragraph of the nation's exempt-information schedule (England: Schedule 12A, 1-7)."""
    papers: tuple[str, ...] = ()
    """Ids of this meeting's documents that belong to the item."""

    def __attrs_post_init__(self) -> None:
        if self.exempt and self.exemption is None:
            fail("exemption", "an exempt item must give its exempt-information paragraph")
        if not self.exempt and self.exemption is not None:
            fail("exemption", "only an exempt item has an exemption paragraph (set exempt = true)")
        if self.exemption is not None and not 1 <= self.exemption <= 18:
            fail(
                "exemption",
                f"{self.exemption} is not an exempt-information paragraph in any nation (1-18)",
            )
        if self.minutes_allowed is not None and self.minutes_allowed <= 0:
            fail("minutes_allowed", "must be a positive number of minutes")


@attrs.frozen(kw_only=True)
class SeriesLink:
    """Which series a meeting belongs to, and which of its meetings it is (RFC 5545)."""

    series: str = attrs.field(validator=_checks.slug)
    """Id of the :class:`~csp_core.model.Series`."""
    recurrence: dt.datetime = attrs.field(validator=_checks.aware)
    """The meeting's original start as the series' rule gives it (its RECURRENCE-ID), even
    when the meeting moved."""


@attrs.frozen(kw_only=True)
class Meeting:
    """A meeting of one of the partnership's bodies."""

    id: str = attrs.field(validator=_checks.slug)
    body: str = attrs.field(validator=_checks.slug)
    """Id of the body that meets."""
    title: str = attrs.field(validator=_checks.text)
    start: dt.datetime = attrs.field(validator=_checks.aware)
    end: dt.datetime | None = attrs.field(default=None, validator=_checks.aware)
    venue: Venue | None = None
    attendance: Attendance = Attendance.IN_PERSON
    online: Online | None = None
    """Join, webcast and recording links; without a join link or a webcast, an online or
    mixed meeting's joining details are to be announced."""
    public: bool = True
    """Whether the public may attend and the meeting appears in public outputs at all.  A
    meeting of a private body is private whatever this says: ask
    :meth:`~csp_core.model.Partnership.is_public`, the one place that decides."""
    status: MeetingStatus = MeetingStatus.SCHEDULED
    status_note: str | None = attrs.field(default=None, validator=_checks.text)
    """Why it was cancelled, postponed or moved, in words for the public."""
    previous_start: dt.datetime | None = attrs.field(default=None, validator=_checks.aware)
    """For a rescheduled meeting: when it was to start before it moved."""
    replaced_by: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_checks.slug)
    )
    """Id of the meeting that replaces this one (postponed, cancelled or rescheduled)."""
    questions: Questions | None = None
    agenda: tuple[AgendaItem, ...] = ()
    documents: tuple[Document, ...] = ()
    announced: dt.datetime | None = attrs.field(default=None, validator=_checks.aware)
    """When the meeting was first made public (its date put on the website)."""
    last_changed: dt.datetime | None = attrs.field(default=None, validator=_checks.aware)
    """When any of the meeting's details last changed (its agenda, its papers, ...)."""
    changes: tuple[MeetingChange, ...] = ()
    """Significant changes (time, place, status) in the order they were announced."""
    short_notice: ShortNotice | None = None
    """Convened at shorter notice than the clear days, when and why (docs/rules.md)."""
    series: SeriesLink | None = None
    """The series this meeting is one of (set by :meth:`~csp_core.model.Series.meetings`)."""
    record: MeetingRecord | None = None
    """What happened at it, as its minutes record it: public with the minutes
    (docs/public-view.md, "The record of a meeting")."""

    def __attrs_post_init__(self) -> None:
        self._check_times()
        self._check_status()
        self._check_documents()
        self._check_announced()
        self._check_agenda()
        self._check_online()
        self._check_record()

    def _check_record(self) -> None:
        if self.record is None:
            return
        if not self.goes_ahead:
            fail("record", f"a {self.status.value} meeting did not take place: it has no record")
        numbers = tuple(item.number for item in self.agenda if item.number is not None)
        _checks.raise_all(item_problems(self.record, numbers))

    def _check_online(self) -> None:
        online = self.online
        if online is None:
            return
        if online.join is not None and self.attendance is Attendance.IN_PERSON:
            fail(
                "online.join",
                'an in-person meeting has no join link: set attendance = "online" or "mixed"',
            )
        # Of the meeting as it took place: a recording published before its (new) start would
        # be public, then withdrawn once the move is announced (a feed item must never vanish).
        if online.recording_from is not None and utc(online.recording_from) < utc(self.start):
            fail("online.recording_from", "is before the meeting starts: nothing was recorded")

    def _check_times(self) -> None:
        if self.end is not None and utc(self.end) <= utc(self.start):
            fail(
                "end",
                f"{self.end.isoformat(' ', 'minutes')} is not after the start "
                f"({self.start.isoformat(' ', 'minutes')})",
            )
        if self.announced is not None and utc(self.announced) > utc(self.start):
            fail("announced", "is after the meeting starts")
        if (
            self.announced
            and self.previous_start
            and utc(self.announced) > utc(self.previous_start)
        ):
            fail("announced", "is after the meeting's previous start")
        if self.short_notice is not None and utc(self.short_notice.convened) > utc(self.start):
            fail("short_notice.convened", "is after the meeting starts")
        deadline = self.questions.deadline if self.questions else None
        if deadline is not None and utc(deadline) > utc(self.start):
            fail("questions.deadline", "is after the meeting starts")

    def _check_status(self) -> None:
        if self.previous_start is not None:
            if self.status is not MeetingStatus.RESCHEDULED:
                fail("previous_start", "only a rescheduled meeting has a previous start")
            if utc(self.previous_start) == utc(self.start):
                fail("previous_start", "is the same as the start: the meeting did not move")
        moved = self.previous_start is not None and self.changed(ChangeKind.TIME)
        if (
            self.status is not MeetingStatus.SCHEDULED
            and not self.changed(ChangeKind.STATUS)
            # A move (a ``time`` change) is itself the record that a meeting was rescheduled.
            and not (self.status is MeetingStatus.RESCHEDULED and moved)
        ):
            fail(
                "changes",
                f"a {self.status.value} meeting must record when that was announced: add a "
                'change with what = ["status"]',
            )
        if self.previous_start is not None and not self.changed(ChangeKind.TIME):
            fail(
                "changes",
                "a meeting that moved must record when that was announced: add a change with "
                'what = ["time"]',
            )
        for index in range(1, len(self.changes)):
            if utc(self.changes[index].at) < utc(self.changes[index - 1].at):
                fail(f"changes[{index}].at", "changes must be listed in the order they happened")
        if (
            self.status is MeetingStatus.RESCHEDULED
            and self.previous_start is None
            and self.replaced_by is None
        ):
            fail(
                "status",
                "a rescheduled meeting needs previous_start (it moved) or replaced_by "
                "(the meeting that replaces it)",
            )
        if self.replaced_by is not None:
            if self.status is MeetingStatus.SCHEDULED:
                fail("replaced_by", "a scheduled meeting is not replaced; set its status")
            if self.replaced_by == self.id:
                fail("replaced_by", "a meeting cannot replace itself")

    def _check_documents(self) -> None:
        kinds: Counter[DocumentKind] = Counter()
        for index, document in enumerate(self.documents):
            kinds[document.kind] += 1
            if document.kind not in MEETING_DOCUMENT_KINDS:
                fail(
                    f"documents[{index}].kind", f"{document.kind.value!r} is not a meeting document"
                )
            if document.kind in _ONE_PER_MEETING and kinds[document.kind] > 1:
                fail(f"documents[{index}].kind", f"a meeting has at most one {document.kind.value}")
            if (
                document.kind is DocumentKind.MINUTES
                and document.published is not None
                and utc(document.published) < utc(self.start)
            ):
                fail(
                    f"documents[{index}].published",
                    "minutes cannot be published before the meeting",
                )

    def _check_announced(self) -> None:
        if self.announced is None:
            return
        for index, change in enumerate(self.changes):
            if utc(change.at) < utc(self.announced):
                fail(
                    f"changes[{index}].at",
                    "is before the meeting was announced (announced): a meeting not yet public "
                    "has no public changes",
                )
        for index, document in enumerate(self.documents):
            if document.published is not None and utc(document.published) < utc(self.announced):
                fail(
                    f"documents[{index}].published",
                    "is before the meeting was announced (announced)",
                )

    def _check_agenda(self) -> None:
        documents = {document.id: document for document in self.documents}
        for index, item in enumerate(self.agenda):
            for paper_index, paper in enumerate(item.papers):
                where = f"agenda[{index}].papers[{paper_index}]"
                if paper not in documents:
                    fail(where, f"no document {paper!r} among this meeting's documents")
                if item.exempt and documents[paper].availability is not Availability.WITHHELD:
                    fail(where, "a paper of an exempt item must have availability 'withheld'")

    @property
    def goes_ahead(self) -> bool:
        """Whether the meeting takes place: scheduled or rescheduled, not cancelled or postponed.

        In the public view, as the public knows it at the view's instant.
        """
        return self.status in {MeetingStatus.SCHEDULED, MeetingStatus.RESCHEDULED}

    @property
    def joining_to_be_announced(self) -> bool:
        """An online or mixed meeting with no join link and no webcast (yet).

        In the public view, as the public knows it at the view's instant: every output then
        says the joining details are to be announced (:func:`csp_core.labels.joining`).
        """
        links = dict(self.online.links()) if self.online is not None else {}
        return (
            self.attendance is not Attendance.IN_PERSON
            and OnlineLink.JOIN not in links
            and OnlineLink.WEBCAST not in links
        )

    def changed(self, kind: ChangeKind, by: dt.datetime | None = None) -> tuple[MeetingChange, ...]:
        """The recorded changes of ``kind`` (announced by ``by``, if given), oldest first."""
        return tuple(
            change
            for change in self.changes
            if kind in change.what and (by is None or utc(change.at) <= utc(by))
        )

    def document(self, kind: DocumentKind) -> Document | None:
        """The meeting's document of a kind that occurs at most once (agenda, minutes, ...)."""
        return next((document for document in self.documents if document.kind is kind), None)
