"""The benchmark still runs: benchmarks/run.py at a tiny size, in a process of its own.

Only that it works and what it prints: no timing is asserted (the numbers live in
docs/performance.md, measured at 1,000 to 100,000 meetings with the command given there).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import csp_core

RUN = Path(__file__).parent.parent / "benchmarks" / "run.py"


def _run_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_run", RUN)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_runs_every_step_at_a_tiny_size() -> None:
    command = [sys.executable, str(RUN), "--sizes", "4,6", "--repeat", "1"]
    done = subprocess.run(
        [*command, "--check", "--factor", "1000"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")][1:]
    steps = ["load", "status", "view", "timeline", "build", "rebuild"]
    assert [(row.split(" | ")[0], row.split(" | ")[1]) for row in rows] == [
        (f"| {size}", step) for size in (4, 6) for step in steps
    ]
    for step in steps:
        assert f"{step}: CPU time per meeting x" in done.stdout


def test_the_synthetic_partnership_loads_with_its_changes(tmp_path: Path) -> None:
    """Thirty meetings: one in ten moved (3, 13, 23), one in twenty-five of the rest cancelled."""
    _run_module().write(tmp_path / "data", 30)
    partnership = csp_core.load(tmp_path / "data")
    assert len(partnership.meetings) == 30
    moved = [m.id for m in partnership.meetings if m.previous_start is not None]
    assert moved == ["m3", "m13", "m23"]
    assert [m.id for m in partnership.meetings if m.status == "cancelled"] == ["m7"]


def test_growth_is_time_per_meeting_at_the_largest_size_over_the_smallest() -> None:
    """What ``--check`` holds to ``--factor``: 0.4 s of CPU per meeting over 0.1 s is 4 times."""
    run = _run_module()
    rows = [
        {"size": 10, "step": "view", "cpu_seconds": 1.0, "peak_bytes": 0},
        {"size": 100, "step": "view", "cpu_seconds": 40.0, "peak_bytes": 0},
        {"size": 10, "step": "status", "cpu_seconds": 1.0, "peak_bytes": 0},
        {"size": 100, "step": "status", "cpu_seconds": 9.0, "peak_bytes": 0},
    ]
    assert run.growth(rows) == pytest.approx({"view": 4.0, "status": 0.9})
