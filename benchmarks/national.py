"""A national-scale build: P partnerships of M years, built as one county with ``--jobs``.

Run: ``nice -n 10 python benchmarks/national.py --partnerships 300 --years 10 --jobs 2``.

It writes a county of synthetic partnerships with ``benchmarks/generate.py`` (deterministic from
``--seed``) into a temporary folder (or ``--keep DIR``), runs ``csp build COUNTY --out OUT
--jobs N --at NOW`` in a child process, and prints, as Markdown: the partnerships, years,
meetings and documents, the data and output files, the wall time of the build, and its peak
memory, two ways:

- the largest single process (``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``: the ``csp``
  process or one of its workers, whichever was largest);
- the whole tree at once (the sum of the resident sets of ``csp`` and its workers, sampled
  from ``/proc`` every 0.2 s; Linux only, else not shown).

Then it loads every partnership again with ``csp_core.load_many`` (what ``csp validate``
checks) to count the meetings, and times that too.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import csp_core

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import default_now, generate

__all__ = ["main", "run"]


def _tree_rss(root: int) -> int:
    """The resident set, in bytes, of ``root`` and every process below it (0 if unknown)."""
    parents: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        parents[pid] = int(fields[1])
        sizes[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    members, changed = {root}, True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in members and pid not in members:
                members.add(pid)
                changed = True
    return sum(sizes.get(pid, 0) for pid in members)


class _Sampler(threading.Thread):
    """Samples the process tree's resident set until stopped; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak = pid, 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.2):
            self.peak = max(self.peak, _tree_rss(self.pid))


def run(partnerships: int, years: int, seed: int, jobs: int, folder: Path) -> list[str]:
    """Generate, build and measure; the report's Markdown lines."""
    county, out = folder / "county", folder / "out"
    now = default_now(years, 2025)
    started = time.perf_counter()
    generate(county, partnerships, years, seed=seed)
    generated = time.perf_counter() - started
    data_files = sum(1 for path in county.rglob("*") if path.is_file())
    command = [
        sys.executable, "-m", "csp_core", "build", str(county), "--out", str(out),
        "--jobs", str(jobs), "--at", f"{now:%Y-%m-%dT%H:%M}",
    ]  # fmt: skip
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603 - our own command
    sampler = _Sampler(child.pid)
    if Path("/proc").is_dir():
        sampler.start()
    code = child.wait()
    wall = time.perf_counter() - started
    sampler.stopped.set()
    if code != 0:
        msg = f"csp build exited {code}"
        raise SystemExit(msg)
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
    outputs = [path for path in out.rglob("*") if path.is_file()]
    size = sum(path.stat().st_size for path in outputs)

    started = time.perf_counter()
    loaded = csp_core.load_many([county])
    load_s = time.perf_counter() - started
    meetings = sum(len(each.meetings) for each in loaded)
    private = sum(1 for each in loaded for meeting in each.meetings if meeting.body == "tasking")
    documents = sum(len(meeting.documents) for each in loaded for meeting in each.meetings)
    per_meeting = 1000 * wall / meetings
    mib = 1024 * 1024
    shown = [
        "| measure | value |",
        "|---|---:|",
        f"| partnerships × years | {partnerships} × {years} (seed {seed}) |",
        f"| meetings (of which private) | {meetings} ({private}) |",
        f"| meeting documents | {documents} |",
        f"| data files | {data_files} |",
        f"| output files | {len(outputs)} ({size / mib:.0f} MiB) |",
        f"| generate | {generated:.1f} s |",
        f"| `csp build --jobs {jobs}` wall | {wall:.1f} s ({per_meeting:.2f} ms per meeting) |",
        f"| peak memory, largest process | {largest / mib:.0f} MiB |",
    ]
    if sampler.peak:
        shown.append(
            f"| peak memory, csp and its workers together | {sampler.peak / mib:.0f} MiB |"
        )
    shown.append(f"| load all (`load_many`, what `csp validate` checks) | {load_s:.1f} s |")
    shown.append("")
    shown.append("Command: `csp " + " ".join(command[3:]).replace(str(folder), "DIR") + "`")
    return shown


def main(argv: Sequence[str] | None = None) -> None:
    """Print the report of one national-scale run."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partnerships", type=int, default=300)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="write the data and the output here (new)")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        folder = arguments.keep or Path(temporary)
        lines = run(arguments.partnerships, arguments.years, arguments.seed, arguments.jobs, folder)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
