"""The record of a meeting (attendance, declarations, decisions) and the action log.

The model's checks (each naming its field), loading and dumping, and the public view: the
record is public exactly when the minutes are, agreed once the body's next meeting has started,
an exempt item's decisions and declarations keep only what the item's rule allows, and actions
are public with the minutes of the meeting that raised them, each update with its meeting's.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import jsonschema
import pytest
from hypothesis import given

from csp_core import (
    Action,
    ActionStatus,
    ActionUpdate,
    Attendee,
    DataError,
    Decision,
    DecisionMethod,
    InterestKind,
    InvalidModel,
    MeetingRecord,
    Partnership,
    Presence,
    Votes,
    dump,
    load,
    public_view,
)
from csp_core.model import DocumentKind
from csp_core.reports import status_json, status_text
from csp_core.rules import status
from csp_core.rules.records import PracticeKind, action_states, members_present, record_findings
from tests.data import partnership_header
from tests.strategies import examples, partnerships_at_instants

LONDON = ZoneInfo("Europe/London")

#: Three board meetings of 2024, each with its minutes published two weeks later, the first
#: with an exempt item 3, and an action raised at the first, updated at the second and closed
#: at the third; another raised under the exempt item.
DATA = (
    partnership_header()
    + """quorum = 3

[[agencies]]
id = "council"
name = "Testford Council"
sector = "council"
responsible_authority = true
memberships = [{ role = "member" }]

[[agencies]]
id = "police"
name = "Testshire Police"
sector = "police"
responsible_authority = true
memberships = [{ role = "member" }]

[[agencies]]
id = "pcc"
name = "Office of the Police and Crime Commissioner"
sector = "police"
memberships = [{ role = "observer" }]

[[meetings]]
id = "2024-02-06"
body = "board"
title = "Board meeting"
start = 2024-02-06T10:00:00
agenda = [
  { number = "1", title = "Apologies" },
  { number = "2", title = "Community safety plan", summary = "The draft plan" },
  { number = "3", title = "Contract", exempt = true, exemption = 3 },
]
documents = [
  { id = "m1-minutes", kind = "minutes", title = "Minutes", url = "https://example.org/m1.pdf", published = 2024-02-20T09:00:00 },
]

[meetings.record]
attendance = [
  { name = "Cllr Ann Example", agency = "council", role = "Chair" },
  { name = "Insp Bo Example", agency = "police", presence = "substitute", on_behalf_of = "Supt Cy Example" },
  { name = "Di Example", agency = "council", role = "Community Safety Manager", presence = "apologies" },
  { name = "Ed Example", agency = "pcc", role = "Policy officer", presence = "in-attendance" },
]
declarations = [
  { item = "2", name = "Cllr Ann Example", interest = "Trustee of the night shelter", kind = "non-registrable" },
  { item = "3", name = "Cllr Ann Example", interest = "Owns a shop next to the site", kind = "disclosable-pecuniary", left_room = true },
]
decisions = [
  { item = "2", resolution = "That the plan be agreed" },
  { item = "3", resolution = "That the contract be awarded to Example Ltd", method = "vote", votes = { in_favour = 5, abstentions = 1 } },
]

[[meetings]]
id = "2024-06-04"
body = "board"
title = "Board meeting"
start = 2024-06-04T10:00:00
agenda = [{ number = "1", title = "Action points" }]
documents = [
  { id = "m2-minutes", kind = "minutes", title = "Minutes", url = "https://example.org/m2.pdf", published = 2024-06-18T09:00:00 },
]

[meetings.record]
attendance = [{ name = "Cllr Ann Example", agency = "council", role = "Chair" }]
decisions = [{ item = "1", resolution = "That the action points be noted", method = "noted" }]

[[meetings]]
id = "2024-10-01"
body = "board"
title = "Board meeting"
start = 2024-10-01T10:00:00
agenda = [{ number = "1", title = "Action points" }]
documents = [
  { id = "m3-minutes", kind = "minutes", title = "Minutes", url = "https://example.org/m3.pdf", published = 2024-10-15T09:00:00 },
]

[[actions]]
id = "landlord-letters"
title = "Write to landlords about the new protocol"
raised = "2024-02-06"
item = "2"
owner_agency = "council"
owner_role = "Community Safety Manager"
due = 2024-05-31
updates = [
  { meeting = "2024-06-04", status = "in-progress", note = "Letters drafted" },
  { meeting = "2024-10-01", status = "done", note = "Letters sent to 40 landlords" },
]

[[actions]]
id = "contract-terms"
title = "Agree the contract's terms with Example Ltd"
raised = "2024-02-06"
item = "3"
"""  # noqa: E501 - a TOML line per entry, as an officer writes them
)


def _at(*fields: int) -> dt.datetime:
    return dt.datetime(*fields, tzinfo=LONDON)


@pytest.fixture
def partnership(tmp_path: Path) -> Partnership:
    path = tmp_path / "partnership.toml"
    path.write_text(DATA, encoding="utf-8")
    return load(path)


def _load_with(tmp_path: Path, old: str, new: str) -> DataError:
    assert old in DATA
    path = tmp_path / "partnership.toml"
    path.write_text(DATA.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load(path)
    return error.value


class TestModel:
    def test_loaded(self, partnership: Partnership) -> None:
        record = partnership.meeting("2024-02-06").record
        assert record is not None
        assert [a.presence for a in record.attendance] == [
            Presence.PRESENT,
            Presence.SUBSTITUTE,
            Presence.APOLOGIES,
            Presence.IN_ATTENDANCE,
        ]
        assert record.attendance[1].on_behalf_of == "Supt Cy Example"
        assert record.declarations[1].kind is InterestKind.DISCLOSABLE_PECUNIARY
        assert record.decisions[1].votes == Votes(in_favour=5, against=0, abstentions=1)
        assert partnership.body("board").quorum == 3
        assert [action.status for action in partnership.actions] == [
            ActionStatus.DONE,
            ActionStatus.OPEN,
        ]

    def test_round_trip(self, partnership: Partnership, tmp_path: Path) -> None:
        path = tmp_path / "again.json"
        path.write_text(json.dumps(dump(partnership)), encoding="utf-8")
        assert load(path) == partnership

    @pytest.mark.parametrize(
        ("old", "new", "where", "says"),
        [
            (
                '{ item = "2", resolution = "That the plan',
                '{ item = "7", resolution = "That the plan',
                "meetings[0].record.decisions[0].item",
                "'7' is not an item of this meeting's agenda (items: 1, 2, 3)",
            ),
            (
                '{ item = "2", name =',
                '{ item = "2b", name =',
                "meetings[0].record.declarations[0].item",
                "'2b' is not an item",
            ),
            (
                'agency = "pcc", role',
                'agency = "opcc", role',
                "meetings[0].record.attendance[3].agency",
                "no agency with id 'opcc'",
            ),
            (
                'role = "Chair" },\n  { name = "Insp',
                'role = "Chair", on_behalf_of = "X" },\n  { name = "Insp',
                "meetings[0].record.attendance[0].on_behalf_of",
                "only a substitute",
            ),
            (
                '"That the plan be agreed" }',
                '"That the plan be agreed", votes = { in_favour = 3 } }',
                "meetings[0].record.decisions[0].votes",
                "only a decision by vote",
            ),
            (
                "in_favour = 5,",
                "in_favour = -5,",
                "meetings[0].record.decisions[1].votes.in_favour",
                "-5 is not a count",
            ),
            (
                'name = "Di Example"',
                'name = "Cllr Ann Example"',
                "meetings[0].record.attendance[2].name",
                "listed twice",
            ),
            ("quorum = 3", "quorum = 0", "bodies[0].quorum", "not a quorum"),
            (
                'raised = "2024-02-06"\nitem = "2"',
                'raised = "2024-02-07"\nitem = "2"',
                "actions[0].raised",
                "no meeting with id '2024-02-07'",
            ),
            (
                'raised = "2024-02-06"\nitem = "3"',
                'raised = "2024-02-06"\nitem = "4"',
                "actions[1].item",
                "'4' is not an item of the agenda of '2024-02-06' (items: 1, 2, 3)",
            ),
            (
                'owner_agency = "council"',
                'owner_agency = "city"',
                "actions[0].owner_agency",
                "no agency with id 'city'",
            ),
            (
                '{ meeting = "2024-06-04", status',
                '{ meeting = "2024-02-06", status',
                "actions[0].updates[0].meeting",
                "'2024-02-06' does not start after '2024-02-06' (the meeting that raised it)",
            ),
            (
                'status = "in-progress"',
                'status = "dropped"',
                "actions[0].updates[1]",
                "comes after an update that closed the action",
            ),
        ],
    )
    def test_problem_named_at_its_field(
        self, tmp_path: Path, old: str, new: str, where: str, says: str
    ) -> None:
        error = _load_with(tmp_path, old, new)
        found = [(p.path, p.message) for p in error.problems]
        assert any(path == where and says in message for path, message in found), found

    def test_updates_in_the_order_of_their_meetings(self, tmp_path: Path) -> None:
        error = _load_with(
            tmp_path,
            '{ meeting = "2024-06-04", status = "in-progress", note = "Letters drafted" },\n'
            '  { meeting = "2024-10-01", status = "done", note = "Letters sent to 40 landlords" },',
            '{ meeting = "2024-10-01", status = "in-progress" },\n'
            '  { meeting = "2024-06-04", status = "done" },',
        )
        assert [(p.path, p.message) for p in error.problems] == [
            (
                "actions[0].updates[1].meeting",
                "'2024-06-04' does not start after '2024-10-01' (the update before): list "
                "updates in the order of their meetings",
            )
        ]

    def test_no_record_of_a_cancelled_meeting(self, tmp_path: Path) -> None:
        error = _load_with(
            tmp_path,
            "start = 2024-10-01T10:00:00\n",
            'start = 2024-10-01T10:00:00\nstatus = "cancelled"\n'
            'changes = [{ at = 2024-09-01T09:00:00, what = ["status"] }]\n'
            'record = { decisions = [{ item = "1", method = "noted" }] }\n',
        )
        assert (
            "meetings[2].record",
            "a cancelled meeting did not take place: it has no record",
        ) in [(p.path, p.message) for p in error.problems]

    def test_actions_in_a_further_file(self, tmp_path: Path) -> None:
        """``[[actions]]`` may be kept in a file of their own; problems named in it."""
        head, actions = DATA.split("[[actions]]", 1)
        (tmp_path / "partnership.toml").write_text(head, encoding="utf-8")
        (tmp_path / "actions.toml").write_text("[[actions]]" + actions, encoding="utf-8")
        assert [a.id for a in load(tmp_path).actions] == ["landlord-letters", "contract-terms"]
        broken = ("[[actions]]" + actions).replace('item = "3"', 'item = "9"')
        (tmp_path / "actions.toml").write_text(broken, encoding="utf-8")
        with pytest.raises(DataError) as error:
            load(tmp_path)
        (problem,) = error.value.problems
        assert Path(problem.file).name == "actions.toml"
        assert problem.path == "actions[1].item"

    def test_constructed_directly(self) -> None:
        with pytest.raises(InvalidModel) as error:
            Attendee(name="A", presence=Presence.ABSENT, on_behalf_of="B")
        assert error.value.problems[0][0] == "on_behalf_of"
        with pytest.raises(InvalidModel):
            Decision(item="1", method=DecisionMethod.AGREED, votes=Votes(in_favour=1))
        with pytest.raises(InvalidModel):
            Action(
                id="a",
                title="A",
                raised="m",
                updates=(
                    ActionUpdate(meeting="n", status=ActionStatus.DONE),
                    ActionUpdate(meeting="o", status=ActionStatus.OPEN),
                ),
            )
        assert MeetingRecord().attendance == ()


class TestPublicView:
    def test_no_record_before_the_minutes(self, partnership: Partnership) -> None:
        # The first meeting's minutes are published at 09:00 on Tuesday 20 February 2024 (GMT).
        view = public_view(partnership, _at(2024, 2, 20, 8, 59, 59))
        assert view.partnership.meeting("2024-02-06").record is None
        assert view.actions() == ()

    def test_record_with_the_minutes_a_draft_until_the_next_meeting(
        self, partnership: Partnership
    ) -> None:
        view = public_view(partnership, _at(2024, 2, 20, 9))
        meeting = view.partnership.meeting("2024-02-06")
        record = meeting.record
        assert record is not None
        assert record.attendance == partnership.meeting("2024-02-06").record.attendance  # type: ignore[union-attr]
        assert record.decisions[0].resolution == "That the plan be agreed"
        # The next board meeting starts at 10:00 BST on 4 June 2024 (09:00 UTC): draft until then.
        assert not view.minutes_agreed(meeting)
        later = public_view(partnership, _at(2024, 6, 4, 9, 59, 59))
        assert not later.minutes_agreed(later.partnership.meeting("2024-02-06"))
        agreed = public_view(partnership, _at(2024, 6, 4, 10))
        assert agreed.minutes_agreed(agreed.partnership.meeting("2024-02-06"))
        # The last meeting has no next one: its minutes stay a draft.
        end = public_view(partnership, _at(2030, 1, 1))
        assert not end.minutes_agreed(end.partnership.meeting("2024-10-01"))

    def test_exempt_item_keeps_only_what_its_rule_allows(self, partnership: Partnership) -> None:
        for at in (_at(2024, 2, 20, 9), _at(2030, 1, 1)):  # never, however late
            record = public_view(partnership, at).partnership.meeting("2024-02-06").record
            assert record is not None
            assert record.decisions[1] == Decision(item="3", method=DecisionMethod.VOTE)
            declaration = record.declarations[1]
            assert (declaration.name, declaration.kind, declaration.interest) == (
                "Cllr Ann Example",
                InterestKind.DISCLOSABLE_PECUNIARY,
                None,
            )
            assert declaration.left_room
            assert record.declarations[0].interest == "Trustee of the night shelter"

    def test_withdrawn_minutes_take_the_record_with_them(self, partnership: Partnership) -> None:
        meeting = partnership.meeting("2024-06-04")
        minutes = meeting.document(DocumentKind.MINUTES)
        assert minutes is not None
        from csp_core import Revision, RevisionKind

        withdrawn = attrs.evolve(
            minutes,
            revisions=(
                Revision(
                    kind=RevisionKind.WITHDRAWAL, published=_at(2024, 7, 1, 9), note="Withdrawn"
                ),
            ),
        )
        changed = attrs.evolve(
            partnership,
            meetings=tuple(
                attrs.evolve(m, documents=(withdrawn,)) if m.id == meeting.id else m
                for m in partnership.meetings
            ),
        )
        assert public_view(changed, _at(2024, 6, 30)).partnership.meeting(meeting.id).record
        assert (
            public_view(changed, _at(2024, 7, 1, 9)).partnership.meeting(meeting.id).record is None
        )

    def test_private_body_contributes_nothing(self, partnership: Partnership) -> None:
        closed = attrs.evolve(
            partnership,
            bodies=tuple(attrs.evolve(b, public=False, kind=b.kind) for b in partnership.bodies),
        )
        view = public_view(closed, _at(2030, 1, 1))
        assert view.partnership.meetings == ()
        assert view.actions() == ()

    @pytest.mark.parametrize(
        ("at", "status", "overdue", "notes"),
        [
            # Minutes of the first meeting public (20 Feb): open; due 31 May, not yet passed.
            (_at(2024, 2, 20, 9), ActionStatus.OPEN, False, []),
            # 31 May is the due date itself: not overdue until the day after.
            (_at(2024, 5, 31, 23, 59), ActionStatus.OPEN, False, []),
            (_at(2024, 6, 1, 0), ActionStatus.OPEN, True, []),
            # The June meeting has met (4 June) but its minutes wait until 18 June 09:00 BST.
            (_at(2024, 6, 18, 8, 59), ActionStatus.OPEN, True, []),
            (_at(2024, 6, 18, 9), ActionStatus.IN_PROGRESS, True, ["Letters drafted"]),
            # Closed by the October minutes (15 October 09:00 BST): no longer overdue.
            (
                _at(2024, 10, 15, 9),
                ActionStatus.DONE,
                False,
                ["Letters drafted", "Letters sent to 40 landlords"],
            ),
        ],
    )
    def test_action_carried_until_closed(
        self,
        partnership: Partnership,
        at: dt.datetime,
        status: ActionStatus,
        overdue: bool,
        notes: list[str],
    ) -> None:
        view = public_view(partnership, at)
        (state,) = view.actions()  # never the action raised under the exempt item
        assert state.action.id == "landlord-letters"
        assert (state.status, state.overdue) == (status, overdue)
        assert [update.note for update in state.action.updates] == notes
        first = view.partnership.meeting("2024-02-06")
        assert view.actions_of(first) == (state,)

    def test_officers_status_counts_the_meeting_itself(self, partnership: Partnership) -> None:
        """On the full data an update counts from its meeting's start, before its minutes."""
        (state, other) = action_states(partnership, _at(2024, 6, 4, 10))
        assert state.status is ActionStatus.IN_PROGRESS
        assert state.overdue
        assert (other.status, other.overdue) == (ActionStatus.OPEN, False)  # no due date
        assert action_states(partnership, _at(2024, 2, 6, 9, 59)) == ()


class TestProperties:
    @examples(40)
    @given(data=partnerships_at_instants())
    def test_record_public_exactly_with_the_minutes(
        self, data: tuple[Partnership, list[dt.datetime]]
    ) -> None:
        """A meeting of the view has a record iff it has one and its minutes are in the view."""
        partnership, instants = data
        for at in instants:
            view = public_view(partnership, at)
            for meeting in view.partnership.meetings:
                minutes = meeting.document(DocumentKind.MINUTES)
                original = partnership.meeting(meeting.id)
                expected = (
                    original.record is not None and minutes is not None and meeting.goes_ahead
                )
                assert (meeting.record is not None) == expected

    @examples(40)
    @given(data=partnerships_at_instants())
    def test_no_action_update_before_its_minutes(
        self, data: tuple[Partnership, list[dt.datetime]]
    ) -> None:
        """Every public action and update comes from a meeting whose minutes are public."""
        partnership, instants = data
        for at in instants:
            view = public_view(partnership, at)
            with_minutes = {
                m.id for m in view.partnership.meetings if m.document(DocumentKind.MINUTES)
            }
            for state in view.actions():
                assert state.action.raised in with_minutes
                assert {u.meeting for u in state.action.updates} <= with_minutes
                original = next(a for a in partnership.actions if a.id == state.action.id)
                # A prefix of the real updates: none skipped, none invented.
                count = len(state.action.updates)
                assert original.updates[:count] == state.action.updates


_STATUS_SCHEMA = json.loads(
    (Path(__file__).parents[1] / "src/csp_core/schemas/status.schema.json").read_text()
)


class TestStatus:
    """``csp status``: overdue actions, quorum and the practice checks, text and JSON."""

    def _report(self, partnership: Partnership, at: dt.datetime) -> tuple[str, dict[str, Any]]:
        report = status(partnership, at)
        data = status_json(partnership, report)
        jsonschema.validate(data, _STATUS_SCHEMA)
        return status_text(partnership, report), data

    def test_overdue_action(self, partnership: Partnership) -> None:
        # Due Friday 31 May 2024; at 09:00 BST on Monday 3 June it is overdue and still open
        # (the June meeting, which moves it on, starts on 4 June).
        text, data = self._report(partnership, _at(2024, 6, 3, 9))
        assert data["overdue_actions"] == [
            {
                "id": "landlord-letters",
                "title": "Write to landlords about the new protocol",
                "raised": "2024-02-06",
                "item": "2",
                "owner_agency": "council",
                "owner_role": "Community Safety Manager",
                "due": "2024-05-31",
                "status": "open",
                "last_update": None,
            }
        ]
        assert (
            "Overdue actions (1)\n  Fri 31 May 2024  Write to landlords about the new protocol "
            "(Community Safety Manager, Testford Council; raised Tue 6 Feb 2024; open)"
        ) in text
        # From the June meeting's start it is in progress (officers know before the minutes).
        _, data = self._report(partnership, _at(2024, 6, 4, 10))
        assert [a["status"] for a in data["overdue_actions"]] == ["in-progress"]
        assert data["overdue_actions"][0]["last_update"] == "2024-06-04"
        # Closed at the October meeting.
        text, data = self._report(partnership, _at(2024, 10, 1, 10))
        assert data["overdue_actions"] == []
        assert "Overdue actions (0)\n  none" in text

    def test_not_quorate(self, partnership: Partnership) -> None:
        # Quorum 3.  At the February meeting: the council's chair (present) and the police's
        # substitute count; the PCC's officer (in attendance, an observer agency) and the
        # council's manager (apologies) do not: 2 members present.  In June: the chair alone.
        text, data = self._report(partnership, _at(2024, 6, 4, 10))
        assert data["practice"] == [
            {"kind": "not-quorate", "meeting": m, "item": None, "present": n, "quorum": 3}
            for m, n in (("2024-02-06", 2), ("2024-06-04", 1))
        ]
        assert (
            "  Board meeting, Tuesday 6 February 2024, 10:00 GMT: not quorate "
            "(2 members present, quorum 3)"
        ) in text
        # Before the June meeting starts, only February is checked.
        _, data = self._report(partnership, _at(2024, 6, 4, 9, 59))
        assert [f["meeting"] for f in data["practice"]] == ["2024-02-06"]
        # A quorum of 2 is met in February.
        lower = attrs.evolve(partnership, bodies=(attrs.evolve(partnership.bodies[0], quorum=2),))
        assert [f.meeting.id for f in record_findings(lower, _at(2025, 1, 1))] == ["2024-06-04"]

    def test_practice_checks_are_off_by_default(self, partnership: Partnership) -> None:
        without_quorum = attrs.evolve(
            partnership, bodies=(attrs.evolve(partnership.bodies[0], quorum=None),)
        )
        assert record_findings(without_quorum, _at(2025, 1, 1)) == ()

    def test_practice_checks_when_asked(self, partnership: Partnership) -> None:
        checked = attrs.evolve(
            partnership,
            bodies=(attrs.evolve(partnership.bodies[0], quorum=None),),
            policy=attrs.evolve(partnership.policy, record_attendance=True, record_decisions=True),
        )
        found = [
            (f.kind, f.meeting.id, f.item.number if f.item else None)
            for f in record_findings(checked, _at(2025, 1, 1))
        ]
        # February: item 1 (apologies) has no decision; item 3 is exempt, left out.  June:
        # everything recorded.  October: no record at all, so neither attendance nor item 1.
        assert found == [
            (PracticeKind.NO_DECISION, "2024-02-06", "1"),
            (PracticeKind.NO_ATTENDANCE, "2024-10-01", None),
            (PracticeKind.NO_DECISION, "2024-10-01", "1"),
        ]
        # Before the October minutes (15 October 09:00 BST) October is not checked yet.
        early = record_findings(checked, _at(2024, 10, 15, 8, 59))
        assert [f.meeting.id for f in early] == ["2024-02-06"]
        text, _ = self._report(checked, _at(2025, 1, 1))
        assert "The partnership's own practice (3)" in text
        assert "no decision recorded on item 1 (Apologies)" in text
        assert "minutes published without the attendance" in text

    def test_policy_flags_load(self, tmp_path: Path) -> None:
        path = tmp_path / "partnership.toml"
        path.write_text(
            DATA.replace("quorum = 3\n", "quorum = 3\n\n[policy]\nrecord_attendance = true\n", 1),
            encoding="utf-8",
        )
        loaded = load(path)
        assert loaded.policy.record_attendance
        assert not loaded.policy.record_decisions

    def test_members_present_counts_members_on_the_day(self, partnership: Partnership) -> None:
        assert members_present(partnership, partnership.meeting("2024-02-06")) == 2
        assert members_present(partnership, partnership.meeting("2024-10-01")) == 0


class TestCambridge:
    """The example's records of 27 June and 17 October 2019, and its action carried over three
    meetings: raised 12 February 2019 (minutes published Thursday 4 July 2019, 09:30 BST),
    updated 27 June (minutes 24 October 2019, 09:30 BST), closed 17 October (minutes
    20 February 2020, 09:30 GMT); due Tuesday 18 June 2019."""

    def test_the_records(self, cambridge: Partnership) -> None:
        june, october = cambridge.meeting("2019-06-18"), cambridge.meeting("2019-10-17")
        assert june.record is not None
        assert october.record is not None
        by_presence: dict[Presence, list[str | None]] = {}
        for attendee in october.record.attendance:
            by_presence.setdefault(attendee.presence, []).append(attendee.agency)
        assert by_presence[Presence.APOLOGIES] == ["cambridge-cvs", "bench-crc"]
        assert by_presence[Presence.IN_ATTENDANCE] == ["pcc-office"]
        (substitute,) = [a for a in october.record.attendance if a.presence is Presence.SUBSTITUTE]
        assert substitute.agency == "constabulary"
        assert substitute.on_behalf_of == "Southern area commander (illustrative)"
        assert [d.item for d in october.record.declarations] == ["6"]
        assert len(october.record.decisions) == 8  # items 3, 4, 5a, 5b, 5c, 6, 7 and 9
        # Four members present in October (chair, vice-chair, the police's substitute, the
        # Safer Communities manager); the PCC's officer attends, two sent apologies.
        assert members_present(cambridge, october) == 4

    @pytest.mark.parametrize(
        ("at", "status", "overdue", "updates"),
        [
            (dt.datetime(2019, 7, 4, 9, 29, tzinfo=LONDON), None, None, 0),
            (dt.datetime(2019, 7, 4, 9, 30, tzinfo=LONDON), ActionStatus.OPEN, True, 0),
            (dt.datetime(2019, 10, 24, 9, 30, tzinfo=LONDON), ActionStatus.IN_PROGRESS, True, 1),
            (dt.datetime(2020, 2, 20, 9, 29, tzinfo=LONDON), ActionStatus.IN_PROGRESS, True, 1),
            (dt.datetime(2020, 2, 20, 9, 30, tzinfo=LONDON), ActionStatus.DONE, False, 2),
        ],
    )
    def test_the_action_in_public(
        self,
        cambridge: Partnership,
        at: dt.datetime,
        status: ActionStatus | None,
        overdue: bool | None,
        updates: int,
    ) -> None:
        view = public_view(cambridge, at)
        if status is None:
            assert view.actions() == ()
            return
        (state,) = view.actions()
        assert (state.status, state.overdue, len(state.action.updates)) == (
            status,
            overdue,
            updates,
        )

    def test_draft_and_agreed(self, cambridge: Partnership) -> None:
        # The June minutes appear on 24 October 2019, after the October meeting (17 October)
        # that agreed them: agreed as soon as they are public.  No record before them.
        before = public_view(cambridge, dt.datetime(2019, 10, 24, 9, 29, tzinfo=LONDON))
        assert before.partnership.meeting("2019-06-18").record is None
        view = public_view(cambridge, dt.datetime(2019, 10, 24, 9, 30, tzinfo=LONDON))
        june = view.partnership.meeting("2019-06-18")
        assert june.record is not None
        assert view.minutes_agreed(june)

    def test_status_in_the_officers_view(self, cambridge: Partnership) -> None:
        # Overdue from Wednesday 19 June 2019; in progress from the June meeting's start
        # (Thursday 27 June, 10:00 BST); closed from the October meeting's (17 October, 11:15).
        def overdue(at: dt.datetime) -> list[ActionStatus]:
            return [state.status for state in status(cambridge, at).overdue_actions]

        assert overdue(dt.datetime(2019, 6, 18, 23, 59, tzinfo=LONDON)) == []
        assert overdue(dt.datetime(2019, 6, 19, tzinfo=LONDON)) == [ActionStatus.OPEN]
        assert overdue(dt.datetime(2019, 6, 27, 10, tzinfo=LONDON)) == [ActionStatus.IN_PROGRESS]
        assert overdue(dt.datetime(2019, 10, 17, 11, 14, tzinfo=LONDON)) == [
            ActionStatus.IN_PROGRESS
        ]
        assert overdue(dt.datetime(2019, 10, 17, 11, 15, tzinfo=LONDON)) == []


def test_a_series_meeting_has_its_record_in_its_occurrence(tmp_path: Path) -> None:
    """``[series.occurrences.record]``: the record of one meeting of a series, checked there."""
    data = (
        partnership_header()
        + """
[[series]]
id = "asb"
body = "board"
title = "ASB group"
start = 2026-01-13T10:00:00
end = 2026-01-13T11:30:00
rule = "FREQ=MONTHLY;BYDAY=2TU;COUNT=3"

[[series.occurrences]]
date = 2026-02-10
agenda = [{ number = "1", title = "Hotspots" }]
record = { decisions = [{ item = "1", method = "noted" }] }
"""
    )
    path = tmp_path / "partnership.toml"
    path.write_text(data, encoding="utf-8")
    meeting = load(path).meeting("asb-2026-02-10")
    assert meeting.record == MeetingRecord(
        decisions=(Decision(item="1", method=DecisionMethod.NOTED),)
    )
    path.write_text(data.replace('item = "1"', 'item = "2"'), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load(path)
    assert [p.path for p in error.value.problems] == [
        "series[0].occurrences[0].record.decisions[0].item"
    ]
