"""Availability after the meeting and withdrawals (issue 12, items 1 and 2), worked by hand.

Retention: minutes, agenda and reports stay open to inspection for six years beginning with the
day of the meeting (LGA 1972 s.100C(1)).  Withdrawal before the meeting: copies of the agenda
and reports are open to inspection until the meeting (s.100B(1)).  Sources: docs/rules.md,
"Retention and withdrawals".
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_core import Partnership, dump
from csp_core.cli import main
from csp_core.model import AccessPolicy, Availability, DocumentKind, Revision, RevisionKind
from csp_core.reports import status_json, status_text
from csp_core.rules import (
    Severity,
    Standing,
    retained_until,
    retention_breaches,
    status,
)
from tests.strategies import examples, moments, partnerships

LONDON = ZoneInfo("Europe/London")
MEETING = "2019-10-17"  # Cambridge's partnership meeting, Thursday 17 October 2019, 11:15


def _at(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=LONDON)


def _edit(
    partnership: Partnership,
    kind: DocumentKind,
    *,
    published: dt.datetime | None = None,
    withdrawn: dt.datetime | None = None,
    availability: Availability | None = None,
    access: AccessPolicy | None = None,
    meeting_id: str = MEETING,
) -> Partnership:
    """The partnership with the meeting's document of ``kind`` published/withdrawn as given."""
    meeting = partnership.meeting(meeting_id)
    documents = []
    for original in meeting.documents:
        document = original
        if document.kind is kind:
            changes: dict[str, object] = {}
            if published is not None:
                changes["published"] = published
            if withdrawn is not None:
                changes["revisions"] = (
                    Revision(kind=RevisionKind.WITHDRAWAL, published=withdrawn, note="Withdrawn."),
                )
            if availability is not None:
                changes["availability"] = availability
            document = attrs.evolve(document, **changes)  # type: ignore[arg-type]
        documents.append(document)
    meetings = tuple(
        attrs.evolve(m, documents=tuple(documents)) if m.id == meeting_id else m
        for m in partnership.meetings
    )
    policy = partnership.policy
    if access is not None:
        policy = attrs.evolve(policy, access=access)
    return attrs.evolve(partnership, meetings=meetings, policy=policy)


def test_the_period_is_six_years_beginning_with_the_meeting_day(cambridge: Partnership) -> None:
    # "Six years beginning with the date of the meeting": 17 October 2019 is day one, so the
    # last day is 16 October 2025 (17 October 2025 would be day one of the seventh year).
    assert retained_until(cambridge, cambridge.meeting(MEETING)) == dt.date(2025, 10, 16)


def test_the_example_has_no_breach(cambridge: Partnership) -> None:
    for at in (_at(2019, 12, 1), _at(2020, 3, 1), _at(2026, 11, 30)):
        assert status(cambridge, at).retention == ()


def test_minutes_withdrawn_a_month_after_publication_are_a_breach(
    cambridge: Partnership,
) -> None:
    # Minutes published Thursday 31 October 2019, withdrawn Sunday 1 December 2019: the
    # meeting was 17 October 2019, so they had to stay open to 16 October 2025.
    edited = _edit(
        cambridge,
        DocumentKind.MINUTES,
        published=_at(2019, 10, 31, 9),
        withdrawn=_at(2019, 12, 1, 9),
        access=AccessPolicy.STATUTORY,
    )
    assert retention_breaches(edited, _at(2019, 11, 30)) == ()  # not yet withdrawn
    (breach,) = retention_breaches(edited, _at(2019, 12, 2))
    assert breach.document.id == "2019-10-17-minutes"
    assert breach.since == dt.date(2019, 12, 1)
    assert breach.retained_until == dt.date(2025, 10, 16)
    assert breach.severity is Severity.BREACH
    assert breach.statutory
    assert breach.section == "s.100C"
    # The breach stays on record after the period, too: it happened within it.
    assert len(retention_breaches(edited, _at(2026, 11, 30))) == 1


def test_under_a_voluntary_policy_it_is_a_warning(cambridge: Partnership) -> None:
    edited = _edit(
        cambridge, DocumentKind.MINUTES, published=_at(2019, 10, 31, 9), withdrawn=_at(2019, 12, 1)
    )
    (breach,) = retention_breaches(edited, _at(2020, 1, 1))
    assert breach.severity is Severity.WARNING
    assert not breach.statutory


def test_withdrawn_after_six_years_is_fine(cambridge: Partnership) -> None:
    # Withdrawn 1 January 2026: after 16 October 2025, the period's last day.
    edited = _edit(cambridge, DocumentKind.MINUTES, withdrawn=_at(2026, 1, 1))
    assert retention_breaches(edited, _at(2026, 2, 1)) == ()
    # ... and on the period's last day it is still a breach; the day after, fine.
    on_last = _edit(cambridge, DocumentKind.MINUTES, withdrawn=_at(2025, 10, 16, 23))
    assert len(retention_breaches(on_last, _at(2025, 11, 1))) == 1
    after = _edit(cambridge, DocumentKind.MINUTES, withdrawn=_at(2025, 10, 17, 0))
    assert retention_breaches(after, _at(2025, 11, 1)) == ()


def test_declared_withheld_is_a_breach_only_within_the_period(cambridge: Partnership) -> None:
    edited = _edit(cambridge, DocumentKind.AGENDA, availability=Availability.WITHHELD)
    (breach,) = retention_breaches(edited, _at(2024, 1, 1))
    assert not breach.withdrawn
    assert breach.since == dt.date(2019, 10, 17)
    assert retention_breaches(edited, _at(2025, 10, 17)) == ()


def test_on_request_after_online_months_is_no_breach(cambridge: Partnership) -> None:
    # Twelve months after the meeting the minutes move to "on request": still open to
    # inspection, so no breach (DOMAIN.md: inspection, not a website, is what s.100C asks).
    at = _at(2021, 1, 1)
    states = {s.document.id: s.availability for s in status(cambridge, at).documents}
    assert states["2019-10-17-minutes"] is Availability.ON_REQUEST
    assert status(cambridge, at).retention == ()


def test_status_reports_the_breach_in_text_and_json(cambridge: Partnership) -> None:
    from importlib.resources import files

    from csp_core.reports import SCHEMA_VERSION

    edited = _edit(
        cambridge,
        DocumentKind.MINUTES,
        published=_at(2019, 10, 31, 9),
        withdrawn=_at(2019, 12, 1, 9),
        access=AccessPolicy.STATUTORY,
    )
    at = _at(2020, 1, 6)
    now = status(edited, at)
    data = status_json(edited, now)
    assert data["schema_version"] == SCHEMA_VERSION == 2
    assert data["retention_breaches"] == [
        {
            "document": "2019-10-17-minutes",
            "kind": "minutes",
            "title": edited.meeting(MEETING).document(DocumentKind.MINUTES).title,  # type: ignore[union-attr]
            "meeting": MEETING,
            "how": "withdrawn",
            "since": "2019-12-01",
            "retained_until": "2025-10-16",
            "statutory": True,
            "severity": "breach",
            "section": "s.100C",
        }
    ]
    schema = json.loads(files("csp_core").joinpath("schemas/status.schema.json").read_text())
    jsonschema.validate(data, schema)
    text = status_text(edited, now)
    assert "Withdrawn or withheld within the retention period (1)" in text
    assert "withdrawn Sun 1 Dec 2019" in text
    assert "until Thu 16 Oct 2025 (s.100C); statutory breach" in text


def test_no_breach_section_when_there_is_none(cambridge: Partnership) -> None:
    assert "retention period" not in status_text(cambridge, status(cambridge, _at(2020, 1, 6)))
    assert status_json(cambridge, status(cambridge, _at(2020, 1, 6)))["retention_breaches"] == []


# Withdrawal before the meeting (s.100B(1)).  Cambridge's 17 October 2019 agenda was published
# Wednesday 9 October 2019, 09:30.  Under a statutory policy in England (five clear working
# days) the deadline is Thursday 10 October: Fri 11, Mon 14, Tue 15, Wed 16 ... counting back
# from Thursday 17: Wed 16, Tue 15, Mon 14, Fri 11, Thu 10 are five clear days, so the last day
# to publish is Wednesday 9 October.


def _agenda(partnership: Partnership, at: dt.datetime) -> Standing:
    (state,) = [
        s for s in status(partnership, at).duties if s.duty.id == f"meeting/{MEETING}/agenda"
    ]
    return state.standing


def test_an_agenda_withdrawn_the_day_before_the_meeting_is_overdue(
    cambridge: Partnership,
) -> None:
    statutory = attrs.evolve(
        cambridge, policy=attrs.evolve(cambridge.policy, access=AccessPolicy.STATUTORY)
    )
    assert _agenda(statutory, _at(2019, 10, 16, 9)) is Standing.ON_TIME
    # Withdrawn Wednesday 16 October 2019, 10:00, the day before the meeting.
    edited = _edit(statutory, DocumentKind.AGENDA, withdrawn=_at(2019, 10, 16, 10))
    assert _agenda(edited, _at(2019, 10, 16, 9)) is Standing.ON_TIME  # before the withdrawal
    (state,) = [
        s
        for s in status(edited, _at(2019, 10, 16, 11)).duties
        if s.duty.id == f"meeting/{MEETING}/agenda"
    ]
    assert state.standing is Standing.OVERDUE
    assert state.duty.severity is Severity.BREACH
    # Still unmet after the meeting: the copies were not open to inspection until it.
    assert _agenda(edited, _at(2019, 11, 1)) is Standing.OVERDUE


def test_an_agenda_withdrawn_after_the_meeting_still_met_s100b(cambridge: Partnership) -> None:
    # Withdrawn Friday 18 October 2019, the day after the meeting: s.100B(1) was met (that is a
    # retention breach, s.100C, instead).
    edited = _edit(cambridge, DocumentKind.AGENDA, withdrawn=_at(2019, 10, 18))
    assert _agenda(edited, _at(2019, 11, 1)) is Standing.ON_TIME
    assert [b.document.id for b in retention_breaches(edited, _at(2019, 11, 1))] == [
        "2019-10-17-agenda"
    ]


def test_a_corrected_agenda_keeps_its_first_publication(cambridge: Partnership) -> None:
    # A meeting has one agenda (the model refuses a second), so a replacement is recorded as a
    # correction of it, not as a withdrawal: the copies stayed open to inspection, and the
    # duty counts from the first publication, Wednesday 9 October 2019, on time.
    statutory = attrs.evolve(
        cambridge, policy=attrs.evolve(cambridge.policy, access=AccessPolicy.STATUTORY)
    )
    meeting = statutory.meeting(MEETING)
    agenda = meeting.document(DocumentKind.AGENDA)
    assert agenda is not None
    corrected = attrs.evolve(
        agenda,
        revisions=(
            Revision(
                kind=RevisionKind.CORRECTION, published=_at(2019, 10, 11, 9), note="Item 4 fixed."
            ),
        ),
    )
    meetings = tuple(
        attrs.evolve(m, documents=tuple(corrected if d.id == agenda.id else d for d in m.documents))
        if m.id == MEETING
        else m
        for m in statutory.meetings
    )
    edited = attrs.evolve(statutory, meetings=meetings)
    assert _agenda(edited, _at(2019, 10, 20)) is Standing.ON_TIME


def test_a_report_withdrawn_before_the_meeting_is_unmet(cambridge: Partnership) -> None:
    meeting = cambridge.meeting(MEETING)
    report = next(d for d in meeting.documents if d.id == "2019-10-17-performance-report")
    withdrawn = attrs.evolve(
        report,
        revisions=(
            Revision(kind=RevisionKind.WITHDRAWAL, published=_at(2019, 10, 15), note="Withdrawn."),
        ),
    )
    meetings = tuple(
        attrs.evolve(m, documents=tuple(withdrawn if d.id == report.id else d for d in m.documents))
        if m.id == MEETING
        else m
        for m in cambridge.meetings
    )
    edited = attrs.evolve(cambridge, meetings=meetings)
    duty_id = f"meeting/{MEETING}/report/2019-10-17-performance-report"
    (state,) = [s for s in status(edited, _at(2019, 10, 20)).duties if s.duty.id == duty_id]
    assert state.standing is Standing.OVERDUE


@pytest.mark.parametrize("kind", [DocumentKind.MINUTES, DocumentKind.AGENDA])
def test_public_view_still_hides_withdrawn_documents(
    cambridge: Partnership, kind: DocumentKind
) -> None:
    edited = _edit(cambridge, kind, withdrawn=_at(2020, 3, 1))
    states = {s.document.id: s.availability for s in status(edited, _at(2020, 4, 1)).documents}
    assert states[f"{MEETING}-{kind.value}"] is Availability.WITHHELD


def test_strict_fails_on_a_statutory_retention_breach(
    cambridge: Partnership, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Minutes withdrawn 1 December 2019 under a statutory policy: --strict (statutory level)
    # fails on 6 January 2020 because of it; the unedited example passes at the same instant.
    edited = _edit(
        cambridge,
        DocumentKind.MINUTES,
        published=_at(2019, 10, 31, 9),
        withdrawn=_at(2019, 12, 1, 9),
        access=AccessPolicy.STATUTORY,
    )
    path = tmp_path / "partnership.json"
    path.write_text(json.dumps(dump(edited)), encoding="utf-8")
    code = main(["status", str(path), "--at", "2020-01-06T12:00", "--strict"])
    err = capsys.readouterr().err
    assert code != 0
    assert "1 retention breach" in err
    voluntary = _edit(
        cambridge, DocumentKind.MINUTES, published=_at(2019, 10, 31, 9), withdrawn=_at(2019, 12, 1)
    )
    path.write_text(json.dumps(dump(voluntary)), encoding="utf-8")
    assert main(["status", str(path), "--at", "2020-01-06T12:00", "--strict"]) == 0
    assert main(["status", str(path), "--at", "2020-01-06T12:00", "--strict=all"]) != 0


@examples(60)
@given(partnership=partnerships(), data=st.data())
def test_breaches_are_withdrawals_or_withholdings_within_the_period(
    partnership: Partnership, data: st.DataObject
) -> None:
    """Every breach is a meeting document gone within its period; untouched ones never are."""
    at = data.draw(moments(partnership.timezone))
    for breach in retention_breaches(partnership, at):
        day = breach.meeting.start.astimezone(partnership.timezone).date()
        assert day <= breach.since <= breach.retained_until
        withdrawn = breach.document.withdrawn_at()
        assert breach.withdrawn == (withdrawn is not None)
        if withdrawn is None:
            assert breach.document.availability is Availability.WITHHELD
