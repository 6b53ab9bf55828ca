"""Chairs, vice-chairs and co-chairs of a body (issue 14 item 2; docs/data-files.md "Chair")."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from csp_core import Chair, ChairRole, CspError, dump, labels, load, public_view
from csp_core.i18n import language
from tests.data import partnership_header

AGENCIES = """
[[agencies]]
id = "council"
name = "London Borough of Haringey"
sector = "council"
responsible_authority = true
memberships = [{ role = "member" }]

[[agencies]]
id = "police"
name = "Metropolitan Police Service"
sector = "police"
responsible_authority = true
memberships = [{ role = "member" }]
"""


def _load(tmp_path: Path, chairs: str) -> object:
    header = partnership_header("Haringey").replace(
        'name = "Board"', f'name = "Board"\nchairs = [{chairs}]'
    )
    path = tmp_path / "partnership.toml"
    path.write_text(header + AGENCIES, encoding="utf-8")
    return load(path)


# Co-chairs from Monday 20 May 2024 (a councillor and the Borough Commander); before, a single
# chair until Sunday 19 May 2024; a vice-chair throughout.
CO_CHAIRS = (
    '{ role = "co-chair", office = "Cabinet Member for Community Safety", agency = "council", '
    "since = 2024-05-20 },\n"
    '{ role = "co-chair", name = "Ch Supt Sam Lee", office = "Borough Commander", '
    'agency = "police", since = 2024-05-20 },\n'
    '{ role = "chair", office = "Cabinet Member for Community Safety", agency = "council", '
    "until = 2024-05-19 },\n"
    '{ role = "vice-chair", office = "Head of Community Safety", agency = "council" },\n'
)


def test_chairs_on_a_day(tmp_path: Path) -> None:
    body = _load(tmp_path, CO_CHAIRS).bodies[0]  # type: ignore[attr-defined]
    before = body.chairs_on(dt.date(2024, 5, 19))
    after = body.chairs_on(dt.date(2024, 5, 20))
    assert [chair.role for chair in before] == [ChairRole.CHAIR, ChairRole.VICE_CHAIR]
    assert [chair.role for chair in after] == [
        ChairRole.CO_CHAIR,
        ChairRole.CO_CHAIR,
        ChairRole.VICE_CHAIR,
    ]
    assert after[1].name == "Ch Supt Sam Lee"
    assert len(body.chairs) == 4  # the history is kept


def test_round_trips(tmp_path: Path) -> None:
    partnership = _load(tmp_path, CO_CHAIRS)
    out = tmp_path / "again.json"
    out.write_text(json.dumps(dump(partnership)), encoding="utf-8")  # type: ignore[arg-type]
    assert load(out) == partnership


@pytest.mark.parametrize(
    ("chairs", "problem"),
    [
        (
            '{ role = "chair", office = "A" }, { role = "co-chair", office = "B" }',
            r"bodies\[0\]\.chairs\[1\]: overlaps another chair's spell",
        ),
        (
            '{ office = "A", until = 2024-05-19 }, { office = "B", since = 2024-05-19 }',
            r"bodies\[0\]\.chairs\[1\]: overlaps",
        ),
        ('{ role = "chair" }', r"bodies\[0\]\.chairs\[0\]: say who chairs"),
        ('{ office = "A", agency = "fire" }', r"bodies\[0\]\.chairs\[0\]\.agency: no agency"),
        (
            '{ office = "A", since = 2024-05-20, until = 2024-05-19 }',
            r"bodies\[0\]\.chairs\[0\]\.until: .* is before the spell began",
        ),
        ('{ role = "president", office = "A" }', r"bodies\[0\]\.chairs\[0\]\.role"),
    ],
)
def test_refused(tmp_path: Path, chairs: str, problem: str) -> None:
    with pytest.raises(CspError, match=problem):
        _load(tmp_path, chairs)


def test_consecutive_chairs_and_two_vice_chairs_are_fine(tmp_path: Path) -> None:
    partnership = _load(
        tmp_path,
        '{ office = "A", until = 2024-05-19 }, { office = "B", since = 2024-05-20 }, '
        '{ role = "vice-chair", office = "C" }, { role = "vice-chair", office = "D" }',
    )
    assert len(partnership.bodies[0].chairs) == 4  # type: ignore[attr-defined]


def test_chairs_are_public_and_labelled(tmp_path: Path) -> None:
    partnership = _load(tmp_path, CO_CHAIRS)
    view = public_view(partnership, dt.datetime(2024, 6, 1, tzinfo=dt.UTC))  # type: ignore[arg-type]
    assert view.partnership.bodies[0].chairs == partnership.bodies[0].chairs  # type: ignore[attr-defined]
    welsh = language("cy")
    assert labels.label(ChairRole.CO_CHAIR) == "Co-chair"
    assert labels.label(ChairRole.CO_CHAIR, welsh) == "Cyd-gadeirydd"
    assert labels.label(ChairRole.VICE_CHAIR, welsh) == "Is-gadeirydd"


def test_a_chair_needs_no_dates() -> None:
    chair = Chair(office="Chair of the board")
    assert chair.covers(dt.date(1999, 1, 1))
