"""Sentences composed in Python keep a fallback's mark; pages link only feeds that are written.

1. A sentence built in Python from texts of the data ("{body}: meetings", "{priority}
   ({plan})", "No {plan_name} is in force …", a meeting's description) is a
   :class:`csp_html.templating.Sentence`: in the page body each text in it that fell back to
   another language is wrapped in ``<span lang>`` exactly as a value printed alone is; in
   ``<title>``, the meta description and attributes it is plain text.
2. The rss publisher writes feeds only with an address (csp_rss.RssPublisher.render); built
   without one, the pages link no feed, and ``csp check`` finds every link's target.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import lxml.html
import pytest
from csp_core import BuildContext, Partnership, Text, load, public_view
from csp_core.i18n import language
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from tests.strategies import examples

from csp_html import HtmlPublisher
from csp_html.templating import CATALOGUE, Sentence, compose, environment, joined, printable

ROOT = Path(__file__).parents[3]
WALES = ROOT / "examples" / "conwy-denbighshire"
#: 09:00 on Sunday 1 February 2026 (GMT): the 2025–2028 plan is in force.
AT = dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.UTC)
ENGLISH = language("en-GB", CATALOGUE)

BODY = "Y Bwrdd <Cymraeg> & mwy"
PLAN = "Cynllun Cymraeg yn unig"
PRIORITY = "Blaenoriaeth Gymraeg yn unig"


def _welsh(words: str) -> Text:
    return Text({"cy": words}, "cy")


@pytest.fixture(scope="module")
def partial() -> Partnership:
    """The Welsh example with the body's name, a plan's title and a priority's in Welsh only.

    A second body makes the pages offer each body's calendar ("{body}: meetings").
    """
    wales = load(WALES)
    body = attrs.evolve(wales.bodies[0], name=_welsh(BODY))
    other = attrs.evolve(wales.bodies[0], id="sub-group", name=_welsh("Is-grŵp"))
    plan = wales.plans[0]
    priority = attrs.evolve(plan.priorities[0], title=_welsh(PRIORITY))
    plan = attrs.evolve(plan, title=_welsh(PLAN), priorities=(priority, *plan.priorities[1:]))
    return attrs.evolve(
        wales, bodies=(body, other, *wales.bodies[1:]), plans=(plan, *wales.plans[1:])
    )


@pytest.fixture(scope="module")
def english(partial: Partnership) -> dict[str, str]:
    """The partial example's English pages (the publisher, in the English view)."""
    context = BuildContext(view=public_view(partial, AT, "en-GB"), languages=partial.languages)
    return {f.path: f.content.decode("utf-8") for f in HtmlPublisher().render(context)}


def _span(words: str) -> str:
    return f'<span lang="cy">{escape(words)}</span>'


def _head(html: str) -> tuple[str, str]:
    tree = lxml.html.fromstring(html)
    title = lxml.html.tostring(tree.xpath("//title")[0], encoding="unicode")
    (description,) = tree.xpath("//meta[@name='description']/@content")
    return title, description


class TestComposedSentences:
    def test_the_body_calendar_label_marks_the_body_name(self, english: dict[str, str]) -> None:
        """'{body}: meetings' in the footer: the Welsh name alone is in the span, escaped."""
        html = english["index.html"]
        assert f"{_span(BODY)}: meetings (calendar file)" in html
        assert f"{_span('Is-grŵp')}: meetings" in html

    def test_priority_and_plan_in_a_link(
        self, partial: Partnership, english: dict[str, str]
    ) -> None:
        """'{priority} ({plan})' on the assessment page: each data text in its own span."""
        assessment = partial.assessments[0]
        html = english[f"assessments/{assessment.id}.html"]
        assert f"{_span(PRIORITY)} ({_span(PLAN)})</a>" in html

    def test_title_and_meta_stay_plain(self, partial: Partnership, english: dict[str, str]) -> None:
        """<title> and the meta description hold the Welsh texts as text: no span, no lang."""
        plan = partial.plans[0]
        title, description = _head(english[f"plans/{plan.id}.html"])
        assert "span" not in title
        assert PLAN in title
        meeting = next(m for m in partial.meetings if m.body == partial.bodies[0].id)
        title, description = _head(english[f"meetings/{meeting.id}.html"])
        assert "span" not in title
        assert description.startswith(f"{BODY}: meeting on ")
        assert "span" not in description

    def test_pages_with_composed_fallbacks_validate(
        self, partial: Partnership, english: dict[str, str], validator, site_writer, tmp_path: Path
    ) -> None:
        """The Nu checker finds no error or warning on these English pages."""
        plan, assessment = partial.plans[0], partial.assessments[0]
        meeting = next(m for m in partial.meetings if m.body == partial.bodies[0].id)
        chosen = ("index.html", f"plans/{plan.id}.html", f"assessments/{assessment.id}.html")
        chosen += (f"meetings/{meeting.id}.html",)
        pages = {path: english[path].encode("utf-8") for path in chosen}
        problems = validator(site_writer(pages, tmp_path))
        assert not problems, "\n".join(problems)

    def test_no_plan_sentence_marks_the_plan_name(self) -> None:
        """'No {plan_name} is in force …' printed by a template: the name marked, once."""
        from csp_html import words

        partnership = load(WALES)
        texts = attrs.evolve(partnership.texts, plan_name=_welsh("cynllun <lleol>"))
        no_plan = words.index_texts(attrs.evolve(partnership, texts=texts), ENGLISH).no_plan
        assert no_plan == "No cynllun <lleol> is in force at the moment."
        page = environment(None, "en-GB").from_string("{{ s }}|{{ s|plain }}")
        assert page.render(s=no_plan) == (
            'No <span lang="cy">cynllun &lt;lleol&gt;</span> is in force at the moment.|'
            "No cynllun &lt;lleol&gt; is in force at the moment."
        )


@examples(100)
@given(
    value=st.text(max_size=30),
    note=st.text(max_size=30),
    lang=st.sampled_from(["cy", "en-GB"]),
)
def test_a_sentence_is_its_plain_text_and_its_marked_markup(
    value: str, note: str, lang: str
) -> None:
    """compose/joined: the plain text is str.format's; the markup escapes each part once and
    wraps exactly the texts in another language than the page's."""
    text = Text({lang: value}, lang)
    found = "<{a}> & {b}"
    made = joined(ENGLISH, (compose(ENGLISH, found, a=text, b=note), note))
    assert isinstance(made, Sentence)
    assert made == f"<{value}> & {note} {note}"
    inner = escape(printable(value))
    shown = inner if lang == "en-GB" else f'<span lang="{lang}">{inner}</span>'
    plain_note = escape(printable(note))
    assert made.markup == f"&lt;{shown}&gt; &amp; {plain_note} {plain_note}"


def _build(data: Path, out: Path, *extra: str) -> None:
    command = [sys.executable, "-m", "csp_core", "build", str(data), "--out", str(out)]
    result = subprocess.run(
        [*command, "--at", "2026-02-01T09:00", *extra],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def _check(out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "csp_core", "check", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )


class TestFeedLinks:
    @pytest.fixture(scope="class")
    @classmethod
    def unaddressed(cls, tmp_path_factory: pytest.TempPathFactory) -> Path:
        """The Welsh example's data with no ``site`` (and no partnership ``web``)."""
        data = tmp_path_factory.mktemp("data") / "wales"
        shutil.copytree(WALES, data)
        toml = data / "partnership.toml"
        text = toml.read_text(encoding="utf-8")
        line = 'site = "https://conwy-denbighshire-csp.example.org/"\n'
        assert line in text
        toml.write_text(text.replace(line, ""), encoding="utf-8")
        assert load(data).web is None
        return data

    def test_without_an_address_no_feed_is_written_or_linked(
        self, unaddressed: Path, tmp_path: Path
    ) -> None:
        """No address: no feeds/ folder, no page names a feed, csp check is clean."""
        out = tmp_path / "out"
        _build(unaddressed, out)
        assert not (out / "feeds").exists()
        for page in out.rglob("*.html"):
            assert "rss.xml" not in page.read_text(encoding="utf-8"), page
            assert "atom.xml" not in page.read_text(encoding="utf-8"), page
        result = _check(out)
        assert result.returncode == 0, result.stdout + result.stderr

    @pytest.mark.parametrize("extra", [(), ("--base-url", "https://csp.example.org/")])
    def test_with_an_address_the_feeds_are_linked(
        self, unaddressed: Path, tmp_path: Path, extra: tuple[str, ...]
    ) -> None:
        """An address (--base-url, or the example's own site): feeds written, linked, clean."""
        out = tmp_path / "out"
        _build(unaddressed if extra else WALES, out, *extra)
        assert (out / "feeds" / "rss.xml").exists()
        assert (out / "en-gb" / "feeds" / "atom.xml").exists()
        index = (out / "index.html").read_text(encoding="utf-8")
        assert 'type="application/rss+xml"' in index
        assert "feeds/atom.xml" in index
        result = _check(out)
        assert result.returncode == 0, result.stdout + result.stderr

    def test_the_partnership_web_address_is_enough(self, unaddressed: Path, tmp_path: Path) -> None:
        """A partnership ``web`` address without ``site``: the rss publisher writes the feeds,
        so the pages link them (relative), and csp check is clean."""
        data = tmp_path / "data"
        shutil.copytree(unaddressed, data)
        toml = data / "partnership.toml"
        text = toml.read_text(encoding="utf-8")
        head = 'timezone = "Europe/London"\n'
        toml.write_text(text.replace(head, head + 'web = "https://www.conwy.gov.uk/csp"\n', 1))
        out = tmp_path / "out"
        _build(data, out)
        assert (out / "feeds" / "rss.xml").exists()
        assert 'href="feeds/rss.xml"' in (out / "index.html").read_text(encoding="utf-8")
        result = _check(out)
        assert result.returncode == 0, result.stdout + result.stderr
