"""The county feeds: ``feeds/rss.xml`` and ``feeds/atom.xml`` at the top of a build of many
partnerships (docs/county.md).

Built from the two examples together with a base address, each language's county feed holds
the newest items of the partnerships' own feeds of that language (a partnership without it:
its primary one), with the same ids, newest first, as feedparser reads them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import feedparser
import pytest
from csp_rss.check import check_feed
from tests.data import CAMBRIDGE, ROOT

from csp_core import Partnership, build_many, load

WALES = ROOT / "examples" / "conwy-denbighshire"
AT = dt.datetime(2025, 10, 1, 8, tzinfo=dt.UTC)
BASE = "https://county.example/"
# The top of the output folder is in English (Cambridge, first by id, publishes in en-GB
# only); Welsh, the set's second language, under cy/.
MEMBERS = {
    "": ("cambridge/", "conwy-denbighshire/en-gb/"),
    "cy/": ("cambridge/", "conwy-denbighshire/"),
}


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.xml")}


@pytest.fixture(scope="module")
def examples() -> list[Partnership]:
    return [load(CAMBRIDGE), load(WALES)]


@pytest.fixture(scope="module", params=[None, "1000"], ids=["limit-default", "limit-1000"])
def built(
    request: pytest.FixtureRequest,
    examples: list[Partnership],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, bytes], int]:
    out = tmp_path_factory.mktemp("county") / "out"
    options = {} if request.param is None else {"rss": {"limit": request.param}}
    result = build_many(examples, out, AT, only=["rss"], base_url=BASE, options=options)
    assert result.ok, result.failures
    return _files(out), 50 if request.param is None else int(request.param)


@pytest.mark.parametrize("prefix", sorted(MEMBERS))
@pytest.mark.parametrize("format_", ["rss", "atom"])
def test_county_feed_holds_the_members_newest_items(
    built: tuple[dict[str, bytes], int], prefix: str, format_: str
) -> None:
    files, limit = built
    path = f"{prefix}feeds/{format_}.xml"
    assert check_feed(files[path]) == []
    county = feedparser.parse(files[path])
    assert county.bozo == 0, county.get("bozo_exception")
    ids = [entry.id for entry in county.entries]
    assert all(count == 1 for count in Counter(ids).values())
    own = {
        entry.id: entry
        for member in MEMBERS[prefix]
        for entry in feedparser.parse(files[f"{member}feeds/{format_}.xml"]).entries
    }
    assert len(ids) == min(limit, len(own))
    assert set(ids) <= set(own)
    for entry in county.entries:  # the very items of the partnership's own feed
        assert (entry.title, entry.link) == (own[entry.id].title, own[entry.id].link)
    moments = [entry.published_parsed for entry in county.entries]
    assert moments == sorted(moments, reverse=True)
    # Every item newer than the oldest shown is shown: the county's newest, not a sample.
    oldest = min(moments, default=None)
    assert all(e.published_parsed <= oldest or e.id in ids for e in own.values())  # type: ignore[operator]
    assert county.feed.get("language", county.feed.get("title_detail", {}).get("language"))
    expected = f"{BASE}{prefix}feeds/{format_}.xml"
    assert any(link.get("href") == expected for link in county.feed.links) or format_ == "rss"


def test_serial_and_jobs_give_the_same_county_feeds(
    examples: list[Partnership], tmp_path: Path
) -> None:
    build_many(examples, tmp_path / "a", AT, only=["rss"], base_url=BASE)
    build_many(examples, tmp_path / "b", AT, only=["rss"], base_url=BASE, jobs=2)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert "feeds/rss.xml" in _files(tmp_path / "a")


def test_without_a_base_address_the_first_site(examples: list[Partnership], tmp_path: Path) -> None:
    """The set has no address of its own: the channel links to the first partnership's site."""
    build_many(examples, tmp_path / "out", AT, only=["rss"])
    parsed = feedparser.parse((tmp_path / "out" / "feeds" / "rss.xml").read_bytes())
    assert parsed.bozo == 0
    assert parsed.feed.link == examples[0].web
    assert parsed.entries
