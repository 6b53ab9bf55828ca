"""Upcoming public meetings across several partnerships, soonest first.

Run it from the repository root::

    python examples/api/upcoming.py 2019-10-01T00:00+01:00
    python examples/api/upcoming.py 2025-06-01T09:00Z examples/cambridge

Each partnership is read as the public sees it at the instant (``csp_core.public_view``):
private meetings and whatever is not yet announced never appear.  Without folders, it reads the
two examples, Cambridge and Conwy and Denbighshire.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import csp_core
from csp_core import Meeting, PublicView

EXAMPLES = Path(__file__).resolve().parent.parent
DEFAULT = (EXAMPLES / "cambridge", EXAMPLES / "conwy-denbighshire")


def upcoming(views: list[PublicView], limit: int) -> list[tuple[PublicView, Meeting]]:
    """The next ``limit`` public meetings of all the views, soonest first (then by id)."""
    found = [(view, meeting) for view in views for meeting in view.upcoming()]
    found.sort(key=lambda pair: (pair[1].start.astimezone(dt.UTC), pair[0].partnership.id))
    return found[:limit]


def line(view: PublicView, meeting: Meeting) -> str:
    """One meeting: when (in the partnership's time zone), whose, what, and if it goes ahead."""
    start = meeting.start.astimezone(view.partnership.timezone)
    when = f"{start:%Y-%m-%d %H:%M}"
    note = "" if view.goes_ahead(meeting) else f" [{meeting.status}]"
    return f"{when}  {view.partnership.id}  {meeting.title}{note}"


def main() -> None:
    """Print the upcoming meetings of the partnerships given (or the two examples)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("at", type=dt.datetime.fromisoformat, help="an instant with its offset")
    parser.add_argument("folders", nargs="*", type=Path, default=list(DEFAULT))
    parser.add_argument("--limit", type=int, default=10, help="how many meetings (10)")
    arguments = parser.parse_args()
    at: dt.datetime = arguments.at
    if at.utcoffset() is None:
        parser.error("give the instant with its offset, e.g. 2019-10-01T00:00+01:00")
    views = [csp_core.public_view(csp_core.load(folder), at) for folder in arguments.folders]
    for view, meeting in upcoming(views, arguments.limit):
        print(line(view, meeting))


if __name__ == "__main__":
    main()
