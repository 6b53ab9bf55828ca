"""How to attend: online and hybrid meetings, their join, webcast and recording links, and the
moment each becomes public (docs/data-files.md "online", docs/public-view.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_core import CspError, Partnership, load
from csp_core.cli import main
from csp_core.model._checks import utc
from csp_core.public import public_view
from csp_core.rules.timeline import EventKind, timeline
from tests.data import partnership_header
from tests.strategies import examples, partnerships

# Thursday 13 March 2025, 14:00 GMT: a Teams meeting announced on 1 February; its join link is
# made public the day before, 12 March at 09:00 GMT.
TEAMS = """
[[meetings]]
id = "teams"
body = "board"
title = "Board meeting"
start = 2025-03-13T14:00:00+00:00
attendance = "online"
announced = 2025-02-01T09:00:00+00:00
online = { join = "https://teams.example/meet/1", join_from = 2025-03-12T09:00:00+00:00 }
"""

# Thursday 12 June 2025, 10:00 BST (09:00 UTC): a hybrid meeting at the Guildhall, webcast live
# (the webcast link public with the meeting, from 1 May), its recording published a week later,
# Thursday 19 June at 12:00 BST (11:00 UTC).
HYBRID = """
[[meetings]]
id = "hybrid"
body = "board"
title = "Board meeting"
start = 2025-06-12T10:00:00+01:00
attendance = "mixed"
venue = { name = "Guildhall", address = ["Market Square"], postcode = "CB2 3QJ" }
announced = 2025-05-01T09:00:00+01:00
online.webcast = "https://webcast.example/live/7"
online.recording = "https://webcast.example/recording/7"
online.recording_from = 2025-06-19T12:00:00+01:00
"""


JOIN = "https://teams.example/meet/1"
RECORDING = "https://webcast.example/recording/7"


def _utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def _write(tmp_path: Path, meetings: str) -> Path:
    path = tmp_path / "partnership.toml"
    path.write_text(partnership_header("Onlineshire") + meetings, encoding="utf-8")
    return path


@pytest.fixture
def partnership(tmp_path: Path) -> Partnership:
    return load(_write(tmp_path, TEAMS + HYBRID))


def _links(partnership: Partnership, meeting: str, at: dt.datetime) -> dict[str, str]:
    view = public_view(partnership, at)
    found = next(m for m in view.meetings() if m.id == meeting)
    return dict(found.online.links()) if found.online else {}


class TestPublicFromItsMoment:
    def test_join_link_from_the_day_before(self, partnership: Partnership) -> None:
        assert _links(partnership, "teams", _utc(2025, 3, 12, 8, 59)) == {}
        assert _links(partnership, "teams", _utc(2025, 3, 12, 9)) == {
            "join": "https://teams.example/meet/1"
        }

    def test_webcast_with_the_meeting_recording_a_week_later(
        self, partnership: Partnership
    ) -> None:
        webcast = {"webcast": "https://webcast.example/live/7"}
        assert _links(partnership, "hybrid", _utc(2025, 5, 1, 8)) == webcast
        assert _links(partnership, "hybrid", _utc(2025, 6, 19, 10, 59)) == webcast
        assert _links(partnership, "hybrid", _utc(2025, 6, 19, 11)) == {
            **webcast,
            "recording": "https://webcast.example/recording/7",
        }

    def test_stamps_move_when_a_link_appears(self, partnership: Partnership) -> None:
        def modified(meeting: str, at: dt.datetime) -> dt.datetime:
            view = public_view(partnership, at)
            return utc(view.modified(next(m for m in view.meetings() if m.id == meeting)))

        assert modified("teams", _utc(2025, 3, 12, 8)) == _utc(2025, 2, 1, 9)
        assert modified("teams", _utc(2025, 3, 12, 10)) == _utc(2025, 3, 12, 9)
        assert modified("hybrid", _utc(2025, 6, 18)) == _utc(2025, 5, 1, 8)
        assert modified("hybrid", _utc(2025, 6, 20)) == _utc(2025, 6, 19, 11)

    def test_the_timeline_announces_the_recording(self, partnership: Partnership) -> None:
        before = timeline(partnership, _utc(2025, 6, 19, 10, 59))
        assert not [e for e in before if e.kind is EventKind.RECORDING_PUBLISHED]
        (event,) = [
            e
            for e in timeline(partnership, _utc(2025, 6, 19, 11))
            if e.kind is EventKind.RECORDING_PUBLISHED
        ]
        assert event.id == "meeting/hybrid/recording"
        assert utc(event.at) == _utc(2025, 6, 19, 11)
        assert event.title.startswith("Recording published: ")
        assert event.link == "https://webcast.example/recording/7"

    def test_announcements_say_online(self, partnership: Partnership) -> None:
        summaries = {
            e.subject: e.summary
            for e in timeline(partnership, _utc(2025, 6, 1))
            if e.kind is EventKind.MEETING_ANNOUNCED
        }
        assert summaries["teams"] == "14:00, online"
        assert summaries["hybrid"] == "10:00 at Guildhall, Market Square CB2 3QJ and online"
        assert "to be confirmed" not in " ".join(summaries.values())


@pytest.mark.parametrize(
    ("online", "field", "words"),
    [
        ("online = {}", "online.join", "give a join link"),
        ('online.recording = "https://x.example/r"', "recording_from", "recording is published"),
        ("online.join_from = 2025-03-12T09:00:00Z", "join_from", "add join"),
        ('online.webcast = "teams.example/1"', "webcast", "web address"),
        (
            'online.recording = "https://x.example/r"\n'
            "online.recording_from = 2025-03-13T13:00:00Z",
            "recording_from",
            "before the meeting starts",
        ),
    ],
)
def test_invalid_links_are_refused(tmp_path: Path, online: str, field: str, words: str) -> None:
    text = TEAMS.replace(
        'online = { join = "https://teams.example/meet/1", join_from = 2025-03-12T09:00:00+00:00 }',
        online,
    )
    with pytest.raises(CspError) as raised:
        load(_write(tmp_path, text))
    assert field in str(raised.value)
    assert words in str(raised.value)


def test_an_in_person_meeting_has_no_join_link(tmp_path: Path) -> None:
    with pytest.raises(CspError) as raised:
        load(_write(tmp_path, TEAMS.replace('"online"', '"in-person"')))
    assert "online.join" in str(raised.value)
    assert "in-person meeting has no join link" in str(raised.value)


def test_an_in_person_meeting_may_be_webcast(tmp_path: Path) -> None:
    partnership = load(_write(tmp_path, HYBRID.replace('"mixed"', '"in-person"')))
    assert partnership.meetings[0].online is not None


def test_an_online_meeting_without_links_is_to_be_announced(tmp_path: Path) -> None:
    text = TEAMS.replace(
        'online = { join = "https://teams.example/meet/1", join_from = 2025-03-12T09:00:00+00:00 }',
        "",
    )
    assert load(_write(tmp_path, text)).meetings[0].online is None


@examples(60)
@given(partnership=partnerships(), data=st.data())
def test_no_link_before_its_moment(partnership: Partnership, data: st.DataObject) -> None:
    """In the public view, at any instant, every link shown is public by then (its own moment)."""
    original = {meeting.id: meeting for meeting in partnership.meetings}
    moments = [
        moment
        for meeting in partnership.meetings
        if meeting.online is not None
        for moment in (
            meeting.online.join_from,
            meeting.online.webcast_from,
            meeting.online.recording_from,
        )
        if moment is not None
    ]
    choices = [utc(m) + dt.timedelta(seconds=s) for m in moments for s in (-1, 0, 1)]
    at = data.draw(st.sampled_from(choices) if choices else st.just(_utc(2020, 1, 1)), label="at")
    for meeting in public_view(partnership, at).meetings():
        if meeting.online is None:
            continue
        data_links = original[meeting.id].online
        assert data_links is not None
        allowed = dict(data_links.links(at))
        assert set(meeting.online.links()) <= set(allowed.items())


def test_csp_build_in_welsh_and_english(tmp_path: Path) -> None:
    """Through the command line: the links, the recording's announcement and 'online' in the
    calendars, the feeds and the pages, in Welsh (the primary language) and in English."""
    data = tmp_path / "data"
    data.mkdir()
    header = partnership_header("Onlineshire", nation="wales").replace(
        'nation = "wales"\n', 'nation = "wales"\nlanguages = ["cy", "en-GB"]\n'
    )
    (data / "partnership.toml").write_text(header + TEAMS + HYBRID, encoding="utf-8")
    out = tmp_path / "out"
    # 20 June 2025: after the recording (19 June, 11:00 UTC), so every link is public.
    at, base = "2025-06-20T00:00:00Z", "https://csp.example.org/"
    assert main(["build", str(data), "--out", str(out), "--at", at, "--base-url", base]) == 0

    def read(path: str) -> str:
        return (out / path).read_bytes().decode("utf-8").replace("\r\n ", "")

    welsh, english = read("calendar.ics"), read("en-gb/calendar.ics")
    assert "CONFERENCE;FEATURE=AUDIO,VIDEO;LABEL=Ymuno ar-lein;VALUE=URI:" + JOIN in welsh
    assert "CONFERENCE;FEATURE=VIDEO;LABEL=Recording;VALUE=URI:" + RECORDING in english
    assert "LOCATION:Ar-lein" in welsh
    assert "LOCATION:Online" in english
    feed = read("feeds/atom.xml")
    assert "Recordiad wedi'i gyhoeddi: Board meeting" in feed
    assert "<summary>14:00, ar-lein</summary>" in feed
    assert "<summary>10:00 at Guildhall, Market Square CB2 3QJ and online</summary>" in read(
        "en-gb/feeds/atom.xml"
    )
    assert f'<a href="{JOIN}">Ymuno ar-lein</a>' in read("meetings/teams.html")
    assert f'<a href="{RECORDING}">Recording</a>' in read("en-gb/meetings/hybrid.html")


def test_a_recording_is_of_the_meeting_as_it_took_place(tmp_path: Path) -> None:
    """A meeting moved from Thursday 13 to Thursday 20 March 2025 cannot have a recording
    published on Friday 14 March: it would be public, then withdrawn once the move is announced,
    and a feed item must never vanish (plugins/csp-rss/tests/test_feed_updates.py)."""
    moved = (
        TEAMS.replace("start = 2025-03-13T14:00:00+00:00", "start = 2025-03-20T14:00:00+00:00")
        + 'status = "rescheduled"\nprevious_start = 2025-03-13T14:00:00+00:00\n'
        + 'changes = [{ at = 2025-03-10T09:00:00+00:00, what = ["time"] }]\n'
        + 'online.recording = "https://x.example/r"\n'
        + "online.recording_from = 2025-03-14T12:00:00+00:00\n"
    ).replace(
        'online = { join = "https://teams.example/meet/1", '
        "join_from = 2025-03-12T09:00:00+00:00 }\n",
        'online.join = "https://teams.example/meet/1"\n',
    )
    with pytest.raises(CspError, match=r"online\.recording_from: is before the meeting starts"):
        load(_write(tmp_path, moved))
    load(_write(tmp_path, moved.replace("2025-03-14T12:00:00", "2025-03-21T12:00:00")))
