"""Reading a partnership from a file or a folder of files, and writing it back as plain data.

A partnership is one data file, or a folder holding ``partnership.toml`` (or ``.json``,
``.yaml``, ``.yml``) and any number of further data files in it or its subfolders.  Each further
file holds lists only (``[[meetings]]``, ``[[agencies]]``, ...), which are appended, in path
order, to those of ``partnership.toml``.  Problems are reported against the file and the index
within that file where the officer wrote the value.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
import yaml

from csp_core.converters import NOT_TEXT_KEY, make_converter, problems_from
from csp_core.errors import DataError, Problem
from csp_core.model import Partnership
from csp_core.model.partnership import LONDON, located_documents

__all__ = ["LIST_SECTIONS", "dump", "load"]

#: The top-level keys that hold lists and may appear in any data file of a folder.
LIST_SECTIONS = ("bodies", "agencies", "plans", "assessments", "annual_reviews", "meetings")
SUFFIXES = (".toml", ".json", ".yaml", ".yml")
_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_SHORT_TIME = re.compile(r"=\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?![:\d])")
_PATH_HEAD = re.compile(r"(\w+)\[(\d+)\](.*)")
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


class _SyntaxProblem(Exception):
    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses repeated keys instead of keeping the last one."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _SyntaxProblem("", f"invalid JSON: duplicate key {key!r}")
        result[key] = value
    return result


def _parse(path: Path) -> Any:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise _SyntaxProblem("", f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise _SyntaxProblem("", f"cannot read: {error.strerror}") from None
    suffix = path.suffix.lower()
    if suffix == ".toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            found = _TOML_WHERE.search(message)
            where = f"line {found[1]}, column {found[2]}" if found else ""
            hint = ""
            if found and _TOML_SHORT_TIME.search(text.splitlines()[int(found[1]) - 1]):
                hint = ' (a TOML time needs seconds: write 11:15:00, or quote it: "...T11:15")'
            message = _TOML_WHERE.sub("", message)
            raise _SyntaxProblem(where, f"invalid TOML: {message}{hint}") from None
    if suffix == ".json":
        try:
            return json.loads(text, object_pairs_hook=_no_duplicate_keys)
        except json.JSONDecodeError as error:
            raise _SyntaxProblem(
                f"line {error.lineno}, column {error.colno}", f"invalid JSON: {error.msg}"
            ) from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader) or {}  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise _SyntaxProblem(where, f"invalid YAML: {error.problem}") from None
    except yaml.YAMLError as error:
        raise _SyntaxProblem("", f"invalid YAML: {error}") from None


@attrs.frozen
class _Source:
    """Where each item of the merged data came from."""

    main: str
    items: dict[str, list[tuple[str, int]]]
    order: list[str]

    def locate(self, path: str) -> tuple[str, str]:
        head = _PATH_HEAD.fullmatch(path)
        if head and head[1] in self.items:
            section, index, rest = head[1], int(head[2]), head[3]
            origins = self.items[section]
            if index < len(origins):
                file, local = origins[index]
                return file, f"{section}[{local}]{rest}"
        return self.main, path


def _data_files(folder: Path) -> tuple[Path, list[Path]]:
    mains = [folder / f"partnership{suffix}" for suffix in SUFFIXES]
    found = [path for path in mains if path.is_file()]
    if not found:
        raise DataError(
            [
                Problem(
                    file=str(folder), path="", message="no partnership.toml (or .json, .yaml) here"
                )
            ]
        )
    if len(found) > 1:
        names = ", ".join(path.name for path in found)
        raise DataError([Problem(file=str(folder), path="", message=f"more than one of {names}")])
    rest = sorted(
        (
            path
            for path in folder.rglob("*")
            if path.suffix.lower() in SUFFIXES
            and path.is_file()
            and path != found[0]
            and not any(part.startswith((".", "_")) for part in path.relative_to(folder).parts)
        ),
        key=lambda path: path.relative_to(folder).as_posix(),
    )
    return found[0], rest


def _read(path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        data = _parse(path)
    except _SyntaxProblem as error:
        problems.append(Problem(file=str(path), path=error.where, message=error.message))
        return None
    if not isinstance(data, Mapping):
        problems.append(
            Problem(file=str(path), path="", message="expected a table of fields at the top level")
        )
        return None
    return dict(data)


def _fragment_problem(key: object, value: object) -> str | None:
    """What is wrong with a top-level entry of a file beside partnership.toml, if anything."""
    if not isinstance(key, str):
        return NOT_TEXT_KEY
    if key not in LIST_SECTIONS:
        hint = difflib.get_close_matches(key, LIST_SECTIONS, n=1)
        if hint:
            return f"unknown section (did you mean {hint[0]!r}?)"
        return (
            "not allowed here: files beside partnership.toml hold only the lists "
            f"{', '.join(LIST_SECTIONS)}"
        )
    if not isinstance(value, list):
        return f"expected a list (in TOML, write [[{key}]] tables)"
    return None


def _gather(path: Path) -> tuple[dict[str, Any], _Source, list[Problem]]:
    problems: list[Problem] = []
    if path.is_dir():
        main, fragments = _data_files(path)
    elif path.is_file():
        main, fragments = path, []
    else:
        raise DataError([Problem(file=str(path), path="", message="no such file or folder")])
    merged = _read(main, problems) or {}
    source = _Source(
        main=str(main),
        items={section: [] for section in LIST_SECTIONS},
        order=[str(main), *map(str, fragments)],
    )
    for section in LIST_SECTIONS:
        if isinstance(merged.get(section), list):
            source.items[section] += [(str(main), index) for index in range(len(merged[section]))]
    for fragment in fragments:
        data = _read(fragment, problems)
        if data is None:
            continue
        for key, value in data.items():
            wrong = _fragment_problem(key, value)
            if wrong is not None:
                problems.append(Problem(file=str(fragment), path=str(key).lower(), message=wrong))
            elif key in merged and not isinstance(merged[key], list):
                continue  # the main file's own problem is reported when structuring
            else:
                merged[key] = [*merged.get(key, []), *value]
                source.items[key] += [(str(fragment), index) for index in range(len(value))]
    return merged, source, problems


def _zone_of(data: Mapping[str, Any]) -> ZoneInfo:
    name = data.get("timezone")
    if isinstance(name, str):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass  # reported when the field is structured
    return LONDON


def _missing_files(partnership: Partnership, base: Path) -> Iterator[tuple[str, str]]:
    for path, document in located_documents(partnership):
        urls = [("url", document.url)]
        urls += [(f"revisions[{i}].url", r.url) for i, r in enumerate(document.revisions)]
        for field, url in urls:
            if url is not None and not _SCHEME.match(url) and not (base / url).is_file():
                yield f"{path}.{field}", f"no file {url!r} next to the data"


def load(path: str | os.PathLike[str]) -> Partnership:
    """Load a partnership from a data file or folder.

    Raises:
        DataError: listing every problem found, each with its file and field path.

    """
    root = Path(path)
    data, source, problems = _gather(root)
    if problems:
        raise DataError(problems)
    converter = make_converter(_zone_of(data))
    try:
        partnership = converter.structure(data, Partnership)
    except Exception as error:  # noqa: BLE001 - each failure becomes a problem
        located = [(*source.locate(where), message) for where, message in problems_from(error)]
        raise DataError(_in_file_order(located, source)) from None
    base = root if root.is_dir() else root.parent
    missing = [
        (*source.locate(where), message) for where, message in _missing_files(partnership, base)
    ]
    if missing:
        raise DataError(_in_file_order(missing, source))
    return partnership


def _in_file_order(located: list[tuple[str, str, str]], source: _Source) -> list[Problem]:
    rank = {file: index for index, file in enumerate(source.order)}
    ordered = sorted(
        enumerate(located), key=lambda pair: (rank.get(pair[1][0], len(rank)), pair[0])
    )
    return [
        Problem(file=file, path=where, message=message) for _, (file, where, message) in ordered
    ]


def dump(partnership: Partnership) -> dict[str, Any]:
    """The partnership as plain data (dicts, lists, strings, numbers, booleans).

    Written as one JSON (or TOML, or YAML) file, it loads back equal to ``partnership``.
    """
    data: dict[str, Any] = make_converter(partnership.timezone).unstructure(partnership)
    return data
