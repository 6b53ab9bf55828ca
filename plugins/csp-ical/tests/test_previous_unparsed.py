"""Reading the previous build without parsing it gives what parsing it gives (issue 16).

A rebuild reads each calendar it made last time back: to send an event no longer in the data
once more, cancelled, and to find the previous build's recurring events.  Parsing a large
calendar costs more than writing it, so when the file's events' UIDs (read line by line) are
all still there, and no event recurs, the parse is skipped.  Here the line-by-line reading is
checked against icalendar's on every calendar of generated partnerships, and on the few
shapes where it must give way to the parse.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from icalendar import Calendar

from csp_core import Partnership
from csp_ical.series import Previous, uids
from ical_readers import render
from tests.strategies import examples, partnerships_at_instants


@examples(30)
@given(case=partnerships_at_instants(most=3))
def test_the_uids_read_line_by_line_are_icalendars(
    case: tuple[Partnership, list[dt.datetime]],
) -> None:
    partnership, instants = case
    for at in instants:
        for path, file in render(partnership, at).items():
            parsed = {str(e["UID"]) for e in Calendar.from_ical(file.content).walk("VEVENT")}
            assert uids(file.content) == parsed, path
            recurs = any(
                "RRULE" in e or "RECURRENCE-ID" in e
                for e in Calendar.from_ical(file.content).walk("VEVENT")
            )
            if not recurs:
                assert Previous.read(file.content) == Previous()


def test_a_uid_it_cannot_read_so_is_left_to_the_parse() -> None:
    """Parameters, an escape, a ``BEGIN:VEVENT`` not on its own line: ``None``, so parse."""
    event = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    assert uids(event % b"UID:a@x.csp-core") == {"a@x.csp-core"}
    assert uids(event % b"UID;X-KIND=1:a@x.csp-core") is None
    assert uids(event % b"UID:a\\,b@x.csp-core") is None
    assert uids(event.replace(b"BEGIN:VEVENT\r\n", b"BEGIN:VEVENT \r\n") % b"UID:a") is None


def test_folded_lines_and_the_calendars_own_uid() -> None:
    """A UID folded over two lines is one UID; the calendar's own UID (RFC 7986) is no event's."""
    content = (
        b"BEGIN:VCALENDAR\r\nUID:calendar.ics@x.csp-core\r\nBEGIN:VEVENT\r\n"
        b"UID:meeting-2019-10-17@cambri\r\n dge.csp-core\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert uids(content) == {"meeting-2019-10-17@cambridge.csp-core"}
    assert {str(e["UID"]) for e in Calendar.from_ical(content).walk("VEVENT")} == uids(content)
