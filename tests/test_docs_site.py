"""The docs site builds without a warning, and its API reference covers the whole public API."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import csp_core
from csp_core import hookspecs

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
API_PAGES = sorted(DOCS.glob("api*.md"))
# An entry of the API reference: an autodoc directive, or a hand-written `py:data`.
_ENTRY = re.compile(r"^\.\. (?:auto\w+|py:data):: csp_core\.(\w+)\s*$", re.MULTILINE)


def _documented() -> list[str]:
    return [name for page in API_PAGES for name in _ENTRY.findall(page.read_text("utf-8"))]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built as `tox -e docs` builds it, into a temporary folder."""
    build = pytest.importorskip("sphinx.cmd.build", reason="the `docs` extra is not installed")
    out = tmp_path_factory.mktemp("site")
    warnings = out / "warnings.txt"
    arguments = ["-W", "--keep-going", "-n", "-E", "-q", "-b", "html", "-w", str(warnings)]
    arguments += ["-d", str(out / "doctrees"), str(DOCS), str(out / "html")]
    status = build.build_main(arguments)
    text = warnings.read_text("utf-8") if warnings.exists() else ""
    assert status == 0, f"sphinx-build failed (exit {status}):\n{text}"
    assert not text, text
    return out / "html"


class TestApiReference:
    def test_every_public_name_is_documented(self) -> None:
        """Each name in csp_core.__all__ has an entry in the docs/api*.md pages."""
        missing = sorted(set(csp_core.__all__) - set(_documented()))
        assert not missing, f"not in docs/api*.md: {missing}"

    def test_only_public_names_are_documented_once(self) -> None:
        """The API pages document nothing csp_core does not export, and nothing twice."""
        documented = _documented()
        # The hook specifications are documented as their module, which is not exported.
        assert sorted(set(documented) - {*csp_core.__all__, "hookspecs"}) == []
        assert sorted(name for name in set(documented) if documented.count(name) > 1) == []


class TestSite:
    def test_every_page_is_built(self, site: Path) -> None:
        """Every Markdown page of docs/ becomes a page of the site (each is in a toctree)."""
        pages = {page.stem for page in DOCS.glob("*.md")}
        built = {page.stem for page in site.glob("*.html")}
        assert pages <= built, sorted(pages - built)

    def test_api_entries_have_anchors(self, site: Path) -> None:
        """The API reference has an entry, with its docstring, for public names."""
        api = (site / "api.html").read_text("utf-8")
        assert 'id="csp_core.load"' in api
        plugins = (site / "api-plugins.html").read_text("utf-8")
        assert 'id="csp_core.Publisher"' in plugins
        assert 'id="csp_core.BuildContext.value"' in plugins

    def test_every_hook_has_an_entry(self, site: Path) -> None:
        """Each hook specification is on the hooks page, with its docstring."""
        page = (site / "api-hooks.html").read_text("utf-8")
        hooks = [name for name, value in vars(hookspecs).items() if hasattr(value, "csp_core_spec")]
        assert "register_publishers" in hooks
        missing = [hook for hook in hooks if f'id="csp_core.hookspecs.{hook}"' not in page]
        assert not missing

    def test_every_link_reaches_its_anchor(self, site: Path) -> None:
        """Each `page.md#heading` and `#heading` link of the pages reaches an anchor that exists."""
        link = re.compile(r'href="([^":#]*)#([^"]+)"')
        pages = {
            page.relative_to(site).as_posix(): page.read_text("utf-8")
            for page in site.rglob("*.html")
        }
        broken = [
            (name, f"{target}#{anchor}")
            for name, text in pages.items()
            if "/" not in name  # the pages, not their sources (_modules/), which they link to
            for target, anchor in link.findall(text)
            if f'id="{anchor}"' not in pages.get(target or name, "")
        ]
        assert not broken
        anchor = "what-a-publisher-is-given-of-the-previous-build"
        assert f'href="output-folder.html#{anchor}"' in pages["plugins.html"]

    def test_plugin_example_is_on_the_site(self, site: Path) -> None:
        """The plugin guide's example, run by test_docs.py, is a highlighted Python block."""
        page = (site / "plugins.html").read_text("utf-8")
        example = page.split("<h2>Writing a plugin", 1)[1].split("<h2>", 1)[0]
        assert 'class="highlight-python' in example
        assert "register_publishers" in example
