"""Property: any valid partnership at any instant gives feeds that parse, one item per event.

Titles and summaries are read back twice: with lxml, which must find exactly the core's text as
:func:`csp_core.text.clean` leaves it, and with feedparser, as a feed reader reads it.
feedparser legitimately changes some texts (its source: ``feedparser/mixin.py``, ``pop``), and
:func:`as_feedparser_reads` says how, so the second reading is exact too:

- it strips white space around a text (``str.strip``: U+00A0 and U+2028 as well as spaces);
- a text made only of ASCII and Latin-1 characters whose Latin-1 bytes also read as UTF-8 is
  taken for UTF-8 that someone decoded as Latin-1, and is decoded again: "ß¤l" comes back as
  "ߤl".  Generated titles hit this now and then, which made the old test (that expected the
  stripped text) fail for a few seeds;
- an RSS ``title`` is not said to be plain text or HTML, so feedparser guesses: one holding a
  closing tag or an entity reference of HTML ("a</b>", "&amp;") is read as HTML (its
  ``title_detail.type`` says ``text/html``) and sanitised.  Atom says ``type="text"`` and nothing
  is guessed.  The written text is still checked exactly through lxml.

The RSS ``description`` is HTML by definition, so it is HTML-unescaped after either reading.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
import pytest
from csp_rss import feeds
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from tests.strategies import examples, partnerships

from csp_core import OutputFile, Partnership, public_view, text

Render = Callable[..., dict[str, OutputFile]]
SingleFeed = Callable[..., feeds.Feed]
Check = Callable[[str, bytes, str | None], list[dt.datetime]]
_ATOM = "{http://www.w3.org/2005/Atom}"
#: What makes feedparser consider that an RSS title may be HTML: a closing tag or a reference.
_MAY_BE_HTML = re.compile(r"</\w+>|&#?\w+;")


def as_feedparser_reads(written: str) -> str:
    """The plain text ``written`` as feedparser 6 returns it (see the module docstring)."""
    stripped = written.strip()
    try:
        return stripped.encode("iso-8859-1").decode("utf-8")
    except UnicodeError:  # not only Latin-1, or not UTF-8: taken as it is
        return stripped


def _written(content: bytes) -> tuple[list[str], list[str]]:
    """Each item's or entry's title and description/summary text, exactly as written."""
    root = etree.fromstring(content)
    if root.tag == "rss":
        items = list(root.iter("item"))
        return (
            [item.findtext("title") or "" for item in items],
            [html.unescape(item.findtext("description") or "") for item in items],
        )
    entries = list(root.iter(f"{_ATOM}entry"))
    return (
        [entry.findtext(f"{_ATOM}title") or "" for entry in entries],
        [entry.findtext(f"{_ATOM}summary") or "" for entry in entries],
    )


def check_read_back(parsed: Any, rss: bool, titles: list[str], summaries: list[str]) -> None:
    """feedparser's reading of each entry is :func:`as_feedparser_reads` of the written text."""
    assert len(parsed.entries) == len(titles) == len(summaries)
    for entry, title, summary in zip(parsed.entries, titles, summaries, strict=True):
        if entry.title_detail.type == "text/html":  # feedparser's guess (RSS only)
            assert rss, entry.title_detail
            assert _MAY_BE_HTML.search(title), (title, entry.title)
        else:
            assert entry.title_detail.type == "text/plain", entry.title_detail
            assert entry.title == as_feedparser_reads(title)
        read = entry.get("summary", "")
        assert (html.unescape(read) if rss else read) == as_feedparser_reads(summary)


instants = st.datetimes(
    min_value=dt.datetime(2000, 1, 1),
    max_value=dt.datetime(2036, 12, 31),
    timezones=st.just(ZoneInfo("Europe/London")),
)
limits = st.sampled_from(["1", "3", "50", "10000"])


class TestProperty:
    @examples(30)
    @given(partnership=partnerships(), at=instants, limit=limits)
    def test_feeds_parse_with_one_item_per_event(
        self,
        render: Render,
        check_feed: Check,
        partnership: Partnership,
        at: dt.datetime,
        limit: str,
    ) -> None:
        """Feeds parse with bozo 0 and conform; one item per event up to the limit; ids unique;
        texts as the core made them, and as feedparser legitimately reads them."""
        timeline = public_view(partnership, at).timeline
        files = render(partnership, at, {"limit": limit})
        bodies = [body.id for body in partnership.bodies if body.public]  # a private one: none
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
            titles, summaries = _written(file.content)
            check_read_back(parsed, path.endswith("rss.xml"), titles, summaries)
            if path in {"feeds/rss.xml", "feeds/atom.xml"}:
                assert ids == [
                    f"tag:csp-core.invalid,2024:{partnership.id}/{event.id}" for event in expected
                ]
                assert titles == [text.clean(event.title) for event in expected]
                assert summaries == [text.clean(event.summary) for event in expected]
                whole = set(ids)
            elif len(timeline) <= int(limit):
                assert set(ids) <= whole


class TestFeedparserReading:
    """The oracle above, each of its rules shown on feedparser itself."""

    @pytest.mark.parametrize(
        ("written", "read"),
        [
            ("Tom & Jerry <3", "Tom & Jerry <3"),
            (" \xa0Minutes\u2028 ", "Minutes"),
            ("ß¤l", "\u07e4l"),  # Latin-1 bytes DF A4 are UTF-8 for U+07E4
            ("Community safety plan in force: ß¤l", "Community safety plan in force: \u07e4l"),
            ("ß¤l ŵ", "ß¤l ŵ"),  # not only Latin-1: kept
            ("Â", "Â"),  # C2 alone is not UTF-8: kept
            ("Â\xa0", "Â"),  # stripped first, then C2 alone
            ("Â\xa0x", "\xa0x"),  # C2 A0 is UTF-8 for U+00A0
        ],
    )
    def test_plain_text(self, single_feed: SingleFeed, written: str, read: str) -> None:
        """Both formats: surrounding white space goes, and Latin-1 that is UTF-8 is decoded."""
        assert as_feedparser_reads(written) == read
        for write, rss in ((feeds.rss, True), (feeds.atom, False)):
            content = write(single_feed(written, written))
            check_read_back(feedparser.parse(content), rss, *_written(content))
            (entry,) = feedparser.parse(content).entries
            assert entry.title == read

    @pytest.mark.parametrize("written", ["a</b>", "Q&amp;A", "<b>bold</b> &copy;"])
    def test_an_rss_title_that_may_be_html(self, single_feed: SingleFeed, written: str) -> None:
        """feedparser guesses HTML for such an RSS title; an Atom title stays text."""
        rss = feeds.rss(single_feed(written, written))
        (entry,) = feedparser.parse(rss).entries
        assert entry.title_detail.type == "text/html"
        assert html.unescape(entry.summary) == written
        check_read_back(feedparser.parse(rss), True, *_written(rss))
        atom = feeds.atom(single_feed(written, written))
        (entry,) = feedparser.parse(atom).entries
        assert (entry.title_detail.type, entry.title) == ("text/plain", written)

    def test_the_oracle_fails_on_a_wrong_text(self, single_feed: SingleFeed) -> None:
        """A feed whose text is not what was written fails the read-back check."""
        content = feeds.atom(single_feed("Agenda", "Papers"))
        with pytest.raises(AssertionError):
            check_read_back(feedparser.parse(content), False, ["Agenda!"], ["Papers"])
        with pytest.raises(AssertionError):
            check_read_back(feedparser.parse(content), False, ["Agenda"], ["Paper"])
