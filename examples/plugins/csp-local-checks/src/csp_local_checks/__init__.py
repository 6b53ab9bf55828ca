"""A council's own rules about its data, run by ``csp validate`` and ``csp status``.

An example of the ``register_data_checks`` hook.  Each check reads the whole partnership (the
private parts too: it runs on the council's own files, before anything is published) and
yields a :class:`csp_core.DataProblem` for each thing to put right, with the field path it is
about (``meetings[3].venue``); the core turns the path into the file and place an officer
edits, and adds the check's name: ``meetings/2019-10-17.toml: meetings[0].venue.postcode:
... [venue-postcodes]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import attrs

from csp_core import (
    Attendance,
    DataCheck,
    DataProblem,
    Partnership,
    dates,
    hookimpl,
)

__all__ = ["PriorityLeads", "VenuePostcodes", "register_data_checks"]

# -- What an officer reads: every message of this plugin, in one place ------------------------

VENUE_POSTCODES = "every public meeting held in person has a venue with a postcode"
NO_VENUE = (
    "the meeting on {day} is held in person but has no venue: give [venue] with its name, "
    "address and postcode, so the public can find it"
)
NO_POSTCODE = "{venue} has no postcode: give one, so the public can find the meeting on {day}"

PRIORITY_LEADS = "every priority of the current plan has a lead officer the public can contact"
LEAD_NOT_PUBLIC = (
    "the lead officer of the priority “{priority}” is not shown to the public: set "
    "public = true, with an email or phone residents may use"
)
LEAD_UNREACHABLE = "give the lead officer of the priority “{priority}” an email or phone"

# -- The rules ----------------------------------------------------------------------------------

#: How people attend when someone has to find the room.
_IN_THE_ROOM = frozenset({Attendance.IN_PERSON, Attendance.MIXED})


@attrs.frozen
class VenuePostcodes:
    """Every public meeting that goes ahead in person has a venue, and the venue a postcode."""

    name: str = "venue-postcodes"
    description: str = VENUE_POSTCODES

    def check(self, partnership: Partnership) -> Iterator[DataProblem]:
        """A problem for each such meeting without a venue, or whose venue has no postcode."""
        for index, meeting in enumerate(partnership.meetings):
            if (
                not meeting.public
                or meeting.attendance not in _IN_THE_ROOM
                or not meeting.goes_ahead  # cancelled or postponed: no room to find
            ):
                continue
            day = dates.long_date(dates.local_day(meeting.start, partnership.timezone))
            where = f"meetings[{index}].venue"
            if meeting.venue is None:
                yield DataProblem(path=where, message=NO_VENUE.format(day=day))
            elif meeting.venue.postcode is None:
                message = NO_POSTCODE.format(venue=meeting.venue.name, day=day)
                yield DataProblem(path=f"{where}.postcode", message=message)


@attrs.frozen
class PriorityLeads:
    """Every priority of the current plan has a lead officer the public can contact.

    The current plan is the one that came into force last (or will: a plan agreed ahead of
    its start is checked before it is published); earlier plans are history.
    """

    name: str = "priority-leads"
    description: str = PRIORITY_LEADS

    def check(self, partnership: Partnership) -> Iterator[DataProblem]:
        """A problem for each priority whose lead is not public, or has no email or phone."""
        own = [plan for plan in partnership.plans if plan.scope is None]
        current = max(own, key=lambda plan: (plan.in_force_from, plan.id), default=None)
        for p_index, plan in enumerate(partnership.plans):
            if plan is not current:
                continue
            for r_index, priority in enumerate(plan.priorities):
                lead, where = priority.lead, f"plans[{p_index}].priorities[{r_index}].lead"
                if not lead.public:
                    message = LEAD_NOT_PUBLIC.format(priority=priority.title)
                    yield DataProblem(path=f"{where}.public", message=message)
                elif lead.email is None and lead.phone is None:
                    message = LEAD_UNREACHABLE.format(priority=priority.title)
                    yield DataProblem(path=where, message=message)


@hookimpl
def register_data_checks(register: Callable[[DataCheck], None]) -> None:
    """Register this council's checks."""
    register(VenuePostcodes())
    register(PriorityLeads())
