"""No false alarms: nothing is overdue while publishing is still on time; clear wording.

A duty is late when it is published on a working day after its deadline (docs/rules.md), so it
is overdue only once such a day has begun: the weekend or bank holiday straight after a Friday
deadline is still on time.  Every date below is worked by hand in its comment.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_core import Partnership, load
from csp_core.cli import main
from csp_core.reports import SCHEMA_VERSION, status_json, status_text
from csp_core.rules import Standing, status
from csp_core.rules.schedule import calendar_for
from csp_core.rules.status import last_day_to_publish
from tests.data import partnership_header
from tests.strategies import examples

LONDON = ZoneInfo("Europe/London")
SCHEMA = json.loads(
    (Path(__file__).parents[1] / "src/csp_core/schemas/status.schema.json").read_text()
)


def _partnership(
    tmp_path: Path,
    *,
    start: str,
    agenda: str | None = None,
    access: str = "statutory",
    nation: str = "england",
    clear_days: int | None = None,
    draft: str | None = None,
) -> Path:
    """A partnership with one board meeting at ``start``; its agenda published at ``agenda``."""
    policy = [f'access = "{access}"', "draft_agenda_days = 14"]
    if clear_days is not None:
        policy.append(f"clear_working_days = {clear_days}")
    documents = ""
    if draft is not None:
        documents += f"""
[[meetings.documents]]
id = "m-draft"
kind = "draft-agenda"
title = "Draft agenda"
url = "https://example.org/m-draft.pdf"
published = {draft}
"""
    if agenda is not None:
        documents += f"""
[[meetings.documents]]
id = "m-agenda"
kind = "agenda"
title = "Agenda"
url = "https://example.org/m-agenda.pdf"
published = {agenda}
"""
    text = (
        partnership_header("Edgeshire", nation=nation)
        + f"""
[policy]
{chr(10).join(policy)}

[[meetings]]
id = "m"
body = "board"
title = "Board meeting"
start = {start}
{documents}"""
    )
    path = tmp_path / "partnership.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=LONDON)


def _agenda(partnership: Partnership, at: str) -> tuple[Standing, int, dt.date | None]:
    (state,) = [s for s in status(partnership, _at(at)).duties if s.duty.id == "meeting/m/agenda"]
    return state.standing, state.working_days_late, state.last_day


class TestWeekendEdge:
    """England, five clear working days, meeting Monday 13 October 2025 at 10:00.

    The five clear working days before it are Mon 6 – Fri 10 October, so the deadline (the last
    working day to publish) is Friday 3 October.  Publishing on Saturday 4 or Sunday 5 still
    leaves Mon 6 – Fri 10 clear: the last day to publish is Sunday 5 October, and the agenda is
    overdue only from Monday 6 October, 00:00.
    """

    def test_the_weekend_after_the_deadline_is_not_overdue(self, tmp_path: Path) -> None:
        edge = load(_partnership(tmp_path, start="2025-10-13T10:00:00"))
        friday, sunday = dt.date(2025, 10, 3), dt.date(2025, 10, 5)
        assert _agenda(edge, "2025-10-03T17:00") == (Standing.DUE_SOON, 0, sunday)
        assert _agenda(edge, "2025-10-04T09:00") == (Standing.DUE_SOON, 0, sunday)
        assert _agenda(edge, "2025-10-05T23:59") == (Standing.DUE_SOON, 0, sunday)
        # Monday 6 October has begun: one working day (Monday) after Friday's deadline.
        assert _agenda(edge, "2025-10-06T00:00") == (Standing.OVERDUE, 1, sunday)
        assert edge.meeting("m").start.date() == friday + dt.timedelta(days=10)

    def test_saturday_text_has_no_breach(self, tmp_path: Path) -> None:
        """Saturday 4 October: 'due soon', never '0 working days overdue; statutory breach'
        (the draft agenda went up on its day, Monday 29 September, 14 days before)."""
        edge = load(
            _partnership(tmp_path, start="2025-10-13T10:00:00", draft="2025-09-29T09:00:00")
        )
        text = status_text(edge, status(edge, _at("2025-10-04T09:00")))
        assert "Overdue (0)" in text
        assert "overdue" not in text.split("Overdue (0)", 1)[1]
        assert "statutory breach" not in text
        assert (
            "  Fri 3 Oct 2025   Agenda and papers: Board meeting, Monday 13 October 2025 "
            "(5 clear working days; on time if published by Sun 5 Oct 2025)"
        ) in text.splitlines()

    def test_published_on_sunday_is_on_time(self, tmp_path: Path) -> None:
        """Published Sunday 5 October: Mon 6 – Fri 10 are five clear working days, on time."""
        edge = load(
            _partnership(tmp_path, start="2025-10-13T10:00:00", agenda="2025-10-05T18:00:00")
        )
        (state,) = [
            s
            for s in status(edge, _at("2025-10-06T09:00")).duties
            if s.duty.id == "meeting/m/agenda"
        ]
        assert state.standing is Standing.ON_TIME
        assert state.clear_days_given == 5

    def test_published_monday_is_late_and_says_when(self, tmp_path: Path) -> None:
        """Published Monday 6 October: one working day late, leaving Tue 7 – Fri 10 (four)."""
        edge = load(
            _partnership(tmp_path, start="2025-10-13T10:00:00", agenda="2025-10-06T09:00:00")
        )
        report = status(edge, _at("2025-10-07T09:00"))
        (late,) = report.late
        assert (late.standing, late.working_days_late, late.clear_days_given) == (
            Standing.LATE,
            1,
            4,
        )
        assert late.published_on == dt.date(2025, 10, 6)
        text = status_text(edge, report)
        line = text.split("Published late (1)\n", 1)[1].splitlines()[0]
        assert line.startswith("  Fri 3 Oct 2025 ")
        assert (
            "(5 clear working days; published Mon 6 Oct 2025; 1 working day late; "
            "gave 4 clear working days; statutory breach)"
        ) in line


class TestBankHolidayEdge:
    def test_england_spring_bank_holiday(self, tmp_path: Path) -> None:
        """Meeting Tuesday 2 June 2026: clear days Tue 26 May – Mon 1 June (Mon 25 May is the
        spring bank holiday), so the deadline is Friday 22 May; Sat 23, Sun 24 and the bank
        holiday Mon 25 are still on time; overdue from Tuesday 26 May."""
        edge = load(_partnership(tmp_path, start="2026-06-02T10:00:00"))
        monday = dt.date(2026, 5, 25)
        assert _agenda(edge, "2026-05-25T12:00") == (Standing.DUE_SOON, 0, monday)
        assert _agenda(edge, "2026-05-26T09:00") == (Standing.OVERDUE, 1, monday)

    def test_england_easter(self, tmp_path: Path) -> None:
        """Meeting Tuesday 14 April 2026: clear days Tue 7 – Mon 13 April; Good Friday 3 April and
        Easter Monday 6 April are bank holidays, so the deadline is Thursday 2 April and the last
        day to publish is Easter Monday; overdue from Tuesday 7 April, one working day."""
        edge = load(_partnership(tmp_path, start="2026-04-14T10:00:00"))
        assert _agenda(edge, "2026-04-04T09:00") == (Standing.DUE_SOON, 0, dt.date(2026, 4, 6))
        assert _agenda(edge, "2026-04-07T09:00") == (Standing.OVERDUE, 1, dt.date(2026, 4, 6))

    def test_scotland_st_andrews_day(self, tmp_path: Path) -> None:
        """Scotland, three clear working days, meeting Friday 4 December 2026: clear days Tue 1 –
        Thu 3 December; Monday 30 November is St Andrew's Day (a Scottish bank holiday), so the
        deadline is Friday 27 November and the last day to publish is Monday 30 November."""
        edge = load(
            _partnership(
                tmp_path,
                start="2026-12-04T10:00:00",
                nation="scotland",
                access="voluntary",
                clear_days=3,
            )
        )
        monday = dt.date(2026, 11, 30)
        assert _agenda(edge, "2026-11-30T10:00") == (Standing.DUE_SOON, 0, monday)
        assert _agenda(edge, "2026-12-01T09:00") == (Standing.OVERDUE, 1, monday)

    def test_england_has_no_st_andrews_day(self, tmp_path: Path) -> None:
        """The same meeting in England with three clear days: Monday 30 November is a working
        day there, so it is the deadline itself and the last day to publish."""
        edge = load(_partnership(tmp_path, start="2026-12-04T10:00:00", clear_days=3))
        monday = dt.date(2026, 11, 30)
        assert _agenda(edge, "2026-11-30T10:00") == (Standing.DUE_SOON, 0, monday)
        assert _agenda(edge, "2026-12-01T09:00") == (Standing.OVERDUE, 1, monday)


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Partnership:
    return load(_partnership(tmp_path_factory.mktemp("bare"), start="2025-10-13T10:00:00"))


@given(deadline=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)))
@examples(200)
def test_the_last_day_is_the_eve_of_the_next_working_day(
    bare: Partnership, deadline: dt.date
) -> None:
    """Publishing on any day from the deadline to the last day is on time (no working day in
    between); the day after the last day is a working day, so publishing then is late."""
    last = last_day_to_publish(bare, deadline)
    calendar = calendar_for(bare)
    assert last >= deadline
    assert calendar.working_days(deadline, last) == 0
    assert calendar.working_days(deadline, last + dt.timedelta(days=1)) == 1


class TestJson:
    def test_fulfilled_by_names_only_what_is_published(self, tmp_path: Path) -> None:
        """At Thursday 2 October 2025 the agenda recorded for Friday 3 October is not yet out:
        it is `expected`, not `fulfilled_by`; on Friday afternoon it fulfils the duty."""
        edge = load(
            _partnership(tmp_path, start="2025-10-13T10:00:00", agenda="2025-10-03T12:00:00")
        )
        validator = jsonschema.Draft202012Validator(
            SCHEMA, format_checker=jsonschema.FormatChecker()
        )
        before = status_json(edge, status(edge, _at("2025-10-02T09:00")))
        after = status_json(edge, status(edge, _at("2025-10-03T15:00")))
        for data in (before, after):
            validator.validate(data)
            assert data["schema_version"] == SCHEMA_VERSION == 2
        agenda = {d["id"]: d for d in before["duties"]}["meeting/m/agenda"]
        assert (agenda["fulfilled_by"], agenda["expected"], agenda["published"]) == (
            None,
            "m-agenda",
            None,
        )
        assert (agenda["deadline"], agenda["last_day"]) == ("2025-10-03", "2025-10-05")
        agenda = {d["id"]: d for d in after["duties"]}["meeting/m/agenda"]
        assert (agenda["fulfilled_by"], agenda["expected"]) == ("m-agenda", None)
        assert agenda["standing"] == "on-time"

    def test_schema_id_names_its_version(self) -> None:
        assert SCHEMA["$id"].endswith(f"/status-{SCHEMA_VERSION}.json")
        assert SCHEMA["properties"]["schema_version"]["const"] == SCHEMA_VERSION


class TestStrictLevels:
    """`--strict` (= `statutory`) fails on statutory breaches and own checks; `all` on anything."""

    def test_a_late_draft_agenda_under_a_voluntary_policy(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Voluntary policy, meeting Monday 13 October 2025: the draft agenda (14 calendar days
        before: Monday 29 September) went up Wednesday 1 October, two working days late; the
        agenda went up on its deadline, Friday 3 October.  A practice target, not a breach."""
        path = str(
            _partnership(
                tmp_path,
                start="2025-10-13T10:00:00",
                access="voluntary",
                draft="2025-10-01T09:00:00",
                agenda="2025-10-03T09:00:00",
            )
        )
        at = ["--at", "2025-10-06T09:00"]
        assert main(["status", path, *at]) == 0
        assert main(["status", path, *at, "--strict"]) == 0
        assert main(["status", path, *at, "--strict=statutory"]) == 0
        capsys.readouterr()
        assert main(["status", path, *at, "--strict=all"]) == 1
        err = capsys.readouterr().err
        assert "csp status --strict=all: 0 items overdue, 1 item late" in err

    def test_a_statutory_breach_fails_every_level(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Statutory policy, agenda published Monday 6 October 2025 for Monday 13 October: one
        working day after the Friday 3 October deadline, a breach."""
        path = str(
            _partnership(
                tmp_path,
                start="2025-10-13T10:00:00",
                draft="2025-09-29T09:00:00",
                agenda="2025-10-06T09:00:00",
            )
        )
        at = ["--at", "2025-10-07T09:00"]
        assert main(["status", path, *at, "--strict"]) == 1
        assert "0 statutory breaches overdue, 1 statutory breach late" in capsys.readouterr().err
        assert main(["status", path, *at, "--strict=all"]) == 1

    def test_the_weekend_edge_passes_strict(self, tmp_path: Path) -> None:
        """Saturday 4 October 2025, agenda not yet out but still on time: --strict passes."""
        path = str(_partnership(tmp_path, start="2025-10-13T10:00:00", draft="2025-09-29T09:00:00"))
        assert main(["status", path, "--at", "2025-10-04T09:00", "--strict"]) == 0
        assert main(["status", path, "--at", "2025-10-06T09:00", "--strict"]) == 1

    def test_an_unknown_level_is_a_usage_error(self, tmp_path: Path) -> None:
        path = str(_partnership(tmp_path, start="2025-10-13T10:00:00"))
        with pytest.raises(SystemExit) as exit_:
            main(["status", path, "--strict=some"])
        assert exit_.value.code == 2

    def test_strict_before_the_path(self, tmp_path: Path) -> None:
        """`csp status --strict PATH`: the path is not taken for a level."""
        path = str(_partnership(tmp_path, start="2025-10-13T10:00:00", draft="2025-09-29T09:00:00"))
        assert main(["status", "--strict", path, "--at", "2025-10-06T09:00"]) == 1
        assert main(["status", "--strict", "all", path, "--at", "2025-10-04T09:00"]) == 0
