"""A partnership's publication policy: its promises to the public, every number configurable.

The defaults follow the Cambridge partnership's page (the seed) and the law behind it; each is
explained, with its source, in docs/rules.md.  The rules that apply a policy live in
:mod:`csp_core.rules`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs

from csp_core.limits import POLICY_MAXIMA, day_out_of_range, shown
from csp_core.model._checks import fail
from csp_core.model.enums import AccessPolicy, Availability, MinutesClock, Nation

__all__ = ["LEFT_OUT", "OFF", "STATUTORY_CLEAR_DAYS", "UNIT", "PublicationPolicy"]

#: Field metadata of a policy number that may be ``None``: what it counts ("days"), for the
#: messages that say how to write it.  The converter reads these three keys; see
#: docs/data-files.md, "Policy".
UNIT = "csp_core.unit"
#: Field metadata: ``None`` is written ``false`` in a data file (TOML has no null), and means
#: this ("no draft agenda").  ``dump()`` writes ``false``; JSON's and YAML's null also load.
OFF = "csp_core.off"
#: Field metadata: ``None`` is written by leaving the field out, and means this ("the nation's
#: minimum").  ``false`` is refused, with a message saying to leave the field out.
LEFT_OUT = "csp_core.left_out"


#: Clear days' notice of agenda and reports in each nation's access-to-information law (the
#: ``clear_days`` of :data:`~csp_core.ACCESS_LAW`): England: LGA 1972 s.100B(3) (five); Wales:
#: s.100B(3) as it applies in Wales (three); Scotland: LG (Scotland) Act 1973 s.50B(3) (three);
#: Northern Ireland: LG Act (NI) 2014 Part 8 (three; not verified, see docs/rules.md).
STATUTORY_CLEAR_DAYS: dict[Nation, int] = {
    Nation.ENGLAND: 5,
    Nation.WALES: 3,
    Nation.SCOTLAND: 3,
    Nation.NORTHERN_IRELAND: 3,
}


def _in_range(low: int) -> Callable[[object, attrs.Attribute[Any], int | None], None]:
    """A validator: a whole number from ``low`` to the field's maximum in POLICY_MAXIMA."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
        high = POLICY_MAXIMA[attribute.name]
        if value is not None and not low <= value <= high:
            fail(attribute.name, f"{shown(value)} is not allowed here: give {low} to {high}")

    return check


_not_negative = _in_range(0)
_positive = _in_range(1)


def _days(_instance: object, attribute: attrs.Attribute[Any], value: tuple[dt.date, ...]) -> None:
    for index, day in enumerate(value):
        outside = day_out_of_range(day)
        if outside is not None:
            fail(f"{attribute.name}[{index}]", outside)


@attrs.frozen(kw_only=True)
class PublicationPolicy:
    """What the partnership publishes, by when, and for how long.  See docs/rules.md."""

    access: AccessPolicy = AccessPolicy.VOLUNTARY
    """The nation's access law (:data:`~csp_core.ACCESS_LAW`): rarely binds, often followed (C1)."""
    clear_working_days: int | None = attrs.field(
        default=None,
        validator=_not_negative,
        metadata={UNIT: "working days", LEFT_OUT: "the nation's minimum"},
    )
    """Clear working days' notice of the agenda and papers; ``None``: the nation's minimum."""
    draft_agenda_days: int | None = attrs.field(
        default=14, validator=_not_negative, metadata={UNIT: "days", OFF: "no draft agenda"}
    )
    """Draft agenda "around two weeks before" (seed); ``None`` (``false`` in a data file) if no
    draft agenda is promised."""
    agenda_days: int = attrs.field(default=7, validator=_not_negative)
    """Agenda and papers "in the week before the meeting" (seed): target days before."""
    minutes_from: MinutesClock = MinutesClock.NEXT_MEETING
    """Minutes are agreed at the next meeting, then published (Cambridge practice)."""
    minutes_working_days: int = attrs.field(default=10, validator=_not_negative)
    """Working days after ``minutes_from`` by which the minutes are due."""
    online_months: int = attrs.field(default=12, validator=_positive)
    """Meeting documents stay online this long after the meeting, then "on request" (seed)."""
    retention_years: int = attrs.field(default=6, validator=_positive)
    """Minutes, agenda and reports are kept six years (LGA 1972 s.100C; Scotland s.50C)."""
    background_papers_years: int = attrs.field(default=4, validator=_positive)
    """Background papers are kept four years (LGA 1972 s.100D(2); Scotland s.50D(2))."""
    plan_check_months: int = attrs.field(default=12, validator=_positive)
    """The plan is checked against a new strategic assessment every year (2007 Regs, seed)."""
    assessment_months: int = attrs.field(default=12, validator=_positive)
    """A strategic assessment is prepared every year (2007 Regulations, reg. 5)."""
    annual_review_months: int = attrs.field(default=12, validator=_positive)
    """An annual review each year (seed: "The annual review for 2018")."""
    previous_plans: Availability = Availability.ON_REQUEST
    """Plans no longer in force: "Previous plans are available upon request" (seed)."""
    closures: tuple[dt.date, ...] = attrs.field(default=(), validator=_days)
    """The partnership's own non-working days, on top of weekends and bank holidays."""
    record_attendance: bool = False
    """Practice check: minutes published without the meeting's attendance are reported
    (``csp status``; the partnership's own practice, not law: docs/rules.md)."""
    record_decisions: bool = False
    """Practice check: minutes published without a decision on each numbered item that is not
    exempt are reported (the partnership's own practice, not law: docs/rules.md)."""

    def clear_days_for(self, nation: Nation) -> int | None:
        """Clear working days' notice required, or ``None`` when the access policy is none."""
        if self.access is AccessPolicy.NONE:
            return None
        if self.clear_working_days is not None:
            return self.clear_working_days
        return STATUTORY_CLEAR_DAYS[nation]
