"""Repeating series of meetings (issue 14 item 5): the rule, its expansion and its checks.

A series gives a body's regular meetings once (an RFC 5545 RRULE); it expands into ordinary
meetings, each linked back (``Meeting.series``), with one-off changes (``occurrences``) and
dates with no meeting (``exceptions``).  docs/data-files.md, "Repeating series".
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from csp_core import (
    Body,
    ChangeKind,
    Contact,
    DataError,
    InvalidModel,
    Meeting,
    MeetingChange,
    MeetingStatus,
    Occurrence,
    Partnership,
    Series,
    SeriesLink,
    dump,
    load,
)
from csp_core.cli import main
from csp_core.limits import MAX_SERIES_MEETINGS
from csp_core.model._checks import utc
from tests.data import partnership_header
from tests.strategies import ZONES, examples

LONDON = ZoneInfo("Europe/London")


def london(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=LONDON)  # type: ignore[misc]


def asb(**fields: Any) -> Series:
    """The anti-social behaviour group: second Tuesdays, 10:00-11:30, September 2025 to August
    2026 (the Welsh example's series)."""
    given: dict[str, Any] = {
        "id": "asb-group",
        "body": "board",
        "title": "Anti-social Behaviour Task Group",
        "start": london(2025, 9, 9, 10),
        "end": london(2025, 9, 9, 11, 30),
        "rule": "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260831",
    }
    given.update(fields)
    return Series(**given)


def problems(**fields: Any) -> tuple[tuple[str, str], ...]:
    with pytest.raises(InvalidModel) as raised:
        asb(**fields)
    return raised.value.problems


def partnership(*series: Series, meetings: tuple[Meeting, ...] = ()) -> Partnership:
    return Partnership(
        id="testshire",
        name="Testshire Community Safety Partnership",
        area="Testshire",
        contact=Contact(address=("Town Hall",), postcode="CB1 0JH"),
        bodies=(Body(id="board", name="Board"),),
        series=series,
        meetings=(*meetings, *(meeting for one in series for meeting in one.meetings())),
    )


# -- expansion ---------------------------------------------------------------------------------


def test_second_tuesdays_keep_ten_oclock_across_the_clock_changes() -> None:
    # Second Tuesdays, by hand: 1 September 2025 is a Monday, so its Tuesdays are the 2nd and
    # the 9th; 1 October a Wednesday (7th, 14th); 1 November a Saturday (4th, 11th); 1 December
    # a Monday (2nd, 9th); 1 January 2026 a Thursday (6th, 13th); February and March start on a
    # Sunday (3rd, 10th); 1 April a Wednesday (14th); 1 May a Friday (12th); 1 June a Monday
    # (9th); 1 July a Wednesday (14th); 1 August a Saturday (11th).  UNTIL=20260831 ends it.
    # Clocks go back on 26 October 2025 and forward on 29 March 2026: 10:00 is 09:00 UTC in
    # summer time and 10:00 UTC in winter.
    series = asb()
    days = [
        (2025, 9, 9),
        (2025, 10, 14),
        (2025, 11, 11),
        (2025, 12, 9),
        (2026, 1, 13),
        (2026, 2, 10),
        (2026, 3, 10),
        (2026, 4, 14),
        (2026, 5, 12),
        (2026, 6, 9),
        (2026, 7, 14),
        (2026, 8, 11),
    ]
    assert series.starts() == tuple(london(*day, 10) for day in days)
    assert [start.astimezone(dt.UTC).hour for start in series.starts()] == [
        9, 9, 10, 10, 10, 10, 10, 9, 9, 9, 9, 9,
    ]  # fmt: skip
    meetings = series.meetings()
    assert [meeting.id for meeting in meetings] == [
        f"asb-group-{dt.date(*day).isoformat()}" for day in days
    ]
    for meeting, start in zip(meetings, series.starts(), strict=True):
        assert meeting.start == start
        assert meeting.end == start.replace(hour=11, minute=30)
        assert meeting.series == SeriesLink(series="asb-group", recurrence=start)
        assert meeting.body == "board"
        assert meeting.status is MeetingStatus.SCHEDULED


def test_ordinals_and_count() -> None:
    # The last Wednesday of each month, six times from 24 September 2025: 29 October, 26
    # November, 31 December, 28 January 2026, 25 February.
    series = asb(start=london(2025, 9, 24, 14), end=None, rule="FREQ=MONTHLY;BYDAY=-1WE;COUNT=6")
    assert [start.date() for start in series.starts()] == [
        dt.date(2025, 9, 24),
        dt.date(2025, 10, 29),
        dt.date(2025, 11, 26),
        dt.date(2025, 12, 31),
        dt.date(2026, 1, 28),
        dt.date(2026, 2, 25),
    ]
    assert all(meeting.end is None for meeting in series.meetings())


def test_weekly_yearly_monthday_and_until_with_a_time() -> None:
    # Every other Monday and Thursday from Monday 5 January 2026, until 09:00 UTC on 19 January:
    # Monday 5th, Thursday 8th, (not the week of the 12th), Monday 19th at 10:00 GMT is after
    # UNTIL (09:00 UTC), so it ends on the 8th.
    weekly = asb(
        start=london(2026, 1, 5, 10),
        end=None,
        rule="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20260119T090000Z",
    )
    assert [start.day for start in weekly.starts()] == [5, 8]
    # The 15th of March, June and September, three times.
    yearly = asb(
        start=london(2026, 3, 15, 18),
        end=None,
        rule="FREQ=YEARLY;BYMONTH=3,6,9;BYMONTHDAY=15;COUNT=3",
    )
    assert [(s.month, s.day) for s in yearly.starts()] == [(3, 15), (6, 15), (9, 15)]
    # An UNTIL date includes its whole day: the second Tuesday of August 2026 is the 11th.
    assert asb(rule="FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260811").starts()[-1] == london(2026, 8, 11, 10)
    # The last working day of the month (BYSETPOS): Friday 30 January, Friday 27 February.
    last = asb(
        start=london(2026, 1, 30, 16),
        end=None,
        rule="FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=2",
    )
    assert [start.date() for start in last.starts()] == [dt.date(2026, 1, 30), dt.date(2026, 2, 27)]


def test_a_time_the_clocks_skip_is_read_with_the_offset_before_the_gap() -> None:
    # Sundays at 01:30 from 15 March 2026.  On 29 March the clocks go from 01:00 GMT to 02:00
    # BST: 01:30 does not exist, and RFC 5545 (3.3.5) reads it with the offset before the gap,
    # GMT: 01:30 UTC, which is 02:30 BST.  The meeting lasts its hour: to 03:30 BST.
    series = asb(
        start=london(2026, 3, 15, 1, 30), end=london(2026, 3, 15, 2, 30), rule="FREQ=WEEKLY;COUNT=3"
    )
    third = series.meetings()[2]
    assert utc(third.start) == dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)
    assert (third.start.hour, third.start.minute) == (2, 30)
    assert third.end is not None
    assert utc(third.end) == dt.datetime(2026, 3, 29, 2, 30, tzinfo=dt.UTC)
    assert third.id == "asb-group-2026-03-29"
    assert third.series is not None
    assert third.series.recurrence == third.start


def test_a_time_that_happens_twice_is_the_first() -> None:
    # Sundays at 01:30 from 18 October 2026.  On 25 October the clocks go back from 02:00 BST to
    # 01:00 GMT: 01:30 happens twice, and RFC 5545 takes the first, BST (00:30 UTC).  On 1
    # November it is 01:30 GMT (01:30 UTC).
    series = asb(start=london(2026, 10, 18, 1, 30), end=None, rule="FREQ=WEEKLY;COUNT=3")
    assert [utc(start) for start in series.starts()] == [
        dt.datetime(2026, 10, 18, 0, 30, tzinfo=dt.UTC),
        dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC),
        dt.datetime(2026, 11, 1, 1, 30, tzinfo=dt.UTC),
    ]


def test_exceptions_and_occurrences() -> None:
    # Christmas week: no meeting on 9 December.  January's moves from Tuesday 13th to Thursday
    # 15th (announced on 2 January); February's is cancelled (announced on 1 February).
    moved = MeetingChange(at=london(2026, 1, 2, 9), what=(ChangeKind.TIME,), note="Room needed")
    cancelled = MeetingChange(at=london(2026, 2, 1, 9), what=(ChangeKind.STATUS,))
    series = asb(
        exceptions=(dt.date(2025, 12, 9),),
        occurrences=(
            Occurrence(date=dt.date(2026, 1, 13), start=london(2026, 1, 15, 14), changes=(moved,)),
            Occurrence(
                date=dt.date(2026, 2, 10),
                status=MeetingStatus.CANCELLED,
                status_note="Not quorate",
                changes=(cancelled,),
            ),
        ),
    )
    assert dt.date(2025, 12, 9) in series.dates()
    assert len(series.starts()) == 11
    assert london(2025, 12, 9, 10) not in series.starts()
    by_id = {meeting.id: meeting for meeting in series.meetings()}
    assert "asb-group-2025-12-09" not in by_id
    january = by_id["asb-group-2026-01-13"]  # the id of its original date, though it moved
    assert january.start == london(2026, 1, 15, 14)
    assert january.end == london(2026, 1, 15, 15, 30)  # as long as the others
    assert january.previous_start == london(2026, 1, 13, 10)
    assert january.status is MeetingStatus.RESCHEDULED
    assert january.changes == (moved,)
    assert january.series == SeriesLink(series="asb-group", recurrence=london(2026, 1, 13, 10))
    february = by_id["asb-group-2026-02-10"]
    assert february.status is MeetingStatus.CANCELLED
    assert february.status_note == "Not quorate"
    assert february.start == london(2026, 2, 10, 10)


def test_expansion_is_the_same_every_time() -> None:
    first, second = asb(), asb()
    assert first == second
    assert first.meetings() == second.meetings()
    assert first.starts() == second.starts()


# -- checks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=MONTHLY;BYDAY=2TU", "never ends: give the number of meetings (COUNT=12)"),
        ("FREQ=MONTHLY;BYDAY=2TU;COUNT=3;UNTIL=20260101", "give COUNT or UNTIL, not both"),
        ("FREQ=HOURLY;COUNT=3", "FREQ=HOURLY: a series repeats daily at most often"),
        ("FREQ=MINUTELY;COUNT=3", "a series repeats daily at most often"),
        ("FREQ=FORTNIGHTLY;COUNT=3", "is not DAILY, WEEKLY, MONTHLY or YEARLY"),
        ("BYDAY=2TU;COUNT=3", "say how often: FREQ="),
        ("FREQ=MONTHLY;BYDAY=2TU;COUNT=3;BYHOUR=10", "BYHOUR is not supported"),
        ("FREQ=YEARLY;BYWEEKNO=20;COUNT=3", "BYWEEKNO is not supported"),
        ("FREQ=MONTHLY;BYDAY=2TU;COUNT=3;COLOUR=RED", "'COLOUR' is not a rule part csp-core"),
        ("FREQ=MONTHLY;BYDAY=6TU;COUNT=3", "BYDAY=6TU: the number is 1 to 5 or -1 to -5"),
        ("FREQ=WEEKLY;BYDAY=2TU;COUNT=3", "a numbered day is for FREQ=MONTHLY or YEARLY only"),
        ("FREQ=MONTHLY;BYDAY=2XX;COUNT=3", "is not a day"),
        ("FREQ=MONTHLY;BYSETPOS=1;COUNT=3", "BYSETPOS picks among the days"),
        ("FREQ=MONTHLY;BYDAY=2TU;COUNT=0", "COUNT=0 is outside"),
        ("FREQ=MONTHLY;BYDAY=2TU;COUNT=5000", "gives more than 1000 meetings"),
        ("FREQ=DAILY;UNTIL=21000101", "gives more than 1000 meetings"),
        ("FREQ=MONTHLY;BYDAY=2TU;UNTIL=2026-08-31", "is not a date (20260831)"),
        ("FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260231", "is not a date (20260831)"),
        ("FREQ=MONTHLY;BYDAY=2TU;COUNT=3;COUNT=4", "gives COUNT twice"),
        ("FREQ=MONTHLY; BYDAY=2TU;COUNT=3", "has a space"),
        ("RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3", "without 'RRULE:'"),
        ("FREQ=MONTHLY;;COUNT=3", "is not a rule part: write NAME=VALUE"),
        ("FREQ=MONTHLY;INTERVAL=0;COUNT=3", "INTERVAL=0 is outside"),
        ("", "give a rule such as"),
        ("FREQ=MONTHLY;BYDAY=2TU;UNTIL=20250801", "gives no date from the start on (2025-09-09)"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2", "are its parts impossible together"),
    ],
)
def test_rules_csp_core_refuses(rule: str, message: str) -> None:
    found = problems(rule=rule)
    assert [path for path, _ in found] == ["rule"]
    assert message in found[0][1]


def test_the_start_is_the_first_date_of_the_rule() -> None:
    # Third Thursdays: 9 September 2025 is a Tuesday; the first third Thursday after it is the
    # 18th.
    assert problems(rule="FREQ=MONTHLY;BYDAY=3TH;COUNT=3") == (
        (
            "start",
            "2025-09-09 is not a date the rule gives; its first date is 2025-09-18: start the "
            "series on its first meeting",
        ),
    )


def test_dates_that_are_not_the_series_dates() -> None:
    change = MeetingChange(at=london(2026, 1, 2, 9), what=(ChangeKind.STATUS,))
    found = problems(
        exceptions=(dt.date(2025, 12, 9), dt.date(2025, 12, 10), dt.date(2025, 12, 9)),
        occurrences=(
            Occurrence(date=dt.date(2026, 1, 13)),
            Occurrence(date=dt.date(2026, 1, 14)),
            Occurrence(date=dt.date(2025, 12, 9)),
            Occurrence(
                date=dt.date(2026, 1, 13), status=MeetingStatus.CANCELLED, changes=(change,)
            ),
        ),
    )
    assert found == (
        (
            "exceptions[1]",
            "2025-12-10 is not a date of the series: its dates near it are 2025-12-09 and "
            "2026-01-13",
        ),
        ("exceptions[2]", "2025-12-09 is listed twice"),
        (
            "occurrences[1].date",
            "2026-01-14 is not a date of the series: its dates near it are 2026-01-13 and "
            "2026-02-10",
        ),
        (
            "occurrences[2].date",
            "2025-12-09 is also among the exceptions (no meeting that day): remove it from one of "
            'them (a cancelled meeting is an occurrence with status = "cancelled")',
        ),
        ("occurrences[3].date", "2026-01-13 has another occurrence before this one"),
    )


def test_every_date_an_exception() -> None:
    found = problems(rule="FREQ=MONTHLY;BYDAY=2TU;COUNT=1", exceptions=(dt.date(2025, 9, 9),))
    assert found == (("exceptions", "leave no meeting at all: is this series needed?"),)


def test_a_moved_or_cancelled_occurrence_needs_its_change_record() -> None:
    assert problems(
        occurrences=(
            Occurrence(date=dt.date(2025, 10, 14), status=MeetingStatus.CANCELLED),
            Occurrence(date=dt.date(2026, 1, 13), start=london(2026, 1, 15, 10)),
        )
    ) == (
        (
            "occurrences[0].status",
            "a cancelled meeting must record when that was announced: add a change with what = "
            '["status"]',
        ),
        (
            "occurrences[1].start",
            "moves the meeting of 13 January 2026, 10:00, to 15 January 2026, 10:00: record when "
            'that was announced (changes = [{ at = ..., what = ["time"] }])',
        ),
    )
    moved = MeetingChange(at=london(2026, 1, 2, 9), what=(ChangeKind.TIME,))
    assert problems(
        occurrences=(
            Occurrence(
                date=dt.date(2026, 1, 13),
                start=london(2026, 1, 15, 10),
                status=MeetingStatus.CANCELLED,
                changes=(moved,),
            ),
        )
    ) == (
        (
            "occurrences[0].status",
            "a moved meeting is rescheduled, not cancelled: to cancel it, leave its start as the "
            "series gives it",
        ),
    )


def test_a_meetings_problem_is_at_the_series_field_that_causes_it() -> None:
    # Announced on 1 October 2025: after the first meeting (9 September) started.
    assert problems(announced=london(2025, 10, 1, 9)) == (
        ("announced", "is after the series' first meeting starts"),
    )
    # An occurrence's end before its start: at the occurrence's end.
    assert problems(
        occurrences=(Occurrence(date=dt.date(2025, 10, 14), end=london(2025, 10, 14, 9)),)
    ) == (
        (
            "occurrences[0].end",
            "2025-10-14 09:00+01:00 is not after the start (2025-10-14 10:00+01:00)",
        ),
    )


def test_fields_for_one_meeting_are_refused_on_the_series() -> None:
    from csp_core import Online, Questions

    deadline = Questions(how="Email us", deadline=london(2025, 9, 8, 10))
    assert problems(questions=deadline)[0][0] == "questions.deadline"
    recording = Online(recording="https://example.org/r", recording_from=london(2025, 9, 10))
    assert problems(online=recording)[0][0] == "online.recording"
    assert problems(end=london(2025, 9, 9, 9)) == (("end", "is not after the start"),)
    assert problems(id="a" * 90)[0][0] == "id"


def test_field_path_of_a_meeting() -> None:
    moved = MeetingChange(at=london(2026, 1, 2, 9), what=(ChangeKind.TIME,))
    series = asb(
        occurrences=(
            Occurrence(date=dt.date(2025, 10, 14), title="October"),
            Occurrence(date=dt.date(2026, 1, 13), start=london(2026, 1, 15, 10), changes=(moved,)),
        )
    )
    assert series.field_path(dt.date(2025, 9, 9), "venue") == "venue"
    assert series.field_path(dt.date(2025, 10, 14), "title") == "occurrences[0].title"
    assert series.field_path(dt.date(2025, 10, 14), "venue") == "venue"
    assert series.field_path(dt.date(2026, 1, 13), "previous_start") == "occurrences[1].start"
    assert (
        series.field_path(dt.date(2026, 1, 13), "changes[0].at") == "occurrences[1].changes[0].at"
    )
    assert series.field_path(dt.date(2025, 10, 14), "documents[0].url") == "occurrences[0]"


# -- the partnership ---------------------------------------------------------------------------


def test_a_partnership_built_in_code() -> None:
    series = asb()
    built = partnership(series)
    assert built.series == (series,)
    assert len(built.meetings) == 12
    assert built.meeting("asb-group-2026-01-13").series == SeriesLink(
        series="asb-group", recurrence=london(2026, 1, 13, 10)
    )


def test_the_partnership_checks_its_series() -> None:
    series = asb(body="nobody")
    with pytest.raises(InvalidModel) as raised:
        partnership(series)
    # Once, at the series, not once per meeting.
    assert raised.value.problems == (
        ("series[0].body", "no body with id 'nobody' (bodies: board)"),
    )

    clash = Meeting(id="asb-group-2025-10-14", body="board", title="A", start=london(2025, 1, 1))
    with pytest.raises(InvalidModel) as raised:
        partnership(asb(), meetings=(clash,))
    assert raised.value.problems == (
        (
            "meetings[0].id",
            "'asb-group-2025-10-14' is also the id of the meeting of 2025-10-14 of the series "
            "'asb-group': give this meeting another id",
        ),
    )

    stray = attrs.evolve(
        asb().meetings()[0],
        id="stray",
        series=SeriesLink(series="gone", recurrence=london(2025, 9, 9, 10)),
    )
    wrong = attrs.evolve(
        asb().meetings()[0],
        id="wrong",
        series=SeriesLink(series="asb-group", recurrence=london(2025, 9, 10, 10)),
    )
    with pytest.raises(InvalidModel) as raised:
        partnership(asb(), meetings=(stray, wrong))
    assert [path for path, _ in raised.value.problems] == [
        "meetings[0].series.series",
        "meetings[1].series.recurrence",
    ]

    utc_series = asb(start=dt.datetime(2025, 9, 9, 9, tzinfo=dt.UTC), end=None)
    with pytest.raises(InvalidModel) as raised:
        partnership(utc_series)
    assert raised.value.problems == (
        (
            "series[0].start",
            "is in UTC, not the partnership's time zone Europe/London: a series repeats by the "
            "local clock",
        ),
    )

    with pytest.raises(InvalidModel) as raised:
        partnership(asb(), asb())
    assert ("series[1].id", "duplicate series id 'asb-group'") in raised.value.problems


# -- loading -----------------------------------------------------------------------------------

SERIES = """
# Third Thursdays, 10:00-11:30, six from 18 September 2025: 18 September, 16 October,
# 20 November, 18 December (an exception), 15 January 2026 (moved to the 22nd), 19 February.
[[series]]
id = "asb"
body = "board"
title = "ASB group"
start = 2025-09-18T10:00:00
end = 2025-09-18T11:30:00
rule = "FREQ=MONTHLY;BYDAY=3TH;COUNT=6"
exceptions = [2025-12-18]
announced = 2025-09-01T09:00:00

[[series.occurrences]]
date = 2025-11-20
status = "cancelled"
status_note = "Not quorate"
changes = [{ at = 2025-11-01T09:00:00, what = ["status"] }]

[[series.occurrences]]
date = 2026-01-15
start = 2026-01-22T10:00:00
changes = [{ at = 2026-01-02T09:00:00, what = ["time"] }]
"""


def folder(tmp_path: Path, series: str = SERIES, extra: str = "") -> Path:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "partnership.toml").write_text(partnership_header() + extra, encoding="utf-8")
    (tmp_path / "series.toml").write_text(series, encoding="utf-8")
    return tmp_path


def test_loading_a_series_appends_its_meetings(tmp_path: Path) -> None:
    loaded = load(folder(tmp_path))
    assert [series.id for series in loaded.series] == ["asb"]
    assert [(m.id, m.start.date().isoformat(), m.status.value) for m in loaded.meetings] == [
        ("asb-2025-09-18", "2025-09-18", "scheduled"),
        ("asb-2025-10-16", "2025-10-16", "scheduled"),
        ("asb-2025-11-20", "2025-11-20", "cancelled"),
        ("asb-2026-01-15", "2026-01-22", "rescheduled"),
        ("asb-2026-02-19", "2026-02-19", "scheduled"),
    ]
    assert loaded.meetings == loaded.series[0].meetings()


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".toml"])
def test_dump_writes_the_series_not_its_meetings(tmp_path: Path, suffix: str) -> None:
    other = """
[[meetings]]
id = "special"
body = "board"
title = "Special meeting"
start = 2025-10-01T10:00:00
"""
    loaded = load(folder(tmp_path / "in", extra=other))
    data = dump(loaded)
    assert [meeting["id"] for meeting in data["meetings"]] == ["special"]
    assert data["series"][0]["rule"] == "FREQ=MONTHLY;BYDAY=3TH;COUNT=6"
    assert data["series"][0]["exceptions"] == ["2025-12-18"]
    out = tmp_path / "out"
    out.mkdir()
    if suffix == ".json":
        (out / "partnership.json").write_text(json.dumps(data), encoding="utf-8")
    elif suffix == ".yaml":
        (out / "partnership.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    else:
        # TOML through JSON's values: written by hand, the way an officer would.
        (out / "partnership.toml").write_text(
            partnership_header() + other + SERIES, encoding="utf-8"
        )
    assert load(out) == loaded


def test_problems_are_reported_where_the_officer_wrote_them(tmp_path: Path) -> None:
    broken = SERIES.replace('changes = [{ at = 2026-01-02T09:00:00, what = ["time"] }]', "")
    with pytest.raises(DataError) as raised:
        load(folder(tmp_path, broken))
    assert [(Path(p.file).name, p.path) for p in raised.value.problems] == [
        ("series.toml", "series[0].occurrences[1].start")
    ]


def test_a_document_of_an_occurrence_is_located_in_its_occurrence(tmp_path: Path) -> None:
    papers = (
        SERIES
        + """
[[series.occurrences]]
date = 2025-10-16

[[series.occurrences.documents]]
id = "agenda-oct"
kind = "agenda"
title = "Agenda"
url = "missing.pdf"
published = 2025-10-08T10:00:00
"""
    )
    with pytest.raises(DataError) as raised:
        load(folder(tmp_path, papers))
    assert [(Path(p.file).name, p.path, p.message) for p in raised.value.problems] == [
        (
            "series.toml",
            "series[0].occurrences[2].documents[0].url",
            "no file 'missing.pdf' next to the data",
        )
    ]


def test_an_occurrence_id_clashing_with_a_meeting(tmp_path: Path) -> None:
    clash = """
[[meetings]]
id = "asb-2025-10-16"
body = "board"
title = "Another meeting"
start = 2025-10-01T10:00:00
"""
    with pytest.raises(DataError) as raised:
        load(folder(tmp_path, extra=clash))
    assert [(Path(p.file).name, p.path) for p in raised.value.problems] == [
        ("partnership.toml", "meetings[0].id")
    ]


def test_an_unknown_body_is_reported_once(tmp_path: Path) -> None:
    with pytest.raises(DataError) as raised:
        load(folder(tmp_path, SERIES.replace('body = "board"', 'body = "asb-board"')))
    assert [(Path(p.file).name, p.path, p.message) for p in raised.value.problems] == [
        ("series.toml", "series[0].body", "no body with id 'asb-board' (bodies: board)")
    ]


def test_a_written_meeting_cannot_claim_a_series(tmp_path: Path) -> None:
    claim = """
[[meetings]]
id = "special"
body = "board"
title = "Special meeting"
start = 2025-10-01T10:00:00
series = { series = "asb", recurrence = 2025-10-16T10:00:00 }
"""
    with pytest.raises(DataError) as raised:
        load(folder(tmp_path, extra=claim))
    assert [p.path for p in raised.value.problems] == ["meetings[0].series"]


def test_csp_validate_exits_2_on_a_bad_series(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = folder(tmp_path, SERIES.replace("COUNT=6", "COUNT=6;BYHOUR=9"))
    assert main(["validate", str(bad)]) == 2
    out = capsys.readouterr().out
    assert "series.toml: series[0].rule: BYHOUR is not supported" in out


# -- properties --------------------------------------------------------------------------------


@st.composite
def series_of_rules(draw: st.DrawFn) -> Series:
    """A series by a generated rule, its start on a date the rule gives, some exceptions."""
    zone = draw(st.sampled_from(ZONES))
    day = draw(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)))
    time = draw(st.times().map(lambda t: t.replace(microsecond=0)))
    start = dt.datetime.combine(day, time, tzinfo=zone)
    start = start.astimezone(dt.UTC).astimezone(zone)  # a time that exists
    weekday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[start.weekday()]
    nth = (start.day - 1) // 7 + 1
    kind = draw(st.sampled_from(["daily", "weekly", "weekdays", "nth", "monthday", "yearly"]))
    rule = {
        "daily": "FREQ=DAILY",
        "weekly": "FREQ=WEEKLY",
        "weekdays": f"FREQ=WEEKLY;BYDAY={weekday},{draw(st.sampled_from(['MO', 'WE', 'FR']))}",
        "nth": f"FREQ=MONTHLY;BYDAY={nth}{weekday}",
        "monthday": f"FREQ=MONTHLY;BYMONTHDAY={start.day}",
        "yearly": f"FREQ=YEARLY;BYMONTH={start.month};BYMONTHDAY={start.day}",
    }[kind]
    rule += f";INTERVAL={draw(st.integers(1, 3))}"
    if draw(st.booleans()):
        rule += f";COUNT={draw(st.integers(1, 40))}"
    else:
        # At most 901 days: a daily series stays within the most meetings a series may have.
        last = start.date() + dt.timedelta(days=draw(st.integers(0, 900)))
        rule += f";UNTIL={last:%Y%m%d}"
    plain = Series(id="s", body="board", title="S", start=start, rule=rule)
    dates = plain.dates()
    exceptions = draw(st.lists(st.sampled_from(dates), unique=True, max_size=len(dates) - 1))
    return attrs.evolve(plain, exceptions=tuple(exceptions))


@examples(150)
@given(series=series_of_rules())
def test_expansion_properties(series: Series) -> None:
    starts = series.starts()
    assert starts[0] == series.start or series.start.date() in series.exceptions
    assert all(utc(a) < utc(b) for a, b in itertools.pairwise(starts))
    first = series.start
    zone = first.tzinfo
    for start in starts:
        assert start.date() not in series.exceptions
        assert start.tzinfo is zone
        # The first's wall-clock time, unless the clocks skip it that day (then read with the
        # offset before the gap: later by the gap).
        wall = dt.datetime.combine(start.date(), first.time())
        exists = (
            wall.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
            == wall
        )
        assert (start.time() == first.time()) == exists or start == first
        if "BYDAY=" in series.rule and "FREQ=MONTHLY" in series.rule:
            assert start.weekday() == first.weekday()
            assert (start.day - 1) // 7 == (first.day - 1) // 7
        if "BYMONTHDAY" in series.rule:
            assert start.day == first.day
        if "FREQ=YEARLY" in series.rule:
            assert start.month == first.month
        if series.rule.startswith("FREQ=WEEKLY;INTERVAL"):
            assert start.weekday() == first.weekday()
    again = Series(
        id=series.id,
        body=series.body,
        title=series.title,
        start=series.start,
        rule=series.rule,
        exceptions=series.exceptions,
    )
    assert again.starts() == starts
    assert again.meetings() == series.meetings()
    assert [meeting.series.recurrence for meeting in series.meetings() if meeting.series] == list(
        starts
    )
    assert len({meeting.id for meeting in series.meetings()}) == len(starts)
    assert len(series.dates()) <= MAX_SERIES_MEETINGS


def test_a_missing_translation_is_warned_once_at_the_series(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A series' title is each of its meetings' title: one warning, where it is written."""
    header = 'languages = ["cy", "en-GB"]\n' + partnership_header()
    (tmp_path / "partnership.toml").write_text(header, encoding="utf-8")
    welsh_only = SERIES.replace('title = "ASB group"', 'title = { cy = "Grŵp ymddygiad" }')
    (tmp_path / "series.toml").write_text(welsh_only, encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 0
    warnings = [line for line in capsys.readouterr().out.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert "series.toml: series[0].title: warning: no text in en-GB" in warnings[0]


def test_a_series_in_yaml_and_json(tmp_path: Path) -> None:
    """The same series written by hand in YAML and in JSON loads as in TOML."""
    toml = load(folder(tmp_path / "toml"))
    for name, text in (
        (
            "series.yaml",
            """
series:
  - id: asb
    body: board
    title: ASB group
    start: 2025-09-18T10:00:00
    end: 2025-09-18T11:30:00
    rule: FREQ=MONTHLY;BYDAY=3TH;COUNT=6
    exceptions: [2025-12-18]
    announced: 2025-09-01T09:00:00
    occurrences:
      - date: 2025-11-20
        status: cancelled
        status_note: Not quorate
        changes: [{at: 2025-11-01T09:00:00, what: [status]}]
      - date: 2026-01-15
        start: 2026-01-22T10:00:00
        changes: [{at: 2026-01-02T09:00:00, what: [time]}]
""",
        ),
        (
            "series.json",
            json.dumps(
                {
                    "series": [
                        {
                            "id": "asb",
                            "body": "board",
                            "title": "ASB group",
                            "start": "2025-09-18T10:00",
                            "end": "2025-09-18T11:30",
                            "rule": "FREQ=MONTHLY;BYDAY=3TH;COUNT=6",
                            "exceptions": ["2025-12-18"],
                            "announced": "2025-09-01T09:00",
                            "occurrences": [
                                {
                                    "date": "2025-11-20",
                                    "status": "cancelled",
                                    "status_note": "Not quorate",
                                    "changes": [{"at": "2025-11-01T09:00", "what": ["status"]}],
                                },
                                {
                                    "date": "2026-01-15",
                                    "start": "2026-01-22T10:00",
                                    "changes": [{"at": "2026-01-02T09:00", "what": ["time"]}],
                                },
                            ],
                        }
                    ]
                }
            ),
        ),
    ):
        where = tmp_path / name.replace(".", "-")
        where.mkdir()
        (where / "partnership.toml").write_text(partnership_header(), encoding="utf-8")
        (where / name).write_text(text, encoding="utf-8")
        assert load(where) == toml, name
