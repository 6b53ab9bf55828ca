"""Whatever a field holds — <script>, quotes, ampersands, control characters — it comes out escaped.

A property over generated partnerships (tests/strategies.py) with hostile text put into the
fields the pages print most: every page parses to the elements the templates write and no
others, JSON-LD parses back to the same values, and the raw text never appears.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
from csp_core import Partnership
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from tests.strategies import examples, partnerships

from csp_html.templating import printable

PAYLOADS = (
    "<script>alert(1)</script>",
    "</script><script>alert('x')</script>",
    "\"quoted\" & 'single' & <b>bold</b>",
    '"><img src=x onerror="alert(1)">',
    "<!-- Q&A -->",
    "Fish & Chips <3 \u2028 line",
)

#: The elements the built-in templates write; anything else would have come from the data.
# fmt: off
ELEMENTS = {
    "#document", "html", "head", "meta", "title", "link", "script", "body", "a", "header",
    "p", "nav", "ul", "ol", "li", "main", "footer", "h1", "h2", "h3", "h4", "section",
    "strong", "span", "time", "dl", "dt", "dd", "address", "br", "div", "figure",
    "figcaption", "svg", "desc", "line", "text", "polyline", "circle", "table", "caption",
    "thead", "tbody", "tr", "th", "td",
}
# fmt: on

AT = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2036, 1, 1), timezones=st.just(dt.UTC)
)


@st.composite
def hostile_partnerships(draw: st.DrawFn) -> tuple[Partnership, str]:
    """A generated partnership with a hostile payload in its most printed fields."""
    partnership = draw(partnerships())
    payload = draw(st.sampled_from(PAYLOADS))

    def spiked(text: str) -> str:
        return f"{payload} {text}"

    contact = attrs.evolve(
        partnership.contact, address=tuple(spiked(line) for line in partnership.contact.address)
    )
    meetings = tuple(
        attrs.evolve(
            meeting,
            title=spiked(meeting.title),
            venue=attrs.evolve(meeting.venue, name=spiked(meeting.venue.name))
            if meeting.venue
            else None,
        )
        for meeting in partnership.meetings
    )
    return attrs.evolve(
        partnership,
        name=spiked(partnership.name),
        area=spiked(partnership.area),
        purpose=spiked(partnership.purpose or "purpose"),
        contact=contact,
        meetings=meetings,
        agencies=tuple(attrs.evolve(a, name=spiked(a.name)) for a in partnership.agencies),
        plans=tuple(attrs.evolve(p, title=spiked(p.title)) for p in partnership.plans),
    ), payload


def check_page(name: str, html: str, parse: Any, jsonld: Any) -> Any:
    """The checks every page must pass, whatever the data; returns the parsed page."""
    page = parse(html)
    tags = {node.tag for node in page.iter()}
    assert tags <= ELEMENTS, f"{name}: unexpected elements {tags - ELEMENTS}"
    for node in page.iter():
        for attribute in node.attrs:
            assert not attribute.startswith("on"), f"{name}: event handler {attribute}"
            assert attribute not in {"src", "style", "srcdoc"}, f"{name}: {attribute}"
    for script in page.find_all("script"):
        assert script.attrs == {"type": "application/ld+json"}
    for data in jsonld(page):
        assert isinstance(data, dict)
    assert html.count("</script>") == len(page.find_all("script"))
    assert len(page.find_all("h1")) == 1
    return page


class TestEscaping:
    @examples(60)
    @given(case=hostile_partnerships(), at=AT)
    def test_hostile_text_is_escaped_everywhere(
        self, render, parse, jsonld, case: tuple[Partnership, str], at: dt.datetime
    ) -> None:
        """No page holds the raw payload; each parses to template elements only."""
        partnership, payload = case
        files = render(partnership, at, base_url="https://csp.example.org/")
        for name, content in files.items():
            if not name.endswith(".html"):
                continue
            html = content.decode("utf-8")
            assert payload not in html, f"raw payload in {name}"
            check_page(name, html, parse, jsonld)
        index = files["index.html"].decode("utf-8")
        assert str(escape(printable(payload))) in index

    @examples(40)
    @given(case=hostile_partnerships(), at=AT)
    def test_text_and_json_ld_read_back_the_same(
        self, render, parse, jsonld, case: tuple[Partnership, str], at: dt.datetime
    ) -> None:
        """The h1 reads as the name; JSON-LD parses back to the name and titles, cleaned alike."""
        partnership, _ = case
        files = render(partnership, at)
        index = parse(files["index.html"])
        shown = " ".join(str(printable(partnership.name)).split())
        assert index.find("h1").text() == shown
        [organization] = jsonld(index)
        assert organization["name"] == printable(partnership.name)
        assert organization["areaServed"] == printable(partnership.area)
        for meeting in partnership.meetings:
            path = f"meetings/{meeting.id}.html"
            if path in files:
                [event] = jsonld(parse(files[path]))
                assert event["name"] == printable(meeting.title)

    @examples(60)
    @given(partnership=partnerships(), at=AT)
    def test_any_partnership_renders(
        self, render, parse, jsonld, partnership: Partnership, at: dt.datetime
    ) -> None:
        """Any valid partnership, at any instant, renders pages that pass the checks."""
        files = render(partnership, at)
        for name, content in files.items():
            if name.endswith(".html"):
                check_page(name, content.decode("utf-8"), parse, jsonld)
        json.dumps(sorted(files))  # the paths are plain strings
