"""The timeline's 'Decisions published' event (docs/public-view.md, "The record of a meeting")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given

from csp_core import (
    Event,
    EventKind,
    Partnership,
    PublicView,
    Revision,
    RevisionKind,
    load,
    public_view,
)
from csp_core.model import DocumentKind
from csp_core.rules import timeline
from tests.strategies import partnerships_at_instants
from tests.test_records import DATA

LONDON = ZoneInfo("Europe/London")


def _at(*fields: int) -> dt.datetime:
    return dt.datetime(*fields, tzinfo=LONDON)


@pytest.fixture
def partnership(tmp_path: Path) -> Partnership:
    path = tmp_path / "partnership.toml"
    path.write_text(DATA, encoding="utf-8")
    return load(path)


def _decisions(
    partnership: Partnership, at: dt.datetime, language: str | None = None
) -> list[Event]:
    view = public_view(partnership, at, language)
    return [e for e in view.timeline if e.kind is EventKind.DECISIONS_PUBLISHED]


def test_announced_with_the_minutes(partnership: Partnership) -> None:
    # The first board meeting's minutes are published at 09:00 GMT on Tuesday 20 February 2024.
    assert _decisions(partnership, _at(2024, 2, 20, 8, 59, 59)) == []
    (event,) = _decisions(partnership, _at(2024, 2, 20, 9))
    assert event.id == "meeting/2024-02-06/decisions"
    assert event.at == _at(2024, 2, 20, 9)
    assert (event.subject, event.meeting, event.document) == (
        "2024-02-06",
        "2024-02-06",
        "m1-minutes",
    )
    assert event.title == "Decisions published: Board meeting, Tuesday 6 February 2024"
    # Item 2 in full; item 3 is exempt: only that it was decided, by vote, never the resolution.
    assert event.summary == "Item 2: That the plan be agreed. Item 3: decided by vote."
    assert event.link == "https://example.org/m1.pdf"
    assert public_view(partnership, _at(2024, 2, 20, 9)).updated(event) == event.at


def test_one_event_per_meeting_with_decisions(partnership: Partnership) -> None:
    # By 1 November 2024 all three minutes are public (the last on 15 October, 09:00 BST); the
    # third meeting's record has no decisions, so no event.
    events = _decisions(partnership, _at(2024, 11, 1))
    assert [e.id for e in events] == [
        "meeting/2024-02-06/decisions",
        "meeting/2024-06-04/decisions",
    ]
    assert events[1].summary == "Item 1: That the action points be noted."
    # 18 June 2024, 09:00 BST is 08:00 UTC.
    assert events[1].at.astimezone(dt.UTC) == dt.datetime(2024, 6, 18, 8, tzinfo=dt.UTC)


def test_in_welsh(partnership: Partnership) -> None:
    welsh = attrs.evolve(partnership, languages=("en-GB", "cy"))
    (event,) = _decisions(welsh, _at(2024, 2, 20, 9), "cy")
    assert event.title.startswith("Penderfyniadau wedi'u cyhoeddi: ")
    assert event.summary == (
        "Eitem 2: That the plan be agreed. Eitem 3: penderfynwyd drwy bleidlais."
    )


def test_withdrawn_minutes_take_the_event_with_them(partnership: Partnership) -> None:
    meeting = partnership.meeting("2024-06-04")
    minutes = meeting.document(DocumentKind.MINUTES)
    assert minutes is not None
    withdrawn = attrs.evolve(
        minutes,
        revisions=(
            Revision(kind=RevisionKind.WITHDRAWAL, published=_at(2024, 7, 1, 9), note="Wrong"),
        ),
    )
    changed = attrs.evolve(
        partnership,
        meetings=tuple(
            attrs.evolve(m, documents=(withdrawn,)) if m.id == meeting.id else m
            for m in partnership.meetings
        ),
    )
    assert "meeting/2024-06-04/decisions" in {e.id for e in _decisions(changed, _at(2024, 6, 30))}
    assert "meeting/2024-06-04/decisions" not in {
        e.id for e in _decisions(changed, _at(2024, 7, 1, 9))
    }


@given(partnerships_at_instants())
def test_an_event_exactly_for_each_public_record_with_decisions(
    case: tuple[Partnership, list[dt.datetime]],
) -> None:
    partnership, instants = case
    for at in instants:
        _check_events(public_view(partnership, at), at)


def _check_events(view: PublicView, at: dt.datetime) -> None:
    expected = {
        f"meeting/{m.id}/decisions"
        for m in view.partnership.meetings
        if m.record is not None and m.record.decisions
    }
    events = [e for e in view.timeline if e.kind is EventKind.DECISIONS_PUBLISHED]
    assert {e.id for e in events} == expected
    for event in events:
        assert event.at <= at
        assert view.updated(event) >= event.at
        meeting = view.partnership.meeting(event.subject)
        assert meeting.record is not None
        for decision in meeting.record.decisions:
            if decision.resolution is not None:
                assert decision.resolution in event.summary


def test_the_full_data_never_names_an_exempt_resolution(partnership: Partnership) -> None:
    """``csp status`` lists recent events from the full data: the same words as the public."""
    events = [
        e
        for e in timeline(partnership, _at(2024, 2, 21))
        if e.kind is EventKind.DECISIONS_PUBLISHED
    ]
    assert [e.summary for e in events] == [
        "Item 2: That the plan be agreed. Item 3: decided by vote."
    ]
    assert timeline(partnership, _at(2024, 2, 20, 8, 59)) == tuple(
        e
        for e in timeline(partnership, _at(2024, 2, 20, 8, 59))
        if e.kind is not EventKind.DECISIONS_PUBLISHED
    )
