"""The model's invariants, through its public constructors and queries."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given

from csp_core import (
    Agency,
    AgendaItem,
    Availability,
    Body,
    ChangeKind,
    Contact,
    Document,
    DocumentKind,
    InvalidModel,
    Meeting,
    MeetingChange,
    MeetingStatus,
    Membership,
    Nation,
    Partnership,
    Revision,
    RevisionKind,
    Role,
    Sector,
)
from tests.strategies import examples, partnerships

LONDON = ZoneInfo("Europe/London")
START = dt.datetime(2019, 10, 17, 11, 15, tzinfo=LONDON)


def _meeting(**changes: object) -> Meeting:
    fields: dict[str, object] = {"id": "m1", "body": "board", "title": "Meeting", "start": START}
    fields.update(changes)
    return Meeting(**fields)  # type: ignore[arg-type]


def _change(*what: ChangeKind) -> MeetingChange:
    return MeetingChange(at=START - dt.timedelta(days=10), what=what)


def _paths(error: pytest.ExceptionInfo[InvalidModel]) -> list[str]:
    return [path for path, _ in error.value.problems]


class TestMembership:
    def _agency(self, *spells: Membership, statutory: bool = True) -> Agency:
        return Agency(
            id="ccg",
            name="Clinical Commissioning Group",
            sector=Sector.HEALTH,
            responsible_authority=statutory,
            memberships=spells,
        )

    def test_role_on_follows_dates(self) -> None:
        """A CCG that ended on 30 June 2022 is a member on that day and not the next."""
        agency = self._agency(Membership(until=dt.date(2022, 6, 30)))
        assert agency.role_on(dt.date(2022, 6, 30)) is Role.MEMBER
        assert agency.role_on(dt.date(2022, 7, 1)) is None

    def test_overlapping_spells_are_refused(self) -> None:
        """Spells must follow one another."""
        with pytest.raises(InvalidModel) as caught:
            self._agency(
                Membership(until=dt.date(2020, 1, 1)), Membership(since=dt.date(2019, 1, 1))
            )
        assert _paths(caught) == ["memberships[1].since"]

    def test_statutory_member_cannot_be_attendee(self) -> None:
        """A responsible authority is a member by law."""
        with pytest.raises(InvalidModel) as caught:
            self._agency(Membership(role=Role.ATTENDEE))
        assert _paths(caught) == ["memberships[0].role"]

    def test_until_before_since(self) -> None:
        """A spell cannot end before it begins."""
        with pytest.raises(InvalidModel) as caught:
            Membership(since=dt.date(2020, 1, 2), until=dt.date(2020, 1, 1))
        assert _paths(caught) == ["until"]


class TestMeeting:
    def test_naive_times_are_refused(self) -> None:
        """Every moment in the model is timezone-aware."""
        with pytest.raises(InvalidModel) as caught:
            _meeting(start=dt.datetime(2019, 10, 17, 11, 15))
        assert _paths(caught) == ["start"]

    def test_times_that_do_not_exist_are_refused(self) -> None:
        """01:30 on 31 March 2019 never happened in London: the model refuses it."""
        with pytest.raises(InvalidModel) as caught:
            _meeting(start=dt.datetime(2019, 3, 31, 1, 30, tzinfo=LONDON))
        assert caught.value.problems == (
            (
                "start",
                "01:30 on 31 March 2019 does not exist in Europe/London (clocks went forward)",
            ),
        )

    def test_rescheduled_needs_where_from(self) -> None:
        """A rescheduled meeting says when it was, or what replaced it."""
        with pytest.raises(InvalidModel) as caught:
            _meeting(status=MeetingStatus.RESCHEDULED, changes=(_change(ChangeKind.STATUS),))
        assert _paths(caught) == ["status"]
        moved = _meeting(
            status=MeetingStatus.RESCHEDULED,
            previous_start=START - dt.timedelta(days=7),
            changes=(_change(ChangeKind.TIME, ChangeKind.STATUS),),
        )
        assert moved.previous_start is not None

    def test_status_change_says_when(self) -> None:
        """A cancelled meeting says when the cancellation was announced."""
        with pytest.raises(InvalidModel) as caught:
            _meeting(status=MeetingStatus.CANCELLED)
        assert _paths(caught) == ["changes"]

    def test_changes_in_time_order(self) -> None:
        """The change record is in the order the changes were announced."""
        later = MeetingChange(at=START, what=(ChangeKind.PLACE,))
        with pytest.raises(InvalidModel) as caught:
            _meeting(changes=(later, _change(ChangeKind.TIME)))
        assert _paths(caught) == ["changes[1].at"]

    def test_previous_start_only_when_rescheduled(self) -> None:
        """A scheduled meeting has no previous start."""
        with pytest.raises(InvalidModel) as caught:
            _meeting(previous_start=START - dt.timedelta(days=7))
        assert _paths(caught) == ["previous_start"]

    def test_exempt_papers_must_be_withheld(self) -> None:
        """The papers of an exempt item can never be online."""
        paper = Document(
            id="p", kind=DocumentKind.REPORT, title="Case review", url="https://example.org/p"
        )
        item = AgendaItem(title="Case review", exempt=True, exemption=7, papers=("p",))
        with pytest.raises(InvalidModel) as caught:
            _meeting(agenda=(item,), documents=(paper,))
        assert _paths(caught) == ["agenda[0].papers[0]"]
        withheld = attrs.evolve(paper, availability=Availability.WITHHELD, url=None)
        assert _meeting(agenda=(item,), documents=(withheld,)).agenda == (item,)

    def test_exempt_needs_paragraph(self) -> None:
        """Exempt and exemption go together."""
        with pytest.raises(InvalidModel):
            AgendaItem(title="x", exempt=True)
        with pytest.raises(InvalidModel):
            AgendaItem(title="x", exemption=7)

    def test_minutes_not_before_meeting(self) -> None:
        """Minutes cannot be published before the meeting starts."""
        minutes = Document(
            id="min",
            kind=DocumentKind.MINUTES,
            title="Minutes",
            url="https://example.org/m",
            published=START - dt.timedelta(hours=1),
        )
        with pytest.raises(InvalidModel) as caught:
            _meeting(documents=(minutes,))
        assert _paths(caught) == ["documents[0].published"]

    def test_one_agenda_per_meeting(self) -> None:
        """A meeting has at most one agenda (later versions are revisions)."""
        agenda = Document(id="a", kind=DocumentKind.AGENDA, title="Agenda")
        with pytest.raises(InvalidModel) as caught:
            _meeting(documents=(agenda, attrs.evolve(agenda, id="b")))
        assert _paths(caught) == ["documents[1].kind"]


class TestDocument:
    def test_revisions_in_time_order(self) -> None:
        """A revision cannot predate the version before it."""
        with pytest.raises(InvalidModel) as caught:
            Document(
                id="d",
                kind=DocumentKind.REPORT,
                title="Report",
                url="https://example.org/d",
                published=START,
                revisions=(
                    Revision(
                        kind=RevisionKind.CORRECTION,
                        published=START - dt.timedelta(days=1),
                        note="Fixed table 2",
                    ),
                ),
            )
        assert _paths(caught) == ["revisions[0].published"]

    def test_current_url_follows_revisions(self) -> None:
        """The newest version public at a moment gives the link."""
        document = Document(
            id="d",
            kind=DocumentKind.REPORT,
            title="Report",
            url="https://example.org/v1",
            published=START,
            revisions=(
                Revision(
                    kind=RevisionKind.CORRECTION,
                    published=START + dt.timedelta(days=2),
                    note="Corrected",
                    url="https://example.org/v2",
                ),
            ),
        )
        assert document.current_url(START + dt.timedelta(days=1)) == "https://example.org/v1"
        assert document.current_url(START + dt.timedelta(days=3)) == "https://example.org/v2"

    def test_javascript_links_are_refused(self) -> None:
        """Only http(s) addresses and relative paths are links."""
        with pytest.raises(InvalidModel):
            Document(id="d", kind=DocumentKind.OTHER, title="x", url="javascript:alert(1)")


class TestPartnership:
    def _partnership(self, **changes: object) -> Partnership:
        fields: dict[str, object] = {
            "id": "p",
            "name": "P",
            "area": "A",
            "contact": Contact(address=("Town Hall",), postcode="CB1 0JH"),
            "bodies": (Body(id="board", name="Board"),),
        }
        fields.update(changes)
        return Partnership(**fields)  # type: ignore[arg-type]

    def test_every_dangling_reference_is_named(self) -> None:
        """All broken references are reported together, each with its path."""
        with pytest.raises(InvalidModel) as caught:
            self._partnership(
                meetings=(
                    _meeting(body="nope"),
                    _meeting(
                        id="m2",
                        status=MeetingStatus.CANCELLED,
                        replaced_by="gone",
                        changes=(_change(ChangeKind.STATUS),),
                    ),
                )
            )
        assert _paths(caught) == ["meetings[0].body", "meetings[1].replaced_by"]

    def test_exemption_paragraphs_follow_the_nation(self) -> None:
        """Wales numbers Schedule 12A's exempt paragraphs 12-18."""
        paper = Document(
            id="p", kind=DocumentKind.REPORT, title="x", availability=Availability.WITHHELD
        )
        meeting = _meeting(
            agenda=(AgendaItem(title="x", exempt=True, exemption=7, papers=("p",)),),
            documents=(paper,),
        )
        assert self._partnership(meetings=(meeting,)).meetings == (meeting,)
        with pytest.raises(InvalidModel) as caught:
            self._partnership(meetings=(meeting,), nation=Nation.WALES)
        assert _paths(caught) == ["meetings[0].agenda[0].exemption"]

    def test_responsible_authorities_on_a_day(self) -> None:
        """Who was a responsible authority on a date follows the membership history."""
        ccg = Agency(
            id="ccg",
            name="CCG",
            sector=Sector.HEALTH,
            responsible_authority=True,
            memberships=(Membership(until=dt.date(2022, 6, 30)),),
        )
        icb = attrs.evolve(
            ccg, id="icb", name="ICB", memberships=(Membership(since=dt.date(2022, 7, 1)),)
        )
        pcc = Agency(
            id="pcc",
            name="Office of the PCC",
            sector=Sector.POLICE,
            memberships=(Membership(role=Role.ATTENDEE),),
        )
        partnership = self._partnership(agencies=(ccg, icb, pcc))
        assert [a.id for a in partnership.responsible_authorities_on(dt.date(2022, 6, 30))] == [
            "ccg"
        ]
        assert [a.id for a in partnership.responsible_authorities_on(dt.date(2022, 7, 1))] == [
            "icb"
        ]
        assert [a.id for a in partnership.agencies_on(dt.date(2022, 7, 1), Role.ATTENDEE)] == [
            "pcc"
        ]

    @examples(30)
    @given(partnership=partnerships())
    def test_model_is_frozen(self, partnership: Partnership) -> None:
        """No field of a loaded model can be reassigned."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            partnership.name = "changed"  # type: ignore[misc]
