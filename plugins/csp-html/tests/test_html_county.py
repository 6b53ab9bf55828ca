"""The county index page: ``index.html`` at the top of a build of several partnerships.

Built from the two examples together: Cambridge (English) and Conwy and Denbighshire (Welsh
first, English too).  The set's languages are English (Cambridge is first by id) at the top
and Welsh under ``cy/``.  Each page lists both partnerships, in order of id, with links to
their own pages, calendars and feeds, which must all exist in the output folder.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import attrs
import pytest
from csp_core import Partnership, build_many, load
from csp_core.build import build

ROOT = Path(__file__).parents[3]
WALES = ROOT / "examples" / "conwy-denbighshire"
BASE = "https://county.example.org/"
# 1 October 2019, 09:00 BST: Cambridge's next meeting is the seed page's, 17 October 2019 at
# 11:15; Conwy and Denbighshire's first meeting is in 2025, so none is announced yet.
AT = dt.datetime(2019, 10, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=1)))
PAGES = ("index.html", "cy/index.html")


@pytest.fixture(scope="module")
def examples(cambridge: Partnership) -> list[Partnership]:
    return [cambridge, load(WALES)]


def _build(partnerships: list[Partnership], out: Path, base_url: str | None = BASE) -> Path:
    result = build_many(partnerships, out, AT, base_url=base_url)
    assert result.ok, result.failures
    return out


@pytest.fixture(scope="module")
def county(examples: list[Partnership], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(examples, tmp_path_factory.mktemp("county") / "out")


@pytest.fixture(scope="module")
def county_from_disk(examples: list[Partnership], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same set without a base address: the members' own sites are their addresses."""
    return _build(examples, tmp_path_factory.mktemp("disk") / "out", base_url=None)


def _links(page) -> list[str]:
    found = [a.attrs["href"] for a in page.iter("a")]
    found += [link.attrs["href"] for link in page.iter("link")]
    return [str(href) for href in found]


class TestCountyPage:
    def test_english_page_lists_every_partnership(self, county: Path, parse) -> None:
        page = parse((county / "index.html").read_bytes())
        assert page.find("html").attrs["lang"] == "en-GB"
        assert page.find("h1").text() == "Community safety partnerships"
        headings = [h.text() for h in page.find("main").iter("h3")]
        assert headings == [
            "Cambridge Community Safety Partnership",
            "Conwy and Denbighshire Community Safety Partnership",
        ]
        text = page.find("main").text()
        # The worked example: Cambridge's next meeting at the seed moment (its own index says
        # the same), in the page's words; the Welsh partnership has none announced in 2019.
        assert (
            "Next public meeting: Cambridge Community Safety Partnership meeting, "
            "Thursday 17 October 2019, 11:15." in text
        )
        assert "No public meeting is announced." in text
        assert "Area: Conwy and Denbighshire" in text
        # Each partnership's own pages in this language: Conwy and Denbighshire's English.
        anchors = {a.text(): a.attrs["href"] for a in page.find("main").iter("a")}
        assert anchors["Cambridge Community Safety Partnership"] == "cambridge/index.html"
        assert (
            anchors["Conwy and Denbighshire Community Safety Partnership"]
            == "conwy-denbighshire/en-gb/index.html"
        )
        times = [t.attrs["datetime"] for t in page.find("main").iter("time")]
        assert times == ["2019-10-17T11:15:00+01:00"]

    def test_welsh_page_marks_a_partnership_in_english(self, county: Path, parse) -> None:
        page = parse((county / "cy" / "index.html").read_bytes())
        assert page.find("html").attrs["lang"] == "cy"
        assert page.find("h1").text() == "Partneriaethau diogelwch cymunedol"
        first, second = page.find("main").find_all("h3")
        link = first.find("a")
        # Cambridge publishes in English only: its link and texts say so, and where it is.
        assert link.attrs["lang"] == "en-GB"
        assert link.attrs["hreflang"] == "en-GB"
        assert link.attrs["href"] == "../cambridge/index.html"
        assert first.text() == "Cambridge Community Safety Partnership (English)"
        assert second.find("a").attrs["href"] == "../conwy-denbighshire/index.html"
        assert "lang" not in second.find("a").attrs
        text = page.find("main").text()
        assert "Y cyfarfod cyhoeddus nesaf:" in text
        assert "Dydd Iau 17 Hydref 2019, 11:15" in text
        assert "Ardal: Conwy a Sir Ddinbych" in text

    def test_pages_name_each_other(self, county: Path, parse) -> None:
        """Each language's page links the other (hreflang) and switches to it."""
        english = parse((county / "index.html").read_bytes())
        alternates = {
            link.attrs["hreflang"]: link.attrs["href"]
            for link in english.iter("link")
            if link.attrs.get("hreflang")
        }
        assert alternates == {
            "en-GB": f"{BASE}index.html",
            "cy": f"{BASE}cy/index.html",
            "x-default": f"{BASE}index.html",
        }
        switch = english.find("nav", **{"class": "languages"}).find("a")
        assert (switch.attrs["href"], switch.text()) == (f"{BASE}cy/index.html", "Cymraeg")

    @pytest.mark.parametrize("name", PAGES)
    @pytest.mark.parametrize("fixture", ["county", "county_from_disk"])
    def test_every_link_in_the_output_exists(
        self, name: str, fixture: str, parse, request: pytest.FixtureRequest
    ) -> None:
        """Relative links, and links under the base address, all name files of the build."""
        out: Path = request.getfixturevalue(fixture)
        page = parse((out / name).read_bytes())
        here = posixpath.dirname(name)
        checked = 0
        for href in _links(page):
            address = href.split("#")[0]
            if not address:
                continue
            if address.startswith(BASE):
                target = address.removeprefix(BASE)
            elif urlsplit(address).scheme:
                continue  # another site (a partnership's own), mailto:, webcal:
            else:
                target = posixpath.normpath(posixpath.join(here, address))
            assert (out / target).is_file(), f"{name}: {href}"
            checked += 1
        assert checked >= 8

    def test_subscribe_links(self, county: Path, parse) -> None:
        page = parse((county / "index.html").read_bytes())
        hrefs = _links(page)
        assert "webcal://county.example.org/calendar.ics" in hrefs
        assert "webcal://county.example.org/cambridge/calendar.ics" in hrefs
        assert f"{BASE}conwy-denbighshire/en-gb/calendar.ics" in hrefs
        assert f"{BASE}feeds/rss.xml" in hrefs
        assert f"{BASE}cambridge/feeds/atom.xml" in hrefs
        feeds = [
            (link.attrs["type"], link.attrs["href"])
            for link in page.iter("link")
            if link.attrs.get("rel") == "alternate" and link.attrs.get("type")
        ]
        assert feeds == [
            ("application/rss+xml", f"{BASE}feeds/rss.xml"),
            ("application/atom+xml", f"{BASE}feeds/atom.xml"),
        ]

    def test_json_ld_lists_the_partnerships(self, county: Path, parse, jsonld) -> None:
        (data,) = jsonld(parse((county / "index.html").read_bytes()))
        assert data["@type"] == "ItemList"
        assert data["numberOfItems"] == 2
        items = [element["item"] for element in data["itemListElement"]]
        assert [item["name"] for item in items] == [
            "Cambridge Community Safety Partnership",
            "Conwy and Denbighshire Community Safety Partnership",
        ]
        assert items[1]["url"] == f"{BASE}conwy-denbighshire/en-gb/index.html"
        assert items[0]["areaServed"] == "Cambridge"

    def test_pages_and_stylesheets_validate(self, county: Path, validator) -> None:
        paths = [county / name for name in PAGES]
        paths += [county / "assets" / "site.css", county / "cy" / "assets" / "site.css"]
        problems = validator(paths)
        assert not problems, "\n".join(problems)

    def test_serial_and_parallel_builds_are_identical(
        self, examples: list[Partnership], county: Path, tmp_path: Path
    ) -> None:
        result = build_many(examples, tmp_path / "jobs", AT, base_url=BASE, jobs=2)
        assert result.ok, result.failures
        for name in (*PAGES, "assets/site.css"):
            assert (tmp_path / "jobs" / name).read_bytes() == (county / name).read_bytes()

    def test_one_partnership_alone_has_its_own_index(
        self, cambridge: Partnership, tmp_path: Path, parse
    ) -> None:
        """``csp build cambridge/`` is unchanged: the top index is the partnership's page."""
        result = build(cambridge, tmp_path / "alone", AT)
        assert result.ok, result.failures
        page = parse((tmp_path / "alone" / "index.html").read_bytes())
        assert page.find("h1").text() == "Cambridge Community Safety Partnership"


class TestHostileText:
    NASTY = '</h3><script>alert("x")</script>&amp; <!-- "Q&A" \u2028'

    def test_names_and_areas_are_text(
        self, examples: list[Partnership], tmp_path: Path, parse, jsonld, validator
    ) -> None:
        """Markup in a partnership's name, area or meeting title is shown as text."""
        cambridge, wales = examples
        meetings = tuple(
            attrs.evolve(meeting, title=f"{self.NASTY} {meeting.title}")
            for meeting in cambridge.meetings
        )
        nasty = attrs.evolve(
            cambridge,
            name=f"{self.NASTY} name",
            area=f"{self.NASTY} area",
            meetings=meetings,
        )
        out = _build([nasty, wales], tmp_path / "out")
        raw = (out / "index.html").read_text(encoding="utf-8")
        page = parse(raw)
        scripts = list(page.iter("script"))
        assert [s.attrs.get("type") for s in scripts] == ["application/ld+json"]
        text = page.find("main").text()
        shown = " ".join(self.NASTY.replace("\u2028", " ").split())
        assert f"{shown} name" in text
        assert f"Area: {shown} area" in text
        assert f"{shown} Cambridge Community Safety Partnership meeting" in text
        assert not re.search(r"<script>alert", raw)
        (data,) = jsonld(page)
        assert data["itemListElement"][0]["item"]["name"].startswith("</h3><script>")
        problems = validator([out / "index.html"])
        assert not problems, "\n".join(problems)
