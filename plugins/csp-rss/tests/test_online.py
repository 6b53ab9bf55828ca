"""The feeds announce a meeting's recording when it is published (docs/feeds.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import feedparser

from csp_core import Partnership

LONDON = ZoneInfo("Europe/London")
# The tasking group's meeting of Tuesday 10 September 2019 is recorded; the recording is
# published a week later, Tuesday 17 September 2019 at 12:00 BST (11:00 UTC).
PUBLISHED = dt.datetime(2019, 9, 17, 12, tzinfo=LONDON)
RECORDING = "https://www.example.org/recordings/2019-09-10"


def _recordings(
    render: Callable[..., Any], markers: Partnership, at: dt.datetime, path: str
) -> list[Any]:
    parsed = feedparser.parse(render(markers, at, {"limit": "1000"})[path].content)
    assert parsed.bozo == 0
    return [e for e in parsed.entries if e.tags[0].term == "recording-published"]


def test_the_recording_is_announced_when_published(
    markers: Partnership, render: Callable[..., Any]
) -> None:
    for path in ("feeds/atom.xml", "feeds/bodies/tasking/atom.xml"):
        assert _recordings(render, markers, PUBLISHED - dt.timedelta(seconds=1), path) == []
        (entry,) = _recordings(render, markers, PUBLISHED, path)
        assert entry.title.startswith("Recording published: Tasking group meeting")
        assert entry.link == RECORDING
        assert entry.tags[0].label == "Recording"
        assert entry.published_parsed[:5] == (2019, 9, 17, 11, 0)
