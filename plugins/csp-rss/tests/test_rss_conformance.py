"""Every feed checked against what RSS 2.0 and RFC 4287 require, read with the stdlib parser."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from csp_core import OutputFile, Partnership

Render = Callable[..., dict[str, OutputFile]]
Check = Callable[[str, bytes, str | None], list[dt.datetime]]
LONDON = ZoneInfo("Europe/London")
INSTANTS = (
    dt.datetime(2016, 1, 1, tzinfo=LONDON),  # nothing published yet
    dt.datetime(2019, 10, 10, 9, tzinfo=LONDON),
    dt.datetime(2025, 1, 1, tzinfo=LONDON),
)


class TestConformance:
    @pytest.mark.parametrize("at", INSTANTS, ids=lambda at: at.date().isoformat())
    @pytest.mark.parametrize("base_url", ["https://csp.example.org/", None])
    def test_cambridge_feeds_conform(
        self,
        cambridge: Partnership,
        render: Render,
        check_feed: Check,
        at: dt.datetime,
        base_url: str | None,
    ) -> None:
        """Required elements, date formats, guids, ids, order and self links all conform."""
        for path, file in render(cambridge, at, {"limit": "1000"}, base_url=base_url).items():
            self_url = None if base_url is None else f"{base_url}{path}"
            dates = check_feed(path, file.content, self_url)
            assert len(dates) == file.items

    def test_marker_feeds_conform(
        self, markers: Partnership, render: Render, check_feed: Check
    ) -> None:
        """Feeds with markup, non-ASCII text and every kind of event conform too."""
        files = render(markers, INSTANTS[-1], {"limit": "1000"})
        for path, file in files.items():
            check_feed(path, file.content, f"https://csp.example.org/{path}")
        assert sum(file.items for file in files.values()) > 40

    def test_the_checks_catch_a_broken_feed(
        self, cambridge: Partnership, render: Render, check_feed: Check
    ) -> None:
        """The checks fail on a feed missing what the specifications require."""
        files = render(cambridge, INSTANTS[-1])
        rss = files["feeds/rss.xml"].content
        atom = files["feeds/atom.xml"].content
        broken = {
            "feeds/rss.xml": rss.replace(b' isPermaLink="false"', b""),
            "feeds/atom.xml": atom.replace(b"<author>", b"<contributor>").replace(
                b"</author>", b"</contributor>"
            ),
        }
        for path, content in broken.items():
            with pytest.raises(AssertionError):
                check_feed(path, content, f"https://csp.example.org/{path}")
