"""Compact, rule-based VTIMEZONE components derived from zoneinfo.

A VTIMEZONE written as one STANDARD and one DAYLIGHT observance, each with a yearly RRULE (as
libical's vzic makes them and Thunderbird ships them), is read the same by icalendar, vobject,
Mozilla's ical.js and libical (DOMAIN E5, and this plugin's tests).  The RDATE lists of
icalendar's ``add_missing_timezones()`` are not: ical.js and vobject read winter times under
them an hour early (DOMAIN E5; measured again for docs/ical.md).

The rule is derived from the zone's transitions as zoneinfo knows them: for each year the
calendar needs, the month, weekday and week of each change, its local time (before the change),
the offsets before and after it, and the abbreviation after it.  One rule must fit every year
needed, and the rule is then checked against zoneinfo for every instant written with the
zone's TZID; :class:`ZoneRuleError` says which year or instant does not fit.  The observances
start in the first year of the rule's era (the earliest year from 1970 on since which the same
rule has held), so the component does not change as the data's first year moves within an era.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import attrs
from icalendar import Timezone, TimezoneDaylight, TimezoneStandard
from icalendar.prop import vRecur

from csp_ical.text import Text

__all__ = ["Observance", "ZoneRule", "ZoneRuleError", "zone_rule"]

UTC = dt.UTC
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_FIRST_YEAR = 1970
_LAST = -1
"""The ``week`` of a change on the last such weekday of its month."""


class ZoneRuleError(ValueError):
    """The zone's changes cannot be written as one yearly rule for the years a calendar needs."""


@attrs.frozen(kw_only=True)
class _Transition:
    """A change of UTC offset, as zoneinfo knows it."""

    at: dt.datetime
    """The first instant (UTC) of the new offset."""
    before: dt.timedelta
    after: dt.timedelta
    name: str


@attrs.frozen(kw_only=True)
class Observance:
    """One STANDARD or DAYLIGHT observance: when it starts each year, and its offset."""

    daylight: bool
    month: int
    weekday: int
    """Monday is 0."""
    week: int
    """1 to 4 for the first to fourth such weekday of the month, -1 for the last."""
    local_time: dt.time
    """The wall-clock time of the change, in the offset before it."""
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name: str

    def day(self, year: int) -> dt.date:
        """The local date of this observance's onset in ``year``."""
        first_weekday, days = calendar.monthrange(year, self.month)
        first = 1 + (self.weekday - first_weekday) % 7
        if self.week == _LAST:
            return dt.date(year, self.month, first + 7 * ((days - first) // 7))
        return dt.date(year, self.month, first + 7 * (self.week - 1))

    def onset(self, year: int) -> dt.datetime:
        """The instant (UTC) this observance starts in ``year``."""
        local = dt.datetime.combine(self.day(year), self.local_time)
        return (local - self.offset_from).replace(tzinfo=UTC)

    def byday(self) -> str:
        """The RRULE BYDAY value: ``-1SU``, ``2SU``."""
        return f"{self.week}{_WEEKDAYS[self.weekday]}"


@functools.lru_cache(maxsize=1024)
def _onsets(
    observances: tuple[Observance, ...], since: int, year: int
) -> tuple[tuple[dt.datetime, Observance], ...]:
    """The onsets of ``observances`` in ``year`` and the year before (from ``since``), in order.

    Cached: every instant a calendar writes asks for its year's (docs/performance.md).
    """
    return tuple(
        sorted(
            (
                (observance.onset(each), observance)
                for each in range(max(since, year - 1), year + 1)
                for observance in observances
            ),
            key=lambda pair: pair[0],
        )
    )


@attrs.frozen(kw_only=True)
class ZoneRule:
    """A zone as one yearly rule (or one fixed offset), for the years a calendar needs."""

    tzid: str
    observances: tuple[Observance, ...]
    """Empty for a zone with one fixed offset."""
    fixed: dt.timedelta
    """The offset of a zone without changes; the winter offset otherwise."""
    fixed_name: str
    since: int
    """The first year of the rule's era: the year the observances start."""
    until: int = 9999
    """The last year the rule was checked against zoneinfo; later instants are not written
    with the TZID (see :meth:`writes_exactly`)."""

    def offset_at(self, instant: dt.datetime) -> dt.timedelta:
        """The UTC offset a reader of the VTIMEZONE gives ``instant`` (aware).

        Before the first onset the rule knows (in :attr:`since`), that onset's TZOFFSETFROM.
        """
        if not self.observances:
            return self.fixed
        instant = instant.astimezone(UTC)
        onsets = _onsets(self.observances, self.since, instant.year)
        passed = [observance for at, observance in onsets if at <= instant]
        if passed:
            return passed[-1].offset_to
        first = min(self.observances, key=lambda observance: observance.onset(self.since))
        return first.offset_from

    def readings(self, wall: dt.datetime) -> list[dt.datetime]:
        """The instants the naive local time ``wall`` names under the rule, earliest first.

        Two in the hour the clocks go back, none in the hour they skip, one otherwise.
        """
        offsets = sorted({self.fixed, *(o.offset_to for o in self.observances)}, reverse=True)
        instants = [(wall - offset).replace(tzinfo=UTC) for offset in offsets]
        return [
            instant
            for instant, offset in zip(instants, offsets, strict=True)
            if self.offset_at(instant) == offset
        ]

    def writes_exactly(self, instant: dt.datetime) -> bool:
        """Whether ``instant`` as local time with this TZID names it and nothing else.

        RFC 5545 (section 3.3.5) makes a local time that occurs twice its first occurrence,
        but ical.js 2.2 reads it as the second, so neither is safe to write that way.
        """
        moment = instant.astimezone(UTC)
        if not self.since <= moment.year <= self.until:
            return False  # outside the years the rule was checked for: UTC says it exactly
        wall = (moment + self.offset_at(moment)).replace(tzinfo=None)
        return self.readings(wall) == [moment]

    def component(self) -> Timezone:
        """The VTIMEZONE: one STANDARD (and one DAYLIGHT) with a yearly RRULE."""
        timezone = Timezone()
        timezone.add("TZID", self.tzid)
        if not self.observances:
            standard = TimezoneStandard()
            standard.add("DTSTART", dt.datetime(_FIRST_YEAR, 1, 1))
            standard.add("TZOFFSETFROM", self.fixed)
            standard.add("TZOFFSETTO", self.fixed)
            standard.add("TZNAME", Text(self.fixed_name))
            timezone.add_component(standard)
            return timezone
        for observance in sorted(self.observances, key=lambda o: o.daylight, reverse=True):
            part = TimezoneDaylight() if observance.daylight else TimezoneStandard()
            part.add(
                "DTSTART", dt.datetime.combine(observance.day(self.since), observance.local_time)
            )
            part.add("TZOFFSETFROM", observance.offset_from)
            part.add("TZOFFSETTO", observance.offset_to)
            part.add("TZNAME", Text(observance.name))
            part.add(
                "RRULE",
                vRecur(
                    {
                        "FREQ": "YEARLY",
                        "BYMONTH": observance.month,
                        "BYDAY": observance.byday(),
                    }
                ),
            )
            timezone.add_component(part)
        return timezone


def _offset(zone: ZoneInfo, instant: dt.datetime) -> dt.timedelta:
    offset = instant.astimezone(zone).utcoffset()
    if offset is None:  # pragma: no cover - a ZoneInfo always gives one
        msg = f"time zone {zone.key}: no UTC offset at {instant:%Y-%m-%d %H:%M} UTC"
        raise ZoneRuleError(msg)
    return offset


def _at(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, UTC)


@functools.cache
def _transitions(zone: ZoneInfo, year: int) -> tuple[_Transition, ...]:
    """The offset changes zoneinfo knows in ``year`` (UTC): sampled daily, then bisected."""
    start = int(dt.datetime(year, 1, 1, tzinfo=UTC).timestamp())
    end = int(dt.datetime(year + 1, 1, 1, tzinfo=UTC).timestamp())
    samples = [*range(start, end, 86_400), end - 1]
    found: list[_Transition] = []
    previous_at = start - 1
    previous = _offset(zone, _at(previous_at))
    for sample in samples:
        offset = _offset(zone, _at(sample))
        if offset != previous:
            low, high = previous_at, sample  # the change is in (low, high]
            while high - low > 1:
                middle = (low + high) // 2
                if _offset(zone, _at(middle)) == previous:
                    low = middle
                else:
                    high = middle
            at = _at(high)
            name = at.astimezone(zone).tzname() or ""
            found.append(_Transition(at=at, before=previous, after=offset, name=name))
        previous_at, previous = sample, offset
    return tuple(found)


def _observance(change: _Transition) -> tuple[Observance, set[int]]:
    """The observance that starts with ``change`` (week unset), and the weeks that name it."""
    local = (change.at + change.before).replace(tzinfo=None)
    days = calendar.monthrange(local.year, local.month)[1]
    weeks = {(local.day - 1) // 7 + 1}
    if local.day + 7 > days:
        weeks.add(_LAST)
    observance = Observance(
        daylight=change.after > change.before,
        month=local.month,
        weekday=local.weekday(),
        week=0,
        local_time=local.time(),
        offset_from=change.before,
        offset_to=change.after,
        name=change.name,
    )
    return observance, weeks


def _rule_from(zone: ZoneInfo, tzid: str, years: range) -> tuple[Observance, ...]:
    """The STANDARD and DAYLIGHT observances that fit the changes of every year in ``years``."""
    shapes: dict[bool, Observance] = {}
    weeks: dict[bool, set[int]] = {}
    for year in years:
        changes = _transitions(zone, year)
        if sorted(change.after > change.before for change in changes) != [False, True]:
            msg = (
                f"time zone {tzid}: {year} has {len(changes)} changes of UTC offset, not one "
                "to summer time and one back; a yearly VTIMEZONE rule cannot describe it"
            )
            raise ZoneRuleError(msg)
        for change in changes:
            shape, candidates = _observance(change)
            known = shapes.setdefault(shape.daylight, shape)
            weeks[shape.daylight] = weeks.get(shape.daylight, candidates) & candidates
            if known != shape or not weeks[shape.daylight]:
                msg = (
                    f"time zone {tzid}: the change at {change.at:%Y-%m-%d %H:%M} UTC breaks the "
                    "yearly pattern of the years before it, so one yearly VTIMEZONE rule cannot "
                    f"describe {years.start}-{years.stop - 1}"
                )
                raise ZoneRuleError(msg)
    return tuple(
        attrs.evolve(
            shapes[daylight], week=_LAST if _LAST in weeks[daylight] else min(weeks[daylight])
        )
        for daylight in (False, True)
    )


def _fits(zone: ZoneInfo, observances: tuple[Observance, ...], year: int) -> bool:
    """Whether zoneinfo's changes in ``year`` are exactly the rule's."""
    expected = sorted(
        (observance.onset(year), observance.offset_from, observance.offset_to, observance.name)
        for observance in observances
    )
    actual = sorted(
        (change.at, change.before, change.after, change.name) for change in _transitions(zone, year)
    )
    return expected == actual


@functools.cache
def _rule(zone: ZoneInfo, tzid: str, first: int, last: int) -> ZoneRule:
    years = range(first, last + 1)
    if not any(_transitions(zone, year) for year in years):
        moment = dt.datetime(first, 1, 1, tzinfo=UTC)
        return ZoneRule(
            tzid=tzid,
            observances=(),
            fixed=_offset(zone, moment),
            fixed_name=moment.astimezone(zone).tzname() or tzid,
            since=first,
            until=last,
        )
    observances = _rule_from(zone, tzid, years)
    since = first
    while since > _FIRST_YEAR and _fits(zone, observances, since - 1):
        since -= 1
    standard = next(o for o in observances if not o.daylight)
    return ZoneRule(
        tzid=tzid,
        observances=observances,
        fixed=standard.offset_to,
        fixed_name=standard.name,
        since=since,
        until=last,
    )


def _widest_rule(zone: ZoneInfo, tzid: str, years: list[int]) -> ZoneRule:
    """The rule over the most of ``years`` (sorted, distinct): all of them if one rule fits.

    Otherwise the longest run of them one rule fits, the later run on a tie: the zone's
    history (no summer time before 1916 in London, double summer time in the 1940s) cannot be
    one yearly rule, and instants outside the run are written in UTC instead.
    """
    best: tuple[int, int, int] | None = None
    for low in range(len(years)):
        for high in range(len(years) - 1, low - 1, -1):
            count = high - low + 1
            if best is not None and count < best[0]:
                break
            try:
                _rule(zone, tzid, years[low], years[high])
            except ZoneRuleError:
                continue
            if best is None or (count, years[low]) >= (best[0], years[best[1]]):
                best = (count, low, high)
            break
    if best is None:
        msg = f"time zone {tzid}: no yearly VTIMEZONE rule fits any of the years {years}"
        raise ZoneRuleError(msg)
    return _rule(zone, tzid, years[best[1]], years[best[2]])


def zone_rule(zone: ZoneInfo, instants: Iterable[dt.datetime]) -> ZoneRule:
    """The rule for ``zone`` over the years of ``instants``, checked at each it covers.

    Where one yearly rule cannot describe every year of ``instants``, the rule covers the most
    of them (see :func:`_widest_rule`); :meth:`ZoneRule.writes_exactly` is false outside its
    years, so a calendar writes those instants in UTC.

    Raises:
        ZoneRuleError: if the zone has no IANA key, if no yearly rule fits any of the years,
            or if the rule gives another UTC offset than zoneinfo at an instant it covers.
    """
    if not zone.key:
        msg = "the partnership's time zone has no IANA key (such as Europe/London) for a TZID"
        raise ZoneRuleError(msg)
    moments = sorted({instant.astimezone(UTC) for instant in instants})
    if not moments:
        moments = [dt.datetime(_FIRST_YEAR, 1, 1, tzinfo=UTC)]
    try:
        rule = _rule(zone, zone.key, moments[0].year, moments[-1].year)
    except ZoneRuleError:
        rule = _widest_rule(zone, zone.key, sorted({moment.year for moment in moments}))
    for moment in moments:
        if not rule.since <= moment.year <= rule.until:
            continue
        if rule.offset_at(moment) != _offset(zone, moment):
            msg = (
                f"time zone {zone.key}: the VTIMEZONE rule gives UTC offset "
                f"{rule.offset_at(moment)} at {moment:%Y-%m-%d %H:%M} UTC where zoneinfo gives "
                f"{_offset(zone, moment)}"
            )
            raise ZoneRuleError(msg)
    return rule
