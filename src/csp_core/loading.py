"""Reading a partnership from a file or a folder of files, and writing it back as plain data.

A partnership is one data file, or a folder holding ``partnership.toml`` (or ``.json``,
``.yaml``, ``.yml``) and any number of further data files in it or its subfolders.  Each further
file holds lists only (``[[meetings]]``, ``[[agencies]]``, ...), which are appended, in path
order, to those of ``partnership.toml``.  Problems are reported against the file and the index
within that file where the officer wrote the value.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import errno
import json
import os
import re
import stat
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
import yaml

from csp_core import limits
from csp_core.converters import NOT_TEXT_KEY, describe, make_converter, problems_from
from csp_core.errors import DataError, Problem
from csp_core.model import Partnership, Series
from csp_core.model.partnership import LONDON, located_documents, written_at

__all__ = ["LIST_SECTIONS", "SCHEMA_KEY", "Loaded", "dump", "load", "read"]

#: The top-level keys that hold lists and may appear in any data file of a folder.
LIST_SECTIONS = (
    "bodies",
    "agencies",
    "plans",
    "assessments",
    "annual_reviews",
    "meetings",
    "series",
    "actions",
)
#: A top-level key any data file may have, for editors: the address of its JSON Schema
#: (``csp schema``, docs/schema.md).  The loader ignores it when it is text.
SCHEMA_KEY = "$schema"
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


def _marked(message: str, node: yaml.Node) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, message, node.start_mark)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses repeated keys, non-text keys in lists or tables, and aliases.

    Aliases are refused because a few of them can stand for billions of values ("billion
    laughs"); values that YAML's own readers cannot hold (a date 2019-02-30, a number with
    thousands of digits) are refused with their line and column.
    """

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
            mark: yaml.error.Mark | None = getattr(event, "start_mark", None)
            raise yaml.composer.ComposerError(None, None, limits.YAML_ALIAS, mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                what = "a list" if isinstance(key_node, yaml.SequenceNode) else "a table"
                raise _marked(limits.YAML_KEY.format(what=what), key_node)
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise _marked(f"duplicate key {limits.shown(key)}", key_node)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        try:
            value: int = super().construct_yaml_int(node)
        except ValueError:
            raise _marked(limits.NUMBER_TOO_LONG, node) from None
        return value

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> dt.date:
        try:
            value = super().construct_yaml_timestamp(node)
        except ValueError as error:
            raise _marked(f"{node.value!r} is not a date: {error}", node) from None
        return value


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:int", _UniqueKeyLoader.construct_yaml_int)
_UniqueKeyLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _UniqueKeyLoader.construct_yaml_timestamp
)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _SyntaxProblem("", f"invalid JSON: duplicate key {limits.shown(key)}")
        result[key] = value
    return result


def _decode(data: bytes) -> str:
    """The text of a file: UTF-8, with or without a byte order mark, and no NUL bytes."""
    data = data.removeprefix(codecs.BOM_UTF8)
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        len(data) > 1 and data.count(0) * 3 >= len(data)
    )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        hint = limits.UTF16_HINT if utf16 else ""
        raise _SyntaxProblem("", limits.NOT_UTF8.format(byte=error.start, hint=hint)) from None
    if "\x00" in text:
        if utf16:
            raise _SyntaxProblem(
                "", limits.NOT_UTF8.format(byte=data.index(0), hint=limits.UTF16_HINT)
            )
        before = text[: text.index("\x00")]
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        raise _SyntaxProblem("", limits.NUL_BYTE.format(line=line, column=column))
    return text


def _read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES; never blocks on a FIFO or device."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise _SyntaxProblem("", _os_problem(error)) from None
    with os.fdopen(descriptor, "rb") as file:
        try:
            mode = os.fstat(descriptor).st_mode
            if stat.S_ISDIR(mode):
                raise _SyntaxProblem("", limits.FOLDER_NOT_FILE)
            if not stat.S_ISREG(mode):
                raise _SyntaxProblem("", limits.NOT_A_FILE.format(kind=_kind(mode)))
            data = file.read(limits.MAX_FILE_BYTES + 1)
        except OSError as error:
            raise _SyntaxProblem("", _os_problem(error)) from None
    if len(data) > limits.MAX_FILE_BYTES:
        raise _SyntaxProblem("", limits.TOO_BIG)
    return data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _os_problem(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return limits.LINK_LOOP
    if error.errno == errno.EISDIR:
        return limits.FOLDER_NOT_FILE
    return limits.CANNOT_READ.format(reason=error.strerror or type(error).__name__)


def _depth_problem(data: Any) -> None:
    """Refuse lists and tables nested deeper than MAX_DEPTH, without recursing."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, Mapping):
            children: Iterable[Any] = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limits.MAX_DEPTH:
            raise _SyntaxProblem("", limits.TOO_DEEP)
        stack.extend((child, depth + 1) for child in children)


def _parse(path: Path, *, main: bool) -> Any:
    text = _decode(_read_bytes(path))
    if not text.strip() and (main or path.suffix.lower() == ".json"):
        raise _SyntaxProblem("", limits.EMPTY)
    try:
        data = _parse_text(path, text)
    except RecursionError:
        raise _SyntaxProblem("", limits.TOO_DEEP) from None
    _depth_problem(data)
    return data


def _parse_text(path: Path, text: str) -> Any:
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
        except ValueError:
            raise _SyntaxProblem("", f"invalid TOML: {limits.NUMBER_TOO_LONG}") from None
    if suffix == ".json":
        try:
            return json.loads(text, object_pairs_hook=_no_duplicate_keys)
        except json.JSONDecodeError as error:
            raise _SyntaxProblem(
                f"line {error.lineno}, column {error.colno}", f"invalid JSON: {error.msg}"
            ) from None
        except ValueError:
            raise _SyntaxProblem("", f"invalid JSON: {limits.NUMBER_TOO_LONG}") from None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise _SyntaxProblem(where, f"invalid YAML: {error.problem}") from None
    except yaml.reader.ReaderError as error:
        code = error.character if isinstance(error.character, int) else 0
        message = limits.YAML_CHARACTER.format(code=code, position=error.position + 1)
        raise _SyntaxProblem("", f"invalid YAML: {message}") from None
    except yaml.YAMLError as error:
        raise _SyntaxProblem("", f"invalid YAML: {error}") from None
    return {} if data is None else data


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


def _inside(root: Path, target: Path) -> bool:
    return target == root or root in target.parents


def _walk(folder: Path) -> tuple[list[Path], list[Problem]]:
    """Every data file in ``folder`` and below, in path order, and what is wrong with the rest.

    Names starting with ``.`` or ``_`` are skipped.  A symbolic link is followed only when it
    stays inside the folder; a data file or folder that links outside is refused, as are data
    files that are not regular files and folders that cannot be read.
    """
    root = Path(os.path.realpath(folder))
    files: list[Path] = []
    problems: list[Problem] = []
    visited = {root}
    pending = [folder]
    while pending:
        directory = pending.pop()
        try:
            with os.scandir(directory) as scan:
                entries = sorted(entry.name for entry in scan)
        except OSError as error:
            problems.append(Problem(file=str(directory), path="", message=_os_problem(error)))
            continue
        for name in entries:
            if name.startswith((".", "_")):
                continue
            path = directory / name
            data_name = path.suffix.lower() in SUFFIXES
            link = path.is_symlink()
            try:
                if link and not _inside(root, Path(os.path.realpath(path))):
                    if data_name or path.is_dir():
                        target = limits.shown(os.readlink(path))
                        problems.append(
                            Problem(
                                file=str(path),
                                path="",
                                message=limits.LINK_OUTSIDE.format(target=target),
                            )
                        )
                    continue
                mode = path.stat().st_mode
            except OSError as error:
                if data_name:
                    message = _os_problem(error)
                    if link and error.errno == errno.ENOENT:
                        message = limits.BROKEN_LINK.format(target=limits.shown(os.readlink(path)))
                    problems.append(Problem(file=str(path), path="", message=message))
                continue
            if stat.S_ISDIR(mode):
                real = Path(os.path.realpath(path))
                if real not in visited:
                    visited.add(real)
                    pending.append(path)
            elif data_name:
                files.append(path)
    files.sort(key=lambda path: path.relative_to(folder).as_posix())
    return files, problems


def _data_files(folder: Path) -> tuple[Path, list[Path], list[Problem]]:
    mains = [folder / f"partnership{suffix}" for suffix in SUFFIXES]
    found = [path for path in mains if os.path.lexists(path)]
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
    main = found[0]
    files, problems = _walk(folder)
    if main not in files:
        refused = [problem for problem in problems if problem.file == str(main)]
        if not refused and main.is_dir():
            refused = [Problem(file=str(main), path="", message=limits.FOLDER_NOT_FILE)]
        raise DataError(refused or problems)
    return main, [path for path in files if path != main], problems


def _read(path: Path, problems: list[Problem], *, main: bool = False) -> dict[str, Any] | None:
    try:
        data = _parse(path, main=main)
    except _SyntaxProblem as error:
        problems.append(Problem(file=str(path), path=error.where, message=error.message))
        return None
    if not isinstance(data, Mapping):
        problems.append(
            Problem(file=str(path), path="", message="expected a table of fields at the top level")
        )
        return None
    data = dict(data)
    if SCHEMA_KEY in data:
        address = data.pop(SCHEMA_KEY)
        if not isinstance(address, str):
            message = f"expected the address of a JSON Schema as text, got {describe(address)}"
            problems.append(Problem(file=str(path), path=SCHEMA_KEY, message=message))
    return data


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
    try:
        mode = path.stat().st_mode
    except OSError as error:
        missing = error.errno in {errno.ENOENT, errno.ENOTDIR}
        message = "no such file or folder" if missing else _os_problem(error)
        raise DataError([Problem(file=str(path), path="", message=message)]) from None
    if stat.S_ISDIR(mode):
        main, fragments, problems = _data_files(path)
    elif stat.S_ISREG(mode):
        main, fragments = path, []
    else:
        message = limits.NOT_A_FILE.format(kind=_kind(mode))
        raise DataError([Problem(file=str(path), path="", message=message)])
    merged = _read(main, problems, main=True) or {}
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
                # Extended in place, not copied: a copy per file made loading quadratic in files.
                merged.setdefault(key, []).extend(value)
                source.items[key] += [(str(fragment), index) for index in range(len(value))]
    return merged, source, problems


def _languages_of(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The languages the data declares, for reading its texts; the default if it declares none.

    Whether they are valid is reported when the ``languages`` field is structured.
    """
    given = data.get("languages")
    if isinstance(given, list) and given and all(isinstance(tag, str) for tag in given):
        return tuple(given)
    return ("en-GB",)


def _zone_of(data: Mapping[str, Any]) -> ZoneInfo:
    name = data.get("timezone")
    if isinstance(name, str):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass  # reported when the field is structured
    return LONDON


def _file_problem(base: Path, root: Path, url: str) -> str | None:
    """What is wrong with the file a relative document address names, if anything."""
    try:
        target = Path(os.path.realpath(base / url))
        if not _inside(root, target):
            return limits.URL_OUTSIDE.format(url=limits.shown(url))
        if (base / url).is_file():
            return None
    except (OSError, ValueError):
        pass
    return f"no file {limits.shown(url)} next to the data"


def _missing_files(partnership: Partnership, base: Path) -> Iterator[tuple[str, str]]:
    root = Path(os.path.realpath(base))
    for path, document in located_documents(partnership):
        urls = [("url", document.url)]
        urls += [(f"revisions[{i}].url", r.url) for i, r in enumerate(document.revisions)]
        for field, url in urls:
            if url is not None and not _SCHEME.match(url):
                problem = _file_problem(base, root, url)
                if problem is not None:
                    yield written_at(partnership, f"{path}.{field}"), problem


def load(path: str | os.PathLike[str]) -> Partnership:
    """Load a partnership from a data file or folder.

    Every problem is reported as a :class:`Problem` on one line: line breaks, control
    characters and undecodable bytes in file names, keys and values are escaped.

    Raises:
        DataError: listing every problem found, each with its file and field path.

    """
    return read(path).partnership


@attrs.frozen(kw_only=True)
class Loaded:
    """A loaded partnership, and where each part of it came from."""

    partnership: Partnership
    _source: _Source = attrs.field(alias="source", repr=False)

    def problem(self, path: str, message: str) -> Problem:
        """A problem at ``path`` of the partnership (``meetings[2].venue``), located.

        The problem names the file that holds that part, and the path as it is in that file.
        """
        # A field of a series' meeting is written in the series (series[0].occurrences[2]).
        file, where = self._source.locate(written_at(self.partnership, path))
        return Problem(
            file=limits.one_line(file),
            path=limits.one_line(where),
            message=limits.one_line(message),
        )


def read(path: str | os.PathLike[str]) -> Loaded:
    """Load a partnership like :func:`load`, keeping where each part came from.

    Raises:
        DataError: listing every problem found, each with its file and field path.
    """
    try:
        partnership, source = _load(Path(path))
    except DataError as error:
        raise DataError(
            Problem(
                file=limits.one_line(problem.file),
                path=limits.one_line(problem.path),
                message=limits.one_line(problem.message),
            )
            for problem in error.problems
        ) from None
    return Loaded(partnership=partnership, source=source)


def _load(root: Path) -> tuple[Partnership, _Source]:
    data, source, problems = _gather(root)
    if problems:
        raise DataError(_in_file_order([(p.file, p.path, p.message) for p in problems], source))
    converter = make_converter(_zone_of(data), _languages_of(data))
    located = [(*source.locate(where), message) for where, message in _series(data, converter)]
    try:
        partnership = converter.structure(data, Partnership)
    except Exception as error:  # noqa: BLE001 - each failure becomes a problem
        located += [(*source.locate(where), message) for where, message in problems_from(error)]
    if located:
        raise DataError(_in_file_order(located, source)) from None
    base = root if root.is_dir() else root.parent
    missing = [
        (*source.locate(where), message) for where, message in _missing_files(partnership, base)
    ]
    if missing:
        raise DataError(_in_file_order(missing, source))
    return partnership, source


def _series(data: dict[str, Any], converter: Any) -> list[tuple[str, str]]:
    """Expand each ``[[series]]`` of ``data`` into its meetings, appended to its meetings.

    ``data`` then holds the built series and meetings (the converter takes them as they are);
    a series with a problem is left out, and its problems are returned with their paths.
    """
    problems: list[tuple[str, str]] = []
    meetings = data.get("meetings")
    for index, meeting in enumerate(meetings if isinstance(meetings, list) else []):
        if isinstance(meeting, Mapping) and "series" in meeting:
            problems.append(
                (
                    f"meetings[{index}].series",
                    "is set by csp-core on the meetings of a [[series]]: to change one meeting "
                    "of a series, write it in the series' occurrences",
                )
            )
    if "series" not in data:
        return problems
    try:
        series: tuple[Series, ...] = converter.structure(data["series"], tuple[Series, ...])
    except Exception as error:  # noqa: BLE001 - each failure becomes a problem
        del data["series"]
        return problems + list(problems_from(error, "series"))
    data["series"] = list(series)
    if meetings is None or isinstance(meetings, list):
        data["meetings"] = [*(meetings or []), *(m for one in series for m in one.meetings())]
    return problems


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
    converter = make_converter(partnership.timezone, partnership.languages)
    data: dict[str, Any] = converter.unstructure(partnership)
    if partnership.series:
        # A series is written as itself, not as the meetings it expands into.
        meetings = [
            written
            for written, meeting in zip(data.get("meetings", []), partnership.meetings, strict=True)
            if meeting.series is None
        ]
        if meetings:
            data["meetings"] = meetings
        else:
            data.pop("meetings", None)
    return data
