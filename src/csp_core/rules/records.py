"""The record of meetings and the action log at an instant: where each action stands.

An action is raised at a meeting and carried from meeting to meeting: at an instant it stands
as its last update from a meeting that has started by then says, else open, and it is overdue
once its due date has passed (in the partnership's zone) while it is not closed.  Keeping an
action log, and its due dates, is the partnership's own practice, not law (docs/rules.md,
"Actions").  No function here reads the clock.
"""

from __future__ import annotations

import datetime as dt

import attrs

from csp_core.model import Action, ActionStatus, ActionUpdate, Partnership
from csp_core.model._checks import utc

__all__ = ["ActionState", "action_states"]


@attrs.frozen(kw_only=True)
class ActionState:
    """Where an action of the log stands at an instant."""

    action: Action
    status: ActionStatus
    """Its last update's status by the instant (from a meeting that has started), else open."""
    last_update: ActionUpdate | None
    """That update, if any."""
    overdue: bool
    """Its due date has passed (in the partnership's zone) and it is not closed."""

    @property
    def closed(self) -> bool:
        """Done or dropped."""
        return self.status.closed


def action_states(partnership: Partnership, at: dt.datetime) -> tuple[ActionState, ...]:
    """Each action raised at a meeting that started by ``at``, as it stands at ``at``.

    In the order of the log.  In the public view the partnership holds only the public actions
    and updates (:meth:`~csp_core.PublicView.actions`).
    """
    now = utc(at)
    today = at.astimezone(partnership.timezone).date()
    states: list[ActionState] = []
    for action in partnership.actions:
        raised = partnership.meeting(action.raised)
        if utc(raised.start) > now:
            continue
        last = None
        for update in action.updates:
            if utc(partnership.meeting(update.meeting).start) > now:
                break
            last = update
        status = ActionStatus.OPEN if last is None else last.status
        states.append(
            ActionState(
                action=action,
                status=status,
                last_update=last,
                overdue=action.due is not None and action.due < today and not status.closed,
            )
        )
    return tuple(states)
