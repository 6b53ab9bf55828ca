"""A small, type-checked tour of the csp-core API on the Cambridge example.

Run it from the repository root: ``python examples/usage.py``.  ``tox -e type`` checks it with
mypy --strict, so it stays in step with the library's types.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import csp_core
from csp_core import DocumentKind, Partnership, Role


def describe(partnership: Partnership, on: dt.date) -> list[str]:
    """Lines saying who took part in the partnership on a day and what it published."""
    lines = [f"{partnership.name} ({partnership.area}), {on:%d %B %Y}"]
    for agency in partnership.responsible_authorities_on(on):
        lines.append(f"  responsible authority: {agency.name}")
    for agency in partnership.agencies_on(on, Role.ATTENDEE):
        lines.append(f"  attends: {agency.name}")
    moment = dt.datetime.combine(on, dt.time(), tzinfo=partnership.timezone)
    upcoming = partnership.meetings_after(moment)
    if upcoming:
        meeting = upcoming[0]
        where = meeting.venue.one_line if meeting.venue else "venue to be confirmed"
        lines.append(f"  next meeting: {meeting.start:%A %d %B %Y, %H:%M}, {where}")
        agenda = meeting.document(DocumentKind.AGENDA)
        if agenda is not None and agenda.published is not None:
            lines.append(f"  agenda published: {agenda.published:%d %B %Y}")
    return lines


if __name__ == "__main__":
    cambridge = csp_core.load(Path(__file__).parent / "cambridge")
    print("\n".join(describe(cambridge, dt.date(2019, 10, 1))))
