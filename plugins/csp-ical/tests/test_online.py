"""Online and hybrid meetings in the calendars: LOCATION, RFC 7986 CONFERENCE (with FEATURE and
LABEL), URL and the links in DESCRIPTION, read back by icalendar, vobject and ical.js."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

import ical_readers
from csp_core import Partnership, load
from tests.data import partnership_header
from tests.test_online import HYBRID, TEAMS

UTC = dt.UTC
# After the hybrid meeting's recording is published (19 June 2025, 11:00 UTC): every link public.
AFTER = dt.datetime(2025, 6, 20, tzinfo=UTC)
# 12 March 2025, 08:00 UTC: the Teams join link is public only from 09:00 that day.
BEFORE_JOIN = dt.datetime(2025, 3, 12, 8, tzinfo=UTC)
# 19 June 2025, 10:59 UTC: the recording is public only from 11:00; the webcast already is.
BEFORE_RECORDING = dt.datetime(2025, 6, 19, 10, 59, tzinfo=UTC)

TEAMS_UID = "teams@onlineshire.csp-core"
HYBRID_UID = "hybrid@onlineshire.csp-core"
JOIN = ("https://teams.example/meet/1", "AUDIO,VIDEO", "Join online")
WEBCAST = ("https://webcast.example/live/7", "VIDEO", "Watch live")
RECORDING = ("https://webcast.example/recording/7", "VIDEO", "Recording")


@pytest.fixture(scope="module")
def partnership() -> Partnership:
    folder = Path(tempfile.mkdtemp())
    (folder / "partnership.toml").write_text(
        partnership_header("Onlineshire") + TEAMS + HYBRID, encoding="utf-8"
    )
    return load(folder / "partnership.toml")


def _calendar(partnership: Partnership, at: dt.datetime) -> bytes:
    return ical_readers.render(partnership, at)["calendar.ics"].content


def _icalendar(content: bytes) -> dict[str, tuple[str | None, list[tuple[str, str, str]]]]:
    found = {}
    for event in Calendar.from_ical(content).walk("VEVENT"):
        conferences = event.get("CONFERENCE", [])
        if not isinstance(conferences, list):
            conferences = [conferences]
        found[str(event["UID"])] = (
            str(event["LOCATION"]) if "LOCATION" in event else None,
            [
                (
                    str(c),
                    ",".join(c.params["FEATURE"])
                    if isinstance(c.params["FEATURE"], list)
                    else c.params["FEATURE"],
                    c.params["LABEL"],
                )
                for c in conferences
            ],
        )
    return found


def _vobject(content: bytes) -> dict[str, tuple[str | None, list[tuple[str, str, str]]]]:
    found = {}
    calendar = vobject.readOne(content.decode("utf-8"))
    for event in calendar.contents.get("vevent", []):
        contents = event.contents
        location = contents["location"][0].value if "location" in contents else None
        found[contents["uid"][0].value] = (
            location,
            [
                (line.value, ",".join(line.params["FEATURE"]), line.params["LABEL"][0])
                for line in contents.get("conference", [])
            ],
        )
    return found


def _ical_js(content: bytes) -> dict[str, tuple[str | None, list[tuple[str, str, str]]]]:
    ical_readers.install_ical_js()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "calendar.ics"
        path.write_bytes(content)
        result = ical_readers._run("node", ["read-conference.mjs", str(path)])
    assert result.returncode == 0, result.stderr
    found = {}
    for uid, event in json.loads(result.stdout).items():
        assert all(kind == "uri" for *_, kind in event["conferences"])
        found[uid] = (event["location"], [tuple(c[:3]) for c in event["conferences"]])
    return found


READERS = {"icalendar": _icalendar, "vobject": _vobject, "ical.js": _ical_js}


@pytest.mark.parametrize("reader", READERS)
def test_every_reader_sees_the_links(partnership: Partnership, reader: str) -> None:
    read = READERS[reader](_calendar(partnership, AFTER))
    assert read[TEAMS_UID] == ("Online", [JOIN])
    assert read[HYBRID_UID] == ("Guildhall, Market Square CB2 3QJ", [WEBCAST, RECORDING])


@pytest.mark.parametrize("reader", READERS)
def test_no_link_before_its_moment(partnership: Partnership, reader: str) -> None:
    read = READERS[reader](_calendar(partnership, BEFORE_JOIN))
    # The location says 'Online' before and after the link appears: it never changes with it.
    assert read[TEAMS_UID] == ("Online", [])
    read = READERS[reader](_calendar(partnership, BEFORE_RECORDING))
    assert read[HYBRID_UID] == ("Guildhall, Market Square CB2 3QJ", [WEBCAST])


def test_description_lists_the_links_and_url_is_the_page(partnership: Partnership) -> None:
    events = {
        str(e["UID"]): e for e in Calendar.from_ical(_calendar(partnership, AFTER)).walk("VEVENT")
    }
    description = str(events[TEAMS_UID]["DESCRIPTION"])
    assert "Attendance: Online." in description
    assert "Join online: https://teams.example/meet/1" in description
    hybrid = str(events[HYBRID_UID]["DESCRIPTION"])
    assert "Attendance: In person and online." in hybrid
    assert "Watch live: https://webcast.example/live/7" in hybrid
    assert "Recording: https://webcast.example/recording/7" in hybrid
    assert str(events[HYBRID_UID]["URL"]) == "https://csp.example.org/meetings/hybrid.html"


def test_stamps_move_when_the_join_link_appears(partnership: Partnership) -> None:
    def stamp(at: dt.datetime) -> dt.datetime:
        events = Calendar.from_ical(_calendar(partnership, at)).walk("VEVENT")
        event = next(e for e in events if str(e["UID"]) == TEAMS_UID)
        return event.DTSTAMP

    assert stamp(BEFORE_JOIN) == dt.datetime(2025, 2, 1, 9, tzinfo=UTC)
    assert stamp(AFTER) == dt.datetime(2025, 3, 12, 9, tzinfo=UTC)


def test_online_meeting_without_a_link_is_to_be_announced(tmp_path: Path) -> None:
    text = TEAMS.replace(
        'online = { join = "https://teams.example/meet/1", join_from = 2025-03-12T09:00:00+00:00 }',
        "",
    )
    (tmp_path / "partnership.toml").write_text(
        partnership_header("Onlineshire") + text, encoding="utf-8"
    )
    content = _calendar(load(tmp_path / "partnership.toml"), AFTER)
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert str(event["LOCATION"]) == "Online"
    assert "Joining details to be announced." in str(event["DESCRIPTION"])
    assert "CONFERENCE" not in event
