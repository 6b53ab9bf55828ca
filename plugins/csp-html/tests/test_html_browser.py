"""Headless Chromium renders the pages; the key texts are in the rendered DOM.

A missing Chromium fails these tests, unless CSP_ALLOW_NO_BROWSER=1 is set (then they skip).
"""

from __future__ import annotations

from pathlib import Path

import pytest

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def site(seed_pages, site_writer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's pages at the seed moment, written to a folder."""
    folder = tmp_path_factory.mktemp("site")
    site_writer(seed_pages, folder)
    return folder


def dump_dom(browser, parse, page: Path):
    """The DOM Chromium built for ``page``, parsed."""
    result = browser("--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert "<html" in result.stdout
    return parse(result.stdout)


@pytest.fixture(scope="module")
def index_dom(browser, parse, site: Path):
    """The DOM of the rendered index."""
    return dump_dom(browser, parse, site / "index.html")


class TestRenderedIndex:
    def test_key_texts_in_the_dom(self, index_dom) -> None:
        """The rendered index holds the seed page's key facts, section by section."""
        dom = index_dom
        assert dom.find("html").attrs["lang"] == "en-GB"
        assert dom.find("h1").text() == "Cambridge Community Safety Partnership"
        text = dom.find("main").text()
        for expected in (
            "The partnership’s key role is to:",
            "Community safety plan 2017–18",
            "Strategic assessments",
            "The majority of meetings of the partnership are open to the general public.",
            "The next meeting will take place on Thursday 17 October 2019, 11:15 to 13:15, "
            "at South Cambridgeshire Hall, Cambourne Business Park, Cambourne CB23 6EA.",
            "minutes and papers from earlier meetings are available on request",
            "Available on request",
            "Annual review",
            "Responsible authorities",
            "Other members",
            "Office of the Cambridgeshire Police and Crime Commissioner",
            "PO Box 700",
        ):
            assert expected in text, expected

    def test_landmarks_and_skip_link(self, index_dom) -> None:
        """Header, navigation, main and footer landmarks; the skip link comes first."""
        body = index_dom.find("body")
        first_link = body.find("a")
        assert first_link.attrs["href"] == "#main"
        assert first_link.text() == "Skip to main content"
        for tag in ("header", "nav", "main", "footer"):
            assert body.find_all(tag), tag
        assert body.find("main").attrs["id"] == "main"

    def test_screenshot(self, browser, site: Path, tmp_path: Path) -> None:
        """Chromium paints the index (a PNG comes out); see docs/html.md for what it shows."""
        shot = tmp_path / "index.png"
        result = browser(
            "--hide-scrollbars",
            "--window-size=1000,1400",
            f"--screenshot={shot}",
            (site / "index.html").as_uri(),
        )
        assert result.returncode == 0, result.stderr[-2000:]
        data = shot.read_bytes()
        assert data.startswith(PNG)
        assert len(data) > 20_000


class TestRenderedMeeting:
    def test_meeting_page(self, browser, parse, site: Path) -> None:
        """A meeting page renders its details, its agenda and the exempt item's placeholder."""
        dom = dump_dom(browser, parse, site / "meetings" / "2019-02-12.html")
        assert dom.find("h1").text() == (
            "Cambridge Community Safety Partnership meeting: Tuesday 12 February 2019"
        )
        text = dom.find("main").text()
        assert "Tuesday 12 February 2019, 10:00 to 12:30" in text
        assert "Guildhall (Committee Rooms 1 & 2), Market Square, Cambridge CB2 3QJ" in text
        exempt = "(exempt: Schedule 12A, paragraph 7 — not open to the public)"
        assert f"Police operational briefing {exempt}" in text
        assert "drug dealing networks" not in text
        assert "Supplement" in text
        scripts = dom.find_all("script")
        assert [s.attrs.get("type") for s in scripts] == ["application/ld+json"]

    def test_next_meeting_page(self, browser, parse, site: Path) -> None:
        """The next meeting's page shows what is due and how to subscribe."""
        dom = dump_dom(browser, parse, site / "meetings" / "2019-10-17.html")
        text = dom.find("main").text()
        assert "Agenda and papers: due by Wednesday 9 October 2019" in text
        assert "subscribe in your calendar app" in text
