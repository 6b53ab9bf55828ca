"""Installing in one line: the extras, ``csp --version`` and ``csp plugins --format json``.

Building the wheels and installing ``csp-core[all]`` from them into a fresh environment is
``tox -e dist`` (tools/check-dist.sh), which CI runs; here, what can be checked in-process: the
four ``pyproject.toml`` agree on versions, and the two commands say what is installed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from packaging.requirements import Requirement

import csp_core
from csp_core import cli as cli_module
from csp_core.cli import main
from csp_core.plugins import load_plugins
from tests.data import ROOT
from tests.test_plugin_api import Echo, Fake, Plugin, Venues

PLUGINS_SCHEMA = json.loads(
    (ROOT / "src" / "csp_core" / "schemas" / "plugins.schema.json").read_text(encoding="utf-8")
)
#: The built-in plugins: each folder of plugins/ is a distribution, and its extra of csp-core.
BUILT_IN = sorted(path.parent for path in (ROOT / "plugins").glob("*/pyproject.toml"))


def _project(folder: Path) -> dict[str, Any]:
    with (folder / "pyproject.toml").open("rb") as handle:
        project: dict[str, Any] = tomllib.load(handle)["project"]
    return project


def _run(
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    **extra: Any,
) -> str:
    """``csp ARGV``'s standard output; with ``extra``, those plugins instead of the installed."""
    if extra:
        monkeypatch.setattr(cli_module, "load_plugins", lambda: load_plugins(only=(), extra=extra))
    try:
        code = main(argv)
    except SystemExit as exited:  # --version exits through argparse
        code = exited.code
    assert code == 0
    return capsys.readouterr().out


class TestExtras:
    """`pip install "csp-core[all]"` brings every built-in publisher, at the core's version."""

    def test_the_built_in_plugins(self) -> None:
        assert {"csp-email", "csp-html", "csp-ical", "csp-opendata", "csp-rss"} <= {
            folder.name for folder in BUILT_IN
        }

    def test_one_version(self) -> None:
        """The core and the built-in plugins are released together, at one version."""
        core = _project(ROOT)["version"]
        assert {_project(folder)["version"] for folder in BUILT_IN} == {core}

    def test_an_extra_per_plugin_pinned_to_the_version(self) -> None:
        """`csp-core[ical]` is csp-ical at exactly the core's version: never another release
        of that name from an index."""
        core = _project(ROOT)
        extras = core["optional-dependencies"]
        for folder in BUILT_IN:
            plugin = _project(folder)
            extra = folder.name.removeprefix("csp-")
            pin = f"{plugin['name']}=={core['version']}"
            assert extras.get(extra) == [pin], f"pyproject.toml: give the extra {extra} = [{pin!r}]"
            # The extra is named as the plugin's entry point: `csp-core[ical]` gives `ical`.
            assert set(plugin["entry-points"]["csp_core"]) == {extra}

    def test_all(self) -> None:
        extras = _project(ROOT)["optional-dependencies"]
        (everything,) = extras["all"]
        requirement = Requirement(everything)
        assert requirement.name == "csp-core"
        assert requirement.extras == {folder.name.removeprefix("csp-") for folder in BUILT_IN}

    def test_plugins_accept_this_core(self) -> None:
        """Each plugin requires csp-core in a range holding the core's version, bounded above."""
        version = _project(ROOT)["version"]
        for folder in BUILT_IN:
            (core,) = (
                Requirement(text)
                for text in _project(folder)["dependencies"]
                if Requirement(text).name == "csp-core"
            )
            assert core.specifier.contains(version), folder.name
            assert any(spec.operator == "<" for spec in core.specifier), folder.name

    def test_each_plugin_has_a_readme(self) -> None:
        """`twine check` needs a long description: each plugin's README.md (text/markdown)."""
        for folder in BUILT_IN:
            assert _project(folder)["readme"] == "README.md"
            assert (folder / "README.md").read_text(encoding="utf-8").startswith("# ")


class TestVersion:
    def test_core_then_each_plugin(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        out = _run(["--version"], capsys, monkeypatch)
        names = ["csp-core", *(folder.name for folder in BUILT_IN)]
        assert out == "".join(f"{name} {metadata.version(name)}\n" for name in names)

    def test_no_plugins(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A plugin registered from Python has no distribution: only the core is listed."""
        out = _run(["--version"], capsys, monkeypatch, mine=Plugin(publishers=(Fake(),)))
        assert out == f"csp-core {metadata.version('csp-core')}\n"

    def test_importing_reads_no_metadata(self) -> None:
        """`import csp_core` (and the command's and plugins' modules) neither looks up our
        distributions nor scans for entry points: that waits until a command asks (`csp
        --version`, loading plugins).  (Dependencies may read their own version: holidays
        does.)"""
        script = (
            "import importlib.metadata as m\n"
            "def refusing(read):\n"
            "    def refuse(name=None, *args, **kwargs):\n"
            "        if name is None or str(name).lower().startswith('csp'):\n"
            "            raise AssertionError(f'metadata of {name} read at import')\n"
            "        return read(name, *args, **kwargs)\n"
            "    return refuse\n"
            "for name in ('version', 'distribution', 'metadata', 'files', 'requires'):\n"
            "    setattr(m, name, refusing(getattr(m, name)))\n"
            "m.Distribution.from_name = refusing(m.Distribution.from_name)\n"
            "m.entry_points = m.distributions = m.packages_distributions = refusing(None)\n"
            "import csp_core, csp_core.cli, csp_ical, csp_rss, csp_html, csp_opendata, csp_email\n"
            "assert '__version__' not in vars(csp_core)\n"
        )
        subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)
        assert csp_core.__version__ == metadata.version("csp-core")


class TestPluginsJson:
    def test_installed(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        document = json.loads(_run(["plugins", "--format", "json"], capsys, monkeypatch))
        jsonschema.validate(document, PLUGINS_SCHEMA, cls=jsonschema.Draft202012Validator)
        assert document["core"] == {
            "distribution": "csp-core",
            "version": metadata.version("csp-core"),
            "plugin_api": list(csp_core.PLUGIN_API_VERSION),
        }
        by_name = {plugin["name"]: plugin for plugin in document["plugins"]}
        assert list(by_name) == ["email", "html", "ical", "opendata", "rss"]
        for name, plugin in by_name.items():
            assert plugin["distribution"] == f"csp-{name}"
            assert plugin["version"] == metadata.version(f"csp-{name}")
            assert [publisher["name"] for publisher in plugin["publishers"]] == [name]
            # The open data and the email digests have no checker of their own: their files
            # are checked by the tests.
            checkers = [] if name in {"opendata", "email"} else [name]
            assert [checker["name"] for checker in plugin["checkers"]] == checkers
        ical = by_name["ical"]["publishers"][0]
        assert "calendar.ics" in ical["outputs"]
        options = {option["name"]: option for option in ical["options"]}
        assert options["refresh_interval"]["default"] == "PT12H"
        assert by_name["rss"]["checkers"][0]["suffixes"]

    def test_the_same_as_the_text(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Each publisher, option, checker, data check and command of the text listing."""
        plugin = Plugin(publishers=(Fake(),), data_checks=(Venues(),), commands=(Echo(),))
        text = _run(["plugins"], capsys, monkeypatch, mine=plugin)
        document = json.loads(_run(["plugins", "--format", "json"], capsys, monkeypatch))
        jsonschema.validate(document, PLUGINS_SCHEMA, cls=jsonschema.Draft202012Validator)
        (mine,) = document["plugins"]
        assert text.startswith("mine: (no distribution)\n")
        assert (mine["name"], mine["distribution"], mine["version"]) == ("mine", None, None)
        (fake,) = mine["publishers"]
        assert f"  publisher fake: {fake['description']}\n" in text
        assert [option["name"] for option in fake["options"]] == [
            "every",
            "limit",
            "show",
            "mode",
            "note",
        ]
        for option in fake["options"]:
            line = f"    option {option['name']} (default {option['default']!r}): {option['help']}"
            assert line in text
        assert mine["checkers"] == []
        assert mine["data_checks"] == [
            {"name": "venues", "description": "every public meeting has a venue"}
        ]
        assert mine["commands"] == [{"name": "echo", "help": "print the words given"}]
        assert "  command csp echo: print the words given\n" in text

    def test_none(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("CSP_LOAD_PLUGINS", "")
        document = json.loads(_run(["plugins", "--format", "json"], capsys, monkeypatch))
        jsonschema.validate(document, PLUGINS_SCHEMA, cls=jsonschema.Draft202012Validator)
        assert document["plugins"] == []

    def test_deterministic(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        first = _run(["plugins", "--format", "json"], capsys, monkeypatch)
        assert _run(["plugins", "--format", "json"], capsys, monkeypatch) == first

    def test_the_schema_is_valid(self) -> None:
        jsonschema.Draft202012Validator.check_schema(PLUGINS_SCHEMA)
        assert PLUGINS_SCHEMA["properties"]["schema_version"]["const"] == 1
