"""Nothing that is not public reaches a feed: private meetings, withheld papers, exempt details."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import feedparser
import pytest

from csp_core import OutputFile, Partnership, public_view

Render = Callable[..., dict[str, OutputFile]]
LONDON = ZoneInfo("Europe/London")
INSTANTS = (
    dt.datetime(2019, 6, 20, 12, tzinfo=LONDON),  # papers just published
    dt.datetime(2019, 9, 5, 12, tzinfo=LONDON),  # after the private meeting's papers
    dt.datetime(2025, 1, 1, tzinfo=LONDON),  # everything past
)


class TestPrivacy:
    @pytest.mark.parametrize("at", INSTANTS, ids=lambda at: at.date().isoformat())
    def test_no_marker_appears_in_any_feed(
        self, markers: Partnership, render: Render, secrets: tuple[str, ...], at: dt.datetime
    ) -> None:
        """No private meeting, withheld or unpublished paper, exempt summary or hidden link."""
        files = render(markers, at, {"limit": "1000"})
        assert len(files) == 8
        for file in files.values():
            for secret in secrets:
                assert secret.encode() not in file.content, (file.path, secret)
                assert secret.lower().encode() not in file.content.lower(), (file.path, secret)

    def test_on_request_papers_are_named_without_their_address(
        self, markers: Partnership, render: Render
    ) -> None:
        """A paper available on request is announced, linking its meeting's page, not its file."""
        at = INSTANTS[-1]
        files = render(markers, at, {"limit": "1000"})
        parsed = feedparser.parse(files["feeds/atom.xml"].content)
        (item,) = [e for e in parsed.entries if e.title.startswith("Report published: Background")]
        assert item.link == "https://csp.example.org/meetings/2019-06-18.html"

    def test_a_private_meeting_is_in_no_body_feed(
        self, markers: Partnership, render: Render
    ) -> None:
        """The board's feed holds items about its public meetings only."""
        at = INSTANTS[-1]
        parsed = feedparser.parse(
            render(markers, at, {"limit": "1000"})["feeds/bodies/board/atom.xml"].content
        )
        view = public_view(markers, at)
        subjects = {f"tag:csp-core.invalid,2024:marker/{e.id}": e.subject for e in view.timeline}
        assert parsed.entries
        assert {subjects[e.id] for e in parsed.entries} == {"2019-06-18"}
        assert not [e for e in parsed.entries if "2019-09-03" in e.id]

    def test_a_change_announced_later_is_not_shown_early(
        self, markers: Partnership, render: Render
    ) -> None:
        """A cancellation announced after the instant is not in the feed at that instant."""
        at = INSTANTS[-1]
        parsed = feedparser.parse(render(markers, at, {"limit": "1000"})["feeds/rss.xml"].content)
        assert not [e for e in parsed.entries if e.id.endswith("meeting/2019-10-01/cancelled")]
        assert [e for e in parsed.entries if e.id.endswith("meeting/2019-10-01/announced")]
