"""The record of meetings and the action log in the open data (docs/opendata.md).

Worked example: the board of tests/test_records.py (partnership ``testshire``).  Its meeting of
Tuesday 6 February 2024 has minutes published on Tuesday 20 February at 09:00 GMT, with
attendance, two declarations and two decisions, one on the exempt item 3 (by vote, 5 for and
1 abstention: the public sees only that it was decided by vote).  The board next meets on
Tuesday 4 June 2024 at 10:00 BST: from then the first minutes are agreed.  The action
"landlord-letters" (item 2, due Friday 31 May 2024) is updated at the June meeting (minutes
Tuesday 18 June, 09:00 BST) and closed at the October one (minutes 15 October); the action
"contract-terms", raised under the exempt item, is never public.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from csp_opendata import OpendataPublisher, schema
from jsonschema import Draft202012Validator
from tests.test_records import DATA

from csp_core import BuildContext, Partnership, load, parse_options, public_view

LONDON = ZoneInfo("Europe/London")
#: Noon on the day of the June meeting: the first minutes are public and agreed, the second
#: meeting's not yet published.
JUNE = dt.datetime(2024, 6, 4, 12, tzinfo=LONDON)
#: After the third meeting's minutes: the action closed.
OCTOBER = dt.datetime(2024, 10, 20, 12, tzinfo=LONDON)
EVENT = "testshire/meeting/2024-02-06"


def _load(tmp_path: Path, data: str = DATA) -> Partnership:
    path = tmp_path / "partnership.toml"
    path.write_text(data, encoding="utf-8")
    return load(path)


def _render(partnership: Partnership, at: dt.datetime) -> dict[str, bytes]:
    publisher = OpendataPublisher()
    context = BuildContext(
        view=public_view(partnership, at),
        options=parse_options(publisher, {}),
        base_url="https://csp.example.org/",
    )
    return {file.path: file.content for file in publisher.render(context)}


def _popolo(files: dict[str, bytes]) -> Any:
    document = json.loads(files["opendata/popolo.json"])
    validator = Draft202012Validator(
        schema("popolo.json"), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    assert [error.message for error in validator.iter_errors(document)] == []
    return document


def _rows(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    text = files[f"opendata/{name}"].decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), strict=True))


def _event(document: Any, identifier: str = EVENT) -> Any:
    return next(event for event in document["events"] if event["id"] == identifier)


def test_nothing_before_the_minutes(tmp_path: Path) -> None:
    files = _render(_load(tmp_path), dt.datetime(2024, 2, 20, 8, 59, 59, tzinfo=LONDON))
    document = _popolo(files)
    assert document["motions"] == []
    assert document["actions"] == []
    event = _event(document)
    assert [p["note"] for p in event["participants"]] == ["host"]
    assert "record" not in event["extras"]
    assert all("decisions" not in item and "declarations" not in item for item in event["agenda"])
    for name in ("decisions.csv", "attendance.csv", "actions.csv"):
        assert _rows(files, name) == []
    everything = b"".join(files.values()).decode("utf-8-sig")
    for secret in ("Cllr Ann Example", "That the plan be agreed", "Write to landlords"):
        assert secret not in everything


def test_popolo_in_june(tmp_path: Path) -> None:
    files = _render(_load(tmp_path), JUNE)
    document = _popolo(files)
    event = _event(document)
    assert event["extras"]["record"] == "agreed"  # the board met again at 10:00
    assert event["participants"][1:] == [
        {
            "entity_type": "person",
            "name": "Cllr Ann Example",
            "note": "present",
            "note_label": "Present",
            "role": "Chair",
            "organization_id": "testshire/agency/council",
        },
        {
            "entity_type": "person",
            "name": "Insp Bo Example",
            "note": "substitute",
            "note_label": "Substitute",
            "organization_id": "testshire/agency/police",
            "on_behalf_of": "Supt Cy Example",
        },
        {
            "entity_type": "person",
            "name": "Di Example",
            "note": "apologies",
            "note_label": "Apologies",
            "role": "Community Safety Manager",
            "organization_id": "testshire/agency/council",
        },
        {
            "entity_type": "person",
            "name": "Ed Example",
            "note": "in-attendance",
            "note_label": "In attendance",
            "role": "Policy officer",
            "organization_id": "testshire/agency/pcc",
        },
    ]
    items = {item["number"]: item for item in event["agenda"]}
    assert "decisions" not in items["1"]
    assert items["2"]["decisions"] == [f"{EVENT}/decision/1"]
    assert items["2"]["declarations"] == [
        {
            "name": "Cllr Ann Example",
            "kind": "non-registrable",
            "kind_label": items["2"]["declarations"][0]["kind_label"],
            "interest": "Trustee of the night shelter",
            "left_room": False,
        }
    ]
    # The exempt item: who declared, the kind, that they left; never the interest.
    (declared,) = items["3"]["declarations"]
    assert declared["kind"] == "disclosable-pecuniary"
    assert declared["left_room"] is True
    assert "interest" not in declared
    assert items["3"]["decisions"] == [f"{EVENT}/decision/2"]
    agreed, exempt = document["motions"]
    assert agreed == {
        "id": f"{EVENT}/decision/1",
        "organization_id": "testshire/body/board",
        "legislative_session_id": EVENT,
        "text": "That the plan be agreed",
        "classification": "agreed",
        "date": "2024-02-06",
        "vote_events": [],
        "extras": {
            "item": "2",
            "classification_label": "Agreed",
            "exempt": False,
            "record": "agreed",
        },
    }
    # By vote, but no text and no counts: the public view keeps only the item and method.
    assert exempt["text"] is None
    assert exempt["classification"] == "vote"
    assert exempt["vote_events"] == [
        {
            "id": f"{EVENT}/decision/2/vote",
            "motion_id": f"{EVENT}/decision/2",
            "organization_id": "testshire/body/board",
            "legislative_session_id": EVENT,
            "start_date": "2024-02-06T10:00:00+00:00",
            "counts": [],
        }
    ]
    assert exempt["extras"]["exempt"] is True
    # The action raised under item 2 is public; its June update waits for the June minutes,
    # so it is still open, and overdue since Saturday 1 June.  The one under item 3 never is.
    assert document["actions"] == [
        {
            "id": "testshire/action/landlord-letters",
            "title": "Write to landlords about the new protocol",
            "event_id": EVENT,
            "item": "2",
            "owner": {
                "organization_id": "testshire/agency/council",
                "role": "Community Safety Manager",
            },
            "due_date": "2024-05-31",
            "status": "open",
            "status_label": "Open",
            "overdue": True,
            "updates": [],
        }
    ]
    everything = b"".join(files.values()).decode("utf-8-sig")
    for secret in ("Example Ltd", "Owns a shop", "contract-terms", "Agree the contract"):
        assert secret not in everything


def test_csv_in_october(tmp_path: Path) -> None:
    files = _render(_load(tmp_path), OCTOBER)
    decisions = _rows(files, "decisions.csv")
    assert [(r["meeting"], r["order"], r["item"], r["method"]) for r in decisions] == [
        ("2024-02-06", "1", "2", "agreed"),
        ("2024-02-06", "2", "3", "vote"),
        ("2024-06-04", "1", "1", "noted"),
    ]
    assert decisions[0]["resolution"] == "That the plan be agreed"
    assert decisions[0]["item_title"] == "Community safety plan"
    assert decisions[0]["start"] == "2024-02-06T10:00:00+00:00"
    assert decisions[1]["exempt"] == "true"
    assert (decisions[1]["resolution"], decisions[1]["in_favour"]) == ("", "")
    # The October meeting has started: the June minutes are agreed.
    assert {r["record"] for r in decisions} == {"agreed"}
    attendance = _rows(files, "attendance.csv")
    assert [(r["meeting"], r["name"], r["presence"]) for r in attendance] == [
        ("2024-02-06", "Cllr Ann Example", "present"),
        ("2024-02-06", "Insp Bo Example", "substitute"),
        ("2024-02-06", "Di Example", "apologies"),
        ("2024-02-06", "Ed Example", "in-attendance"),
        ("2024-06-04", "Cllr Ann Example", "present"),
    ]
    assert attendance[1]["on_behalf_of"] == "Supt Cy Example"
    assert attendance[1]["agency_name"] == "Testshire Police"
    (action,) = _rows(files, "actions.csv")
    assert action == {
        "id": "landlord-letters",
        "title": "Write to landlords about the new protocol",
        "raised": "2024-02-06",
        "item": "2",
        "owner_agency": "council",
        "owner_agency_name": "Testford Council",
        "owner_role": "Community Safety Manager",
        "due": "2024-05-31",
        "status": "done",
        "status_label": "Done",
        "overdue": "false",
        "updates": "2",
        "last_update_meeting": "2024-10-01",
        "last_update_note": "Letters sent to 40 landlords",
    }
    document = _popolo(files)
    (logged,) = document["actions"]
    assert [u["event_id"] for u in logged["updates"]] == [
        "testshire/meeting/2024-06-04",
        "testshire/meeting/2024-10-01",
    ]
    assert _event(document, "testshire/meeting/2024-06-04")["extras"]["record"] == "agreed"
    # The October meeting's minutes are public but its record holds nothing: no ``record``.
    assert _event(document, "testshire/meeting/2024-10-01")["extras"].get("record") is None


def test_counts_of_a_public_vote(tmp_path: Path) -> None:
    """With item 3 not exempt, its vote is public with its counts (Popolo Count options)."""
    data = DATA.replace(
        '{ number = "3", title = "Contract", exempt = true, exemption = 3 }',
        '{ number = "3", title = "Contract" }',
    )
    assert data != DATA
    document = _popolo(_render(_load(tmp_path, data), JUNE))
    vote = document["motions"][1]
    assert vote["text"] == "That the contract be awarded to Example Ltd"
    assert vote["vote_events"][0]["counts"] == [
        {"option": "yes", "value": 5},
        {"option": "no", "value": 0},
        {"option": "abstain", "value": 1},
    ]
    rows = _rows(_render(_load(tmp_path, data), JUNE), "decisions.csv")
    assert (rows[1]["in_favour"], rows[1]["against"], rows[1]["abstentions"]) == ("5", "0", "1")


@pytest.mark.parametrize("at", [JUNE, OCTOBER])
def test_json_feed_has_the_decisions(tmp_path: Path, at: dt.datetime) -> None:
    feed = json.loads(_render(_load(tmp_path), at)["opendata/feed.json"])
    found = [item for item in feed["items"] if item["_csp"]["kind"] == "decisions-published"]
    assert found
    first = found[-1]  # newest first: the February meeting's is the oldest
    assert first["_csp"]["event"] == "meeting/2024-02-06/decisions"
    assert first["title"] == "Decisions published: Board meeting, Tuesday 6 February 2024"
    assert first["content_text"] == "Item 2: That the plan be agreed. Item 3: decided by vote."
    assert first["date_published"] == "2024-02-20T09:00:00+00:00"
    assert first["tags"] == ["Decisions"]
