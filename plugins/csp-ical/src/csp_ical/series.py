"""Repeating meetings written as one event with an RRULE (option ``series = "rrule"``).

A series of the data (``csp_core.Series``) reaches the view as ordinary meetings, one per
occurrence, each with ``Meeting.series`` saying which series and which occurrence (its original
start, RFC 5545's RECURRENCE-ID).  The ``expanded`` form writes each as an event of its own; this
module writes the ``rrule`` form of RFC 5545 section 3.8.5.3 and 3.8.4.4:

- one *master* event per series, its UID the series' own: DTSTART and DTEND of the series'
  first occurrence, in the partnership's TZID; the series' RRULE with UNTIL in UTC (RFC 5545
  requires UTC when DTSTART has a TZID); an EXDATE for every date the rule gives that has no
  occurrence in the view (the series' exceptions, and occurrences the view does not show);
- an *override* with the same UID and RECURRENCE-ID (the original start, same TZID) for every
  occurrence the master does not describe exactly: moved, cancelled or postponed, its own
  venue, links, agenda, papers or questions.

Everything is taken from the view's occurrences, so this form shows nothing the expanded form
would not: the master's content is that of occurrences the view shows, and the RRULE is public
with the series (the public copy keeps a series only while it is public).  A series whose rule
this module cannot write so that a client expands it to exactly the view's occurrences (a rule
that clients would read differently, an instant a local time cannot name, no VTIMEZONE) is
written in the expanded form: correctness first, grouping second.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from zoneinfo import ZoneInfo

import attrs
from dateutil import rrule
from icalendar import Calendar, Component, Event
from icalendar.prop import vRecur

from csp_core import Meeting, Partnership, PublicView, Series, dates

__all__ = [
    "Group",
    "Previous",
    "duration",
    "groups",
    "instances",
    "series_events",
    "series_uid",
    "uids",
]

#: Properties an override or master keeps of its own, left out when two events are compared.
_OWN = frozenset(
    {"UID", "DTSTART", "DTEND", "DTSTAMP", "LAST-MODIFIED", "CREATED", "SEQUENCE", "URL"}
)


def series_uid(partnership: Partnership, series: Series) -> str:
    """The UID of a series' master and of its overrides: never a meeting's UID."""
    return f"{series.id}@series.{partnership.id}.csp-core"


@attrs.frozen(kw_only=True)
class Group:
    """A series in one calendar: its occurrences there, and the rule that gives their dates."""

    series: Series
    meetings: tuple[Meeting, ...]
    """The view's occurrences of the series in this calendar, in time order."""
    rule: str
    """The RRULE as written: the series' rule with UNTIL the last date it gives, in UTC."""
    starts: tuple[dt.datetime, ...]
    """Every start the written rule gives from the series' start, in UTC, soonest first."""


def _rule_text(series: Series, last: dt.datetime) -> str:
    """The series' rule with COUNT or UNTIL replaced by UNTIL at ``last`` in UTC."""
    parts = [part for part in series.rule.split(";") if part]
    kept = [part for part in parts if part.split("=", 1)[0].upper() not in {"UNTIL", "COUNT"}]
    return ";".join([*kept, f"UNTIL={dates.utc(last):%Y%m%dT%H%M%SZ}"])


def _expand(rule: str, start: dt.datetime, zone: ZoneInfo) -> tuple[dt.datetime, ...]:
    """The starts a client computes from DTSTART and RRULE: local wall-clock times, in UTC."""
    local = start.astimezone(zone)
    found = rrule.rrulestr(rule, dtstart=local, forceset=True)
    return tuple(sorted(dates.utc(moment) for moment in found))


def _group(view: PublicView, series: Series, meetings: Sequence[Meeting]) -> Group | None:
    """The group of a series, or ``None`` when the rrule form would not give its occurrences."""
    zone = view.partnership.timezone
    wall = series.start.astimezone(zone).time()
    rule_dates = [dates.utc(start) for start in series.starts()]
    rule_dates += [
        dates.utc(dt.datetime.combine(day, wall, tzinfo=zone)) for day in series.exceptions
    ]
    if not rule_dates:
        return None
    rule = _rule_text(series, max(rule_dates))
    try:
        starts = _expand(rule, series.start, zone)
    except (ValueError, TypeError):
        return None
    if set(starts) != set(rule_dates) or starts[0] != dates.utc(series.start):
        return None  # the series' dates are not what a client makes of its rule
    if any(start.astimezone(zone).time() != wall for start in starts):
        return None  # a date whose wall-clock time the clocks skip
    recurrences = {dates.utc(meeting.series.recurrence) for meeting in meetings if meeting.series}
    if not recurrences <= set(starts) or len(recurrences) != len(meetings):
        return None
    return Group(series=series, meetings=tuple(meetings), rule=rule, starts=starts)


def groups(view: PublicView, shown: Iterable[Meeting]) -> list[Group]:
    """The series of ``shown`` (one calendar's meetings) that the rrule form can write."""
    by_series: dict[str, list[Meeting]] = {}
    for meeting in shown:
        if meeting.series is not None:
            by_series.setdefault(meeting.series.series, []).append(meeting)
    found = []
    for series in view.partnership.series:
        meetings = by_series.get(series.id)
        if meetings:
            group = _group(view, series, meetings)
            if group is not None:
                found.append(group)
    return found


def _content(event: Event) -> bytes:
    """What a client shows of an event, its own identity and stamps left out."""
    copy = Event()
    for name, value in event.property_items(recursive=False):
        if name not in _OWN and name not in {"BEGIN", "END"}:
            copy.add(name, value, encode=False)
    return bytes(copy.to_ical())


_FOLD = re.compile(rb"\r?\n[ \t]")
_EVENT = re.compile(rb"^BEGIN:VEVENT\r?$(.*?)^END:VEVENT\r?$", re.MULTILINE | re.DOTALL | re.I)
_UID = re.compile(rb"^(?i:UID)([;:])(.*?)\r?$", re.MULTILINE)
_RECURRING = re.compile(rb"^(?i:RRULE|RECURRENCE-ID)[;:]", re.MULTILINE)


def _events(content: bytes) -> list[bytes] | None:
    """The lines of each VEVENT of a calendar file, its folded lines joined (RFC 5545 3.1).

    ``None`` if a ``BEGIN:VEVENT`` is not on a line of its own, closed: then parse the file.
    """
    unfolded = _FOLD.sub(b"", content)
    events: list[bytes] = _EVENT.findall(unfolded)
    return events if len(events) == unfolded.upper().count(b"BEGIN:VEVENT") else None


def uids(previous: bytes) -> set[str] | None:
    """The UIDs of a calendar file's events, read line by line without parsing the file.

    ``None`` when they cannot be read so (a UID with parameters or an escape, or not UTF-8):
    then parse.  Cheap enough to skip the parse of a previous build that has every event
    still there.  An event with no UID gives none.
    """
    events = _events(previous)
    if events is None:
        return None
    found: set[str] = set()
    for event in events:
        for separator, value in _UID.findall(event):
            if separator == b";" or b"\\" in value:
                return None
            try:
                found.add(value.decode("utf-8"))
            except UnicodeDecodeError:
                return None
    return found


@attrs.frozen(kw_only=True)
class Previous:
    """The recurring events of the previous build of a file (``BuildContext.previous``)."""

    masters: Mapping[str, Component] = attrs.field(factory=dict)
    """By UID: each event with an RRULE."""
    overrides: Mapping[str, Mapping[dt.datetime, Component]] = attrs.field(factory=dict)
    """By UID, then by RECURRENCE-ID in UTC."""

    @classmethod
    def read(cls, previous: bytes | None) -> Previous:
        """The previous build's masters and overrides; none from an unreadable file."""
        if previous is None:
            return cls()
        events = _events(previous)
        if events is not None and not any(_RECURRING.search(event) for event in events):
            return cls()  # no recurring event (nor override): no need to parse the file
        masters: dict[str, Component] = {}
        overrides: dict[str, dict[dt.datetime, Component]] = {}
        try:
            for event in Calendar.from_ical(previous).walk("VEVENT"):
                uid = str(event.get("UID", ""))
                if "RECURRENCE-ID" in event:
                    moment = event.decoded("RECURRENCE-ID")
                    if isinstance(moment, dt.datetime):
                        overrides.setdefault(uid, {})[dates.utc(moment)] = event
                elif "RRULE" in event:
                    masters[uid] = event
                    dates.utc(event.decoded("DTSTAMP"))  # readable, or no previous at all
        except (ValueError, KeyError, TypeError, AttributeError):
            return cls()
        return cls(masters=masters, overrides=overrides)

    def instants(self) -> list[dt.datetime]:
        """The starts of every master and override, and the overrides' RECURRENCE-IDs.

        None from a file whose recurring events cannot be read (as :meth:`read` reads none).
        """
        try:
            found = [moment for master in self.masters.values() for moment in instances(master)]
            for overrides in self.overrides.values():
                for recurrence, event in overrides.items():
                    found += [recurrence, dates.utc(event.decoded("DTSTART"))]
        except (ValueError, KeyError, TypeError, AttributeError):
            return []
        return found


#: A change of one of these in a master changes when its occurrences are: SEQUENCE goes up.
_SIGNIFICANT = ("DTSTART", "DTEND", "LOCATION", "STATUS", "RRULE", "EXDATE")
_STAMPS = frozenset({"DTSTAMP", "LAST-MODIFIED", "SEQUENCE"})


def _lines(event: Component) -> dict[str, list[str]]:
    """An event's content lines by property name, its stamps left out."""
    lines: dict[str, list[str]] = {}
    for line in event.content_lines():
        name = str(line).split(":", 1)[0].split(";", 1)[0].upper()
        if name and name not in _STAMPS:
            lines.setdefault(name, []).append(str(line))
    return {name: sorted(values) for name, values in lines.items()}


def instances(event: Component) -> list[dt.datetime]:
    """The starts of a recurring event (RRULE, RDATE, EXDATE) in UTC, soonest first.

    For the cancelled copy of a series that left the data: its instants written out in UTC
    (RDATE), since an RRULE with a UTC DTSTART would expand in UTC, an hour off in summer.
    """
    start = event.decoded("DTSTART")
    found = rrule.rruleset()
    rules = event.get("RRULE", [])
    for rule in rules if isinstance(rules, list) else [rules]:
        parsed = rrule.rrulestr(rule.to_ical().decode(), dtstart=start)
        if not isinstance(parsed, rrule.rrule):
            msg = f"not one RRULE: {rule.to_ical().decode()}"
            raise TypeError(msg)
        found.rrule(parsed)
    if not rules:
        found.rdate(start)
    for name, add in (("RDATE", found.rdate), ("EXDATE", found.exdate)):
        values = event.get(name, [])
        for value in values if isinstance(values, list) else [values]:
            for moment in value.dts:
                add(moment.dt)
    return sorted({dates.utc(moment) for moment in found})


def _continue(master: Event, old: Component | None, at: dt.datetime) -> None:
    """Move the master's stamps on from the previous build's, as RFC 5546 has clients expect.

    The occurrences' stamps usually do (a change to an occurrence moves its stamp past the
    previous build); not when the data itself was edited (an occurrence deleted), so the
    previous master is the floor: never earlier, never a lower SEQUENCE, and a change moves
    DTSTAMP and LAST-MODIFIED on (by a second, never past the instant) and raises SEQUENCE if
    it changes when the occurrences are.
    """
    if old is None:
        return
    stamp = dates.utc(master.decoded("DTSTAMP"))
    sequence = int(master.get("SEQUENCE", 0))
    old_stamp = dates.utc(old.decoded("DTSTAMP"))
    old_sequence = int(old.get("SEQUENCE", 0))
    new_lines, old_lines = _lines(master), _lines(old)
    if new_lines != old_lines:
        if any(new_lines.get(name) != old_lines.get(name) for name in _SIGNIFICANT):
            sequence = max(sequence, old_sequence + 1)
        if stamp <= old_stamp:
            stamp = max(old_stamp, min(old_stamp + dt.timedelta(seconds=1), at))
    stamp, sequence = max(stamp, old_stamp), max(sequence, old_sequence)
    for name in ("DTSTAMP", "LAST-MODIFIED", "SEQUENCE"):
        master.pop(name, None)
    master.add("DTSTAMP", stamp)
    master.add("LAST-MODIFIED", stamp)
    master.add("SEQUENCE", sequence)


Render = Callable[[Meeting, str | None], Event]
"""Renders a meeting as the expanded form would, with its own link or the one given."""
Value = Callable[[dt.datetime], dt.datetime]
"""An instant as the calendar writes it (local time with the TZID, or UTC)."""


def duration(group: Group, default: dt.timedelta) -> dt.timedelta:
    """How long each occurrence of the master lasts: the series' first end, or ``default``."""
    series = group.series
    if series.end is None:
        return default
    return dates.utc(series.end) - dates.utc(series.start)


def series_events(
    group: Group,
    *,
    view: PublicView,
    render: Render,
    value: Value,
    link: str | None,
    default: dt.timedelta,
    previous: Previous,
    cancel: Callable[[Component], Event],
) -> list[Event]:
    """The master and overrides of one series: what a client expands to the view's occurrences.

    ``previous`` is the previous build of the file: its overrides stay overrides, so that no
    event a subscriber holds vanishes (one whose occurrence the view no longer shows, deleted
    from the data, is sent once more as ``cancel`` makes it, cancelled, and its date is not
    excluded: an EXDATE and an override of one date are read differently by different
    clients); its master is the floor of the new master's stamps.

    ``render`` gives a meeting's event as the expanded form writes it (with ``link`` for the
    master's URL and 'More:' line, where the occurrence's own page would be); ``value`` how an
    instant is written; ``default`` the length of a meeting without an end.
    """
    uid = series_uid(view.partnership, group.series)
    length = duration(group, default)
    shared = {meeting.id: _content(render(meeting, link)) for meeting in group.meetings}
    template = _template(group.meetings, shared)
    kept = previous.overrides.get(uid, {})
    shown: set[dt.datetime] = set()
    overrides: list[tuple[dt.datetime, Meeting]] = []
    for meeting in group.meetings:
        assert meeting.series is not None  # noqa: S101 - a group holds occurrences only
        recurrence = dates.utc(meeting.series.recurrence)
        shown.add(recurrence)
        ends = meeting.end or dates.utc(meeting.start) + default
        moved = value(meeting.start) != value(recurrence) or value(ends) != value(
            recurrence + length
        )
        if moved or shared[meeting.id] != shared[template.id] or recurrence in kept:
            overrides.append((recurrence, meeting))
    master = render(template, link)
    _identify(master, uid)
    first = group.starts[0]
    for name in ("DTSTART", "DTEND", "DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "CREATED"):
        master.pop(name, None)
    master.add("DTSTART", value(first))
    master.add("DTEND", value(first + length))
    master.add("RRULE", vRecur.from_ical(group.rule))
    gone = {start: kept[start] for start in group.starts if start in kept and start not in shown}
    excluded = [start for start in group.starts if start not in shown and start not in gone]
    if excluded:
        master.add("EXDATE", [value(start) for start in excluded])
    # The master changes when any occurrence does: the latest stamp and the highest SEQUENCE
    # of the occurrences, which never fall as the instant moves on.
    stamps = [view.stamp(meeting) for meeting in group.meetings]
    modified = max(stamp.modified for stamp in stamps)
    master.add("DTSTAMP", modified)
    master.add("LAST-MODIFIED", modified)
    if group.series.announced is not None:
        master.add("CREATED", dates.utc(group.series.announced))
    master.add("SEQUENCE", max(stamp.sequence for stamp in stamps))
    _continue(master, previous.masters.get(uid), dates.utc(view.at))
    events = [master]
    for recurrence, meeting in sorted(overrides, key=lambda pair: pair[0]):
        override = render(meeting, None)
        _identify(override, uid)
        override.add("RECURRENCE-ID", value(recurrence))
        events.append(override)
    for recurrence, old in sorted(gone.items()):
        copy = cancel(old)
        copy.pop("RECURRENCE-ID")
        copy.add("RECURRENCE-ID", value(recurrence))
        events.append(copy)
    return events


def _template(meetings: Sequence[Meeting], shared: Mapping[str, bytes]) -> Meeting:
    """The occurrence the master copies: of the largest group of alike occurrences.

    Ties go to the group with the latest occurrence (the plain future ones, typically).
    """
    sizes: dict[bytes, int] = {}
    latest: dict[bytes, int] = {}
    for index, meeting in enumerate(meetings):
        content = shared[meeting.id]
        sizes[content] = sizes.get(content, 0) + 1
        latest[content] = index
    best = max(sizes, key=lambda content: (sizes[content], latest[content]))
    return meetings[latest[best]]


def _identify(event: Event, uid: str) -> None:
    event.pop("UID")
    event.add("UID", uid)
