"""Accessible and plain: structure, no JavaScript, no assets from other sites, AA contrast."""

from __future__ import annotations

import itertools
import re

import pytest

from csp_html.templating import TEMPLATES

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@pytest.fixture(scope="module")
def pages(parse, seed_pages):
    """Every page of the example at the seed moment, parsed, by path."""
    return {name: parse(content) for name, content in seed_pages.items() if name.endswith(".html")}


class TestStructure:
    def test_language_and_viewport(self, pages) -> None:
        """lang="en-GB", a UTF-8 charset and a responsive viewport on every page."""
        for name, page in pages.items():
            assert page.find("html").attrs["lang"] == "en-GB", name
            metas = page.find_all("meta")
            assert {"charset": "utf-8"} in [m.attrs for m in metas], name
            viewport = page.find("meta", name="viewport")
            assert viewport.attrs["content"] == "width=device-width, initial-scale=1", name

    def test_one_h1_and_no_skipped_levels(self, pages) -> None:
        """One h1; headings never jump more than one level down."""
        for name, page in pages.items():
            levels = [int(node.tag[1]) for node in page.iter() if node.tag in HEADINGS]
            assert levels.count(1) == 1, name
            main_levels = [int(n.tag[1]) for n in page.find("main").iter() if n.tag in HEADINGS]
            assert main_levels[0] == 1, name
            for before, after in itertools.pairwise(main_levels):
                assert after <= before + 1, f"{name}: h{before} then h{after}"

    def test_landmarks_and_skip_link(self, pages) -> None:
        """header, nav (labelled), main#main and footer; a skip link to #main comes first."""
        for name, page in pages.items():
            body = page.find("body")
            assert body.find("a").attrs["href"] == "#main", name
            assert len(body.find_all("main")) == 1, name
            assert body.find("main").attrs["id"] == "main", name
            assert body.find_all("header"), name
            assert body.find_all("footer"), name
            for nav in body.find_all("nav"):
                assert nav.attrs.get("aria-label"), name

    def test_links_have_text(self, pages) -> None:
        """Every link says where it goes."""
        for name, page in pages.items():
            for link in page.find_all("a"):
                assert link.text().strip(), f"{name}: empty link to {link.attrs.get('href')}"

    def test_ids_are_unique(self, pages) -> None:
        """No id repeats on a page (anchors and aria-labelledby depend on it)."""
        for name, page in pages.items():
            ids = [node.attrs["id"] for node in page.iter() if "id" in node.attrs]
            assert len(ids) == len(set(ids)), name

    def test_labelled_sections_point_at_headings(self, pages) -> None:
        """Every aria-labelledby names elements that exist."""
        for name, page in pages.items():
            ids = {node.attrs["id"] for node in page.iter() if "id" in node.attrs}
            for node in page.iter():
                for target in (node.attrs.get("aria-labelledby") or "").split():
                    assert target in ids, f"{name}: {target}"

    def test_tables_have_captions_and_header_scopes(self, pages) -> None:
        """Data tables have a caption and scoped header cells."""
        for name, page in pages.items():
            for table in page.find_all("table"):
                assert table.find_all("caption"), name
                assert all(th.attrs.get("scope") for th in table.find_all("th")), name


class TestPlain:
    def test_no_javascript(self, pages) -> None:
        """No script but JSON-LD data, no event handlers, no javascript: links."""
        for name, page in pages.items():
            for script in page.find_all("script"):
                assert script.attrs == {"type": "application/ld+json"}, name
            for node in page.iter():
                assert not [a for a in node.attrs if a.startswith("on")], name
                assert not (node.attrs.get("href") or "").lower().startswith("javascript:"), name

    def test_no_assets_from_other_sites(self, pages) -> None:
        """Nothing is loaded from anywhere: no img, iframe, script src, remote stylesheet."""
        for name, page in pages.items():
            for tag in ("img", "iframe", "embed", "object", "video", "audio", "picture"):
                assert not page.find_all(tag), f"{name}: <{tag}>"
            for node in page.iter():
                assert "src" not in node.attrs, name
            for link in page.find_all("link"):
                if "stylesheet" in (link.attrs.get("rel") or ""):
                    assert not re.match(r"[a-z]+:", link.attrs["href"]), name

    def test_stylesheet_is_local(self, seed_pages) -> None:
        """The stylesheet imports nothing and names no remote fonts or images."""
        css = seed_pages["assets/site.css"].decode()
        assert "@import" not in css
        assert "url(" not in css
        assert "@font-face" not in css


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two #rrggbb colours."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class TestContrast:
    #: Text colour on background colour, as the stylesheet pairs them (custom property names).
    TEXT_PAIRS = (
        ("text", "background"),
        ("muted", "background"),
        ("link", "background"),
        ("visited", "background"),
        ("brand-text", "brand"),
        ("focus-text", "focus"),
        ("text", "info-background"),
        ("warning", "warning-background"),
        ("text", "panel"),
        ("link", "panel"),
        ("muted", "panel"),
        ("link", "info-background"),
        ("text", "warning-background"),
    )

    def test_text_meets_wcag_aa(self, seed_pages) -> None:
        """Every text/background pair of the stylesheet has at least 4.5:1 contrast."""
        css = seed_pages["assets/site.css"].decode()
        colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;", css))
        for text, background in self.TEXT_PAIRS:
            ratio = contrast(colours[text], colours[background])
            assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}"

    def test_chart_lines_meet_non_text_contrast(self, seed_pages) -> None:
        """The chart's reading and target lines stand out from the page at 3:1 or more."""
        css = seed_pages["assets/site.css"].decode()
        colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;", css))
        for line in ("link", "warning"):
            assert contrast(colours[line], colours["background"]) >= 3

    def test_known_ratio(self) -> None:
        """The contrast helper gives black on white 21:1."""
        assert contrast("#000000", "#ffffff") == pytest.approx(21)


def test_every_overridable_template_exists() -> None:
    """Each template name documented as overridable ships with the package."""
    from importlib.resources import files

    folder = files("csp_html") / "templates"
    for name in TEMPLATES:
        assert (folder / name).is_file(), name
