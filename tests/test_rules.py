"""Publication rules: the schedule, status at an instant, availability and the timeline."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_core import (
    AccessPolicy,
    Availability,
    MinutesClock,
    Nation,
    Partnership,
    load,
)
from csp_core.cli import main
from csp_core.reports import status_json
from csp_core.rules import (
    DutyKind,
    EventKind,
    Severity,
    Standing,
    availability_at,
    document_owners,
    duties,
    plan_in_force,
    status,
    timeline,
)
from tests.data import partnership_header
from tests.strategies import examples, partnerships

LONDON = ZoneInfo("Europe/London")
SCHEMA = json.loads(
    (Path(__file__).parents[1] / "src/csp_core/schemas/status.schema.json").read_text()
)

EXAMPLESHIRE = (
    partnership_header("Exampleshire", town="Exampleton")
    + """
[[bodies]]
id = "asb-group"
name = "Antisocial behaviour group"
kind = "sub-group"

[[plans]]
id = "plan-2017"
title = "Plan 2017-20"
period = { start = 2017-04-01, end = 2020-03-31 }
in_force_from = 2017-04-01
[[plans.documents]]
id = "plan-2017-doc"
kind = "plan"
title = "Plan 2017-20"
url = "https://example.org/plan-2017.pdf"
published = 2017-03-20T09:00:00

[[plans]]
id = "plan-2020"
title = "Plan 2020-23"
period = { start = 2020-04-01, end = 2023-03-31 }
in_force_from = 2020-04-01
[[plans.documents]]
id = "plan-2020-doc"
kind = "plan"
title = "Plan 2020-23"
url = "https://example.org/plan-2020.pdf"
published = 2020-03-25T09:00:00

[[assessments]]
id = "sa-2018"
title = "Strategic assessment 2018"
period = { start = 2017-01-01, end = 2017-12-31 }
published_on = 2018-01-15

# Tuesday 17 October 2017: agenda on Monday 9 October, exactly five clear working days.
[[meetings]]
id = "2017-10-17"
body = "board"
title = "Board meeting"
start = 2017-10-17T10:00:00
[[meetings.documents]]
id = "2017-10-17-draft"
kind = "draft-agenda"
title = "Draft agenda"
url = "https://example.org/2017-10-17-draft.pdf"
published = 2017-10-03T09:00:00
[[meetings.documents]]
id = "2017-10-17-agenda"
kind = "agenda"
title = "Agenda"
url = "https://example.org/2017-10-17-agenda.pdf"
published = 2017-10-09T16:30:00
[[meetings.documents]]
id = "2017-10-17-minutes"
kind = "minutes"
title = "Minutes"
url = "https://example.org/2017-10-17-minutes.pdf"
published = 2017-10-30T09:00:00

# Thursday 24 April 2025, after Easter: the agenda went up on Wednesday 16 April, two working
# days after the deadline of Monday 14 April, leaving three clear working days.
[[meetings]]
id = "2025-04-24"
body = "board"
title = "Board meeting"
start = 2025-04-24T10:00:00
[[meetings.documents]]
id = "2025-04-24-draft"
kind = "draft-agenda"
title = "Draft agenda"
url = "https://example.org/2025-04-24-draft.pdf"
published = 2025-04-09T09:00:00
[[meetings.documents]]
id = "2025-04-24-agenda"
kind = "agenda"
title = "Agenda"
url = "https://example.org/2025-04-24-agenda.pdf"
published = 2025-04-16T09:00:00
[[meetings.documents]]
id = "2025-04-24-secret"
kind = "report"
title = "Case conference"
availability = "withheld"
[[meetings.agenda]]
title = "Case conference"
exempt = true
exemption = 1
papers = ["2025-04-24-secret"]

# Monday 2 June 2025: nothing published at all.
[[meetings]]
id = "2025-06-02"
body = "board"
title = "Board meeting"
start = 2025-06-02T14:00:00

# A private meeting and a cancelled one: no duties, no public events.
[[meetings]]
id = "2025-05-12-private"
body = "asb-group"
title = "Case panel"
start = 2025-05-12T10:00:00
public = false
[[meetings.documents]]
id = "2025-05-12-notes"
kind = "minutes"
title = "Case panel notes"
url = "https://example.org/private-notes.pdf"
published = 2025-05-13T09:00:00

[[meetings]]
id = "2025-07-01"
body = "board"
title = "Board meeting"
start = 2025-07-01T10:00:00
status = "cancelled"
status_note = "Not quorate."
changes = [{ at = 2025-06-20T12:00:00, what = ["status"] }]
"""
)


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=LONDON)


@pytest.fixture(scope="module")
def exampleshire(tmp_path_factory: pytest.TempPathFactory) -> Partnership:
    path = tmp_path_factory.mktemp("ex") / "partnership.toml"
    path.write_text(EXAMPLESHIRE, encoding="utf-8")
    return load(path)


def _state(partnership: Partnership, duty_id: str, at: str):
    (found,) = [s for s in status(partnership, _at(at)).duties if s.duty.id == duty_id]
    return found


class TestSchedule:
    def test_agenda_deadline_is_five_clear_working_days(self, exampleshire: Partnership) -> None:
        """Meeting Tuesday 17 October 2017: agenda due Monday 9 October (DOMAIN C3)."""
        (agenda,) = [d for d in duties(exampleshire) if d.id == "meeting/2017-10-17/agenda"]
        assert agenda.deadline == dt.date(2017, 10, 9)
        assert agenda.statutory
        assert agenda.clear_days == 5
        assert agenda.target <= agenda.deadline

    def test_deadline_skips_easter(self, exampleshire: Partnership) -> None:
        """Meeting Thursday 24 April 2025: Monday 14 April, not Wednesday 16 April."""
        (agenda,) = [d for d in duties(exampleshire) if d.id == "meeting/2025-04-24/agenda"]
        assert agenda.deadline == dt.date(2025, 4, 14)

    def test_draft_agenda_two_weeks_before(self, exampleshire: Partnership) -> None:
        """The seed's 'around two weeks before': 14 calendar days."""
        (draft,) = [d for d in duties(exampleshire) if d.id == "meeting/2017-10-17/draft-agenda"]
        assert draft.deadline == dt.date(2017, 10, 3)

    def test_minutes_due_after_next_meeting(self, exampleshire: Partnership) -> None:
        """Minutes are due ten working days after the next meeting of the same body."""
        (minutes,) = [d for d in duties(exampleshire) if d.id == "meeting/2017-10-17/minutes"]
        # next board meeting going ahead: Thursday 24 April 2025; +10 working days
        assert minutes.deadline == dt.date(2025, 5, 9)
        clock = attrs.evolve(
            exampleshire,
            policy=attrs.evolve(exampleshire.policy, minutes_from=MinutesClock.MEETING),
        )
        (minutes,) = [d for d in duties(clock) if d.id == "meeting/2017-10-17/minutes"]
        assert minutes.deadline == dt.date(2017, 10, 31)

    def test_no_duties_for_private_or_cancelled_meetings(self, exampleshire: Partnership) -> None:
        """Only public meetings going ahead carry publication duties."""
        subjects = {d.subject for d in duties(exampleshire)}
        assert "2025-05-12-private" not in subjects
        assert "2025-07-01" not in subjects

    def test_exempt_papers_carry_no_duty(self, exampleshire: Partnership) -> None:
        """A withheld paper is never due for publication."""
        assert not [d for d in duties(exampleshire) if d.fulfilled_by == "2025-04-24-secret"]

    def test_access_policy(self, exampleshire: Partnership) -> None:
        """Statutory: a breach; voluntary: a warning; none: the own timetable, not statutory."""
        policy = exampleshire.policy

        def agenda(access: AccessPolicy, nation: Nation = Nation.ENGLAND):
            changed = attrs.evolve(
                exampleshire,
                nation=nation,
                policy=attrs.evolve(policy, access=access),
                meetings=exampleshire.meetings[:1],  # no exempt item: Wales numbers them 12-18
            )
            return next(d for d in duties(changed) if d.id == "meeting/2017-10-17/agenda")

        assert agenda(AccessPolicy.STATUTORY).severity is Severity.BREACH
        assert agenda(AccessPolicy.VOLUNTARY).severity is Severity.WARNING
        own = agenda(AccessPolicy.NONE)
        assert not own.statutory
        assert own.deadline == dt.date(2017, 10, 10)  # seven days before
        wales = agenda(AccessPolicy.STATUTORY, Nation.WALES)
        assert (wales.clear_days, wales.deadline) == (3, dt.date(2017, 10, 11))


class TestStatus:
    def test_on_time_at_the_deadline(self, exampleshire: Partnership) -> None:
        """Publishing on the deadline day, late in the afternoon, is on time."""
        state = _state(exampleshire, "meeting/2017-10-17/agenda", "2017-10-20T09:00")
        assert state.standing is Standing.ON_TIME
        assert state.clear_days_given == 5

    def test_late_counts_working_days(self, exampleshire: Partnership) -> None:
        """Published Wednesday 16 April 2025 for Thursday 24 April: two working days late."""
        state = _state(exampleshire, "meeting/2025-04-24/agenda", "2025-04-25T09:00")
        assert state.standing is Standing.LATE
        assert state.working_days_late == 2
        assert state.clear_days_given == 3

    def test_publication_after_the_instant_has_not_happened(
        self, exampleshire: Partnership
    ) -> None:
        """Before the agenda went up, it is due soon, then overdue; after, late."""
        agenda = "meeting/2025-04-24/agenda"
        assert _state(exampleshire, agenda, "2025-04-07T09:00").standing is Standing.DUE_SOON
        overdue = _state(exampleshire, agenda, "2025-04-15T09:00")
        assert overdue.standing is Standing.OVERDUE
        assert overdue.working_days_late == 1
        assert _state(exampleshire, agenda, "2025-04-16T09:00").standing is Standing.LATE

    def test_missing_documents_are_overdue(self, exampleshire: Partnership) -> None:
        """Nothing published for Monday 2 June 2025: draft agenda and agenda overdue by then."""
        report = status(exampleshire, _at("2025-06-02T09:00"))
        overdue = {s.duty.id for s in report.overdue}
        assert {"meeting/2025-06-02/draft-agenda", "meeting/2025-06-02/agenda"} <= overdue

    def test_next_meetings_skip_private_and_cancelled(self, exampleshire: Partnership) -> None:
        """Next meetings are public ones going ahead."""
        report = status(exampleshire, _at("2025-05-01T09:00"))
        assert [m.id for m in report.next_meetings] == ["2025-06-02"]

    def test_plan_in_force(self, exampleshire: Partnership) -> None:
        """The plan in force is the one with the latest in-force date on or before the day."""
        assert plan_in_force(exampleshire, dt.date(2020, 3, 31)).id == "plan-2017"  # type: ignore[union-attr]
        assert plan_in_force(exampleshire, dt.date(2020, 4, 1)).id == "plan-2020"  # type: ignore[union-attr]
        assert plan_in_force(exampleshire, dt.date(2017, 3, 31)) is None

    def test_plan_checks(self, exampleshire: Partnership) -> None:
        """Year one checked by the January 2018 assessment; year two's check is overdue."""
        checks = status(exampleshire, _at("2019-06-01T09:00")).of_kind(DutyKind.PLAN_CHECK)
        by_id = {s.duty.id: s for s in checks}
        assert by_id["plan/plan-2017/check/1"].standing is Standing.ON_TIME
        assert by_id["plan/plan-2017/check/2"].standing is Standing.OVERDUE
        assert by_id["plan/plan-2017/check/2"].duty.deadline == dt.date(2019, 4, 1)

    def test_json_follows_the_schema(self, exampleshire: Partnership) -> None:
        """The JSON report validates against the shipped schema, version 2."""
        data = status_json(exampleshire, status(exampleshire, _at("2025-06-02T09:00")))
        jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(
            data
        )
        assert data["schema_version"] == 2
        assert data["counts"]["overdue"] == len(data["overdue"])


class TestAvailability:
    def test_minutes_move_to_on_request_after_a_year(self, exampleshire: Partnership) -> None:
        """Recent minutes online; a year after the meeting, on request (the seed)."""
        owners = document_owners(exampleshire)
        meeting = exampleshire.meeting("2017-10-17")
        minutes = next(d for d in meeting.documents if d.kind.value == "minutes")

        def at(text: str) -> Availability | None:
            return availability_at(exampleshire, minutes, owners[minutes.id], _at(text))

        assert at("2017-10-29T09:00") is None
        assert at("2018-10-16T09:00") is Availability.ONLINE
        assert at("2018-10-17T09:00") is Availability.ON_REQUEST

    def test_previous_plans_on_request(self, exampleshire: Partnership) -> None:
        """A plan no longer in force is available on request."""
        owners = document_owners(exampleshire)
        old = exampleshire.plans[0].documents[0]
        assert availability_at(exampleshire, old, owners[old.id], _at("2020-03-31T09:00")) is (
            Availability.ONLINE
        )
        assert availability_at(exampleshire, old, owners[old.id], _at("2020-04-01T09:00")) is (
            Availability.ON_REQUEST
        )

    def test_private_meeting_documents_withheld(self, exampleshire: Partnership) -> None:
        """A private meeting's documents are never available to the public."""
        owners = document_owners(exampleshire)
        notes = exampleshire.meeting("2025-05-12-private").documents[0]
        assert availability_at(exampleshire, notes, owners[notes.id], _at("2025-06-01T09:00")) is (
            Availability.WITHHELD
        )


class TestTimeline:
    def test_public_events_only(self, exampleshire: Partnership) -> None:
        """No private meeting, no withheld paper; cancellation is an event."""
        events = timeline(exampleshire, _at("2026-01-01T00:00"))
        assert not [e for e in events if e.subject == "2025-05-12-private"]
        assert not [e for e in events if e.document == "2025-04-24-secret"]
        (cancelled,) = [e for e in events if e.kind is EventKind.MEETING_CANCELLED]
        assert cancelled.title == "Meeting cancelled: Board meeting, Tuesday 1 July 2025"

    def test_titles_people_understand(self, exampleshire: Partnership) -> None:
        """'Agenda published: Board meeting, Tuesday 17 October 2017'."""
        events = {e.id: e for e in timeline(exampleshire, _at("2017-10-20T00:00"))}
        agenda = events["document/2017-10-17-agenda/published"]
        assert agenda.title == "Agenda published: Board meeting, Tuesday 17 October 2017"
        assert agenda.link == "https://example.org/2017-10-17-agenda.pdf"

    def test_links_go_when_documents_go_on_request(self, exampleshire: Partnership) -> None:
        """An event keeps its id but loses its link once the document is on request."""
        later = {e.id: e for e in timeline(exampleshire, _at("2019-01-01T00:00"))}
        assert later["document/2017-10-17-minutes/published"].link is None


class TestCommand:
    def _write(self, tmp_path: Path, text: str = EXAMPLESHIRE) -> Path:
        path = tmp_path / "partnership.toml"
        path.write_text(text, encoding="utf-8")
        return path

    def test_strict_fails_on_late_items(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--strict=all exits 1 when something is late or overdue; 0 without --strict.

        Exampleshire's policy is voluntary, so nothing is a statutory breach and plain
        --strict (= statutory) passes; see tests/test_false_alarms.py for the levels.
        """
        path = self._write(tmp_path)
        assert main(["status", str(path), "--at", "2025-04-25T09:00", "--strict=all"]) == 1
        assert main(["status", str(path), "--at", "2025-04-25T09:00", "--strict"]) == 0
        assert main(["status", str(path), "--at", "2025-04-25T09:00"]) == 0
        assert "Published late (1)" in capsys.readouterr().out

    def test_strict_passes_when_all_on_time(self, tmp_path: Path) -> None:
        """A partnership with everything on time passes --strict."""
        path = self._write(tmp_path)
        assert main(["status", str(path), "--at", "2017-10-20T09:00", "--strict"]) == 0

    def test_json_output(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--format json prints one JSON document following the schema."""
        path = self._write(tmp_path)
        assert main(["status", str(path), "--at", "2025-04-25T09:00", "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        jsonschema.validate(data, SCHEMA)
        assert [d["id"] for d in data["late"]] == ["meeting/2025-04-24/agenda"]

    def test_bad_instant(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An unparseable or non-existent --at is a usage error, exit 2, no traceback."""
        path = self._write(tmp_path)
        assert main(["status", str(path), "--at", "yesterday"]) == 2
        assert main(["status", str(path), "--at", "2019-03-31T01:30"]) == 2
        err = capsys.readouterr().err
        assert "does not exist in Europe/London" in err
        assert "Traceback" not in err


_PROPERTY = examples(40)
_instants = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2036, 1, 1), timezones=st.just(dt.UTC)
)


class TestProperties:
    @_PROPERTY
    @given(partnership=partnerships(), first=_instants, second=_instants)
    def test_timeline_ids_unique_and_stable(
        self, partnership: Partnership, first: dt.datetime, second: dt.datetime
    ) -> None:
        """Ids are unique; every event at an earlier instant is there later, unchanged in time."""
        early, late = sorted((first, second))
        before = {e.id: e for e in timeline(partnership, early)}
        after_events = timeline(partnership, late)
        after = {e.id: e for e in after_events}
        assert len(after) == len(after_events)
        for event_id, event in before.items():
            assert after[event_id].at == event.at
            assert after[event_id].title == event.title
        assert [e.at for e in after_events] == sorted(e.at for e in after_events)
        assert all(e.at <= late for e in after_events)

    @_PROPERTY
    @given(partnership=partnerships(), at=_instants)
    def test_timeline_is_public(self, partnership: Partnership, at: dt.datetime) -> None:
        """Nothing from a private meeting or a withheld document reaches the timeline."""
        closed = {b.id for b in partnership.bodies if not b.public}
        private = [m for m in partnership.meetings if not m.public or m.body in closed]
        hidden = {d.id for m in private for d in m.documents} | {
            d.id for d in partnership.documents() if d.availability is Availability.WITHHELD
        }
        for event in timeline(partnership, at):
            assert not any(event.id.startswith(f"meeting/{m.id}/") for m in private)
            assert event.document not in hidden
            assert not any(event.id.startswith(f"document/{d}/") for d in hidden)

    @_PROPERTY
    @given(partnership=partnerships(), at=_instants)
    def test_standings_agree_with_deadlines(
        self, partnership: Partnership, at: dt.datetime
    ) -> None:
        """Overdue means unpublished past the deadline; late means published after it."""
        today = at.astimezone(partnership.timezone).date()
        for state in status(partnership, at).duties:
            duty = state.duty
            published = duty.published is not None and duty.published <= at
            assert duty.target <= duty.deadline
            if state.standing is Standing.OVERDUE:
                assert not published
                assert today > duty.deadline
            if state.standing in {Standing.LATE, Standing.ON_TIME}:
                assert published
            if state.standing is Standing.LATE:
                assert duty.published is not None
                assert duty.published.astimezone(partnership.timezone).date() > duty.deadline
