"""Publication rules: pure functions of a partnership and an instant.

- :mod:`~csp_core.rules.working_days`: clear working days with each nation's bank holidays;
- :mod:`~csp_core.rules.schedule`: every duty to publish, with its target and deadline;
- :mod:`~csp_core.rules.availability`: how each document can be had at an instant;
- :mod:`~csp_core.rules.retention`: availability after the meeting, withdrawals before it;
- :mod:`~csp_core.rules.status`: what is next, due soon, overdue, late or on time;
- :mod:`~csp_core.rules.timeline`: the stream of public publication events, with stable ids.

No function here reads the clock: the instant is always an argument.
"""

from csp_core.rules.availability import (
    PlanStanding,
    availability_at,
    document_owners,
    plan_in_force,
    plan_standing,
    plans_in_force,
)
from csp_core.rules.retention import (
    RetentionBreach,
    kept_until_meeting,
    retained_until,
    retention_breaches,
)
from csp_core.rules.schedule import (
    Duty,
    DutyKind,
    Severity,
    add_months,
    duties,
    in_force_until,
    replaced_by,
)
from csp_core.rules.status import (
    DocumentState,
    DutyState,
    Standing,
    Status,
    assess,
    last_day_to_publish,
    status,
)
from csp_core.rules.timeline import Event, EventKind, timeline
from csp_core.rules.working_days import (
    WorkingCalendar,
    clear_working_days,
    latest_publication_date,
)

__all__ = [
    "DocumentState",
    "Duty",
    "DutyKind",
    "DutyState",
    "Event",
    "EventKind",
    "PlanStanding",
    "RetentionBreach",
    "Severity",
    "Standing",
    "Status",
    "WorkingCalendar",
    "add_months",
    "assess",
    "availability_at",
    "clear_working_days",
    "document_owners",
    "duties",
    "in_force_until",
    "kept_until_meeting",
    "last_day_to_publish",
    "latest_publication_date",
    "plan_in_force",
    "plan_standing",
    "plans_in_force",
    "replaced_by",
    "retained_until",
    "retention_breaches",
    "status",
    "timeline",
]
