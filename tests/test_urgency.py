"""Private meetings under a statutory policy, and urgency (docs/rules.md "Private meetings and
urgency"; Local Government Act 1972 s.100A(2)-(5), s.100B(3)(b) and s.100B(4)(b))."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from csp_core import CspError, Partnership, load
from csp_core.reports import status_json
from csp_core.rules import Duty, DutyState, Severity, Standing, assess, duties, status
from tests.data import partnership_header

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "src/csp_core/schemas/status.schema.json").read_text()
)


def _write(tmp_path: Path, policy: str, meeting: str) -> Path:
    path = tmp_path / "partnership.toml"
    path.write_text(
        partnership_header("Urgentshire")
        + f"\n[policy]\naccess = {policy!r}\n\n[[meetings]]\n"
        + 'id = "m"\nbody = "board"\ntitle = "Board"\nstart = 2025-03-14T10:00:00+00:00\n'
        + meeting,
        encoding="utf-8",
    )
    return path


class TestPrivateMeetings:
    """Under Part VA a meeting is open; the public are excluded only from exempt items."""

    def test_statutory_refuses_a_private_meeting(self, tmp_path: Path) -> None:
        with pytest.raises(CspError) as raised:
            load(_write(tmp_path, "statutory", "public = false\n"))
        message = str(raised.value)
        assert "meetings[0].public" in message
        assert "s.100A" in message
        assert "exempt" in message

    @pytest.mark.parametrize("policy", ["voluntary", "none"])
    def test_other_policies_allow_a_private_meeting(self, tmp_path: Path, policy: str) -> None:
        partnership = load(_write(tmp_path, policy, "public = false\n"))
        assert not partnership.meetings[0].public

    def test_statutory_allows_a_public_meeting_with_an_exempt_item(self, tmp_path: Path) -> None:
        item = '[[meetings.agenda]]\ntitle = "Operations"\nexempt = true\nexemption = 7\n'
        partnership = load(_write(tmp_path, "statutory", item))
        assert partnership.meetings[0].agenda[0].exempt


# Friday 14 March 2025, 10:00 in England: five clear working days (s.100B(3)) are Friday 7,
# Monday 10, Tuesday 11, Wednesday 12 and Thursday 13 March, so the agenda is normally due by
# Thursday 6 March.  Convened at short notice on Tuesday 11 March, it is due that day instead
# (s.100B(3)(b)): published at 14:00 on 11 March it is on time.
SHORT = (
    'short_notice = { reason = "Called after the closure of the night shelter", '
    "convened = 2025-03-11T09:00:00+00:00 }\n"
    "[[meetings.documents]]\n"
    'id = "m-agenda"\nkind = "agenda"\ntitle = "Agenda"\n'
    'url = "https://example.org/agenda.pdf"\npublished = 2025-03-11T14:00:00+00:00\n'
)


class TestShortNotice:
    def _agenda(self, tmp_path: Path, meeting: str) -> tuple[Duty, DutyState]:
        partnership = load(_write(tmp_path, "statutory", meeting))
        duty = next(d for d in duties(partnership) if d.id == "meeting/m/agenda")
        at = dt.datetime(2025, 3, 20, tzinfo=dt.UTC)
        return duty, assess(partnership, duty, at, 14)

    def test_due_when_convened_and_on_time(self, tmp_path: Path) -> None:
        duty, state = self._agenda(tmp_path, SHORT)
        assert duty.deadline == dt.date(2025, 3, 11)
        assert duty.target == dt.date(2025, 3, 11)
        assert duty.urgency == "Called after the closure of the night shelter"
        assert state.standing is Standing.ON_TIME

    def test_without_short_notice_the_same_agenda_is_late(self, tmp_path: Path) -> None:
        duty, state = self._agenda(tmp_path, SHORT.split("\n", 1)[1])
        assert duty.deadline == dt.date(2025, 3, 6)
        assert duty.urgency is None
        assert state.standing is Standing.LATE
        assert duty.severity is Severity.BREACH

    def test_convened_before_the_usual_deadline_changes_nothing(self, tmp_path: Path) -> None:
        # Convened on Monday 3 March: the clear days can still be given, the deadline stays 6 March.
        early = SHORT.replace("2025-03-11T09:00", "2025-03-03T09:00")
        duty, _ = self._agenda(tmp_path, early)
        assert duty.deadline == dt.date(2025, 3, 6)
        assert duty.urgency is None

    def test_convened_after_the_start_is_refused(self, tmp_path: Path) -> None:
        late = SHORT.replace("2025-03-11T09:00", "2025-03-15T09:00")
        with pytest.raises(CspError, match=r"short_notice\.convened"):
            load(_write(tmp_path, "statutory", late))


def test_status_says_why(tmp_path: Path) -> None:
    """The JSON duty carries the reason, and the text says it instead of a breach."""
    partnership = load(_write(tmp_path, "statutory", SHORT))
    at = dt.datetime(2025, 3, 20, tzinfo=dt.UTC)
    report = status_json(partnership, status(partnership, at))
    jsonschema.validate(report, SCHEMA)
    agenda = next(d for d in report["duties"] if d["id"] == "meeting/m/agenda")
    assert agenda["urgency"] == "Called after the closure of the night shelter"
    assert agenda["standing"] == "on-time"
    assert agenda["deadline"] == "2025-03-11"


def test_public_view_and_publishers_show_the_reason(tmp_path: Path) -> None:
    """The reason is public: the HTML meeting page entry and the calendar description show it."""
    from csp_html.pages.meeting import meeting_entry
    from csp_ical.describe import meeting_description

    from csp_core import public_view

    partnership = load(_write(tmp_path, "statutory", SHORT))
    view = public_view(partnership, dt.datetime(2025, 3, 20, tzinfo=dt.UTC))
    meeting = view.partnership.meetings[0]
    reason = "Called after the closure of the night shelter"
    assert meeting.short_notice is not None
    assert meeting.short_notice.reason == reason
    assert meeting_entry(view, meeting, map_links=False).short_notice == reason
    assert f"Called at short notice: {reason}" in meeting_description(
        view, meeting, None, lambda address: address
    )


# Supplements (s.100B(3)-(4)).  The same meeting, Friday 14 March 2025, England: the agenda is
# due by Thursday 6 March (five clear working days, above) and published on Monday 3 March.  A
# supplement published on Tuesday 11 March is 3 working days late (Friday 7, Monday 10,
# Tuesday 11 March after the deadline), leaving 2 clear working days (Wednesday 12 and
# Thursday 13).  With the chair's reason for urgency (s.100B(4)(b)) it is due on its own day,
# Tuesday 11 March, and on time.
def _supplemented(urgency: str = "") -> str:
    reason = f', urgency = "{urgency}"' if urgency else ""
    return (
        "[[meetings.documents]]\n"
        'id = "m-agenda"\nkind = "agenda"\ntitle = "Agenda"\n'
        'url = "https://example.org/agenda.pdf"\npublished = 2025-03-03T09:00:00+00:00\n'
        'revisions = [{ kind = "supplement", published = 2025-03-11T15:00:00+00:00, '
        f'note = "Item 9 added"{reason} }}]\n'
    )


SUPPLEMENT = "meeting/m/supplement/m-agenda/1"
REASON = "The police report on the weekend's disorder arrived on Monday"


class TestSupplements:
    def _state(self, tmp_path: Path, meeting: str, at: dt.datetime) -> DutyState | None:
        partnership = load(_write(tmp_path, "statutory", meeting))
        found = status(partnership, at).duties
        return next((state for state in found if state.duty.id == SUPPLEMENT), None)

    def test_a_late_supplement_is_a_statutory_breach(self, tmp_path: Path) -> None:
        state = self._state(tmp_path, _supplemented(), dt.datetime(2025, 3, 20, tzinfo=dt.UTC))
        assert state is not None
        assert state.duty.deadline == dt.date(2025, 3, 6)
        assert state.standing is Standing.LATE
        assert state.working_days_late == 3
        assert state.clear_days_given == 2
        assert state.published_on == dt.date(2025, 3, 11)
        assert state.duty.severity is Severity.BREACH
        assert state.duty.urgency is None

    def test_an_urgent_supplement_is_due_on_its_own_day(self, tmp_path: Path) -> None:
        at = dt.datetime(2025, 3, 20, tzinfo=dt.UTC)
        state = self._state(tmp_path, _supplemented(REASON), at)
        assert state is not None
        assert state.duty.deadline == dt.date(2025, 3, 11)
        assert state.standing is Standing.ON_TIME
        assert state.duty.urgency == REASON

    def test_a_supplement_before_the_deadline_is_on_time(self, tmp_path: Path) -> None:
        # Published Wednesday 5 March, before the agenda deadline of Thursday 6 March: the reason
        # is not needed, and the deadline stays the agenda's.
        early = _supplemented(REASON).replace("2025-03-11T15", "2025-03-05T15")
        state = self._state(tmp_path, early, dt.datetime(2025, 3, 20, tzinfo=dt.UTC))
        assert state is not None
        assert state.duty.deadline == dt.date(2025, 3, 6)
        assert state.standing is Standing.ON_TIME
        assert state.duty.urgency is None

    def test_no_duty_before_the_supplement_exists(self, tmp_path: Path) -> None:
        # At 14:59 on 11 March the supplement is not public yet: nothing is due, nothing leaks.
        before = dt.datetime(2025, 3, 11, 14, 59, tzinfo=dt.UTC)
        assert self._state(tmp_path, _supplemented(), before) is None

    def test_only_a_supplement_can_be_urgent(self, tmp_path: Path) -> None:
        wrong = _supplemented(REASON).replace('kind = "supplement"', 'kind = "correction"')
        with pytest.raises(CspError, match=r"revisions\[0\]\.urgency"):
            load(_write(tmp_path, "statutory", wrong))

    def test_status_text_and_json_give_the_reason(self, tmp_path: Path) -> None:
        from csp_core.reports import status_text

        partnership = load(_write(tmp_path, "statutory", _supplemented(REASON)))
        found = status(partnership, dt.datetime(2025, 3, 20, tzinfo=dt.UTC))
        report = status_json(partnership, found)
        jsonschema.validate(report, SCHEMA)
        duty = next(d for d in report["duties"] if d["id"] == SUPPLEMENT)
        assert (duty["kind"], duty["urgency"], duty["standing"]) == (
            "supplement",
            REASON,
            "on-time",
        )
        assert duty["fulfilled_by"] == "m-agenda"
        assert f"urgent item: {REASON}" in status_text(partnership, found)

    def test_publishers_show_the_reason(self, tmp_path: Path) -> None:
        from csp_html.documents import document_entry
        from csp_ical.describe import meeting_description

        from csp_core import labels, public_view

        partnership = load(_write(tmp_path, "statutory", _supplemented(REASON)))
        view = public_view(partnership, dt.datetime(2025, 3, 20, tzinfo=dt.UTC))
        meeting = view.partnership.meetings[0]
        sentence = labels.urgency(REASON)
        assert REASON in sentence
        entry = document_entry(view, meeting.documents[0])
        assert entry.revisions[0].urgency == sentence
        assert sentence in meeting_description(view, meeting, None, lambda address: address)
        revised = next(e for e in view.timeline if e.id == "document/m-agenda/revision/1")
        assert sentence in revised.summary
        assert any(state.duty.id == SUPPLEMENT for state in view.duties)


def test_cambridge_supplement_is_reported_late(cambridge: Partnership) -> None:
    """Cambridge's 12 February 2019 supplementary pack records no reason for urgency.

    Tuesday 12 February 2019: five clear working days are Tuesday 5 to Monday 11 February, so
    the agenda was due on Monday 4 February.  The pack went up on Friday 8 February at 15:00:
    4 working days late (5, 6, 7 and 8 February), giving 1 clear working day (Monday 11).
    The policy is voluntary, so it is a warning, not a statutory breach.
    """
    found = status(cambridge, dt.datetime(2019, 3, 1, 12, tzinfo=dt.UTC))
    state = next(s for s in found.duties if s.duty.id.startswith("meeting/2019-02-12/supplement"))
    assert state.duty.deadline == dt.date(2019, 2, 4)
    assert state.standing is Standing.LATE
    assert state.working_days_late == 4
    assert state.clear_days_given == 1
    assert state.duty.severity is Severity.WARNING
