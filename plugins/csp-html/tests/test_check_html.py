"""The ``html`` checker of ``csp check``: pages parsed as browsers do, local links followed."""

from __future__ import annotations

import datetime as dt

import pytest
from csp_core import Partnership
from csp_core.checkers import CheckedFile

from csp_html import HtmlChecker
from csp_html.check import check_page

from .conftest import SEED_AT, render_pages

#: Files a build makes beside the pages: the links of the pages reach them.
BESIDE = frozenset({"calendar.ics", "deadlines.ics", "feeds/rss.xml", "feeds/atom.xml"})


@pytest.fixture(scope="module")
def pages(cambridge: Partnership) -> dict[str, bytes]:
    """The example's files at the seed page's moment."""
    return render_pages(cambridge, SEED_AT)


def _files(pages: dict[str, bytes]) -> frozenset[str]:
    return frozenset(pages) | BESIDE


def _page(pages: dict[str, bytes], path: str, old: bytes, new: bytes) -> list[str]:
    content = pages[path]
    assert old in content, old
    return check_page(path, content.replace(old, new, 1), _files(pages))


class TestPages:
    def test_the_example_is_clean(self, cambridge: Partnership) -> None:
        """Every page of the example, at several instants and with an address, is clean."""
        for days in (0, 20, 200):
            for base_url in (None, "https://csp.example.org/"):
                files = render_pages(
                    cambridge, SEED_AT + dt.timedelta(days=days), base_url=base_url
                )
                for path, content in files.items():
                    if path.endswith(".html"):
                        assert check_page(path, content, _files(files)) == [], (path, days)

    def test_parse_errors(self, pages: dict[str, bytes]) -> None:
        """A stray end tag is named with its line and column, as html5lib reports it."""
        problems = _page(pages, "index.html", b"</main>", b"</div></main>")
        assert len(problems) == 1
        assert problems[0].startswith("line ")
        assert problems[0].endswith("End tag (div) seen too early. Expected other end tag.")

    def test_many_parse_errors_are_counted(self, pages: dict[str, bytes]) -> None:
        """Past five parse errors the rest are counted, not listed."""
        problems = _page(pages, "index.html", b"</main>", b"</div>" * 8 + b"</main>")
        assert problems[-1] == "and 3 more parse errors"
        assert len(problems) == 6

    def test_lang_title_ids(self, pages: dict[str, bytes]) -> None:
        """No lang, an empty title, an id used twice: each named."""
        content = pages["index.html"]
        lang = content[content.index(b"<html") : content.index(b">", content.index(b"<html")) + 1]
        assert _page(pages, "index.html", lang, b"<html>") == [
            "<html> has no lang: screen readers guess the language"
        ]
        start = content.index(b"<title>") + len(b"<title>")
        end = content.index(b"</title>")
        assert _page(pages, "index.html", content[start - 7 : end], b"<title>") == [
            "no <title>, or an empty one"
        ]
        assert _page(pages, "index.html", b'id="meetings"', b'id="main"') == [
            "id 'main' is used 2 times: links and labels reach only the first"
        ]

    def test_broken_local_link(self, pages: dict[str, bytes]) -> None:
        """A local link to a file the folder lacks is named; query and fragment ignored."""
        problems = _page(
            pages, "index.html", b'href="meetings/2019-10-17.html"', b'href="meetings/x.html?a=1#b"'
        )
        assert problems == [
            "<a href='meetings/x.html?a=1#b'>: no file meetings/x.html in the output folder"
        ]

    def test_links_resolve_from_the_page(self, pages: dict[str, bytes]) -> None:
        """A meeting page's ../ links reach the root; one ../ too many leaves the folder."""
        path = "meetings/2019-10-17.html"
        content = pages[path]
        assert b'href="../index.html"' in content
        assert check_page(path, content, _files(pages)) == []
        problems = _page(pages, path, b'href="../index.html"', b'href="../../index.html"')
        assert problems == ["<a href='../../index.html'> points outside the output folder"]

    def test_external_and_special_links_are_not_followed(self) -> None:
        """Schemes, //host, fragments and the page itself are not local files."""
        page = (
            b'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
            b'<a href="https://x.example/">a</a><a href="//x.example/y">b</a>'
            b'<a href="webcal://x.example/c.ics">c</a><a href="mailto:a@x.example">d</a>'
            b'<a href="#top">e</a><a href="">f</a><a href="./">g</a><img src="a%20b.png" alt="">'
            b"</body></html>"
        )
        assert check_page("index.html", page, frozenset({"index.html", "a b.png"})) == []
        assert check_page("index.html", page, frozenset({"index.html"})) == [
            "<img src='a%20b.png'>: no file a b.png in the output folder"
        ]

    def test_checker_uses_the_folder_files(self, pages: dict[str, bytes]) -> None:
        """The registered checker checks links against the files the core lists."""
        file = CheckedFile(
            path="index.html",
            content=pages["index.html"],
            media_type="text/html; charset=utf-8",
            files=frozenset({"index.html"}),
        )
        problems = HtmlChecker().check(file)
        assert (
            "<link href='assets/site.css'>: no file assets/site.css in the output folder"
            in problems
        )
