"""Benchmarks: how load, rules, the public view and a full build scale with meetings.

Run: ``python benchmarks/run.py [--sizes 50,200,1000]``.  It writes a synthetic partnership
(one meeting file per meeting, each with a draft agenda, an agenda, two reports and minutes)
into a temporary folder, and times each step with ``time.perf_counter`` (best of 3).  The
numbers are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import csp_core
from csp_core.build import build
from csp_core.public import public_view
from csp_core.rules import status

HEADER = """\
id = "bench"
name = "Benchmark Community Safety Partnership"
area = "Benchshire"

[contact]
address = ["Town Hall", "Benchford"]
postcode = "CB1 0JH"

[[bodies]]
id = "board"
name = "Board"
"""

MEETING = """\
[[meetings]]
id = "m{n}"
body = "board"
title = "Board meeting {n}"
start = {start}T10:00:00
end = {start}T12:00:00
[meetings.venue]
name = "Guildhall"
address = ["Market Square", "Cambridge"]
postcode = "CB2 3QJ"
[[meetings.agenda]]
title = "Public questions"
[[meetings.agenda]]
title = "Performance report"
papers = ["m{n}-report-1"]
{documents}
"""

DOCUMENT = """\
[[meetings.documents]]
id = "m{n}-{kind}{suffix}"
kind = "{kind}"
title = "{kind} for meeting {n}"
url = "https://example.org/m{n}-{kind}{suffix}.pdf"
published = {published}T09:00:00
"""


def write(folder: Path, meetings: int) -> None:
    """A partnership with ``meetings`` meetings, roughly weekly from 2010."""
    (folder / "meetings").mkdir(parents=True)
    (folder / "partnership.toml").write_text(HEADER, encoding="utf-8")
    first = dt.date(2010, 1, 5)
    for n in range(meetings):
        day = first + dt.timedelta(days=7 * n)
        documents = [
            DOCUMENT.format(n=n, kind="draft-agenda", suffix="", published=day - dt.timedelta(14)),
            DOCUMENT.format(n=n, kind="agenda", suffix="", published=day - dt.timedelta(8)),
            DOCUMENT.format(n=n, kind="report", suffix="-1", published=day - dt.timedelta(8)),
            DOCUMENT.format(n=n, kind="report", suffix="-2", published=day - dt.timedelta(8)),
            DOCUMENT.format(n=n, kind="minutes", suffix="", published=day + dt.timedelta(20)),
        ]
        text = MEETING.format(n=n, start=day.isoformat(), documents="".join(documents))
        (folder / "meetings" / f"m{n:05d}.toml").write_text(text, encoding="utf-8")


def best(step: Callable[[], object], repeat: int = 3) -> float:
    """The best of ``repeat`` timings of ``step``, in seconds."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        timings.append(time.perf_counter() - started)
    return min(timings)


def measure(size: int) -> str:
    """One Markdown table row of timings for a partnership of ``size`` meetings."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "data"
        write(folder, size)
        partnership = csp_core.load(folder)
        at = dt.datetime(2040, 1, 1, tzinfo=partnership.timezone)
        out = Path(temporary) / "out"
        load_s = best(functools.partial(csp_core.load, folder))
        status_s = best(functools.partial(status, partnership, at))
        view_s = best(functools.partial(public_view, partnership, at))
        build_s = best(functools.partial(build, partnership, out, at))
    return (
        f"| {size} | {load_s:.3f} s | {status_s:.3f} s | {view_s:.3f} s | "
        f"{build_s:.3f} s | {1000 * build_s / size:.2f} ms |"
    )


def main() -> None:
    """Print a Markdown table of timings per size."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="50,200,1000")
    sizes = [int(size) for size in parser.parse_args().sizes.split(",")]
    print("| meetings | load | status | public view | build (all publishers) | build per meeting |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        print(measure(size))


if __name__ == "__main__":
    main()
