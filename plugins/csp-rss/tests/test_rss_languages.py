"""Feeds in each of the partnership's languages: Welsh first, English under ``en-gb/``.

A Welsh partnership publishing in Welsh and English (``languages = ["cy", "en-GB"]``) is built
with ``csp_core.build``: the feeds at the top of the output folder are in Welsh — their titles,
descriptions, items and categories, and their ``language`` — and the same feeds under
``en-gb/`` in English (docs/languages.md, docs/feeds.md).  The partnership's own words (its
name, meeting titles) are the data's and are Welsh in both.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from tests.data import PROFDREF

import csp_core
from csp_core import Partnership
from csp_core.build import build

LONDON = ZoneInfo("Europe/London")
BASE_URL = "https://csp.example.cymru/"

# Sunday 1 December 2019, noon: after every meeting below but the last.
AT = dt.datetime(2019, 12, 1, 12, tzinfo=LONDON)

DATA = PROFDREF

#: English words of the feeds that must never reach a Welsh one: day and month names, the
#: labels of events and documents, and the plugin's own sentences.  ("Agenda" is not here: it
#: is the Welsh word too.)
ENGLISH = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|Cancelled|Postponed|"
    r"Meeting announced|Meeting cancelled|Meeting postponed|Meeting moved|Agenda and papers|"
    r"Agenda published|Minutes|Minutes published|Report|Document published|What|publishes|"
    r"meetings announced|available on request|exempt|cancelled|postponed|moved)\b"
)

FEEDS = (
    "feeds/rss.xml",
    "feeds/atom.xml",
    "feeds/bodies/bwrdd/rss.xml",
    "feeds/bodies/bwrdd/atom.xml",
    "feeds/bodies/tasgio/rss.xml",
    "feeds/bodies/tasgio/atom.xml",
)


def _texts(content: bytes) -> list[str]:
    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    found = [parsed.feed.title, parsed.feed.get("subtitle", "")]
    for item in parsed.entries:
        found += [item.title, item.summary]
        found += [tag.get("label") or tag.term for tag in item.get("tags", [])]
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("welsh")
    data = folder / "profdref.toml"
    data.write_text(DATA, encoding="utf-8")
    partnership = csp_core.load(data)
    assert isinstance(partnership, Partnership)
    out = folder / "out"
    build(partnership, out, AT, only=["rss"], base_url=BASE_URL, source=data)
    return out


@pytest.mark.parametrize("path", FEEDS)
def test_the_welsh_feeds_are_welsh(built: Path, path: str) -> None:
    content = (built / path).read_bytes()
    assert feedparser.parse(content).feed.language == "cy"
    texts = _texts(content)
    english = sorted({m.group(0) for text in texts for m in ENGLISH.finditer(text)})
    assert not english, f"English in the Welsh {path}: {english}"


@pytest.mark.parametrize("path", FEEDS)
def test_the_english_feeds_are_under_en_gb(built: Path, path: str) -> None:
    welsh = feedparser.parse((built / path).read_bytes())
    english = feedparser.parse((built / "en-gb" / path).read_bytes())
    assert english.feed.language == "en-GB"
    # The same items, with the same ids, in both languages; the words differ.
    assert [item.id for item in welsh.entries] == [item.id for item in english.entries]
    assert [item.title for item in welsh.entries] != [item.title for item in english.entries]


def test_atom_declares_the_language_on_the_feed(built: Path) -> None:
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for path, tag in (("feeds/atom.xml", "cy"), ("en-gb/feeds/atom.xml", "en-GB")):
        root = ET.fromstring((built / path).read_bytes())  # noqa: S314 - our own output
        assert root.get(lang) == tag


def test_welsh_titles_and_descriptions(built: Path) -> None:
    name = "Partneriaeth Diogelwch Cymunedol Profdref"
    feed = feedparser.parse((built / "feeds/atom.xml").read_bytes()).feed
    assert feed.title == name
    assert feed.subtitle.startswith(f"Beth mae {name} yn ei gyhoeddi: cyfarfodydd wedi")
    body = feedparser.parse((built / "feeds/bodies/tasgio/rss.xml").read_bytes()).feed
    assert body.title == f"{name}: Grŵp Tasgio"
    assert body.subtitle.startswith(f"Beth mae {name} yn ei gyhoeddi am gyfarfodydd Grŵp Tasgio:")
    english = feedparser.parse((built / "en-gb/feeds/atom.xml").read_bytes()).feed
    assert english.subtitle.startswith(f"What {name} publishes: meetings announced")
    # Each language's feed links to its own feed and pages.
    selves = [link.href for link in english.links if link.rel == "self"]
    assert selves == [f"{BASE_URL}en-gb/feeds/atom.xml"]
