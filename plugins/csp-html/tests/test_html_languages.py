"""The pages in every language of a bilingual partnership (issue 13): Welsh first, then English.

The Conwy and Denbighshire example publishes in Welsh (primary: pages at the top of the output
folder) and English (under ``en-gb/``).  Each page says its language (``<html lang>``, JSON-LD
``inLanguage``), names its translations (``hreflang`` alternates, ``x-default`` the Welsh),
offers a language switch labelled in each language's own name, and holds no word of the other
language's interface.  A text the data lacks in the page's language falls back visibly, marked
with its own ``lang``.  The Nu checker reads both languages' pages in
tests/test_example_wales.py; here it reads a page with a fallback.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import attrs
import lxml.html
import pytest
from babel.messages.pofile import read_po
from csp_core import BuildContext, Partnership, Text, load, public_view
from csp_core.build import build
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape
from tests.strategies import examples

from csp_html import HtmlPublisher

ROOT = Path(__file__).parents[3]
WALES = ROOT / "examples" / "conwy-denbighshire"
PACKAGE = ROOT / "plugins" / "csp-html" / "src" / "csp_html"
#: 09:00 on Sunday 1 February 2026 (GMT): after the January meeting, before March's.
AT = dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.UTC)

#: The interface's English: words and phrases a Welsh page must not show (case-sensitive,
#: whole words), with every English day and month name.
ENGLISH_UI = (
    "Meetings",
    "Meeting",
    "Agenda and papers",
    "Minutes",
    "Cancelled",
    "Rescheduled",
    "Postponed",
    "Available on request",
    "Published",
    "published",
    "Subscribe",
    "subscribe",
    "Members",
    "Contact",
    "Home",
    "Plan",
    "Assessments",
    "Priorities",
    "Lead officer",
    "Targets",
    "Overdue",
    "due by",
    "Still to be published",
    "Skip to main content",
    "This information is as it stood",
    "calendar file",
    "News feed",
    "map of",
    "Previous meetings",
    "Next meeting",
    "Annual review",
    "Email",
    "Telephone",
    "the partnership",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: The interface's Welsh, which no English page may show.
WELSH_UI = (
    "Cyfarfodydd",
    "cyfarfod",
    "Agenda a phapurau",
    "Cofnodion",
    "Wedi'i ganslo",
    "Wedi'i aildrefnu",
    "Ar gael ar gais",
    "Dyddiad cyhoeddi",
    "tanysgrifio",
    "Aelodau",
    "Cysylltu",
    "Hafan",
    "Blaenoriaethau",
    "Swyddog arweiniol",
    "Targedau",
    "yn ddyledus",
    "Neidio i'r prif gynnwys",
    "Dyma'r wybodaeth",
    "ffeil calendr",
    "Ffrwd newyddion",
    "E-bost",
    "Ffôn",
    "Dydd",
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mehefin",
    "Gorffennaf",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
)


def _build(partnership: Partnership, out: Path) -> Path:
    result = build(partnership, out, AT, only=["html"])
    assert not result.failures, result.failures
    return out


@pytest.fixture(scope="module")
def wales() -> Partnership:
    """The bilingual example, Welsh first."""
    return load(WALES)


@pytest.fixture(scope="module")
def built(wales: Partnership, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's pages, served from its site address."""
    return _build(wales, tmp_path_factory.mktemp("wales") / "out")


@pytest.fixture(scope="module")
def unaddressed(wales: Partnership, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's pages with no address known: every link relative."""
    return _build(attrs.evolve(wales, site=None), tmp_path_factory.mktemp("local") / "out")


def _pages(out: Path) -> list[Path]:
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 10
    return pages


def _is_english(out: Path, page: Path) -> bool:
    return page.relative_to(out).parts[0] == "en-gb"


def _tree(page: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(page.read_bytes())


def _target(out: Path, page: Path, href: str, site: str | None) -> Path:
    """The file an address on ``page`` names: under the site address, or relative."""
    if site is not None and href.startswith(site):
        return out / urlsplit(href).path.removeprefix(urlsplit(site).path)
    assert not urlsplit(href).scheme, href
    here = page.parent.relative_to(out).as_posix()
    return out / posixpath.normpath(posixpath.join(here, href))


def _read(tree: lxml.html.HtmlElement) -> str:
    """What people read of a page: its text (no script or style) and labelling attributes."""
    tree = lxml.html.fromstring(lxml.html.tostring(tree))
    for hidden in tree.xpath("//script | //style | //nav[@class='languages']"):
        hidden.drop_tree()
    labels = tree.xpath("//@title | //@alt | //@aria-label | //meta[@name='description']/@content")
    return "\n".join([tree.text_content(), *map(str, labels)])


def _found(words: tuple[str, ...], text: str) -> list[str]:
    return [word for word in words if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]


class TestPagesPerLanguage:
    def test_welsh_at_the_top_english_under_en_gb(self, built: Path) -> None:
        """The same pages in both languages: the Welsh at the top, the English in en-gb/."""
        pages = _pages(built)
        english = {p.relative_to(built / "en-gb") for p in pages if _is_english(built, p)}
        welsh = {p.relative_to(built) for p in pages if not _is_english(built, p)}
        assert english == welsh
        assert Path("index.html") in welsh

    def test_each_page_says_its_language(self, built: Path) -> None:
        """``<html lang>`` is cy at the top and en-GB under en-gb/."""
        for page in _pages(built):
            lang = "en-GB" if _is_english(built, page) else "cy"
            assert _tree(page).get("lang") == lang, page

    def test_jsonld_is_in_the_page_language(self, built: Path) -> None:
        """The Organization and each Event say inLanguage: the page's tag."""
        found = 0
        for page in _pages(built):
            lang = "en-GB" if _is_english(built, page) else "cy"
            for script in _tree(page).xpath("//script[@type='application/ld+json']"):
                assert json.loads(script.text)["inLanguage"] == lang, page
                found += 1
        assert found >= 14  # the index and six meetings, in two languages


class TestAlternates:
    @pytest.mark.parametrize("fixture", ["built", "unaddressed"])
    def test_hreflang_names_every_language_and_resolves(
        self, fixture: str, request: pytest.FixtureRequest, wales: Partnership
    ) -> None:
        """Each page names itself and its translation, and x-default the Welsh; all exist."""
        out: Path = request.getfixturevalue(fixture)
        site = wales.site if fixture == "built" else None
        for page in _pages(out):
            links = {
                link.get("hreflang"): link.get("href")
                for link in _tree(page).xpath("//head/link[@rel='alternate'][@hreflang]")
            }
            assert set(links) == {"cy", "en-GB", "x-default"}, page
            assert links["x-default"] == links["cy"]
            own = "en-GB" if _is_english(out, page) else "cy"
            assert _target(out, page, links[own], site) == page
            other = _target(out, page, links["cy" if own == "en-GB" else "en-GB"], site)
            assert other.is_file(), (page, other)
            assert _is_english(out, other) != _is_english(out, page)
            if site is not None:
                assert all(href.startswith(site) for href in links.values()), page

    @pytest.mark.parametrize("fixture", ["built", "unaddressed"])
    def test_the_switch_leads_to_the_same_page_in_the_other_language(
        self, fixture: str, request: pytest.FixtureRequest, wales: Partnership
    ) -> None:
        """One link, labelled in its own language with lang and hreflang, to the translation."""
        out: Path = request.getfixturevalue(fixture)
        site = wales.site if fixture == "built" else None
        for page in _pages(out):
            tree = _tree(page)
            (switch,) = tree.xpath("//header//nav[@class='languages']")
            (link,) = switch.xpath(".//a")
            if _is_english(out, page):
                assert (link.text, link.get("lang"), link.get("hreflang")) == (
                    "Cymraeg",
                    "cy",
                    "cy",
                )
                assert switch.get("aria-label") == "Languages"
            else:
                wanted = ("English", "en-GB", "en-GB")
                assert (link.text, link.get("lang"), link.get("hreflang")) == wanted
                assert switch.get("aria-label") == "Ieithoedd"
            other = _target(out, page, link.get("href"), site)
            assert other.is_file()
            assert other.relative_to(out).parts[-1] == page.relative_to(out).parts[-1]
            assert _is_english(out, other) != _is_english(out, page)

    def test_one_language_has_no_alternates_or_switch(
        self, cambridge: Partnership, render, seed_at: dt.datetime
    ) -> None:
        """A partnership publishing in English only: no hreflang, no switch, lang en-GB."""
        index = render(cambridge, seed_at)["index.html"].decode("utf-8")
        assert '<html lang="en-GB">' in index
        assert "hreflang" not in index
        assert 'class="languages"' not in index


class TestNoWordOfTheOtherLanguage:
    def test_no_english_in_the_welsh_pages(self, built: Path) -> None:
        """No English day, month, label or sentence of the interface on a Welsh page."""
        for page in _pages(built):
            if not _is_english(built, page):
                assert _found(ENGLISH_UI, _read(_tree(page))) == [], page

    def test_no_welsh_in_the_english_pages(self, built: Path) -> None:
        """No Welsh day, month, label or sentence of the interface on an English page."""
        for page in _pages(built):
            if _is_english(built, page):
                assert _found(WELSH_UI, _read(_tree(page))) == [], page

    def test_the_checks_find_the_other_language(self, built: Path) -> None:
        """The word lists do find their language (so the pages pass on merit)."""
        english = _read(_tree(built / "en-gb" / "index.html"))
        welsh = _read(_tree(built / "index.html"))
        assert len(_found(ENGLISH_UI, english)) > 20
        assert len(_found(WELSH_UI, welsh)) > 20


class TestFallback:
    @pytest.fixture(scope="class")
    @classmethod
    def partial(cls, wales: Partnership) -> Partnership:
        """The example with one body's name and one meeting's title in English only."""
        body = wales.bodies[0]
        name = Text({"en-GB": "The Board (in English only)"}, "en-GB")
        meetings = list(wales.meetings)
        title = Text({"en-GB": "Board <meeting> & more"}, "en-GB")
        meetings[0] = attrs.evolve(meetings[0], title=title)
        return attrs.evolve(
            wales,
            bodies=(attrs.evolve(body, name=name), *wales.bodies[1:]),
            meetings=tuple(meetings),
        )

    @pytest.fixture(scope="class")
    @classmethod
    def pages(cls, partial: Partnership) -> dict[str, bytes]:
        """The partial example's Welsh and English pages (the publisher, one language each)."""
        files: dict[str, bytes] = {}
        for tag, prefix in (("cy", ""), ("en-GB", "en-gb/")):
            context = BuildContext(view=public_view(partial, AT, tag), languages=partial.languages)
            files |= {prefix + file.path: file.content for file in HtmlPublisher().render(context)}
        return files

    def test_the_welsh_page_marks_the_english_text(
        self, partial: Partnership, pages: dict[str, bytes]
    ) -> None:
        """The English-only title is wrapped in <span lang="en-GB">, escaped, once per print."""
        meeting = partial.meetings[0]
        html = pages[f"meetings/{meeting.id}.html"].decode("utf-8")
        assert '<span lang="en-GB">Board &lt;meeting&gt; &amp; more</span>' in html
        tree = lxml.html.fromstring(html)
        (heading,) = tree.xpath("//h1")
        assert heading.xpath("./span/@lang") == ["en-GB"]
        # Where no element may go, the text stands unmarked: <title>, attributes.
        assert "<span" not in tree.xpath("//title")[0].text_content()
        assert "span" not in tree.xpath("//meta[@name='description']/@content")[0]
        (body,) = tree.xpath('//dt[.="Corff sy\'n cyfarfod"]/following-sibling::dd[1]')
        assert lxml.html.tostring(body, encoding="unicode").startswith(
            '<dd><span lang="en-GB">The Board (in English only)</span></dd>'
        )

    def test_the_english_page_marks_nothing(
        self, partial: Partnership, pages: dict[str, bytes]
    ) -> None:
        """On the English pages the same texts are in the page's language: no span."""
        meeting = partial.meetings[0]
        html = pages[f"en-gb/meetings/{meeting.id}.html"].decode("utf-8")
        assert "Board &lt;meeting&gt; &amp; more" in html
        assert '<span lang="en-GB">' not in html

    def test_pages_with_a_fallback_validate(
        self, pages: dict[str, bytes], validator, site_writer, tmp_path: Path
    ) -> None:
        """The Nu checker finds no error or warning on the Welsh pages with fallbacks."""
        welsh = {path: content for path, content in pages.items() if not path.startswith("en")}
        problems = validator(site_writer(welsh, tmp_path))
        assert not problems, "\n".join(problems)


class TestWelshCatalogue:
    #: Welsh words after which the next word mutates (soft, nasal or aspirate): a placeholder
    #: there would print an unmutated name or date ('ar Dydd Iau' for 'ar ddydd Iau').
    MUTATING = ("a", "â", "am", "ar", "at", "dan", "dros", "drwy", "gan", "gyda", "heb", "hyd")
    MUTATING += ("i", "neu", "o", "tan", "trwy", "tua", "wrth", "yn", "yng", "ym", "ei", "dy")

    def test_no_placeholder_follows_a_mutating_word(self) -> None:
        """Each Welsh message puts its names and dates where Welsh does not mutate them."""
        path = PACKAGE / "locale" / "cy" / "LC_MESSAGES" / "csp_html.po"
        with path.open("rb") as handle:
            catalogue = read_po(handle, locale="cy")
        words = "|".join(map(re.escape, self.MUTATING))
        trap = re.compile(rf"(?<![\w'])({words}) \{{", re.IGNORECASE)
        found = []
        for message in catalogue:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            found += [text for text in strings if text and trap.search(text)]
        assert found == []

    def test_the_switch_names_come_from_cldr(self) -> None:
        """'Cymraeg' and 'English': each language's name in itself, not a catalogue entry."""
        from csp_html.site import own_name

        assert (own_name("cy"), own_name("en-GB")) == ("Cymraeg", "English")


class TestTemplatesInALanguage:
    def test_messages_and_trans_blocks_in_a_council_template(self, tmp_path: Path) -> None:
        """A council's template: _() and {% trans %} in the page's language, values escaped."""
        from csp_html.templating import environment

        (tmp_path / "mine.html").write_text(
            '{{ _("Published {date}.", date=day) }}|'
            "{% trans who=name %}Hello {{ who }}{% endtrans %}|"
            '{{ ngettext("{count} minute", "{count} minutes", 2) }}',
            encoding="utf-8",
        )
        page = environment(tmp_path, "cy").get_template("mine.html")
        fallback = Text({"en-GB": "Monday <1>"}, "en-GB")
        assert page.render(day=fallback, name="<b>") == (
            'Dyddiad cyhoeddi: <span lang="en-GB">Monday &lt;1&gt;</span>.|Hello &lt;b&gt;|2 funud'
        )
        english = environment(tmp_path, "en-GB").get_template("mine.html")
        assert english.render(day=fallback, name="x") == (
            "Published Monday &lt;1&gt;.|Hello x|2 minutes"
        )


@examples(100)
@given(
    text=st.text(max_size=40),
    lang=st.sampled_from(["cy", "en-GB"]),
    page=st.sampled_from(["cy", "en-GB"]),
)
def test_a_fallback_is_marked_exactly_when_its_language_differs(
    text: str, lang: str, page: str
) -> None:
    """The finalize step: a text in another language is one <span lang>, escaped; else bare."""
    from csp_html.templating import in_language, printable

    shown = in_language(page)(Text({lang: text}, lang))
    inner = escape(printable(text))
    if lang == page:
        assert shown == printable(text)
        assert type(shown) is str
    else:
        assert shown == f'<span lang="{lang}">{inner}</span>'
        assert isinstance(shown, Markup)
