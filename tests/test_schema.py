"""`csp schema`: the JSON Schema of the data files, generated from the model, checked by a
third-party validator (jsonschema's Draft202012Validator, with format checking).

Every example partnership and every valid case of the hostile corpus passes the schema; the
corpus' structural cases (a wrong type, an unknown or missing field, a value outside an enum, a
malformed id, date, address or postcode, a policy number out of range) fail it; the cases only
``csp validate`` can see (cross-references, the order of moments, clock changes, the years
csp-core handles, time zone names, files next to the data) may pass it, and are listed below
with the reason.  Data that ``dump`` writes, from any generated partnership, passes it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
import tomllib
import typing
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import csp_core
from csp_core import DataError, Partnership, dump, load, loading
from csp_core.cli import main
from csp_core.loading import LIST_SECTIONS
from csp_core.model import Meeting
from csp_core.schema import DATA_FILE, PARTNERSHIP, data_schema, schema_text, write_schema
from tests.data import ROOT, partnership_header
from tests.strategies import examples, partnerships

EXAMPLES = ROOT / "examples"
HOSTILE = ROOT / "tests" / "hostile"
PUBLISHED = ROOT / "docs" / "schema"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads(
    (HOSTILE / "expected.toml").read_text(encoding="utf-8")
)

#: Cases of the hostile corpus that a JSON Schema cannot see: ``csp validate`` refuses them,
#: the schema may pass them.  Every other case the loader can read and refuses must fail it.
LOADER_ONLY = {
    # a local time at a clock change: needs the time zone's rules
    "ambiguous-local-time.toml": "clock change",
    "nonexistent-local-time.toml": "clock change",
    # the order of moments within a meeting
    "change-before-announced.toml": "order of moments",
    # the years 1900 to 2200 csp-core handles, as written or in the partnership's time zone
    "closure-1899.toml": "years",
    "year-1-text.json": "years",
    "year-1-yaml.yaml": "years",
    "year-1.toml": "years",
    "year-1899-date.toml": "years",
    "year-2200-offset-crosses.toml": "years",
    "year-2201.toml": "years",
    "year-9999-offset.json": "years",
    "year-9999.toml": "years",
    "review-year-9999.toml": "years (an annual review's, checked by the model)",
    # a file next to the data, and ids unique across the whole partnership
    "document-missing-file.toml": "files",
    "duplicate-document-ids.toml": "cross-reference",
    "duplicate-meeting-ids": "cross-reference",
    "record-unknown-item.toml": "cross-reference (a decision's item among its meeting's agenda)",
    # an action's updates: nothing after the one that closed it
    "action-update-after-close.toml": "order of updates",
    # numbers JSON cannot hold but TOML, YAML and Python's JSON reader give
    "float-1e999.json": "finite numbers",
    "float-inf.toml": "finite numbers",
    "float-nan.yaml": "finite numbers",
    "int-too-big-for-float.json": "finite numbers",
    # half a UTF-16 pair is a string to JSON
    "json-lone-surrogate.json": "characters",
    # the time zone names of the system's database
    "timezone-folder.toml": "time zone",
    "timezone-path.toml": "time zone",
    "timezone-too-long.toml": "time zone",
}


def _validator(kind: str = PARTNERSHIP) -> Draft202012Validator:
    return Draft202012Validator(
        data_schema(kind), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


MAIN = _validator(PARTNERSHIP)
FURTHER = _validator(DATA_FILE)


def plain(value: Any) -> Any:
    """Data as TOML or YAML give it, as JSON would: dates and times as their ISO 8601 text."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def _errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message[:200]}"
        for error in validator.iter_errors(plain(data))
    ]


def _files(case: Path) -> list[tuple[Path, Draft202012Validator]]:
    """A partnership's data files with the schema of each, as the loader finds them."""
    if case.is_dir():
        main_file, further, _ = loading._data_files(case)
        return [(main_file, MAIN), *((path, FURTHER) for path in further)]
    return [(case, MAIN)]


def _read(path: Path, validator: Draft202012Validator) -> Any:
    """A data file as the loader reads it (TOML, JSON or YAML), before the model."""
    return loading._parse(path, main=validator is MAIN)


def _model_classes(cl: type = Partnership) -> Iterator[type]:
    """Every attrs class a data file can hold, from the partnership down, once each."""
    seen: set[type] = set()
    pending = [cl]
    while pending:
        one = pending.pop()
        if one in seen:
            continue
        seen.add(one)
        yield one
        for name, hint in typing.get_type_hints(one).items():
            if (one, name) == (Meeting, "series"):
                continue  # set by the loader on a series' meetings, never written
            for inner in (hint, *typing.get_args(hint)):
                if isinstance(inner, type) and attrs.has(inner):
                    pending.append(inner)
                for deeper in typing.get_args(inner):
                    if isinstance(deeper, type) and attrs.has(deeper):
                        pending.append(deeper)


class TestGenerated:
    def test_both_schemas_are_draft_2020_12(self) -> None:
        for kind in (PARTNERSHIP, DATA_FILE):
            schema = data_schema(kind)
            Draft202012Validator.check_schema(schema)
            assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def test_every_field_of_the_model_is_in_the_schema(self) -> None:
        """Each class's properties are its fields, exactly; required are those with no default.

        A field added to the model and missing here fails this test (and the published
        files' test below until they are regenerated).
        """
        schema = data_schema()
        for cl in _model_classes():
            found = schema if cl is Partnership else schema["$defs"][cl.__name__]
            fields = {field.name for field in attrs.fields(cl) if field.init}
            if cl is Meeting:
                fields.discard("series")  # set by the loader on a series' meetings
            properties = set(found["properties"]) - ({"$schema"} if cl is Partnership else set())
            assert properties == fields, cl.__name__
            required = [f.name for f in attrs.fields(cl) if f.default is attrs.NOTHING]
            assert found.get("required", []) == required, cl.__name__
            assert found["additionalProperties"] is False

    def test_every_enum_lists_its_values(self) -> None:
        defs = data_schema()["$defs"]
        for name in csp_core.model.enums.__all__:
            enum: type[Enum] = getattr(csp_core.model.enums, name)
            if name in defs:
                assert defs[name]["enum"] == [member.value for member in enum]
        assert defs["MeetingStatus"]["enum"] == [
            "scheduled",
            "cancelled",
            "postponed",
            "rescheduled",
        ]

    def test_descriptions_are_the_models_docstrings(self) -> None:
        defs = data_schema()["$defs"]
        rule = defs["Series"]["properties"]["rule"]["description"]
        assert rule.startswith("The recurrence rule, an RFC 5545 RRULE value with COUNT or UNTIL")
        assert "\n" not in rule  # a paragraph is one line
        assert defs["Meeting"]["description"] == "A meeting of one of the partnership's bodies."
        # reST roles become their names
        online = defs["Meeting"]["properties"]["public"]["description"]
        assert "ask `is_public`, the one place" in online
        assert ":meth:" not in json.dumps(data_schema())

    def test_defaults_are_shown_as_a_file_writes_them(self) -> None:
        schema = data_schema()
        policy = schema["$defs"]["PublicationPolicy"]["properties"]
        assert policy["draft_agenda_days"]["default"] == 14
        assert policy["access"]["default"] == "voluntary"
        assert schema["properties"]["languages"]["default"] == ["en-GB"]
        assert schema["properties"]["timezone"]["default"] == "Europe/London"

    def test_the_output_is_deterministic(self) -> None:
        text = schema_text()
        assert text == schema_text()
        assert text.endswith("}\n")
        assert (
            json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + ("\n")
            == text
        )

    def test_a_further_file_holds_the_lists_only(self) -> None:
        schema = data_schema(DATA_FILE)
        assert set(schema["properties"]) == {*LIST_SECTIONS, "$schema"}
        assert "required" not in schema
        assert _errors(FURTHER, {"name": "Testshire"})
        assert not _errors(FURTHER, {})

    def test_an_unknown_kind_is_refused(self) -> None:
        with pytest.raises(ValueError, match="partnership, data-file"):
            data_schema("meetings")


class TestPublished:
    @pytest.mark.parametrize("kind", [PARTNERSHIP, DATA_FILE])
    def test_the_published_schema_is_current(self, kind: str) -> None:
        """docs/schema/ holds what `csp schema` prints: regenerate it after a model change with
        `csp schema --out docs/schema/partnership.schema.json` and
        `csp schema --kind data-file --out docs/schema/data-file.schema.json`."""
        published = PUBLISHED / f"{kind}.schema.json"
        assert published.read_text(encoding="utf-8") == schema_text(kind), (
            f"{published} is stale: run csp schema --kind {kind} --out {published}"
        )


class TestExamples:
    @pytest.mark.parametrize("name", ["cambridge", "conwy-denbighshire"])
    def test_every_file_of_the_example_passes(self, name: str) -> None:
        load(EXAMPLES / name)  # the loader accepts it
        files = _files(EXAMPLES / name)
        assert len(files) > 1
        for path, validator in files:
            assert _errors(validator, _read(path, validator)) == [], path

    def test_every_partnership_under_examples_is_covered(self) -> None:
        mains = {path.parent.name for path in EXAMPLES.glob("*/partnership.*")}
        assert mains == {"cambridge", "conwy-denbighshire"}

    @pytest.mark.parametrize("name", ["cambridge", "conwy-denbighshire"])
    def test_the_dumped_example_passes(self, name: str) -> None:
        """dump() of the Welsh example: texts as tables of languages, a repeating series."""
        assert _errors(MAIN, dump(load(EXAMPLES / name))) == []


def _readable(case: Path) -> list[tuple[Path, Draft202012Validator, Any]] | None:
    """The case's files as data, or None when the loader cannot read them as data at all."""
    try:
        files = _files(case)
    except DataError:
        return None  # no main file, two, or a folder in its place
    found = []
    for path, validator in files:
        try:
            found.append((path, validator, _read(path, validator)))
        except loading._SyntaxProblem:
            return None
    return found


class TestHostileCorpus:
    @pytest.mark.parametrize("name", sorted(EXPECTED))
    def test_each_case(self, name: str) -> None:
        case = HOSTILE / name
        if not case.exists():
            pytest.skip("made at run time by test_hostile_inputs")
        files = _readable(case)
        if files is None:
            assert EXPECTED[name]["exit"] != 0
            return  # a syntax error: no data for a schema to see
        errors = [error for _, validator, data in files for error in _errors(validator, data)]
        if EXPECTED[name]["exit"] == 0:
            assert errors == [], "a case csp validate accepts must pass the schema"
        elif name not in LOADER_ONLY:
            assert errors, (
                f"{name} is refused by csp validate ({EXPECTED[name].get('expect')!r}) but "
                "passes the schema: make the schema say it, or list it in LOADER_ONLY with why"
            )

    def test_the_loader_only_cases_exist(self) -> None:
        assert set(LOADER_ONLY) <= set(EXPECTED)
        assert all(EXPECTED[name]["exit"] != 0 for name in LOADER_ONLY)

    def test_the_structural_cases_fail_where_they_are_wrong(self) -> None:
        """A few, with the place the validator names."""
        wanted = {
            "unknown-field.toml": "Additional properties are not allowed ('nmae'",
            "enum-wrong.yaml": "bodies/0/kind: 'parliament' is not one of",
            "name-is-a-number.toml": "name: 5 is not valid",
            "comments-only.toml": ": 'id' is a required property",
            "date-without-time.toml": "meetings/0/start: '2019-10-17' is not valid under any",
            "retention-years-zero.yaml": "policy/retention_years: 0 is less than the minimum",
            "postcode-bad.toml": "contact/postcode: 'NOT A POSTCODE' does not match",
        }
        for name, message in wanted.items():
            files = _readable(HOSTILE / name)
            assert files is not None
            (_, validator, data), *_ = files
            assert any(message in error for error in _errors(validator, data)), name


@examples(30)
@given(partnership=partnerships())
def test_dumped_partnerships_pass(partnership: Partnership) -> None:
    """Whatever dump() writes of a valid partnership, as JSON, passes the schema."""
    data = json.loads(json.dumps(dump(partnership), ensure_ascii=False))
    assert _errors(MAIN, data) == []


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class TestSchemaKey:
    """Editors find a file's schema from a `$schema` key or a comment; the loader ignores both."""

    def test_json_with_a_schema_key_loads(self, tmp_path: Path) -> None:
        data = {
            "$schema": "./partnership.schema.json",
            "id": "testshire",
            "name": "Testshire",
            "area": "Testshire",
            "contact": {"address": ["1 High Street"], "postcode": "cb23 6ea"},
        }
        path = _write(tmp_path, "partnership.json", json.dumps(data))
        assert load(path).name == "Testshire"
        assert _errors(MAIN, data) == []

    def test_a_schema_key_that_is_not_text_is_refused(self, tmp_path: Path) -> None:
        path = _write(tmp_path, "p.json", json.dumps({"$schema": 5, "id": "x"}))
        with pytest.raises(DataError) as raised:
            load(path)
        (problem,) = raised.value.problems
        # as docs/validate.md shows it
        assert f"{problem.path}: {problem.message}" == (
            "$schema: expected the address of a JSON Schema as text, got a whole number (5)"
        )

    def test_a_further_file_may_have_one(self, tmp_path: Path) -> None:
        _write(tmp_path, "partnership.toml", partnership_header())
        (tmp_path / "meetings").mkdir()
        further = '$schema: "../data-file.schema.json"\nbodies:\n  - id: group\n    name: Group\n'
        _write(tmp_path, "meetings/board.yaml", further)
        assert [body.id for body in load(tmp_path).bodies] == ["board", "group"]

    def test_taplo_and_yaml_comments_load(self, tmp_path: Path) -> None:
        toml = "#:schema ./partnership.schema.json\n" + partnership_header()
        assert load(_write(tmp_path, "p.toml", toml)).id
        yaml = (
            "# yaml-language-server: $schema=./partnership.schema.json\n"
            "id: testshire\nname: Testshire\narea: Testshire\n"
            "contact:\n  address: [1 High Street]\n  postcode: CB23 6EA\n"
        )
        assert load(_write(tmp_path, "p.yaml", yaml)).id == "testshire"


class TestAgreesWithTheLoader:
    """Small cases where the schema says exactly what the converter does."""

    BASE: typing.ClassVar[dict[str, Any]] = {
        "id": "testshire",
        "name": "Testshire",
        "area": "Testshire",
        "contact": {"address": ["1 High Street"], "postcode": "CB23 6EA"},
        "bodies": [{"id": "board", "name": "Board"}],
    }

    def _both(self, tmp_path: Path, data: dict[str, Any]) -> tuple[bool, bool]:
        path = _write(tmp_path, "partnership.json", json.dumps({**self.BASE, **data}))
        try:
            load(path)
        except DataError:
            loads = False
        else:
            loads = True
        return loads, not _errors(MAIN, {**self.BASE, **data})

    @pytest.mark.parametrize(
        ("data", "accepted"),
        [
            ({"purpose": None}, True),  # an optional text takes null: left out
            ({"name": None}, False),  # a required text refuses it
            ({"secretariat": None}, True),  # other optional fields take null
            ({"policy": {"draft_agenda_days": False}}, True),  # false: no draft agenda
            ({"policy": {"clear_working_days": False}}, False),  # leave it out instead
            ({"policy": {"clear_working_days": None}}, True),
            ({"languages": ["cy", "en-GB"], "name": {"cy": "Profshire", "en-GB": "T"}}, True),
            ({"name": {"fr": "Testshire"}}, False),  # a language csp-core does not speak
            ({"name": {}}, False),
            ({"contact": {"address": ["1 High St"], "postcode": " cb23  6ea "}}, True),
            ({"web": "HTTPS://example.org/"}, True),
            ({"web": "ftp://example.org/"}, False),
            ({"policy": {"closures": ["2019-12-27"]}}, True),
            ({"policy": {"closures": ["27/12/2019"]}}, False),
            (
                {
                    "meetings": [
                        {"id": "m", "body": "board", "title": "T", "start": "2019-10-17 11:15Z"}
                    ]
                },
                True,
            ),
            (
                {
                    "meetings": [
                        {"id": "m", "body": "board", "title": "T", "start": "2019-10-17T11:15"}
                    ],
                    "series": [],
                },
                True,
            ),
            (
                {
                    "meetings": [
                        {
                            "id": "m",
                            "body": "board",
                            "title": "T",
                            "start": "2019-10-17T11:15",
                            "series": {"series": "s", "recurrence": "2019-10-17T11:15"},
                        }
                    ]
                },
                False,  # set by csp-core on a series' meetings, never written
            ),
        ],
    )
    def test_the_same_answer(self, tmp_path: Path, data: dict[str, Any], accepted: bool) -> None:
        assert self._both(tmp_path, data) == (accepted, accepted)


class TestCommand:
    def test_prints_the_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["schema"]) == 0
        assert capsys.readouterr().out == schema_text()
        assert main(["schema", "--kind", "data-file"]) == 0
        assert capsys.readouterr().out == schema_text(DATA_FILE)

    def test_writes_a_file_atomically(self, tmp_path: Path) -> None:
        out = tmp_path / "partnership.schema.json"
        assert main(["schema", "--out", str(out)]) == 0
        assert out.read_text(encoding="utf-8") == schema_text()
        assert sorted(path.name for path in tmp_path.iterdir()) == [out.name]  # no temporary
        os.utime(out, (0, 0))
        write_schema(out)  # unchanged: not rewritten
        assert out.stat().st_mtime == 0

    def test_a_folder_that_cannot_hold_it_exits_3(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        missing = tmp_path / "nowhere" / "schema.json"
        assert main(["schema", "--out", str(missing)]) == 3
        assert str(missing) in capsys.readouterr().err
        assert not (tmp_path / "nowhere").exists()

    def test_is_exported(self) -> None:
        assert csp_core.data_schema() == data_schema()
        assert csp_core.schema_text(DATA_FILE) == schema_text(DATA_FILE)


def _objects(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every table in plain data, the top one first."""
    if isinstance(data, dict):
        yield path
        for key, value in data.items():
            yield from _objects(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _objects(value, (*path, index))


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _loads(data: Any) -> bool:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "partnership.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        try:
            load(path)
        except DataError:
            return False
    return True


_OTHER_VALUES = st.sampled_from(["x", "", 5, -1, 2.5, True, False, None, [], {}, ["x"]])


@examples(40)
@given(partnership=partnerships(), data=st.data())
def test_what_the_schema_refuses_the_loader_refuses(
    partnership: Partnership, data: st.DataObject
) -> None:
    """Soundness: a file the schema refuses, csp validate refuses too (never the reverse).

    The dump of a generated partnership is changed in one place: a field removed, an unknown
    field added, or a value replaced by one of another kind.
    """
    written = json.loads(json.dumps(dump(partnership), ensure_ascii=False))
    path = data.draw(st.sampled_from(list(_objects(written))))
    table = _at(written, path)
    change = data.draw(st.sampled_from(["remove", "add", "replace"]))
    if change == "add":
        table["zzz"] = data.draw(_OTHER_VALUES)
        assert _errors(MAIN, written), "an unknown field must fail the schema"
        assert not _loads(written)
        return
    if not table:
        return
    key = data.draw(st.sampled_from(sorted(table)))
    if change == "remove":
        del table[key]
    else:
        table[key] = data.draw(_OTHER_VALUES)
    if _errors(MAIN, written):
        assert not _loads(written), f"the schema refuses {change} of {path}/{key}"


class TestDocs:
    PAGE = ROOT / "docs" / "schema.md"

    def _blocks(self, language: str) -> list[str]:
        text = self.PAGE.read_text(encoding="utf-8")
        return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)

    def test_the_toml_samples_are_toml(self) -> None:
        blocks = self._blocks("toml")
        assert len(blocks) == 4
        for block in blocks:
            tomllib.loads(block)

    def test_the_editor_settings_name_the_published_files(self) -> None:
        paths = set()
        for block in self._blocks("toml"):
            data = tomllib.loads(block)
            paths |= {rule["schema"]["path"] for rule in data.get("rule", [])}
            paths |= {entry["path"] for entry in data.get("schemas", [])}
        for block in self._blocks("json"):
            paths |= set(json.loads(block).get("yaml.schemas", {}))
        assert {Path(path).name for path in paths} == {
            "partnership.schema.json",
            "data-file.schema.json",
        }
        for path in paths:
            assert (ROOT / path).is_file(), path

    def test_the_commands_are_the_published_files(self) -> None:
        text = self.PAGE.read_text(encoding="utf-8")
        assert "csp schema --out docs/schema/partnership.schema.json" in text
        assert "csp schema --kind data-file --out docs/schema/data-file.schema.json" in text
