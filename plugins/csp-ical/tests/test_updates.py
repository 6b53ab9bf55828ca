"""Calendars built at a later instant are valid updates of earlier ones (RFC 5546 section 2.1.4).

A subscribed client keeps, of each UID, the copy with the highest (SEQUENCE, DTSTAMP).  For
generated partnerships built at instants ``a < b`` (mostly the data's own moments ± 1 s), read
back with icalendar, every file at ``b`` must update the one at ``a``: every UID is still there;
(SEQUENCE, DTSTAMP) never fall; any change of the event's bytes (all but DTSTAMP and
LAST-MODIFIED) moves LAST-MODIFIED, and a change of DTSTART, DTEND, LOCATION or STATUS raises
SEQUENCE; no stamp lies after its instant.  So such a client always ends with ``b``'s version.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import attrs
from hypothesis import given
from icalendar import Calendar

from csp_core import ChangeKind, Meeting, MeetingChange, MeetingStatus, Partnership
from ical_readers import render
from tests.strategies import examples, partnerships_at_instants

UTC = dt.UTC
_STAMPS = ("DTSTAMP", "LAST-MODIFIED")
_SIGNIFICANT = ("DTSTART", "DTEND", "LOCATION", "STATUS")


@attrs.frozen
class Version:
    """One VEVENT as a client stores it."""

    sequence: int
    stamp: dt.datetime
    modified: dt.datetime
    significant: tuple[str, ...]
    content: tuple[str, ...]
    """Every content line but DTSTAMP and LAST-MODIFIED, as icalendar writes it back."""


def _utc(value: Any) -> dt.datetime:
    moment: dt.datetime = value.dt
    return moment.astimezone(UTC)


def versions(content: bytes) -> dict[str, Version]:
    """The events of one calendar by UID, read with icalendar."""
    found = {}
    for event in Calendar.from_ical(content).walk("VEVENT"):
        lines = tuple(
            line
            for line in event.to_ical().decode("utf-8").replace("\r\n ", "").split("\r\n")
            if line and not line.startswith(_STAMPS)
        )
        found[str(event["UID"])] = Version(
            sequence=int(event.get("SEQUENCE", 0)),
            stamp=_utc(event["DTSTAMP"]),
            modified=_utc(event["LAST-MODIFIED"]),
            significant=tuple(line for line in lines if line.startswith(_SIGNIFICANT)),
            content=lines,
        )
    return found


def check_update(earlier: dict[str, Version], later: dict[str, Version], at: dt.datetime) -> None:
    """``later`` (built at ``at``) is a valid update of ``earlier`` for every UID."""
    assert set(earlier) <= set(later), f"events left the calendar: {set(earlier) - set(later)}"
    for uid, version in later.items():
        assert version.stamp <= at.astimezone(UTC), uid
        assert version.modified == version.stamp, uid
    for uid, old in earlier.items():
        new = later[uid]
        assert (new.sequence, new.stamp) >= (old.sequence, old.stamp), uid
        assert new.sequence >= old.sequence, uid
        if new.content != old.content:
            assert new.modified > old.modified, (uid, old.content, new.content)
        if new.significant != old.significant:
            assert new.sequence > old.sequence, (uid, old.significant, new.significant)


def builds(partnership: Partnership, instants: list[dt.datetime]) -> list[dict[str, bytes]]:
    return [
        {path: file.content for path, file in render(partnership, at).items()} for at in instants
    ]


@examples(50)
@given(case=partnerships_at_instants(most=5))
def test_a_later_build_updates_an_earlier_one(case: tuple[Partnership, list[dt.datetime]]) -> None:
    """Every calendar at a later instant is a valid update of the one at an earlier instant."""
    partnership, instants = case
    built = builds(partnership, instants)
    for (a, files_a), (b, files_b) in itertools.combinations(zip(instants, built, strict=True), 2):
        assert set(files_a) == set(files_b)
        for path, content in files_a.items():
            check_update(versions(content), versions(files_b[path]), b)
        del a


def _at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def test_a_postponed_meeting_shown_rescheduled_gets_a_new_sequence(
    cambridge: Partnership,
) -> None:
    """Replaced by a meeting announced later: postponed (TENTATIVE), then CONFIRMED, SEQUENCE up."""
    board = cambridge.bodies[0].id
    first = Meeting(id="first", body=board, title="Board", start=_at(2030, 3, 5, 10))
    replacing = Meeting(
        id="replacing",
        body=board,
        title="Board",
        start=_at(2030, 4, 5, 10),
        announced=_at(2030, 2, 20),
    )
    first = attrs.evolve(
        first,
        status=MeetingStatus.RESCHEDULED,
        replaced_by="replacing",
        announced=_at(2030, 1, 1),
        changes=(MeetingChange(at=_at(2030, 2, 1), what=(ChangeKind.STATUS,)),),
    )
    partnership = attrs.evolve(cambridge, meetings=(first, replacing), actions=())
    uid = f"first@{cambridge.id}.csp-core"
    calendars = builds(partnership, [_at(2030, 1, 2), _at(2030, 2, 2), _at(2030, 2, 21)])
    events = [versions(files["calendar.ics"])[uid] for files in calendars]
    statuses = [next(x for x in e.significant if x.startswith("STATUS")) for e in events]
    assert statuses == ["STATUS:CONFIRMED", "STATUS:TENTATIVE", "STATUS:CONFIRMED"]
    assert [e.sequence for e in events] == [0, 1, 2]
    assert [e.stamp for e in events] == [_at(2030, 1, 1), _at(2030, 2, 1), _at(2030, 2, 20)]


def test_a_cancelled_meetings_deadlines_stay_cancelled(cambridge: Partnership) -> None:
    """The deadlines of a meeting cancelled later stay in deadlines.ics, as CANCELLED."""
    board = cambridge.bodies[0].id
    meeting = Meeting(
        id="later",
        body=board,
        title="Board",
        start=_at(2030, 3, 5, 10),
        announced=_at(2030, 1, 1),
        status=MeetingStatus.CANCELLED,
        changes=(MeetingChange(at=_at(2030, 2, 1), what=(ChangeKind.STATUS,)),),
    )
    partnership = attrs.evolve(cambridge, meetings=(meeting,), actions=())
    before, after = builds(partnership, [_at(2030, 1, 2), _at(2030, 2, 2)])
    uid = f"meeting-later-agenda@{cambridge.id}.csp-core"
    old, new = versions(before["deadlines.ics"])[uid], versions(after["deadlines.ics"])[uid]
    assert "STATUS:CONFIRMED" in old.significant
    assert "STATUS:CANCELLED" in new.significant
    assert any(line.startswith("SUMMARY:Cancelled: Due: ") for line in new.content)
    assert new.sequence > old.sequence
    assert new.stamp == _at(2030, 2, 1)
    check_update(
        versions(before["deadlines.ics"]), versions(after["deadlines.ics"]), _at(2030, 2, 2)
    )


def test_the_example_updates_itself_at_every_moment(cambridge: Partnership) -> None:
    """Cambridge built a second before and after each of its moments: every build updates."""
    moments = sorted(
        {
            m.astimezone(UTC) + offset
            for meeting in cambridge.meetings
            for m in [meeting.announced, *(c.at for c in meeting.changes)]
            + [d.published for d in meeting.documents]
            if m is not None
            for offset in (dt.timedelta(seconds=-1), dt.timedelta(seconds=1))
        }
    )
    moments += [_at(2021, 1, 1), _at(2026, 1, 1)]
    built = builds(cambridge, moments)
    for (_, files_a), (b, files_b) in itertools.pairwise(zip(moments, built, strict=True)):
        for path, content in files_a.items():
            check_update(versions(content), versions(files_b[path]), b)


def test_a_meeting_deleted_from_the_data_is_sent_cancelled(cambridge: Partnership) -> None:
    """Given the previous build, an event the data no longer has comes back once, cancelled."""
    at = _at(2019, 10, 10, 9)
    first = {path: file.content for path, file in render(cambridge, at).items()}
    gone = cambridge.meetings[-1]
    smaller = attrs.evolve(cambridge, meetings=cambridge.meetings[:-1])

    def again(previous: dict[str, bytes], when: dt.datetime) -> dict[str, bytes]:
        return {
            path: file.content for path, file in render(smaller, when, previous=previous).items()
        }

    second = again(first, at + dt.timedelta(hours=1))
    uid = f"{gone.id}@{cambridge.id}.csp-core"
    old, new = versions(first["calendar.ics"])[uid], versions(second["calendar.ics"])[uid]
    assert "STATUS:CANCELLED" in new.significant
    assert new.sequence == old.sequence + 1
    assert new.stamp > old.stamp
    assert any(line.startswith("SUMMARY:Cancelled: ") for line in new.content)
    for path, content in first.items():
        check_update(versions(content), versions(second[path]), at + dt.timedelta(hours=1))
    # Rebuilt from the cancelled copy: the same bytes, and the cancellation is still there.
    third = again(second, at + dt.timedelta(hours=2))
    assert third == second


def test_a_build_at_an_earlier_instant_cancels_nothing(cambridge: Partnership) -> None:
    """After a build at a later instant, one at an earlier instant is as if the folder was empty.

    Events not public yet at the earlier instant carry later stamps: they are not cancellations.
    """
    early, late = _at(2019, 10, 1, 8), _at(2020, 3, 1, 9)
    previous = {path: file.content for path, file in render(cambridge, late).items()}
    again = {
        path: file.content for path, file in render(cambridge, early, previous=previous).items()
    }
    assert again == {path: file.content for path, file in render(cambridge, early).items()}
