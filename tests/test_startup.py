"""Start-up stays cheap: what ``import csp_core`` and loading the plugins import (issue 16).

Structural checks, never timings (a timing on a shared machine is a flaky test): a fresh
interpreter imports ``csp_core``, or loads every installed plugin as each ``csp`` command does,
and the modules it then holds are compared with a list of the heavy ones.  The numbers, and the
commands that measure them, are in docs/performance.md ("Start-up").
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import holidays
import jinja2
import pytest
from csp_html.templating import environment

import csp_core
from csp_core.model import Nation
from csp_core.rules._uk_holidays import united_kingdom
from csp_core.rules.working_days import _SUBDIVISION

#: What ``import csp_core`` must not import: the model's and the rules' libraries (each loaded
#: when first needed), the publishers' (loaded when they render), and the metadata machinery
#: (a scan of sys.path).
NOT_AT_IMPORT = (
    "attrs",
    "babel",
    "cattrs",
    "dateutil",
    "feedgen",
    "feedparser",
    "holidays",
    "html5lib",
    "icalendar",
    "importlib.metadata",
    "jinja2",
    "jsonschema",
    "lxml",
    "pluggy",
    "vobject",
    "yaml",
    "csp_core.build",
    "csp_core.loading",
    "csp_core.model",
    "csp_core.public",
    "csp_core.rules",
)
#: What loading the plugins (every ``csp`` command, ``csp --version`` too) must not import:
#: each publisher's and checker's libraries wait until it renders or checks.
NOT_AT_PLUGIN_LOAD = (
    "feedgen",
    "feedparser",
    "html5lib",
    "icalendar",
    "jinja2",
    "lxml",
    "vobject",
    "csp_html.templating",
    "csp_ical.calendars",
)


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``, less those of bare start-up."""
    env = {name: value for name, value in os.environ.items() if name != "CSP_LOAD_PLUGINS"}
    show = "import json, sys; print(json.dumps(sorted(sys.modules)))"
    found: list[set[str]] = []
    for program in ("", code):
        result = subprocess.run(
            [sys.executable, "-c", f"{program}\n{show}"],
            capture_output=True,
            check=True,
            env=env,
            text=True,
        )
        found.append(set(json.loads(result.stdout)))
    bare, after = found
    return after - bare


def _heavy(modules: set[str], heavy: tuple[str, ...]) -> list[str]:
    return sorted(
        module
        for module in modules
        if any(module == h or module.startswith(f"{h}.") for h in heavy)
    )


def test_import_csp_core_imports_no_heavy_module() -> None:
    """``import csp_core`` imports its own package only; the API's modules load when asked."""
    assert _heavy(_modules_after("import csp_core"), NOT_AT_IMPORT) == []


def test_a_name_of_the_api_imports_its_module_only() -> None:
    """``from csp_core import InvalidModel`` imports csp_core.errors, not the model or rules."""
    modules = _modules_after("from csp_core import InvalidModel")
    assert "csp_core.errors" in modules
    assert _heavy(modules, ("csp_core.model", "csp_core.rules", "yaml", "holidays")) == []


def test_loading_the_plugins_imports_no_publisher_library() -> None:
    """Plugins load with their publishers' and checkers' libraries still unimported."""
    code = "from csp_core.plugins import load_plugins\nassert load_plugins().publishers"
    assert _heavy(_modules_after(code), NOT_AT_PLUGIN_LOAD) == []


def test_every_name_of_the_api_resolves() -> None:
    """Each name of ``__all__`` is there, from its module; ``dir()`` lists them all."""
    for name in csp_core.__all__:
        assert getattr(csp_core, name) is not None, name
    assert set(csp_core.__all__) <= set(dir(csp_core))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = csp_core.nothing  # type: ignore[attr-defined]


def test_holidays_wait_for_a_working_day() -> None:
    """The rules import ``holidays`` (and the metadata scan it makes) when a calendar is made."""
    modules = _modules_after("from csp_core import load, public_view, plan_in_force")
    assert _heavy(modules, ("holidays", "importlib.metadata")) == []


def test_bank_holidays_import_one_country() -> None:
    """The working-day rules import holidays' United Kingdom alone, not its 250 countries."""
    code = (
        "import datetime as dt\n"
        "from csp_core.model import Nation\n"
        "from csp_core.rules.working_days import WorkingCalendar\n"
        "assert WorkingCalendar(nation=Nation.WALES).holiday(dt.date(2025, 12, 25))"
    )
    modules = _modules_after(code)
    assert "holidays.countries.united_kingdom" in modules
    assert _heavy(modules, ("holidays.countries.france", "holidays.financial")) == []


@pytest.mark.parametrize("nation", list(Nation))
def test_bank_holidays_are_holidays_own(nation: Nation) -> None:
    """The class loaded on its own gives what ``holidays.country_holidays("GB")`` gives."""
    years = range(1970, 2061)
    subdivision = _SUBDIVISION[nation]
    ours = united_kingdom(subdivision, years=years)
    theirs = holidays.country_holidays("GB", subdiv=subdivision, observed=True, years=years)
    assert type(ours) is type(theirs)
    assert dict(ours) == dict(theirs)
    # Filled a year at a time when not given years, as the package does.
    lazy = united_kingdom(subdivision)
    assert lazy.get(dt.date(2020, 12, 25)) == theirs.get(dt.date(2020, 12, 25))
    assert set(lazy.years) == {2020}


def test_templates_compile_once_for_every_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template compiles once per process, whatever the language; again when it changes."""
    compiled: list[str | None] = []
    compile_template: Any = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *rest: Any) -> Any:
        compiled.append(name)
        return compile_template(self, source, name, *rest)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    page = tmp_path / "page.html"
    page.write_text("<p>{{ _('Meetings') }}</p>\n", encoding="utf-8")
    english = environment(tmp_path, "en-GB").get_template("page.html").render()
    welsh = environment(tmp_path, "cy").get_template("page.html").render()
    assert (english, welsh) == ("<p>Meetings</p>\n", "<p>Cyfarfodydd</p>\n")
    assert compiled == ["page.html"]
    page.write_text("<p>{{ _('Meetings') }}!</p>\n", encoding="utf-8")
    os.utime(page, (1, 2_000_000_000))
    assert environment(tmp_path, "cy").get_template("page.html").render() == (
        "<p>Cyfarfodydd!</p>\n"
    )
    assert compiled == ["page.html", "page.html"]
    # English reloads the changed file too, and takes the code Welsh compiled for it.
    assert environment(tmp_path, "en-GB").get_template("page.html").render() == (
        "<p>Meetings!</p>\n"
    )
    assert compiled == ["page.html", "page.html"]
