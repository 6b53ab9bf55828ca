"""The benchmark scripts still work (benchmarks/generate.py, raw.py, national.py).

Run at the smallest sizes only, to prove they run and that what they measure is what they say:
no timing is asserted (the numbers are in docs/performance.md, with the commands that make
them).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from csp_core import build_many, load_many
from csp_core.cli import main

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _script(name: str) -> ModuleType:
    """``benchmarks/<name>.py`` as a module (they import each other by name, as scripts)."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.append(str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(f"_benchmark_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return _script("generate")


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_generated_county_validates_loads_and_builds(
    generate: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Eight partnerships: the eighth (index 7) is the Welsh one, in English and Welsh.
    county = tmp_path / "county"
    folders = generate.generate(county, 8, 1)
    assert [folder.parent for folder in folders] == [county] * 8
    for folder in folders:
        assert main(["validate", str(folder)]) == 0, capsys.readouterr()
    assert "warning" not in capsys.readouterr().err
    partnerships = load_many([county])
    assert len(partnerships) == 8
    assert any("cy" in each.languages for each in partnerships)
    assert all(each.series for each in partnerships)
    statuses = {meeting.status.value for each in partnerships for meeting in each.meetings}
    assert {"cancelled", "rescheduled"} <= statuses
    assert any(not body.public for each in partnerships for body in each.bodies)
    at = generate.default_now(1, 2025).replace(tzinfo=partnerships[0].timezone)
    result = build_many(partnerships, tmp_path / "out", at)
    assert result.ok
    assert (tmp_path / "out" / partnerships[0].id / "calendar.ics").is_file()


def test_same_seed_same_files(generate: ModuleType, tmp_path: Path) -> None:
    generate.generate(tmp_path / "a", 2, 2, seed=3)
    generate.generate(tmp_path / "b", 2, 2, seed=3)
    generate.generate(tmp_path / "c", 2, 2, seed=4)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_refuses_a_folder_with_files(generate: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    with pytest.raises(FileExistsError):
        generate.generate(tmp_path, 1, 1)


def test_raw_comparison_runs_like_for_like() -> None:
    lines = _script("raw").compare(1, 1)
    rows = {line.split(" | ")[0].strip("| ") for line in lines if " vs " in line}
    assert rows == {"ical vs icalendar", "rss vs feedgen", "html vs Jinja2"}
    # The raw libraries made the very same bytes: the comparison is like for like.
    assert all(line.endswith("| yes |") for line in lines if " vs " in line), lines


def test_national_run_reports(tmp_path: Path) -> None:
    lines = _script("national").run(1, 1, 16, 1, tmp_path)
    assert any(line.startswith("| peak memory, largest process |") for line in lines)
    assert lines[-1].startswith("Command: `csp build DIR/county --out DIR/out --jobs 1 --at ")
