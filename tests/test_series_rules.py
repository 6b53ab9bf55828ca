"""Every rule, ``csp status`` and the public view apply to each meeting of a repeating series.

A worked example, dates computed by hand: a monthly series on the third Thursday, one meeting
cancelled, one moved, one date an exception (docs/rules.md, docs/public-view.md).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from csp_core import ChangeKind, MeetingStatus, Partnership, Standing, load, public_view
from csp_core.cli import main
from csp_core.model._checks import utc
from csp_core.rules import status
from csp_core.rules.timeline import timeline
from tests.data import partnership_header

LONDON = ZoneInfo("Europe/London")

# The third Thursday of each month at 10:00, six dates from 18 September 2025 (1 September is a
# Monday, so its Thursdays are the 4th, 11th and 18th): 18 September; 16 October (1 October is a
# Wednesday: 2, 9, 16); 20 November (1 November a Saturday: 6, 13, 20); 18 December (1 December
# a Monday: 4, 11, 18), an exception (Christmas week); 15 January 2026 (1 January a Thursday: 1,
# 8, 15), moved to Thursday 22 January, announced on Friday 2 January; 19 February (1 February
# a Sunday: 5, 12, 19).  The November meeting is cancelled, announced on Saturday 1 November.
# The series was announced on Monday 1 September 2025 at 09:00.
SERIES = """
[[bodies]]
id = "asb"
name = "Anti-social Behaviour Group"
kind = "sub-group"

[[series]]
id = "asb"
body = "asb"
title = "Anti-social Behaviour Group meeting"
start = 2025-09-18T10:00:00
end = 2025-09-18T11:30:00
rule = "FREQ=MONTHLY;BYDAY=3TH;COUNT=6"
exceptions = [2025-12-18]
announced = 2025-09-01T09:00:00

[[series.occurrences]]
date = 2025-09-18

[[series.occurrences.documents]]
id = "asb-sep-draft"
kind = "draft-agenda"
title = "Draft agenda"
url = "https://example.org/asb/sep-draft.pdf"
published = 2025-09-02T12:00:00

[[series.occurrences.documents]]
id = "asb-sep-agenda"
kind = "agenda"
title = "Agenda"
url = "https://example.org/asb/sep-agenda.pdf"
published = 2025-09-10T12:00:00

[[series.occurrences.documents]]
id = "asb-sep-minutes"
kind = "minutes"
title = "Minutes"
url = "https://example.org/asb/sep-minutes.pdf"
published = 2025-10-28T12:00:00

[[series.occurrences]]
date = 2025-11-20
status = "cancelled"
status_note = "Cancelled: not enough members could attend."
changes = [{ at = 2025-11-01T10:00:00, what = ["status"] }]

[[series.occurrences]]
date = 2026-01-15
start = 2026-01-22T10:00:00
status_note = "Moved to Thursday 22 January."
changes = [{ at = 2026-01-02T09:00:00, what = ["time"], note = "Moved to Thursday 22 January." }]

[[series.occurrences.documents]]
id = "asb-jan-draft"
kind = "draft-agenda"
title = "Draft agenda"
url = "https://example.org/asb/jan-draft.pdf"
published = 2026-01-07T12:00:00
"""


@pytest.fixture(scope="module")
def partnership(tmp_path_factory: pytest.TempPathFactory) -> Partnership:
    return load(_folder(tmp_path_factory.mktemp("series")))


def _folder(path: Path) -> Path:
    (path / "partnership.toml").write_text(partnership_header(), encoding="utf-8")
    (path / "series.toml").write_text(SERIES, encoding="utf-8")
    return path


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=LONDON)


def test_the_meetings_of_the_series(partnership: Partnership) -> None:
    meetings = {m.id: m for m in partnership.meetings}
    assert sorted(meetings) == [
        "asb-2025-09-18",
        "asb-2025-10-16",
        "asb-2025-11-20",
        "asb-2026-01-15",
        "asb-2026-02-19",
    ]
    assert meetings["asb-2026-01-15"].start == _at("2026-01-22T10:00")
    assert meetings["asb-2026-01-15"].status is MeetingStatus.RESCHEDULED


def test_status_duties_per_meeting(partnership: Partnership) -> None:
    # Monday 12 January 2026, 09:00 GMT.  England: five clear working days' notice of the agenda
    # (the day of publication and the meeting's day do not count); the draft agenda 14 days
    # before; minutes 10 working days after the next meeting of the body that goes ahead.
    report = status(partnership, _at("2026-01-12T09:00"))
    found = {
        state.duty.id: (state.duty.deadline.isoformat(), state.standing)
        for state in report.duties
        if state.duty.subject.startswith("asb-")
    }
    assert found == {
        # 18 September: draft agenda by Thursday 4 September (published 2 September); agenda by
        # Wednesday 10 September (clear days 11, 12, 15, 16, 17; published 10 September);
        # minutes 10 working days after 16 October, the next meeting: 17, 20-24, 27-30 October
        # -> Thursday 30 October (published 28 October).
        "meeting/asb-2025-09-18/draft-agenda": ("2025-09-04", Standing.ON_TIME),
        "meeting/asb-2025-09-18/agenda": ("2025-09-10", Standing.ON_TIME),
        "meeting/asb-2025-09-18/minutes": ("2025-10-30", Standing.ON_TIME),
        # 16 October: draft agenda by Thursday 2 October, agenda by Wednesday 8 October (clear
        # days 9, 10, 13, 14, 15): never published, overdue.  Its minutes: November's meeting
        # was cancelled and 18 December is not a meeting, so the next that goes ahead is the
        # moved January one, Thursday 22 January: 10 working days after it, 23, 26-30 January,
        # 2-5 February -> Thursday 5 February, more than 14 days away: pending.
        "meeting/asb-2025-10-16/draft-agenda": ("2025-10-02", Standing.OVERDUE),
        "meeting/asb-2025-10-16/agenda": ("2025-10-08", Standing.OVERDUE),
        "meeting/asb-2025-10-16/minutes": ("2026-02-05", Standing.PENDING),
        # 20 November, cancelled: no duties.  18 December: no meeting.
        # 15 January, moved to Thursday 22 January: every duty counts from the new start.  The
        # draft agenda by Thursday 8 January (published 7 January); the agenda by Wednesday
        # 14 January (clear days 15, 16, 19, 20, 21), due within the 14 days; at its old date it
        # would have been due by Wednesday 7 January, and overdue.
        "meeting/asb-2026-01-15/draft-agenda": ("2026-01-08", Standing.ON_TIME),
        "meeting/asb-2026-01-15/agenda": ("2026-01-14", Standing.DUE_SOON),
        # Its minutes: 10 working days after the next meeting, Thursday 19 February: 20,
        # 23-27 February, 2-5 March -> Thursday 5 March.
        "meeting/asb-2026-01-15/minutes": ("2026-03-05", Standing.PENDING),
        # 19 February: draft agenda by Thursday 5 February, agenda by Wednesday 11 February
        # (clear days 12, 13, 16, 17, 18): both more than 14 days away.  Its minutes wait for
        # a next meeting: there is none yet.
        "meeting/asb-2026-02-19/draft-agenda": ("2026-02-05", Standing.PENDING),
        "meeting/asb-2026-02-19/agenda": ("2026-02-11", Standing.PENDING),
    }
    # The next meetings: the moved January one at its new time, then February's.
    assert [(m.id, m.start) for m in report.next_meetings[:2]] == [
        ("asb-2026-01-15", _at("2026-01-22T10:00")),
        ("asb-2026-02-19", _at("2026-02-19T10:00")),
    ]


def test_csp_status_names_each_meeting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    assert main(["status", str(folder), "--at", "2026-01-12T09:00", "--format", "json"]) in {0, 1}
    data = json.loads(capsys.readouterr().out)
    ids = {duty["id"] for duty in data["duties"]}
    assert "meeting/asb-2026-01-15/agenda" in ids
    assert not any("asb-2025-11-20" in duty_id for duty_id in ids)
    assert not any("asb-2025-12-18" in duty_id for duty_id in ids)


def test_nothing_of_the_series_before_its_announcement(partnership: Partnership) -> None:
    # A minute before Monday 1 September 2025, 09:00 BST.
    view = public_view(partnership, _at("2025-09-01T08:59"))
    assert view.partnership.series == ()
    assert not any(m.id.startswith("asb-") for m in view.partnership.meetings)
    assert not any("asb-" in event.id for event in view.timeline)
    assert not any(state.duty.subject.startswith("asb-") for state in view.duties)


def test_the_series_from_its_announcement(partnership: Partnership) -> None:
    view = public_view(partnership, _at("2025-09-01T09:00"))
    (series,) = view.partnership.series
    assert series.id == "asb"
    assert series.occurrences == ()  # each meeting carries what of its occurrence is public
    shown = {m.id: m for m in view.partnership.meetings if m.series is not None}
    assert sorted(shown) == [
        "asb-2025-09-18",
        "asb-2025-10-16",
        "asb-2025-11-20",
        "asb-2026-01-15",
        "asb-2026-02-19",
    ]
    # Before their changes were announced, November's goes ahead and January's is on the 15th.
    assert shown["asb-2025-11-20"].status is MeetingStatus.SCHEDULED
    assert shown["asb-2025-11-20"].status_note is None
    assert shown["asb-2026-01-15"].start == _at("2026-01-15T10:00")
    assert shown["asb-2026-01-15"].changes == ()
    # No document is public before it is published.
    assert all(not m.documents for m in shown.values())


def test_a_cancellation_from_its_announcement(partnership: Partnership) -> None:
    before = public_view(partnership, _at("2025-11-01T09:59"))
    assert before.partnership.meeting("asb-2025-11-20").status is MeetingStatus.SCHEDULED
    after = public_view(partnership, _at("2025-11-01T10:00"))
    cancelled = after.partnership.meeting("asb-2025-11-20")
    assert cancelled.status is MeetingStatus.CANCELLED
    assert cancelled.status_note == "Cancelled: not enough members could attend."
    assert [change.what for change in cancelled.changes] == [(ChangeKind.STATUS,)]


def test_a_move_carries_its_change_record(partnership: Partnership) -> None:
    before = public_view(partnership, _at("2026-01-02T08:59"))
    assert before.partnership.meeting("asb-2026-01-15").start == _at("2026-01-15T10:00")
    after = public_view(partnership, _at("2026-01-02T09:00"))
    moved = after.partnership.meeting("asb-2026-01-15")  # the same id
    assert moved.start == _at("2026-01-22T10:00")
    assert moved.previous_start == _at("2026-01-15T10:00")
    assert moved.status is MeetingStatus.RESCHEDULED
    assert [(c.at, c.what, c.note) for c in moved.changes] == [
        (_at("2026-01-02T09:00"), (ChangeKind.TIME,), "Moved to Thursday 22 January.")
    ]
    assert moved.series is not None
    assert moved.series.recurrence == _at("2026-01-15T10:00")
    # The news announces the move from the moment it was announced.
    events = [e for e in timeline(after.partnership, after.at) if e.subject == "asb-2026-01-15"]
    assert any(utc(e.at) == utc(_at("2026-01-02T09:00")) for e in events)


def test_the_ids_are_the_same_at_every_instant(partnership: Partnership) -> None:
    instants = ["2025-09-01T09:00", "2025-11-02T09:00", "2026-01-05T09:00", "2026-03-01T09:00"]
    ids = [
        sorted(m.id for m in public_view(partnership, _at(at)).partnership.meetings)
        for at in instants
    ]
    assert all(found == ids[0] for found in ids)
