"""Online and hybrid meetings on their pages: where, how to attend, the links public at the
build's instant, and the Event JSON-LD (VirtualLocation, eventAttendanceMode, recordedIn)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from csp_core import Partnership, load
from tests.data import partnership_header
from tests.test_online import HYBRID, TEAMS

BASE = "https://csp.example.org/"
UTC = dt.UTC
# After the hybrid meeting's recording is published (19 June 2025, 11:00 UTC): every link public.
AFTER = dt.datetime(2025, 6, 20, tzinfo=UTC)
# 12 March 2025, 08:00 UTC: the Teams join link is public only from 09:00 that day.
BEFORE_JOIN = dt.datetime(2025, 3, 12, 8, tzinfo=UTC)
JOIN = "https://teams.example/meet/1"
WEBCAST = "https://webcast.example/live/7"
RECORDING = "https://webcast.example/recording/7"


@pytest.fixture(scope="module")
def partnership(tmp_path_factory: pytest.TempPathFactory) -> Partnership:
    folder = tmp_path_factory.mktemp("online")
    (folder / "partnership.toml").write_text(
        partnership_header("Onlineshire") + TEAMS + HYBRID, encoding="utf-8"
    )
    return load(folder / "partnership.toml")


def _links(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    details = page.find("dl")
    return {a.text(): a.attrs["href"] for a in details.find_all("a") if "map" not in a.text()}


def test_online_meeting_page(partnership: Partnership, render, parse) -> None:
    page = parse(render(partnership, AFTER, base_url=BASE)["meetings/teams.html"])
    text = page.find("dl").text()
    assert "Where Online" in text
    assert "to be announced" not in text
    assert "How to attend Online" in text
    assert _links(page) == {"Join online": JOIN}


def test_before_the_join_link_is_public(partnership: Partnership, render, parse) -> None:
    page = parse(render(partnership, BEFORE_JOIN, base_url=BASE)["meetings/teams.html"])
    text = page.find("dl").text()
    assert "Where Online" in text
    assert "Joining details to be announced" in text
    assert _links(page) == {}
    assert (
        JOIN not in render(partnership, BEFORE_JOIN, base_url=BASE)["meetings/teams.html"].decode()
    )


def test_hybrid_meeting_page(partnership: Partnership, render, parse) -> None:
    page = parse(render(partnership, AFTER, base_url=BASE)["meetings/hybrid.html"])
    text = page.find("dl").text()
    assert "Where Guildhall, Market Square CB2 3QJ" in text
    assert "How to attend In person and online" in text
    assert "Joining details" not in text
    assert _links(page) == {"Watch live": WEBCAST, "Recording": RECORDING}


def test_event_jsonld(partnership: Partnership, render, parse, jsonld) -> None:
    files = render(partnership, AFTER, base_url=BASE)
    [teams] = jsonld(parse(files["meetings/teams.html"]))
    assert teams["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert teams["location"] == {"@type": "VirtualLocation", "url": JOIN}
    assert "recordedIn" not in teams
    [hybrid] = jsonld(parse(files["meetings/hybrid.html"]))
    assert hybrid["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [location["@type"] for location in hybrid["location"]] == ["Place", "VirtualLocation"]
    assert hybrid["location"][1]["url"] == WEBCAST
    assert hybrid["recordedIn"] == {"@type": "CreativeWork", "url": RECORDING}


def test_jsonld_before_the_join_link_is_the_page(
    partnership: Partnership, render, parse, jsonld
) -> None:
    files = render(partnership, BEFORE_JOIN, base_url=BASE)
    [teams] = jsonld(parse(files["meetings/teams.html"]))
    assert teams["location"] == {"@type": "VirtualLocation", "url": f"{BASE}meetings/teams.html"}


def test_pages_pass_the_nu_checker(
    partnership: Partnership, render, site_writer, validator, tmp_path: Path
) -> None:
    paths = []
    for index, at in enumerate((BEFORE_JOIN, AFTER)):
        files = render(partnership, at, base_url=BASE)
        pages = {name: content for name, content in files.items() if name.startswith("meetings/")}
        paths += site_writer(pages, tmp_path / f"build-{index}")
    problems = validator(paths)
    assert not problems, "\n".join(problems)
