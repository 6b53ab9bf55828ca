"""The rss publisher on the Cambridge example and a marker partnership, read back by feedparser."""

from __future__ import annotations

import datetime as dt
import html
import importlib.metadata
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import feedparser
import pytest
from csp_rss import RssPublisher, feeds
from csp_rss.options import DEFAULT_TAG_AUTHORITY, RssOptions
from lxml import etree

from csp_core import (
    BuildContext,
    Event,
    EventKind,
    OptionError,
    OutputFile,
    Partnership,
    hookspecs,
    labels,
    parse_options,
    public_view,
    text,
)
from csp_core.cli import main
from csp_core.plugins import load_plugins

Render = Callable[..., dict[str, OutputFile]]
WriteMarkers = Callable[..., Path]
SingleFeed = Callable[..., feeds.Feed]
LONDON = ZoneInfo("Europe/London")
AT = dt.datetime(2019, 10, 10, 9, 0, tzinfo=LONDON)
"""After the agenda of 17 October 2019 went up, before its meeting."""
LATER = dt.datetime(2025, 1, 1, tzinfo=LONDON)
ALL = {"limit": "1000"}
BASE = "https://csp.example.org/"
FEEDS = ("feeds/rss.xml", "feeds/atom.xml")
BOARD = ("feeds/bodies/board/rss.xml", "feeds/bodies/board/atom.xml")


def parse(content: bytes) -> Any:
    """Parse with feedparser, which must find nothing wrong."""
    parsed = feedparser.parse(content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def newest_first(events: tuple[Event, ...]) -> list[Event]:
    return sorted(sorted(events, key=lambda e: e.id), key=lambda e: e.at, reverse=True)


def utc(moment: dt.datetime) -> time.struct_time:
    return moment.utctimetuple()


def tag(partnership: Partnership, event: Event) -> str:
    return f"tag:{DEFAULT_TAG_AUTHORITY}:{partnership.id}/{event.id}"


def options_of(partnership: Partnership, given: dict[str, str]) -> RssOptions:
    """The typed options the publisher reads, from text as ``--option`` gives it."""
    view = public_view(partnership, AT)
    return RssOptions.of(BuildContext(view=view, options=parse_options(RssPublisher(), given)))


def board_events(partnership: Partnership, at: dt.datetime) -> tuple[Event, ...]:
    view = public_view(partnership, at)
    meetings = {m.id for m in view.partnership.meetings if m.body == "board"}
    return tuple(e for e in view.timeline if e.subject in meetings)


class TestFiles:
    def test_makes_both_formats_for_the_partnership_and_each_body(
        self, cambridge: Partnership, markers: Partnership, render: Render
    ) -> None:
        """RSS and Atom for the partnership and for every body, with their media types."""
        files = render(markers, LATER)
        assert list(files) == [
            "feeds/rss.xml",
            "feeds/atom.xml",
            "feeds/bodies/board/rss.xml",
            "feeds/bodies/board/atom.xml",
            "feeds/bodies/tasking/rss.xml",
            "feeds/bodies/tasking/atom.xml",
            "feeds/bodies/quiet/rss.xml",
            "feeds/bodies/quiet/atom.xml",
        ]
        for path, file in files.items():
            expected = "application/rss+xml" if path.endswith("rss.xml") else "application/atom+xml"
            assert file.media_type == expected
        assert set(render(cambridge, AT)) == {*FEEDS, *BOARD}

    def test_item_counts_are_reported(self, cambridge: Partnership, render: Render) -> None:
        """Each file reports how many items it holds, for the build report."""
        files = render(cambridge, AT, ALL)
        assert files["feeds/rss.xml"].items == len(public_view(cambridge, AT).timeline)
        assert files["feeds/bodies/board/atom.xml"].items == len(board_events(cambridge, AT))

    def test_registered_through_the_entry_point(self) -> None:
        """The installed distribution registers the rss publisher and checker (csp_core group)."""
        (entry_point,) = [
            e for e in importlib.metadata.entry_points(group=hookspecs.PROJECT) if e.name == "rss"
        ]
        assert entry_point.value == "csp_rss"
        plugins = load_plugins(only=["rss"])
        assert list(plugins.publishers) == ["rss"]
        assert list(plugins.checkers) == ["rss"]
        registered = plugins.publishers["rss"]
        assert registered.plugin == "rss"
        assert isinstance(registered.publisher, RssPublisher)
        assert registered.publisher.outputs == (
            "feeds/rss.xml",
            "feeds/atom.xml",
            "feeds/bodies/{body}/rss.xml",
            "feeds/bodies/{body}/atom.xml",
        )


class TestFeedparser:
    @pytest.mark.parametrize("path", FEEDS + BOARD)
    def test_items_match_the_timeline(
        self, cambridge: Partnership, render: Render, path: str
    ) -> None:
        """Every feed parses cleanly; ids, titles and dates are the timeline's, newest first."""
        events = (
            public_view(cambridge, LATER).timeline
            if path in FEEDS
            else board_events(cambridge, LATER)
        )
        parsed = parse(render(cambridge, LATER, ALL)[path].content)
        assert parsed.version == ("rss20" if path.endswith("rss.xml") else "atom10")
        expected = newest_first(events)
        assert [e.id for e in parsed.entries] == [tag(cambridge, e) for e in expected]
        assert [e.title for e in parsed.entries] == [e.title for e in expected]
        assert [e.published_parsed for e in parsed.entries] == [utc(e.at) for e in expected]
        if path.endswith("atom.xml"):
            view = public_view(cambridge, LATER)
            stamps = [utc(view.updated(e)) for e in expected]
            assert [e.updated_parsed for e in parsed.entries] == stamps

    def test_the_body_feed_holds_only_its_meetings(
        self, markers: Partnership, render: Render
    ) -> None:
        """A body's feed holds the items about its meetings, and nothing else."""
        files = render(markers, LATER, ALL)
        view = public_view(markers, LATER)
        tasking = parse(files["feeds/bodies/tasking/atom.xml"].content)
        meetings = {m.id for m in view.partnership.meetings if m.body == "tasking"}
        assert [e.id for e in tasking.entries] == [
            tag(markers, e) for e in newest_first(view.timeline) if e.subject in meetings
        ]
        kinds = {e.tags[0].term for e in tasking.entries}
        assert kinds == {
            "meeting-announced",
            "meeting-changed",
            "meeting-cancelled",
            "meeting-postponed",
            "document-published",
            "recording-published",
        }
        board = parse(files["feeds/bodies/board/rss.xml"].content)
        assert len(board.entries) == 10  # with the decisions of the board meeting
        assert not parse(files["feeds/bodies/quiet/atom.xml"].content).entries

    def test_every_event_kind_becomes_an_item(self, markers: Partnership, render: Render) -> None:
        """Items for every kind of event, each with its kind as category term and a label."""
        parsed = parse(render(markers, LATER, ALL)["feeds/atom.xml"].content)
        found = {(e.tags[0].term, e.tags[0].label) for e in parsed.entries}
        assert found == {(kind.value, labels.label(kind)) for kind in EventKind}
        rss = parse(render(markers, LATER, ALL)["feeds/rss.xml"].content)
        assert {e.tags[0].term for e in rss.entries} == {labels.label(kind) for kind in EventKind}

    def test_every_event_kind_has_a_label(self) -> None:
        """Each event kind the core defines has its own category label, from the core."""
        names = [labels.label(kind) for kind in EventKind]
        assert len(set(names)) == len(EventKind)
        assert all(name and name[0].isupper() for name in names)

    def test_a_change_of_date_says_what_it_was(self, markers: Partnership, render: Render) -> None:
        """A moved meeting's item says the date it moved from (the event summary)."""
        parsed = parse(render(markers, LATER, ALL)["feeds/atom.xml"].content)
        (moved,) = [e for e in parsed.entries if e.tags[0].term == "meeting-rescheduled"]
        assert moved.summary.startswith("Moved from Tuesday 18 June 2019, 10:00.")
        assert "Thursday 27 June 2019" in moved.title

    def test_the_rss_channel_link_is_the_site(
        self, cambridge: Partnership, render: Render, base_url: str
    ) -> None:
        """The RSS channel link is the partnership's site; the feed's own URL is the self link."""
        for path in ("feeds/rss.xml", "feeds/bodies/board/rss.xml"):
            parsed = parse(render(cambridge, AT)[path].content)
            assert parsed.feed.link == cambridge.web
            selves = [link.href for link in parsed.feed.links if link.rel == "self"]
            assert selves == [f"{base_url}{path}"]

    def test_atom_links_self_and_site(
        self, cambridge: Partnership, render: Render, base_url: str
    ) -> None:
        """The Atom feed links to itself (rel=self) and to the site (rel=alternate)."""
        parsed = parse(render(cambridge, AT)["feeds/atom.xml"].content)
        links = {(link.rel, link.href, link.type) for link in parsed.feed.links}
        assert links == {
            ("self", f"{base_url}feeds/atom.xml", "application/atom+xml"),
            ("alternate", cambridge.web, "text/html"),
        }

    def test_feed_metadata(
        self, cambridge: Partnership, markers: Partnership, render: Render
    ) -> None:
        """Title, description, language, author and a constant generator, per feed."""
        parsed = parse(render(cambridge, AT)["feeds/atom.xml"].content)
        assert parsed.feed.title == cambridge.name
        assert parsed.feed.id == f"tag:{DEFAULT_TAG_AUTHORITY}:cambridge/feeds/all"
        assert parsed.feed.language == "en-GB"
        assert parsed.feed.author_detail.name == cambridge.name
        assert parsed.feed.generator == "csp-rss"
        assert "generator_detail" not in parsed.feed or not parsed.feed.generator_detail.get(
            "version"
        )
        files = render(markers, LATER)
        body = parse(files["feeds/bodies/tasking/rss.xml"].content)
        assert body.feed.title == f"{markers.name}: Tasking & <co-ordination> group"
        assert body.feed.language == "en-GB"
        atom = parse(files["feeds/atom.xml"].content)
        assert atom.feed.author_detail == {
            "name": markers.name,
            "email": "csp@example.org",
            "href": markers.web,
        }
        rss = parse(files["feeds/rss.xml"].content)  # managingEditor
        assert rss.feed.author_detail.email == "csp@example.org"

    def test_guids_are_not_permalinks(self, cambridge: Partnership, render: Render) -> None:
        """Every RSS guid is a tag: URI marked isPermaLink="false"."""
        content = render(cambridge, LATER, ALL)["feeds/rss.xml"].content.decode()
        guids = re.findall(r"<guid([^>]*)>([^<]*)</guid>", content)
        assert guids
        assert all(attrs == ' isPermaLink="false"' for attrs, _ in guids)
        assert all(value.startswith("tag:") for _, value in guids)
        parsed = parse(content.encode())
        assert not any(e.guidislink for e in parsed.entries)

    def test_dates_carry_the_local_offset(self, cambridge: Partnership, render: Render) -> None:
        """PubDate is RFC 822 with the UK offset of the moment: +0100 in summer, +0000 in winter."""
        content = render(cambridge, LATER, ALL)["feeds/rss.xml"].content.decode()
        assert "<pubDate>Wed, 09 Oct 2019 09:30:00 +0100</pubDate>" in content
        assert "<pubDate>Thu, 20 Feb 2020 09:30:00 +0000</pubDate>" in content
        atom = render(cambridge, LATER, ALL)["feeds/atom.xml"].content.decode()
        assert "<published>2019-10-09T09:30:00+01:00</published>" in atom


class TestLinks:
    def test_an_item_links_its_document(self, cambridge: Partnership, render: Render) -> None:
        """An item whose document is online links to it."""
        parsed = parse(render(cambridge, AT)["feeds/rss.xml"].content)
        expected = {tag(cambridge, e): e.link for e in public_view(cambridge, AT).timeline}
        linked = [entry for entry in parsed.entries if expected[entry.id] is not None]
        assert len(linked) >= 3
        for entry in linked:
            assert entry.link == expected[entry.id]

    def test_without_a_document_an_item_links_its_meeting_page(
        self, cambridge: Partnership, render: Render, base_url: str
    ) -> None:
        """Items about a meeting with no online document link to the meeting's page."""
        parsed = parse(render(cambridge, LATER, ALL)["feeds/atom.xml"].content)
        view = public_view(cambridge, LATER)
        meetings = {m.id for m in view.partnership.meetings}
        for event, entry in zip(newest_first(view.timeline), parsed.entries, strict=True):
            if event.link is None and event.subject in meetings:
                assert entry.link == f"{base_url}meetings/{event.subject}.html"
            elif event.link is None:
                assert entry.link == cambridge.web
            else:
                assert entry.link == event.link

    def test_the_meeting_page_follows_the_option(
        self, cambridge: Partnership, render: Render, base_url: str
    ) -> None:
        """meeting_page sets the page's path; empty links such items to the site instead."""
        files = render(cambridge, LATER, {"limit": "1000", "meeting_page": "m/{meeting}/"})
        links = {e.link for e in parse(files["feeds/rss.xml"].content).entries}
        assert f"{base_url}m/2019-10-17/" in links
        files = render(cambridge, LATER, {"limit": "1000", "meeting_page": ""})
        links = {e.link for e in parse(files["feeds/rss.xml"].content).entries}
        assert links == {cambridge.web} | {
            e.link for e in public_view(cambridge, LATER).timeline if e.link
        }

    def test_without_a_base_url_the_feeds_still_parse(
        self, cambridge: Partnership, render: Render, base_url: str
    ) -> None:
        """With no base URL there is no self link and no meeting page; the feeds stay valid."""
        files = render(cambridge, LATER, ALL, base_url=None)
        for path in FEEDS + BOARD:
            parsed = parse(files[path].content)
            assert not [link for link in parsed.feed.get("links", []) if link.rel == "self"]
            assert parsed.feed.link == cambridge.web
            assert all(not e.link.startswith(base_url) for e in parsed.entries)

    def test_the_base_url_is_the_site_when_there_is_no_web_address(
        self, cambridge: Partnership, render: Render, base_url: str
    ) -> None:
        """A partnership with no web address links its feeds to the base URL."""
        anonymous = attrs.evolve(cambridge, web=None)
        parsed = parse(render(anonymous, AT)["feeds/rss.xml"].content)
        assert parsed.feed.link == base_url

    def test_no_address_at_all_makes_no_feed(self, cambridge: Partnership, render: Render) -> None:
        """With neither a web address nor a base URL there is no channel link: no feed."""
        anonymous = attrs.evolve(cambridge, web=None, site=None)
        assert render(anonymous, AT, base_url=None) == {}
        assert set(render(anonymous, AT)) == {*FEEDS, *BOARD}

    def test_no_address_at_all_builds_the_rest_with_one_warning(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], write_markers: WriteMarkers
    ) -> None:
        """`csp build` with no address: exit 0, the core's one warning, no feed, no traceback."""
        data = write_markers(tmp_path, web=False)
        out = tmp_path / "out"
        argv = ["build", str(data), "--out", str(out), "--at", "2025-01-01T00:00"]
        assert main([*argv, "--only", "rss,ical"]) == 0
        captured = capsys.readouterr()
        (warning,) = captured.err.splitlines()
        assert warning.startswith("csp build: warning: no publishing address")
        assert "--base-url" in warning
        assert not (out / "feeds").exists()
        assert (out / "calendar.ics").is_file()
        assert main([*argv, "--only", "rss", "--base-url", BASE]) == 0
        assert capsys.readouterr().err == ""
        assert sorted(path.name for path in (out / "feeds").iterdir()) == [
            "atom.xml",
            "bodies",
            "rss.xml",
        ]


class TestStability:
    def test_two_renders_are_byte_identical(self, cambridge: Partnership, render: Render) -> None:
        """The same view renders to the same bytes, every file."""
        first = render(cambridge, AT)
        time.sleep(1.1)  # a build-time value would now differ
        second = render(cambridge, AT)
        assert {p: f.content for p, f in first.items()} == {p: f.content for p, f in second.items()}

    def test_ids_survive_later_builds(self, cambridge: Partnership, render: Render) -> None:
        """Every item present at an instant is present later, with the same id and date."""
        instants = sorted({e.at for e in public_view(cambridge, LATER).timeline})
        seen: dict[str, tuple[Any, ...]] = {}
        for at in [*instants[::4], LATER]:
            parsed = parse(render(cambridge, at, ALL)["feeds/atom.xml"].content)
            now = {e.id: (e.published_parsed,) for e in parsed.entries}
            assert len(now) == len(parsed.entries)
            for entry_id, value in seen.items():
                assert now[entry_id] == value
            seen = now

    def test_ids_are_unique_tag_uris(self, cambridge: Partnership, render: Render) -> None:
        """Item ids are unique RFC 4151 tag: URIs built from the event ids."""
        for path in FEEDS + BOARD:
            ids = [e.id for e in parse(render(cambridge, LATER, ALL)[path].content).entries]
            assert len(ids) == len(set(ids))
            assert all(
                re.fullmatch(
                    r"tag:[a-z0-9.-]+,\d{4}(-\d\d){0,2}:[A-Za-z0-9/\-._~!$&'()*+,;=:@%]+", i
                )
                for i in ids
            )

    def test_the_tag_authority_option_sets_the_ids(
        self, cambridge: Partnership, render: Render
    ) -> None:
        """tag_authority replaces the tagging entity of every id, feed ids included."""
        options = {"tag_authority": "cambridge.gov.uk,2019-10"}
        parsed = parse(render(cambridge, AT, options)["feeds/atom.xml"].content)
        assert parsed.feed.id == "tag:cambridge.gov.uk,2019-10:cambridge/feeds/all"
        assert all(
            e.id.startswith("tag:cambridge.gov.uk,2019-10:cambridge/") for e in parsed.entries
        )

    def test_updated_is_the_newest_item(self, cambridge: Partnership, render: Render) -> None:
        """LastBuildDate and the Atom updated are the newest item's stamp, not the build time."""
        view = public_view(cambridge, AT)
        newest = max(view.updated(e) for e in view.timeline)
        for path in FEEDS + BOARD:
            parsed = parse(render(cambridge, AT)[path].content)
            assert parsed.feed.updated_parsed == utc(newest)
            assert parsed.feed.updated_parsed >= parsed.entries[0].published_parsed

    def test_an_empty_feed_has_a_deterministic_updated(
        self, markers: Partnership, render: Render
    ) -> None:
        """With no items, updated is the newest public event's stamp, or 1900-01-01 if none."""
        files = render(markers, LATER)
        view = public_view(markers, LATER)
        newest = max(view.updated(e) for e in view.timeline)
        quiet = parse(files["feeds/bodies/quiet/rss.xml"].content)
        assert quiet.feed.updated_parsed == utc(newest)
        for early in (dt.datetime(2018, 1, 1, 12, tzinfo=LONDON), dt.datetime(2018, 2, 1)):
            files = render(markers, early.replace(tzinfo=LONDON))
            for file in files.values():
                parsed = parse(file.content)
                assert not parsed.entries
                assert parsed.feed.updated_parsed == utc(dt.datetime(1900, 1, 1, tzinfo=dt.UTC))

    def test_the_limit_keeps_the_newest(self, cambridge: Partnership, render: Render) -> None:
        """Limit keeps the N most recent items; items at the same moment are ordered by id."""
        parsed = parse(render(cambridge, AT, {"limit": "3"})["feeds/rss.xml"].content)
        expected = newest_first(public_view(cambridge, AT).timeline)[:3]
        assert [e.id for e in parsed.entries] == [tag(cambridge, e) for e in expected]
        assert [e.id.rsplit("/", 2)[1] for e in parsed.entries] == [
            "2019-10-17-agenda",
            "2019-10-17-draft-annual-review",
            "2019-10-17-performance-report",
        ]

    def test_the_default_limit_is_fifty(self, cambridge: Partnership) -> None:
        """Without options a feed holds at most the 50 most recent items."""
        assert options_of(cambridge, {}).limit == 50


class TestText:
    def test_markup_and_non_ascii_survive_exactly(
        self, markers: Partnership, render: Render, markup: str
    ) -> None:
        """Markup characters, quotes and Welsh and Gaelic letters come back exactly as written."""
        files = render(markers, LATER, ALL)
        view = public_view(markers, LATER)
        expected = {tag(markers, e): e for e in view.timeline}
        marked = [e for e in view.timeline if markup in e.title or markup in e.summary]
        assert len(marked) >= 6
        for path in ("feeds/rss.xml", "feeds/atom.xml", "feeds/bodies/board/rss.xml"):
            parsed = parse(files[path].content)
            for entry in parsed.entries:
                event = expected[entry.id]
                assert entry.title == event.title
                # An RSS description is HTML (RSS 2.0); an Atom summary here is plain text.
                summary = (
                    html.unescape(entry.summary) if path.endswith("rss.xml") else entry.summary
                )
                assert summary == event.summary
            assert parsed.feed.title.startswith(markers.name)

    def test_no_raw_markup_reaches_the_xml(
        self, markers: Partnership, render: Render, markup: str
    ) -> None:
        """No "<script" or "<b>" appears in any file: markup in the data is always escaped."""
        files = render(markers, LATER, ALL)
        for file in files.values():
            assert b"<script" not in file.content
            assert b"<b>" not in file.content
            assert b"<chart>" not in file.content
        for path in ("feeds/rss.xml", "feeds/atom.xml", "feeds/bodies/board/atom.xml"):
            assert "Ŵyl".encode() in files[path].content
            assert "Sàbhailteachd".encode() in files[path].content

    def test_text_xml_cannot_hold_is_replaced(self, single_feed: SingleFeed) -> None:
        """Every text and address is written cleaned by the core's rule, and the feed parses.

        XML 1.0 cannot hold a NUL or a lone surrogate (lxml refuses to write them), and
        feedparser reads C1 controls as Windows-1252: each becomes U+FFFD, CR LF becomes LF.
        """
        dirty = "a\x00b\x0bc\td\r\ne\rf\ufffeg\x7fh\x85i\x9fj\ufdd0k\U0001ffffl\xa0é😀\ud800"
        kept = "a\ufffdb\ufffdc\td\ne\nf\ufffdg\ufffdh\ufffdi\ufffdj\ufffdk\ufffdl\xa0é😀\ufffd"
        assert text.clean(dirty) == kept
        feed = single_feed(dirty, dirty, words=dirty, link="https://example.org/a paper \x00é.pdf")
        for content in (feeds.rss(feed), feeds.atom(feed)):
            parse(content)
            root = etree.fromstring(content)
            texts = [node.text for node in root.iter() if node.text and "a\ufffdb" in node.text]
            assert len(texts) >= 4
            assert {html.unescape(found) for found in texts} == {kept}
            assert b"https://example.org/a%20paper%20%00%C3%A9.pdf" in content

    def test_tag_uris_encode_what_a_tag_cannot_hold(self) -> None:
        """A tag: URI keeps slugs and slashes and percent-encodes anything else."""
        assert (
            text.tag_uri("example.org,2024", "p", "a b/ü") == "tag:example.org,2024:p/a%20b/%C3%BC"
        )


class TestOptions:
    @pytest.mark.parametrize(
        ("options", "message"),
        [
            ({"limit": "0"}, "--option rss.limit: '0' is not a whole number of at least 1"),
            ({"limit": "ten"}, "--option rss.limit: 'ten'"),
            ({"limit": "-3"}, "--option rss.limit: '-3'"),
            ({"tag_authority": "example.org"}, "--option rss.tag_authority: 'example.org' is"),
            ({"tag_authority": "example.org,24"}, "--option rss.tag_authority: "),
            ({"tag_authority": "exa mple.org,2024"}, "--option rss.tag_authority: "),
            ({"meeting_page": "meetings/index.html"}, "--option rss.meeting_page: "),
            ({"meeting_page": "/meetings/{meeting}.html"}, "--option rss.meeting_page: "),
            ({"meeting_page": "{meeting}/{other}"}, "--option rss.meeting_page: "),
            # The feeds' language is the view's (the partnership's languages), not an option.
            ({"language": "cy"}, "--option rss.language: no such option"),
            ({"colour": "red"}, "--option rss.colour: no such option"),
        ],
    )
    def test_bad_options_are_refused(self, options: dict[str, str], message: str) -> None:
        """The core refuses a bad value before rendering, naming the publisher and option."""
        with pytest.raises(OptionError) as refused:
            parse_options(RssPublisher(), options)
        assert str(refused.value).startswith(message)
        assert (refused.value.publisher, refused.value.option) == ("rss", next(iter(options)))

    @pytest.mark.parametrize(
        ("option", "words"),
        [
            ("limit=0", "'0' is not a whole number of at least 1"),
            ("tag_authority=example.org", "is not an RFC 4151 tagging entity"),
            ("meeting_page=/{meeting}", "must be a path under the base URL"),
        ],
    )
    def test_a_bad_option_exits_2_before_anything_is_written(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        write_markers: WriteMarkers,
        option: str,
        words: str,
    ) -> None:
        """`csp build --option rss.limit=0`: exit 2, one line naming rss and the option, no
        output folder made, and no publisher run (not even the others)."""
        out = tmp_path / "out"
        data = write_markers(tmp_path)
        argv = ["build", str(data), "--out", str(out), "--base-url", BASE]
        assert main([*argv, "--option", f"rss.{option}"]) == 2
        captured = capsys.readouterr()
        name = option.split("=", 1)[0]
        assert captured.err.startswith(f"csp: --option rss.{name}: "), captured.err
        assert words in captured.err
        assert len(captured.err.splitlines()) == 1
        assert "Traceback" not in captured.err
        assert captured.out == ""
        assert not out.exists()

    def test_good_options_are_taken(self, cambridge: Partnership) -> None:
        """Valid values are accepted and converted; an empty meeting_page means none."""
        options = options_of(
            cambridge,
            {
                "limit": " 7 ",
                "tag_authority": "csp@example.org,2024-01-31",
                "meeting_page": "",
            },
        )
        assert options == RssOptions(
            limit=7, tag_authority="csp@example.org,2024-01-31", meeting_page=None
        )

    def test_every_option_is_declared_with_its_default(self, cambridge: Partnership) -> None:
        """The publisher declares each option it reads, and the defaults parse to the defaults."""
        publisher = RssPublisher()
        names = [option.name for option in publisher.options]
        assert names == ["limit", "tag_authority", "meeting_page"]
        given = {option.name: option.default for option in publisher.options}
        assert (
            options_of(cambridge, given)
            == options_of(cambridge, {})
            == RssOptions(
                limit=50,
                tag_authority=DEFAULT_TAG_AUTHORITY,
                meeting_page="meetings/{meeting}.html",
            )
        )

    def test_the_views_language_reaches_both_formats(
        self, cambridge: Partnership, render: Render
    ) -> None:
        """The view's language is the RSS language and the Atom xml:lang: English here."""
        files = render(cambridge, AT)
        assert parse(files["feeds/rss.xml"].content).feed.language == "en-GB"
        assert parse(files["feeds/atom.xml"].content).feed.language == "en-GB"
