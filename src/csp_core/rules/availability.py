"""Which documents the public can get at an instant, and how: online, on request, or not at all."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from csp_core.model import (
    Availability,
    CommunitySafetyPlan,
    Document,
    Meeting,
    Partnership,
)
from csp_core.rules.schedule import add_months, in_force_until, replaced_by

__all__ = [
    "PlanStanding",
    "availability_at",
    "document_owners",
    "in_force_until",
    "plan_in_force",
    "plan_standing",
    "plans_in_force",
    "replaced_by",
]

Owner = Meeting | CommunitySafetyPlan | None


def plans_in_force(partnership: Partnership, day: dt.date) -> tuple[CommunitySafetyPlan, ...]:
    """Every plan in force on ``day``: the partnership's own first, then adopted ones by scope.

    A plan is in force from ``in_force_from`` to :func:`in_force_until`, both days included; at
    most one of each scope is.
    """
    return tuple(
        sorted(
            (
                plan
                for plan in partnership.plans
                if plan.in_force_from <= day <= in_force_until(partnership, plan)
            ),
            key=lambda plan: (plan.scope is not None, plan.scope or "", plan.id),
        )
    )


def plan_in_force(partnership: Partnership, day: dt.date) -> CommunitySafetyPlan | None:
    """The partnership's own plan in force on ``day``, if any.

    ``None`` before its first plan and once its last one has expired.  Adopted plans of another
    scope: :func:`plans_in_force`.
    """
    own = plans_in_force(partnership, day)
    return own[0] if own and own[0].scope is None else None


class PlanStanding(StrEnum):
    """Where a community safety plan stands on a day."""

    CURRENT = "current"
    """The plan in force: come into force by the day, its period not over, not replaced."""
    UPCOMING = "upcoming"
    """Not yet in force."""
    PREVIOUS = "previous"
    """Replaced: a later plan of its scope has come into force since."""
    EXPIRED = "expired"
    """Its period is over and no later plan of its scope has come into force yet."""


def plan_standing(
    partnership: Partnership, plan: CommunitySafetyPlan, day: dt.date
) -> PlanStanding:
    """Whether ``plan`` is current on ``day``, upcoming, previous (replaced) or expired."""
    if plan.in_force_from > day:
        return PlanStanding.UPCOMING
    until = in_force_until(partnership, plan)
    if day <= until:
        return PlanStanding.CURRENT
    successor = replaced_by(partnership, plan)
    if successor is not None and successor.in_force_from <= day:
        return PlanStanding.PREVIOUS
    return PlanStanding.EXPIRED


def document_owners(partnership: Partnership) -> dict[str, Owner]:
    """Each document id mapped to the meeting or plan it belongs to (``None`` for others)."""
    owners: dict[str, Owner] = {document.id: None for document in partnership.documents()}
    for plan in partnership.plans:
        owners.update((document.id, plan) for document in plan.documents)
    for meeting in partnership.meetings:
        owners.update((document.id, meeting) for document in meeting.documents)
    return owners


def availability_at(
    partnership: Partnership, document: Document, owner: Owner, at: dt.datetime
) -> Availability | None:
    """How the public can get ``document`` at ``at``; ``None`` before it is published.

    Declared availability is the starting point.  A withdrawn document is withheld from its
    withdrawal; a private meeting's documents are withheld; an online meeting document moves to
    "on request" ``online_months`` after its meeting ("minutes from earlier meetings are
    available on request"); a plan a later plan has replaced takes the ``previous_plans``
    availability (an expired plan with no successor yet keeps its own).
    """
    if not document.is_published_at(at):
        return None
    withdrawn = document.withdrawn_at()
    if withdrawn is not None and withdrawn <= at:
        return Availability.WITHHELD
    policy = partnership.policy
    if isinstance(owner, Meeting):
        if not partnership.is_public(owner):
            return Availability.WITHHELD
        if document.availability is Availability.ONLINE:
            meeting_day = owner.start.astimezone(partnership.timezone).date()
            if (
                add_months(meeting_day, policy.online_months)
                <= at.astimezone(partnership.timezone).date()
            ):
                return Availability.ON_REQUEST
    if isinstance(owner, CommunitySafetyPlan) and document.availability is Availability.ONLINE:
        day = at.astimezone(partnership.timezone).date()
        if any(
            plan.scope == owner.scope and owner.in_force_from < plan.in_force_from <= day
            for plan in partnership.plans
        ):
            return policy.previous_plans
    return document.availability
