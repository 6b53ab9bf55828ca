"""The built-in templates shipped compiled (csp_html/compiling.py, templates.marshal).

The shipped code is used only for the same template name and source, compiled by the same
Jinja2 and Python, and gives the very same pages as compiling them at run time.  Each check
runs in a fresh interpreter: the compiled templates are cached for the whole process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jinja2
import pytest

from csp_html import compiling
from csp_html.templating import environment

ROOT = Path(__file__).parents[3]

RENDER = """
import datetime as dt, hashlib, json, sys
import jinja2
from csp_core import BuildContext, load, parse_options, public_view
from csp_html import HtmlPublisher
from csp_html.templating import _COMPILED
compiled = []
real = jinja2.Environment.compile
def counting(self, source, name=None, filename=None, *args, **kwargs):
    compiled.append(name)
    return real(self, source, name, filename, *args, **kwargs)
jinja2.Environment.compile = counting
if sys.argv[1] == "without":
    _COMPILED._shipped = {}
partnership = load(sys.argv[2])
at = dt.datetime(2019, 10, 1, 9, tzinfo=partnership.timezone)
publisher = HtmlPublisher()
files = {}
for tag in partnership.languages:
    context = BuildContext(
        view=public_view(partnership, at, tag),
        options=parse_options(publisher, {}),
        base_url="https://csp.example.org/",
        languages=partnership.languages,
    )
    for file in publisher.render(context):
        files[tag + ":" + file.path] = hashlib.sha256(file.content).hexdigest()
print(json.dumps({"compiled": sorted(set(compiled)), "files": files}))
"""


def _render(mode: str, example: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", RENDER, mode, str(ROOT / "examples" / example)],
        capture_output=True,
        check=True,
        text=True,
    )
    found: dict[str, object] = json.loads(result.stdout)
    return found


def _shipped() -> bytes:
    return resources.files("csp_html").joinpath(compiling.BUNDLE).read_bytes()


@pytest.mark.parametrize("example", ["cambridge", "conwy-denbighshire"])
def test_the_same_pages_with_and_without_the_shipped_code(example: str) -> None:
    shipped = _render("with", example)
    compiled = _render("without", example)
    assert shipped["files"] == compiled["files"]
    # With the shipped code nothing is compiled; without, every template used.
    assert shipped["compiled"] == []
    assert "index.html" in compiled["compiled"]  # type: ignore[operator]


def test_the_bundle_holds_every_built_in_template() -> None:
    folder = Path(compiling.__file__).with_name("templates")
    bundled = compiling.unbundle(_shipped())
    assert sorted(bundled) == sorted(path.name for path in folder.glob("*.html"))
    # Up to date with the sources (reinstall the package after editing a template).
    fresh = compiling.unbundle(compiling.bundle(folder))
    assert {name: checksum for name, (checksum, _) in bundled.items()} == {
        name: checksum for name, (checksum, _) in fresh.items()
    }, "a template changed since csp-html was installed: pip install -e plugins/csp-html"


def test_another_jinja2_or_python_is_ignored() -> None:
    data = _shipped()
    header, _, body = data.partition(b"\n")
    assert compiling.unbundle(data)
    assert compiling.unbundle(header.replace(b"csp-html ", b"csp-html 0.0.0-") + b"\n" + body) == {}
    assert compiling.unbundle(b"") == {}
    assert compiling.unbundle(header + b"\nnot marshal data") == {}


def test_a_changed_source_is_compiled(tmp_path: Path) -> None:
    """A council's index.html (another source): compiled, not the built-in's code."""
    (tmp_path / "index.html").write_text("<p>{{ 6 * 7 }}</p>\n", encoding="utf-8")
    env = environment(tmp_path, "en-GB")
    assert env.get_template("index.html").render() == "<p>42</p>\n"


def test_the_compile_filters_are_the_real_ones() -> None:
    """The compiled code depends on each filter's name and kind: the stand-ins match."""
    real = environment(None, "en-GB").filters
    ours = {name for name in real if name not in jinja2.defaults.DEFAULT_FILTERS}
    assert ours == set(compiling.FILTERS)
    for name, takes_context in compiling.FILTERS.items():
        kind = jinja2.utils._PassArg.from_obj(real[name])
        assert (kind is jinja2.utils._PassArg.context) is takes_context, name
