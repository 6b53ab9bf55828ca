"""Property: any valid partnership at any instant gives feeds that parse, one item per event."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from zoneinfo import ZoneInfo

import feedparser
from csp_rss.feeds import xml_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from tests.strategies import partnerships

from csp_core import Partnership
from csp_core.public import public_view
from csp_core.publishing import OutputFile

Render = Callable[..., dict[str, OutputFile]]
_ATOM = "{http://www.w3.org/2005/Atom}"


def _texts(content: bytes) -> tuple[list[str], list[str]]:
    """Each item's or entry's title and description/summary text, exactly as written."""
    root = etree.fromstring(content)
    if root.tag == "rss":
        items = list(root.iter("item"))
        return (
            [item.findtext("title") or "" for item in items],
            [item.findtext("description") or "" for item in items],
        )
    entries = list(root.iter(f"{_ATOM}entry"))
    return (
        [entry.findtext(f"{_ATOM}title") or "" for entry in entries],
        [entry.findtext(f"{_ATOM}summary") or "" for entry in entries],
    )


Check = Callable[[str, bytes, str | None], list[dt.datetime]]

instants = st.datetimes(
    min_value=dt.datetime(2000, 1, 1),
    max_value=dt.datetime(2036, 12, 31),
    timezones=st.just(ZoneInfo("Europe/London")),
)
limits = st.sampled_from(["1", "3", "50", "10000"])


class TestProperty:
    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(partnership=partnerships(), at=instants, limit=limits)
    def test_feeds_parse_with_one_item_per_event(
        self,
        render: Render,
        check_feed: Check,
        partnership: Partnership,
        at: dt.datetime,
        limit: str,
    ) -> None:
        """Feeds parse with bozo 0 and conform; one item per event up to the limit; ids unique."""
        timeline = public_view(partnership, at).timeline
        files = render(partnership, at, {"limit": limit})
        bodies = [body.id for body in partnership.bodies]
        assert len(files) == 2 + 2 * len(bodies)
        expected = sorted(sorted(timeline, key=lambda e: e.id), key=lambda e: e.at, reverse=True)
        expected = expected[: int(limit)]
        whole: set[str] = set()
        for path, file in files.items():
            parsed = feedparser.parse(file.content)
            assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
            ids = [entry.id for entry in parsed.entries]
            assert len(ids) == len(set(ids)) == file.items <= int(limit)
            if all(event.at.year >= 1000 for event in timeline):
                # feedgen writes an RFC 822 year with fewer than four digits before 1000.
                check_feed(path, file.content, f"https://csp.example.org/{path}")
            if path in {"feeds/rss.xml", "feeds/atom.xml"}:
                assert ids == [
                    f"tag:csp-core.invalid,2024:{partnership.id}/{event.id}" for event in expected
                ]
                # Texts are read with lxml: feedparser "repairs" text that looks like
                # mis-decoded UTF-8 (a title "Â\xa0" comes back as "\xa0").
                titles, summaries = _texts(file.content)
                assert titles == [xml_text(event.title) for event in expected]
                if path.endswith("rss.xml"):  # an RSS description is HTML
                    summaries = [html.unescape(summary) for summary in summaries]
                assert summaries == [xml_text(event.summary) for event in expected]
                whole = set(ids)
            elif len(timeline) <= int(limit):
                assert set(ids) <= whole
