"""Every calendar, read by icalendar, vobject and Mozilla's ical.js, says what the model says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

import csp_core
from csp_core import Partnership, public_view
from ical_readers import (
    Read,
    expected_end,
    expected_start,
    read_everywhere,
    read_icalendar,
    read_vobject,
    render,
    view_meetings,
)
from tests.data import partnership_header, toml_string

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
READERS = ("icalendar", "icalendar-vtimezone", "vobject", "ical.js")

# Meetings on the days the clocks change in 2019 (31 March, 27 October), as a data file would
# give them: 01:30 on 27 October happens twice, so it is written with its offset.
CLOCK_MEETINGS = """
[[meetings]]
id = "spring-0030"
body = "board"
title = "Before the clocks go forward; ends after"
start = 2019-03-31T00:30:00

[[meetings]]
id = "spring-0300"
body = "board"
title = "Spring 03:00"
start = 2019-03-31T03:00:00
end = 2019-03-31T05:00:00

[[meetings]]
id = "spring-1000"
body = "board"
title = "Spring 10:00"
start = 2019-03-31T10:00:00
end = 2019-03-31T12:00:00

[[meetings]]
id = "autumn-0030"
body = "board"
title = "Before the clocks go back; ends in the repeated hour"
start = 2019-10-27T00:30:00

[[meetings]]
id = "autumn-0130-first"
body = "board"
title = "The first 01:30"
start = 2019-10-27T01:30:00+01:00
end = 2019-10-27T02:00:00

[[meetings]]
id = "autumn-0130-second"
body = "board"
title = "The second 01:30"
start = 2019-10-27T01:30:00+00:00
end = 2019-10-27T02:30:00

[[meetings]]
id = "autumn-0300"
body = "board"
title = "Autumn 03:00"
start = 2019-10-27T03:00:00
end = 2019-10-27T04:00:00

[[meetings]]
id = "autumn-1000"
body = "board"
title = "Autumn 10:00"
start = 2019-10-27T10:00:00
end = 2019-10-27T12:00:00

[[meetings]]
id = "winter-2000"
body = "board"
title = "January 2000"
start = 2000-01-10T10:00:00

[[meetings]]
id = "summer-2035"
body = "board"
title = "July 2035"
start = 2035-07-05T10:00:00
end = 2035-07-05T11:30:00
"""


def clock_change_partnership(folder: Path, zone: str) -> Partnership:
    """A partnership in ``zone`` whose meetings sit on and around 2019's clock changes."""
    header = partnership_header(
        id="clocks", name="Clock Change Community Safety Partnership", timezone=zone
    )
    (folder / "partnership.toml").write_text(header + CLOCK_MEETINGS, encoding="utf-8")
    return csp_core.load(folder)


def assert_instants(partnership: Partnership, at: dt.datetime) -> dict[str, list[Read]]:
    """Every reader gives every meeting event the model's start and end instants."""
    view = public_view(partnership, at)
    meetings = view_meetings(view)
    files = {
        path: file.content
        for path, file in render(partnership, at).items()
        if path != "deadlines.ics"
    }
    readers = read_everywhere(files)
    for reader, calendars in readers.items():
        for path, events in calendars.items():
            assert len(events) == len({e.uid for e in events}), f"{reader} {path}: UIDs not unique"
            for event in events:
                meeting = meetings[event.uid]
                assert (event.start, event.end) == (
                    expected_start(meeting),
                    expected_end(meeting),
                ), f"{reader} read {path} {event.uid} at the wrong time"
                if reader != "icalendar" and event.zone_from_file is not None:
                    assert event.zone_from_file, f"{reader} did not use the file's VTIMEZONE"
        assert len(calendars["calendar.ics"]) == len(meetings), reader
    return readers["ical.js"]


class TestCambridgeInstants:
    """The Cambridge example, winter and summer meetings, through every parser."""

    @pytest.mark.parametrize(
        "at",
        [
            dt.datetime(2019, 10, 1, 9, tzinfo=LONDON),
            dt.datetime(2019, 6, 10, 12, tzinfo=LONDON),
            dt.datetime(2021, 1, 1, tzinfo=LONDON),
        ],
        ids=str,
    )
    def test_every_parser_reads_every_meeting_at_its_instant(
        self, cambridge: Partnership, at: dt.datetime, ical_js: Callable[..., object]
    ) -> None:
        """Each parser reads each meeting's start and end as the model's instants."""
        assert_instants(cambridge, at)

    def test_the_example_has_winter_and_summer_meetings(self, cambridge: Partnership) -> None:
        """The example checks both offsets: GMT meetings (February) and BST ones (17 October)."""
        offsets = {m.start.astimezone(LONDON).utcoffset() for m in cambridge.meetings}
        assert offsets == {dt.timedelta(0), dt.timedelta(hours=1)}
        october = cambridge.meeting("2019-10-17").start
        assert october.astimezone(UTC) == dt.datetime(2019, 10, 17, 10, 15, tzinfo=UTC)


class TestClockChanges:
    """Meetings on clock-change days, in London, Dublin and UTC, through every parser."""

    @pytest.mark.parametrize("zone", ["Europe/London", "Europe/Dublin", "UTC"])
    def test_every_parser_reads_clock_change_meetings_at_their_instants(
        self, tmp_path: Path, zone: str, ical_js: Callable[..., object]
    ) -> None:
        """Meetings around the 2019 clock changes (and in 2000 and 2035) keep their instants."""
        partnership = clock_change_partnership(tmp_path, zone)
        assert_instants(partnership, dt.datetime(2040, 1, 1, tzinfo=UTC))

    def test_the_repeated_hour_is_written_in_utc(self, tmp_path: Path) -> None:
        """Both 01:30s of 27 October 2019 are written in UTC; a TZID time names only the first."""
        partnership = clock_change_partnership(tmp_path, "Europe/London")
        content = render(partnership, dt.datetime(2040, 1, 1, tzinfo=UTC))["calendar.ics"].content
        text = content.decode()
        assert "DTSTART:20191027T003000Z" in text
        assert "DTSTART:20191027T013000Z" in text
        assert "DTSTART;TZID=Europe/London:20191027T030000" in text
        assert "DTSTART;TZID=Europe/London:20190331T030000" in text

    def test_utc_partnerships_write_utc_times(self, tmp_path: Path) -> None:
        """A partnership in UTC writes times with Z and needs no VTIMEZONE."""
        partnership = clock_change_partnership(tmp_path, "UTC")
        text = render(partnership, dt.datetime(2040, 1, 1, tzinfo=UTC))["calendar.ics"].content
        assert b"TZID" not in text
        assert b"DTSTART:20191027T100000Z" in text


WELSH = "Cyfarfod Partneriaeth Diogelwch Cymunedol — Ŵyl"
GAELIC = "Com-pàirteachas Sàbhailteachd Coimhearsnachd"
AWKWARD = f'{WELSH}; "rhan 1", 2\\3 C:\\New\\next\nAil linell ✓'
VENUE = f"{GAELIC}, Talla; Baile\\Mòr"
NOTE = f"{AWKWARD} — wedi'i ganslo; ni fydd, \\ dim\n\nGaelic: {GAELIC}"


def text_partnership(folder: Path) -> Partnership:
    """A partnership whose meeting texts hold commas, semicolons, backslashes, newlines."""
    header = partnership_header(
        "Ynys Môn",
        id="text",
        name=GAELIC,
        town="Llangefni",
        postcode="LL77 7TW",
        board="Bwrdd; y Bartneriaeth, Môn",
        timezone="Europe/London",
        nation="wales",
    )
    (folder / "partnership.toml").write_text(
        header
        + f"""
[[meetings]]
id = "2019-06-11"
body = "board"
title = {toml_string(AWKWARD)}
start = 2019-06-11T10:00:00

[meetings.venue]
name = {toml_string(VENUE)}
address = ["Sràid na h-Eaglaise, 1", "Steòrnabhagh"]
postcode = "HS1 2BB"

[[meetings]]
id = "2019-07-09"
body = "board"
title = {toml_string(AWKWARD)}
start = 2019-07-09T10:00:00
status = "cancelled"
status_note = {toml_string(NOTE)}
changes = [{{ at = 2019-07-01T09:00:00, what = ["status"] }}]
""",
        encoding="utf-8",
    )
    return csp_core.load(folder)


class TestText:
    """Text with TEXT's special characters and non-ASCII survives every parser exactly."""

    def test_titles_venues_and_notes_survive_every_parser(
        self, tmp_path: Path, ical_js: Callable[..., object]
    ) -> None:
        """Commas, semicolons, backslashes, newlines, Welsh and Gaelic come back unchanged."""
        partnership = text_partnership(tmp_path)
        at = dt.datetime(2020, 1, 1, tzinfo=UTC)
        first, second = partnership.meetings
        assert first.venue is not None
        assert second.status_note is not None
        files = {"calendar.ics": render(partnership, at)["calendar.ics"].content}
        for reader, calendars in read_everywhere(files).items():
            events = {event.uid: event for event in calendars["calendar.ics"]}
            scheduled = events["2019-06-11@text.csp-core"]
            cancelled = events["2019-07-09@text.csp-core"]
            assert scheduled.summary == AWKWARD, reader
            assert scheduled.location == first.venue.one_line, reader
            assert cancelled.summary == f"Cancelled: {AWKWARD}", reader
            assert cancelled.description is not None
            assert second.status_note in cancelled.description.split("\n", 1)[1], reader
            assert "C:\\New\\next" in scheduled.summary, reader

    def test_calendar_names_are_escaped_text(self, tmp_path: Path) -> None:
        """NAME and X-WR-CALNAME are RFC 7986 TEXT: escaped, and read back whole by vobject."""
        partnership = text_partnership(tmp_path)
        files = render(partnership, dt.datetime(2020, 1, 1, tzinfo=UTC))
        name = f"{GAELIC}: Bwrdd; y Bartneriaeth, Môn"
        calendar = vobject.readOne(files["bodies/board.ics"].content.decode("utf-8"))
        assert calendar.contents["name"][0].value == name
        assert calendar.contents["x-wr-calname"][0].value == name
        # icalendar and ical.js do not type NAME, so they hand back the escaped text.
        raw = Calendar.from_ical(files["bodies/board.ics"].content)["NAME"]
        assert raw.to_ical().decode() == name.replace(";", "\\;").replace(",", "\\,")


def test_readers_agree_on_the_example(cambridge: Partnership) -> None:
    """icalendar and vobject read the same UIDs, summaries and sequences from the example."""
    content = render(cambridge, dt.datetime(2021, 1, 1, tzinfo=UTC))["calendar.ics"].content
    first = [(e.uid, e.summary, e.sequence, e.status) for e in read_icalendar(content)]
    second = [(e.uid, e.summary, e.sequence, e.status) for e in read_vobject(content)]
    assert first == second
