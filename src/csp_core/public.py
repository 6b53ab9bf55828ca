"""The public view: a partnership as the public may see it at an instant.

This is the only door to publishers.  :func:`public_view` builds a copy of the partnership that
holds only what is public at the instant, so a publisher cannot leak what it never receives:

- no private meetings (nor any meeting of a private body, which stays only as part of the
  partnership's structure), and no meeting before it was announced;
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

The view also carries the **stamps** of everything a publisher shows (each meeting, each duty,
each timeline event): the moment of the latest public change of what the item shows, and for
calendar events a SEQUENCE, decided by the rules of :mod:`csp_core.rules.stamps` from the full
data, so a stamp never goes backwards from one instant to a later one.  Duties that were shown
at an earlier instant but no longer apply (a cancelled meeting's agenda, a withdrawn report's,
the check of a plan a newer one replaced) are kept as :class:`LapsedDuty`, so a calendar can
cancel them rather than drop them.

The timeline and the duties are derived from the public copy alone, never from the partnership
itself, so nothing a publisher is given can hold what the copy leaves out.  The copy is an
ordinary :class:`~csp_core.model.Partnership`, so it is checked by the same invariants as any
other.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Iterator, Mapping

import attrs

from csp_core import i18n
from csp_core.i18n import ENGLISH, Language
from csp_core.model import (
    EXEMPT_INFORMATION,
    Action,
    ActionUpdate,
    AgendaItem,
    AnnualReview,
    Availability,
    Body,
    ChangeKind,
    CommunitySafetyPlan,
    Decision,
    Document,
    DocumentKind,
    ExemptInformation,
    Meeting,
    MeetingRecord,
    MeetingStatus,
    Online,
    OnlineLink,
    Partnership,
    Priority,
    Series,
    StrategicAssessment,
)
from csp_core.model._checks import utc
from csp_core.model.translations import in_language
from csp_core.rules import (
    Duty,
    DutyKind,
    DutyState,
    Event,
    PlanStanding,
    duties,
    plan_standing,
    status,
    timeline,
)
from csp_core.rules.availability import Owner, availability_at, in_force_until, plans_in_force
from csp_core.rules.records import ActionState, action_states, members_present
from csp_core.rules.schedule import MEETING_DUTIES
from csp_core.rules.stamps import (
    FLOOR,
    BodyMeetings,
    Stamp,
    StampRules,
    affected_meetings,
    latest,
    meetings_by_body,
    move_shown_by_minutes,
    vanishing_moments,
)

__all__ = ["FLOOR", "ActionState", "LapsedDuty", "PublicView", "Stamp", "Stamps", "public_view"]

SOON_DAYS = 14
"""The window, in days, in which a duty not yet met is "due soon" in the view's duties."""

_MEETING_DUTIES = frozenset(MEETING_DUTIES)


@attrs.frozen(kw_only=True)
class LapsedDuty:
    """A duty shown at an earlier instant that no longer applies at the view's instant.

    Its meeting was cancelled or postponed, the meeting its minutes counted from is no longer
    going ahead, its report was withdrawn, or a newer plan replaced the plan it checks.  A
    calendar keeps it as a cancelled event: an item never leaves a calendar silently.
    """

    duty: Duty
    """The duty as it was last shown."""
    since: dt.datetime
    """When it stopped applying (UTC)."""


@attrs.frozen(kw_only=True)
class Stamps:
    """The stamp of every item of a view, by the item's id (see :mod:`csp_core.rules.stamps`)."""

    meetings: Mapping[str, Stamp] = attrs.field(factory=dict)
    """By meeting id."""
    duties: Mapping[str, Stamp] = attrs.field(factory=dict)
    """By duty id: the view's duties and its lapsed ones."""
    events: Mapping[str, dt.datetime] = attrs.field(factory=dict)
    """By timeline event id: when the event's entry last changed (Atom ``updated``)."""


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
    lapsed: tuple[LapsedDuty, ...] = ()
    """Duties shown at an earlier instant that no longer apply, in (deadline, id) order."""
    stamps: Stamps = attrs.field(factory=Stamps)
    """The stamp of every meeting, duty and timeline event of the view."""
    language: Language = ENGLISH
    """The language of the view's words: its events' and duties' titles, and what publishers
    take from :mod:`csp_core.labels` and :mod:`csp_core.dates` for it."""

    def _unknown(self) -> Stamp:
        return Stamp(modified=latest((), self.at))

    def stamp(self, meeting: Meeting) -> Stamp:
        """The stamp of a meeting of the view: when it last changed, and its SEQUENCE."""
        return self.stamps.meetings.get(meeting.id) or self._unknown()

    def sequence(self, meeting: Meeting) -> int:
        """Changes of time, place or status of ``meeting`` seen by ``at``: iCalendar SEQUENCE.

        Each announced change counts, and so does a change the public sees without a record of
        its own (a postponed meeting shown as rescheduled once its replacement is public).  It
        never falls as the instant moves on.
        """
        return self.stamp(meeting).sequence

    def modified(self, meeting: Meeting) -> dt.datetime:
        """When what the public sees of ``meeting`` last changed, in UTC: DTSTAMP, LAST-MODIFIED.

        The latest moment by ``at`` at which its public appearance could change (see
        :mod:`csp_core.rules.stamps`); :data:`FLOOR` before any.  Never the build time, never
        after ``at``, never earlier than at an earlier instant.
        """
        return self.stamp(meeting).modified

    def duty_stamp(self, duty: Duty) -> Stamp:
        """The stamp of a duty of the view, shown or lapsed: DTSTAMP, LAST-MODIFIED, SEQUENCE."""
        return self.stamps.duties.get(duty.id) or self._unknown()

    # -- what is shown, and under which law ---------------------------------------------------

    @property
    def law(self) -> ExemptInformation:
        """The partnership's law of exempt information: its schedule and paragraphs."""
        return EXEMPT_INFORMATION[self.partnership.nation]

    def goes_ahead(self, meeting: Meeting) -> bool:
        """Whether ``meeting`` takes place as the public knows it (not cancelled or postponed)."""
        return meeting.goes_ahead

    def plan_standing(self, plan: CommunitySafetyPlan) -> PlanStanding:
        """Where ``plan`` stands on the view's day: current, upcoming, previous or expired."""
        return plan_standing(
            self.partnership, plan, self.at.astimezone(self.partnership.timezone).date()
        )

    def plan_in_force_until(self, plan: CommunitySafetyPlan) -> dt.date:
        """The last day ``plan`` is in force (as far as the view's plans tell)."""
        return in_force_until(self.partnership, plan)

    def plans_in_force(self) -> tuple[CommunitySafetyPlan, ...]:
        """Every plan in force on the view's day: its own first, then adopted county plans."""
        return plans_in_force(
            self.partnership, self.at.astimezone(self.partnership.timezone).date()
        )

    def current_plan(self) -> CommunitySafetyPlan | None:
        """The partnership's own plan in force on the view's day, if any.

        None before its first plan and once its last one has expired.
        """
        return next(
            (
                p
                for p in self.partnership.plans
                if p.scope is None and self.plan_standing(p) is PlanStanding.CURRENT
            ),
            None,
        )

    def meetings(self) -> tuple[Meeting, ...]:
        """The view's meetings in time order (by instant, then id)."""
        return self._in_time_order

    @functools.cached_property
    def _in_time_order(self) -> tuple[Meeting, ...]:
        """:meth:`meetings`, sorted once: publishers ask for it (and what derives from it) often."""
        return tuple(sorted(self.partnership.meetings, key=lambda m: (utc(m.start), m.id)))

    def public_bodies(self) -> tuple[Body, ...]:
        """The bodies whose meetings the public may attend, in file order.

        Each gets its own calendar, feed and page, and only these are offered for subscription.
        A private body (an officers' group) stays in the view's partnership as part of its
        structure, with ``public = False`` (its name, kind, parent, description and chairs),
        and nothing of its meetings: not even their dates (docs/public-view.md).
        """
        return tuple(body for body in self.partnership.bodies if body.public)

    def upcoming(self) -> tuple[Meeting, ...]:
        """Meetings starting at or after ``at``, soonest first (cancelled ones included)."""
        now = utc(self.at)
        return tuple(m for m in self.meetings() if utc(m.start) >= now)

    def previous(self) -> tuple[Meeting, ...]:
        """Meetings that started before ``at``, most recent first."""
        now = utc(self.at)
        return tuple(m for m in reversed(self.meetings()) if utc(m.start) < now)

    def next_meeting(self) -> Meeting | None:
        """The next meeting that goes ahead, if any: what a page shows first."""
        return next((m for m in self.upcoming() if self.goes_ahead(m)), None)

    def waiting(self, meeting: Meeting) -> tuple[DutyState, ...]:
        """What is still to be published for ``meeting``, in the order it falls due.

        Its duties of the view not yet met: only documents the public knows of have one (a
        report not yet published is not named; the agenda-and-papers duty stands for it), and
        the draft agenda is no longer awaited once the full agenda is out.  Nothing for a
        meeting that does not go ahead.
        """
        if not self.goes_ahead(meeting):
            return ()
        agenda_out = meeting.document(DocumentKind.AGENDA) is not None
        found = [
            state
            for state in self._unmet.get(meeting.id, ())
            if not (agenda_out and state.duty.kind is DutyKind.DRAFT_AGENDA)
        ]
        found.sort(key=lambda s: (MEETING_DUTIES.index(s.duty.kind), s.duty.target, s.duty.id))
        return tuple(found)

    @functools.cached_property
    def _unmet(self) -> dict[str, list[DutyState]]:
        """The meetings' duties not yet met, by meeting id, in the view's order: found once."""
        unmet: dict[str, list[DutyState]] = {}
        for state in self.duties:
            if state.duty.kind in _MEETING_DUTIES and state.published is None:
                unmet.setdefault(state.duty.subject, []).append(state)
        return unmet

    def meeting_of(self, duty: Duty) -> str | None:
        """The id of the meeting ``duty`` is for (its agenda, a report, its minutes), if any.

        ``None`` for the duties of plans, assessments and annual reviews.
        """
        return duty.subject if duty.kind in _MEETING_DUTIES else None

    def minutes_awaited(self, meeting: Meeting) -> bool:
        """Whether ``meeting`` has taken place and its minutes are awaited with no deadline yet.

        True when it went ahead, started before ``at``, has no minutes and no minutes duty is
        shown (its minutes fall due only once a later meeting agrees them).
        """
        return (
            self.goes_ahead(meeting)
            and utc(meeting.start) <= utc(self.at)
            and meeting.document(DocumentKind.MINUTES) is None
            and not any(s.duty.kind is DutyKind.MINUTES for s in self.waiting(meeting))
        )

    # -- the record of meetings and the action log ------------------------------------------

    def minutes_agreed(self, meeting: Meeting) -> bool:
        """Whether ``meeting``'s public minutes (and its record) are agreed, not a draft.

        Minutes are agreed at the body's next meeting that takes place: they are agreed once
        they are public and that meeting has started by ``at``.  Under ``minutes_from =
        "next-meeting"`` the minutes are published after the meeting that agreed them, so they
        are agreed when they appear; under ``"meeting"`` they appear as a draft and are agreed
        when the next meeting starts (docs/public-view.md, "The record of a meeting").
        """
        agreed = self._agreed_at.get(meeting.id)
        return (
            agreed is not None
            and utc(agreed) <= utc(self.at)
            and _minutes_public(meeting.documents, self.at)
        )

    @functools.cached_property
    def _agreed_at(self) -> dict[str, dt.datetime]:
        """Each meeting of the view that took place, by id: the start of its body's next one."""
        by_body: dict[str, list[Meeting]] = {}
        for meeting in self.meetings():
            if meeting.status in _TOOK_PLACE:
                by_body.setdefault(meeting.body, []).append(meeting)
        return {
            meeting.id: following.start
            for held in by_body.values()
            for meeting, following in itertools.pairwise(held)
        }

    def actions(self) -> tuple[ActionState, ...]:
        """The public actions of the log, each as it stands at ``at``, in the log's order.

        An action is public once the minutes of the meeting that raised it are (never one
        raised under an exempt item), and each update once its meeting's minutes are: its
        status is its last public update's, else open; ``overdue`` once its due date has
        passed in the partnership's zone and it is not closed (docs/public-view.md).
        """
        return self._action_states

    @functools.cached_property
    def _action_states(self) -> tuple[ActionState, ...]:
        return action_states(self.partnership, self.at)

    def actions_of(self, meeting: Meeting) -> tuple[ActionState, ...]:
        """The public actions raised at ``meeting``, or updated at it, in the log's order."""
        return tuple(self._actions_by_meeting.get(meeting.id, ()))

    def quorate(self, meeting: Meeting) -> tuple[bool, int, int] | None:
        """Whether ``meeting`` was quorate by its public record: (quorate, present, quorum).

        ``None`` unless its body has a ``quorum`` and the public record lists its attendance.
        Members present count as :func:`csp_core.rules.records.members_present` counts them
        (present or substitute, of a member agency on the day), the same count ``csp status``
        checks the quorum with.
        """
        quorum = self.partnership.body(meeting.body).quorum
        if quorum is None or meeting.record is None or not meeting.record.attendance:
            return None
        present = members_present(self.partnership, meeting)
        return present >= quorum, present, quorum

    @functools.cached_property
    def _actions_by_meeting(self) -> dict[str, list[ActionState]]:
        found: dict[str, list[ActionState]] = {}
        for state in self.actions():
            ids = dict.fromkeys([state.action.raised, *(u.meeting for u in state.action.updates)])
            for meeting_id in ids:
                found.setdefault(meeting_id, []).append(state)
        return found

    def updated(self, event: Event) -> dt.datetime:
        """When a timeline event's entry last changed, in UTC: Atom ``updated``.

        Never before the event itself, never after ``at``: its link, title or date change with
        the document's revisions, its move to "on request", a meeting's later changes.
        """
        return self.stamps.events.get(event.id) or latest([event.at], self.at)

    def latest_update(self, events: Iterable[Event] = ()) -> dt.datetime:
        """The stamp of a list of timeline events, such as a feed: their newest :meth:`updated`.

        A list with no event (the feed of a body that has not met yet) takes the newest stamp
        of the whole timeline, and a view with no public event :data:`FLOOR`, a constant: the
        stamp of an empty list never depends on when the build ran.
        """
        stamps = [self.updated(event) for event in events] or [
            self.updated(event) for event in self.timeline
        ]
        return max(stamps, default=FLOOR)


def public_view(
    partnership: Partnership, at: dt.datetime, language: str | None = None
) -> PublicView:
    """The partnership as the public may see it at ``at``, in ``language``.

    ``language`` is one of the partnership's ``languages`` (a BCP 47 tag); by default its
    primary language.  Every text the data gives in several languages is in ``language``, or,
    where the data has none in it, in the first of the partnership's languages that has one,
    marked with that language (:func:`~csp_core.language_of`).  The views of one instant in two
    languages hold the same items, ids and stamps; only their words differ.

    Raises:
        ValueError: ``at`` is naive, or ``language`` is not one of the partnership's.
    """
    if at.utcoffset() is None:
        msg = "the public view needs a timezone-aware instant"
        raise ValueError(msg)
    tag = partnership.languages[0] if language is None else language
    if tag not in partnership.languages:
        msg = f"{tag!r} is not one of the partnership's languages ({partnership.languages})"
        raise ValueError(msg)
    words = i18n.language(tag)
    # Every text of the data in the view's language, or marked with the language it falls back
    # to.  With one language every text already is in it: no walk over the whole partnership.
    if len(partnership.languages) > 1:
        partnership = in_language(partnership, tag, partnership.languages)
    record = _record(partnership, at)
    public = _without_withdrawn(record, at)
    events = timeline(record, at, words)
    states = status(public, at, soon_days=SOON_DAYS, language=words).duties
    lapsed = _lapsed(partnership, at, {state.duty.id for state in states}, words)
    rules = StampRules(partnership, SOON_DAYS)
    duty_stamps = {
        state.duty.id: rules.duty(state.duty, at, published=state.published) for state in states
    }
    duty_stamps.update(
        (gone.duty.id, rules.lapsed_duty(gone.duty, gone.since, at)) for gone in lapsed
    )
    return PublicView(
        at=at,
        partnership=public,
        timeline=events,
        duties=states,
        lapsed=lapsed,
        stamps=Stamps(
            meetings={meeting.id: rules.meeting(meeting, at) for meeting in public.meetings},
            duties=duty_stamps,
            events={event.id: rules.event(event, at) for event in events},
        ),
        language=words,
    )


def _record(partnership: Partnership, at: dt.datetime) -> Partnership:
    """The public copy at ``at``, withdrawn documents still in it (the timeline needs them)."""
    today = at.astimezone(partnership.timezone).date()
    announced = [
        meeting
        for meeting in partnership.meetings
        if partnership.is_public(meeting)
        and (meeting.announced is None or utc(meeting.announced) <= utc(at))
    ]
    shown = {meeting.id for meeting in announced}
    meetings = [_public_meeting(partnership, meeting, shown, at) for meeting in announced]
    series, meetings = _public_series(partnership, meetings, at)
    plans = [
        _public_plan(partnership, plan, at)
        for plan in partnership.plans
        if plan.in_force_from <= today or any(d.is_published_at(at) for d in plan.documents)
    ]
    priorities = {priority.id for plan in plans for priority in plan.priorities}
    return attrs.evolve(
        partnership,
        meetings=tuple(meetings),
        series=series,
        actions=_public_actions(partnership.actions, meetings, at),
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


def _lapsed(
    partnership: Partnership, at: dt.datetime, shown: set[str], language: Language
) -> tuple[LapsedDuty, ...]:
    """Duties shown at some instant before ``at`` that are not among ``shown`` at ``at``.

    Duties stop applying only at the moments :func:`~csp_core.rules.stamps.vanishing_moments`
    lists, so the duties shown just before each of them (by ``at``) are every duty ever shown;
    a duty's last appearance is the one just before the latest such moment it was shown at.
    """
    moments: dict[tuple[dt.datetime, str], Meeting | None] = {}
    for moment, meeting in vanishing_moments(partnership):
        if utc(moment) <= utc(at):
            moments[(utc(moment), meeting.id if meeting else "")] = meeting
    last: dict[str, LapsedDuty] = {}
    scopes = _Scopes.of(partnership)
    for (moment, _), meeting in sorted(moments.items(), key=lambda item: item[0]):
        before = moment - dt.timedelta(microseconds=1)
        for duty in _duties_at(partnership, before, meeting, language, scopes):
            if duty.id not in shown:
                last[duty.id] = LapsedDuty(duty=duty, since=moment)
    return tuple(sorted(last.values(), key=lambda gone: (gone.duty.deadline, gone.duty.id)))


@attrs.frozen
class _Scopes:
    """What :func:`_duties_at` looks meetings up in, worked out once for every change."""

    bodies: dict[str, BodyMeetings]
    """Each body's meetings in start order (:func:`~csp_core.rules.stamps.meetings_by_body`)."""
    positions: dict[str, int]
    """Each meeting's position in the partnership's meetings, by id."""

    @classmethod
    def of(cls, partnership: Partnership) -> _Scopes:
        return cls(
            bodies=meetings_by_body(partnership),
            positions={meeting.id: i for i, meeting in enumerate(partnership.meetings)},
        )


def _duties_at(
    partnership: Partnership,
    at: dt.datetime,
    changing: Meeting | None,
    language: Language,
    scopes: _Scopes,
) -> Iterator[Duty]:
    """The view's duties at ``at`` that a change of ``changing`` (``None``: a plan) can affect.

    Worked out on the part of the partnership they depend on (see
    :func:`~csp_core.rules.stamps.affected_meetings`), so a change costs the meetings around it.
    """
    if changing is None:
        scope = attrs.evolve(partnership, meetings=(), actions=())
        right: set[str] = set()
    else:
        wanted, right = affected_meetings(partnership, changing, at, scopes.bodies)
        meetings = partnership.meetings
        missing = list(wanted)
        while missing:  # the meetings replacing them, which say whether they go ahead
            replacement = meetings[scopes.positions[missing.pop()]].replaced_by
            if replacement is not None and replacement not in wanted:
                wanted.add(replacement)
                missing.append(replacement)
        scope = attrs.evolve(
            partnership,
            meetings=tuple(meetings[i] for i in sorted(scopes.positions[m] for m in wanted)),
            plans=(),
            assessments=(),
            annual_reviews=(),
            actions=(),
        )
    for duty in duties(_without_withdrawn(_record(scope, at), at), language):
        if (duty.kind in _MEETING_DUTIES) == (changing is not None) and (
            changing is None or duty.subject in right
        ):
            yield duty


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
        # Minutes published before the earlier start already show the new one, unannounced.
        revealed = move_shown_by_minutes(meeting)
        shown = revealed is not None and utc(revealed) <= utc(at)
        start = meeting.start if shown else meeting.previous_start
        fields.update(
            start=start,
            end=start + (meeting.end - meeting.start) if meeting.end else None,
            previous_start=None,
            status=MeetingStatus.SCHEDULED,
            status_note=None,
            replaced_by=None,
        )
        if meeting.questions and meeting.questions.deadline and meeting.questions.deadline > start:
            fields["questions"] = attrs.evolve(meeting.questions, deadline=None)
    if meeting.last_changed is not None and utc(meeting.last_changed) > utc(at):
        fields["last_changed"] = None
    if meeting.online is not None:
        known_start = fields.get("start", meeting.start)
        if isinstance(known_start, dt.datetime):
            online = _public_online(meeting.online, known_start, at)
            if online is not None and fields.get("status", meeting.status) in _CALLED_OFF:
                # No link to join or watch a meeting that will not take place; a recording
                # already published stays (docs/public-view.md).
                online = (
                    None
                    if online.recording is None
                    else Online(recording=online.recording, recording_from=online.recording_from)
                )
            fields["online"] = online
    return fields


_CALLED_OFF = (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED)


def _public_online(online: Online, start: dt.datetime, at: dt.datetime) -> Online | None:
    """The meeting's links public at ``at``: each from its moment (docs/public-view.md).

    A recording is of the meeting as the public knows it: none before its ``start``.
    """
    links = dict(online.links(at))
    if online.recording_from is not None and utc(online.recording_from) < utc(start):
        links.pop(OnlineLink.RECORDING, None)
    if not links:
        return None
    join, webcast = links.get(OnlineLink.JOIN), links.get(OnlineLink.WEBCAST)
    recording = links.get(OnlineLink.RECORDING)
    return Online(
        join=join,
        join_from=online.join_from if join else None,
        webcast=webcast,
        webcast_from=online.webcast_from if webcast else None,
        recording=recording,
        recording_from=online.recording_from if recording else None,
    )


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
    record = None
    if meeting.record is not None and status in _TOOK_PLACE and _minutes_public(documents, at):
        record = _public_record(meeting.record, meeting.agenda)
    fields.update(
        status=status,
        replaced_by=replaced_by,
        agenda=tuple(_public_item(item, kept) for item in meeting.agenda),
        documents=documents,
        record=record,
    )
    return attrs.evolve(meeting, **fields)  # type: ignore[arg-type]


_TOOK_PLACE = (MeetingStatus.SCHEDULED, MeetingStatus.RESCHEDULED)


def _minutes_public(documents: Iterable[Document], at: dt.datetime) -> bool:
    """Whether a meeting's public ``documents`` hold its minutes, not withdrawn by ``at``."""
    return any(d.kind is DocumentKind.MINUTES and not _withdrawn(d, at) for d in documents)


def _exempt_numbers(agenda: Iterable[AgendaItem]) -> frozenset[str]:
    """The numbers of the exempt items (a number an exempt item shares is exempt)."""
    return frozenset(item.number for item in agenda if item.exempt and item.number is not None)


def _public_record(record: MeetingRecord, agenda: tuple[AgendaItem, ...]) -> MeetingRecord:
    """The record as the public sees it once the minutes are public (docs/public-view.md).

    On an exempt item, the same rule as the item itself: a decision keeps only its item and
    method (no resolution, no votes), a declaration who declared and the kind of interest (not
    the interest itself).
    """
    exempt = _exempt_numbers(agenda)
    if not exempt:
        return record
    return attrs.evolve(
        record,
        declarations=tuple(
            attrs.evolve(d, interest=None) if d.item in exempt else d for d in record.declarations
        ),
        decisions=tuple(
            Decision(item=d.item, method=d.method) if d.item in exempt else d
            for d in record.decisions
        ),
    )


def _public_actions(
    actions: tuple[Action, ...], meetings: list[Meeting], at: dt.datetime
) -> tuple[Action, ...]:
    """The actions public at ``at``, each with its public updates (docs/public-view.md).

    An action is public once the minutes of the meeting that raised it are (never one raised
    under an exempt item); each update once the minutes of its meeting are, in order: the
    updates after one not yet public wait for it.
    """
    if not actions:
        return ()
    minuted = {
        meeting.id: meeting
        for meeting in meetings
        if meeting.status in _TOOK_PLACE and _minutes_public(meeting.documents, at)
    }
    public: list[Action] = []
    for action in actions:
        raised = minuted.get(action.raised)
        if raised is None or (
            action.item is not None and action.item in _exempt_numbers(raised.agenda)
        ):
            continue
        updates: list[ActionUpdate] = []
        last = utc(raised.start)
        for update in action.updates:
            found = minuted.get(update.meeting)
            if found is None or utc(found.start) <= last:
                break
            updates.append(update)
            last = utc(found.start)
        public.append(attrs.evolve(action, updates=tuple(updates)))
    return tuple(public)


def _public_series(
    partnership: Partnership, meetings: list[Meeting], at: dt.datetime
) -> tuple[tuple[Series, ...], list[Meeting]]:
    """The series public at ``at``, and ``meetings`` linked only to those (docs/public-view.md).

    A series is public while one of its meetings is (public, announced, its body public). Its
    meetings are in the copy as they stood at ``at``; the series keeps its rule, dates and
    exceptions, and none of its occurrences (their later changes, papers and notes are the
    meetings' to show when they are public), and only the links public at ``at``.
    """
    linked = {meeting.series.series for meeting in meetings if meeting.series is not None}
    kept = tuple(
        attrs.evolve(
            series,
            occurrences=(),
            online=_public_online(series.online, series.start, at) if series.online else None,
        )
        for series in partnership.series
        if series.id in linked
        and series.public
        and (series.announced is None or utc(series.announced) <= utc(at))
    )
    ids = {series.id for series in kept}
    return kept, [
        meeting
        if meeting.series is None or meeting.series.series in ids
        else attrs.evolve(meeting, series=None)
        for meeting in meetings
    ]


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
