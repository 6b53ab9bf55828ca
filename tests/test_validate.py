"""`csp validate` and `load()` on broken data: every problem, located, exit 2, no traceback."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest

from csp_core import DataError, load
from csp_core.cli import main
from tests.data import partnership_header

PARTNERSHIP = (
    partnership_header(timezone="Europe/London")
    + """
[[agencies]]
id = "city"
name = "Testford City Council"
sector = "council"
responsible_authority = true
memberships = [{ role = "member", since = 2017-04-01 }]
"""
)

MEETING = """\
[[meetings]]
id = "{id}"
body = "board"
title = "Partnership meeting"
start = {start}
end = {end}
"""


def _meeting(meeting_id: str = "m1", start: str = "2019-10-17T11:15:00", end: str = "") -> str:
    end = end or start.replace("11:15", "13:15")
    return MEETING.format(id=meeting_id, start=start, end=end)


def _folder(tmp_path: Path, partnership: str = PARTNERSHIP, **files: str) -> Path:
    (tmp_path / "partnership.toml").write_text(partnership, encoding="utf-8")
    for name, text in files.items():
        stem, suffix = name.replace("__", "/").rsplit("_", 1)
        path = tmp_path / f"{stem}.{suffix}"  # meetings__x_toml -> meetings/x.toml
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def _validate(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out.splitlines(), err


class TestValid:
    def test_summary_line(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A valid folder exits 0 with one line counting agencies, meetings and documents."""
        folder = _folder(tmp_path, meetings__m1_toml=_meeting())
        code, lines, _ = _validate(folder, capsys)
        assert code == 0
        assert len(lines) == 1
        assert "1 agency, 1 meeting, 0 documents" in lines[0]

    def test_local_time_is_read_in_partnership_zone(self, tmp_path: Path) -> None:
        """'2019-10-17T11:15' means 11:15 BST, 10:15 UTC."""
        folder = _folder(tmp_path, meetings__m1_toml=_meeting(start='"2019-10-17T11:15"'))
        start = load(folder).meetings[0].start
        assert start.astimezone(dt.UTC) == dt.datetime(2019, 10, 17, 10, 15, tzinfo=dt.UTC)
        assert start.utcoffset() == dt.timedelta(hours=1)

    def test_offset_time_is_taken_as_given(self, tmp_path: Path) -> None:
        """A time with an explicit offset keeps its instant, even at an ambiguous hour."""
        folder = _folder(
            tmp_path,
            meetings__m1_toml=_meeting(
                start="2018-10-28T01:30:00+00:00", end="2018-10-28T03:00:00+00:00"
            ),
        )
        start = load(folder).meetings[0].start
        assert start.astimezone(dt.UTC) == dt.datetime(2018, 10, 28, 1, 30, tzinfo=dt.UTC)
        assert start.fold == 1  # the second 01:30 in London

    def test_postcode_is_normalised(self, tmp_path: Path) -> None:
        """Postcodes are read in any case and spacing and kept in the canonical form."""
        folder = _folder(tmp_path, PARTNERSHIP.replace('"CB1 0JH"', '"cb10jh"'))
        assert load(folder).contact.postcode == "CB1 0JH"

    def test_json_and_yaml_files_load_alike(self, tmp_path: Path) -> None:
        """A folder may mix TOML, JSON and YAML files."""
        meeting = {"id": "m2", "body": "board", "title": "T", "start": "2019-02-11T10:00"}
        folder = _folder(
            tmp_path,
            meetings__a_json=json.dumps({"meetings": [meeting]}),
            meetings__b_yaml="meetings:\n  - id: m3\n    body: board\n    title: T\n"
            "    start: 2019-06-11T10:00:00\n",
        )
        assert [m.id for m in load(folder).meetings] == ["m2", "m3"]


BROKEN = [
    pytest.param(
        {
            "meetings__2018-03-25_toml": _meeting(
                start='"2018-03-25T01:30"', end='"2018-03-25T03:00"'
            )
        },
        "meetings/2018-03-25.toml",
        "meetings[0].start: 01:30 on 25 March 2018 does not exist in Europe/London "
        "(clocks went forward)",
        id="nonexistent-local-time",
    ),
    pytest.param(
        {"meetings__x_toml": _meeting(start="2018-10-28T01:30:00", end="2018-10-28T03:00:00")},
        "meetings/x.toml",
        "meetings[0].start: 01:30 on 28 October 2018 happens twice in Europe/London "
        "(clocks went back)",
        id="ambiguous-local-time",
    ),
    pytest.param(
        {"meetings__x_toml": _meeting(end="2019-10-17T10:00:00")},
        "meetings/x.toml",
        "meetings[0].end: 2019-10-17 10:00+01:00 is not after the start",
        id="end-before-start",
    ),
    pytest.param(
        {"meetings__x_toml": _meeting(start='"17/10/2019 11:15"', end='"2019-10-17T13:00"')},
        "meetings/x.toml",
        "meetings[0].start: '17/10/2019 11:15' is not a date and time",
        id="unparseable-datetime",
    ),
    pytest.param(
        {"meetings__x_toml": _meeting() + 'strat = "x"\n'},
        "meetings/x.toml",
        "meetings[0].strat: unknown field (did you mean 'start'?)",
        id="unknown-field",
    ),
    pytest.param(
        {"meetings__x_toml": _meeting().replace('title = "Partnership meeting"\n', "")},
        "meetings/x.toml",
        "meetings[0].title: required field is missing",
        id="missing-field",
    ),
    pytest.param(
        {"meetings__x_toml": _meeting() + "public = 1\n"},
        "meetings/x.toml",
        "meetings[0].public: expected true or false, got a whole number (1)",
        id="wrong-type",
    ),
    pytest.param(
        {"meetings__x_toml": _meeting().replace('"board"', '"bord"')},
        "meetings/x.toml",
        "meetings[0].body: no body with id 'bord'",
        id="dangling-reference",
    ),
    pytest.param(
        {"meetings__a_toml": _meeting(), "meetings__b_toml": _meeting()},
        "meetings/b.toml",
        "meetings[0].id: duplicate meeting id 'm1'",
        id="duplicate-id",
    ),
    pytest.param(
        {"meetings__x_toml": 'title = "oops"\n'},
        "meetings/x.toml",
        "title: not allowed here",
        id="scalar-in-fragment",
    ),
    pytest.param(
        {"meetings__x_toml": "[meetings]\nid = 'm1'\n"},
        "meetings/x.toml",
        "meetings: expected a list (in TOML, write [[meetings]] tables)",
        id="table-not-list",
    ),
    pytest.param(
        {"meetings__x_toml": _meeting().replace("[[meetings]]", "[[meeting]]")},
        "meetings/x.toml",
        "meeting: unknown section (did you mean 'meetings'?)",
        id="misspelt-section",
    ),
    pytest.param(
        {"meetings__x_toml": "[[meetings]]\nid = \n"},
        "meetings/x.toml",
        "line 2, column 6: invalid TOML",
        id="toml-syntax",
    ),
    pytest.param(
        {"meetings__x_json": '{"meetings": [\n  {"id": "m1",}\n]}'},
        "meetings/x.json",
        "line 2, column 15: invalid JSON",
        id="json-syntax",
    ),
    pytest.param(
        {"meetings__x_json": '{"meetings": [], "meetings": []}'},
        "meetings/x.json",
        "invalid JSON: duplicate key 'meetings'",
        id="json-duplicate-key",
    ),
    pytest.param(
        {"meetings__x_yaml": "meetings:\n  - id: m1\n    body: [board\n"},
        "meetings/x.yaml",
        "line 4, column 1: invalid YAML",
        id="yaml-syntax",
    ),
    pytest.param(
        {"meetings__x_yaml": "meetings:\n  - id: m1\n    id: m2\n"},
        "meetings/x.yaml",
        "line 3, column 5: invalid YAML: duplicate key 'id'",
        id="yaml-duplicate-key",
    ),
    pytest.param(
        {
            "meetings__x_toml": _meeting()
            + '[meetings.venue]\nname = "Hall"\npostcode = "CB99 XYZ"\n'
        },
        "meetings/x.toml",
        "meetings[0].venue.postcode: 'CB99 XYZ' is not a UK postcode",
        id="malformed-postcode",
    ),
]


class TestBroken:
    @pytest.mark.parametrize(("files", "where", "expected"), BROKEN)
    def test_reported_with_file_and_path(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        files: dict[str, str],
        where: str,
        expected: str,
    ) -> None:
        """Each broken file gives exit 2 and a FILE: path: message line naming the problem."""
        folder = _folder(tmp_path, **files)
        code, lines, _ = _validate(folder, capsys)
        assert code == 2
        assert any(line.startswith(f"{folder / where}: {expected}") for line in lines), lines

    def test_unknown_time_zone(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown zone is named, and the rest of the file is still checked."""
        folder = _folder(
            tmp_path, "nme = 1\n" + PARTNERSHIP.replace("Europe/London", "Europe/Londn")
        )
        code, lines, _ = _validate(folder, capsys)
        assert code == 2
        main_file = folder / "partnership.toml"
        assert any(
            line.startswith(f"{main_file}: timezone: unknown time zone 'Europe/Londn'")
            for line in lines
        )
        assert any(line.startswith(f"{main_file}: nme: unknown field") for line in lines)

    def test_every_problem_is_reported(self, tmp_path: Path) -> None:
        """Problems in several files and fields are all reported, in file order."""
        folder = _folder(
            tmp_path,
            PARTNERSHIP.replace('sector = "council"', 'sector = "councl"'),
            meetings__a_toml=_meeting(start='"2018-03-25T01:30"', end='"2018-03-25T03:00"'),
            meetings__b_toml=_meeting("m2") + "colour = 1\n",
        )
        with pytest.raises(DataError) as caught:
            load(folder)
        located = [(Path(p.file).name, p.path) for p in caught.value.problems]
        assert located == [
            ("partnership.toml", "agencies[0].sector"),
            ("a.toml", "meetings[0].start"),
            ("b.toml", "meetings[0].colour"),
        ]

    def test_missing_partnership_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A folder without partnership.toml, nor partnership folders, says so (as csp build)."""
        code, lines, _ = _validate(tmp_path, capsys)
        assert code == 2
        assert lines == [
            f"{tmp_path}: no partnership.toml (or .json, .yaml) here, nor in any folder inside "
            "it: give a partnership's data file or folder, or a folder of partnership folders"
        ]

    def test_statutory_rules(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A university cannot be a responsible authority, nor a statutory member an attendee."""
        folder = _folder(
            tmp_path,
            PARTNERSHIP.replace('sector = "council"', 'sector = "education"'),
        )
        code, lines, _ = _validate(folder, capsys)
        assert code == 2
        assert lines[0].endswith(
            "agencies[0].responsible_authority: an education body cannot be a responsible "
            "authority (Crime and Disorder Act 1998, s.5)"
        )

    def test_nothing_written_on_failure(self, tmp_path: Path) -> None:
        """Validation reads only: a failed validate leaves the folder exactly as it was."""
        folder = _folder(tmp_path, meetings__x_toml="[[meetings]]\nid = \n")
        before = sorted((p, p.read_bytes()) for p in folder.rglob("*") if p.is_file())
        assert main(["validate", str(folder)]) == 2
        assert sorted((p, p.read_bytes()) for p in folder.rglob("*") if p.is_file()) == before
