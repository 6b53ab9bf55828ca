"""Properties of the calendars over generated partnerships (tests/strategies.py)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from csp_core import Partnership, public_view
from csp_core.text import clean
from ical_readers import (
    Read,
    expected_end,
    expected_start,
    read_everywhere,
    read_icalendar_vtimezone,
    render,
    view_meetings,
)
from tests.strategies import examples, partnerships

UTC = dt.UTC
instants = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2036, 1, 1), timezones=st.just(UTC)
)
later = st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=3650))


def _events(content: bytes) -> list[Read]:
    return read_icalendar_vtimezone(content)


@examples(30)
@given(partnership=partnerships(), first=instants, step=later)
def test_calendars_of_any_partnership(
    partnership: Partnership, first: dt.datetime, step: dt.timedelta
) -> None:
    """One event per public meeting, unique stable UIDs, SEQUENCE never falls, TZIDs defined."""
    files = render(partnership, first)
    again = render(partnership, first)
    assert {p: f.content for p, f in files.items()} == {p: f.content for p, f in again.items()}

    view = public_view(partnership, first)
    meetings = view_meetings(view)
    events = _events(files["calendar.ics"].content)
    assert sorted(event.uid for event in events) == sorted(meetings)
    assert files["calendar.ics"].items == len(meetings)
    for event in events:
        meeting = meetings[event.uid]
        assert event.start == expected_start(meeting)
        assert event.end == expected_end(meeting)
        assert event.sequence == view.sequence(meeting) >= len(meeting.changes)

    by_body = [
        event.uid
        for body in view.public_bodies()
        for event in _events(files[f"bodies/{body.id}.ics"].content)
    ]
    assert sorted(by_body) == sorted(meetings)
    # A private body has no calendar (its meetings are not in the view).
    private = {body.id for body in view.partnership.bodies if not body.public}
    assert not {path for path in files if path.removeprefix("bodies/")[:-4] in private}

    for path, file in files.items():
        calendar = Calendar.from_ical(file.content)
        defined = {str(timezone["TZID"]) for timezone in calendar.walk("VTIMEZONE")}
        assert calendar.get_used_tzids() <= defined, path
        uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
        assert len(uids) == len(set(uids)), path

    sequences = {event.uid: event.sequence for event in events}
    later_events = _events(render(partnership, first + step)["calendar.ics"].content)
    later_sequences = {event.uid: event.sequence for event in later_events}
    for uid, sequence in sequences.items():
        assert uid in later_sequences, "a meeting's UID changed or it left the feed"
        assert later_sequences[uid] >= sequence  # type: ignore[operator]


@examples(15)
@given(partnership=partnerships())
def test_any_text_reads_back_the_same_in_every_parser(partnership: Partnership) -> None:
    """Titles and venues of any text read back as written (controls as U+FFFD) everywhere."""
    at = dt.datetime(2040, 1, 1, tzinfo=UTC)
    meetings = view_meetings(public_view(partnership, at))
    content = render(partnership, at)["calendar.ics"].content
    for reader, calendars in read_everywhere({"calendar.ics": content}).items():
        for event in calendars["calendar.ics"]:
            meeting = meetings[event.uid]
            prefix = {"cancelled": "Cancelled: ", "postponed": "Postponed: "}
            assert event.summary == prefix.get(meeting.status.value, "") + clean(meeting.title)
            if meeting.venue is not None:
                assert event.location == clean(meeting.venue.one_line), reader
