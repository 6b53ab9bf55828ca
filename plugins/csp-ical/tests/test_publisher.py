"""The ical publisher through csp-core's public API: what each calendar holds, and options."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from icalendar import Calendar

import csp_ical
from csp_core import (
    AgendaItem,
    Attendance,
    Availability,
    Body,
    BodyKind,
    BuildContext,
    ChangeKind,
    Checker,
    Contact,
    Coordinates,
    Document,
    DocumentKind,
    Meeting,
    MeetingChange,
    MeetingStatus,
    Nation,
    OptionError,
    Partnership,
    Publisher,
    Questions,
    Venue,
    parse_options,
    public_view,
)
from csp_core.plugins import load_plugins
from ical_readers import read_icalendar, render

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "cambridge"
LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
CODENAME = "Nightjar"


def _at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=LONDON)  # type: ignore[misc]


def small_partnership() -> Partnership:
    """A partnership with a scheduled, a cancelled, a moved, a postponed and a private meeting."""
    announced = _at(2024, 1, 10, 9)
    return Partnership(
        id="small",
        name="Smallville Community Safety Partnership",
        area="Smallville",
        web="https://small.example.org/csp",
        contact=Contact(
            address=("Town Hall", "Smallville"), postcode="CB1 0JH", email="csp@small.example.org"
        ),
        bodies=(
            Body(id="board", name="Partnership board"),
            Body(id="tasking", name="Tasking group", kind=BodyKind.SUB_GROUP),
        ),
        meetings=(
            Meeting(
                id="2024-03-05",
                body="board",
                title="Board meeting",
                start=_at(2024, 3, 5, 10),
                end=_at(2024, 3, 5, 12),
                announced=announced,
                venue=Venue(
                    name="Town Hall",
                    address=("High Street", "Smallville"),
                    postcode="CB1 0JH",
                    coordinates=Coordinates(latitude=52.2, longitude=0.00001),
                ),
                agenda=(
                    AgendaItem(number="1", title="Welcome", presenter="Chair"),
                    AgendaItem(
                        number="2",
                        title="Police operational briefing",
                        presenter=f"Operation {CODENAME} lead",
                        summary=f"The state of operation {CODENAME}",
                        exempt=True,
                        exemption=7,
                        papers=("2024-03-05-briefing",),
                    ),
                ),
                documents=(
                    Document(
                        id="2024-03-05-agenda",
                        kind=DocumentKind.AGENDA,
                        title="Agenda and papers",
                        url="https://small.example.org/csp/2024-03-05-agenda.pdf",
                        published=_at(2024, 2, 26, 9),
                    ),
                    Document(
                        id="2024-03-05-briefing",
                        kind=DocumentKind.REPORT,
                        title=f"Operation {CODENAME} briefing",
                        availability=Availability.WITHHELD,
                        published=_at(2024, 2, 26, 9),
                    ),
                    Document(
                        id="2024-03-05-plan",
                        kind=DocumentKind.OTHER,
                        title="Printed plan",
                        availability=Availability.ON_REQUEST,
                        published=_at(2024, 2, 26, 9),
                    ),
                ),
                questions=Questions(
                    how="Send your question by email.",
                    email="csp@small.example.org",
                    deadline=_at(2024, 3, 4, 10),
                ),
            ),
            Meeting(
                id="2024-06-11",
                body="board",
                title="Board meeting",
                start=_at(2024, 6, 11, 10),
                announced=announced,
                status=MeetingStatus.CANCELLED,
                status_note="Cancelled: too few member agencies could attend.",
                changes=(MeetingChange(at=_at(2024, 6, 1, 9), what=(ChangeKind.STATUS,)),),
            ),
            Meeting(
                id="2024-09-10",
                body="board",
                title="Board meeting",
                start=_at(2024, 9, 19, 14),
                end=_at(2024, 9, 19, 16),
                previous_start=_at(2024, 9, 10, 10),
                status=MeetingStatus.RESCHEDULED,
                announced=announced,
                changes=(
                    MeetingChange(
                        at=_at(2024, 8, 20, 9), what=(ChangeKind.TIME, ChangeKind.STATUS)
                    ),
                ),
            ),
            Meeting(
                id="2024-07-02",
                body="tasking",
                title="Tasking: operation Kestrel",
                start=_at(2024, 7, 2, 10),
                public=False,
                announced=announced,
            ),
            Meeting(
                id="2024-12-03",
                body="board",
                title="Board meeting",
                start=_at(2024, 12, 3, 10),
                announced=announced,
                status=MeetingStatus.POSTPONED,
                status_note="Postponed until the new plan is ready.",
                changes=(MeetingChange(at=_at(2024, 11, 1, 9), what=(ChangeKind.STATUS,)),),
            ),
        ),
    )


def events(partnership: Partnership, at: dt.datetime, path: str = "calendar.ics") -> dict:
    """The events of one file, by UID, as icalendar reads them."""
    return {event.uid: event for event in read_icalendar(render(partnership, at)[path].content)}


def unfolded(content: bytes) -> str:
    """The text of a calendar with its folded lines joined."""
    return content.decode("utf-8").replace("\r\n ", "")


class TestMeetings:
    """Meeting events: status, moves, exempt items and private meetings."""

    def test_a_cancelled_meeting_stays_in_the_feed_marked_cancelled(self) -> None:
        """A cancelled meeting keeps its UID, gets STATUS:CANCELLED and "Cancelled: " in SUMMARY."""
        partnership = small_partnership()
        uid = "2024-06-11@small.csp-core"
        before = events(partnership, _at(2024, 5, 1))[uid]
        after = events(partnership, _at(2024, 6, 2))[uid]
        assert (before.status, before.summary, before.sequence) == (
            "CONFIRMED",
            "Board meeting",
            0,
        )
        assert (after.status, after.summary, after.sequence) == (
            "CANCELLED",
            "Cancelled: Board meeting",
            1,
        )
        assert after.description is not None
        assert "Status: Cancelled." in after.description.splitlines()

    def test_a_moved_meeting_keeps_its_uid_and_its_sequence_rises(self) -> None:
        """Before the move: the old time, SEQUENCE 0; after: the new time, SEQUENCE 1."""
        partnership = small_partnership()
        uid = "2024-09-10@small.csp-core"
        before = events(partnership, _at(2024, 8, 1))[uid]
        after = events(partnership, _at(2024, 8, 21))[uid]
        assert (before.start, before.sequence) == (_at(2024, 9, 10, 10).astimezone(UTC), 0)
        assert (after.start, after.sequence) == (_at(2024, 9, 19, 14).astimezone(UTC), 1)
        assert after.status == "CONFIRMED"
        assert after.description is not None
        assert "Moved from Tuesday 10 September 2024, 10:00." in after.description

    def test_a_postponed_meeting_is_tentative(self) -> None:
        """A postponed meeting is TENTATIVE and says "Postponed: " in SUMMARY."""
        event = events(small_partnership(), _at(2024, 11, 2))["2024-12-03@small.csp-core"]
        assert (event.status, event.summary) == ("TENTATIVE", "Postponed: Board meeting")
        assert event.description is not None
        assert "Status: Postponed." in event.description.splitlines()
        assert "Postponed until the new plan is ready." in event.description

    @pytest.mark.parametrize("at", [_at(2024, 2, 27), _at(2024, 6, 2), _at(2030, 1, 1)], ids=str)
    def test_exempt_items_never_show_their_summary_or_papers(self, at: dt.datetime) -> None:
        """An exempt item appears only as its title and paragraph, in every file."""
        files = render(small_partnership(), at)
        for file in files.values():
            assert CODENAME not in unfolded(file.content), file.path
        event = events(small_partnership(), at)["2024-03-05@small.csp-core"]
        assert event.description is not None
        assert (
            "2. Police operational briefing (exempt: Schedule 12A, paragraph 7 — not open to the "
            "public)"
        ) in event.description.splitlines()

    @pytest.mark.parametrize(
        ("nation", "paragraph", "law"),
        [
            (Nation.WALES, 14, "Schedule 12A, paragraph 14"),
            (Nation.SCOTLAND, 9, "Schedule 7A, paragraph 9"),
            (Nation.NORTHERN_IRELAND, 3, "Schedule 6, paragraph 3"),
        ],
    )
    def test_an_exempt_item_cites_its_nations_law(
        self, nation: Nation, paragraph: int, law: str
    ) -> None:
        """The placeholder names the schedule of the partnership's own nation."""
        small = small_partnership()
        meeting = small.meetings[0]
        exempt = attrs.evolve(meeting.agenda[1], exemption=paragraph)
        meeting = attrs.evolve(meeting, agenda=(meeting.agenda[0], exempt))
        partnership = attrs.evolve(small, nation=nation, meetings=(meeting,))
        event = events(partnership, _at(2024, 3, 1))["2024-03-05@small.csp-core"]
        assert event.description is not None
        line = f"2. Police operational briefing (exempt: {law} — not open to the public)"
        assert line in event.description.splitlines()

    @pytest.mark.parametrize(
        ("attendance", "words"),
        [
            (Attendance.IN_PERSON, "In person"),
            (Attendance.ONLINE, "Online"),
            (Attendance.MIXED, "In person and online"),
        ],
    )
    def test_attendance_is_worded_as_everywhere(self, attendance: Attendance, words: str) -> None:
        """How to attend, in the words every output uses: 'Attendance: In person and online.'."""
        small = small_partnership()
        meeting = attrs.evolve(small.meetings[0], attendance=attendance)
        partnership = attrs.evolve(small, meetings=(meeting,))
        event = events(partnership, _at(2024, 3, 1))["2024-03-05@small.csp-core"]
        assert event.description is not None
        assert f"Attendance: {words}." in event.description.splitlines()

    def test_a_revision_is_listed_with_its_kind_and_day(self, cambridge: Partnership) -> None:
        """A corrected paper: its revision's label, the day in the partnership's zone, its note."""
        event = events(cambridge, _at(2019, 10, 1, 9))["2018-10-16@cambridge.csp-core"]
        assert event.description is not None
        assert (
            "  Correction, Thursday 11 October 2018: Corrected the second-quarter figure for "
            "repeat incidents of domestic abuse in table 1."
        ) in event.description.splitlines()

    def test_a_move_in_the_repeated_hour_names_the_clock(self) -> None:
        """Moved from 01:30 on the night the clocks go back: which 01:30 is said (BST or GMT)."""
        small = small_partnership()
        moved = attrs.evolve(
            small.meetings[2],
            previous_start=dt.datetime(2024, 10, 27, 1, 30, 15, fold=1, tzinfo=LONDON),
        )
        partnership = attrs.evolve(small, meetings=(moved,))
        event = events(partnership, _at(2024, 8, 21))["2024-09-10@small.csp-core"]
        assert event.description is not None
        assert "Moved from Sunday 27 October 2024, 01:30:15 GMT." in event.description

    @pytest.mark.parametrize(
        "at", [_at(2024, 1, 11), _at(2024, 7, 2, 11), _at(2030, 1, 1)], ids=str
    )
    def test_private_meetings_never_appear(self, at: dt.datetime) -> None:
        """A private meeting is in no calendar; its body's calendar is empty."""
        files = render(small_partnership(), at)
        for file in files.values():
            text = unfolded(file.content)
            assert "Kestrel" not in text, file.path
            assert "2024-07-02@small.csp-core" not in text, file.path
        assert files["bodies/tasking.ics"].items == 0
        assert b"BEGIN:VEVENT" not in files["bodies/tasking.ics"].content

    def test_the_description_lists_agenda_papers_and_questions(self) -> None:
        """DESCRIPTION: body, agenda with presenters, papers with links or on request, questions."""
        event = events(small_partnership(), _at(2024, 3, 1))["2024-03-05@small.csp-core"]
        assert event.description is not None
        lines = event.description.splitlines()
        assert lines[0] == "Partnership board"
        assert "1. Welcome (Chair)" in lines
        assert "- Agenda and papers: https://small.example.org/csp/2024-03-05-agenda.pdf" in lines
        assert "- Printed plan: available on request from csp@small.example.org" in lines
        assert "By: Monday 4 March 2024, 10:00" in lines
        assert lines[-1] == "More: https://csp.example.org/meetings/2024-03-05.html"

    def test_event_properties(self) -> None:
        """UID, DTSTAMP and LAST-MODIFIED from the data, CREATED, LOCATION, GEO, URL, CLASS."""
        content = render(small_partnership(), _at(2024, 3, 1))["calendar.ics"].content
        event = next(
            e for e in Calendar.from_ical(content).walk("VEVENT") if e.uid.startswith("2024-03-05")
        )
        published = _at(2024, 2, 26, 9).astimezone(UTC)
        assert event.uid == "2024-03-05@small.csp-core"
        assert event.stamp == published
        assert event.last_modified == published
        assert event.created == _at(2024, 1, 10, 9).astimezone(UTC)
        assert str(event["LOCATION"]) == "Town Hall, High Street, Smallville CB1 0JH"
        assert event["GEO"].latitude == 52.2
        assert "\r\nGEO:52.200000;0.000010\r\n" in content.decode()  # fixed point, never 1e-05
        assert str(event["URL"]) == "https://csp.example.org/meetings/2024-03-05.html"
        assert (str(event["CLASS"]), str(event["TRANSP"])) == ("PUBLIC", "OPAQUE")
        assert "DTSTART;TZID=Europe/London:20240305T100000" in content.decode()

    def test_a_meeting_with_nothing_known_is_stamped_with_the_floor(self) -> None:
        """No public moment known yet: DTSTAMP is 1900-01-01T00:00Z, never a later moment.

        The meeting's start would lie after the instant, and a later stamp would go backwards
        once something became known.
        """
        quiet = Meeting(id="quiet", body="board", title="Board meeting", start=_at(2024, 9, 19, 14))
        partnership = attrs.evolve(small_partnership(), meetings=(quiet,))
        for at in (_at(2024, 1, 1), _at(2024, 5, 5, 5, 5), _at(2024, 9, 20)):
            content = render(partnership, at)["calendar.ics"].content
            (event,) = Calendar.from_ical(content).walk("VEVENT")
            assert event.stamp == dt.datetime(1900, 1, 1, tzinfo=UTC)
            assert event.last_modified == event.stamp

    @pytest.mark.parametrize(
        "at", [_at(2024, 1, 11), _at(2024, 3, 1), _at(2024, 8, 21), _at(2030, 1, 1)], ids=str
    )
    def test_dtstamp_is_never_the_build_instant(self, at: dt.datetime) -> None:
        """DTSTAMP comes from the data: never the view's instant, whatever it is."""
        for file in render(small_partnership(), at).values():
            for event in Calendar.from_ical(file.content).walk("VEVENT"):
                assert event.stamp != at.astimezone(UTC), (file.path, event.uid)


class TestDeadlines:
    """deadlines.ics: one all-day event per publication duty."""

    def test_one_all_day_event_per_duty(self) -> None:
        """Each duty of the view is an all-day event on its deadline with a stable UID."""
        partnership = small_partnership()
        at = _at(2024, 3, 1)
        view = public_view(partnership, at)
        calendar = Calendar.from_ical(render(partnership, at)["deadlines.ics"].content)
        found = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
        assert len(found) == len(view.duties) > 0  # its one report is published
        for state in view.duties:
            if state.duty.kind.value == "report" and state.duty.fulfilled_by is None:
                continue
            event = found[f"{state.duty.id.replace('/', '-')}@small.csp-core"]
            assert event.start == state.duty.deadline
            assert event.end == state.duty.deadline + dt.timedelta(days=1)
            assert str(event["SUMMARY"]) == f"Due: {state.duty.title}"
            assert "Target: " in str(event["DESCRIPTION"])
        assert str(calendar["X-WR-CALNAME"]) == (
            "Smallville Community Safety Partnership: publication deadlines"
        )

    def test_reports_are_not_named_before_they_are_published(self, cambridge: Partnership) -> None:
        """A report's deadline appears once the report is public, never its title before."""
        title = "Terms of reference 2020–21"  # published 3 February 2020
        before = render(cambridge, _at(2019, 10, 1, 9))["deadlines.ics"].content
        after = render(cambridge, _at(2020, 2, 4))["deadlines.ics"].content
        assert title not in unfolded(before)
        assert title in unfolded(after)
        assert "Due: Agenda and papers: Cambridge Community Safety Partnership meeting, " in (
            unfolded(before).replace("\\,", ",")
        )

    def test_where_a_duty_stands_is_worded_with_the_core_labels(self) -> None:
        """Standing: the core's label ('Published on time', 'Overdue'), then its details."""
        content = render(small_partnership(), _at(2024, 3, 1))["deadlines.ics"].content
        found = {event.uid: event.description or "" for event in read_icalendar(content)}
        agenda = found["meeting-2024-03-05-agenda@small.csp-core"].splitlines()
        assert (
            "Standing: Published on time, Monday 26 February 2024, 09:00, with 5 clear working "
            "days' notice."
        ) in agenda
        assert (
            "Statutory: yes (at least 5 clear working days' public notice before the meeting; "
            "followed by the partnership by choice)."
        ) in agenda
        draft = found["meeting-2024-03-05-draft-agenda@small.csp-core"].splitlines()
        assert "Standing: Overdue (the deadline has passed and it is not yet published)." in draft
        later = found["meeting-2024-06-11-agenda@small.csp-core"].splitlines()
        assert "Standing: Pending." in later

    def test_a_lapsed_deadline_is_cancelled_and_says_why(self) -> None:
        """The cancelled meeting's agenda deadline: 'Cancelled: Due: ...', CANCELLED, a reason."""
        content = render(small_partnership(), _at(2024, 6, 2))["deadlines.ics"].content
        event = {e.uid: e for e in read_icalendar(content)}[
            "meeting-2024-06-11-agenda@small.csp-core"
        ]
        assert event.status == "CANCELLED"
        assert (
            event.summary
            == "Cancelled: Due: Agenda and papers: Board meeting, Tuesday 11 June 2024"
        )
        assert event.description is not None
        assert event.description.splitlines()[:2] == [
            "Deadline: Monday 3 June 2024.",
            "This deadline no longer applies: the meeting is cancelled or postponed.",
        ]
        assert event.description.splitlines()[-1] == (
            "More: https://csp.example.org/meetings/2024-06-11.html"
        )

    def test_deadline_stamps_do_not_move_with_the_instant(self) -> None:
        """With no data changing between two instants, every deadline's DTSTAMP is the same."""
        partnership = small_partnership()

        def stamps(at: dt.datetime) -> dict[str, dt.datetime]:
            content = render(partnership, at)["deadlines.ics"].content
            return {str(e["UID"]): e.stamp for e in Calendar.from_ical(content).walk("VEVENT")}

        assert stamps(_at(2024, 3, 10)) == stamps(_at(2024, 3, 20))

    def test_deadlines_can_be_turned_off(self) -> None:
        """deadlines = false: no deadlines.ics."""
        files = render(small_partnership(), _at(2024, 3, 1), deadlines="false")
        assert sorted(files) == ["bodies/board.ics", "bodies/tasking.ics", "calendar.ics"]


class TestCalendars:
    """Calendar-level properties and the bytes of the files."""

    @pytest.mark.parametrize("path", ["calendar.ics", "bodies/board.ics", "deadlines.ics"])
    def test_calendar_properties_are_present(self, path: str) -> None:
        """METHOD, NAME, X-WR-CALNAME, REFRESH-INTERVAL;VALUE=DURATION, TTL, zone, source."""
        content = render(small_partnership(), _at(2024, 3, 1))[path].content
        lines = unfolded(content).split("\r\n")
        name = {
            "calendar.ics": "Smallville Community Safety Partnership",
            "bodies/board.ics": "Smallville Community Safety Partnership: Partnership board",
            "deadlines.ics": "Smallville Community Safety Partnership: publication deadlines",
        }[path]
        for line in (
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//csp-core//csp-ical//EN",
            "METHOD:PUBLISH",
            "CALSCALE:GREGORIAN",
            f"NAME:{name}",
            f"X-WR-CALNAME:{name}",
            "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
            "X-PUBLISHED-TTL:PT12H",
            "X-WR-TIMEZONE:Europe/London",
            "URL:https://small.example.org/csp",
            f"SOURCE;VALUE=URI:https://csp.example.org/{path}",
        ):
            assert line in lines, line
        assert any(line.startswith("DESCRIPTION:") for line in lines[:20])
        assert any(line.startswith("X-WR-CALDESC:") for line in lines[:20])

    def test_every_tzid_has_a_vtimezone(self) -> None:
        """The meeting calendars define Europe/London; the all-day deadlines need no zone."""
        files = render(small_partnership(), _at(2024, 3, 1))
        for path, file in files.items():
            calendar = Calendar.from_ical(file.content)
            defined = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
            assert calendar.get_used_tzids() == defined, path

    def test_crlf_line_endings_and_75_octet_lines(self, cambridge: Partnership) -> None:
        """Every line ends in CRLF and is at most 75 octets, non-ASCII text included."""
        for partnership in (cambridge, small_partnership()):
            for file in render(partnership, _at(2030, 1, 1)).values():
                assert file.content.endswith(b"\r\n")
                for line in file.content.split(b"\r\n")[:-1]:
                    assert b"\n" not in line, file.path
                    assert b"\r" not in line, file.path
                    assert len(line) <= 75, (file.path, line)
                    line.decode("utf-8")  # folds never split a UTF-8 character

    def test_files_and_media_type(self) -> None:
        """calendar.ics, one file per body and deadlines.ics, as text/calendar, counting events."""
        files = render(small_partnership(), _at(2024, 12, 1))
        assert sorted(files) == [
            "bodies/board.ics",
            "bodies/tasking.ics",
            "calendar.ics",
            "deadlines.ics",
        ]
        assert {file.media_type for file in files.values()} == {"text/calendar; charset=utf-8"}
        assert files["calendar.ics"].items == 4
        assert files["bodies/board.ics"].items == 4
        assert files["calendar.ics"].content.count(b"BEGIN:VEVENT") == 4

    def test_the_same_view_gives_the_same_bytes(self, cambridge: Partnership) -> None:
        """Two renders of one view are byte-identical."""
        at = _at(2019, 10, 1, 9)
        first = {p: f.content for p, f in render(cambridge, at).items()}
        second = {p: f.content for p, f in render(cambridge, at).items()}
        assert first == second

    def test_events_are_in_start_order(self) -> None:
        """Events run in (start, id) order."""
        content = render(small_partnership(), _at(2030, 1, 1))["calendar.ics"].content
        starts = [e.start for e in read_icalendar(content)]
        assert starts == sorted(starts)

    def test_without_a_base_url(self) -> None:
        """No base URL: events link to the partnership's page and calendars have no SOURCE."""
        files = render(small_partnership(), _at(2024, 3, 1), base_url=None)
        text = unfolded(files["calendar.ics"].content)
        assert "SOURCE" not in text
        assert "URL:https://small.example.org/csp\r\n" in text
        assert "csp.example.org" not in text


class TestOptions:
    """The options: declared once with their defaults, parsed by the core, read typed."""

    def test_declared_options_and_defaults(self) -> None:
        """The publisher declares its five options; with none given, each takes its default."""
        publisher = csp_ical.IcalPublisher()
        assert {option.name: option.default for option in publisher.options} == {
            "refresh_interval": "PT12H",
            "default_duration": "PT2H",
            "deadlines": "true",
            "color": "",
            "series": "expanded",
        }
        assert parse_options(publisher, {}) == {
            "refresh_interval": dt.timedelta(hours=12),
            "default_duration": dt.timedelta(hours=2),
            "deadlines": True,
            "color": None,
            "series": "expanded",
        }
        assert publisher.name == "ical"
        assert publisher.outputs == ("calendar.ics", "bodies/{body}.ics", "deadlines.ics")

    @pytest.mark.parametrize(
        ("option", "value", "typed"),
        [
            ("refresh_interval", " p1d ", dt.timedelta(days=1)),
            ("default_duration", "PT90M", dt.timedelta(minutes=90)),
            ("deadlines", "No", False),
            ("deadlines", "1", True),
            ("color", " DarkBlue ", "darkblue"),
            ("color", "", None),
            ("series", "rrule", "rrule"),
            ("series", "expanded", "expanded"),
        ],
    )
    def test_the_core_parses_the_text(self, option: str, value: str, typed: object) -> None:
        """Each option's text becomes its typed value, as the publisher reads it."""
        assert parse_options(csp_ical.IcalPublisher(), {option: value})[option] == typed

    @pytest.mark.parametrize(
        ("option", "value"),
        [
            ("refresh_interval", "12 hours"),
            ("refresh_interval", "PT0S"),
            ("refresh_interval", "P"),
            ("default_duration", "-PT1H"),
            ("default_duration", "P1Y"),
            ("deadlines", "maybe"),
            ("color", "#ff0000"),
            ("color", "notacolour"),
            ("colour", "red"),
            ("series", "RRULE"),
            ("series", "grouped"),
        ],
    )
    def test_bad_option_values_are_refused(self, option: str, value: str) -> None:
        """A bad value (or an unknown option) is an OptionError naming publisher and option."""
        with pytest.raises(OptionError, match=re.escape(f"--option ical.{option}: ")) as error:
            render(small_partnership(), _at(2024, 3, 1), **{option: value})
        assert (error.value.publisher, error.value.option) == ("ical", option)

    def test_refresh_interval_sets_both_properties(self) -> None:
        """refresh_interval = P1D: REFRESH-INTERVAL and X-PUBLISHED-TTL say P1D."""
        text = unfolded(
            render(small_partnership(), _at(2024, 3, 1), refresh_interval="P1D")[
                "calendar.ics"
            ].content
        )
        assert "REFRESH-INTERVAL;VALUE=DURATION:P1D\r\n" in text
        assert "X-PUBLISHED-TTL:P1D\r\n" in text

    def test_default_duration_ends_meetings_without_an_end(self) -> None:
        """default_duration = PT90M: a meeting without an end ends 90 minutes after it starts."""
        content = render(small_partnership(), _at(2024, 6, 2), default_duration="PT90M")[
            "calendar.ics"
        ].content
        event = {e.uid: e for e in read_icalendar(content)}["2024-06-11@small.csp-core"]
        assert event.end == _at(2024, 6, 11, 11, 30).astimezone(UTC)

    def test_color_names_a_css_colour(self) -> None:
        """color = DarkBlue: COLOR:darkblue on every calendar; none by default."""
        files = render(small_partnership(), _at(2024, 3, 1), color="DarkBlue")
        for file in files.values():
            assert "\r\nCOLOR:darkblue\r\n" in unfolded(file.content)
        default = render(small_partnership(), _at(2024, 3, 1))["calendar.ics"].content
        assert b"COLOR" not in default


class TestCommandLine:
    """``csp build --option ical.NAME=VALUE`` through the installed ``csp`` command."""

    @staticmethod
    def csp(*args: str) -> subprocess.CompletedProcess[str]:
        """Run the ``csp`` console script of this environment."""
        script = Path(sys.executable).with_name("csp")
        return subprocess.run(
            [str(script), *args], capture_output=True, text=True, check=False, timeout=300
        )

    def build_ical(self, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
        """``csp build`` of the example into ``out`` with the ical publisher alone."""
        return self.csp("build", str(EXAMPLE), "--out", str(out), "--only", "ical", *args)

    @staticmethod
    def files(out: Path) -> dict[Path, tuple[bytes, int]]:
        """Every file under ``out``: its bytes and modification time."""
        return {
            path.relative_to(out): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(out.rglob("*"))
            if path.is_file()
        }

    @pytest.mark.parametrize(
        ("option", "value"),
        [
            ("deadlines", "maybe"),
            ("refresh_interval", "12 hours"),
            ("default_duration", "PT0S"),
            ("color", "notacolour"),
            ("colour", "red"),
            ("series", "RRULE"),
            ("series", "grouped"),
        ],
    )
    def test_a_bad_value_exits_2_and_writes_nothing(
        self, tmp_path: Path, option: str, value: str
    ) -> None:
        """Exit 2, one line naming ``ical.OPTION``, no traceback, and no output folder made."""
        out = tmp_path / "out"
        result = self.csp(
            "build", str(EXAMPLE), "--out", str(out), "--option", f"ical.{option}={value}"
        )
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"csp: --option ical.{option}: "), result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stdout == ""
        assert not out.exists()

    def test_a_bad_value_leaves_the_previous_build_as_it_was(self, tmp_path: Path) -> None:
        """Over an earlier build, a bad value changes no file (nor its modification time)."""
        out = tmp_path / "out"
        first = self.build_ical(out, "--at", "2019-10-01T09:00")
        assert first.returncode == 0, first.stderr
        before = self.files(out)
        assert Path("calendar.ics") in before
        bad = self.build_ical(out, "--at", "2019-10-02T09:00", "--option", "ical.deadlines=maybe")
        assert bad.returncode == 2, bad.stderr
        assert "ical.deadlines" in bad.stderr
        after = self.files(out)
        assert after == before

    def test_a_good_value_reaches_the_calendars(self, tmp_path: Path) -> None:
        """``--option ical.deadlines=no``: no deadlines.ics; the meeting calendars are made."""
        out = tmp_path / "out"
        result = self.build_ical(
            out, "--option", "ical.deadlines=no", "--option", "ical.color=Teal"
        )
        assert result.returncode == 0, result.stderr
        assert (out / "calendar.ics").is_file()
        assert not (out / "deadlines.ics").exists()
        assert b"\r\nCOLOR:teal\r\n" in (out / "calendar.ics").read_bytes()


class TestPlugin:
    """The plugin as csp-core finds it."""

    def test_the_entry_point_names_the_module(self) -> None:
        """The distribution declares entry point ``ical = csp_ical`` in the group csp_core."""
        found = {ep.name: ep.value for ep in metadata.entry_points(group="csp_core")}
        assert found.get("ical") == "csp_ical"

    def test_the_hooks_register_the_publisher_and_the_checker(self) -> None:
        """Loaded from its entry point alone: one IcalPublisher and one IcalChecker."""
        plugins = load_plugins(only=["ical"])
        assert list(plugins.publishers) == ["ical"]
        assert list(plugins.checkers) == ["ical"]
        publisher = plugins.publishers["ical"].publisher
        assert isinstance(publisher, Publisher)
        assert isinstance(publisher, csp_ical.IcalPublisher)
        assert isinstance(plugins.checkers["ical"].checker, Checker)

    def test_render_takes_a_build_context(self, cambridge: Partnership) -> None:
        """render(context) returns the files for a BuildContext built by hand."""
        publisher = csp_ical.IcalPublisher()
        context = BuildContext(
            view=public_view(cambridge, _at(2019, 10, 1, 9)),
            options=parse_options(publisher, {"deadlines": "false"}),
        )
        paths = [file.path for file in publisher.render(context)]
        assert paths == ["calendar.ics", "bodies/board.ics"]
