"""The Cambridge example holds what its public page says."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from csp_core import Availability, DocumentKind, Partnership, Role, dump, load
from tests.data import CAMBRIDGE

LONDON_17_OCT_2019 = dt.date(2019, 10, 17)

SEED_AGENCIES = {
    "Cambridge City Council": True,
    "Bedfordshire Northamptonshire Cambridgeshire and Hertfordshire Community Rehabilitation "
    "Company": True,
    "Cambridgeshire and Peterborough Clinical Commissioning Group": True,
    "Cambridgeshire and Peterborough NHS Foundation Trust": False,
    "Cambridgeshire Constabulary": True,
    "Cambridgeshire County Council": True,
    "Cambridgeshire Fire and Rescue Service": True,
    "Anglia Ruskin University": False,
    "British Transport Police": False,
    "Cambridge Business Against Crime": False,
    "Cambridge Council for Voluntary Service": False,
    "Cambridge University Hospitals NHS Foundation Trust": False,
    "University of Cambridge": False,
}


class TestCambridge:
    def test_thirteen_agencies_with_the_statutory_split(self, cambridge: Partnership) -> None:
        """All thirteen agencies of the seed page were members in October 2019, split by s.5."""
        members = {
            agency.name: agency.responsible_authority
            for agency in cambridge.agencies_on(LONDON_17_OCT_2019, Role.MEMBER)
        }
        assert members == SEED_AGENCIES

    def test_police_and_crime_commissioner_attends(self, cambridge: Partnership) -> None:
        """The PCC's office attends; it is not a member or a responsible authority."""
        (attendee,) = cambridge.agencies_on(LONDON_17_OCT_2019, Role.ATTENDEE)
        assert "Police and Crime Commissioner" in attendee.name
        assert not attendee.responsible_authority

    def test_ccg_replaced_by_icb(self, cambridge: Partnership) -> None:
        """CCGs gave way to ICBs on 1 July 2022; the CRC ended on 26 June 2021."""

        def statutory_on(day: dt.date) -> set[str]:
            return {agency.label for agency in cambridge.responsible_authorities_on(day)}

        assert "CCG" in statutory_on(dt.date(2022, 6, 30))
        assert "CCG" not in statutory_on(dt.date(2022, 7, 1))
        assert "ICB" in statutory_on(dt.date(2022, 7, 1))
        assert "BeNCH CRC" in statutory_on(dt.date(2021, 6, 25))
        assert "BeNCH CRC" not in statutory_on(dt.date(2021, 6, 26))

    def test_plan_in_force_from_1_april_2017(self, cambridge: Partnership) -> None:
        """The plan 2017-18 came into force on 1 April 2017; the previous plan is on request."""
        by_start = sorted(cambridge.plans, key=lambda plan: plan.in_force_from)
        current = by_start[-1]
        assert current.in_force_from == dt.date(2017, 4, 1)
        assert "2017" in current.title
        assert all(priority.lead.agency for priority in current.priorities)
        previous = by_start[0]
        assert [d.availability for d in previous.documents] == [Availability.ON_REQUEST]

    def test_the_seed_meeting(self, cambridge: Partnership) -> None:
        """Thursday 17 October 2019, 11:15 BST, South Cambridgeshire Hall, Cambourne CB23 6EA."""
        meeting = cambridge.meeting("2019-10-17")
        assert meeting.start == dt.datetime(2019, 10, 17, 10, 15, tzinfo=dt.UTC)
        assert meeting.venue is not None
        assert meeting.venue.name == "South Cambridgeshire Hall"
        assert meeting.venue.postcode == "CB23 6EA"
        assert meeting.public

    def test_a_year_of_history(self, cambridge: Partnership) -> None:
        """Over a year of earlier meetings, each with its draft agenda, agenda and minutes."""
        earlier = [m for m in cambridge.meetings if m.start.date() < LONDON_17_OCT_2019]
        assert earlier[-1].start - earlier[0].start > dt.timedelta(days=365)
        for meeting in earlier:
            for kind in (DocumentKind.DRAFT_AGENDA, DocumentKind.AGENDA, DocumentKind.MINUTES):
                assert meeting.document(kind) is not None, (meeting.id, kind)

    def test_annual_review_2018(self, cambridge: Partnership) -> None:
        """The annual review for 2018 is there."""
        assert [review.year for review in cambridge.annual_reviews] == [2018]

    def test_round_trips(self, cambridge: Partnership, tmp_path: Path) -> None:
        """The example dumps to one JSON file that loads back equal."""
        path = tmp_path / "cambridge.json"
        path.write_text(json.dumps(dump(cambridge)), encoding="utf-8")
        assert load(path) == cambridge

    def test_validate_command(self) -> None:
        """`csp validate examples/cambridge` exits 0 with a one-line summary."""
        result = subprocess.run(
            [sys.executable, "-m", "csp_core", "validate", str(CAMBRIDGE)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.count("\n") == 1
        assert "16 agencies, 7 meetings" in result.stdout
