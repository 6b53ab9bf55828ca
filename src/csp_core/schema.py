"""A JSON Schema (draft 2020-12) of the data files, generated from the model.

Nothing here is written by hand: :func:`data_schema` walks the model's attrs classes from
:class:`~csp_core.model.Partnership` down, and says of each field what the loader
(:mod:`csp_core.converters`) accepts for it: enums as their values, dates and times as text in
ISO 8601 form (TOML and YAML dates are read alike), a public text as one string or a table of
language to text, a policy number that may be ``false``, ids, postcodes and addresses as their
checks take them.  Every class refuses unknown fields (``additionalProperties: false``) and
requires the fields the model requires.  Descriptions are the model's own docstrings.

The schema checks the shape of a file, for editors (completion, hover, errors as you type) and
for other tools; ``csp validate`` checks everything (cross-references, dates in order, a meeting
of a private body, ...).  See docs/schema.md.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import inspect
import json
import os
import re
import tempfile
import types
import typing
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from csp_core.converters import _LARGEST_WHOLE, make_converter
from csp_core.errors import InvalidModel
from csp_core.i18n import LANGUAGES
from csp_core.limits import MAX_ID_CHARS, MAX_TEXT_CHARS, POLICY_MAXIMA
from csp_core.loading import LIST_SECTIONS, SCHEMA_KEY
from csp_core.model import Meeting, Partnership, PublicationPolicy, _checks
from csp_core.model.partnership import LONDON
from csp_core.model.policy import OFF, UNIT

__all__ = ["DATA_FILE", "PARTNERSHIP", "SCHEMA_KINDS", "data_schema", "schema_text", "write_schema"]

#: The main data file of a partnership: ``partnership.toml`` (or ``.json``, ``.yaml``), or a
#: partnership in one file.
PARTNERSHIP = "partnership"
#: A further data file of a partnership folder: lists only (``[[meetings]]``, ...).
DATA_FILE = "data-file"
#: The schemas :func:`data_schema` makes.
SCHEMA_KINDS = (PARTNERSHIP, DATA_FILE)

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_COMMENT = (
    "Generated from the csp-core model by `csp schema`: regenerate it, never edit it by hand. "
    "It checks the shape of a data file; `csp validate` checks everything."
)
#: Fields of the model that a data file never gives, with the reason (the loader refuses them).
_NOT_IN_FILES: dict[tuple[type, str], str] = {
    (Meeting, "series"): "set by csp-core on the meetings of a [[series]]",
}
_DATE = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
_DATE_TIME = (
    r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d"
    r"(:[0-5]\d(\.\d{1,6})?)?(Z|z|[+-]\d{2}:?\d{2}(:\d{2}(\.\d{1,6})?)?)?$"
)
_WEB = r"^[hH][tT][tT][pP][sS]?://[^\s/$.?#]\S*$"
_NO_CONTROL = r"^[^\x00-\x1f\x7f-\x9f]*$"
#: A relative path: no scheme, not from the root, no '..' (no look-arounds: editors' regex
#: engines lack them).
_RELATIVE = [
    {"pattern": r"^[^/\\\s]\S*$"},
    {"not": {"pattern": r"^[a-zA-Z][a-zA-Z0-9+.-]*:"}},
    {"not": {"pattern": r"(^|[/\\])\.\.([/\\]|$)"}},
    {"pattern": _NO_CONTROL},
]
_POSTCODE_PARTS = (
    "[A-Za-z]",
    "[A-Za-z]?",
    "[0-9]",
    "[A-Za-z0-9]?",
    "[0-9]",
    "[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]",
    "[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]",
)


def _postcode_pattern() -> str:
    """A UK postcode as the loader reads it: any case, any spaces (it normalises them)."""
    gap = r"\s*"
    usual = gap.join(_POSTCODE_PARTS)
    girobank = gap.join(["[Gg]", "[Ii]", "[Rr]", "0", "[Aa]", "[Aa]"])
    return rf"^{gap}(?:{girobank}|{usual}){gap}$"


#: The shared definitions, by name: the kinds of value the converter and the model's checks
#: read (see docs/data-files.md, "Values").
_VALUES: dict[str, dict[str, Any]] = {
    "NonBlank": {
        "type": "string",
        "pattern": r"\S",
        "maxLength": MAX_TEXT_CHARS,
        "description": "Text that is not blank.",
    },
    "Text": {
        "anyOf": [
            {"$ref": "#/$defs/NonBlank"},
            {
                "type": "object",
                "propertyNames": {"enum": list(LANGUAGES)},
                "additionalProperties": {"$ref": "#/$defs/NonBlank"},
                "minProperties": 1,
            },
        ],
        "description": "A public text: one string, in the partnership's primary language, or a "
        'table of its languages to the text in each ({ cy = "…", en-GB = "…" }); each '
        "language one of the partnership's `languages`.",
    },
    "Id": {
        "type": "string",
        "pattern": rf"^{_checks.SLUG.pattern}$",
        "maxLength": MAX_ID_CHARS,
        "description": "An id: lower-case letters, digits and single hyphens "
        "('city-council', '2019-10-17'); stable in addresses, file names and calendar UIDs.",
    },
    "Date": {
        "type": "string",
        "format": "date",
        "pattern": _DATE,
        "description": "A date, 2019-10-17 (in TOML and YAML, unquoted).",
    },
    "DateTime": {
        # TOML editors (Tombi) tell an offset date-time, a local one and text apart by format.
        "anyOf": [
            {"type": "string", "format": "date-time", "pattern": _DATE_TIME},
            {"type": "string", "format": "date-time-local", "pattern": _DATE_TIME},
            {"type": "string", "pattern": _DATE_TIME},
        ],
        "description": "A date and time, 2019-10-17T11:15:00 (in TOML, or text such as "
        '"2019-10-17T11:15"): in the partnership\'s time zone unless it has an offset '
        "(2019-10-17T11:15:00+01:00, or Z).",
    },
    "TimeZone": {
        "type": "string",
        "minLength": 1,
        "description": "An IANA time zone name: 'Europe/London'.",
    },
    "Email": {
        "type": "string",
        "pattern": rf"^{_checks._EMAIL.pattern}$",
        "allOf": [{"pattern": _NO_CONTROL}],
        "maxLength": MAX_TEXT_CHARS,
        "description": "An email address: name@example.org.",
    },
    "WebAddress": {
        "type": "string",
        "pattern": _WEB,
        "allOf": [{"pattern": _NO_CONTROL}],
        "maxLength": MAX_TEXT_CHARS,
        "description": "An absolute web address starting with https:// or http://.",
    },
    "Link": {
        "anyOf": [
            {"$ref": "#/$defs/WebAddress"},
            {"type": "string", "allOf": _RELATIVE},
        ],
        "description": "A web address (https://...) or a path relative to the data folder, "
        "without '..' (papers/agenda.pdf).",
    },
    "Sha256": {
        "type": "string",
        "pattern": "^[0-9a-f]{64}$",
        "description": "A SHA-256 digest: 64 lower-case hexadecimal digits.",
    },
    "Postcode": {
        "type": "string",
        "pattern": _postcode_pattern(),
        "description": "A UK postcode: 'CB23 6EA' (any case and spacing; it is normalised).",
    },
}
_BY_VALIDATOR: dict[Callable[..., Any], str] = {
    _checks.slug: "Id",
    _checks.email: "Email",
    _checks.web: "WebAddress",
    _checks.link: "Link",
    _checks.sha256: "Sha256",
    _checks.postcode: "Postcode",
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


# -- descriptions ------------------------------------------------------------------------------

_ROLE = re.compile(r":(?:py:)?[a-z]+:`(~?)([^`<]+?)(?:\s*<[^>]*>)?`")


def _plain(doc: str) -> str:
    """A docstring as one description: reST roles as their names, paragraphs kept."""

    def role(found: re.Match[str]) -> str:
        name = found[2].strip()
        return f"`{name.rsplit('.', 1)[-1] if found[1] else name}`"

    text = _ROLE.sub(role, inspect.cleandoc(doc)).replace("``", "`")
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text)]
    return "\n\n".join(part for part in paragraphs if part)


@functools.cache
def _attribute_docs(module: str) -> dict[tuple[str, str], str]:
    """``(class, field) -> docstring`` of every attribute docstring in a module's source."""
    source = inspect.getsource(__import__(module, fromlist=["_"]))
    found: dict[tuple[str, str], str] = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        for before, after in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(before, ast.AnnAssign)
                and isinstance(before.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                found[(node.name, before.target.id)] = _plain(after.value.value)
    return found


def _described(schema: dict[str, Any], doc: str | None) -> dict[str, Any]:
    if doc:
        schema["description"] = doc
    return schema


# -- the walk ----------------------------------------------------------------------------------


def _validators(validator: Any) -> Iterator[Any]:
    """Every validator of a field: inside ``optional(...)`` and lists of several."""
    if validator is None:
        return
    inner = getattr(validator, "validator", None)
    several = getattr(validator, "_validators", None)
    if inner is not None:
        yield from _validators(inner)
    elif several is not None:
        for one in several:
            yield from _validators(one)
    else:
        yield validator


def _optional(hint: Any) -> tuple[Any, bool]:
    """``(X, True)`` for ``X | None``, else ``(hint, False)``."""
    if typing.get_origin(hint) in {typing.Union, types.UnionType}:
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(args) == 1 and len(typing.get_args(hint)) == 2:
            return args[0], True
    return hint, False


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


@attrs.frozen
class _Walk:
    """The definitions gathered while walking the model from one class."""

    defs: dict[str, dict[str, Any]] = attrs.field(factory=dict)

    def value(self, name: str) -> dict[str, Any]:
        self.defs.setdefault(name, _VALUES[name])
        for inner in re.findall(r"#/\$defs/(\w+)", json.dumps(_VALUES[name])):
            self.defs.setdefault(inner, _VALUES[inner])
        return _ref(name)

    def enum(self, enum: type[Enum]) -> dict[str, Any]:
        if enum.__name__ not in self.defs:
            self.defs[enum.__name__] = _described(
                {"type": "string", "enum": [member.value for member in enum]},
                _plain(enum.__doc__ or ""),
            )
        return _ref(enum.__name__)

    def cls(self, cl: type) -> dict[str, Any]:
        if cl.__name__ not in self.defs:
            self.defs[cl.__name__] = {}  # a placeholder while its fields are walked
            self.defs[cl.__name__] = self.object(cl)
        return _ref(cl.__name__)

    def object(self, cl: type) -> dict[str, Any]:
        """The object schema of an attrs class: its fields, the required ones, nothing else."""
        hints = typing.get_type_hints(cl)
        docs = _attribute_docs(cl.__module__)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cl):
            if not field.init or (cl, field.name) in _NOT_IN_FILES:
                continue
            one = self.field(cl, field, hints[field.name])
            properties[field.name] = _described(one, docs.get((cl.__name__, field.name)))
            default = _default(field)
            if default is not None:
                properties[field.name]["default"] = default
            if field.default is attrs.NOTHING:
                required.append(field.name)
        schema: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            schema["required"] = required
        return _described(schema, _plain(cl.__doc__ or ""))

    def field(self, cl: type, field: attrs.Attribute[Any], hint: Any) -> dict[str, Any]:
        """What the converter accepts for one field of ``cl`` (see csp_core.converters)."""
        if field.validator is _checks.text:
            # An optional text takes null as "left out"; a required one refuses it.
            text = self.value("Text")
            return _nullable(text) if field.default is None else text
        if field.validator is _checks.texts:
            return {"type": "array", "items": self.value("Text")}
        if UNIT in field.metadata:
            number = self.number(cl, field)
            choices = [number, {"type": "null"}]
            if OFF in field.metadata:
                choices.insert(1, {"const": False})
            return {"anyOf": choices}
        inner, optional = _optional(hint)
        checks = list(_validators(field.validator))
        schema = self.hint(inner, checks)
        if cl is PublicationPolicy and field.name in POLICY_MAXIMA:
            schema = self.number(cl, field)
        return _nullable(schema) if optional else schema

    def number(self, cl: type, field: attrs.Attribute[Any]) -> dict[str, Any]:
        """A whole number, with the policy's bounds when it has them (limits.POLICY_MAXIMA)."""
        schema = _whole()
        if cl is PublicationPolicy and field.name in POLICY_MAXIMA:
            schema["minimum"] = _smallest(field)
            schema["maximum"] = POLICY_MAXIMA[field.name]
        return schema

    def hint(self, hint: Any, checks: list[Any]) -> dict[str, Any]:
        """The schema of a type hint, narrowed by the model's checks of a text."""
        if typing.get_origin(hint) is tuple:
            (item, *_) = typing.get_args(hint)
            return {"type": "array", "items": self.hint(item, checks)}
        if hint is str:
            named = [_BY_VALIDATOR[check] for check in checks if check in _BY_VALIDATOR]
            if named:
                return self.value(named[0])
            return {"type": "string", "maxLength": MAX_TEXT_CHARS}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return _whole()
        if hint is float:
            return {"type": "number"}
        if hint is dt.datetime:
            return self.value("DateTime")
        if hint is dt.date:
            return self.value("Date")
        if hint is ZoneInfo:
            return self.value("TimeZone")
        if isinstance(hint, type) and issubclass(hint, Enum):
            return self.enum(hint)
        if isinstance(hint, type) and attrs.has(hint):
            return self.cls(hint)
        msg = f"csp_core.schema does not know how a data file writes {hint!r}: teach it"
        raise TypeError(msg)


def _whole() -> dict[str, Any]:
    """A whole number, as large as the converter reads."""
    return {"type": "integer", "minimum": -_LARGEST_WHOLE, "maximum": _LARGEST_WHOLE}


def _smallest(field: attrs.Attribute[Any]) -> int:
    """The smallest of 0 and 1 a policy number's validator accepts."""
    for low in (0, 1):
        try:
            if field.validator is not None:
                field.validator(None, field, low)
        except InvalidModel:
            continue
        return low
    return 1  # pragma: no cover - every policy number accepts 0 or 1


def _default(field: attrs.Attribute[Any]) -> Any:
    """A field's default as a data file writes it, when it is a plain value worth showing."""
    default = field.default
    if default is attrs.NOTHING or default is None or isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return None
    written = make_converter(LONDON).unstructure(default)
    if isinstance(written, str | bool | int | float) or (isinstance(written, list) and written):
        return written
    return None


# -- the schemas -------------------------------------------------------------------------------


def _schema_key() -> dict[str, Any]:
    return {
        "type": "string",
        "description": 'The address of this schema, for editors (JSON: `"$schema": '
        '"./partnership.schema.json"`); csp-core ignores it.',
    }


def data_schema(kind: str = PARTNERSHIP) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a data file, generated from the model.

    ``kind`` is ``"partnership"`` (the main file: ``partnership.toml``, ``.json`` or
    ``.yaml``, or a partnership in one file) or ``"data-file"`` (a further data file of a
    partnership folder, which holds lists only: ``bodies``, ``agencies``, ``plans``,
    ``assessments``, ``annual_reviews``, ``meetings`` and ``series``).  Definitions shared by
    several fields are under ``$defs``; every description is the model's own docstring.  The
    same model gives the same schema: :func:`csp_core.schema_text` writes it as
    deterministic JSON, as ``csp schema`` prints it (docs/schema.md).

    Raises:
        ValueError: ``kind`` is neither ``"partnership"`` nor ``"data-file"``.

    """
    if kind not in SCHEMA_KINDS:
        msg = f"no schema {kind!r}: one of {', '.join(SCHEMA_KINDS)}"
        raise ValueError(msg)
    walk = _Walk()
    root = walk.object(Partnership)
    if kind == DATA_FILE:
        root = {
            "type": "object",
            "properties": {name: root["properties"][name] for name in LIST_SECTIONS},
            "additionalProperties": False,
            "description": "A further data file of a partnership folder, beside partnership.toml: "
            "lists only, appended in path order to those of partnership.toml.",
        }
        defs = _reachable(json.dumps(root), walk.defs)
    else:
        defs = walk.defs
    root["properties"][SCHEMA_KEY] = _schema_key()
    title = "csp-core partnership data file" if kind == PARTNERSHIP else "csp-core data file"
    return {
        "$schema": _DIALECT,
        "$comment": _COMMENT,
        "title": title,
        **root,
        "$defs": defs,
    }


def _reachable(text: str, defs: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The definitions that ``text`` (a schema as JSON) refers to, directly or not."""
    wanted: dict[str, dict[str, Any]] = {}
    pending = re.findall(r"#/\$defs/(\w+)", text)
    while pending:
        name = pending.pop()
        if name not in wanted:
            wanted[name] = defs[name]
            pending += re.findall(r"#/\$defs/(\w+)", json.dumps(defs[name]))
    return wanted


def schema_text(kind: str = PARTNERSHIP) -> str:
    """:func:`csp_core.data_schema` as JSON: sorted keys, two-space indents, a final newline.

    Raises:
        ValueError: ``kind`` is neither ``"partnership"`` nor ``"data-file"``.

    """
    return json.dumps(data_schema(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schema(path: str | os.PathLike[str], kind: str = PARTNERSHIP) -> None:
    """Write :func:`schema_text` to ``path`` atomically: readers see the old file or the new.

    Raises:
        OSError: the file cannot be written (its folder missing, read-only or full).

    """
    target = Path(path)
    content = schema_text(kind).encode("utf-8")
    if target.is_file() and target.read_bytes() == content:
        return  # unchanged: keep its time, as a build does
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(target)) from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(target)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
