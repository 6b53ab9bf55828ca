"""``csp check`` for calendars: read every ``.ics`` as calendar apps would, and list problems.

Each calendar is read by two libraries: icalendar (which takes a known TZID from the zone
database) and vobject (which builds each zone from the file's own VTIMEZONE, as Thunderbird
and Outlook do); they must both read it and agree on when every event starts.  Then the RFC
5545 basics of docs/check.md, and, given the previous copy of the file, the update rules of
RFC 5546 section 2.1.4 that clients rely on: an event never vanishes, SEQUENCE never goes
down, DTSTAMP and LAST-MODIFIED never go backwards, a change moves (SEQUENCE, DTSTAMP) and
LAST-MODIFIED, and a change of time, place or status raises SEQUENCE.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

import attrs
from dateutil import rrule

from csp_core import CheckedFile

if TYPE_CHECKING:
    from icalendar import Component

__all__ = ["IcalChecker", "check_calendar"]

MEDIA_TYPES = ("text/calendar",)
SUFFIXES = (".ics",)
MAX_OCTETS = 75
"""RFC 5545 section 3.1: content lines longer than this are folded."""

#: Properties that are stamps, not content: a change of these alone is not a change.
_STAMPS = frozenset({"DTSTAMP", "LAST-MODIFIED", "SEQUENCE"})
#: A change of one of these raises SEQUENCE (RFC 5546 section 2.1.4).
_SIGNIFICANT = ("DTSTART", "DTEND", "DURATION", "LOCATION", "STATUS")
#: Date-time properties that must not be floating.
_TIMES = ("DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE")
_ZONE_PARTS = frozenset({"VTIMEZONE", "STANDARD", "DAYLIGHT"})
_RENAMED = "X-CSP-CHECK-"

#: Every message of this checker, in one place.
_MESSAGES: Final[Mapping[str, str]] = {
    "bare-lf": "line {line} ends with LF, not CRLF ({count} such lines; RFC 5545 section 3.1)",
    "bare-cr": "line {line} holds a CR not followed by LF ({count} such)",
    "no-final-crlf": "the last line does not end with CRLF",
    "long": "line {line} is {octets} octets long: fold lines at 75 octets ({count} such lines)",
    "split-utf8": "line {line} is not UTF-8 on its own: folding split a character",
    "not-utf8": "not UTF-8: {error}",
    "unreadable": "icalendar cannot read it: {error}",
    "not-one": "holds {count} calendars; a subscribed file holds one VCALENDAR",
    "not-vcalendar": "the top component is {name}, not VCALENDAR",
    "version": "VERSION is {value}, not 2.0",
    "prodid": "no PRODID",
    "method": "METHOD is {value}, not PUBLISH (RFC 5546 for a published calendar)",
    "broken": "{where}: {prop} cannot be read: {error}",
    "no-uid": "event #{index} has no UID",
    "no-prop": "event {uid}: no {prop}",
    "dtstamp-utc": "event {uid}: DTSTAMP is not in UTC (write it with Z)",
    "duplicate": "UID {uid} is used by {count} events: one of them is hidden in every client",
    "excluded-override": "event {uid}: its master excludes this occurrence (EXDATE) and "
    "overrides it: ical.js and recurring-ical-events drop the override, libical shows it",
    "orphan-override": "event {uid}: no occurrence of its master starts at its RECURRENCE-ID: "
    "clients show it on its own, beside the master's occurrences, or not at all",
    "no-master": "event {uid}: an override without a master event of its UID",
    "rdate-only": "event {uid}: RDATE without RRULE: ical.js does not count DTSTART as an "
    "occurrence unless an RDATE repeats it, and libical then counts it twice",
    "exdate-zone": "event {uid}: EXDATE is not written in DTSTART's zone ({tzid}): Outlook "
    "2007, 2010 and OWA keep such an occurrence (Microsoft KB 2295902)",
    "recurrence-zone": "event {uid}: RECURRENCE-ID is a local time of {tzid}, but DTSTART of "
    "its master is in {zone}: ical.js (Thunderbird) does not apply such an override",
    "no-vtimezone": "TZID {tzid} is used but no VTIMEZONE defines it: clients guess the offset",
    "floating": "{where}: {prop} is a floating time (no TZID, no Z): each reader's own zone",
    "vobject": "vobject cannot read it: {error}",
    "vobject-floating": "event {uid}: vobject reads DTSTART without a zone: is its VTIMEZONE "
    "right?",
    "disagree": "event {uid}: icalendar reads DTSTART as {icalendar}, vobject (from the file's "
    "VTIMEZONE) as {vobject}: the VTIMEZONE of {tzid} is wrong",
    "previous-unreadable": "cannot compare with the --previous copy: icalendar cannot read it",
    "vanished": "event {uid} vanished: it was in the previous copy; keep it, with "
    "STATUS:CANCELLED if it is cancelled, or subscribers keep it for ever",
    "sequence-down": "event {uid}: SEQUENCE went down from {old} to {new}",
    "backwards": "event {uid}: {prop} went backwards from {old} to {new}",
    "not-newer": "event {uid}: {props} changed but (SEQUENCE, DTSTAMP) stayed ({sequence}, "
    "{stamp}): clients keep the copy they have",
    "last-modified": "event {uid}: {props} changed but LAST-MODIFIED did not move",
    "not-bumped": "event {uid}: {props} changed but SEQUENCE stayed {sequence} (RFC 5546 "
    "section 2.1.4)",
}


@attrs.frozen(kw_only=True)
class IcalChecker:
    """The ``ical`` checker: every calendar read twice, and checked as an update."""

    name: str = "ical"
    description: str = (
        "calendars: read by icalendar and vobject, RFC 5545 basics, RFC 5546 update rules"
    )
    media_types: tuple[str, ...] = MEDIA_TYPES
    suffixes: tuple[str, ...] = SUFFIXES

    def check(self, file: CheckedFile) -> list[str]:
        """The problems of one calendar file, and of it as an update of ``file.previous``."""
        return check_calendar(file.content, file.previous)


def check_calendar(content: bytes, previous: bytes | None = None) -> list[str]:
    """The problems of an iCalendar file, one line each; with ``previous``, as its update."""
    problems = _lines(content)
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as error:
        return [*problems, _MESSAGES["not-utf8"].format(error=error)]
    # Imported here, not when the plugin loads (docs/performance.md, "Start-up").
    from icalendar import Calendar  # noqa: PLC0415

    try:
        calendars = Calendar.from_ical(content, multiple=True)
    except ValueError as error:
        return [*problems, _MESSAGES["unreadable"].format(error=error)]
    if len(calendars) != 1:
        problems.append(_MESSAGES["not-one"].format(count=len(calendars)))
        if not calendars:
            return problems
    calendar = calendars[0]
    problems.extend(_structure(calendar))
    problems.extend(_second_reader(content, calendar))
    if previous is not None:
        try:
            before = Calendar.from_ical(previous)
        except ValueError:
            problems.append(_MESSAGES["previous-unreadable"])
        else:
            problems.extend(_updates(before, calendar))
    return problems


def _lines(content: bytes) -> list[str]:
    """Line endings, line lengths and folding, on the raw octets."""
    problems: list[str] = []
    physical = content.split(b"\n")
    bare_lf = [n for n, line in enumerate(physical[:-1], 1) if not line.endswith(b"\r")]
    if bare_lf:
        problems.append(_MESSAGES["bare-lf"].format(line=bare_lf[0], count=len(bare_lf)))
    bare_cr = [n for n, line in enumerate(physical, 1) if b"\r" in line.rstrip(b"\r")]
    if bare_cr:
        problems.append(_MESSAGES["bare-cr"].format(line=bare_cr[0], count=len(bare_cr)))
    if content and not content.endswith(b"\r\n"):
        problems.append(_MESSAGES["no-final-crlf"])
    lines = [line.removesuffix(b"\r") for line in physical]
    long = [(n, len(line)) for n, line in enumerate(lines, 1) if len(line) > MAX_OCTETS]
    if long:
        first, size = long[0]
        problems.append(_MESSAGES["long"].format(line=first, octets=size, count=len(long)))
    for number, octets in enumerate(lines, 1):
        try:
            octets.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(_MESSAGES["split-utf8"].format(line=number))
            break
    return problems


def _where(component: Component) -> str:
    uid = component.get("UID")
    name = "event" if component.name == "VEVENT" else str(component.name)
    return f"{name} {uid}" if uid is not None else name


def _structure(calendar: Component) -> list[str]:
    """RFC 5545 basics: calendar properties, event properties, zones, floating times."""
    problems: list[str] = []
    if calendar.name != "VCALENDAR":
        problems.append(_MESSAGES["not-vcalendar"].format(name=calendar.name))
    version = str(calendar.get("VERSION", ""))
    if version != "2.0":
        problems.append(_MESSAGES["version"].format(value=version or "missing"))
    if "PRODID" not in calendar:
        problems.append(_MESSAGES["prodid"])
    method = str(calendar.get("METHOD", "")).upper()
    if method != "PUBLISH":
        problems.append(_MESSAGES["method"].format(value=method or "missing"))
    for component in calendar.walk():
        problems.extend(
            _MESSAGES["broken"].format(where=_where(component), prop=prop, error=error)
            for prop, error in component.errors
        )
    problems.extend(_events(calendar))
    problems.extend(_recurrences(calendar))
    defined = {str(zone.get("TZID")) for zone in calendar.walk("VTIMEZONE")}
    used: set[str] = set()
    for component in calendar.walk():
        if component.name in _ZONE_PARTS:
            continue
        for prop, value in component.property_items(recursive=False):
            for one in value if isinstance(value, list) else [value]:
                tzid = getattr(one, "params", {}).get("TZID")
                if tzid is not None:
                    used.add(str(tzid))
                elif prop in _TIMES and _floating(one):
                    where = _where(component)
                    problems.append(_MESSAGES["floating"].format(where=where, prop=prop))
    problems.extend(_MESSAGES["no-vtimezone"].format(tzid=tzid) for tzid in sorted(used - defined))
    return problems


def _floating(value: object) -> bool:
    values = getattr(value, "dts", None) or [value]
    for one in values:
        moment = getattr(one, "dt", None)
        if isinstance(moment, dt.datetime) and moment.tzinfo is None:
            return True
    return False


def _events(calendar: Component) -> list[str]:
    problems: list[str] = []
    counts: dict[str, int] = {}
    for index, event in enumerate(calendar.walk("VEVENT"), 1):
        if "UID" not in event:
            problems.append(_MESSAGES["no-uid"].format(index=index))
            continue
        uid = str(event["UID"])
        key = _key(event)
        counts[key] = counts.get(key, 0) + 1
        for prop in ("DTSTAMP", "DTSTART", "SUMMARY"):
            if prop not in event:
                problems.append(_MESSAGES["no-prop"].format(uid=uid, prop=prop))
        stamp = getattr(event.get("DTSTAMP"), "dt", None)
        if "DTSTAMP" in event and not _is_utc(stamp, event["DTSTAMP"]):
            problems.append(_MESSAGES["dtstamp-utc"].format(uid=uid))
    problems.extend(
        _MESSAGES["duplicate"].format(uid=key, count=count)
        for key, count in counts.items()
        if count > 1
    )
    return problems


def _tzid(prop: object) -> str:
    """The TZID of a date-time property, ``Z`` for UTC, or empty for a floating time or a date."""
    tzid = getattr(prop, "params", {}).get("TZID")
    if tzid is not None:
        return str(tzid)
    values = getattr(prop, "dts", None) or [prop]
    moment = getattr(values[0], "dt", None)
    if isinstance(moment, dt.datetime) and moment.tzinfo is not None:
        return "Z"
    return ""


def _zone_name(tzid: str) -> str:
    return {"Z": "UTC", "": "floating time"}.get(tzid, tzid)


def _listed(event: Component, name: str) -> list[object]:
    value = event.get(name, [])
    return value if isinstance(value, list) else [value]


def _recurrences(calendar: Component) -> list[str]:
    """Repeating events as every client reads them alike (docs/ical.md, 'Repeating meetings').

    An override of an excluded or of no occurrence, an override without a master, a master
    with RDATE but no RRULE, an EXDATE in another zone than DTSTART, and a RECURRENCE-ID in
    another TZID than DTSTART's.
    """
    problems: list[str] = []
    masters: dict[str, Component] = {}
    for event in calendar.walk("VEVENT"):
        if "RECURRENCE-ID" not in event and ("RRULE" in event or "RDATE" in event):
            masters.setdefault(str(event.get("UID")), event)
    for uid, master in masters.items():
        if "RDATE" in master and "RRULE" not in master:
            problems.append(_MESSAGES["rdate-only"].format(uid=uid))
        zone = _tzid(master.get("DTSTART"))
        problems.extend(
            _MESSAGES["exdate-zone"].format(uid=uid, tzid=_zone_name(zone))
            for prop in _listed(master, "EXDATE")
            if _tzid(prop) != zone
        )
    for event in calendar.walk("VEVENT"):
        if "RECURRENCE-ID" not in event or "UID" not in event:
            continue
        key = _key(event)
        parent = masters.get(str(event["UID"]))
        if parent is None:
            problems.append(_MESSAGES["no-master"].format(uid=key))
            continue
        zone, own = _tzid(parent.get("DTSTART")), _tzid(event["RECURRENCE-ID"])
        if own not in {zone, "Z"}:  # ical.js matches an override in UTC, or in the same zone
            problems.append(
                _MESSAGES["recurrence-zone"].format(
                    uid=key, tzid=_zone_name(own), zone=_zone_name(zone)
                )
            )
        problems.extend(_override_problems(key, event, parent))
    return problems


def _override_problems(key: str, event: Component, master: Component) -> list[str]:
    """An override of an occurrence its master excludes, or of none it gives."""
    try:
        recurrence = _moment(event, "RECURRENCE-ID")
        shown, every = _starts(master, excluded=True), _starts(master, excluded=False)
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
        return []  # a rule dateutil cannot expand: the readers above report what they can
    if recurrence is None or recurrence in shown:
        return []
    if recurrence in every:
        return [_MESSAGES["excluded-override"].format(uid=key)]
    return [_MESSAGES["orphan-override"].format(uid=key)]


_MOST_OCCURRENCES = 5000
"""How many occurrences of a master the checker expands (a feed's series has far fewer)."""


def _starts(master: Component, *, excluded: bool) -> set[dt.datetime]:
    """A master's occurrences in UTC (dateutil, in DTSTART's zone), without or with EXDATE."""
    start = master.decoded("DTSTART")
    found = rrule.rruleset()
    found.rdate(start)
    for value in _listed(master, "RRULE"):
        text = value.to_ical().decode()  # type: ignore[attr-defined]
        parsed = rrule.rrulestr(text, dtstart=start)
        if isinstance(parsed, rrule.rrule):
            found.rrule(parsed)
    for value in _listed(master, "RDATE"):
        for moment in value.dts:  # type: ignore[attr-defined]
            found.rdate(moment.dt)
    if excluded:
        for value in _listed(master, "EXDATE"):
            for moment in value.dts:  # type: ignore[attr-defined]
                found.exdate(moment.dt)
    return {
        moment.astimezone(dt.UTC) if isinstance(moment, dt.datetime) else moment
        for moment in itertools.islice(found, _MOST_OCCURRENCES)
    }


def _is_utc(moment: object, prop: object) -> bool:
    return (
        isinstance(moment, dt.datetime)
        and moment.utcoffset() == dt.timedelta(0)
        and "TZID" not in getattr(prop, "params", {})
    )


def _key(event: Component) -> str:
    """An event's identity: its UID, and its RECURRENCE-ID for an override."""
    uid = str(event.get("UID"))
    recurrence = event.get("RECURRENCE-ID")
    if recurrence is None:
        return uid
    moment = getattr(recurrence, "dt", None)
    if isinstance(moment, dt.datetime) and moment.tzinfo is not None:
        # The instant, however it is written: a local time with a TZID, or the same in UTC.
        return f"{uid} (RECURRENCE-ID {_utc(moment)})"
    return f"{uid} (RECURRENCE-ID {recurrence.to_ical().decode()})"


def _unfolded(content: bytes) -> str:
    text = content.decode("utf-8")
    return text.replace("\r\n ", "").replace("\r\n\t", "")


def _own_tzids(text: str) -> str:
    """The calendar with TZIDs only its own VTIMEZONEs define.

    vobject keeps the first zone it reads under a TZID for the rest of the process, and would
    take a known TZID from the zone database; a name of its own per content makes it read
    this file's VTIMEZONE.
    """
    prefix = f"{_RENAMED}{hashlib.sha256(text.encode()).hexdigest()[:16]}/"
    return text.replace("TZID:", f"TZID:{prefix}").replace("TZID=", f"TZID={prefix}")


def _second_reader(content: bytes, calendar: Component) -> list[str]:
    """Problems a second reader shows: vobject cannot read it, or starts an event elsewhen."""
    # Imported here, not when the plugin loads for ``csp build`` (docs/performance.md).
    import vobject  # type: ignore[import-untyped]  # noqa: PLC0415

    try:
        read = vobject.readOne(_own_tzids(_unfolded(content)))
        events = list(read.contents.get("vevent", []))
    except Exception as error:  # noqa: BLE001 - vobject raises many kinds for bad input
        return [_MESSAGES["vobject"].format(error=str(error) or type(error).__name__)]
    theirs: dict[str, object] = {}
    for event in events:
        if "uid" in event.contents and "dtstart" in event.contents:
            theirs.setdefault(str(event.contents["uid"][0].value), event.contents["dtstart"][0])
    problems: list[str] = []
    for event in calendar.walk("VEVENT"):
        if "RECURRENCE-ID" in event or "UID" not in event or "DTSTART" not in event:
            continue
        uid = str(event["UID"])
        other = theirs.pop(uid, None)
        ours = getattr(event["DTSTART"], "dt", None)
        if other is None or not isinstance(ours, dt.datetime) or ours.tzinfo is None:
            continue
        value = getattr(other, "value", None)
        if not isinstance(value, dt.datetime):
            continue
        if value.tzinfo is None:
            problems.append(_MESSAGES["vobject-floating"].format(uid=uid))
        elif value != ours:
            tzid = event["DTSTART"].params.get("TZID", "UTC")
            problems.append(
                _MESSAGES["disagree"].format(
                    uid=uid,
                    icalendar=_utc(ours),
                    vobject=_utc(value),
                    tzid=tzid,
                )
            )
    return problems


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _by_key(calendar: Component) -> dict[str, Component]:
    found: dict[str, Component] = {}
    for event in calendar.walk("VEVENT"):
        if "UID" in event:
            found.setdefault(_key(event), event)
    return found


def _sequence(event: Component) -> int:
    try:
        return int(event.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        return 0


def _moment(event: Component, prop: str) -> dt.datetime | None:
    value = getattr(event.get(prop), "dt", None)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC)
    return None


def _content(event: Component) -> dict[str, list[str]]:
    """An event's content lines by property name, stamps left out."""
    lines: dict[str, list[str]] = {}
    for line in event.content_lines():
        name = str(line).split(":", 1)[0].split(";", 1)[0].upper()
        if name and name not in _STAMPS:
            lines.setdefault(name, []).append(str(line))
    return {name: sorted(values) for name, values in lines.items()}


def _significant(event: Component, prop: str) -> object:
    value = event.get(prop)
    if value is None:
        return None
    moment = getattr(value, "dt", None)
    if isinstance(moment, dt.datetime) and moment.tzinfo is not None:
        return moment.astimezone(dt.UTC)
    if moment is not None:
        return (str(getattr(value, "params", {}).get("TZID", "")), moment)
    return str(value).upper() if prop == "STATUS" else str(value)


def _names(names: Iterable[str]) -> str:
    return ", ".join(sorted(names))


def _updates(before: Component, after: Component) -> list[str]:
    """What breaks RFC 5546 updates for a client that holds ``before``."""
    problems: list[str] = []
    now = _by_key(after)
    for key, old in _by_key(before).items():
        new = now.get(key)
        if new is None:
            problems.append(_MESSAGES["vanished"].format(uid=key))
            continue
        old_sequence, new_sequence = _sequence(old), _sequence(new)
        if new_sequence < old_sequence:
            problems.append(
                _MESSAGES["sequence-down"].format(uid=key, old=old_sequence, new=new_sequence)
            )
        for prop in ("DTSTAMP", "LAST-MODIFIED"):
            was, is_now = _moment(old, prop), _moment(new, prop)
            if was is not None and is_now is not None and is_now < was:
                problems.append(
                    _MESSAGES["backwards"].format(
                        uid=key, prop=prop, old=_utc(was), new=_utc(is_now)
                    )
                )
        old_content, new_content = _content(old), _content(new)
        changed = {
            name
            for name in set(old_content) | set(new_content)
            if old_content.get(name) != new_content.get(name)
        }
        if changed:
            problems.extend(_changed(key, old, new, changed))
        significant = [p for p in _SIGNIFICANT if _significant(old, p) != _significant(new, p)]
        if significant and new_sequence <= old_sequence:
            problems.append(
                _MESSAGES["not-bumped"].format(
                    uid=key, props=_names(significant), sequence=new_sequence
                )
            )
    return problems


def _changed(key: str, old: Component, new: Component, changed: set[str]) -> list[str]:
    problems: list[str] = []
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    old_stamp, new_stamp = _moment(old, "DTSTAMP") or epoch, _moment(new, "DTSTAMP") or epoch
    if (_sequence(new), new_stamp) <= (_sequence(old), old_stamp):
        problems.append(
            _MESSAGES["not-newer"].format(
                uid=key,
                props=_names(changed),
                sequence=_sequence(new),
                stamp=_utc(new_stamp) if new_stamp != epoch else "none",
            )
        )
    old_modified, new_modified = _moment(old, "LAST-MODIFIED"), _moment(new, "LAST-MODIFIED")
    if old_modified is not None and (new_modified is None or new_modified <= old_modified):
        problems.append(_MESSAGES["last-modified"].format(uid=key, props=_names(changed)))
    return problems
