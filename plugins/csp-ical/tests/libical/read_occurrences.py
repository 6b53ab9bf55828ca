"""Read .ics files with libical (Evolution's library) and print every occurrence, expanded.

Run by the system's Python, which has libical's GObject bindings (Debian: gir1.2-ical-3.0 and
python3-gi), not by the test virtualenv:

    /usr/bin/python3 read_occurrences.py FILE.ics [FILE.ics ...]

Prints one JSON object: ``{"FILE.ics": [{"uid", "start", "end", "status", "summary",
"allDay"}, ...]}`` with ``start`` and ``end`` as UTC seconds since 1970 (for an all-day event,
``start`` and ``end`` are days as ``[year, month, day]``).

Each master VEVENT is expanded by libical's own ``icalcomponent_foreach_recurrence`` (its
RRULE, RDATE and EXDATE, with the zones of the file's VTIMEZONEs); an instance whose start is
the RECURRENCE-ID of another VEVENT of the same UID is replaced by that override, as a client
shows it.  This script has no dependency beyond libical, so any Python 3 with the bindings runs
it.
"""

from __future__ import annotations

import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402

KIND = ICalGLib.ComponentKind
PROPERTY = ICalGLib.PropertyKind
END_OF_TIME = 2**31 * 2  # libical's time_t spans far beyond any series


def _utc(time: ICalGLib.Time) -> int:
    """Seconds since 1970 of a date-time, in the zone it was read with (UTC for ``Z``)."""
    zone = time.get_timezone()
    if zone is None:
        zone = ICalGLib.Timezone.get_utc_timezone()
    return int(time.as_timet_with_zone(zone))


def _day(time: ICalGLib.Time) -> list[int]:
    return [time.get_year(), time.get_month(), time.get_day()]


def _text(event: ICalGLib.Component, kind: ICalGLib.PropertyKind) -> str | None:
    prop = event.get_first_property(kind)
    return None if prop is None else prop.get_value_as_string()


def _status(event: ICalGLib.Component) -> str | None:
    status = _text(event, PROPERTY.STATUS_PROPERTY)
    return None if status is None else status.upper()


def _record(event: ICalGLib.Component, start: ICalGLib.Time, end: ICalGLib.Time) -> dict:
    day = bool(start.is_date())
    return {
        "uid": event.get_uid(),
        "summary": event.get_summary(),
        "status": _status(event),
        "allDay": day,
        "start": _day(start) if day else _utc(start),
        "end": _day(end) if day else _utc(end),
    }


def _recurrence_id(event: ICalGLib.Component) -> ICalGLib.Time:
    """RECURRENCE-ID with its TZID resolved against the calendar's VTIMEZONEs.

    (``get_recurrenceid`` leaves the zone unresolved: a local time read as UTC.)
    """
    prop = event.get_first_property(PROPERTY.RECURRENCEID_PROPERTY)
    return ICalGLib.Property.get_datetime_with_component(prop, event)


def _single(event: ICalGLib.Component) -> dict:
    start = event.get_dtstart()
    end = event.get_dtend()
    return _record(event, start, end)


def _instances(master: ICalGLib.Component, overrides: dict[int, ICalGLib.Component]) -> list:
    """Every instance of a recurring master, each replaced by its override when it has one."""
    found: list[dict] = []
    start = master.get_dtstart()
    duration = _utc(master.get_dtend()) - _utc(start)

    def each(component: ICalGLib.Component, span: ICalGLib.TimeSpan, _data: object) -> None:
        begins = int(span.get_start())
        override = overrides.pop(begins, None)
        if override is not None:
            found.append(_single(override))
            return
        found.append(
            {
                "uid": master.get_uid(),
                "summary": master.get_summary(),
                "status": _status(master),
                "allDay": False,
                "start": begins,
                "end": begins + duration,
            }
        )

    first = ICalGLib.Time.new_from_timet_with_zone(0, 0, ICalGLib.Timezone.get_utc_timezone())
    last = ICalGLib.Time.new_from_timet_with_zone(
        END_OF_TIME, 0, ICalGLib.Timezone.get_utc_timezone()
    )
    master.foreach_recurrence(first, last, each, None)
    # An override of no instance the master gives (a RECURRENCE-ID it does not generate) is
    # shown on its own by libical-based clients.
    found.extend(_single(override) for override in overrides.values())
    return found


def read(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as file:
        calendar = ICalGLib.Component.new_from_string(file.read())
    events = []
    child = calendar.get_first_component(KIND.VEVENT_COMPONENT)
    while child is not None:
        events.append(child)
        child = calendar.get_next_component(KIND.VEVENT_COMPONENT)
    masters: dict[str, ICalGLib.Component] = {}
    overrides: dict[str, dict[int, ICalGLib.Component]] = {}
    singles: list[ICalGLib.Component] = []
    for event in events:
        if event.get_first_property(PROPERTY.RECURRENCEID_PROPERTY) is not None:
            key = _utc(_recurrence_id(event))
            overrides.setdefault(event.get_uid(), {})[key] = event
        elif any(
            event.get_first_property(kind) is not None
            for kind in (PROPERTY.RRULE_PROPERTY, PROPERTY.RDATE_PROPERTY)
        ):
            masters[event.get_uid()] = event
        else:
            singles.append(event)
    found = [_single(event) for event in singles]
    for uid, master in masters.items():
        found.extend(_instances(master, dict(overrides.pop(uid, {}))))
    for orphans in overrides.values():
        found.extend(_single(event) for event in orphans.values())
    return found


def main(paths: list[str]) -> None:
    json.dump({path: read(path) for path in paths}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
