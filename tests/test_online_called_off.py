"""A meeting called off has no link to join or watch: once its cancellation (or postponement)
is public, the view drops its join and webcast links (docs/public-view.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from csp_core import load, public_view
from tests.data import partnership_header
from tests.test_online import HYBRID

UTC = dt.UTC
JOIN = "https://teams.example/meet/9"

# Thursday 13 March 2025, 14:00 GMT, online with its join link public with the meeting;
# cancelled on Monday 10 March at 12:00 GMT.
CANCELLED = f"""
[[meetings]]
id = "teams"
body = "board"
title = "Board meeting"
start = 2025-03-13T14:00:00+00:00
attendance = "online"
announced = 2025-02-01T09:00:00+00:00
online = {{ join = "{JOIN}" }}
status = "{{status}}"
changes = [{{ at = 2025-03-10T12:00:00+00:00, what = ["status"] }}]
"""


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_the_link_goes_with_the_meeting(tmp_path: Path, status: str) -> None:
    path = tmp_path / "partnership.toml"
    path.write_text(
        partnership_header("Linkshire") + CANCELLED.replace("{status}", status), encoding="utf-8"
    )
    partnership = load(path)
    before = public_view(partnership, dt.datetime(2025, 3, 10, 11, tzinfo=UTC))
    meeting = before.partnership.meeting("teams")
    assert meeting.online is not None
    assert meeting.online.join == JOIN
    after = public_view(partnership, dt.datetime(2025, 3, 10, 13, tzinfo=UTC))
    assert after.partnership.meeting("teams").online is None


# Thursday 12 June 2025, 10:00 BST, hybrid and webcast, its recording published on 19 June; the
# record is later marked cancelled (20 June): the webcast link goes, the published recording
# stays (the feed announced it, and an announced item never vanishes).
RECORDED = (
    HYBRID
    + """status = "cancelled"
changes = [{ at = 2025-06-20T12:00:00+01:00, what = ["status"] }]
"""
)


def test_a_published_recording_stays(tmp_path: Path) -> None:
    path = tmp_path / "partnership.toml"
    path.write_text(partnership_header("Recordshire") + RECORDED, encoding="utf-8")
    partnership = load(path)
    view = public_view(partnership, dt.datetime(2025, 6, 21, tzinfo=UTC))
    online = view.partnership.meeting("hybrid").online
    assert online is not None
    assert (online.join, online.webcast) == (None, None)
    assert online.recording == "https://webcast.example/recording/7"
