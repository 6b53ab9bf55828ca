"""How to attend, beyond the meeting's own page (issue 14 item 1): the index's lists of meetings
show each meeting's public online links, and the Event JSON-LD of a meeting held in person and
webcast live is mixed, with its Place and a VirtualLocation at the webcast."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from csp_core import Partnership, load
from tests.data import partnership_header
from tests.test_online import HYBRID, TEAMS

BASE = "https://csp.example.org/"
UTC = dt.UTC
JOIN = "https://teams.example/meet/1"
WEBCAST = "https://webcast.example/live/7"
RECORDING = "https://webcast.example/recording/7"
COUNCIL_WEBCAST = "https://webcast.example/council/9"
SEPTEMBER_JOIN = "https://teams.example/meet/2"

# Thursday 10 July 2025, 10:00 BST (09:00 UTC): held in the council chamber, in person, and
# webcast live; the webcast link is public from Monday 7 July, 09:00 BST (08:00 UTC).
IN_PERSON_WEBCAST = f"""
[[meetings]]
id = "webcast"
body = "board"
title = "Board meeting"
start = 2025-07-10T10:00:00+01:00
venue = {{ name = "Council Chamber", address = ["Market Square"], postcode = "CB2 3QJ" }}
announced = 2025-05-01T09:00:00+01:00
online = {{ webcast = "{COUNCIL_WEBCAST}", webcast_from = 2025-07-07T09:00:00+01:00 }}
"""

# Thursday 11 September 2025, 14:00 BST: online only, its join link public with the meeting.
SEPTEMBER = f"""
[[meetings]]
id = "september"
body = "board"
title = "Board meeting"
start = 2025-09-11T14:00:00+01:00
attendance = "online"
announced = 2025-05-01T09:00:00+01:00
online = {{ join = "{SEPTEMBER_JOIN}" }}
"""

# Wednesday 12 March 2025, 10:00 UTC: the Teams join link (public from 09:00 that day) is out;
# the Teams meeting (13 March) is next; no other meeting is announced yet.
BEFORE_TEAMS = dt.datetime(2025, 3, 12, 10, tzinfo=UTC)
# Friday 2 May 2025: the hybrid meeting (12 June) is next, its webcast public with it; later
# the in-person one of 10 July (its webcast not public yet) and September's, its join link out.
MAY = dt.datetime(2025, 5, 2, tzinfo=UTC)
# 20 June 2025: both have taken place, the hybrid one's recording published on 19 June.
AFTER_HYBRID = dt.datetime(2025, 6, 20, tzinfo=UTC)
# Sunday 6 July 2025: the webcast link of 10 July is not public yet; Tuesday 8 July: it is.
BEFORE_WEBCAST = dt.datetime(2025, 7, 6, tzinfo=UTC)
WITH_WEBCAST = dt.datetime(2025, 7, 8, tzinfo=UTC)


@pytest.fixture(scope="module")
def partnership(tmp_path_factory: pytest.TempPathFactory) -> Partnership:
    folder = tmp_path_factory.mktemp("online-lists")
    (folder / "partnership.toml").write_text(
        partnership_header("Onlineshire") + TEAMS + HYBRID + IN_PERSON_WEBCAST + SEPTEMBER,
        encoding="utf-8",
    )
    return load(folder / "partnership.toml")


def _links(node) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [
        (a.text(), a.attrs["href"])
        for a in node.find_all("a")
        if a.attrs["href"].startswith("https://") and "openstreetmap" not in a.attrs["href"]
    ]


class TestTheIndexLists:
    def test_next_meeting(self, partnership: Partnership, render, parse) -> None:
        """The next meeting's join link beside its agenda link."""
        page = parse(render(partnership, BEFORE_TEAMS, base_url=BASE)["index.html"])
        assert _links(page.section("next-meeting").find("ul")) == [("Join online", JOIN)]

    def test_later_meetings(self, partnership: Partnership, render, parse) -> None:
        """Each later meeting with the links public now, beside its date."""
        page = parse(render(partnership, MAY, base_url=BASE)["index.html"])
        section = page.section("next-meeting")
        assert _links(section.find("ul")) == [("Watch live", WEBCAST)]
        later = section.find("ul", **{"class": "meetings"})
        july, september = later.find_all("li")
        assert _links(july) == []  # its webcast is public from 7 July
        assert _links(september) == [("Join online", SEPTEMBER_JOIN)]
        assert "Recording" not in section.text()  # not published before 19 June

    def test_previous_meetings(self, partnership: Partnership, render, parse) -> None:
        """After the meetings: each with its links, the recording once published."""
        page = parse(render(partnership, AFTER_HYBRID, base_url=BASE)["index.html"])
        items = page.section("previous-meetings").find("ul", **{"class": "meetings"})
        hybrid, teams = (item for item in items.find_all("li") if item.find_all("h3"))
        assert _links(hybrid) == [("Watch live", WEBCAST), ("Recording", RECORDING)]
        assert _links(teams) == [("Join online", JOIN)]

    def test_a_link_not_yet_public_is_not_listed(
        self, partnership: Partnership, render, parse
    ) -> None:
        files = render(partnership, BEFORE_WEBCAST, base_url=BASE)
        assert COUNCIL_WEBCAST not in files["index.html"].decode()
        page = parse(render(partnership, WITH_WEBCAST, base_url=BASE)["index.html"])
        assert _links(page.section("next-meeting").find("ul")) == [("Watch live", COUNCIL_WEBCAST)]

    def test_in_welsh_words(self, tmp_path: Path, render, parse) -> None:
        """The labels come from the catalogue: the Welsh index says 'Ymuno ar-lein'."""
        path = tmp_path / "partnership.toml"
        path.write_text(
            partnership_header("Profdref", nation="wales").replace(
                'nation = "wales"', 'nation = "wales"\nlanguages = ["cy"]'
            )
            + TEAMS,
            encoding="utf-8",
        )
        page = parse(render(load(path), BEFORE_TEAMS, base_url=BASE)["index.html"])
        assert _links(page.section("next-meeting").find("ul")) == [("Ymuno ar-lein", JOIN)]

    def test_pages_pass_the_nu_checker(
        self, partnership: Partnership, render, site_writer, validator, tmp_path: Path
    ) -> None:
        paths = []
        for index, at in enumerate((BEFORE_TEAMS, MAY, AFTER_HYBRID, WITH_WEBCAST)):
            page = render(partnership, at, base_url=BASE)["index.html"]
            paths += site_writer({"index.html": page}, tmp_path / f"build-{index}")
        problems = validator(paths)
        assert not problems, "\n".join(problems)


class TestInPersonWithAWebcast:
    def test_mixed_once_the_webcast_is_public(
        self, partnership: Partnership, render, parse, jsonld
    ) -> None:
        """The public can watch online: MixedEventAttendanceMode, Place and VirtualLocation."""
        page = render(partnership, WITH_WEBCAST, base_url=BASE)["meetings/webcast.html"]
        [event] = jsonld(parse(page))
        assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
        assert [location["@type"] for location in event["location"]] == [
            "Place",
            "VirtualLocation",
        ]
        assert event["location"][0]["name"] == "Council Chamber"
        assert event["location"][1]["url"] == COUNCIL_WEBCAST
        # The page still says how the meeting is held.
        assert "How to attend In person" in parse(page).find("dl").text()

    def test_offline_before_it(self, partnership: Partnership, render, parse, jsonld) -> None:
        page = render(partnership, BEFORE_WEBCAST, base_url=BASE)["meetings/webcast.html"]
        [event] = jsonld(parse(page))
        assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
        assert event["location"]["@type"] == "Place"

    def test_hybrid_and_online_unchanged(
        self, partnership: Partnership, render, parse, jsonld
    ) -> None:
        files = render(partnership, AFTER_HYBRID, base_url=BASE)
        [hybrid] = jsonld(parse(files["meetings/hybrid.html"]))
        assert hybrid["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
        assert [location["@type"] for location in hybrid["location"]] == [
            "Place",
            "VirtualLocation",
        ]
        [teams] = jsonld(parse(files["meetings/teams.html"]))
        assert teams["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
        assert teams["location"] == {"@type": "VirtualLocation", "url": JOIN}
