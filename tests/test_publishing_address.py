"""The publishing address: the partnership's `site`, `--base-url`, and the warning without both.

The README's build command runs as written (in a fresh process, into a temporary folder) and
its outputs are read back: feed self links, calendar SOURCE, webcal: subscribe links and feed
autodiscovery links, all absolute under the example's `site`.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import attrs
import pytest

from csp_core import DataError, InvalidModel, Partnership, dump, load
from csp_core.build import build
from csp_core.cli import main
from tests.data import CAMBRIDGE

ROOT = Path(__file__).parents[1]
ATOM = "{http://www.w3.org/2005/Atom}"
TIMEOUT = 300  # seconds: generous, for a loaded machine; never reached when all is well
OTHER = "https://other.example.net/csp/"


def _readme_build() -> list[str]:
    """The arguments of the README's `csp build` command of the Cambridge example."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"\.venv/bin/csp (build examples/cambridge [^\n&|;]*)", readme)
    assert len(found) == 1, found
    return shlex.split(found[0])


def _run_build(arguments: list[str], out: Path) -> subprocess.CompletedProcess[str]:
    """Run ``csp build`` with ``arguments``, its ``--out`` replaced by ``out``."""
    arguments = list(arguments)
    arguments[arguments.index("--out") + 1] = str(out)
    env = {key: value for key, value in os.environ.items() if not key.startswith("CSP_")}
    return subprocess.run(
        [sys.executable, "-m", "csp_core", *arguments],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**env, "CSP_LOAD_PLUGINS": "ical,rss,html"},
        timeout=TIMEOUT,
        check=False,
    )


def _unfold(calendar: str) -> list[str]:
    return calendar.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


class _Links(HTMLParser):
    """The <link rel=alternate> of a page's head, and every <a href>."""

    def __init__(self) -> None:
        super().__init__()
        self.alternates: list[tuple[str, str]] = []
        self.anchors: list[str] = []

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attributes}
        if tag == "link" and found.get("rel") == "alternate":
            self.alternates.append((found.get("type", ""), found.get("href", "")))
        if tag == "a" and "href" in found:
            self.anchors.append(found["href"])


def _links(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_bytes().decode("utf-8"))
    return parser


@attrs.frozen
class Built:
    out: Path
    address: str
    result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def readme(tmp_path_factory: pytest.TempPathFactory, cambridge: Partnership) -> Built:
    """The README's build of the example, as written."""
    out = tmp_path_factory.mktemp("readme") / "out"
    result = _run_build(_readme_build(), out)
    site = cambridge.site
    assert site is not None
    return Built(out=out, address=site, result=result)


class TestReadmeBuild:
    def test_example_has_a_site(self, cambridge: Partnership) -> None:
        """The example says where it is published: an https address of a folder."""
        site = cambridge.site
        assert site is not None
        assert re.fullmatch(r"https://[a-z0-9.-]+\.[a-z]+/", site)

    def test_builds_without_warning(self, readme: Built) -> None:
        assert readme.result.returncode == 0, readme.result.stderr
        assert "warning" not in readme.result.stderr
        assert readme.result.stderr == ""

    def test_feed_self_links(self, readme: Built) -> None:
        """Every RSS and Atom feed links to itself at its public address."""
        feeds = sorted((readme.out / "feeds").rglob("*.xml"))
        assert {"rss.xml", "atom.xml"} <= {feed.name for feed in feeds}
        for feed in feeds:
            path = feed.relative_to(readme.out).as_posix()
            tree = ElementTree.parse(feed).getroot()  # noqa: S314 - our own output
            links = tree.iter(f"{ATOM}link")
            selves = [link.get("href") for link in links if link.get("rel") == "self"]
            assert selves == [f"{readme.address}{path}"], path

    def test_calendar_source(self, readme: Built) -> None:
        """Every calendar says where it is fetched from (SOURCE, RFC 7986)."""
        calendars = sorted(readme.out.rglob("*.ics"))
        assert {"calendar.ics", "deadlines.ics"} <= {calendar.name for calendar in calendars}
        for calendar in calendars:
            path = calendar.relative_to(readme.out).as_posix()
            lines = _unfold(calendar.read_bytes().decode("utf-8"))
            sources = [line for line in lines if line.startswith("SOURCE")]
            assert sources == [f"SOURCE;VALUE=URI:{readme.address}{path}"], path

    def test_webcal_subscribe_links(self, readme: Built) -> None:
        """The home page offers webcal: subscriptions to every calendar built."""
        webcal = "webcal://" + readme.address.split("://", 1)[1]
        anchors = _links(readme.out / "index.html").anchors
        subscribed = {a[len(webcal) :] for a in anchors if a.startswith("webcal:")}
        assert all(a.startswith(webcal) for a in anchors if a.startswith("webcal:"))
        assert {"calendar.ics", "deadlines.ics"} <= subscribed
        for path in subscribed:
            assert (readme.out / path).is_file()

    def test_feed_autodiscovery(self, readme: Built) -> None:
        """Every page's head links to the feeds, at their absolute addresses."""
        pages = sorted(readme.out.rglob("*.html"))
        assert len(pages) > 5
        for page in pages:
            alternates = _links(page).alternates
            assert ("application/rss+xml", f"{readme.address}feeds/rss.xml") in alternates
            assert ("application/atom+xml", f"{readme.address}feeds/atom.xml") in alternates
            for _type, href in alternates:
                assert href.startswith(readme.address), (page, href)
                assert (readme.out / href[len(readme.address) :]).is_file()


def _without_site(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(CAMBRIDGE, data)
    toml = data / "partnership.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(re.sub(r"(?m)^site = .*\n", "", text), encoding="utf-8")
    assert load(data).site is None
    return data


class TestAddress:
    def test_base_url_overrides_site(self, tmp_path: Path, cambridge: Partnership) -> None:
        """--base-url wins over the data's site (a missing '/' is added), everywhere."""
        arguments = [*_readme_build(), "--base-url", OTHER.rstrip("/")]
        result = _run_build(arguments, tmp_path / "out")
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        lines = _unfold((tmp_path / "out" / "calendar.ics").read_bytes().decode("utf-8"))
        assert f"SOURCE;VALUE=URI:{OTHER}calendar.ics" in lines
        site = cambridge.site
        assert site is not None
        for path in (tmp_path / "out").rglob("*"):
            if path.is_file():
                assert site.encode() not in path.read_bytes(), path

    def test_without_an_address_one_warning(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """No site and no --base-url: exit 0, and one line on stderr saying what is missing
        and how to give it."""
        data = _without_site(tmp_path)
        out = tmp_path / "out"
        code = main(["build", str(data), "--out", str(out), "--at", "2019-10-01T09:00"])
        err = capsys.readouterr().err
        assert code == 0
        lines = err.splitlines()
        assert len(lines) == 1, err
        for words in ("warning", "self links", "SOURCE", "webcal:", "site =", "--base-url"):
            assert words in lines[0]
        assert not any(
            line.startswith("SOURCE")
            for line in _unfold((out / "calendar.ics").read_bytes().decode("utf-8"))
        )

    def test_with_base_url_no_warning(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        data = _without_site(tmp_path)
        argv = ["build", str(data), "--out", str(tmp_path / "out"), "--base-url", OTHER]
        assert main([*argv, "--at", "2019-10-01T09:00"]) == 0
        assert capsys.readouterr().err == ""

    def test_build_api(self, tmp_path: Path, cambridge: Partnership) -> None:
        """From Python: the address used is in the result, with the warning when none."""
        at = cambridge.meetings[0].start
        assert build(cambridge, tmp_path / "a", at).base_url == cambridge.site
        other = build(cambridge, tmp_path / "b", at, base_url=OTHER.rstrip("/"))
        assert (other.base_url, other.warnings) == (OTHER, ())
        bare = build(attrs.evolve(cambridge, site=None), tmp_path / "c", at)
        assert bare.base_url is None
        assert len(bare.warnings) == 1


class TestSiteField:
    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("cambridge-csp.example.org", "is not a web address"),
            ("ftp://example.org/", "is not a web address"),
            ("https://example.org/?page=1", "has a query"),
            ("https://example.org/#top", "has a fragment"),
        ],
    )
    def test_refused(self, tmp_path: Path, value: str, message: str) -> None:
        """A site must be an http(s) address a file path can follow."""
        data = _without_site(tmp_path)
        toml = data / "partnership.toml"
        toml.write_text(
            toml.read_text(encoding="utf-8").replace(
                "timezone =", f'site = "{value}"\ntimezone =', 1
            ),
            encoding="utf-8",
        )
        with pytest.raises(DataError) as raised:
            load(data)
        problems = [str(problem) for problem in raised.value.problems]
        assert any("site" in problem and message in problem for problem in problems), problems

    def test_model_refuses_too(self, cambridge: Partnership) -> None:
        with pytest.raises(InvalidModel, match="site"):
            attrs.evolve(cambridge, site="https://example.org/?x")

    def test_round_trip(self, cambridge: Partnership) -> None:
        """dump then load keeps the site."""
        assert dump(cambridge)["site"] == cambridge.site
