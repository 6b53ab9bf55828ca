"""Benchmarks: how loading, status, the public view, the timeline and a build scale with meetings.

Run: ``python benchmarks/run.py [--sizes 1000,10000,100000] [--build-max 10000] [--check]``.

For each size it writes a synthetic partnership (one meeting file per meeting, from 2010 to
2039, up to 10,000 meetings a body: documents, moves, cancellations, withdrawals and
supplements; see :func:`write`) into a temporary folder, and measures each step in a fresh
Python process of its own (so the steps share no cache and each has its own peak memory):

- ``load``: :func:`csp_core.load` of the folder;
- ``status``: :func:`csp_core.rules.status` at 1 January 2040 (every duty settled);
- ``view``: :func:`csp_core.public.public_view` at the same instant (the public copy, the
  duties, the lapsed duties, every stamp);
- ``timeline``: :func:`csp_core.rules.timeline` of the whole partnership;
- ``build``: :func:`csp_core.build.build` with every installed publisher into a new folder;
- ``rebuild``: the same build again into that folder (reading the previous files back).

Before measuring, each process runs every step once on the first three meetings, so what is
set up once per process (imports, caches, compiled templates) is left out.  Time is the best
of ``--repeat`` runs (once beyond 5,000 meetings), wall (``time.perf_counter``) and CPU
(``time.process_time``, the steadier on a machine shared with other work); memory is the peak
resident size the step adds to its process (``ru_maxrss`` after the step less before it: the
loaded partnership is in the baseline, except for ``load``).  Both are printed per meeting, and
``--check`` exits non-zero when a step's CPU time per meeting at the largest size is more than
``--factor`` (3) times that at the smallest: a coarse guard against a quadratic step, not a
timing test.  The numbers are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

STEPS = ("load", "status", "view", "timeline", "build", "rebuild")
BUILDS = frozenset({"build", "rebuild"})

HEADER = """\
id = "bench"
name = "Benchmark Community Safety Partnership"
area = "Benchshire"

[contact]
address = ["Town Hall", "Benchford"]
postcode = "CB1 0JH"

"""

BODY = """\
[[bodies]]
id = "{body}"
name = "{name}"
"""

MEETING = """\
[[meetings]]
id = "m{n}"
body = "{body}"
title = "Meeting {n}"
start = {start}T{hour:02d}:00:00
end = {start}T{end:02d}:00:00
announced = {announced}T09:00:00
{change}
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

MOVED = """\
status = "rescheduled"
previous_start = {previous}T{hour:02d}:00:00
changes = [{{ at = {at}T12:00:00, what = ["time", "status"], note = "Moved two days later." }}]
"""

CANCELLED = """\
status = "cancelled"
changes = [{{ at = {at}T12:00:00, what = ["status"], note = "Cancelled." }}]
"""

DOCUMENT = """\
[[meetings.documents]]
id = "m{n}-{kind}{suffix}"
kind = "{kind}"
title = "{kind} for meeting {n}"
url = "https://example.org/m{n}-{kind}{suffix}.pdf"
published = {published}T09:00:00
{revisions}"""

REVISION = """\
revisions = [{{ kind = "{kind}", published = {published}T09:00:00, note = "{note}" }}]
"""


def _revision(kind: str, published: dt.date, note: str) -> str:
    return REVISION.format(kind=kind, published=published.isoformat(), note=note)


def _documents(n: int, position: int, day: dt.date, start: dt.date, *, cancelled: bool) -> str:
    """Meeting ``n``'s documents: a draft agenda, an agenda, two reports and (held) minutes.

    ``position`` is the meeting's place in its body, which chooses its revisions.
    """

    def document(kind: str, published: dt.date, suffix: str = "", revisions: str = "") -> str:
        return DOCUMENT.format(
            n=n, kind=kind, suffix=suffix, published=published, revisions=revisions
        )

    one = dt.timedelta(days=1)
    supplement = _revision("supplement", day - 6 * one, "Supplementary pack.")
    correction = _revision("correction", day - 4 * one, "Corrected table 1.")
    withdrawal = _revision("withdrawal", day - 3 * one, "Withdrawn.")
    documents = [
        document("draft-agenda", day - 14 * one),
        document("agenda", day - 8 * one, revisions=supplement if position % 20 == 5 else ""),
        document("report", day - 8 * one, "-1", correction if position % 7 == 2 else ""),
        document("report", day - 8 * one, "-2", withdrawal if position % 20 == 11 else ""),
    ]
    if not cancelled:
        documents.append(document("minutes", start + 20 * one))
    return "".join(documents)


#: Every body's meetings lie between these days (moves and minutes a few days after), so that
#: status and the view at 1 January 2040 find every duty settled, at every size.
FIRST, LAST = dt.date(2010, 1, 5), dt.date(2039, 6, 30)
#: A body has at most this many meetings (about one a day): larger sizes add bodies.
PER_BODY = 10_000


def write(folder: Path, meetings: int) -> None:
    """A partnership with ``meetings`` meetings from 2010 to 2039, some of them changed.

    Up to 10,000 meetings all belong to one board, spread evenly over the years (every 11 days
    at 1,000 meetings, about daily at 10,000); beyond, the meetings are shared out in turn
    among as many bodies as it takes (ten at 100,000), so one body's meetings grow tenfold from
    the smallest size to 10,000 and the whole partnership a hundredfold to 100,000.  Every
    meeting is announced six weeks ahead and has a venue, two agenda items, a draft agenda, an
    agenda, two reports and minutes.  In each body, one in ten moves two days later (announced
    ten days before its first date); one in twenty-five of the others is cancelled five days
    before (no minutes); one in twenty has its second report withdrawn, another one in twenty a
    supplement to its agenda, one in seven a corrected first report.
    """
    (folder / "meetings").mkdir(parents=True)
    bodies = max(1, -(-meetings // PER_BODY))
    each = -(-meetings // bodies)
    header = HEADER + "".join(
        BODY.format(body=f"body-{b}", name=f"Body {b}") for b in range(bodies)
    )
    (folder / "partnership.toml").write_text(header, encoding="utf-8")
    span = (LAST - FIRST).days
    for n in range(meetings):
        body, position = n % bodies, n // bodies
        day = FIRST + dt.timedelta(days=position * span // each)
        hour = 9 + body % 8
        start, change = day, ""
        # Chosen by the meeting's place in its body, so every body has the same mix.
        moved, cancelled = position % 10 == 3, position % 10 != 3 and position % 25 == 7
        if moved:
            start = day + dt.timedelta(days=2)
            at = day - dt.timedelta(days=10)
            change = MOVED.format(previous=day.isoformat(), at=at.isoformat(), hour=hour)
        if cancelled:
            change = CANCELLED.format(at=(day - dt.timedelta(days=5)).isoformat())
        text = MEETING.format(
            n=n,
            body=f"body-{body}",
            start=start.isoformat(),
            hour=hour,
            end=hour + 2,
            announced=(day - dt.timedelta(days=42)).isoformat(),
            change=change,
            documents=_documents(n, position, day, start, cancelled=cancelled),
        )
        (folder / "meetings" / f"m{n:06d}.toml").write_text(text, encoding="utf-8")


def repeats(size: int, repeat: int) -> int:
    """How many times to time a step: ``repeat`` up to 5,000 meetings, then once."""
    return repeat if size <= 5000 else 1


def _max_rss() -> int:
    """The process's peak resident size so far, in bytes (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def child(folder: Path, step: str, size: int, repeat: int) -> dict[str, float]:
    """Measure one step on the partnership in ``folder``: its best time and the memory it adds.

    Run in a process of its own (``--child``); returns what is printed as JSON.
    """
    import attrs  # noqa: PLC0415 - imported here so the baseline includes the imports

    import csp_core  # noqa: PLC0415
    from csp_core.build import build  # noqa: PLC0415
    from csp_core.public import public_view  # noqa: PLC0415
    from csp_core.rules import status, timeline  # noqa: PLC0415

    data = folder / "data"
    before = _max_rss()
    partnership = csp_core.load(data)
    at = dt.datetime(2040, 1, 1, tzinfo=partnership.timezone)
    out = folder / "out"
    builds = iter(range(1_000_000))

    def fresh() -> object:
        return build(partnership, out / str(next(builds)), at)

    steps: dict[str, Callable[[], object]] = {
        "load": lambda: csp_core.load(data),
        "status": lambda: status(partnership, at),
        "view": lambda: public_view(partnership, at),
        "timeline": lambda: timeline(partnership, at),
        "build": fresh,
        "rebuild": lambda: build(partnership, out / "0", at),
    }
    if step != "load":
        # A first run on three meetings: what is set up once per process (imports, caches,
        # compiled templates) is then in the baseline, not in the step's time and memory.
        small = attrs.evolve(partnership, meetings=partnership.meetings[:3])
        for warm in (status, public_view, timeline):
            warm(small, at)
        build(small, folder / "warm", at)
    if step == "rebuild":
        fresh()  # the previous build it reads back
    if step != "load":
        before = _max_rss()
    timings, cpu = [], []
    for _ in range(repeats(size, repeat)):
        started, processor = time.perf_counter(), time.process_time()
        steps[step]()
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - processor)
        if step == "build":
            shutil.rmtree(out, ignore_errors=True)
    peak = max(0, _max_rss() - before)
    return {"seconds": min(timings), "cpu_seconds": min(cpu), "peak_bytes": peak}


def measure(size: int, steps: Sequence[str], repeat: int) -> Iterator[dict[str, float | int | str]]:
    """Each step's measurement on a partnership of ``size`` meetings, one process per step.

    Each as soon as it is made: removing the meeting files afterwards takes a while.
    """
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        write(folder / "data", size)
        for step in steps:
            command = [sys.executable, __file__, "--child", str(folder), "--step", step]
            command += ["--sizes", str(size), "--repeat", str(repeat)]
            done = subprocess.run(  # noqa: S603 - our own command
                command, capture_output=True, text=True, check=False
            )
            if done.returncode != 0:
                sys.stderr.write(done.stderr)
                msg = f"{step} at {size} meetings failed (exit {done.returncode})"
                raise SystemExit(msg)
            found = json.loads(done.stdout)
            shutil.rmtree(folder / "out", ignore_errors=True)
            yield {"size": size, "step": step, **found}


def row(found: dict[str, float | int | str]) -> str:
    """One Markdown table row."""
    size, seconds, peak = int(found["size"]), float(found["seconds"]), float(found["peak_bytes"])
    cpu = float(found["cpu_seconds"])
    return (
        f"| {size:,} | {found['step']} | {seconds:.2f} s | {cpu:.2f} s | "
        f"{1000 * cpu / size:.3f} ms | {peak / 2**20:.1f} MiB | {peak / size / 1024:.1f} KiB |"
    )


def growth(rows: Sequence[dict[str, float | int | str]]) -> dict[str, float]:
    """Per step: CPU time per meeting at the largest size over that at the smallest."""
    ratios: dict[str, float] = {}
    for step in dict.fromkeys(str(found["step"]) for found in rows):
        mine = sorted((r for r in rows if r["step"] == step), key=lambda r: int(r["size"]))
        if len(mine) > 1:
            first, last = mine[0], mine[-1]
            per_first = float(first["cpu_seconds"]) / int(first["size"])
            per_last = float(last["cpu_seconds"]) / int(last["size"])
            ratios[step] = per_last / per_first if per_first > 0 else 1.0
    return ratios


def main(argv: Sequence[str] | None = None) -> None:
    """Print a Markdown table of each step's time and memory per size (and check growth)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,2000,5000", help="meetings, comma-separated")
    parser.add_argument("--steps", default=",".join(STEPS), help="of " + ",".join(STEPS))
    parser.add_argument("--repeat", type=int, default=3, help="timings per step (best kept)")
    parser.add_argument(
        "--build-max", type=int, default=None, help="build and rebuild only up to this size"
    )
    parser.add_argument("--check", action="store_true", help="fail on super-linear growth")
    parser.add_argument("--factor", type=float, default=3.0, help="growth --check allows")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--step", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    if args.child is not None:
        print(json.dumps(child(args.child, args.step, sizes[0], args.repeat)))
        return
    steps = [step for step in args.steps.split(",") if step]
    unknown = [step for step in steps if step not in STEPS]
    if unknown:
        parser.error(f"unknown steps {unknown}: choose from {', '.join(STEPS)}")
    print("| meetings | step | wall | CPU | CPU per meeting | peak memory added | per meeting |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    rows: list[dict[str, float | int | str]] = []
    for size in sizes:
        chosen = [
            s for s in steps if s not in BUILDS or args.build_max is None or size <= args.build_max
        ]
        for found in measure(size, chosen, args.repeat):
            print(row(found), flush=True)
            rows.append(found)
    ratios = growth(rows)
    print()
    for step, ratio in ratios.items():
        print(f"{step}: CPU time per meeting x{ratio:.2f} from the smallest size to the largest")
    grown = {step: ratio for step, ratio in ratios.items() if ratio > args.factor}
    if args.check and grown:
        steps_named = ", ".join(f"{step} (x{ratio:.2f})" for step, ratio in grown.items())
        msg = f"CPU time per meeting grew more than x{args.factor:g}: {steps_named}"
        raise SystemExit(msg)


if __name__ == "__main__":
    main()
