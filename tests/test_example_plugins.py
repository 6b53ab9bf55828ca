"""The example plugins, installed as a council would install them and run through `csp`.

`examples/plugins/csp-local-checks` (the ``register_data_checks`` hook),
`examples/plugins/csp-agencies` (``register_commands``) and the publisher of the plugin guide
(docs/plugins.md, "Writing a plugin": its pyproject.toml and module, taken from the page) are
each built and installed by pip, once per session, into a temporary folder: never into the
environment running the tests, which keeps exactly the in-repo plugins.  Each test runs the real
`csp` command in a subprocess with that folder on ``PYTHONPATH``, so the plugins are found
through their entry points, as installed plugins are.
"""

from __future__ import annotations

import ast
import csv
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest

from csp_core.plugins import load_plugins
from tests.data import CAMBRIDGE, ROOT, partnership_header

EXAMPLES = ROOT / "examples" / "plugins"
GUIDE = ROOT / "docs" / "plugins.md"
#: The example distributions, by the entry-point name of the plugin each one installs.
PLUGINS = {"local-checks": "csp-local-checks", "agencies": "csp-agencies"}
#: Only the plugins under test, unless a test says otherwise: quicker, and independent of the rest.
ONLY = "local-checks,agencies,meetings-json"
#: Installing the three takes about 5 s (8 s on a busy machine); far more means trouble.
INSTALL_TIMEOUT = 600


def _offline_backend() -> bool:
    """Whether this environment's setuptools builds wheels by itself (70.1 and later)."""
    try:
        version = metadata.version("setuptools")
    except metadata.PackageNotFoundError:
        return False
    major, minor = (int(part) for part in re.findall(r"\d+", version)[:2])
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


def _pip(*arguments: str | Path) -> list[str]:
    return [sys.executable, "-m", "pip", "--disable-pip-version-check", *map(str, arguments)]


def _backend(work: Path) -> dict[str, str]:
    """The environment in which pip finds setuptools to build the plugins without the network.

    tox's environments have a recent setuptools; a `python -m venv` of Python 3.11 has 65.5,
    which cannot build a wheel alone: then a current one is fetched once, into ``work``.
    """
    environment = dict(os.environ)
    if not _offline_backend():
        backend = work / "backend"
        command = _pip("install", "--quiet", "--target", backend, "setuptools>=70.1")
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
        environment["PYTHONPATH"] = str(backend)
    return environment


def _guide_blocks() -> tuple[str, str]:
    """The pyproject.toml and the module of the guide's plugin, as the page shows them."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("\n## Writing a plugin\n", 1)[1].split("\n## ", 1)[0]
    pyproject = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    module = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert pyproject, "the guide's plugin has no pyproject.toml block"
    assert module, "the guide's plugin has no Python block"
    return pyproject[1], module[1]


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the three plugins as pip installs them: code, metadata, entry points.

    Each is built from a copy (no build files are left in the repository) by setuptools,
    offline, in one pip run (side by side runs are slower on a busy machine of two cores).
    """
    work = tmp_path_factory.mktemp("example-plugins")
    sources = [
        shutil.copytree(
            EXAMPLES / name,
            work / name,
            ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"),
        )
        for name in PLUGINS.values()
    ]
    guide = work / "csp-meetings-json"
    (guide / "csp_meetings_json").mkdir(parents=True)
    pyproject, module = _guide_blocks()
    (guide / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    (guide / "csp_meetings_json" / "__init__.py").write_text(module, encoding="utf-8")
    sources.append(guide)
    started = time.monotonic()
    target = work / "site-packages"
    command = _pip("install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index")
    result = subprocess.run(
        [*command, "--target", str(target), *map(str, sources)],
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
        check=False,
        env=_backend(work),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    took = time.monotonic() - started
    print(f"installed the example plugins in {took:.1f} s")  # shown with -rP or -s
    return target


def _csp(
    installed: Path, *arguments: str | Path, only: str | None = ONLY
) -> subprocess.CompletedProcess[str]:
    """Run the real `csp` with the installed examples on its path (``only``: the plugins)."""
    environment = {**os.environ, "CSP_DEBUG": "0"}
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(installed), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    environment.pop("CSP_LOAD_PLUGINS", None)
    if only is not None:
        environment["CSP_LOAD_PLUGINS"] = only
    script = Path(sys.executable).with_name("csp")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "csp_core"]
    result = subprocess.run(
        [*command, *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=environment,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


# -- A small partnership that keeps the council's rules, and one that breaks them -------------

PARTNERSHIP = (
    partnership_header(timezone="Europe/London")
    + """
[[agencies]]
id = "council"
name = "Testford Borough Council"
sector = "council"
responsible_authority = true
memberships = [{ role = "member", since = 2016-04-01 }]

# The earlier plan is history: its lead need not be public.
[[plans]]
id = "plan-2017"
title = "Plan 2017-18"
period = { start = 2017-04-01, end = 2018-03-31 }
in_force_from = 2017-04-01

[[plans.priorities]]
id = "asb"
title = "Antisocial behaviour"
lead = { name = "A. Officer", role = "Manager", agency = "council" }

[[plans]]
id = "plan-2019"
title = "Plan 2019-20"
period = { start = 2019-04-01, end = 2020-03-31 }
in_force_from = 2019-04-01

[[plans.priorities]]
id = "domestic-abuse"
title = "Domestic abuse"
[plans.priorities.lead]
name = "B. Officer"
role = "Lead"
agency = "council"
email = "lead@testford.example"
public = true

[[plans.priorities]]
id = "exploitation"
title = "Exploitation"
[plans.priorities.lead]
name = "C. Officer"
role = "Lead"
agency = "council"
phone = "01234 567890"
public = true
"""
)

MEETINGS = """\
[[meetings]]
id = "in-person"
body = "board"
title = "Board meeting"
start = 2019-10-17T11:15:00
attendance = "in-person"
venue = { name = "Guildhall", address = ["Market Square", "Testford"], postcode = "TE1 1ST" }

# Online: nobody needs to find a room.
[[meetings]]
id = "online"
body = "board"
title = "Board meeting"
start = 2019-11-14T11:15:00
attendance = "online"

# Cancelled: no venue needed.
[[meetings]]
id = "cancelled"
body = "board"
title = "Board meeting"
start = 2019-12-12T11:15:00
status = "cancelled"
status_note = "Not enough business."
changes = [{ at = 2019-12-01T10:00:00, what = ["status"] }]

# Private: the public need not find it.
[[meetings]]
id = "private"
body = "board"
title = "Development session"
start = 2020-01-09T11:15:00
public = false
"""


def _partnership(folder: Path, *, partnership: str = PARTNERSHIP, meetings: str = MEETINGS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "partnership.toml").write_text(partnership, encoding="utf-8")
    (folder / "meetings").mkdir(exist_ok=True)
    (folder / "meetings" / "2019-20.toml").write_text(meetings, encoding="utf-8")
    return folder


def _broken(folder: Path) -> Path:
    """The partnership with one problem of each kind, each in the file that holds it."""
    partnership = PARTNERSHIP.replace('email = "lead@testford.example"\npublic = true\n', "")
    partnership = partnership.replace('phone = "01234 567890"\n', "")
    meetings = MEETINGS.replace(', postcode = "TE1 1ST"', "").replace(
        'attendance = "online"', 'attendance = "mixed"'
    )
    return _partnership(folder, partnership=partnership, meetings=meetings)


def _expected(folder: Path) -> list[str]:
    meetings, main = folder / "meetings" / "2019-20.toml", folder / "partnership.toml"
    return [
        f"{main}: plans[1].priorities[0].lead.public: the lead officer of the priority "
        "“Domestic abuse” is not shown to the public: set public = true, with an email or phone "
        "residents may use [priority-leads]",
        f"{main}: plans[1].priorities[1].lead: give the lead officer of the priority "
        "“Exploitation” an email or phone [priority-leads]",
        f"{meetings}: meetings[0].venue.postcode: Guildhall has no postcode: give one, so the "
        "public can find the meeting on Thursday 17 October 2019 [venue-postcodes]",
        f"{meetings}: meetings[1].venue: the meeting on Thursday 14 November 2019 is held in "
        "person but has no venue: give [venue] with its name, address and postcode, so the "
        "public can find it [venue-postcodes]",
    ]


# -- The tests -------------------------------------------------------------------------------


class TestInstalled:
    def test_csp_plugins_lists_them_beside_the_built_in_ones(self, installed: Path) -> None:
        """`csp plugins`, every plugin loaded: each example with its version and what it adds."""
        result = _csp(installed, "plugins", only=None)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        for expected in (
            "agencies: csp-agencies 1.0.0",
            "  command csp agencies: list the agencies taking part in the partnership on a day",
            "local-checks: csp-local-checks 1.0.0",
            "  data check priority-leads: every priority of the current plan has a lead officer "
            "the public can contact",
            "  data check venue-postcodes: every public meeting held in person has a venue with "
            "a postcode",
            "meetings-json: csp-meetings-json 1.0.0",
            "  publisher meetings-json: public meetings as JSON",
            "    option indent (default '2'): spaces to indent the JSON by",
        ):
            assert expected in lines, result.stdout
        assert {"ical", "rss", "html"} <= {line.split(":")[0] for line in lines}

    def test_csp_help_lists_the_command(self, installed: Path) -> None:
        """The command joins the built-in ones in `csp --help`."""
        result = _csp(installed, "--help")
        assert result.returncode == 0
        assert re.search(r"^ {4}agencies +list the agencies", result.stdout, re.MULTILINE)

    def test_not_installed_in_this_environment(self) -> None:
        """The tests' own environment has no example plugin: other tests rely on that."""
        plugins = load_plugins()
        assert not set(PLUGINS) & {plugin.name for plugin in plugins.installed()}
        assert not plugins.data_checks
        # The only command a built-in plugin adds: csp-email's.
        assert set(plugins.commands) <= {"email-send"}

    def test_examples_import_only_the_public_api(self) -> None:
        """Each example imports csp_core's root and nothing under it."""
        sources = sorted(EXAMPLES.glob("*/src/**/*.py"))
        assert len(sources) >= 2
        for source in sources:
            tree = ast.parse(source.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module:
                    assert not node.module.startswith("csp_core."), (source, node.module)
                if isinstance(node, ast.Import):
                    assert not any(a.name.startswith("csp_core.") for a in node.names), source


class TestDataChecks:
    def test_validate_reports_each_problem_located_and_named(
        self, installed: Path, tmp_path: Path
    ) -> None:
        """`csp validate`: FILE: path: message [check-name] per problem, in the right file; 2."""
        folder = _broken(tmp_path / "broken")
        result = _csp(installed, "validate", folder)
        assert result.returncode == 2, result.stdout + result.stderr
        assert result.stdout.splitlines() == _expected(folder)
        assert result.stderr == f"4 problems found in {folder}\n"

    def test_validate_passes_data_that_keeps_the_rules(
        self, installed: Path, tmp_path: Path
    ) -> None:
        """Online, cancelled and private meetings need no venue, nor an old plan public leads."""
        folder = _partnership(tmp_path / "kept")
        result = _csp(installed, "validate", folder)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.startswith(f"{folder}: valid. Testshire Community Safety")

    def test_validate_without_the_plugin_passes_the_same_data(
        self, installed: Path, tmp_path: Path
    ) -> None:
        """The problems are the plugin's: without it the broken partnership is valid."""
        folder = _broken(tmp_path / "broken")
        result = _csp(installed, "validate", folder, only="agencies")
        assert result.returncode == 0, result.stdout + result.stderr

    def test_status_lists_them_and_strict_fails(self, installed: Path, tmp_path: Path) -> None:
        """`csp status` shows the problems in a section of their own; `--strict` exits 1."""
        folder = _broken(tmp_path / "broken")
        at = "2019-10-01T09:00"
        result = _csp(installed, "status", folder, "--at", at)
        assert result.returncode == 0, result.stderr
        section = result.stdout.split("\nThe partnership's own checks (4)\n", 1)[1]
        assert section.splitlines() == [f"  {line}" for line in _expected(folder)]
        strict = _csp(installed, "status", folder, "--at", at, "--strict")
        assert strict.returncode == 1
        assert "4 problems found by the partnership's own checks" in strict.stderr
        data = json.loads(_csp(installed, "status", folder, "--at", at, "--format", "json").stdout)
        assert [p["path"] for p in data["local_checks"]] == [
            "plans[1].priorities[0].lead.public",
            "plans[1].priorities[1].lead",
            "meetings[0].venue.postcode",
            "meetings[1].venue",
        ]

    def test_status_of_data_that_keeps_the_rules(self, installed: Path, tmp_path: Path) -> None:
        """No section for the partnership's own checks when they find nothing."""
        folder = _partnership(tmp_path / "kept")
        result = _csp(installed, "status", folder, "--at", "2019-10-01T09:00")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "own checks" not in result.stdout


class TestAgenciesCommand:
    def test_text_on_the_day_of_the_seed_meeting(self, installed: Path) -> None:
        """The three groups with their counts, and each spell's dates."""
        result = _csp(installed, "agencies", CAMBRIDGE, "--at", "2019-10-17")
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert (
            lines[0]
            == "Cambridge Community Safety Partnership: 14 agencies on Thursday 17 October 2019"
        )
        headings = [line for line in lines if line and not line.startswith(" ")][1:]
        assert headings == [
            "Responsible authorities (6)",
            "Other members (7)",
            "Attending, not members (1)",
        ]
        assert (
            "  Cambridgeshire and Peterborough Clinical Commissioning Group (CCG): health, "
            "since before the records, until 30 June 2022"
        ) in lines
        assert "  Cambridgeshire Constabulary: police, since before the records" in lines
        assert lines[-1] == (
            "  Office of the Cambridgeshire Police and Crime Commissioner (OPCC): police, "
            "attendee since before the records"
        )

    def test_csv_after_the_health_and_probation_changes(self, installed: Path) -> None:
        """On 1 July 2022 the ICB and the Probation Service are members; CCG and CRC are gone."""
        result = _csp(installed, "agencies", CAMBRIDGE, "--at", "2022-07-01", "--format", "csv")
        assert result.returncode == 0, result.stderr
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        ids = [row["id"] for row in rows]
        assert "icb" in ids
        assert "probation-service" in ids
        assert not {"ccg", "bench-crc"} & set(ids)
        statutory = [row["id"] for row in rows if row["responsible_authority"] == "true"]
        assert ids[: len(statutory)] == statutory
        assert len(statutory) == 6
        icb = rows[ids.index("icb")]
        assert (icb["role"], icb["since"], icb["until"], icb["sector"]) == (
            "member",
            "2022-07-01",
            "",
            "health",
        )
        assert rows[-1]["role"] == "attendee"

    @pytest.mark.parametrize(
        ("at", "probation"),
        [
            ("2021-06-25T23:30", "bench-crc"),  # partnership time: still 25 June
            ("2021-06-25T23:30:00+00:00", "probation-service"),  # 00:30 BST on 26 June
        ],
    )
    def test_a_moment_is_read_in_the_partnership_zone(
        self, installed: Path, at: str, probation: str
    ) -> None:
        """A date-time with an offset falls on the partnership's day, which may be the next."""
        result = _csp(installed, "agencies", CAMBRIDGE, "--at", at, "--format", "csv")
        assert result.returncode == 0, result.stderr
        rows = csv.DictReader(io.StringIO(result.stdout))
        assert [r["id"] for r in rows if r["sector"] == "probation"] == [probation]

    def test_a_path_that_is_not_a_partnership(self, installed: Path, tmp_path: Path) -> None:
        """The core reports the data problem, as for its own commands, and exits 2."""
        missing = tmp_path / "nowhere"
        result = _csp(installed, "agencies", missing)
        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr.splitlines() == [
            f"{missing}: no such file or folder",
            f"csp: 1 problem found in {missing}; nothing done",
        ]

    def test_a_bad_day_is_one_line(self, installed: Path) -> None:
        """A `--at` that is not ISO: one line naming it, exit 2, before the data is read."""
        result = _csp(installed, "agencies", "/nowhere", "--at", "next Thursday")
        assert result.returncode == 2
        assert result.stderr == "csp: --at: 'next Thursday' is not an ISO date such as 2019-10-17\n"


class TestGuidePlugin:
    def test_it_is_short(self) -> None:
        """A complete third-party publisher, written from the guide alone, in under 30 lines."""
        _, module = _guide_blocks()
        assert len(module.splitlines()) < 30

    def test_it_builds_with_its_option(self, installed: Path, tmp_path: Path) -> None:
        """`csp build --only meetings-json --option meetings-json.indent=4`: the meetings."""
        out = tmp_path / "out"
        result = _csp(
            installed,
            *("build", CAMBRIDGE, "--out", out, "--at", "2019-10-01T09:00"),
            *("--only", "meetings-json", "--option", "meetings-json.indent=4"),
        )
        assert result.returncode == 0, result.stderr
        text = (out / "data" / "meetings.json").read_text(encoding="utf-8")
        meetings = json.loads(text)
        assert text.startswith('[\n    {\n        "id": ')
        assert meetings[0]["start"] == "2018-02-13T10:00:00+00:00"
        assert len(meetings) == 7

    def test_a_bad_option_value_is_refused_before_it_runs(
        self, installed: Path, tmp_path: Path
    ) -> None:
        """The core parses the typed option: exit 2, naming the publisher and the option."""
        result = _csp(
            installed,
            *("build", CAMBRIDGE, "--out", tmp_path / "out", "--at", "2019-10-01T09:00"),
            *("--only", "meetings-json", "--option", "meetings-json.indent=nine"),
        )
        assert result.returncode == 2
        assert "meetings-json" in result.stderr
        assert "indent" in result.stderr
        assert not (tmp_path / "out").exists()
