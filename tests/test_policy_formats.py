"""Policy in any format: every `[policy]` switch written in TOML, JSON and YAML alike.

TOML has no null, so a number that a partnership may switch off is written ``false``
(``draft_agenda_days = false``: no draft agenda is promised); one whose ``None`` means "the
nation's minimum" is left out.  Errors say which spelling works.  Sources and decisions:
docs/data-files.md, "Policy"; the rules behind each field: docs/rules.md, "The policy".
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given, reject

from csp_core import DataError, InvalidModel, Partnership, PublicationPolicy, dump, load
from csp_core.cli import main
from tests.data import ROOT, partnership_header, toml_string
from tests.strategies import examples, partnerships, policies

#: Friday 12 June 2026, 10:00 (no bank holiday near it in any nation); quoted, so that the same
#: data can be written as JSON.
MEETING = """
[[meetings]]
id = "2026-06-12"
body = "board"
title = "Board meeting"
start = "2026-06-12T10:00:00"
"""
DRAFT = "meeting/2026-06-12/draft-agenda"


def _toml(value: object) -> str:
    """A plain value (as dump() gives) as a TOML value."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    raise TypeError(value)


def _write(folder: Path, fmt: str, policy: str | dict[str, Any], **header: str) -> Path:
    """A one-file partnership in ``fmt`` with one meeting and ``policy``.

    ``policy`` is the file's own text for the policy (a TOML table body, JSON object members or
    YAML mapping lines), or plain data written in the format.
    """
    base = partnership_header(**header) + MEETING
    path = folder / f"partnership.{fmt}"
    if isinstance(policy, str) and policy:
        text = {
            "toml": f"{base}\n[policy]\n{policy}\n",
            "json": json.dumps(tomllib.loads(base))[:-1] + f', "policy": {{{policy}}}}}',
            "yaml": yaml.safe_dump(tomllib.loads(base)) + "policy:\n  " + policy + "\n",
        }[fmt]
    else:
        policy = policy or {}
        data = {**tomllib.loads(base), "policy": policy}
        text = {
            "toml": f"{base}\n[policy]\n"
            + "".join(f"{key} = {_toml(value)}\n" for key, value in policy.items()),
            "json": json.dumps(data),
            "yaml": yaml.safe_dump(data),
        }[fmt]
    path.write_text(text, encoding="utf-8")
    return path


def _validate(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out.splitlines()


def _duties(path: Path, capsys: pytest.CaptureFixture[str], at: str) -> dict[str, Any]:
    assert main(["status", str(path), "--at", at, "--format", "json"]) == 0
    return {duty["id"]: duty for duty in json.loads(capsys.readouterr().out)["duties"]}


class TestNoDraftAgenda:
    @pytest.mark.parametrize(
        ("fmt", "spelling"),
        [
            ("toml", "draft_agenda_days = false"),
            ("json", '"draft_agenda_days": false'),
            ("json", '"draft_agenda_days": null'),
            ("yaml", "draft_agenda_days: false"),
            ("yaml", "draft_agenda_days: null"),
        ],
    )
    def test_no_draft_agenda_in_every_format(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, spelling: str
    ) -> None:
        """false (and JSON's or YAML's null) promises no draft agenda: no draft-agenda duty.

        Checked on 1 June 2026: with the default 14 days the draft agenda of the meeting of
        12 June would be due on 29 May, so it would be listed.
        """
        path = _write(tmp_path, fmt, spelling)
        assert _validate(path, capsys)[0] == 0
        assert load(path).policy.draft_agenda_days is None
        assert DRAFT not in _duties(path, capsys, "2026-06-01T09:00")

    def test_the_default_promises_one(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Without the switch the draft agenda is due 14 days before: Friday 29 May 2026."""
        path = _write(tmp_path, "toml", "")
        assert _duties(path, capsys, "2026-06-01T09:00")[DRAFT]["deadline"] == "2026-05-29"

    def test_dumped_as_false_and_loaded_back_equal(self, tmp_path: Path) -> None:
        """dump() writes no draft agenda as false (TOML has no null); the TOML loads back."""
        partnership = load(_write(tmp_path, "toml", "draft_agenda_days = false"))
        assert dump(partnership)["policy"] == {"draft_agenda_days": False}
        again = _write(tmp_path, "toml", dump(partnership)["policy"])
        assert (again.read_text().count("draft_agenda_days = false"), load(again)) == (
            1,
            partnership,
        )


#: (format, the policy as written, the message after "FILE: "); every one exits 2.
BROKEN = [
    # The issue's own case: a word where TOML has no null.
    (
        "toml",
        'draft_agenda_days = "none"',
        "policy.draft_agenda_days: expected a whole number of days, or false for no draft "
        "agenda, got text ('none'): write false without quotes",
    ),
    # true would have to invent a number of days: refused, naming the default.
    (
        "toml",
        "draft_agenda_days = true",
        "policy.draft_agenda_days: true is not a number of days: write a whole number such as "
        "14, or false for no draft agenda",
    ),
    # YAML 1.1 reads an unquoted yes as true.
    (
        "yaml",
        "draft_agenda_days: yes",
        "policy.draft_agenda_days: true is not a number of days",
    ),
    (
        "json",
        '"draft_agenda_days": "14"',
        "policy.draft_agenda_days: expected a whole number of days, or false for no draft "
        "agenda, got text ('14'): write 14 without quotes",
    ),
    (
        "yaml",
        "draft_agenda_days: 1.5",
        "policy.draft_agenda_days: expected a whole number of days, or false for no draft "
        "agenda, got a decimal number (1.5)",
    ),
    (
        "toml",
        "draft_agenda_days = 400",
        "policy.draft_agenda_days: 400 is not allowed here: give 0 to 366",
    ),
    # The nation's minimum is spelt by leaving the field out; false is no spelling of it.
    (
        "toml",
        "clear_working_days = false",
        "policy.clear_working_days: expected a whole number of working days, got true/false "
        "(false): leave the field out for the nation's minimum",
    ),
    (
        "json",
        '"clear_working_days": "5"',
        "policy.clear_working_days: expected a whole number of working days, got text ('5'): "
        "write 5 without quotes, or leave the field out for the nation's minimum",
    ),
    (
        "yaml",
        "clear_working_days: statutory",
        "policy.clear_working_days: expected a whole number of working days, got text "
        "('statutory'): leave the field out for the nation's minimum",
    ),
    # Enum fields list their values and suggest the nearest; false suggests 'none'.
    (
        "toml",
        "access = false",
        "policy.access: true/false (false) is not one of: statutory, voluntary, none "
        "(did you mean 'none'?)",
    ),
    (
        "toml",
        'access = "statutary"',
        "policy.access: 'statutary' is not one of: statutory, voluntary, none "
        "(did you mean 'statutory'?)",
    ),
    (
        "yaml",
        "minutes_from: next_meeting",
        "policy.minutes_from: 'next_meeting' is not one of: meeting, next-meeting "
        "(did you mean 'next-meeting'?)",
    ),
    (
        "json",
        '"previous_plans": "on request"',
        "policy.previous_plans: 'on request' is not one of: online, on-request, withheld "
        "(did you mean 'on-request'?)",
    ),
    (
        "toml",
        'agenda_days = "seven"',
        "policy.agenda_days: expected a whole number, got text ('seven')",
    ),
    (
        "toml",
        "closures = 2019-12-27",
        "policy.closures: expected a list, got a date (2019-12-27)",
    ),
    (
        "toml",
        "draft_agenda = false",
        "policy.draft_agenda: unknown field (did you mean 'draft_agenda_days'?)",
    ),
]


class TestErrors:
    @pytest.mark.parametrize(
        ("fmt", "spelling", "expected"), BROKEN, ids=[f"{f}: {s}" for f, s, _ in BROKEN]
    )
    def test_the_message_says_what_works(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        fmt: str,
        spelling: str,
        expected: str,
    ) -> None:
        """`csp validate`: exit 2, one FILE: field.path: message line, no traceback."""
        path = _write(tmp_path, fmt, spelling)
        code, lines = _validate(path, capsys)
        assert code == 2
        assert any(line.startswith(f"{path}: {expected}") for line in lines), lines

    def test_load_raises_the_same_problem(self, tmp_path: Path) -> None:
        """load() reports it as a DataError with the field path."""
        with pytest.raises(DataError) as raised:
            load(_write(tmp_path, "toml", 'draft_agenda_days = "none"'))
        (problem,) = raised.value.problems
        assert (problem.path, problem.message.endswith("write false without quotes")) == (
            "policy.draft_agenda_days",
            True,
        )


class TestEveryFormat:
    @examples(40)
    @given(policy=policies())
    @pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
    def test_every_policy_is_writable(
        self, policy: PublicationPolicy, fmt: str, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        """Any policy, as dump() writes it, loads back equal from TOML, JSON and YAML."""
        folder = tmp_path_factory.mktemp(fmt)
        written = dump(attrs.evolve(load(_write(folder, fmt, "")), policy=policy))
        assert None not in written.get("policy", {}).values()
        loaded = load(_write(folder, fmt, written.get("policy", {})))
        assert loaded.policy == policy

    @examples(30)
    @given(partnership=partnerships(), policy=policies())
    def test_whole_partnership_round_trip(
        self,
        partnership: Partnership,
        policy: PublicationPolicy,
        tmp_path_factory: pytest.TempPathFactory,
    ) -> None:
        """A partnership with any policy it allows, dumped to one JSON file, loads back equal.

        (A statutory policy allows no meeting private as a whole: such pairs are skipped.)
        """
        try:
            partnership = attrs.evolve(partnership, policy=policy)
        except InvalidModel:
            reject()
        path = tmp_path_factory.mktemp("rt") / "partnership.json"
        path.write_text(json.dumps(dump(partnership), ensure_ascii=False), encoding="utf-8")
        assert load(path) == partnership


class TestAnyWriter:
    def test_cambridge_dumped_to_yaml_loads_back(
        self, cambridge: Partnership, tmp_path: Path
    ) -> None:
        """dump() holds plain str, not enum members, so yaml.safe_dump writes it, and it loads."""

        def leaves(value: object) -> list[object]:
            if isinstance(value, dict):
                return [leaf for item in value.values() for leaf in leaves(item)]
            if isinstance(value, list):
                return [leaf for item in value for leaf in leaves(item)]
            return [value]

        data = dump(cambridge)
        assert {type(leaf) for leaf in leaves(data)} <= {str, int, float, bool}
        path = tmp_path / "cambridge.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        assert load(path) == cambridge


class TestWales:
    """nation = "wales" alone brings three clear working days and the Welsh bank holidays."""

    @pytest.mark.parametrize(
        ("nation", "clear", "deadline"),
        [
            # Meeting Thursday 24 April 2025. Wales, three clear working days: Wed 23, Tue 22,
            # [Easter Monday 21], [Good Friday 18], Thu 17, so the agenda is due Wed 16 April.
            ("wales", 3, "2025-04-16"),
            # England, five: 23, 22, 17, 16, 15 (same Easter), so Monday 14 April.
            ("england", 5, "2025-04-14"),
        ],
    )
    def test_easter_2025(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        nation: str,
        clear: int,
        deadline: str,
    ) -> None:
        """No clear_working_days written: the nation's minimum, counted on its bank holidays."""
        path = tmp_path / "partnership.toml"
        path.write_text(
            partnership_header(nation=nation)
            + MEETING.replace("2026-06-12", "2025-04-24")
            + '\n[policy]\naccess = "statutory"\n',
            encoding="utf-8",
        )
        policy = load(path).policy
        assert (policy.clear_working_days, policy.clear_days_for(load(path).nation)) == (
            None,
            clear,
        )
        agenda = _duties(path, capsys, "2025-04-01T09:00")["meeting/2025-04-24/agenda"]
        assert (agenda["deadline"], agenda["clear_days"]) == (deadline, clear)


class TestDocs:
    def test_every_field_has_its_spelling(self) -> None:
        """docs/data-files.md, "Policy": a row per field, each with a TOML spelling."""
        text = (ROOT / "docs" / "data-files.md").read_text(encoding="utf-8")
        section = re.search(r"^### Policy\n(.*?)(?=^##)", text, re.DOTALL | re.MULTILINE)
        assert section
        rows = {
            row.split("|")[1].strip(" `"): row
            for row in section[1].splitlines()
            if row.startswith("| `")
        }
        missing = [f.name for f in attrs.fields(PublicationPolicy) if f.name not in rows]
        assert not missing
        for name, row in rows.items():
            assert f"`{name} = " in row, name

    def test_the_sample_validates(self, tmp_path: Path) -> None:
        """The TOML sample of the section is a valid [policy] table."""
        text = (ROOT / "docs" / "data-files.md").read_text(encoding="utf-8")
        section = text.split("### Policy\n", 1)[1].split("\n## ", 1)[0]
        sample = re.search(r"```toml\n(\[policy\]\n.*?)```", section, re.DOTALL)
        assert sample
        path = tmp_path / "partnership.toml"
        path.write_text(partnership_header() + "\n" + sample[1], encoding="utf-8")
        assert load(path).policy != PublicationPolicy()
