"""What happened at a meeting: its record (attendance, declarations, decisions), and actions.

A meeting's :class:`MeetingRecord` is what its minutes say: who attended, who sent apologies and
who substituted for whom, the interests declared on each item, and what was decided on each
item.  The partnership's action log (:class:`Action`) carries actions from meeting to meeting
until an update closes them.  The record becomes public with the minutes (docs/public-view.md);
what the law requires of it and what is the partnership's own practice: docs/rules.md.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import attrs

from csp_core import limits
from csp_core.model import _checks
from csp_core.model._checks import fail
from csp_core.model.enums import ActionStatus, DecisionMethod, InterestKind, Presence

__all__ = [
    "Action",
    "ActionUpdate",
    "Attendee",
    "Decision",
    "Declaration",
    "MeetingRecord",
    "Votes",
]


def _not_negative(_instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if value < 0:
        fail(attribute.name, f"{limits.shown(value)} is not a count: give 0 or more")


@attrs.frozen(kw_only=True)
class Attendee:
    """One person in a meeting's attendance list: present, sent apologies, substituted, ..."""

    name: str = attrs.field(validator=_checks.text)
    """As the minutes give it: "Cllr Alex Jones", "Chief Inspector Sam Patel"."""
    agency: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_checks.slug)
    )
    """Id of the agency (or office) they come from."""
    role: str | None = attrs.field(default=None, validator=_checks.text)
    """Their part at the meeting or their post: "Chair", "Superintendent"."""
    presence: Presence = Presence.PRESENT
    on_behalf_of: str | None = attrs.field(default=None, validator=_checks.text)
    """For a substitute: the member they stand in for ("Cllr Sam Lee")."""

    def __attrs_post_init__(self) -> None:
        if self.on_behalf_of is not None and self.presence is not Presence.SUBSTITUTE:
            fail(
                "on_behalf_of",
                "only a substitute attends on behalf of someone: set presence = 'substitute'",
            )


@attrs.frozen(kw_only=True)
class Declaration:
    """An interest declared at a meeting on one of its items (Localism Act 2011 ss.30-31).

    A member with a disclosable pecuniary interest in an item may not take part in it
    (s.31(4)); the model code of conduct asks them to leave the room (``left_room``).  On an
    exempt item the public sees who declared and the kind of interest, never the interest
    itself (docs/public-view.md).
    """

    item: str = attrs.field(validator=_checks.text)
    """The number of the agenda item, as printed ("5a"): one of the meeting's items."""
    name: str = attrs.field(validator=_checks.text)
    """Who declared it."""
    interest: str | None = attrs.field(default=None, validator=_checks.text)
    """What the interest is, as minuted ("Trustee of the night shelter"); ``None`` in the public
    copy of a declaration on an exempt item."""
    kind: InterestKind
    left_room: bool = False
    """Whether they left the room for the item."""


@attrs.frozen(kw_only=True)
class Votes:
    """The counts of a vote."""

    in_favour: int = attrs.field(validator=_not_negative)
    against: int = attrs.field(default=0, validator=_not_negative)
    abstentions: int = attrs.field(default=0, validator=_not_negative)


@attrs.frozen(kw_only=True)
class Decision:
    """What a meeting decided on one of its items, and how."""

    item: str = attrs.field(validator=_checks.text)
    """The number of the agenda item, as printed ("5a"): one of the meeting's items."""
    resolution: str | None = attrs.field(default=None, validator=_checks.text)
    """The resolution as minuted ("That the annual review 2019 be agreed").  ``None`` in the
    public copy of a decision on an exempt item, which keeps only its item and method."""
    method: DecisionMethod = DecisionMethod.AGREED
    votes: Votes | None = None
    """The counts, for a decision by vote (``method = "vote"``) when the minutes give them."""

    def __attrs_post_init__(self) -> None:
        if self.votes is not None and self.method is not DecisionMethod.VOTE:
            fail("votes", "only a decision by vote has votes: set method = 'vote'")


@attrs.frozen(kw_only=True)
class MeetingRecord:
    """The record of a meeting, as its minutes give it: public with the minutes."""

    attendance: tuple[Attendee, ...] = ()
    """Everyone the minutes list: members present, apologies, substitutes, others in attendance."""
    declarations: tuple[Declaration, ...] = ()
    decisions: tuple[Decision, ...] = ()
    """In agenda order, one or more per item decided."""

    def __attrs_post_init__(self) -> None:
        names = Counter(attendee.name for attendee in self.attendance)
        seen: set[str] = set()
        for index, attendee in enumerate(self.attendance):
            if names[attendee.name] > 1 and attendee.name in seen:
                fail(f"attendance[{index}].name", f"{attendee.name!r} is listed twice")
            seen.add(attendee.name)


def item_problems(record: MeetingRecord, numbers: tuple[str, ...]) -> list[tuple[str, str]]:
    """Each declaration and decision of ``record`` whose item is not among ``numbers``."""
    known = ", ".join(numbers) or "none numbered"
    problems: list[tuple[str, str]] = []
    items: list[tuple[str, int, str]] = [
        ("declarations", index, declaration.item)
        for index, declaration in enumerate(record.declarations)
    ]
    items += [
        ("decisions", index, decision.item) for index, decision in enumerate(record.decisions)
    ]
    for field, index, item in items:
        if item not in numbers:
            problems.append(
                (
                    f"record.{field}[{index}].item",
                    f"{item!r} is not an item of this meeting's agenda (items: {known})",
                )
            )
    return problems


@attrs.frozen(kw_only=True)
class ActionUpdate:
    """Where an action stood at a later meeting, as that meeting's minutes record it."""

    meeting: str = attrs.field(validator=_checks.slug)
    """Id of the meeting that reviewed the action (after the one that raised it)."""
    status: ActionStatus
    note: str | None = attrs.field(default=None, validator=_checks.text)
    """What was reported ("Letters sent to 40 landlords; 12 replies")."""


@attrs.frozen(kw_only=True)
class Action:
    """An action of the partnership's action log, carried from meeting to meeting until closed.

    Raised at one meeting (under one of its items, or none), owned by an agency and/or a role,
    perhaps due by a date; each later meeting that reviews it adds an update, and an update
    ``done`` or ``dropped`` closes it.  An action's own status is its last update's, else open.
    Keeping an action log is the partnership's practice, not law (docs/rules.md, "Actions").
    """

    id: str = attrs.field(validator=_checks.slug)
    title: str = attrs.field(validator=_checks.text)
    """What is to be done: "Write to landlords about the new ASB protocol"."""
    raised: str = attrs.field(validator=_checks.slug)
    """Id of the meeting that raised it."""
    item: str | None = attrs.field(default=None, validator=_checks.text)
    """The number of the item of that meeting it was raised under, if any."""
    owner_agency: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_checks.slug)
    )
    """Id of the agency that owns it."""
    owner_role: str | None = attrs.field(default=None, validator=_checks.text)
    """The post that owns it: "Community Safety Manager"."""
    due: dt.date | None = None
    """The date it is due by, if one was set."""
    updates: tuple[ActionUpdate, ...] = ()
    """Its updates, in the order of their meetings' starts."""

    def __attrs_post_init__(self) -> None:
        outside = None if self.due is None else limits.day_out_of_range(self.due)
        if outside is not None:
            fail("due", outside)
        for index in range(1, len(self.updates)):
            if self.updates[index - 1].status.closed:
                fail(
                    f"updates[{index}]",
                    "comes after an update that closed the action (done or dropped)",
                )

    @property
    def status(self) -> ActionStatus:
        """Its last update's status; open before any update."""
        return self.updates[-1].status if self.updates else ActionStatus.OPEN
