"""What is overdue across a county's partnerships at an instant.

Run it from the repository root::

    python examples/api/overdue.py 2019-10-15T12:00+01:00
    python examples/api/overdue.py 2025-10-01T09:00+01:00 examples/conwy-denbighshire

For each partnership, where its public publication duties stand at the instant (agendas,
minutes, plans, annual reviews: see docs/rules.md), then each overdue duty with the last day it
could have been met and how many working days have passed since.  The duties are read from the
public view (``csp_core.public_view``), as the public could check them: only what the public
knows of has a duty.  Exit code 1 when anything is overdue, so a scheduled job can warn.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import csp_core
from csp_core import PublicView, Standing

EXAMPLES = Path(__file__).resolve().parent.parent
DEFAULT = (EXAMPLES / "cambridge", EXAMPLES / "conwy-denbighshire")


def report(view: PublicView) -> list[str]:
    """A partnership's duties by standing, then its overdue ones, soonest deadline first."""
    counts = Counter(state.standing for state in view.duties)
    summary = ", ".join(f"{counts[standing]} {standing}" for standing in Standing)
    lines = [f"{view.partnership.id}: {summary}"]
    overdue = [state for state in view.duties if state.standing is Standing.OVERDUE]
    overdue.sort(key=lambda state: (state.duty.deadline, state.duty.id))
    for state in overdue:
        days = state.working_days_late
        lines.append(
            f"  overdue: {state.duty.title} (due by {state.last_day}, {days} working days ago)"
        )
    return lines


def main() -> int:
    """Print each partnership's report; 1 when anything is overdue, else 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("at", type=dt.datetime.fromisoformat, help="an instant with its offset")
    parser.add_argument("folders", nargs="*", type=Path, default=list(DEFAULT))
    arguments = parser.parse_args()
    at: dt.datetime = arguments.at
    if at.utcoffset() is None:
        parser.error("give the instant with its offset, e.g. 2019-10-15T12:00+01:00")
    views = [csp_core.public_view(csp_core.load(folder), at) for folder in arguments.folders]
    for view in views:
        print("\n".join(report(view)))
    overdue = any(state.standing is Standing.OVERDUE for view in views for state in view.duties)
    return 1 if overdue else 0


if __name__ == "__main__":
    sys.exit(main())
