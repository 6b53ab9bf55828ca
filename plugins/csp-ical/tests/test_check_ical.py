"""The ``ical`` checker of ``csp check``: calendars read twice, and checked as updates."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_core import CheckedFile, Partnership
from csp_ical import IcalChecker
from csp_ical.check import check_calendar
from ical_readers import render
from tests.strategies import examples, partnerships

LONDON = dt.timezone(dt.timedelta(hours=1))
AT = dt.datetime(2019, 10, 1, 9, 0, tzinfo=LONDON)
UID = b"2019-10-17@cambridge.csp-core"


@pytest.fixture(scope="module")
def calendar(cambridge: Partnership) -> bytes:
    """The Cambridge example's calendar at the seed page's moment."""
    return render(cambridge, AT)["calendar.ics"].content


def _event(content: bytes, uid: bytes = UID) -> tuple[int, int]:
    """Where the VEVENT of ``uid`` starts and ends in ``content``."""
    start = content.rindex(b"BEGIN:VEVENT\r\n", 0, content.index(b"UID:" + uid + b"\r\n"))
    end = content.index(b"END:VEVENT\r\n", start) + len(b"END:VEVENT\r\n")
    return start, end


def _edit(content: bytes, old: bytes, new: bytes, uid: bytes = UID) -> bytes:
    """``content`` with ``old`` replaced by ``new`` inside the event of ``uid`` only."""
    start, end = _event(content, uid)
    event = content[start:end]
    assert old in event, old
    return content[:start] + event.replace(old, new, 1) + content[end:]


def _restamp(content: bytes, moment: bytes = b"20391231T000000Z", uid: bytes = UID) -> bytes:
    """``content`` with the DTSTAMP and LAST-MODIFIED of ``uid`` set to ``moment`` (later than
    any stamp a build of the example makes)."""
    start, end = _event(content, uid)
    event = re.sub(
        rb"\r\n(DTSTAMP|LAST-MODIFIED):[0-9TZ]+", rb"\r\n\1:" + moment, content[start:end]
    )
    return content[:start] + event + content[end:]


def _prop(content: bytes, name: bytes, uid: bytes = UID) -> bytes:
    start, end = _event(content, uid)
    found = re.search(rb"\r\n" + name + rb"[:;][^\r]*", content[start:end])
    assert found, name
    return found[0][2:]


class TestOneCalendar:
    def test_the_example_is_clean(self, cambridge: Partnership) -> None:
        """Every calendar of the example, at several instants, has no problem."""
        for at in (AT, AT + dt.timedelta(days=20), AT + dt.timedelta(days=200)):
            for path, file in render(cambridge, at).items():
                assert check_calendar(file.content) == [], (at, path)

    @examples(20)
    @given(
        partnership=partnerships(),
        at=st.datetimes(
            min_value=dt.datetime(2000, 1, 1),
            max_value=dt.datetime(2035, 1, 1),
            timezones=st.just(dt.UTC),
        ),
    )
    def test_any_partnership_is_clean(self, partnership: Partnership, at: dt.datetime) -> None:
        """What the publisher makes from any partnership passes the checker."""
        for path, file in render(partnership, at).items():
            assert check_calendar(file.content) == [], path

    @pytest.mark.parametrize(
        ("old", "new", "problem"),
        [
            (b"METHOD:PUBLISH\r\n", b"", "METHOD is missing, not PUBLISH"),
            (b"VERSION:2.0", b"VERSION:1.0", "VERSION is 1.0, not 2.0"),
            (b"PRODID:-//csp-core//csp-ical//EN\r\n", b"", "no PRODID"),
            (b"UID:" + UID + b"\r\n", b"", "has no UID"),
            (b"DTSTAMP:", b"X-DTSTAMP:", f"event {UID.decode()}: no DTSTAMP"),
            (b"Z\r\nUID:" + UID, b"\r\nUID:" + UID, "DTSTAMP is not in UTC"),
            (
                b"DTSTART;TZID=Europe/London:",
                b"DTSTART:",
                f"event {UID.decode()}: DTSTART is a floating time",
            ),
            (b"TZID=Europe/London", b"TZID=Europe/Paris", "TZID Europe/Paris is used but no"),
            (
                b"DTSTART;TZID=Europe/London:2019",
                b"DTSTART;TZID=Europe/London:20x9",
                "cannot be read",
            ),
        ],
        ids=[
            "method",
            "version",
            "prodid",
            "uid",
            "dtstamp",
            "dtstamp-utc",
            "floating",
            "vtimezone",
            "broken",
        ],
    )
    def test_basics(self, calendar: bytes, old: bytes, new: bytes, problem: str) -> None:
        """Each RFC 5545 basic broken in one event is named."""
        content = (
            calendar.replace(old, new, 1) if old in calendar[:800] else _edit(calendar, old, new)
        )
        problems = check_calendar(content)
        assert any(problem in line for line in problems), problems

    def test_line_endings_and_folding(self, calendar: bytes) -> None:
        """LF line ends and an unfolded long line are named with their first line."""
        problems = check_calendar(calendar.replace(b"\r\n", b"\n"))
        assert problems[0].startswith("line 1 ends with LF, not CRLF")
        unfolded = calendar.replace(b"\r\n ", b"")
        assert any("octets long: fold lines at 75 octets" in p for p in check_calendar(unfolded))

    def test_folding_inside_a_character(self, calendar: bytes) -> None:
        """A fold that splits a UTF-8 character is named."""
        content = _edit(calendar, b"SUMMARY:", b"SUMMARY:\xc3\r\n \xa9")
        assert any("folding split a character" in p for p in check_calendar(content))

    def test_duplicate_uid(self, calendar: bytes) -> None:
        """Two events with one UID: one would be hidden."""
        content = _edit(
            calendar, b"UID:2018-02-13@", b"UID:2019-10-17@", b"2018-02-13@cambridge.csp-core"
        )
        problems = check_calendar(content)
        assert (
            f"UID {UID.decode()} is used by 2 events: one of them is hidden in every client"
            in problems
        )

    def test_wrong_vtimezone_is_caught_by_the_second_reader(self, calendar: bytes) -> None:
        """A VTIMEZONE an hour out: vobject (from the file) and icalendar disagree."""
        content = calendar.replace(b"TZOFFSETTO:+0100", b"TZOFFSETTO:+0200", 1)
        problems = check_calendar(content)
        assert any("the VTIMEZONE of Europe/London is wrong" in p for p in problems), problems

    def test_unreadable(self) -> None:
        """Garbage is named as unreadable, not raised."""
        assert check_calendar(b"BEGIN:VCALENDAR\r\nnonsense\r\nEND:VCALENDAR\r\n")[0].startswith(
            "icalendar cannot read it"
        )
        assert check_calendar(b"\xff\xfe")[-1].startswith("not UTF-8")

    def test_checker_reads_previous(self, calendar: bytes) -> None:
        """The registered checker passes the previous copy on."""
        start, end = _event(calendar)
        file = CheckedFile(
            path="calendar.ics",
            content=calendar[:start] + calendar[end:],
            media_type="text/calendar; charset=utf-8",
            previous=calendar,
        )
        assert [p.split(":")[0] for p in IcalChecker().check(file)] == [
            f"event {UID.decode()} vanished"
        ]


class TestUpdates:
    def test_same_calendar_is_a_valid_update(self, calendar: bytes) -> None:
        """A calendar is a valid update of itself."""
        assert check_calendar(calendar, calendar) == []

    def test_a_proper_update(self, calendar: bytes) -> None:
        """A move with SEQUENCE, DTSTAMP and LAST-MODIFIED moved on: no problem."""
        content = _edit(
            calendar,
            b"DTSTART;TZID=Europe/London:20191017T111500",
            b"DTSTART;TZID=Europe/London:20191017T121500",
        )
        content = _restamp(_edit(content, b"SEQUENCE:0", b"SEQUENCE:1"))
        assert check_calendar(content, calendar) == []

    def test_vanished_event(self, calendar: bytes) -> None:
        """An event dropped between builds is named: subscribers would keep it for ever."""
        start, end = _event(calendar)
        problems = check_calendar(calendar[:start] + calendar[end:], calendar)
        assert problems == [
            f"event {UID.decode()} vanished: it was in the previous copy; keep it, with "
            "STATUS:CANCELLED if it is cancelled, or subscribers keep it for ever"
        ]

    def test_stamp_backwards(self, calendar: bytes) -> None:
        """DTSTAMP and LAST-MODIFIED earlier than in the previous copy are named."""
        stamp = _prop(calendar, b"DTSTAMP").split(b":", 1)[1]
        before = _edit(calendar, b"DTSTAMP:" + stamp, b"DTSTAMP:20351231T000000Z")
        problems = check_calendar(calendar, before)
        moved = f"from 20351231T000000Z to {stamp.decode()}"
        assert f"event {UID.decode()}: DTSTAMP went backwards {moved}" in problems

    def test_sequence_down(self, calendar: bytes) -> None:
        """SEQUENCE lower than before is named."""
        before = _edit(calendar, b"SEQUENCE:0", b"SEQUENCE:3")
        problems = check_calendar(calendar, before)
        assert f"event {UID.decode()}: SEQUENCE went down from 3 to 0" in problems

    def test_silent_content_change(self, calendar: bytes) -> None:
        """A new DESCRIPTION with the same stamps: clients keep the old copy."""
        content = _edit(calendar, b"DESCRIPTION:", b"DESCRIPTION:Papers now available. ")
        problems = check_calendar(content, calendar)
        assert any(
            p.startswith(
                f"event {UID.decode()}: DESCRIPTION changed but (SEQUENCE, DTSTAMP) stayed"
            )
            for p in problems
        ), problems
        assert (
            f"event {UID.decode()}: DESCRIPTION changed but LAST-MODIFIED did not move" in problems
        )

    def test_move_without_sequence(self, calendar: bytes) -> None:
        """A new start with a newer DTSTAMP but the same SEQUENCE breaks RFC 5546."""
        content = _edit(
            calendar,
            b"DTSTART;TZID=Europe/London:20191017T111500",
            b"DTSTART;TZID=Europe/London:20191017T121500",
        )
        content = _restamp(content)
        problems = check_calendar(content, calendar)
        assert problems == [
            f"event {UID.decode()}: DTSTART changed but SEQUENCE stayed 0 (RFC 5546 section 2.1.4)"
        ]
