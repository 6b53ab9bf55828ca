"""The county calendar: ``calendar.ics`` at the top of a build of many partnerships.

Built from the two examples together (Cambridge in English; Conwy and Denbighshire in Welsh
and English), the county calendar of each language must hold exactly the events of the
partnerships' own calendars of that language (a partnership without it: its primary one),
as icalendar, vobject and ical.js read them and expand their series.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from csp_core import Partnership, build_many, load
from csp_core.build import build
from csp_ical.check import check_calendar
from ical_readers import (
    Instance,
    occurrences_ical_js,
    occurrences_recurring_ical_events,
    occurrences_vobject,
    read_everywhere,
)
from tests.data import CAMBRIDGE, ROOT

WALES = ROOT / "examples" / "conwy-denbighshire"
# Conwy and Denbighshire's year of meetings runs from May 2025; Cambridge's ended in 2020.
AT = dt.datetime(2025, 10, 1, 8, tzinfo=dt.UTC)
# The top of the output folder is in English (Cambridge, first by id, publishes in en-GB
# only); Welsh, the set's second language, goes under cy/.  Each county calendar is made of
# these members' own calendars.
MEMBERS = {
    "calendar.ics": ("cambridge/calendar.ics", "conwy-denbighshire/en-gb/calendar.ics"),
    "cy/calendar.ics": ("cambridge/calendar.ics", "conwy-denbighshire/calendar.ics"),
}


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.ics")}


@pytest.fixture(scope="module")
def examples() -> list[Partnership]:
    return [load(CAMBRIDGE), load(WALES)]


@pytest.fixture(scope="module")
def built(
    examples: list[Partnership], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("county") / "out"
    result = build_many(examples, out, AT, only=["ical"], base_url="https://county.example/")
    assert result.ok, result.failures
    return _files(out)


def test_county_calendars_at_the_top(built: dict[str, bytes]) -> None:
    assert set(MEMBERS) <= set(built)
    english = vobject.readOne(built["calendar.ics"].decode())
    welsh = vobject.readOne(built["cy/calendar.ics"].decode())
    # Every partnership of the set, named in order of id, in the calendar's language.
    assert english.contents["name"][0].value == (
        "Public meetings: Cambridge Community Safety Partnership, "
        "Conwy and Denbighshire Community Safety Partnership"
    )
    assert english.contents["x-wr-calname"][0].value == english.contents["name"][0].value
    assert welsh.contents["x-wr-calname"][0].value.startswith("Cyfarfodydd cyhoeddus: ")
    assert english.contents["source"][0].value == "https://county.example/calendar.ics"
    assert welsh.contents["source"][0].value == "https://county.example/cy/calendar.ics"


@pytest.mark.parametrize("path", sorted(MEMBERS))
def test_county_calendar_passes_the_checks(built: dict[str, bytes], path: str) -> None:
    assert check_calendar(built[path]) == []
    calendar = Calendar.from_ical(built[path])
    zones = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
    assert zones == sorted(set(zones)) == ["Europe/London"]  # one VTIMEZONE per zone
    uids = Counter(
        (str(event["UID"]), str(event.get("RECURRENCE-ID", "")))
        for event in calendar.walk("VEVENT")
    )
    assert all(count == 1 for count in uids.values())


@pytest.mark.parametrize("path", sorted(MEMBERS))
def test_county_events_are_the_members_events(built: dict[str, bytes], path: str) -> None:
    members = MEMBERS[path]
    everywhere = read_everywhere({name: built[name] for name in (path, *members)})
    for reader, files in everywhere.items():
        county = sorted(files[path], key=lambda read: (read.uid, str(read.start)))
        own = sorted(
            (read for name in members for read in files[name]),
            key=lambda read: (read.uid, str(read.start)),
        )
        assert [(r.uid, r.start, r.end, r.status, r.summary) for r in county] == [
            (r.uid, r.start, r.end, r.status, r.summary) for r in own
        ], reader
        assert county, reader


@pytest.mark.parametrize("path", sorted(MEMBERS))
def test_county_occurrences_are_the_members_occurrences(built: dict[str, bytes], path: str) -> None:
    members = MEMBERS[path]
    files = {name: built[name] for name in (path, *members)}
    readers: dict[str, dict[str, set[Instance]]] = {
        "recurring-ical-events": {
            name: occurrences_recurring_ical_events(content) for name, content in files.items()
        },
        "vobject": {name: occurrences_vobject(content) for name, content in files.items()},
        "ical.js": occurrences_ical_js(files),
    }
    for reader, found in readers.items():
        own = set().union(*(found[name] for name in members))
        assert found[path] == own, reader


def test_serial_and_jobs_give_the_same_county_calendar(
    examples: list[Partnership], built: dict[str, bytes], tmp_path: Path
) -> None:
    again = build_many(
        examples, tmp_path / "jobs", AT, only=["ical"], base_url="https://county.example/", jobs=2
    )
    assert again.ok
    assert _files(tmp_path / "jobs") == built
    # Rebuilt over itself (the county calendar its own previous file): the same bytes.
    build_many(examples, tmp_path / "jobs", AT, only=["ical"], base_url="https://county.example/")
    assert _files(tmp_path / "jobs") == built


def test_a_partnership_leaving_the_set_has_its_events_cancelled(
    examples: list[Partnership], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build_many(examples, out, AT, only=["ical"])
    before = Calendar.from_ical((out / "calendar.ics").read_bytes())
    gone = {
        str(event["UID"])
        for event in before.walk("VEVENT")
        if str(event["UID"]).endswith("@cambridge.csp-core")
    }
    assert gone
    build_many(examples[1:], out, AT + dt.timedelta(days=1), only=["ical"])
    after = (out / "calendar.ics").read_bytes()
    assert check_calendar(after) == []
    cancelled = {
        str(event["UID"]): str(event["STATUS"])
        for event in Calendar.from_ical(after).walk("VEVENT")
        if str(event["UID"]) in gone
    }
    assert cancelled == dict.fromkeys(gone, "CANCELLED")


def test_one_partnership_alone_has_no_county_calendar(tmp_path: Path) -> None:
    build(load(CAMBRIDGE), tmp_path / "one", AT, only=["ical"])
    assert not (tmp_path / "one" / "cambridge").exists()
    assert (tmp_path / "one" / "calendar.ics").exists()  # its own, as before
