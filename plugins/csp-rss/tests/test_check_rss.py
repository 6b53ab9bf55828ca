"""The ``rss`` checker of ``csp check``: feeds read by lxml and feedparser, and as updates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

import pytest
from csp_rss import RssChecker
from csp_rss.check import check_feed as check

from csp_core import CheckedFile, OutputFile, Partnership

LONDON = dt.timezone(dt.timedelta(hours=1))
AT = dt.datetime(2019, 10, 1, 9, 0, tzinfo=LONDON)
Render = Callable[..., Mapping[str, OutputFile]]


@pytest.fixture
def feeds(cambridge: Partnership, render: Render) -> dict[str, bytes]:
    """The example's feeds at the seed page's moment, served from a known address."""
    return {path: file.content for path, file in render(cambridge, AT).items()}


def _first(content: bytes, tag: bytes) -> bytes:
    """The first ``<tag>…</tag>`` of an item or entry in ``content``."""
    found = re.search(rb"<(item|entry)>.*?</\1>", content, re.DOTALL)
    assert found
    inner = re.search(rb"<" + tag + rb"[ >].*?</" + tag + rb">", found[0], re.DOTALL)
    assert inner, tag
    return inner[0]


class TestOneFeed:
    def test_the_example_is_clean(self, cambridge: Partnership, render: Render) -> None:
        """Every feed of the example, with and without an address, at several instants."""
        for base_url in ("https://csp.example.org/", None):
            for days in (0, 20, 200):
                files = render(cambridge, AT + dt.timedelta(days=days), base_url=base_url)
                for path, file in files.items():
                    media_type = file.media_type.split(";")[0]
                    assert check(file.content, media_type=media_type) == [], (path, days)

    def test_not_well_formed(self, feeds: dict[str, bytes]) -> None:
        """Broken XML is named by lxml, with its line."""
        problems = check(feeds["feeds/rss.xml"].replace(b"</channel>", b""))
        assert len(problems) == 1
        assert problems[0].startswith("not well-formed XML: ")

    def test_bozo(self, feeds: dict[str, bytes]) -> None:
        """A feed lxml reads but feedparser flags (an entity of an internal DTD) is named."""
        content = feeds["feeds/rss.xml"].replace(
            b"<rss", b"<!DOCTYPE rss [<!ENTITY x 'y'>]><rss", 1
        )
        content = content.replace(b"<title>", b"<title>&x;", 1)
        problems = check(content, media_type="application/rss+xml")
        assert problems[0].startswith("feedparser flags it (bozo): ")
        assert problems[0].endswith("syntax error")

    def test_atom_namespace(self, feeds: dict[str, bytes]) -> None:
        """An Atom feed without its namespace is not a feed to readers."""
        content = feeds["feeds/atom.xml"].replace(b' xmlns="http://www.w3.org/2005/Atom"', b"")
        assert check(content, media_type="application/atom+xml") == [
            "<feed> is not in the Atom namespace http://www.w3.org/2005/Atom: readers do not see "
            "a feed"
        ]

    def test_wrong_atom_link_namespace(self, feeds: dict[str, bytes]) -> None:
        """An atom:link in RSS bound to a misspelt namespace is named."""
        content = feeds["feeds/rss.xml"].replace(
            b'xmlns:atom="http://www.w3.org/2005/Atom"', b'xmlns:atom="http://www.w3.org/2005/atom"'
        )
        assert b"<atom:link" in content
        problems = check(content, media_type="application/rss+xml")
        assert (
            "a <link> in the channel is in http://www.w3.org/2005/atom, not the Atom namespace"
            in problems
        )

    def test_required_elements(self, feeds: dict[str, bytes]) -> None:
        """A channel without description, an item without guid, an entry without updated."""
        rss = feeds["feeds/rss.xml"]
        description = re.search(rb"\n    <description>.*?</description>", rss, re.DOTALL)
        assert description
        problems = check(rss.replace(description[0], b"", 1).replace(_first(rss, b"guid"), b"", 1))
        assert "the channel has no <description>" in problems
        assert "item #1 has no <guid>: readers cannot tell it from the others" in problems
        atom = feeds["feeds/atom.xml"]
        entry = atom.index(b"<entry>")
        problems = check(atom[:entry] + atom[entry:].replace(_first(atom, b"updated"), b"", 1))
        assert any(p.endswith("has no <updated>") and p.startswith("entry tag:") for p in problems)

    def test_duplicate_ids(self, feeds: dict[str, bytes]) -> None:
        """Two entries with one id: readers show only one."""
        atom = feeds["feeds/atom.xml"]
        ids = re.findall(rb"<entry>\s*<id>(.*?)</id>", atom)
        content = atom.replace(b"<id>" + ids[1] + b"</id>", b"<id>" + ids[0] + b"</id>")
        assert f"the id {ids[0].decode()} is used by 2 items: readers show only one" in check(
            content
        )

    def test_not_a_feed(self) -> None:
        """An .xml file no publisher made that is no feed is not this checker's."""
        assert check(b"<urlset/>") == []
        assert check(b"<urlset/>", media_type="application/rss+xml") == [
            "the root element is <urlset>, neither an RSS <rss> nor an Atom <feed>"
        ]


class TestUpdates:
    def test_same_feed(self, feeds: dict[str, bytes]) -> None:
        """A feed is a valid update of itself."""
        for content in feeds.values():
            assert check(content, content) == []

    def test_updated_backwards(self, feeds: dict[str, bytes]) -> None:
        """An entry whose updated goes back, and the feed's, are named."""
        atom = feeds["feeds/atom.xml"]
        before = re.sub(
            rb"<updated>[^<]*</updated>", b"<updated>2030-01-01T00:00:00+00:00</updated>", atom
        )
        problems = check(atom, before)
        assert any(
            p.startswith("the feed's <updated> went back from 2030-01-01T00:00:00+00:00")
            for p in problems
        )
        assert any(p.startswith("item tag:") and "<updated> went back" in p for p in problems)

    def test_link_change_without_updated(self, feeds: dict[str, bytes]) -> None:
        """An entry whose link changes while updated stays: readers keep the old one."""
        atom = feeds["feeds/atom.xml"]
        found = re.search(rb"<entry>.*?<link href=\"([^\"]*)\"", atom, re.DOTALL)
        assert found
        content = atom.replace(found[1], found[1] + b"?v=2", 1)
        problems = check(content, atom)
        assert any("atom:link changed but <updated> stayed" in p for p in problems), problems

    def test_changed_id(self, feeds: dict[str, bytes]) -> None:
        """An entry that comes back under a new id is named with both ids."""
        atom = feeds["feeds/atom.xml"]
        ids = re.findall(rb"<entry>\s*<id>(.*?)</id>", atom)
        content = atom.replace(b"<id>" + ids[0] + b"</id>", b"<id>" + ids[0] + b"-new</id>")
        problems = check(content, atom)
        old = ids[0].decode()
        assert (
            f"item {old} is now item {old}-new (same title and link): ids never change, or "
            "every reader shows it again"
        ) in problems

    def test_rss_pubdate_backwards(self, feeds: dict[str, bytes]) -> None:
        """An RSS item whose pubDate goes back is named; the registered checker passes it on."""
        rss = feeds["feeds/rss.xml"]
        before = re.sub(
            rb"<pubDate>[^<]*</pubDate>", b"<pubDate>Tue, 01 Jan 2030 00:00:00 +0000</pubDate>", rss
        )
        file = CheckedFile(
            path="feeds/rss.xml", content=rss, media_type="application/rss+xml", previous=before
        )
        problems = RssChecker().check(file)
        assert any(p.startswith("item tag:") and "<pubDate> went back" in p for p in problems), (
            problems
        )
