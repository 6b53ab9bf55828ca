"""Working days and clear days, with each UK nation's bank holidays.

*Clear days* exclude both the day of publication and the day of the meeting (long-settled case
law on "clear days").  A *working day* is Monday to Friday and not a bank holiday of the
partnership's nation, nor one of its own closure days.  Bank holidays come from the ``holidays``
package (``country_holidays("GB", subdiv=...)``, substitute days included), never a hand-kept list.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from csp_core.model.enums import Nation
from csp_core.rules._uk_holidays import united_kingdom

if TYPE_CHECKING:
    import holidays

__all__ = [
    "WorkingCalendar",
    "clear_working_days",
    "latest_publication_date",
]

_SUBDIVISION = {
    Nation.ENGLAND: "ENG",
    Nation.WALES: "WLS",
    Nation.SCOTLAND: "SCT",
    Nation.NORTHERN_IRELAND: "NIR",
}
_ONE_DAY = dt.timedelta(days=1)
_SATURDAY = 5


@functools.cache
def _bank_holidays(nation: Nation) -> holidays.HolidayBase:
    return united_kingdom(_SUBDIVISION[nation])


@functools.cache
def _weekday_holidays(nation: Nation, year: int) -> tuple[dt.date, ...]:
    """The nation's bank holidays in ``year`` that fall Monday to Friday, in order."""
    calendar = united_kingdom(_SUBDIVISION[nation], years=year)
    return tuple(sorted(day for day in calendar if day.year == year and day.weekday() < _SATURDAY))


def _weekdays(first: dt.date, last: dt.date) -> int:
    """Monday-to-Friday days in ``[first, last]`` (0 when ``last`` is before ``first``)."""
    if last < first:
        return 0
    weeks, extra = divmod((last - first).days + 1, 7)
    start = first.weekday()
    return weeks * 5 + sum((start + offset) % 7 < _SATURDAY for offset in range(extra))


@attrs.frozen(kw_only=True)
class WorkingCalendar:
    """Which days are working days for a partnership: its nation's, minus its closures."""

    nation: Nation = Nation.ENGLAND
    closures: frozenset[dt.date] = frozenset()

    def holiday(self, day: dt.date) -> str | None:
        """The bank holiday or closure on ``day``, by name, if there is one."""
        if day in self.closures:
            return "closure day"
        name: str | None = _bank_holidays(self.nation).get(day)
        return name

    def is_working_day(self, day: dt.date) -> bool:
        """Monday to Friday, not a bank holiday of the nation, not a closure day."""
        return day.weekday() < _SATURDAY and self.holiday(day) is None

    def working_days(self, after: dt.date, until: dt.date) -> int:
        """Working days in ``(after, until]``: 0 when ``until`` is not after ``after``.

        Counted in closed form: weekdays, less the weekday bank holidays and closure days in
        the span, so a span of decades costs no more than a few years' holiday lists.
        """
        if until <= after:
            return 0
        first = after + _ONE_DAY
        off = {
            day
            for year in range(first.year, until.year + 1)
            for day in _weekday_holidays(self.nation, year)
            if first <= day <= until
        }
        off.update(
            day for day in self.closures if first <= day <= until and day.weekday() < _SATURDAY
        )
        return _weekdays(first, until) - len(off)

    def clear_working_days(self, published: dt.date, meeting: dt.date) -> int:
        """Working days strictly between publication and meeting: both days themselves excluded."""
        if meeting <= published:
            return 0
        return self.working_days(published, meeting - _ONE_DAY)

    def latest_publication_date(self, meeting: dt.date, clear_days: int) -> dt.date:
        """The last working day on which publishing leaves ``clear_days`` clear working days.

        Publishing on that day leaves exactly ``clear_days`` clear working days before
        ``meeting``; publishing on the next working day would leave one fewer.
        """
        if clear_days < 0:
            msg = f"clear_days must not be negative, got {clear_days}"
            raise ValueError(msg)
        if meeting == dt.date.min:
            return meeting
        day, counted = meeting - _ONE_DAY, 0
        while counted < clear_days and day > dt.date.min:
            counted += self.is_working_day(day)
            day -= _ONE_DAY
        while not self.is_working_day(day) and day > dt.date.min:
            day -= _ONE_DAY
        return day

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``start`` (``start`` itself when ``count`` is 0)."""
        day = start
        while count > 0 and day < dt.date.max:
            day += _ONE_DAY
            count -= self.is_working_day(day)
        return day


def _calendar(nation: Nation | str, closures: Iterable[dt.date]) -> WorkingCalendar:
    return WorkingCalendar(nation=Nation(nation), closures=frozenset[dt.date](closures))


def latest_publication_date(
    meeting: dt.date,
    clear_days: int,
    nation: Nation | str = Nation.ENGLAND,
    closures: Iterable[dt.date] = (),
) -> dt.date:
    """The latest working day to publish for a meeting on ``meeting`` with ``clear_days`` notice.

    >>> latest_publication_date(dt.date(2025, 4, 24), 5)   # Easter 2025 in England
    datetime.date(2025, 4, 14)
    """
    return _calendar(nation, closures).latest_publication_date(meeting, clear_days)


def clear_working_days(
    published: dt.date,
    meeting: dt.date,
    nation: Nation | str = Nation.ENGLAND,
    closures: Iterable[dt.date] = (),
) -> int:
    """Clear working days between a publication date and a meeting date.

    >>> clear_working_days(dt.date(2017, 10, 9), dt.date(2017, 10, 17))
    5
    """
    return _calendar(nation, closures).clear_working_days(published, meeting)
