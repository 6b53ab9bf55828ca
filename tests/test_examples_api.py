"""The scripts of examples/api, run as a user runs them: each in a subprocess, its output checked.

``upcoming.py`` and ``overdue.py`` run with the environment's Python from the repository root;
the custom publisher (``examples/api/custom-publisher``) is built and installed by pip into a
temporary folder, as tests/test_example_plugins.py installs the example plugins (never into the
environment running the tests), and run through the real ``csp build``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.data import CAMBRIDGE, ROOT, partnership_header
from tests.test_example_plugins import INSTALL_TIMEOUT, _backend, _csp, _pip

API = ROOT / "examples" / "api"
WALES = ROOT / "examples" / "conwy-denbighshire"


def _script(name: str, *arguments: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, str(API / name), *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


# -- upcoming.py -------------------------------------------------------------------------------


def test_upcoming_lists_the_public_meetings_after_the_instant_soonest_first() -> None:
    # On 1 October 2019 Cambridge's next meetings are those of 17 October 2019 (11:15) and
    # 11 February 2020 (10:00); Conwy and Denbighshire's meetings of 2025-26 were announced on
    # 20 March 2025, so none of them is public yet.
    result = _script("upcoming.py", "2019-10-01T00:00+01:00")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2019-10-17 11:15  cambridge  Cambridge Community Safety Partnership meeting",
        "2020-02-11 10:00  cambridge  Cambridge Community Safety Partnership meeting",
    ]


def test_upcoming_shows_a_cancellation_once_it_is_public() -> None:
    # The board meeting of 17 July 2025 was cancelled on 8 July 2025 (its change record): on
    # 1 July it is listed as it then stood, on 16 July as cancelled.
    board = "Cyfarfod Bwrdd Partneriaeth Diogelwch Cymunedol Conwy a Sir Ddinbych"
    before = _script("upcoming.py", "2025-07-01T00:00+01:00", WALES, "--limit", "1")
    after = _script("upcoming.py", "2025-07-16T12:00+01:00", WALES, "--limit", "1")
    assert before.stdout.splitlines() == [f"2025-07-17 10:00  conwy-denbighshire  {board}"]
    assert after.stdout.splitlines() == [
        f"2025-07-17 10:00  conwy-denbighshire  {board} [cancelled]"
    ]


def test_upcoming_merges_partnerships_by_instant(tmp_path: Path) -> None:
    # A second partnership meeting on 14 November 2019, between Cambridge's two; its
    # development session is private, so it is never listed.
    other = tmp_path / "testshire"
    other.mkdir()
    (other / "partnership.toml").write_text(
        partnership_header(timezone="Europe/London")
        + """
[[meetings]]
id = "november"
body = "board"
title = "Board meeting"
start = 2019-11-14T14:00:00
attendance = "online"

[[meetings]]
id = "private"
body = "board"
title = "Development session"
start = 2019-11-01T10:00:00
public = false
""",
        encoding="utf-8",
    )
    result = _script("upcoming.py", "2019-10-01T00:00+01:00", CAMBRIDGE, other)
    assert result.returncode == 0, result.stderr
    assert [line.split("  ")[:2] for line in result.stdout.splitlines()] == [
        ["2019-10-17 11:15", "cambridge"],
        ["2019-11-14 14:00", "testshire"],
        ["2020-02-11 10:00", "cambridge"],
    ]


def test_upcoming_refuses_an_instant_without_an_offset() -> None:
    result = _script("upcoming.py", "2019-10-01T00:00")
    assert result.returncode == 2
    assert "offset" in result.stderr


# -- overdue.py --------------------------------------------------------------------------------


def test_overdue_nothing_overdue_in_october_2019() -> None:
    result = _script("overdue.py", "2019-10-15T12:00+01:00")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("cambridge: ")
    assert "0 overdue" in lines[0]
    assert lines[1].startswith("conwy-denbighshire: ")
    assert "overdue:" not in result.stdout


def test_overdue_names_each_overdue_duty_and_exits_1() -> None:
    # Cambridge's records stop in February 2020.  Its annual review for 2018 was published on
    # 1 November 2018: the next was due 12 months on, Friday 1 November 2019, which may be met
    # until the Sunday (the last day before the next working day): 3 November 2019.  Its last
    # strategic assessment was published on Monday 14 January 2019: the next was due on Tuesday
    # 14 January 2020.  On 1 June 2020 both are overdue, soonest deadline first.
    result = _script("overdue.py", "2020-06-01T12:00+01:00", CAMBRIDGE)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert "2 overdue" in lines[0]
    assert len(lines) == 3
    assert lines[1].startswith("  overdue: Annual review")
    assert "due by 2019-11-03" in lines[1]
    assert lines[2].startswith("  overdue: Strategic assessment")
    assert "due by 2020-01-14" in lines[2]


# -- custom-publisher --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The custom publisher as pip installs it (code, metadata, entry point), in a folder."""
    work = tmp_path_factory.mktemp("custom-publisher")
    source = shutil.copytree(
        API / "custom-publisher",
        work / "custom-publisher",
        ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"),
    )
    target = work / "site-packages"
    command = _pip("install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index")
    result = subprocess.run(
        [*command, "--target", str(target), str(source)],
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
        check=False,
        env=_backend(work),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def test_custom_publisher_is_listed(installed: Path) -> None:
    result = _csp(installed, "plugins", only="next-meetings")
    assert result.returncode == 0, result.stderr
    assert "next-meetings" in result.stdout


def test_custom_publisher_writes_the_next_meetings(installed: Path, tmp_path: Path) -> None:
    # Cambridge on 1 October 2019: its two next meetings, with their times from the data.
    out = tmp_path / "out"
    at = "2019-10-01T00:00+01:00"
    result = _csp(installed, "build", CAMBRIDGE, "--out", out, "--at", at, only="next-meetings")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "next-meetings.txt").read_text(encoding="utf-8") == (
        "Thursday 17 October 2019, 11:15 to 13:15: Cambridge Community Safety Partnership meeting\n"
        "Tuesday 11 February 2020, 10:00 to 12:30: Cambridge Community Safety Partnership meeting\n"
    )
    again = tmp_path / "again"
    option = ("--option", "next-meetings.count=1")
    result = _csp(
        installed, "build", CAMBRIDGE, "--out", again, "--at", at, *option, only="next-meetings"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert len((again / "next-meetings.txt").read_text(encoding="utf-8").splitlines()) == 1


def test_custom_publisher_in_each_language(installed: Path, tmp_path: Path) -> None:
    # Conwy and Denbighshire on 16 July 2025: the board meeting of 17 July, cancelled on 8 July,
    # then the task and finish group's of 9 September; Welsh at the top, English under en-gb/.
    out = tmp_path / "out"
    arguments = ("--at", "2025-07-16T12:00+01:00", "--option", "next-meetings.count=2")
    result = _csp(installed, "build", WALES, "--out", out, *arguments, only="next-meetings")
    assert result.returncode == 0, result.stdout + result.stderr
    welsh = (out / "next-meetings.txt").read_text(encoding="utf-8").splitlines()
    english = (out / "en-gb" / "next-meetings.txt").read_text(encoding="utf-8").splitlines()
    assert welsh[0].startswith("Dydd Iau 17 Gorffennaf 2025, 10:00 i 12:00: ")
    assert english == [
        "Thursday 17 July 2025, 10:00 to 12:00: Conwy and Denbighshire Community Safety "
        "Partnership Board meeting (Cancelled)",
        "Tuesday 9 September 2025, 10:00 to 11:30: Anti-social Behaviour Task and Finish Group "
        "meeting",
    ]
