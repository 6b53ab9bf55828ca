"""Which law applies in each nation: the ACCESS_LAW table, and what the outputs cite from it.

Sources and decisions: docs/rules.md, "Which law applies".
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import csp_core
from csp_core import (
    ACCESS_LAW,
    EXEMPT_INFORMATION,
    EXEMPTION_PARAGRAPHS,
    STATUTORY_CLEAR_DAYS,
    AgendaItem,
    InvalidModel,
    Nation,
)
from csp_core.cli import main
from tests.data import partnership_header

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "src/csp_core/schemas/status.schema.json").read_text()
)

#: Friday 12 June 2026, 10:00; no bank holiday in any nation between 25 May and 12 June 2026.
MEETING = """
[policy]
access = "statutory"

[[meetings]]
id = "2026-06-12"
body = "board"
title = "Board meeting"
start = 2026-06-12T10:00:00
"""


def _file(tmp_path: Path, nation: str, extra: str = "") -> Path:
    path = tmp_path / "partnership.toml"
    path.write_text(partnership_header("Testshire", nation=nation) + MEETING + extra, "utf-8")
    return path


class TestTable:
    def test_every_nation_has_its_law(self) -> None:
        """One record per nation; the older tables are views of it."""
        assert set(ACCESS_LAW) == set(Nation)
        for nation, law in ACCESS_LAW.items():
            assert law.nation is nation
            assert EXEMPT_INFORMATION[nation] is law.exempt
            assert EXEMPTION_PARAGRAPHS[nation] == law.exempt.paragraphs
            assert law.clear_days == STATUTORY_CLEAR_DAYS[nation]
            assert law.exempt.act == law.act

    @pytest.mark.parametrize(
        ("nation", "citation", "schedule", "partnership"),
        [
            (
                Nation.ENGLAND,
                "Local Government Act 1972, Part VA",
                "Schedule 12A",
                "Crime and Disorder Act 1998",
            ),
            (
                Nation.WALES,
                "Local Government Act 1972, Part VA",
                "Schedule 12A",
                "Crime and Disorder Act 1998",
            ),
            (
                Nation.SCOTLAND,
                "Local Government (Scotland) Act 1973, Part IIIA",
                "Schedule 7A",
                "no partnership statute",
            ),
            (
                Nation.NORTHERN_IRELAND,
                "Local Government Act (Northern Ireland) 2014, Part 8",
                "Schedule 6",
                "Justice Act (Northern Ireland) 2011",
            ),
        ],
    )
    def test_citations(
        self, nation: Nation, citation: str, schedule: str, partnership: str
    ) -> None:
        """Each nation cites its own Act; only England and Wales cite the 1998 Act's ss.5-6."""
        law = ACCESS_LAW[nation]
        assert law.citation == citation
        assert law.exempt.schedule == schedule
        assert law.partnership_statute.startswith(partnership)

    def test_sections(self) -> None:
        """The notice, minutes and exclusion sections: Part VA in England, Part IIIA in Scotland."""
        england, scotland = ACCESS_LAW[Nation.ENGLAND], ACCESS_LAW[Nation.SCOTLAND]
        assert (england.agenda, england.minutes, england.background_papers) == (
            "s.100B(3)-(4)",
            "s.100C",
            "s.100D",
        )
        assert (scotland.meetings, scotland.agenda, scotland.minutes) == (
            "s.50A",
            "s.50B(3)-(4)",
            "s.50C",
        )
        assert ACCESS_LAW[Nation.NORTHERN_IRELAND].meetings == "s.42"

    def test_exported(self) -> None:
        """The table and its record are public names of csp_core."""
        assert {"ACCESS_LAW", "AccessLaw"} <= set(csp_core.__all__)


class TestWording:
    def test_no_model_message_names_schedule_12a(self) -> None:
        """An agenda item does not know its nation, so its own messages name no schedule."""
        with pytest.raises(InvalidModel) as missing:
            AgendaItem(title="Closed item", exempt=True)
        with pytest.raises(InvalidModel) as wrong:
            AgendaItem(title="Closed item", exempt=True, exemption=19)
        for raised in (missing, wrong):
            assert "12A" not in str(raised.value)
            assert "exempt-information paragraph" in str(raised.value)

    def test_scottish_publishing_sentence(self, tmp_path: Path) -> None:
        """A Scottish statutory partnership's page cites the 1973 Act, never the 1972 Act."""
        words = pytest.importorskip("csp_html.words")
        partnership = csp_core.load(_file(tmp_path, "scotland"))
        law = csp_core.EXEMPT_INFORMATION[partnership.nation]
        text = " ".join(words.publishing_sentences(partnership, law))
        assert "at least three clear working days" in text
        assert "as the Local Government (Scotland) Act 1973 requires" in text
        assert "1972" not in text


class TestWorkedExamples:
    """A meeting on Friday 12 June 2026 under a statutory policy, through ``csp status``."""

    @pytest.mark.parametrize(
        ("nation", "clear", "deadline", "law"),
        [
            # Three clear working days (Tue 9, Wed 10, Thu 11 June) lie between publication and
            # the meeting if the agenda is out on Monday 8 June.
            ("wales", 3, "2026-06-08", "Local Government Act 1972, Part VA"),
            ("scotland", 3, "2026-06-08", "Local Government (Scotland) Act 1973, Part IIIA"),
            (
                "northern-ireland",
                3,
                "2026-06-08",
                "Local Government Act (Northern Ireland) 2014, Part 8",
            ),
            # Five in England: Fri 5, Mon 8 .. Thu 11 June, so Thursday 4 June.
            ("england", 5, "2026-06-04", "Local Government Act 1972, Part VA"),
        ],
    )
    def test_status_json(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        nation: str,
        clear: int,
        deadline: str,
        law: str,
    ) -> None:
        """Each nation's notice period, as a statutory deadline, and the law it comes from."""
        path = _file(tmp_path, nation)
        assert main(["status", str(path), "--at", "2026-06-01T09:00", "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        policy = data["policy"]
        assert (policy["access"], policy["clear_working_days"], policy["nation"]) == (
            "statutory",
            clear,
            nation,
        )
        assert policy["law"] == law
        jsonschema.validate(data, SCHEMA)
        agenda = next(d for d in data["duties"] if d["id"] == "meeting/2026-06-12/agenda")
        assert (agenda["deadline"], agenda["clear_days"], agenda["statutory"]) == (
            deadline,
            clear,
            True,
        )

    @pytest.mark.parametrize("nation", ["scotland", "northern-ireland"])
    def test_statutory_is_accepted(self, tmp_path: Path, nation: str) -> None:
        """A statute fits every nation, so validate accepts access = "statutory" in each."""
        assert main(["validate", str(_file(tmp_path, nation))]) == 0

    def test_welsh_paragraph_refused_in_northern_ireland(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Hostile: a Welsh Schedule 12A paragraph in a Northern Irish file; exit 2, the nation
        and its paragraphs named."""
        extra = """
[[meetings.agenda]]
title = "Closed item"
exempt = true
exemption = 14
"""
        assert main(["validate", str(_file(tmp_path, "northern-ireland", extra))]) == 2
        captured = capsys.readouterr()
        err = captured.out + captured.err
        assert "paragraph 14 is not an exempt-information paragraph in northern-ireland" in err
        assert "use 1-7" in err
