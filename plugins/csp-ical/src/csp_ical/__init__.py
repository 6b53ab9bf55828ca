"""csp-ical: iCalendar feeds of a Community Safety Partnership's public meetings.

A csp-core plugin (entry point ``ical`` in the group ``csp_core``) that registers the ``ical``
publisher.  From the public view at the build's instant it makes:

- ``calendar.ics``: every public meeting of every body of the partnership;
- ``bodies/{body}.ics``: the meetings of one public body (a private body has none);
- ``deadlines.ics``: an all-day event on each publication deadline (option ``deadlines``);
- built with other partnerships, ``calendar.ics`` at the top: every partnership's meetings.

See ``docs/ical.md`` for every property and why it is there.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from csp_core import (
    BuildContext,
    Checker,
    CombinedContext,
    Option,
    OutputFile,
    Publisher,
    hookimpl,
)
from csp_ical.check import IcalChecker
from csp_ical.options import OPTIONS

if TYPE_CHECKING:
    from csp_ical.calendars import MEDIA_TYPE, PRODID
    from csp_ical.vtimezone import ZoneRuleError

__all__ = [
    "MEDIA_TYPE",
    "PRODID",
    "IcalChecker",
    "IcalPublisher",
    "ZoneRuleError",
    "register_checkers",
    "register_publishers",
]


#: Names defined in the modules that import icalendar, by module: imported when first asked
#: for, so that loading the plugin (every ``csp`` command) does not import icalendar; the
#: publisher imports them when it renders (docs/performance.md, "Start-up").
_LATER = {
    "MEDIA_TYPE": "csp_ical.calendars",
    "PRODID": "csp_ical.calendars",
    "ZoneRuleError": "csp_ical.vtimezone",
}

if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        """``MEDIA_TYPE``, ``PRODID`` and ``ZoneRuleError``, from their modules (PEP 562)."""
        if name not in _LATER:
            msg = f"module {__name__!r} has no attribute {name!r}"
            raise AttributeError(msg)
        value = getattr(importlib.import_module(_LATER[name]), name)
        globals()[name] = value
        return value


@attrs.frozen(kw_only=True)
class IcalPublisher:
    """The ``ical`` publisher: subscribable iCalendar feeds of the public meetings."""

    name: str = "ical"
    description: str = (
        "iCalendar feeds: every public meeting, each body's meetings, and publication deadlines"
    )
    outputs: tuple[str, ...] = ("calendar.ics", "bodies/{body}.ics", "deadlines.ics")
    options: tuple[Option[Any], ...] = OPTIONS

    def render(self, context: BuildContext) -> list[OutputFile]:
        """The calendars of ``context.view``: the same context always gives the same bytes.

        The options are already parsed and checked by the core (``context.value``).

        Raises:
            ZoneRuleError: an event would use a TZID the calendar has no VTIMEZONE for (a bug).
        """
        from csp_ical.calendars import render_calendars  # noqa: PLC0415 - see _LATER

        return render_calendars(context)

    def combine(self, context: CombinedContext) -> list[OutputFile]:
        """The county calendar ``calendar.ics`` of partnerships built together (docs/county.md).

        Raises:
            ZoneRuleError: an event would use a TZID the calendar has no VTIMEZONE for (a bug).
        """
        from csp_ical.county import render_county  # noqa: PLC0415 - see _LATER

        return render_county(context)


@hookimpl
def register_publishers(register: Callable[[Publisher], None]) -> None:
    """Register the ``ical`` publisher with csp-core."""
    register(IcalPublisher())


@hookimpl
def register_checkers(register: Callable[[Checker], None]) -> None:
    """Register the ``ical`` checker of ``csp check`` with csp-core."""
    register(IcalChecker())
