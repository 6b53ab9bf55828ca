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
from csp_core.rules.schedule import add_months

__all__ = ["PlanStanding", "availability_at", "document_owners", "plan_in_force", "plan_standing"]

Owner = Meeting | CommunitySafetyPlan | None


def plan_in_force(partnership: Partnership, day: dt.date) -> CommunitySafetyPlan | None:
    """The plan with the latest in-force date on or before ``day`` (DOMAIN B2)."""
    candidates = [plan for plan in partnership.plans if plan.in_force_from <= day]
    return max(candidates, key=lambda plan: (plan.in_force_from, plan.id), default=None)


class PlanStanding(StrEnum):
    """Where a community safety plan stands on a day."""

    CURRENT = "current"
    """The plan in force: the latest to come into force by the day."""
    UPCOMING = "upcoming"
    """Not yet in force."""
    PREVIOUS = "previous"
    """Replaced by a later plan in force."""


def plan_standing(
    partnership: Partnership, plan: CommunitySafetyPlan, day: dt.date
) -> PlanStanding:
    """Whether ``plan`` is the current plan on ``day``, an upcoming one or a previous one."""
    current = plan_in_force(partnership, day)
    if current is not None and current.id == plan.id:
        return PlanStanding.CURRENT
    if plan.in_force_from > day:
        return PlanStanding.UPCOMING
    return PlanStanding.PREVIOUS


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
    available on request"); a plan no longer in force takes the ``previous_plans`` availability.
    """
    if not document.is_published_at(at):
        return None
    withdrawn = document.withdrawn_at()
    if withdrawn is not None and withdrawn <= at:
        return Availability.WITHHELD
    policy = partnership.policy
    if isinstance(owner, Meeting):
        if not owner.public:
            return Availability.WITHHELD
        if document.availability is Availability.ONLINE:
            meeting_day = owner.start.astimezone(partnership.timezone).date()
            if (
                add_months(meeting_day, policy.online_months)
                <= at.astimezone(partnership.timezone).date()
            ):
                return Availability.ON_REQUEST
    if isinstance(owner, CommunitySafetyPlan) and document.availability is Availability.ONLINE:
        current = plan_in_force(partnership, at.astimezone(partnership.timezone).date())
        if current is not None and current.in_force_from > owner.in_force_from:
            return policy.previous_plans
    return document.availability
