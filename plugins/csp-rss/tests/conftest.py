"""Fixtures for the rss publisher's tests: a partnership of markers, rendering, spec checks.

The Cambridge example is the repository's ``cambridge`` fixture (the root ``conftest.py``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from csp_rss import RssPublisher, feeds
from tests.data import partnership_header

import csp_core
from csp_core import BuildContext, OutputFile, Partnership, parse_options, public_view

BASE_URL = "https://csp.example.org/"

#: Text with markup characters and Welsh and Gaelic letters, as a meeting title and a note.
MARKUP = "Ŵyl <script>alert(\"x\")</script> & 'Sàbhailteachd' <b>bold</b> a<b 5 > 3"

#: Strings that must never appear in any feed: each sits where only non-public data goes.
SECRETS = (
    "PRIVATE-MEETING-MARKER",
    "PRIVATE-DOCUMENT-MARKER",
    "private-url-marker",
    "WITHHELD-DOCUMENT-MARKER",
    "withheld-url-marker",
    "onrequest-url-marker",
    "EXEMPT-SUMMARY-MARKER",
    "UNPUBLISHED-DOCUMENT-MARKER",
    "unpublished-url-marker",
    "officer-marker@example.org",
    "FUTURE-CHANGE-MARKER",
    "EXEMPT-DECISION-MARKER",
)

_MARKUP_TOML = MARKUP.replace('"', '\\"')
#: The marker partnership's name: markup, quotes and Welsh and Gaelic letters.
MARKERS_NAME = 'Partneriaeth Diogelwch Cymunedol & <Sàbhailteachd> "Ŵyl"'

#: Everything of the marker partnership after the shared header (:func:`markers_toml`).
_MARKERS_REST = f'''
[[bodies]]
id = "tasking"
name = "Tasking & <co-ordination> group"
kind = "sub-group"

[[bodies]]
id = "quiet"
name = "A group that has not met"
kind = "sub-group"

[[agencies]]
id = "council"
name = "Exampleton Council"
sector = "council"
responsible_authority = true
memberships = [{{ role = "member" }}]

[[plans]]
id = "plan-2019"
title = "Community safety plan 2019–20"
period = {{ start = 2019-04-01, end = 2020-03-31 }}
in_force_from = 2019-04-01

[[plans.priorities]]
id = "asb"
title = "Antisocial behaviour"
[plans.priorities.lead]
name = "A lead"
role = "Officer"
agency = "council"
email = "officer-marker@example.org"
public = false

[[plans.documents]]
id = "plan-2019"
kind = "plan"
title = "Community safety plan 2019–20"
url = "https://www.example.org/csp/plan-2019.pdf"
published = 2019-04-02T10:00:00

[[plans.documents.revisions]]
kind = "update"
published = 2019-05-01T10:00:00
note = "Updated the targets for 2019–20."

[[plans.documents.revisions]]
kind = "withdrawal"
published = 2019-12-01T10:00:00
note = "Withdrawn: replaced by the refreshed plan."

[[assessments]]
id = "assessment-2019"
title = "Strategic assessment 2018/19"
period = {{ start = 2017-10-01, end = 2018-09-30 }}
published_on = 2019-01-14

[[assessments.documents]]
id = "assessment-2019"
kind = "strategic-assessment"
title = "Strategic assessment 2018/19"
url = "https://www.example.org/csp/assessment-2019.pdf"
published = 2019-01-14T10:00:00

[[annual_reviews]]
id = "review-2019"
year = 2019
title = "Annual review 2019"
published_on = 2019-11-01
summary = "What we did in 2019."

[[meetings]]
id = "2019-06-18"
body = "board"
title = "{_MARKUP_TOML}"
start = 2019-06-27T10:00:00
status = "rescheduled"
status_note = "Moved because the hall was flooded."
previous_start = 2019-06-18T10:00:00
announced = 2019-05-01T09:00:00
changes = [{{ at = 2019-06-07T12:00:00, what = ["time", "status"] }}]

[[meetings.agenda]]
number = "1"
title = "Public business"
papers = ["2019-06-18-report", "2019-06-18-on-request"]

[[meetings.agenda]]
number = "2"
title = "Exempt item"
summary = "EXEMPT-SUMMARY-MARKER"
exempt = true
exemption = 7
papers = ["2019-06-18-withheld"]

[[meetings.documents]]
id = "2019-06-18-draft-agenda"
kind = "draft-agenda"
title = "Draft agenda"
url = "https://www.example.org/csp/2019-06-18-draft-agenda.pdf"
published = 2019-06-04T09:30:00

[[meetings.documents]]
id = "2019-06-18-agenda"
kind = "agenda"
title = "Agenda and papers"
url = "https://www.example.org/csp/2019-06-18-agenda.pdf"
published = 2019-06-19T09:30:00
revisions = [
    {{ kind = "supplement", published = 2019-06-24T15:00:00, note = "{_MARKUP_TOML}" }},
]

[[meetings.documents]]
id = "2019-06-18-report"
kind = "report"
title = "Report on {_MARKUP_TOML}"
url = "https://www.example.org/csp/2019-06-18-report.pdf"
published = 2019-06-19T09:30:00

[[meetings.documents.revisions]]
kind = "correction"
published = 2019-06-21T11:00:00
note = "Corrected table 2 & the <chart>."

[[meetings.documents]]
id = "2019-06-18-on-request"
kind = "report"
title = "Background report, on request"
url = "https://www.example.org/onrequest-url-marker.pdf"
published = 2019-06-19T09:30:00
availability = "on-request"

[[meetings.documents]]
id = "2019-06-18-withheld"
kind = "report"
title = "WITHHELD-DOCUMENT-MARKER"
url = "https://www.example.org/withheld-url-marker.pdf"
published = 2019-06-19T09:30:00
availability = "withheld"

[[meetings.documents]]
id = "2019-06-18-unpublished"
kind = "other"
title = "UNPUBLISHED-DOCUMENT-MARKER"
url = "https://www.example.org/unpublished-url-marker.pdf"

[[meetings.documents]]
id = "2019-06-18-minutes"
kind = "minutes"
title = "Minutes"
url = "https://www.example.org/csp/2019-06-18-minutes.pdf"
published = 2019-07-10T09:30:00

[[meetings.record.decisions]]
item = "1"
resolution = "That {_MARKUP_TOML} be agreed"

[[meetings.record.decisions]]
item = "2"
resolution = "EXEMPT-DECISION-MARKER"
method = "vote"
votes = {{ in_favour = 4 }}

[[meetings]]
id = "2019-07-09"
body = "tasking"
title = "Tasking group meeting"
start = 2019-07-09T14:00:00
announced = 2019-06-01T09:00:00
status = "cancelled"
status_note = "Cancelled: no business."
changes = [
    {{ at = 2019-06-20T09:00:00, what = ["place"], note = "Now in Committee Room 2." }},
    {{ at = 2019-07-01T09:00:00, what = ["status"] }},
]

[[meetings]]
id = "2019-08-13"
body = "tasking"
title = "Tasking group meeting"
start = 2019-08-13T14:00:00
announced = 2019-07-01T09:00:00
status = "postponed"
changes = [{{ at = 2019-08-01T09:00:00, what = ["status"] }}]

[[meetings]]
id = "2019-09-10"
body = "tasking"
title = "Tasking group meeting"
start = 2019-09-10T14:00:00
announced = 2019-08-01T09:00:00
# Webcast; the recording published a week later.
online.recording = "https://www.example.org/recordings/2019-09-10"
online.recording_from = 2019-09-17T12:00:00

[[meetings.documents]]
id = "2019-09-10-notes"
kind = "other"
title = "Briefing note"
published = 2019-09-01T09:00:00
availability = "on-request"

[[meetings]]
id = "2019-10-01"
body = "tasking"
title = "Tasking group meeting"
start = 2019-10-01T14:00:00
announced = 2019-09-01T09:00:00
status = "cancelled"
status_note = "FUTURE-CHANGE-MARKER"
changes = [{{ at = 2030-01-01T09:00:00, what = ["status"] }}]

[[meetings]]
id = "2019-09-03"
body = "board"
title = "PRIVATE-MEETING-MARKER"
start = 2019-09-03T10:00:00
public = false
announced = 2019-08-01T09:00:00

[[meetings.documents]]
id = "2019-09-03-agenda"
kind = "agenda"
title = "PRIVATE-DOCUMENT-MARKER"
url = "https://www.example.org/private-url-marker.pdf"
published = 2019-08-27T09:00:00
'''


def markers_toml(*, web: bool = True) -> str:
    """The marker partnership's data file: the shared header (``tests/data.py``), then the rest.

    Args:
        web: give the partnership its ``web`` address; without it (and with no ``site``, which
            the markers never have) the data gives the feeds no address to link to.
    """
    fields = {"web": "https://www.example.org/csp"} if web else {}
    header = partnership_header(
        "Exampleton",
        id="marker",
        name=MARKERS_NAME,
        town="Exampleton",
        contact={"email": "csp@example.org"},
        **fields,
        nation="england",
    )
    return header + _MARKERS_REST


def write_markers(folder: Path, *, web: bool = True) -> Path:
    """The marker partnership as a user's data file in ``folder``; its path.

    Args:
        folder: where to write ``markers.toml``.
        web: keep the partnership's ``web`` address; without it (and with no ``site``, which
            the markers never have) the data gives the feeds no address to link to.
    """
    path = folder / "markers.toml"
    path.write_text(markers_toml(web=web), encoding="utf-8")
    return path


def load_markers(tmp_path: Path) -> Partnership:
    """The marker partnership, written to ``tmp_path`` and loaded as a user's file would be."""
    return csp_core.load(write_markers(tmp_path))


Render = Callable[..., dict[str, OutputFile]]


@pytest.fixture(name="write_markers", scope="session")
def write_markers_fixture() -> Callable[..., Path]:
    """Write the marker partnership's data file: ``write_markers(folder, web=True)``, its path."""
    return write_markers


@pytest.fixture
def markers(tmp_path: Path) -> Partnership:
    """The marker partnership (see :func:`markers_toml`)."""
    return load_markers(tmp_path)


def render(
    partnership: Partnership,
    at: dt.datetime,
    options: Mapping[str, str] | None = None,
    base_url: str | None = BASE_URL,
) -> dict[str, OutputFile]:
    """The publisher's files by path, for the public view of ``partnership`` at ``at``.

    ``options`` are text, as ``csp build --option rss.NAME=VALUE`` gives them; the core parses
    them as a build does (a bad one raises :class:`csp_core.OptionError`).
    """
    context = BuildContext(
        view=public_view(partnership, at),
        options=parse_options(RssPublisher(), options or {}),
        base_url=base_url,
    )
    return {file.path: file for file in RssPublisher().render(context)}


@pytest.fixture(name="render", scope="session")
def render_fixture() -> Render:
    """Render the publisher: ``render(partnership, at, options=None, base_url=BASE_URL)``."""
    return render


def single_feed(
    title: str,
    summary: str,
    *,
    words: str = "Partnership",
    link: str = "https://example.org/e",
) -> feeds.Feed:
    """A feed of one item, made by hand rather than from a partnership.

    Args:
        title: the item's title.
        summary: the item's summary.
        words: the feed's title, description and author, and the item's category label.
        link: the item's link.
    """
    moment = dt.datetime(2019, 10, 17, 10, 15, tzinfo=dt.UTC)
    item = feeds.Entry(
        id="tag:example.org,2024:p/e",
        title=title,
        summary=summary,
        link=link,
        at=moment,
        updated=moment,
        category="report-published",
        category_label=words,
    )
    return feeds.Feed(
        id="tag:example.org,2024:p/feeds/all",
        title=words,
        description=words,
        site="https://example.org/",
        self_url=None,
        language="en-GB",
        author=words,
        email=None,
        updated=moment,
        entries=(item,),
    )


@pytest.fixture(name="single_feed", scope="session")
def single_feed_fixture() -> Callable[..., feeds.Feed]:
    """Make a feed of one item: ``single_feed(title, summary, words=..., link=...)``."""
    return single_feed


@pytest.fixture
def base_url() -> str:
    """The base URL the fixtures build with."""
    return BASE_URL


@pytest.fixture
def markup() -> str:
    """The text with markup and non-ASCII letters that the marker partnership uses."""
    return MARKUP


@pytest.fixture
def secrets() -> tuple[str, ...]:
    """Strings of the marker partnership that must never appear in a feed."""
    return SECRETS


# -- Checks written from the specifications ----------------------------------------------------
#
# No feed validator installs from PyPI and works offline (the W3C Feed Validation Service's code
# is not published there), so these check what RSS 2.0 (rssboard.org) and RFC 4287 require, with
# the standard library's XML parser: nothing of feedgen's or lxml's is trusted.

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# RFC 3339 date-time as RFC 4287 section 3.3 narrows it: "T" and "Z" upper case.
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
# RFC 822 as RSS 2.0 uses it, with a four-digit year and a numeric offset.
RFC822 = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d\d:\d\d:\d\d [+-]\d{4}"
)
IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
WEB = re.compile(r"https?://\S+")


def _one(parent: ET.Element, tag: str) -> ET.Element:
    found = parent.findall(tag)
    assert len(found) == 1, f"{parent.tag} must have exactly one {tag}, has {len(found)}"
    return found[0]


def _text(parent: ET.Element, tag: str) -> str:
    text = _one(parent, tag).text
    assert text, f"{parent.tag}/{tag} is empty"
    assert text.strip(), f"{parent.tag}/{tag} is blank"
    return text


def check_rss(content: bytes, self_url: str | None) -> list[dt.datetime]:
    """Check an RSS 2.0 document against the specification; return its items' pubDates."""
    root = ET.fromstring(content)  # noqa: S314 - our own output, in a test
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    channel = _one(root, "channel")
    for required in ("title", "link", "description"):
        _text(channel, required)
    assert WEB.fullmatch(_text(channel, "link"))
    selves = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if self_url is None:
        assert not selves
    else:
        assert [(s.get("href"), s.get("type")) for s in selves] == [
            (self_url, "application/rss+xml")
        ]
    built = _text(channel, "lastBuildDate")
    assert RFC822.fullmatch(built), built
    dates = []
    guids = []
    for item in channel.findall("item"):
        _text(item, "title")
        assert WEB.fullmatch(_text(item, "link"))
        guid = _one(item, "guid")
        assert guid.get("isPermaLink") == "false"
        assert guid.text
        assert IRI.fullmatch(guid.text)
        guids.append(guid.text)
        published = _text(item, "pubDate")
        assert RFC822.fullmatch(published), published
        dates.append(email.utils.parsedate_to_datetime(published))
        _text(item, "category")
    assert len(guids) == len(set(guids)), "guids repeat"
    assert dates == sorted(dates, reverse=True), "items are not newest first"
    if dates:
        # The newest entry's stamp, which is never before its publication (docs/feeds.md).
        assert email.utils.parsedate_to_datetime(built) >= dates[0]
    return dates


def check_atom(content: bytes, self_url: str | None) -> list[dt.datetime]:
    """Check an Atom document against RFC 4287; return its entries' published moments."""
    root = ET.fromstring(content)  # noqa: S314 - our own output, in a test
    assert root.tag == f"{ATOM}feed"
    assert root.get(XML_LANG)
    assert IRI.fullmatch(_text(root, f"{ATOM}id"))
    _text(root, f"{ATOM}title")
    updated = _text(root, f"{ATOM}updated")
    assert RFC3339.fullmatch(updated), updated
    authors = root.findall(f"{ATOM}author")
    assert authors, "an Atom feed must have an author (its entries have none)"
    for author in authors:
        _text(author, f"{ATOM}name")
    links = root.findall(f"{ATOM}link")
    alternates = [
        (lk.get("type"), lk.get("hreflang")) for lk in links if lk.get("rel") in (None, "alternate")
    ]
    assert len(alternates) == len(set(alternates)), "two alternate links of one type"
    selves = [link for link in links if link.get("rel") == "self"]
    if self_url is None:
        assert not selves
    else:
        assert [(s.get("href"), s.get("type")) for s in selves] == [
            (self_url, "application/atom+xml")
        ]
    moments = []
    stamps = []
    ids = []
    for entry in root.findall(f"{ATOM}entry"):
        entry_id = _text(entry, f"{ATOM}id")
        assert IRI.fullmatch(entry_id)
        ids.append(entry_id)
        title = _one(entry, f"{ATOM}title")
        assert title.get("type") in (None, "text")
        entry_updated = _text(entry, f"{ATOM}updated")
        assert RFC3339.fullmatch(entry_updated), entry_updated
        assert len(entry.findall(f"{ATOM}published")) <= 1
        for published in entry.findall(f"{ATOM}published"):
            assert published.text
            assert RFC3339.fullmatch(published.text), published.text
            first = dt.datetime.fromisoformat(published.text)
            assert first <= dt.datetime.fromisoformat(entry_updated), "updated before published"
            moments.append(first)
        stamps.append(dt.datetime.fromisoformat(entry_updated))
        alternate = [
            lk for lk in entry.findall(f"{ATOM}link") if lk.get("rel") in (None, "alternate")
        ]
        assert alternate or entry.findall(f"{ATOM}content"), "an entry needs a link or content"
        for link in alternate:
            assert WEB.fullmatch(link.get("href") or "")
        for summary in entry.findall(f"{ATOM}summary"):
            assert summary.get("type") in (None, "text")
        for category in entry.findall(f"{ATOM}category"):
            assert category.get("term")
    assert len(ids) == len(set(ids)), "entry ids repeat"
    assert moments == sorted(moments, reverse=True), "entries are not newest first"
    if stamps:
        assert dt.datetime.fromisoformat(updated) == max(stamps), "feed updated: newest entry"
    return moments


Check = Callable[[str, bytes, "str | None"], list[dt.datetime]]


@pytest.fixture(scope="session")
def check_feed() -> Check:
    """Check a feed file against its specification: ``check_feed(path, content, self_url)``."""

    def check(path: str, content: bytes, self_url: str | None) -> list[dt.datetime]:
        if path.endswith("rss.xml"):
            return check_rss(content, self_url)
        return check_atom(content, self_url)

    return check
