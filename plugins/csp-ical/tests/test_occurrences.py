"""The readers of occurrences: four clients' libraries expand repeating events alike.

Hand-written calendars, so the readers are known good before any calendar of ours is read
with them: a monthly series across the clocks going forward, with an exception (EXDATE), an
occurrence moved to another day and one cancelled (RECURRENCE-ID overrides), beside one-off
events.  Every instant below is worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from csp_ical.check import check_calendar
from ical_readers import (
    LIBICAL,
    LIBICAL_PYTHON,
    OCCURRENCE_READERS,
    Instance,
    occurrences_ical_js,
    occurrences_recurring_ical_events,
    occurrences_vobject,
)

UTC = dt.UTC
CRLF = "\r\n"

LONDON = """BEGIN:VTIMEZONE
TZID:Europe/London
BEGIN:DAYLIGHT
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
TZNAME:BST
DTSTART:19700329T010000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
TZNAME:GMT
DTSTART:19701025T020000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""

# The board meets on the third Thursday of each month from January to June 2026 at 14:00 to
# 16:00 London time: 15 January, 19 February, 19 March, 16 April, 21 May, 18 June.  The clocks
# go forward on Sunday 29 March 2026, so January to March are 14:00Z and April to June 13:00Z.
# February has no meeting (EXDATE); April's moves to Friday 17 April 10:00-12:00 BST (09:00Z);
# May's is cancelled.  A one-off event, and a one-off in UTC, sit beside the series.
SERIES = f"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//csp-core tests//EN
METHOD:PUBLISH
{LONDON}
BEGIN:VEVENT
UID:board@test
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/London:20260115T140000
DTEND;TZID=Europe/London:20260115T160000
RRULE:FREQ=MONTHLY;BYDAY=3TH;UNTIL=20260618T130000Z
EXDATE;TZID=Europe/London:20260219T140000
SUMMARY:Board
STATUS:CONFIRMED
END:VEVENT
BEGIN:VEVENT
UID:board@test
DTSTAMP:20260101T000000Z
RECURRENCE-ID;TZID=Europe/London:20260416T140000
DTSTART;TZID=Europe/London:20260417T100000
DTEND;TZID=Europe/London:20260417T120000
SUMMARY:Board (moved)
STATUS:CONFIRMED
SEQUENCE:1
END:VEVENT
BEGIN:VEVENT
UID:board@test
DTSTAMP:20260101T000000Z
RECURRENCE-ID;TZID=Europe/London:20260521T140000
DTSTART;TZID=Europe/London:20260521T140000
DTEND;TZID=Europe/London:20260521T160000
SUMMARY:Cancelled: Board
STATUS:CANCELLED
SEQUENCE:1
END:VEVENT
BEGIN:VEVENT
UID:forum@test
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/London:20260701T183000
DTEND;TZID=Europe/London:20260701T200000
SUMMARY:Forum
STATUS:TENTATIVE
END:VEVENT
BEGIN:VEVENT
UID:utc@test
DTSTAMP:20260101T000000Z
DTSTART:20261105T100000Z
DTEND:20261105T110000Z
SUMMARY:In UTC
END:VEVENT
END:VCALENDAR
""".replace("\n", CRLF).encode()


def _at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=UTC)


EXPECTED = {
    Instance("board@test", _at(1, 15, 14), _at(1, 15, 16), "CONFIRMED", "Board"),
    Instance("board@test", _at(3, 19, 14), _at(3, 19, 16), "CONFIRMED", "Board"),
    Instance("board@test", _at(4, 17, 9), _at(4, 17, 11), "CONFIRMED", "Board (moved)"),
    Instance("board@test", _at(5, 21, 13), _at(5, 21, 15), "CANCELLED", "Cancelled: Board"),
    Instance("board@test", _at(6, 18, 13), _at(6, 18, 15), "CONFIRMED", "Board"),
    # 18:30 to 20:00 BST on 1 July: 17:30Z to 19:00Z.
    Instance("forum@test", _at(7, 1, 17, 30), _at(7, 1, 19), "TENTATIVE", "Forum"),
    Instance("utc@test", _at(11, 5, 10), _at(11, 5, 11), None, "In UTC"),
}

# An override of a date the master excludes: RFC 5545 does not say what it means, and the
# clients disagree (see docs/ical.md, 'Repeating meetings'): csp-ical never writes one.
OVERRIDE_OF_EXDATE = SERIES.replace(
    b"EXDATE;TZID=Europe/London:20260219T140000",
    b"EXDATE;TZID=Europe/London:20260219T140000,20260521T140000",
)

Reader = Callable[[Mapping[str, bytes]], dict[str, set[Instance]]]


@pytest.fixture(scope="module")
def everywhere(libical: Reader) -> Callable[[bytes], dict[str, set[Instance]]]:
    """Each reader's occurrences of one calendar."""

    def read(content: bytes) -> dict[str, set[Instance]]:
        return {
            "recurring-ical-events": occurrences_recurring_ical_events(content),
            "vobject": occurrences_vobject(content),
            "ical.js": occurrences_ical_js({"one": content})["one"],
            "libical": libical({"one": content})["one"],
        }

    return read


def test_every_reader_expands_the_series_as_worked_out(
    everywhere: Callable[[bytes], dict[str, set[Instance]]],
) -> None:
    read = everywhere(SERIES)
    assert set(read) == set(OCCURRENCE_READERS)
    for reader, instances in read.items():
        assert instances == EXPECTED, reader


def test_an_override_of_an_excluded_date_splits_the_readers(
    everywhere: Callable[[bytes], dict[str, set[Instance]]],
) -> None:
    """Why the rrule form never writes both an EXDATE and an override for one date.

    recurring-ical-events and ical.js drop the cancelled May override with the excluded date;
    the readers that apply overrides themselves after dateutil (vobject) or libical expanded
    the master find no May instance for it and show the override on its own.  Either reading
    is defensible, so a calendar must not ask the question.
    """
    read = everywhere(OVERRIDE_OF_EXDATE)
    may = Instance("board@test", _at(5, 21, 13), _at(5, 21, 15), "CANCELLED", "Cancelled: Board")
    without = EXPECTED - {may}
    assert read["recurring-ical-events"] == without
    assert read["ical.js"] == without
    assert read["libical"] == EXPECTED
    assert read["vobject"] == EXPECTED


def _board(instances: set[Instance]) -> list[tuple[dt.datetime | dt.date, str]]:
    return sorted((i.start, i.summary) for i in instances if i.uid == "board@test")


def test_a_recurrence_id_in_another_zone_is_lost_in_ical_js(
    everywhere: Callable[[bytes], dict[str, set[Instance]]],
) -> None:
    """A master in UTC and an override whose RECURRENCE-ID is a London local time.

    The master's April occurrence is 14:00Z (an RRULE from a UTC DTSTART repeats in UTC), which
    is 15:00 BST: the override names it as 20260416T150000 in Europe/London.  Three readers
    move it to Friday; ical.js keys overrides by the occurrence's own zone or UTC and shows the
    Thursday meeting.  csp-ical writes RECURRENCE-ID in DTSTART's TZID; the checker flags it.
    """
    content = (
        SERIES.replace(
            b"DTSTART;TZID=Europe/London:20260115T140000\r\nDTEND;TZID=Europe/London:20260115T160000",
            b"DTSTART:20260115T140000Z\r\nDTEND:20260115T160000Z",
        )
        .replace(
            b"RECURRENCE-ID;TZID=Europe/London:20260416T140000",
            b"RECURRENCE-ID;TZID=Europe/London:20260416T150000",
        )
        .replace(b"EXDATE;TZID=Europe/London:20260219T140000", b"EXDATE:20260219T140000Z")
        .replace(
            b"RECURRENCE-ID;TZID=Europe/London:20260521T140000", b"RECURRENCE-ID:20260521T140000Z"
        )
    )
    read = everywhere(content)
    moved = (_at(4, 17, 9), "Board (moved)")
    for reader in ("recurring-ical-events", "vobject", "libical"):
        assert moved in _board(read[reader]), reader
    assert moved not in _board(read["ical.js"])
    assert (_at(4, 16, 14), "Board") in _board(read["ical.js"])
    assert check_calendar(content) == [
        "event board@test (RECURRENCE-ID 20260416T140000Z): RECURRENCE-ID is a local time of "
        "Europe/London, but DTSTART of its master is in UTC: ical.js (Thunderbird) does not "
        "apply such an override"
    ]


def test_rdate_without_rrule_splits_the_readers(
    everywhere: Callable[[bytes], dict[str, set[Instance]]],
) -> None:
    """A master with RDATEs only: is DTSTART an occurrence, and is it one twice?

    RFC 5545 (3.8.5.2) counts DTSTART as the first occurrence.  ical.js does not unless an
    RDATE repeats it; with it repeated, libical gives it twice.  So csp-ical writes RRULEs.
    """
    dates = b"20260319T140000Z,20260416T130000Z,20260521T130000Z,20260618T130000Z"
    rule = (
        b"RRULE:FREQ=MONTHLY;BYDAY=3TH;UNTIL=20260618T130000Z\r\n"
        b"EXDATE;TZID=Europe/London:20260219T140000\r\n"
    )
    without = SERIES.replace(rule, b"RDATE:" + dates + b"\r\n")
    january = (_at(1, 15, 14), "Board")
    read = everywhere(without)
    assert january not in _board(read["ical.js"])
    for reader in ("recurring-ical-events", "vobject", "libical"):
        assert january in _board(read[reader]), reader
    # The April override's RECURRENCE-ID is a London time, the RDATE's occurrence UTC: ical.js
    # keeps the Thursday (above) and the checker says so.
    assert "RDATE without RRULE" in " ".join(check_calendar(without))
    repeated = SERIES.replace(rule, b"RDATE:20260115T140000Z," + dates + b"\r\n")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "repeated.ics"
        path.write_bytes(repeated)
        result = subprocess.run(
            [LIBICAL_PYTHON, str(LIBICAL), str(path)], capture_output=True, text=True, check=True
        )
    starts = [event["start"] for event in json.loads(result.stdout)[str(path)]]
    assert starts.count(int(_at(1, 15, 14).timestamp())) == 2


def test_the_checker_flags_an_override_of_an_excluded_date() -> None:
    assert check_calendar(SERIES) == []
    assert check_calendar(OVERRIDE_OF_EXDATE) == [
        "event board@test (RECURRENCE-ID 20260521T130000Z): its master excludes this occurrence "
        "(EXDATE) and overrides it: ical.js and recurring-ical-events drop the override, "
        "libical shows it"
    ]


def test_the_checker_flags_an_override_of_no_occurrence_and_a_zone_apart_exdate() -> None:
    orphan = SERIES.replace(
        b"RECURRENCE-ID;TZID=Europe/London:20260416T140000",
        b"RECURRENCE-ID;TZID=Europe/London:20260417T140000",
    )
    assert check_calendar(orphan) == [
        "event board@test (RECURRENCE-ID 20260417T130000Z): no occurrence of its master starts "
        "at its RECURRENCE-ID: clients show it on its own, beside the master's occurrences, or "
        "not at all"
    ]
    utc = SERIES.replace(b"EXDATE;TZID=Europe/London:20260219T140000", b"EXDATE:20260219T140000Z")
    assert check_calendar(utc) == [
        "event board@test: EXDATE is not written in DTSTART's zone (Europe/London): Outlook "
        "2007, 2010 and OWA keep such an occurrence (Microsoft KB 2295902)"
    ]
