"""The record of a meeting and the action log, as the meeting pages and the index show them.

The public view decides what is shown: a meeting's record only while its minutes are public
(``meeting.record``), a draft until they are agreed (:meth:`csp_core.PublicView.minutes_agreed`),
an exempt item's decision as its method only and its declarations without the interest; the
public actions and their public updates (:meth:`csp_core.PublicView.actions`), overdue or not;
whether a meeting was quorate (:meth:`csp_core.PublicView.quorate`).  This module only puts them
into words and links.
"""

from __future__ import annotations

import attrs
from csp_core import (
    ActionState,
    AgendaItem,
    Attendee,
    Body,
    Decision,
    Declaration,
    Meeting,
    Presence,
    PublicView,
    dates,
    i18n,
    labels,
)

from csp_html import words
from csp_html.links import Link, meeting_path
from csp_html.templating import Sentence, compose, joined

__all__ = [
    "ActionEntry",
    "ActionsGroup",
    "AttendanceGroup",
    "AttendeeEntry",
    "DecisionEntry",
    "DeclarationEntry",
    "ItemRecordEntry",
    "RecordEntry",
    "UpdateEntry",
    "action_entry",
    "meeting_actions",
    "open_actions",
    "record_entry",
]


@attrs.frozen(kw_only=True)
class AttendeeEntry:
    """Someone in a meeting's attendance: their name, role and agency's name."""

    name: str
    role: str | None
    agency: str | None
    """The agency's name."""
    on_behalf_of: str | None
    """For a substitute: the member they stood in for."""


@attrs.frozen(kw_only=True)
class AttendanceGroup:
    """One group of the attendance: members present, substitutes, apologies, absent, others."""

    presence: Presence
    heading: str
    people: tuple[AttendeeEntry, ...]


@attrs.frozen(kw_only=True)
class DeclarationEntry:
    """An interest declared on an item: who, the kind's label, the interest when public."""

    name: str
    kind: str
    interest: str | None
    """``None`` on an exempt item: the public never sees the interest itself."""
    left_room: bool


@attrs.frozen(kw_only=True)
class DecisionEntry:
    """A decision on an item: the resolution (none on an exempt item), how, the votes."""

    resolution: str | None
    method: str
    """The method's label: 'Agreed', 'By vote', 'Noted', 'Deferred'."""
    in_favour: int | None
    against: int | None
    abstentions: int | None


@attrs.frozen(kw_only=True)
class ItemRecordEntry:
    """What the record says of one agenda item: its declarations and decisions."""

    number: str
    title: str
    exempt: bool
    exemption_note: str | None
    """For an exempt item, the placeholder the agenda shows."""
    declarations: tuple[DeclarationEntry, ...]
    decisions: tuple[DecisionEntry, ...]


@attrs.frozen(kw_only=True)
class RecordEntry:
    """The public record of a meeting."""

    draft: bool
    """The minutes are not agreed yet (:meth:`csp_core.PublicView.minutes_agreed`)."""
    attendance: tuple[AttendanceGroup, ...]
    """The groups that have someone in them, in the order of :data:`GROUPS`."""
    quorum: Sentence | None
    """'Quorate: 5 members present (quorum 4).', when the body has a quorum."""
    quorate: bool | None
    items: tuple[ItemRecordEntry, ...]
    """The agenda items with a declaration or a decision, in agenda order."""


@attrs.frozen(kw_only=True)
class UpdateEntry:
    """An update of an action, reported at a meeting."""

    meeting: Link
    """The meeting where it was reported, linked."""
    here: bool
    """It was reported at the meeting of the page showing it."""
    status: str
    note: str | None


@attrs.frozen(kw_only=True)
class ActionEntry:
    """An action of the log as it stands at the view's instant."""

    title: str
    raised: Link
    """The meeting that raised it, linked."""
    item: str | None
    owner: Sentence | None
    """'Community Safety Manager, Cambridge City Council'."""
    due: str | None
    due_iso: str | None
    status: str
    overdue: bool
    closed: bool
    updates: tuple[UpdateEntry, ...]


@attrs.frozen(kw_only=True)
class ActionsGroup:
    """Open actions of one body (``body`` is ``None`` when one body meets)."""

    body: Body | None
    actions: tuple[ActionEntry, ...]


GROUPS = (
    Presence.PRESENT,
    Presence.SUBSTITUTE,
    Presence.APOLOGIES,
    Presence.ABSENT,
    Presence.IN_ATTENDANCE,
)
"""The order of the attendance's groups on a page."""


def _headings(language: i18n.Language) -> dict[Presence, str]:
    """Each group's heading.

    The core's label ('Apologies', 'Absent', 'In attendance'), but the plural headings of members
    present and of substitutes.
    """
    gettext = language.translations.gettext
    headings = {presence: labels.label(presence, language) for presence in GROUPS}
    headings[Presence.PRESENT] = gettext("Members present")
    headings[Presence.SUBSTITUTE] = gettext("Substitutes")
    return headings


def record_entry(view: PublicView, meeting: Meeting) -> RecordEntry | None:
    """The public record of ``meeting`` in words, or ``None`` while the view gives none."""
    record = meeting.record
    if record is None:
        return None
    language = words.language(view)
    headings = _headings(language)
    attendance = tuple(
        AttendanceGroup(
            presence=presence,
            heading=headings[presence],
            people=tuple(
                _attendee(view, attendee)
                for attendee in record.attendance
                if attendee.presence is presence
            ),
        )
        for presence in GROUPS
        if any(attendee.presence is presence for attendee in record.attendance)
    )
    quorate = view.quorate(meeting)
    quorum = None
    if quorate is not None:
        enough, present, needed = quorate
        gettext = language.translations.gettext
        quorum = compose(
            language,
            gettext("Quorate: members present {present}, quorum {quorum}.")
            if enough
            else gettext("Not quorate: members present {present}, quorum {quorum}."),
            present=present,
            quorum=needed,
        )
    return RecordEntry(
        draft=not view.minutes_agreed(meeting),
        attendance=attendance,
        quorum=quorum,
        quorate=None if quorate is None else quorate[0],
        items=_items(view, meeting, record.declarations, record.decisions),
    )


def _attendee(view: PublicView, attendee: Attendee) -> AttendeeEntry:
    agency = attendee.agency
    return AttendeeEntry(
        name=attendee.name,
        role=attendee.role,
        agency=view.partnership.agency(agency).name if agency is not None else None,
        on_behalf_of=attendee.on_behalf_of,
    )


def _items(
    view: PublicView,
    meeting: Meeting,
    declarations: tuple[Declaration, ...],
    decisions: tuple[Decision, ...],
) -> tuple[ItemRecordEntry, ...]:
    """Each item with a declaration or a decision, in agenda order (one per number)."""
    language = words.language(view)
    first: dict[str, AgendaItem] = {}
    # One item per number, in agenda order; a number an exempt item shares is exempt (the
    # view's rule), so that item stands for it.
    for item in meeting.agenda:
        number = item.number
        if number is not None and (
            number not in first or (item.exempt and not first[number].exempt)
        ):
            first[number] = item
    entries: list[ItemRecordEntry] = []
    for number, item in first.items():
        declared = [d for d in declarations if d.item == number]
        decided = [d for d in decisions if d.item == number]
        if not declared and not decided:
            continue
        entries.append(
            ItemRecordEntry(
                number=number,
                title=item.title,
                exempt=item.exempt,
                exemption_note=(
                    labels.exempt_note(view.partnership.nation, item.exemption, language)
                    if item.exempt
                    else None
                ),
                declarations=tuple(
                    DeclarationEntry(
                        name=d.name,
                        kind=labels.label(d.kind, language),
                        interest=None if item.exempt else d.interest,
                        left_room=d.left_room,
                    )
                    for d in declared
                ),
                decisions=tuple(
                    _decision(d, exempt=item.exempt, language=language) for d in decided
                ),
            )
        )
    return tuple(entries)


def _decision(decision: Decision, *, exempt: bool, language: i18n.Language) -> DecisionEntry:
    votes = None if exempt else decision.votes
    return DecisionEntry(
        resolution=None if exempt else decision.resolution,
        method=labels.label(decision.method, language),
        in_favour=votes.in_favour if votes else None,
        against=votes.against if votes else None,
        abstentions=votes.abstentions if votes else None,
    )


def _meeting_link(view: PublicView, meeting: Meeting) -> Link:
    language = words.language(view)
    day = dates.long_date(dates.local_day(meeting.start, view.partnership.timezone), language)
    label = compose(
        language, language.translations.gettext("{title}: {day}"), title=meeting.title, day=day
    )
    return Link(label=label, path=meeting_path(meeting))


def action_entry(view: PublicView, state: ActionState, here: Meeting | None = None) -> ActionEntry:
    """An action of the log in words, its meetings linked; ``here``: the page's meeting."""
    partnership = view.partnership
    language = words.language(view)
    action = state.action
    agency = partnership.agency(action.owner_agency).name if action.owner_agency else None
    owner_parts = [part for part in (action.owner_role, agency) if part]
    owner = None
    if len(owner_parts) == 2:
        owner = compose(
            language,
            language.translations.gettext("{role}, {agency}"),
            role=action.owner_role,
            agency=agency,
        )
    elif owner_parts:
        owner = joined(language, owner_parts)
    return ActionEntry(
        title=action.title,
        raised=_meeting_link(view, partnership.meeting(action.raised)),
        item=action.item,
        owner=owner,
        due=dates.long_date(action.due, language) if action.due else None,
        due_iso=action.due.isoformat() if action.due else None,
        status=labels.label(state.status, language),
        overdue=state.overdue,
        closed=state.closed,
        updates=tuple(
            UpdateEntry(
                meeting=_meeting_link(view, partnership.meeting(update.meeting)),
                here=here is not None and update.meeting == here.id,
                status=labels.label(update.status, language),
                note=update.note,
            )
            for update in action.updates
        ),
    )


def meeting_actions(
    view: PublicView, meeting: Meeting
) -> tuple[tuple[ActionEntry, ...], tuple[ActionEntry, ...]]:
    """The public actions raised at ``meeting``, and those raised earlier and updated at it."""
    states = view.actions_of(meeting)
    raised = tuple(
        action_entry(view, state, meeting) for state in states if state.action.raised == meeting.id
    )
    reviewed = tuple(
        action_entry(view, state, meeting) for state in states if state.action.raised != meeting.id
    )
    return raised, reviewed


def open_actions(view: PublicView, *, by_body: bool) -> tuple[ActionsGroup, ...]:
    """The public actions not done or dropped: overdue first, then by due date, then the log's.

    In one group, or one per body (of the meeting that raised them) with ``by_body``.
    """
    partnership = view.partnership
    open_states = sorted(
        ((index, state) for index, state in enumerate(view.actions()) if not state.closed),
        key=lambda pair: (
            not pair[1].overdue,
            pair[1].action.due is None,
            pair[1].action.due or dates.local_day(view.at, partnership.timezone),
            pair[0],
        ),
    )
    if not by_body:
        entries = tuple(action_entry(view, state) for _, state in open_states)
        return (ActionsGroup(body=None, actions=entries),) if entries else ()
    groups: list[ActionsGroup] = []
    for body in partnership.bodies:
        entries = tuple(
            action_entry(view, state)
            for _, state in open_states
            if partnership.meeting(state.action.raised).body == body.id
        )
        if entries:
            groups.append(ActionsGroup(body=body, actions=entries))
    return tuple(groups)
