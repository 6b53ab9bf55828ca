"""A partnership whose meetings belong to several bodies: the index names the body of each
meeting it lists (the next one, later ones, previous ones); with one body it does not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from csp_core import load
from tests.data import partnership_header

UTC = dt.UTC

GROUP = """
[[bodies]]
id = "asb"
name = "Anti-social Behaviour Group"
kind = "sub-group"
parent = "board"
"""


def _meeting(id: str, body: str, start: str) -> str:
    return f"""
[[meetings]]
id = "{id}"
body = "{body}"
title = "Meeting"
start = {start}
announced = 2025-01-06T09:00:00+00:00
"""


# Board on Thursday 13 February and 12 June 2025; the group on Tuesday 11 March 2025.
MEETINGS = (
    _meeting("board-feb", "board", "2025-02-13T10:00:00+00:00")
    + _meeting("asb-mar", "asb", "2025-03-11T10:00:00+00:00")
    + _meeting("board-jun", "board", "2025-06-12T10:00:00+01:00")
)
# Friday 28 February 2025: February's board meeting is past, the group's is next, June's later.
AT = dt.datetime(2025, 2, 28, tzinfo=UTC)


def _index(tmp_path: Path, render, parse, data: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "partnership.toml"
    path.write_text(partnership_header("Groupshire", board="Board") + data, encoding="utf-8")
    return parse(render(load(path), AT)["index.html"])


def test_each_listed_meeting_names_its_body(tmp_path: Path, render, parse) -> None:  # type: ignore[no-untyped-def]
    page = _index(tmp_path, render, parse, GROUP + MEETINGS)
    following = page.section("next-meeting")
    assert following.find("p", **{"class": "meeting-body"}).text() == (
        "Anti-social Behaviour Group"
    )
    later = following.find("ul", **{"class": "meetings"}).text()
    assert "Thursday 12 June 2025 – Board" in " ".join(later.split())
    previous = page.section("previous-meetings").find("ul", **{"class": "meetings"}).text()
    assert "Thursday 13 February 2025 – Board" in " ".join(previous.split())


def test_one_body_names_none(tmp_path: Path, render, parse) -> None:  # type: ignore[no-untyped-def]
    one_body = MEETINGS.replace('body = "asb"', 'body = "board"')
    page = _index(tmp_path, render, parse, one_body)
    following = page.section("next-meeting")
    assert not following.find_all("p", **{"class": "meeting-body"})
    assert "– Board" not in following.text()
