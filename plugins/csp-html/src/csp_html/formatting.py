"""Dates, times and numbers as people read them on a British council page.

Day and month names are spelled out here rather than taken from the process locale, so a build
gives the same bytes whatever machine it runs on.
"""

from __future__ import annotations

import datetime as dt
import math
import re

__all__ = [
    "FORBIDDEN",
    "clean",
    "date_time",
    "day_name",
    "iso",
    "long_date",
    "number",
    "quantity",
    "short_date",
    "time_of_day",
    "time_span",
]

#: Code points HTML forbids in a document (controls other than whitespace, noncharacters), the
#: form feed, which XML cannot hold, the C1 controls, and lone surrogates, which UTF-8 cannot
#: write.  The same rule as the other publishers' (docs/plugins.md, "Escaping").
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]"
)
_LINE_BREAK = re.compile("\r\n?")


def clean(text: str) -> str:
    """``text`` with CR LF and a lone CR made LF, and each :data:`FORBIDDEN` code point U+FFFD."""
    return FORBIDDEN.sub("\ufffd", _LINE_BREAK.sub("\n", text))


_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def day_name(day: dt.date) -> str:
    """'Thursday'."""
    return _DAYS[day.weekday()]


def long_date(day: dt.date) -> str:
    """'Thursday 17 October 2019': a date as people read it."""
    return f"{day_name(day)} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """'17 October 2019': a date without its weekday, for tables and charts."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def time_of_day(moment: dt.datetime) -> str:
    """'11:15': the 24-hour clock, as GOV.UK and most councils write it."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def date_time(moment: dt.datetime, zone: dt.tzinfo) -> str:
    """'Thursday 17 October 2019, 11:15' in ``zone``."""
    local = moment.astimezone(zone)
    return f"{long_date(local.date())}, {time_of_day(local)}"


def time_span(start: dt.datetime, end: dt.datetime | None, zone: dt.tzinfo) -> str:
    """'Thursday 17 October 2019, 11:15 to 13:15' (the end's date only if it differs)."""
    first = date_time(start, zone)
    if end is None:
        return first
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    if local_end.date() == local_start.date():
        return f"{first} to {time_of_day(local_end)}"
    return f"{first} to {date_time(end, zone)}"


def iso(moment: dt.datetime, zone: dt.tzinfo) -> str:
    """ISO 8601 with the offset in force in ``zone``: '2019-10-17T11:15:00+01:00'.

    Whole seconds: HTML's ``datetime`` attribute takes at most three decimals, and the public
    never needs a fraction of a second.
    """
    return moment.astimezone(zone).isoformat(timespec="seconds")


def number(value: float) -> str:
    """A reading as people read it: '2,450', '30.4', '0.05', '3.4e+38'.

    Whole numbers get thousands separators; others at most two decimal places; very large or
    very small magnitudes use scientific notation rather than a wall of digits or a false 0.
    """
    if not math.isfinite(value):
        return str(value)
    magnitude = abs(value)
    if magnitude >= 1e15 or (0 < magnitude < 0.01):
        return f"{value:.3g}"
    if value == int(value):
        return f"{int(value):,}"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def quantity(value: float, unit: str | None) -> str:
    """A reading with its unit: '30.4%', '2,450 incidents', '63 people'."""
    shown = number(value)
    if unit is None:
        return shown
    if unit == "%":
        return f"{shown}%"
    return f"{shown} {unit}"
