"""Repeating series of meetings: one RFC 5545 rule for many meetings of a body.

A :class:`Series` gives a body's regular meetings once: the first meeting's start and end, an
RFC 5545 recurrence rule (``FREQ=MONTHLY;BYDAY=3TH;UNTIL=20260331``), the dates the rule gives
that have no meeting (``exceptions``) and one-off changes to single meetings
(:class:`Occurrence`: moved, cancelled, with their agenda and papers).  It expands into
ordinary :class:`~csp_core.model.Meeting` objects (:meth:`Series.meetings`), each linked back
by its :class:`SeriesLink`; the loader appends them to ``Partnership.meetings``, so every rule,
``csp status``, the public view and every publisher treat each occurrence as the meeting it is.

The rule is expanded in local wall-clock time (RFC 5545, 3.3.10): every meeting starts at the
first one's time of day across clock changes.  A time the clocks skip on a spring-forward day
is read with the offset before the gap (01:30 becomes 02:30 summer time), and a time that
happens twice on an autumn day is the first of the two (summer time), as RFC 5545, 3.3.5, has
calendar programs read a local time; every meeting lasts as long as the first (3.8.5.3).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterator
from typing import Any

import attrs
from dateutil import rrule as _rrule

from csp_core import limits
from csp_core.errors import InvalidModel
from csp_core.model import _checks
from csp_core.model._checks import fail, long_date, utc
from csp_core.model.documents import Document
from csp_core.model.enums import Attendance, ChangeKind, MeetingStatus
from csp_core.model.meetings import (
    AgendaItem,
    Meeting,
    MeetingChange,
    Online,
    Questions,
    SeriesLink,
    ShortNotice,
)
from csp_core.model.places import Venue
from csp_core.model.records import MeetingRecord

__all__ = ["Occurrence", "Series", "SeriesLink"]

_FREQUENCIES = {
    "DAILY": _rrule.DAILY,
    "WEEKLY": _rrule.WEEKLY,
    "MONTHLY": _rrule.MONTHLY,
    "YEARLY": _rrule.YEARLY,
}
_DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_BYDAY = re.compile(r"([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_NUMBER = re.compile(r"[+-]?\d{1,4}")
_UNTIL = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?")
_REFUSED = {
    "BYHOUR": "every meeting of a series starts at the first one's time of day",
    "BYMINUTE": "every meeting of a series starts at the first one's time of day",
    "BYSECOND": "every meeting of a series starts at the first one's time of day",
    "BYWEEKNO": "csp-core does not support week numbers: use BYMONTH and BYDAY",
    "BYYEARDAY": "csp-core does not support days of the year: use BYMONTH and BYMONTHDAY",
    "RSCALE": "csp-core supports the Gregorian calendar only",
    "SKIP": "csp-core supports the Gregorian calendar only",
}
_SUB_DAILY = ("SECONDLY", "MINUTELY", "HOURLY")
_MAX_INTERVAL = 1000
_HEAD = re.compile(r"[a-z_]+")
_TOO_MANY = (
    f"gives more than {limits.MAX_SERIES_MEETINGS} meetings, the most a series may have: end it "
    "sooner (COUNT or UNTIL) and start a new series after"
)
_KNOWN = frozenset(
    ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST")
)
_SUPPORTED = "FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS and WKST"


@attrs.frozen(kw_only=True)
class Occurrence:
    """A one-off change to one meeting of a series, keyed by the date the rule gives it.

    Each field left out (``None`` or empty) is as the series has it.  A new ``start`` moves
    the meeting (it is then rescheduled, and needs a ``changes`` record with ``what =
    ["time"]``, as a moved meeting does); a ``status`` of ``cancelled`` or ``postponed``
    needs a change with ``what = ["status"]``.  The meeting keeps its id, made from the
    series' id and this original date, when it moves.
    """

    date: dt.date
    """The date the rule gives the meeting (one of the series' dates), even if it moved."""
    start: dt.datetime | None = attrs.field(default=None, validator=_checks.aware)
    """A new start: the meeting moved (then ``changes`` records when that was announced)."""
    end: dt.datetime | None = attrs.field(default=None, validator=_checks.aware)
    """A new end; by default the new start plus the series' length of meeting."""
    status: MeetingStatus | None = None
    status_note: str | None = attrs.field(default=None, validator=_checks.text)
    replaced_by: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_checks.slug)
    )
    title: str | None = attrs.field(default=None, validator=_checks.text)
    venue: Venue | None = None
    attendance: Attendance | None = None
    online: Online | None = None
    questions: Questions | None = None
    agenda: tuple[AgendaItem, ...] = ()
    documents: tuple[Document, ...] = ()
    changes: tuple[MeetingChange, ...] = ()
    short_notice: ShortNotice | None = None
    last_changed: dt.datetime | None = attrs.field(default=None, validator=_checks.aware)
    record: MeetingRecord | None = None
    """What happened at the meeting, as its minutes record it (:attr:`Meeting.record`)."""

    def __attrs_post_init__(self) -> None:
        outside = limits.day_out_of_range(self.date)
        if outside is not None:
            fail("date", outside)


@attrs.frozen(kw_only=True)
class Series:
    """A body's meetings that repeat by a rule (RFC 5545 RRULE), and the changes to single ones.

    The meetings' ids are ``{id}-{date}`` (``asb-group-2026-01-13``) for the date the rule gives
    each: stable when a meeting moves, so links and calendar entries keep pointing at it.
    Constructing a series expands it and checks every meeting; a problem raises
    :class:`~csp_core.errors.InvalidModel` naming the field that causes it
    (``occurrences[1].start``, ``rule``, ``exceptions[0]``).
    """

    id: str = attrs.field(validator=_checks.slug)
    body: str = attrs.field(validator=_checks.slug)
    """Id of the body that meets."""
    title: str = attrs.field(validator=_checks.text)
    """Every meeting's title (an occurrence may give its own)."""
    start: dt.datetime = attrs.field(validator=_checks.aware)
    """The first meeting's start (DTSTART), in the partnership's time zone: a date the rule
    gives, at the time of day every meeting starts."""
    end: dt.datetime | None = attrs.field(default=None, validator=_checks.aware)
    """The first meeting's end: every meeting lasts as long."""
    rule: str
    """The recurrence rule, an RFC 5545 RRULE value with COUNT or UNTIL (no endless series):
    ``FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260831``."""
    exceptions: tuple[dt.date, ...] = ()
    """Dates the rule gives on which there is no meeting at all (RFC 5545 EXDATE)."""
    occurrences: tuple[Occurrence, ...] = ()
    """Changes to single meetings, each keyed by its original date."""
    venue: Venue | None = None
    attendance: Attendance = Attendance.IN_PERSON
    online: Online | None = None
    """Links for every meeting (a standing join link); a recording belongs to one meeting."""
    public: bool = True
    questions: Questions | None = None
    """How to ask every meeting a question; a deadline belongs to one meeting."""
    announced: dt.datetime | None = attrs.field(default=None, validator=_checks.aware)
    """When the series (all its dates) was first made public."""

    def __attrs_post_init__(self) -> None:
        longest = limits.MAX_ID_CHARS - len("-2026-01-13")
        if len(self.id) > longest:
            fail("id", f"is {len(self.id)} characters long; a series' id has at most {longest}")
        if self.end is not None and utc(self.end) <= utc(self.start):
            fail("end", "is not after the start")
        if self.start.microsecond:
            fail("start", "give the time to the second at most")
        _check_series_fields(self)
        _expand(self)  # raises InvalidModel for any problem

    def dates(self) -> tuple[dt.date, ...]:
        """Every date the rule gives, exceptions included, soonest first."""
        return tuple(start.date() for start in _expand(self).rule_starts)

    def starts(self) -> tuple[dt.datetime, ...]:
        """The meetings' original starts, as the rule gives them, after exceptions; soonest first.

        Aware, in the start's time zone; a moved meeting's original start is among them.
        """
        return _expand(self).starts

    def meetings(self) -> tuple[Meeting, ...]:
        """The series' meetings, soonest original date first, each with its :class:`SeriesLink`.

        Build a partnership in code with them among its meetings:
        ``Partnership(..., series=(series,), meetings=(*others, *series.meetings()))``.
        """
        return _expand(self).meetings

    def field_path(self, day: dt.date, path: str) -> str:
        """Where, in the series, the field ``path`` of its meeting of ``day`` is written.

        ``documents[0].url`` of a meeting whose occurrence gives its documents is
        ``occurrences[2].documents[0].url``; ``venue`` of one that keeps the series' venue is
        ``venue``; ``previous_start`` (a move) is the occurrence's ``start``.
        """
        return _field_path(self, day, path)


@attrs.frozen
class _Expanded:
    rule_starts: tuple[dt.datetime, ...]
    starts: tuple[dt.datetime, ...]
    meetings: tuple[Meeting, ...]


# -- the rule ----------------------------------------------------------------------------------


def _parts(rule: str) -> dict[str, str]:
    if not rule.strip():
        fail("rule", "give a rule such as FREQ=MONTHLY;BYDAY=2TU;COUNT=12")
    if rule.upper().startswith("RRULE:"):
        fail("rule", "write the rule without 'RRULE:' (FREQ=MONTHLY;...)")
    if any(ch.isspace() for ch in rule):
        fail("rule", f"{limits.shown(rule)} has a space: write the parts with no spaces")
    parts: dict[str, str] = {}
    for part in rule.split(";"):
        name, sign, value = part.partition("=")
        name = name.upper()
        if not sign or not name or not value:
            fail("rule", f"{limits.shown(part)} is not a rule part: write NAME=VALUE")
        if name in parts:
            fail("rule", f"gives {name} twice")
        parts[name] = value.upper()
    return parts


def _number(name: str, value: str, low: int, high: int, *, zero: bool = True) -> int:
    if not _NUMBER.fullmatch(value):
        fail("rule", f"{name}={limits.shown(value)}: expected a whole number")
    number = int(value)
    if not low <= number <= high or (number == 0 and not zero):
        fail("rule", f"{name}={value} is outside {low} to {high}{'' if zero else ' (not 0)'}")
    return number


def _numbers(name: str, value: str, low: int, high: int) -> tuple[int, ...]:
    return tuple(_number(name, item, low, high, zero=False) for item in value.split(","))


def _until(value: str, start: dt.datetime) -> dt.datetime:
    """UNTIL as a naive local wall-clock time (a date: the end of that day)."""
    found = _UNTIL.fullmatch(value)
    try:
        if found is None:
            raise ValueError
        day = dt.date(int(found[1]), int(found[2]), int(found[3]))
        if found[4] is None:
            return dt.datetime.combine(day, dt.time(23, 59, 59))
        moment = dt.datetime.combine(day, dt.time(int(found[4]), int(found[5]), int(found[6])))
    except ValueError:
        fail(
            "rule",
            f"UNTIL={limits.shown(value)} is not a date (20260831) or a date and time "
            "(20260831T235959Z)",
        )
    outside = limits.day_out_of_range(day)
    if outside is not None:
        fail("rule", f"UNTIL: {outside}")
    if found[7]:
        return moment.replace(tzinfo=dt.UTC).astimezone(start.tzinfo).replace(tzinfo=None)
    return moment


def _weekdays(value: str, frequency: str) -> list[_rrule.weekday]:
    days: list[_rrule.weekday] = []
    for item in value.split(","):
        found = _BYDAY.fullmatch(item)
        if found is None:
            fail(
                "rule",
                f"BYDAY={limits.shown(item)} is not a day: write MO, TU, WE, TH, FR, SA or SU, "
                "with a number before it for the nth of the month (2TU, -1FR)",
            )
        if found[2] is None:
            days.append(_rrule.weekday(_DAYS[found[3]]))
            continue
        nth = int(found[2]) * (-1 if found[1] == "-" else 1)
        most = {"MONTHLY": 5, "YEARLY": 53}.get(frequency)
        if most is None:
            fail("rule", f"BYDAY={item}: a numbered day is for FREQ=MONTHLY or YEARLY only")
        if nth == 0 or abs(nth) > most:
            fail("rule", f"BYDAY={item}: the number is 1 to {most} or -1 to -{most}")
        days.append(_rrule.weekday(_DAYS[found[3]], nth))
    return days


def _parse(series: Series) -> tuple[dict[str, Any], int | None]:
    """The rrule arguments of ``series.rule`` (UNTIL as a naive local time), and its COUNT."""
    parts = _parts(series.rule)
    for name in parts:
        if name in _REFUSED:
            fail("rule", f"{name} is not supported: {_REFUSED[name]}")
        if name not in _KNOWN:
            fail("rule", f"{limits.shown(name)} is not a rule part csp-core knows ({_SUPPORTED})")
    frequency = parts.get("FREQ")
    if frequency is None:
        fail("rule", "say how often: FREQ=WEEKLY, MONTHLY or YEARLY (or DAILY)")
    if frequency in _SUB_DAILY:
        fail("rule", f"FREQ={frequency}: a series repeats daily at most often")
    if frequency not in _FREQUENCIES:
        fail("rule", f"FREQ={limits.shown(frequency)} is not DAILY, WEEKLY, MONTHLY or YEARLY")
    if "COUNT" in parts and "UNTIL" in parts:
        fail("rule", "give COUNT or UNTIL, not both")
    if "COUNT" not in parts and "UNTIL" not in parts:
        fail(
            "rule",
            "never ends: give the number of meetings (COUNT=12) or the last date (UNTIL=20260831)",
        )
    arguments: dict[str, Any] = {"freq": _FREQUENCIES[frequency]}
    count = None
    if "COUNT" in parts:
        count = _number("COUNT", parts["COUNT"], 1, 10**9, zero=False)
        if count > limits.MAX_SERIES_MEETINGS:
            fail("rule", _TOO_MANY)
    if "UNTIL" in parts:
        arguments["until"] = _until(parts["UNTIL"], series.start)
    if "INTERVAL" in parts:
        arguments["interval"] = _number("INTERVAL", parts["INTERVAL"], 1, _MAX_INTERVAL, zero=False)
    arguments.update(_by_parts(parts, frequency))
    return arguments, count


def _by_parts(parts: dict[str, str], frequency: str) -> dict[str, Any]:
    """The rrule arguments of the BYxxx parts and WKST."""
    arguments: dict[str, Any] = {}
    if "BYDAY" in parts:
        arguments["byweekday"] = _weekdays(parts["BYDAY"], frequency)
    if "BYMONTHDAY" in parts:
        arguments["bymonthday"] = _numbers("BYMONTHDAY", parts["BYMONTHDAY"], -31, 31)
    if "BYMONTH" in parts:
        arguments["bymonth"] = _numbers("BYMONTH", parts["BYMONTH"], 1, 12)
    if "BYSETPOS" in parts:
        if not {"BYDAY", "BYMONTHDAY", "BYMONTH"} & set(parts):
            fail("rule", "BYSETPOS picks among the days of BYDAY, BYMONTHDAY or BYMONTH: add one")
        arguments["bysetpos"] = _numbers("BYSETPOS", parts["BYSETPOS"], -366, 366)
    if "WKST" in parts:
        if parts["WKST"] not in _DAYS:
            fail("rule", f"WKST={limits.shown(parts['WKST'])} is not a day (MO, ..., SU)")
        arguments["wkst"] = _DAYS[parts["WKST"]]
    return arguments


def _wall(naive: dt.datetime, zone: dt.tzinfo | None) -> dt.datetime:
    """A local wall-clock time in ``zone``, read as RFC 5545, 3.3.5, reads one.

    A time that happens twice (clocks went back) is the first; a time the clocks skip is read
    with the offset before the gap, so 01:30 on the spring-forward day is 02:30 summer time.
    """
    return naive.replace(tzinfo=zone, fold=0).astimezone(dt.UTC).astimezone(zone)


def _rule_starts(series: Series) -> tuple[dt.datetime, ...]:
    arguments, count = _parse(series)
    first = series.start.replace(tzinfo=None)
    # Bounded however the rule is written: no date after the last year csp-core handles, and
    # at most one more than the most meetings a series may have (so too many is detected).
    last = dt.datetime(limits.MAX_YEAR, 12, 31, 23, 59, 59)
    until = min(arguments.pop("until", last), last)
    most = limits.MAX_SERIES_MEETINGS + 1 if count is None else count
    naive = list(itertools.islice(_rrule.rrule(dtstart=first, until=until, **arguments), most))
    if not naive:
        fail(
            "rule",
            f"gives no date from the start on ({series.start.date().isoformat()}): is UNTIL "
            "before it, or are its parts impossible together (BYMONTH=2;BYMONTHDAY=30)?",
        )
    if naive[0] != first:
        fail(
            "start",
            f"{series.start.date().isoformat()} is not a date the rule gives; its first date is "
            f"{naive[0].date().isoformat()}: start the series on its first meeting",
        )
    if len(naive) > limits.MAX_SERIES_MEETINGS:
        fail("rule", _TOO_MANY)
    if count is not None and len(naive) < count:
        fail("rule", f"gives {len(naive)} dates before {limits.MAX_YEAR + 1}, not COUNT={count}")
    zone = series.start.tzinfo
    return (series.start, *(_wall(moment, zone) for moment in naive[1:]))


# -- the series' other fields ------------------------------------------------------------------


def _check_series_fields(series: Series) -> None:
    if series.questions is not None and series.questions.deadline is not None:
        fail(
            "questions.deadline",
            "a deadline is for one meeting: give it in that meeting's occurrence "
            "(occurrences = [{ date = ..., questions = { ..., deadline = ... } }])",
        )
    if series.online is not None and series.online.recording is not None:
        fail("online.recording", "a recording is of one meeting: give it in its occurrence")


def _near(dates: tuple[dt.date, ...], day: dt.date) -> str:
    where = bisect.bisect_left(dates, day)
    near = [d.isoformat() for d in dates[max(where - 1, 0) : where + 1]]
    return " and ".join(near)


def _not_a_date(dates: tuple[dt.date, ...], day: dt.date) -> str:
    return (
        f"{day.isoformat()} is not a date of the series: its dates near it are {_near(dates, day)}"
    )


def _check_dates(series: Series, dates: tuple[dt.date, ...]) -> None:
    known = set(dates)
    problems: list[tuple[str, str]] = []
    for index, day in enumerate(series.exceptions):
        if day not in known:
            problems.append((f"exceptions[{index}]", _not_a_date(dates, day)))
        elif day in series.exceptions[:index]:
            problems.append((f"exceptions[{index}]", f"{day.isoformat()} is listed twice"))
    if known and known <= set(series.exceptions):
        problems.append(("exceptions", "leave no meeting at all: is this series needed?"))
    seen: set[dt.date] = set()
    for index, occurrence in enumerate(series.occurrences):
        day = occurrence.date
        where = f"occurrences[{index}].date"
        if day not in known:
            problems.append((where, _not_a_date(dates, day)))
        elif day in series.exceptions:
            problems.append(
                (
                    where,
                    f"{day.isoformat()} is also among the exceptions (no meeting that day): "
                    "remove it from one of them (a cancelled meeting is an occurrence with "
                    'status = "cancelled")',
                )
            )
        elif day in seen:
            problems.append((where, f"{day.isoformat()} has another occurrence before this one"))
        seen.add(day)
    _checks.raise_all(problems)


# -- expansion ---------------------------------------------------------------------------------


def _occurrence_index(series: Series, day: dt.date) -> int | None:
    return next(
        (index for index, found in enumerate(series.occurrences) if found.date == day), None
    )


def _field_path(
    series: Series, day: dt.date, path: str, starts: tuple[dt.datetime, ...] | None = None
) -> str:
    index = _occurrence_index(series, day)
    head = _HEAD.match(path)
    name = head[0] if head else ""
    if index is None:
        return path if name in _SERIES_FIELDS else ""
    occurrence = series.occurrences[index]
    here = f"occurrences[{index}]"
    given = getattr(occurrence, name, None) if name in _OCCURRENCE_FIELDS else None
    if given is not None and given != ():
        return f"{here}.{path}"
    rule_starts = _expand(series).rule_starts if starts is None else starts
    original = next(start for start in rule_starts if start.date() == day)
    moved = occurrence.start is not None and utc(occurrence.start) != utc(original)
    if name == "previous_start" or (name in {"changes", "status"} and moved):
        return f"{here}.start"
    if name in {"changes", "status"} and occurrence.status is not None:
        return f"{here}.status"
    if name in _SERIES_FIELDS:
        return path
    return here


_SERIES_FIELDS = frozenset(field.name for field in attrs.fields(Series))
_OCCURRENCE_FIELDS = frozenset(field.name for field in attrs.fields(Occurrence)) - {"date"}


def _meeting(
    series: Series, original: dt.datetime, occurrence: Occurrence | None, index: int | None
) -> Meeting:
    here = f"occurrences[{index}]"
    length = utc(series.end) - utc(series.start) if series.end is not None else None
    start, end = original, None
    if occurrence is not None and occurrence.start is not None:
        start = occurrence.start
    moved = utc(start) != utc(original)
    if occurrence is not None and occurrence.end is not None:
        end = occurrence.end
    elif length is not None:
        end = (utc(start) + length).astimezone(start.tzinfo)
    status = MeetingStatus.RESCHEDULED if moved else MeetingStatus.SCHEDULED
    if occurrence is not None:
        if moved and not any(ChangeKind.TIME in change.what for change in occurrence.changes):
            fail(
                f"{here}.start",
                f"moves the meeting of {long_date(original.date())}, {original:%H:%M}, to "
                f"{long_date(start.date())}, {start:%H:%M}: record when that was announced "
                '(changes = [{ at = ..., what = ["time"] }])',
            )
        if moved and occurrence.status not in {None, MeetingStatus.RESCHEDULED}:
            fail(
                f"{here}.status",
                f"a moved meeting is rescheduled, not {occurrence.status.value}: to cancel "
                "it, leave its start as the series gives it",
            )
        status = occurrence.status or status

    def pick(name: str, default: Any) -> Any:
        value = getattr(occurrence, name, None) if occurrence is not None else None
        return default if value is None or value == () else value

    return Meeting(
        id=f"{series.id}-{original.date().isoformat()}",
        body=series.body,
        title=pick("title", series.title),
        start=start,
        end=end,
        venue=pick("venue", series.venue),
        attendance=pick("attendance", series.attendance),
        online=pick("online", series.online),
        public=series.public,
        status=status,
        status_note=pick("status_note", None),
        previous_start=original if moved else None,
        replaced_by=pick("replaced_by", None),
        questions=pick("questions", series.questions),
        agenda=pick("agenda", ()),
        documents=pick("documents", ()),
        announced=series.announced,
        last_changed=pick("last_changed", None),
        changes=pick("changes", ()),
        short_notice=pick("short_notice", None),
        record=pick("record", None),
        series=SeriesLink(series=series.id, recurrence=original),
    )


def _located(
    series: Series, day: dt.date, error: InvalidModel, starts: tuple[dt.datetime, ...]
) -> Iterator[tuple[str, str]]:
    """A meeting's problems at the fields of the series that cause them."""
    for path, message in error.problems:
        if path.startswith("occurrences["):  # the series' own check of an occurrence
            yield path, message
            continue
        where = _field_path(series, day, path, starts)
        if where.startswith("occurrences["):
            yield where, message
        else:
            yield where, f"the meeting of {long_date(day)}: {message}"


def _expand(series: Series) -> _Expanded:
    """The series expanded; raises InvalidModel for any problem."""
    # Equal series are expanded once.  Two moments compare equal when they are the same
    # instant, whatever their zones (and two starts that differ only in ``fold``, the two 01:30s
    # of an autumn night, compare equal): the zones and the fold are part of the key.
    zones = tuple(
        (moment.tzinfo, moment.fold)
        for moment in (
            series.start,
            series.end,
            *(o.start for o in series.occurrences),
            *(o.end for o in series.occurrences),
        )
        if moment is not None
    )
    return _expanded(series, zones)


@functools.lru_cache(maxsize=1024)
def _expanded(series: Series, _zones: tuple[tuple[dt.tzinfo | None, int], ...]) -> _Expanded:
    """The series expanded (cached: a series is frozen); raises InvalidModel for any problem."""
    rule_starts = _rule_starts(series)
    dates = tuple(start.date() for start in rule_starts)
    _check_dates(series, dates)
    excepted = set(series.exceptions)
    starts = tuple(start for start in rule_starts if start.date() not in excepted)
    if series.announced is not None and utc(series.announced) > utc(starts[0]):
        fail("announced", "is after the series' first meeting starts")
    by_date = {occurrence.date: n for n, occurrence in enumerate(series.occurrences)}
    meetings: list[Meeting] = []
    problems: list[tuple[str, str]] = []
    for start in starts:
        day = start.date()
        index = by_date.get(day)
        occurrence = None if index is None else series.occurrences[index]
        try:
            meetings.append(_meeting(series, start, occurrence, index))
        except InvalidModel as error:
            problems += _located(series, day, error, rule_starts)
    _checks.raise_all(problems)
    return _Expanded(rule_starts=rule_starts, starts=starts, meetings=tuple(meetings))
