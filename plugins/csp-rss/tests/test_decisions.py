"""The feeds announce a meeting's decisions when its minutes are published (docs/feeds.md)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
from csp_rss.options import DEFAULT_TAG_AUTHORITY

from csp_core import Partnership

LONDON = ZoneInfo("Europe/London")
# The board meeting moved from 18 to Thursday 27 June 2019; its minutes, and with them its
# record, are published on Wednesday 10 July 2019 at 09:30 BST (08:30 UTC).
PUBLISHED = dt.datetime(2019, 7, 10, 9, 30, tzinfo=LONDON)
MINUTES = "https://www.example.org/csp/2019-06-18-minutes.pdf"
PATHS = (
    "feeds/atom.xml",
    "feeds/rss.xml",
    "feeds/bodies/board/atom.xml",
    "feeds/bodies/board/rss.xml",
)


def _decisions(
    render: Callable[..., Any], markers: Partnership, at: dt.datetime, path: str
) -> list[Any]:
    parsed = feedparser.parse(render(markers, at, {"limit": "1000"})[path].content)
    assert parsed.bozo == 0
    return [e for e in parsed.entries if e.tags[0].term in {"decisions-published", "Decisions"}]


def test_decisions_announced_with_the_minutes(
    markers: Partnership, render: Callable[..., Any]
) -> None:
    for path in PATHS:
        assert _decisions(render, markers, PUBLISHED - dt.timedelta(seconds=1), path) == []
        (entry,) = _decisions(render, markers, PUBLISHED, path)
        assert entry.title.startswith("Decisions published: Ŵyl <script>")
        assert entry.title.endswith(", Thursday 27 June 2019")
        # Item 1's resolution in full; item 2 is exempt: only that it was decided, and how.
        # (feedparser gives a plain-text summary as HTML, escaped.)
        summary = html.unescape(entry.summary)
        assert summary.startswith("Item 1: That Ŵyl <script>")
        assert summary.endswith(" be agreed. Item 2: decided by vote.")
        assert "EXEMPT-DECISION-MARKER" not in entry.summary
        assert entry.link == MINUTES
        assert entry.id == (
            f"tag:{DEFAULT_TAG_AUTHORITY}:{markers.id}/meeting/2019-06-18/decisions"
        )
        assert entry.published_parsed[:5] == (2019, 7, 10, 8, 30)
        if path.endswith("atom.xml"):
            assert entry.tags[0].label == "Decisions"
            assert entry.updated_parsed[:5] == (2019, 7, 10, 8, 30)


def test_the_id_stays_and_the_tasking_feed_has_none(
    markers: Partnership, render: Callable[..., Any]
) -> None:
    later = dt.datetime(2020, 3, 1, tzinfo=LONDON)
    (first,) = _decisions(render, markers, PUBLISHED, "feeds/atom.xml")
    (again,) = _decisions(render, markers, later, "feeds/atom.xml")
    assert (again.id, again.title, again.summary) == (first.id, first.title, first.summary)
    assert _decisions(render, markers, later, "feeds/bodies/tasking/atom.xml") == []
