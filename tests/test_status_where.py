"""`csp status` says where each next meeting is held: a venue, "… and online", "online", or
"venue to be confirmed" — never "venue to be confirmed" for a meeting held online."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from csp_core import load
from csp_core.reports import status_text
from csp_core.rules import status
from tests.data import partnership_header
from tests.test_online import HYBRID, TEAMS

# Thursday 8 May 2025: an in-person meeting with no venue yet, announced on 1 May.
NO_VENUE = """
[[meetings]]
id = "no-venue"
body = "board"
title = "Board meeting"
start = 2025-05-08T10:00:00+01:00
announced = 2025-05-01T09:00:00+01:00
"""

# Thursday 15 May 2025: online, its join link not given yet.
NO_LINK = """
[[meetings]]
id = "no-link"
body = "board"
title = "Board meeting"
start = 2025-05-15T10:00:00+01:00
attendance = "online"
announced = 2025-05-01T09:00:00+01:00
"""


def _where_lines(tmp_path: Path, meetings: str, at: dt.datetime) -> list[str]:
    path = tmp_path / "partnership.toml"
    path.write_text(partnership_header("Whereshire") + meetings, encoding="utf-8")
    partnership = load(path)
    text = status_text(partnership, status(partnership, at))
    lines = text.split("Next meetings\n", 1)[1].split("\n\n", 1)[0].splitlines()
    return [line.strip() for line in lines[1::2]]


def test_online_and_hybrid_meetings(tmp_path: Path) -> None:
    """On 1 March 2025 the Teams meeting (13 March) and the hybrid one (12 June) are next."""
    at = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    assert _where_lines(tmp_path, TEAMS + HYBRID, at) == [
        "online",
        "Guildhall, Market Square CB2 3QJ and online",
    ]


def test_a_meeting_without_a_venue_or_a_link(tmp_path: Path) -> None:
    """On 2 May 2025: 8 May has no venue yet; 15 May is online with no join link yet."""
    at = dt.datetime(2025, 5, 2, tzinfo=dt.UTC)
    assert _where_lines(tmp_path, NO_VENUE + NO_LINK, at) == [
        "venue to be confirmed",
        "online; joining details to be announced",
    ]
