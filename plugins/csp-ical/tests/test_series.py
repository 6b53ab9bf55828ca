"""Repeating meetings in both forms (option ``series``): every client shows the core's meetings.

The same occurrences must come out of both forms, in all four readers of occurrences
(recurring-ical-events, vobject, ical.js, libical): each occurrence of the view at its instant,
with its STATUS and SUMMARY, and nothing else.  The rrule form must show nothing the expanded
form would not, stay valid RFC 5545 (the ``check`` module), and update cleanly as the instant
moves on and the data changes (RFC 5546 through the checker's ``previous`` comparison).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

import csp_core
from csp_core import (
    ChangeKind,
    MeetingChange,
    MeetingStatus,
    Occurrence,
    Partnership,
    PublicView,
    Series,
    public_view,
)
from csp_core.text import clean
from csp_ical import describe
from csp_ical.check import check_calendar
from ical_readers import (
    Instance,
    expected_end,
    expected_start,
    occurrences_ical_js,
    occurrences_recurring_ical_events,
    occurrences_vobject,
    render,
)
from tests.data import ROOT, partnership_header
from tests.strategies import examples

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
FORMS = ("expanded", "rrule")
_STATUS = {
    MeetingStatus.SCHEDULED: "CONFIRMED",
    MeetingStatus.RESCHEDULED: "CONFIRMED",
    MeetingStatus.POSTPONED: "TENTATIVE",
    MeetingStatus.CANCELLED: "CANCELLED",
}

# The board meets on the third Thursday of each month, 14:00 to 16:00, from January to June
# 2026: 15 January, 19 February, 19 March, 16 April, 21 May, 18 June (UNTIL 30 June).  The
# clocks go forward on Sunday 29 March, so January to March are at 14:00Z and April to June at
# 13:00Z.  There is no February meeting (an exception); April's moves to Friday 17 April,
# 10:00 to 12:00 BST (09:00Z), announced on 20 March; May's is cancelled, announced on 1 May.
# A forum meets once, on Wednesday 1 July 2026, 18:30 BST (17:30Z).
SERIES = """
[[series]]
id = "board"
body = "board"
title = "Board meeting"
start = 2026-01-15T14:00:00
end = 2026-01-15T16:00:00
rule = "FREQ=MONTHLY;BYDAY=3TH;UNTIL=20260630"
exceptions = [2026-02-19]
announced = 2025-12-01T09:00:00

[[series.occurrences]]
date = 2026-04-16
start = 2026-04-17T10:00:00
end = 2026-04-17T12:00:00
changes = [{ at = 2026-03-20T09:00:00, what = ["time"], note = "The room is taken" }]

[[series.occurrences]]
date = 2026-05-21
status = "cancelled"
status_note = "Not quorate"
changes = [{ at = 2026-05-01T09:00:00, what = ["status"] }]

[[meetings]]
id = "forum-2026-07"
body = "board"
title = "Community forum"
start = 2026-07-01T18:30:00
announced = 2026-01-02T09:00:00
"""

#: The instants the tests build at: before anything is announced of the changes, after the
#: move is announced, after the cancellation, after the series, and long after.
INSTANTS = (
    dt.datetime(2026, 1, 5, tzinfo=LONDON),
    dt.datetime(2026, 3, 25, tzinfo=LONDON),
    dt.datetime(2026, 5, 10, 12, tzinfo=LONDON),
    dt.datetime(2026, 7, 2, tzinfo=LONDON),
)


def _at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=UTC)


def load(folder: Path, text: str = SERIES, **fields: str) -> Partnership:
    """The hand-made partnership: the board's series and a one-off forum."""
    fields.setdefault("timezone", "Europe/London")
    header = partnership_header(id="repeat", name="Repeat Community Safety Partnership", **fields)
    (folder / "partnership.toml").write_text(header + text, encoding="utf-8")
    return csp_core.load(folder)


@pytest.fixture(scope="module")
def partnership(tmp_path_factory: pytest.TempPathFactory) -> Partnership:
    return load(tmp_path_factory.mktemp("series"))


def uid(view: PublicView, meeting: csp_core.Meeting, form: str) -> str:
    """The UID a meeting's occurrence has in ``form``: the series' own in the rrule form."""
    partnership = view.partnership.id
    if form == "rrule" and meeting.series is not None:
        return f"{meeting.series.series}@series.{partnership}.csp-core"
    return f"{meeting.id}@{partnership}.csp-core"


def expected(view: PublicView, form: str, body: str | None = None) -> set[Instance]:
    """The core's occurrences, as a client must show them in ``form``.

    The summary is the title, after 'Cancelled: ' or 'Postponed: ' (in the view's language)
    when the meeting does not go ahead; the worked example below spells its summaries out.
    """
    return {
        Instance(
            uid(view, meeting, form),
            expected_start(meeting),
            expected_end(meeting),
            _STATUS[meeting.status],
            clean(describe.meeting_summary(view, meeting)),
        )
        for meeting in view.meetings()
        if body is None or meeting.body == body
    }


Reader = Callable[[Mapping[str, bytes]], dict[str, set[Instance]]]


def read_all(files: Mapping[str, bytes], libical: Reader) -> dict[str, dict[str, set[Instance]]]:
    return {
        "recurring-ical-events": {
            path: occurrences_recurring_ical_events(content) for path, content in files.items()
        },
        "vobject": {path: occurrences_vobject(content) for path, content in files.items()},
        "ical.js": occurrences_ical_js(files),
        "libical": libical(files),
    }


def meeting_files(partnership: Partnership, at: dt.datetime, **options: str) -> dict[str, bytes]:
    return {
        path: file.content
        for path, file in render(partnership, at, **options).items()
        if path != "deadlines.ics"
    }


def events(content: bytes) -> list[Calendar]:
    return list(Calendar.from_ical(content).walk("VEVENT"))


def texts(content: bytes) -> set[str]:
    """The lines of every SUMMARY, LOCATION and DESCRIPTION, but the 'More:' link."""
    found: set[str] = set()
    for event in events(content):
        for name in ("SUMMARY", "LOCATION", "DESCRIPTION"):
            if name in event:
                lines = str(event[name]).splitlines()
                found.update(line for line in lines if not line.startswith("More: "))
    return found


class TestWorkedExample:
    """The hand-made partnership, read by every client, in both forms, at four instants."""

    def test_the_core_expands_the_worked_example(self, partnership: Partnership) -> None:
        view = public_view(partnership, INSTANTS[2])
        board = "board@series.repeat.csp-core"
        assert expected(view, "rrule") == {
            Instance(board, _at(1, 15, 14), _at(1, 15, 16), "CONFIRMED", "Board meeting"),
            Instance(board, _at(3, 19, 14), _at(3, 19, 16), "CONFIRMED", "Board meeting"),
            Instance(board, _at(4, 17, 9), _at(4, 17, 11), "CONFIRMED", "Board meeting"),
            Instance(
                board, _at(5, 21, 13), _at(5, 21, 15), "CANCELLED", "Cancelled: Board meeting"
            ),
            Instance(board, _at(6, 18, 13), _at(6, 18, 15), "CONFIRMED", "Board meeting"),
            # No end: the default two hours.
            Instance(
                "forum-2026-07@repeat.csp-core",
                _at(7, 1, 17, 30),
                _at(7, 1, 19, 30),
                "CONFIRMED",
                "Community forum",
            ),
        }

    @pytest.mark.parametrize("at", INSTANTS, ids=lambda at: at.date().isoformat())
    @pytest.mark.parametrize("form", FORMS)
    def test_every_client_shows_the_views_meetings(
        self, partnership: Partnership, libical: Reader, form: str, at: dt.datetime
    ) -> None:
        view = public_view(partnership, at)
        files = meeting_files(partnership, at, series=form)
        assert set(files) == {"calendar.ics", "bodies/board.ics"}
        for reader, calendars in read_all(files, libical).items():
            assert calendars["calendar.ics"] == expected(view, form), reader
            assert calendars["bodies/board.ics"] == expected(view, form, "board"), reader

    def test_the_rrule_form_is_one_master_and_overrides(self, partnership: Partnership) -> None:
        """After the move and the cancellation: RRULE, EXDATE, and two overrides."""
        file = render(partnership, INSTANTS[2], series="rrule")["calendar.ics"]
        content = file.content
        assert file.items == len(events(content)) == 4  # the master, two overrides, the forum
        text = content.decode().replace("\r\n ", "")
        board = [e for e in events(content) if str(e["UID"]) == "board@series.repeat.csp-core"]
        master, april, may = board
        assert "RECURRENCE-ID" not in master
        # UNTIL=20260630 (a date, the end of that day) is the last meeting's start in UTC.
        assert "RRULE:FREQ=MONTHLY;UNTIL=20260618T130000Z;BYDAY=3TH\r\n" in text
        assert "DTSTART;TZID=Europe/London:20260115T140000\r\n" in text
        assert "DTEND;TZID=Europe/London:20260115T160000\r\n" in text
        assert "EXDATE;TZID=Europe/London:20260219T140000\r\n" in text
        assert "RECURRENCE-ID;TZID=Europe/London:20260416T140000\r\n" in text
        assert "DTSTART;TZID=Europe/London:20260417T100000\r\n" in text
        assert "RECURRENCE-ID;TZID=Europe/London:20260521T140000\r\n" in text
        assert str(may["STATUS"]) == "CANCELLED"
        assert int(april["SEQUENCE"]) == 1
        assert int(may["SEQUENCE"]) == 1
        # Each override links to its own meeting's page; the master to the partnership's.
        assert str(april["URL"]) == "https://csp.example.org/meetings/board-2026-04-16.html"
        assert str(master["URL"]) == "https://csp.example.org/index.html"
        assert "Not quorate" in str(may["DESCRIPTION"])

    def test_before_a_change_is_announced_it_is_not_in_the_rrule_form(
        self, partnership: Partnership
    ) -> None:
        """On 5 January neither the move nor the cancellation is public: the master alone."""
        content = render(partnership, INSTANTS[0], series="rrule")["calendar.ics"].content
        board = [e for e in events(content) if "RRULE" in e or "RECURRENCE-ID" in e]
        assert len(board) == 1
        text = content.decode().replace("\r\n ", "")
        assert "Not quorate" not in text
        assert "20260417" not in text
        assert "The room is taken" not in text

    @pytest.mark.parametrize("at", INSTANTS, ids=lambda at: at.date().isoformat())
    def test_the_rrule_form_says_nothing_the_expanded_form_does_not(
        self, partnership: Partnership, at: dt.datetime
    ) -> None:
        """Every SUMMARY, LOCATION and DESCRIPTION line of the rrule form is in the expanded."""
        expanded = render(partnership, at)
        rrule = render(partnership, at, series="rrule")
        for path, file in rrule.items():
            assert texts(file.content) <= texts(expanded[path].content), path

    @pytest.mark.parametrize("form", FORMS)
    def test_every_file_passes_the_checker_and_updates_cleanly(
        self, partnership: Partnership, form: str
    ) -> None:
        """Built again at each instant with the previous build: RFC 5545 and RFC 5546 hold."""
        previous: dict[str, bytes] = {}
        for at in (dt.datetime(2025, 12, 2, tzinfo=LONDON), *INSTANTS):
            files = render(partnership, at, series=form, previous=previous)
            for path, file in files.items():
                assert check_calendar(file.content, previous.get(path)) == [], (path, at)
            previous = {path: file.content for path, file in files.items()}


class TestUpdates:
    """The data changes after subscribers fetched the calendar: they must follow."""

    def test_a_meeting_removed_from_the_data_is_sent_cancelled(
        self, tmp_path: Path, libical: Reader
    ) -> None:
        """May's meeting becomes an exception after the feed carried it as an override.

        The expanded form sends its event once more, cancelled (as for any deleted meeting);
        the rrule form sends the override once more, cancelled, and does not exclude its date
        (an override of an excluded date is read differently by different clients).
        """
        at = INSTANTS[2]
        (tmp_path / "before").mkdir()
        before = load(tmp_path / "before")
        removed = SERIES.replace(
            "exceptions = [2026-02-19]", "exceptions = [2026-02-19, 2026-05-21]"
        )
        removed = (
            removed[: removed.rindex("[[series.occurrences]]")]
            + removed[removed.index("[[meetings]]") :]
        )
        (tmp_path / "after").mkdir()
        after = load(tmp_path / "after", removed)
        later = at + dt.timedelta(days=1)
        for form in FORMS:
            previous = {p: f.content for p, f in render(before, at, series=form).items()}
            files = render(after, later, series=form, previous=previous)
            for path in ("calendar.ics", "bodies/board.ics"):
                problems = check_calendar(files[path].content, previous[path])
                assert problems == [], (form, path)
            content = files["calendar.ics"].content
            view = public_view(after, later)
            may = Instance(
                uid(public_view(before, at), _may(before), form),
                _at(5, 21, 13),
                _at(5, 21, 15),
                "CANCELLED",
                "Cancelled: Board meeting",
            )
            for reader, calendars in read_all({"calendar.ics": content}, libical).items():
                assert calendars["calendar.ics"] == expected(view, form) | {may}, (form, reader)
            if form == "rrule":
                assert b"20260521T140000" in content
                assert b"EXDATE;TZID=Europe/London:20260219T140000,20260521" not in content

    @pytest.mark.parametrize(("first", "then"), [("expanded", "rrule"), ("rrule", "expanded")])
    def test_switching_forms(
        self, partnership: Partnership, libical: Reader, first: str, then: str
    ) -> None:
        """A change of the option: the old form's events are sent once more, cancelled.

        Clients then show each occurrence twice, once cancelled, until the old events leave
        their window: change the option before a series starts, or not at all.
        """
        at = INSTANTS[2]
        previous = {p: f.content for p, f in render(partnership, at, series=first).items()}
        later = at + dt.timedelta(hours=1)
        files = render(partnership, later, series=then, previous=previous)
        view = public_view(partnership, later)
        for path, file in files.items():
            assert check_calendar(file.content, previous.get(path)) == [], path
        content = files["calendar.ics"].content
        shown = read_all({"calendar.ics": content}, libical)
        for reader, calendars in shown.items():
            now = calendars["calendar.ics"]
            assert expected(view, then) <= now, reader
            old = now - expected(view, then)
            assert {instance.status for instance in old} == {"CANCELLED"}, reader
            assert {instance.start for instance in old} == {
                instance.start
                for instance in expected(view, first)
                if instance.uid.startswith("board")
            }, reader


def _may(partnership: Partnership) -> csp_core.Meeting:
    return partnership.meeting("board-2026-05-21")


class TestStaysExpanded:
    """A series the rrule form cannot write exactly is written expanded, in either form."""

    def test_a_time_the_clocks_repeat(self, tmp_path: Path) -> None:
        """01:30 on the last Sunday of October happens twice: such times are written in UTC.

        An RRULE expands in DTSTART's local time, so the series is written expanded.
        """
        text = """
[[series]]
id = "night"
body = "board"
title = "Night patrol briefing"
start = 2026-09-27T01:30:00
end = 2026-09-27T02:00:00
rule = "FREQ=MONTHLY;BYDAY=-1SU;COUNT=3"
announced = 2026-01-01T09:00:00
"""
        partnership = load(tmp_path, text)
        content = render(partnership, dt.datetime(2026, 9, 1, tzinfo=UTC), series="rrule")[
            "calendar.ics"
        ].content
        assert b"RRULE:FREQ=MONTHLY" not in content
        assert len(events(content)) == 3

    def test_a_partnership_in_utc(self, tmp_path: Path) -> None:
        """No VTIMEZONE (every time in UTC): no RRULE, whose instants would then be UTC's."""
        partnership = load(tmp_path, SERIES, timezone="UTC")
        content = render(partnership, INSTANTS[2], series="rrule")["calendar.ics"].content
        assert b"BEGIN:VTIMEZONE" not in content
        # A UTC partnership has no clock changes: its RRULE would be right, but a calendar in
        # UTC writes each occurrence on its own, as the expanded form does.
        assert b"RRULE:FREQ" not in content


# -- the property -------------------------------------------------------------------------------

_RULES = st.sampled_from(
    [
        "FREQ=WEEKLY;COUNT={count}",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT={count}",
        "FREQ=MONTHLY;BYDAY=3TH;COUNT={count}",
        "FREQ=MONTHLY;BYDAY=-1WE;COUNT={count}",
        "FREQ=MONTHLY;BYMONTHDAY=10;COUNT={count}",
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO;COUNT={count}",
        "FREQ=DAILY;INTERVAL=9;COUNT={count}",
    ]
)


@st.composite
def series_partnerships(draw: st.DrawFn, base: Partnership) -> Partnership:
    """``base`` with one series: any rule, exceptions, cancelled and moved occurrences."""
    count = draw(st.integers(min_value=2, max_value=14))
    rule = draw(_RULES).format(count=count)
    day = draw(st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 31)))
    time = dt.time(draw(st.sampled_from([9, 10, 14, 18])), draw(st.sampled_from([0, 30])))
    first = _first_date(rule, dt.datetime.combine(day, time))
    start = dt.datetime.combine(first, time, tzinfo=LONDON)
    plain = Series(
        id="group",
        body="board",
        title="Group",
        start=start,
        end=start + dt.timedelta(hours=2),
        rule=rule,
        announced=dt.datetime(2024, 6, 1, tzinfo=LONDON),
    )
    dates = plain.dates()
    picks = draw(st.lists(st.sampled_from(dates), unique=True, max_size=len(dates) - 1).map(sorted))
    exceptions: list[dt.date] = []
    occurrences: list[Occurrence] = []
    for index, picked in enumerate(picks):
        kind = draw(st.sampled_from(["exception", "cancelled", "moved"]))
        announced = dt.datetime.combine(picked, time, tzinfo=LONDON) - dt.timedelta(days=20)
        if kind == "exception" and index > 0:
            exceptions.append(picked)
        elif kind == "cancelled":
            occurrences.append(
                Occurrence(
                    date=picked,
                    status=MeetingStatus.CANCELLED,
                    status_note=draw(st.sampled_from([None, f"No meeting on {picked}."])),
                    changes=(MeetingChange(at=announced, what=(ChangeKind.STATUS,)),),
                )
            )
        else:
            hours = draw(st.sampled_from([-26, -3, 2, 24, 48]))
            start = dt.datetime.combine(picked, time, tzinfo=LONDON) + dt.timedelta(hours=hours)
            start = start.astimezone(UTC).astimezone(LONDON)
            occurrences.append(
                Occurrence(
                    date=picked,
                    start=start,
                    end=start + dt.timedelta(hours=1),
                    changes=(MeetingChange(at=announced, what=(ChangeKind.TIME,)),),
                )
            )
    series = attrs.evolve(plain, exceptions=tuple(exceptions), occurrences=tuple(occurrences))
    return attrs.evolve(base, series=(series,), meetings=(*base.meetings, *series.meetings()))


def _first_date(rule: str, start: dt.datetime) -> dt.date:
    """The first date ``rule`` gives from ``start`` on (a series starts on one)."""
    from dateutil import rrule

    return next(iter(rrule.rrulestr(rule, dtstart=start))).date()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Partnership:
    return load(tmp_path_factory.mktemp("base"), "")


@examples(40)
@given(data=st.data(), at=st.datetimes(dt.datetime(2024, 6, 2), dt.datetime(2028, 6, 1)))
def test_both_forms_give_the_cores_meetings(
    base: Partnership, data: st.DataObject, at: dt.datetime
) -> None:
    """Any series, at any instant: both forms expand (recurring-ical-events) to the view's.

    And the rrule form says nothing the expanded form does not.
    """
    partnership = data.draw(series_partnerships(base))
    instant = at.replace(tzinfo=UTC)
    view = public_view(partnership, instant)
    built = {form: render(partnership, instant, series=form) for form in FORMS}
    for path, file in built["rrule"].items():
        assert texts(file.content) <= texts(built["expanded"][path].content), path
    for form, files in built.items():
        for path, body in (("calendar.ics", None), ("bodies/board.ics", "board")):
            content = files[path].content
            shown = occurrences_recurring_ical_events(content)
            assert shown == expected(view, form, body), (form, path)
            assert check_calendar(content) == [], (form, path)


# -- the Welsh example ---------------------------------------------------------------------------

WALES = ROOT / "examples" / "conwy-denbighshire"


@pytest.fixture(scope="module")
def wales() -> Partnership:
    return csp_core.load(WALES)


def _series_instants(partnership: Partnership) -> list[dt.datetime]:
    """Instants around each series: just after its announcement, during it, after its end.

    With every moment of its occurrences' change records, a second after each.
    """
    found: set[dt.datetime] = set()
    for series in partnership.series:
        starts = series.starts()
        if series.announced is not None:
            found.add(series.announced + dt.timedelta(seconds=1))
        found.add(starts[len(starts) // 2] - dt.timedelta(days=1))
        found.add(starts[-1] + dt.timedelta(days=1))
        for occurrence in series.occurrences:
            found.update(change.at + dt.timedelta(seconds=1) for change in occurrence.changes)
    return sorted(found)


class TestWelshExample:
    """The Welsh example's series, in Welsh and English, both forms, every client."""

    def test_the_example_has_a_series_with_changes(self, wales: Partnership) -> None:
        assert wales.series
        assert any(series.occurrences for series in wales.series)

    @pytest.mark.parametrize("language", ["cy", "en-GB"])
    @pytest.mark.parametrize("form", FORMS)
    def test_every_client_shows_the_views_meetings(
        self, wales: Partnership, libical: Reader, form: str, language: str
    ) -> None:
        previous: dict[str, bytes] = {}
        for at in _series_instants(wales):
            view = public_view(wales, at, language)
            files = render(wales, at, series=form, language=language, previous=previous)
            contents = {p: f.content for p, f in files.items() if p != "deadlines.ics"}
            for path, content in contents.items():
                assert check_calendar(content, previous.get(path)) == [], (path, at)
            for reader, calendars in read_all(contents, libical).items():
                for path, shown in calendars.items():
                    body = None if path == "calendar.ics" else path.removeprefix("bodies/")[:-4]
                    assert shown == expected(view, form, body), (reader, path, at)
            previous = {p: f.content for p, f in files.items()}
        if form == "rrule":
            assert any("RRULE" in event for event in events(previous["calendar.ics"]))

    def test_csp_build_and_csp_check(self, tmp_path: Path) -> None:
        """``csp build --option ical.series=rrule`` of the example, twice, then ``csp check``.

        On 1 February 2026 the group's series is one master and its overrides in every calendar
        of both languages; the second build, a month on over the first, is a valid update.
        """
        script = Path(sys.executable).with_name("csp")

        def csp(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [str(script), *args], capture_output=True, text=True, check=False, timeout=300
            )

        out = tmp_path / "out"
        for at in ("2026-02-01T12:00:00+00:00", "2026-03-01T12:00:00+00:00"):
            options = ("--only", "ical", "--option", "ical.series=rrule", "--at", at)
            built = csp("build", str(WALES), "--out", str(out), *options)
            assert built.returncode == 0, built.stderr
        checked = csp("check", str(out))
        assert checked.returncode == 0, checked.stdout + checked.stderr
        for path in ("bodies/asb-group.ics", "en-gb/bodies/asb-group.ics", "calendar.ics"):
            found = events((out / path).read_bytes())
            masters = [event for event in found if "RRULE" in event]
            assert [str(event["UID"]) for event in masters] == [
                "asb-group@series.conwy-denbighshire.csp-core"
            ], path
