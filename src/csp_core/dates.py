"""Dates and times in human text, the one place every publisher takes them from.

British council style: "Thursday 17 October 2019, 11:15" on the 24-hour clock; in Welsh
"Dydd Iau 17 Hydref 2019, 11:15".  Day and month names come from Babel's locale data for the
``language`` (:mod:`csp_core.i18n`, British English by default), never from the process
locale, so a build gives the same bytes whatever machine it runs on.  Every function takes an
aware moment and the zone to show it in (the partnership's,
:attr:`Partnership.timezone <csp_core.Partnership.timezone>`).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from csp_core.i18n import ENGLISH, Language

__all__ = [
    "date_time",
    "day_name",
    "iso",
    "local_day",
    "long_date",
    "month_name",
    "period",
    "short_date",
    "time_of_day",
    "time_span",
    "utc",
]


def utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` in UTC, for comparing and sorting instants.

    Two wall times sharing a zone compare by the clock, ignoring ``fold``, so the repeated hour
    of a clock change would mislead; in UTC it cannot.
    """
    return moment.astimezone(dt.UTC)


def local_day(moment: dt.datetime, zone: dt.tzinfo) -> dt.date:
    """The calendar day ``moment`` falls on in ``zone``."""
    return moment.astimezone(zone).date()


def day_name(day: dt.date, language: Language = ENGLISH) -> str:
    """'Thursday' ('Dydd Iau')."""
    return format_date(day, "EEEE", locale=language.locale)


def month_name(month: int, language: Language = ENGLISH) -> str:
    """'October' for 10 ('Hydref'), as it stands alone (a heading, a chart's axis)."""
    return format_date(dt.date(2000, month, 1), "LLLL", locale=language.locale)


def long_date(day: dt.date, language: Language = ENGLISH) -> str:
    """'Thursday 17 October 2019' ('Dydd Iau 17 Hydref 2019'): a date as people read it."""
    return format_date(day, "EEEE d MMMM y", locale=language.locale)


def short_date(day: dt.date, language: Language = ENGLISH) -> str:
    """'17 October 2019': a date without its weekday, for tables, charts and periods."""
    return format_date(day, "d MMMM y", locale=language.locale)


def period(start: dt.date, end: dt.date, language: Language = ENGLISH) -> str:
    """'1 April 2017 to 31 March 2018'."""
    return language.gettext(
        "{start} to {end}", start=short_date(start, language), end=short_date(end, language)
    )


def _ambiguous(local: dt.datetime) -> bool:
    """Whether ``local``'s wall time occurs twice (the hour the clocks go back)."""
    other = local.replace(fold=1 - local.fold)
    return other.utcoffset() != local.utcoffset()


def time_of_day(moment: dt.datetime) -> str:
    """'11:15' (with ':30' seconds only when there are any), as the wall clock shows it.

    In the hour the clocks go back, which occurs twice, the zone's abbreviation follows:
    '01:30 BST', then '01:30 GMT'.
    """
    text = f"{moment.hour:02d}:{moment.minute:02d}"
    if moment.second:
        text += f":{moment.second:02d}"
    if moment.tzinfo is not None and _ambiguous(moment):
        text += f" {moment.tzname()}"
    return text


def date_time(moment: dt.datetime, zone: dt.tzinfo, language: Language = ENGLISH) -> str:
    """'Thursday 17 October 2019, 11:15' in ``zone``."""
    local = moment.astimezone(zone)
    return language.gettext(
        "{date}, {time}", date=long_date(local.date(), language), time=time_of_day(local)
    )


def time_span(
    start: dt.datetime, end: dt.datetime | None, zone: dt.tzinfo, language: Language = ENGLISH
) -> str:
    """'Thursday 17 October 2019, 11:15 to 13:15' (the end's date only if it differs)."""
    first = date_time(start, zone, language)
    if end is None:
        return first
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    if local_end.date() == local_start.date():
        last = time_of_day(local_end)
    else:
        last = date_time(end, zone, language)
    return language.gettext("{start} to {end}", start=first, end=last)


def iso(moment: dt.datetime, zone: dt.tzinfo) -> str:
    """ISO 8601 with the offset in force in ``zone``: '2019-10-17T11:15:00+01:00'.

    Whole seconds: HTML's ``datetime`` attribute takes at most three decimals, and the public
    never needs a fraction of a second.
    """
    return moment.astimezone(zone).isoformat(timespec="seconds")
