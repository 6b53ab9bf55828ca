"""``csp init``: a new partnership folder that validates and builds at once.

The files' words are templates shipped in the package (``csp_core/templates``); this module
fills them with the answers, as TOML values written by :func:`toml_string`, and with the
policy's defaults and the nation's law taken from the model (:class:`PublicationPolicy`,
:data:`ACCESS_LAW`), so the comments never disagree with the rules.  The folder is written
beside its destination under a hidden name, loaded to prove it valid, then renamed into place:
a reader (or a kill) sees no folder or the whole folder.  See docs/init.md.
"""

from __future__ import annotations

import enum
import os
import re
import shutil
import tempfile
import tomllib
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from importlib import metadata, resources
from pathlib import Path
from string import Template

import attrs

from csp_core.errors import CspError, DataError, InvalidModel, OutputError, UsageError
from csp_core.i18n import LANGUAGES
from csp_core.loading import load
from csp_core.model import ACCESS_LAW, STATUTORY_CLEAR_DAYS, Contact, Nation, PublicationPolicy
from csp_core.model._checks import SLUG
from csp_core.schema import DATA_FILE, PARTNERSHIP, schema_text

__all__ = [
    "PLACEHOLDER_POSTCODE",
    "Answers",
    "collect",
    "default_languages",
    "id_from",
    "init",
    "scaffold",
    "toml_string",
]

#: The contact's postcode when none is given: a valid form in the NHS's pseudo-postcode area
#: ZZ99, which is no real place; ``csp validate`` warns while it stands.
PLACEHOLDER_POSTCODE = "ZZ99 9ZZ"
_TEMPLATES = resources.files("csp_core") / "templates"
#: Characters a one-line text may not hold: controls (newlines too) and lone surrogates.
_NOT_IN_A_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


@attrs.frozen(kw_only=True)
class Answers:
    """What ``csp init`` is told: each text by language (the partnership's, primary first)."""

    id: str
    name: Mapping[str, str]
    area: Mapping[str, str]
    nation: Nation
    languages: tuple[str, ...]
    councils: tuple[Mapping[str, str], ...] = ()
    """Each council's name by language; none given: one council named after the area."""
    postcode: str | None = None


def default_languages(nation: Nation) -> tuple[str, ...]:
    """Welsh first in Wales (the Welsh Language Standards), else British English."""
    return ("cy", "en-GB") if nation is Nation.WALES else ("en-GB",)


def id_from(area: str) -> str:
    """An id from an area's name: 'Ynys Môn' gives 'ynys-mon'; '' when nothing is left."""
    plain = unicodedata.normalize("NFKD", area).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain))


def toml_string(text: str) -> str:
    r"""``text`` as a TOML basic string: quoted, with every character TOML forbids escaped.

    A quote and a backslash as ``\"`` and ``\\``, the controls TOML refuses raw (C0 with the
    tab and line breaks, DEL, C1) as ``\uXXXX``; everything else as it is (UTF-8).
    """
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _one_line(field: str, text: str) -> str:
    if not text.strip():
        msg = f"{field}: give a text, not an empty one"
        raise UsageError(msg)
    if _NOT_IN_A_LINE.search(text):
        msg = f"{field}: {text!r} holds a line break or control character: give one line"
        raise UsageError(msg)
    return text


def _text(by_language: Mapping[str, str], languages: Sequence[str]) -> str:
    """A text as TOML: one string for one language, else a table of the languages given."""
    if len(languages) == 1:
        return toml_string(by_language[languages[0]])
    pairs = (f"{tag} = {toml_string(by_language[tag])}" for tag in languages if tag in by_language)
    return "{ " + ", ".join(pairs) + " }"


def _value(value: object) -> str:
    """A policy default as TOML, for a commented-out line."""
    if value is None:
        return "false"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, enum.Enum):
        return toml_string(str(value.value))
    if isinstance(value, tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    return toml_string(str(value))


def _words() -> dict[str, dict[str, str]]:
    return tomllib.loads((_TEMPLATES / "words.toml").read_text(encoding="utf-8"))


def _check(answers: Answers) -> None:
    if not SLUG.fullmatch(answers.id):
        msg = f"--id: {answers.id!r} is not an id: lower-case letters, digits and hyphens"
        raise UsageError(msg)
    if not answers.languages or any(tag not in LANGUAGES for tag in answers.languages):
        known = ", ".join(LANGUAGES)
        msg = f"--language: give one or more of {known} (the primary first)"
        raise UsageError(msg)
    if len(set(answers.languages)) != len(answers.languages):
        raise UsageError("--language: a language is given twice")
    for field, texts in (("--name", answers.name), ("--area", answers.area)):
        if not any(tag in texts for tag in answers.languages):
            msg = f"{field}: missing (give it with {field} or answer the question)"
            raise UsageError(msg)
    for field, texts in [("--name", answers.name), ("--area", answers.area)] + [
        ("--council", council) for council in answers.councils
    ]:
        for tag, text in texts.items():
            _one_line(field, text)
            if tag not in answers.languages:
                msg = f"{field}: {tag!r} is not one of the partnership's languages"
                raise UsageError(msg)
    if answers.postcode is not None:
        _one_line("--postcode", answers.postcode)
        try:
            Contact(address=("-",), postcode=answers.postcode)
        except InvalidModel as error:
            msg = f"--postcode: {answers.postcode!r} is not a UK postcode (for example 'CB23 6EA')"
            raise UsageError(msg) from error


def scaffold(answers: Answers) -> dict[str, str]:
    """The files of a new partnership folder, by relative path: their text, UTF-8.

    Raises:
        UsageError: an answer is not usable (an id that is not one, a text with a line break,
            a language csp-core does not speak).
    """
    _check(answers)

    words = _words()
    languages = answers.languages
    area, name = dict(answers.area), dict(answers.name)
    councils = answers.councils or (
        {tag: words["council"][tag].format(area=area[tag]) for tag in languages if tag in area},
    )
    ids = (
        ["council"] if len(councils) == 1 else [f"council-{n}" for n in range(1, len(councils) + 1)]
    )
    agency = Template((_TEMPLATES / "agency.toml.in").read_text(encoding="utf-8"))
    agencies = "".join(
        agency.substitute(id=toml_string(id), name=_text(council, languages))
        for id, council in zip(ids, councils, strict=True)
    )
    law = ACCESS_LAW[answers.nation]
    policy = PublicationPolicy()
    defaults = {
        field.name: _value(getattr(policy, field.name)) for field in attrs.fields(PublicationPolicy)
    }
    first = next(tag for tag in languages if tag in name)
    postcode = answers.postcode if answers.postcode is not None else PLACEHOLDER_POSTCODE
    notes = words["notes"]
    values = {
        **defaults,
        "version": _version(),
        "name_comment": name[first],
        "id": toml_string(answers.id),
        "name": _text(name, languages),
        "area": _text(area, languages),
        "text_note": notes["several_languages"].format(languages=", ".join(languages))
        if len(languages) > 1
        else "",
        "nation": toml_string(answers.nation.value),
        "nation_name": answers.nation.value,
        "languages": "[" + ", ".join(toml_string(tag) for tag in languages) + "]",
        "council_ids": ", ".join(toml_string(id) for id in ids),
        "first_council": toml_string(ids[0]),
        "address": "[" + ", ".join(_text(part, languages) for part in (name, area)) + "]",
        "postcode": toml_string(postcode),
        "postcode_note": ""
        if answers.postcode is not None
        else notes["placeholder"].format(postcode=postcode),
        "agencies": agencies,
        "partnership_statute": law.partnership_statute,
        "law_citation": law.citation,
        "law_act": law.act,
        "law_agenda": law.agenda,
        "law_minutes": law.minutes,
        "law_background": law.background_papers,
        "law_exempt": f"{law.exempt.act}, {law.exempt.schedule}",
        "law_paragraphs": f"{law.exempt.paragraphs.start}-{law.exempt.paragraphs.stop - 1}",
        "clear_days": str(STATUTORY_CLEAR_DAYS[answers.nation]),
    }
    main = Template((_TEMPLATES / "partnership.toml.in").read_text(encoding="utf-8"))
    meeting = Template((_TEMPLATES / "meeting.toml.in").read_text(encoding="utf-8"))
    return {
        "partnership.toml": main.substitute(values),
        "meetings/example.toml": meeting.substitute(
            title=_text(name, languages), timezone="Europe/London"
        ),
        "_schema/partnership.schema.json": schema_text(PARTNERSHIP),
        "_schema/data-file.schema.json": schema_text(DATA_FILE),
    }


def init(folder: str | os.PathLike[str], answers: Answers) -> Path:
    """Write a new partnership folder at ``folder``; return its path.

    Refuses a folder that exists and is not empty (nothing is written).  The files are written
    into a hidden folder beside it, loaded (so what is written is valid), then renamed into
    place: an interrupted ``init`` leaves no half-written ``folder``.

    Raises:
        UsageError: ``folder`` is not empty, or an answer is not usable.
        OutputError: the folder cannot be written.
    """
    target = Path(folder)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        msg = f"{target} is not empty: csp init writes a new folder, and never overwrites one"
        raise UsageError(msg)
    files = scaffold(answers)
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.csp-init-", dir=parent))
    except OSError as error:
        msg = f"cannot write {target}: {error.strerror or error}"
        raise OutputError(msg) from error
    try:
        for path, text in files.items():
            file = staging / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")
        staging.chmod(0o777 & ~_umask())
        try:
            load(staging)
        except DataError as error:  # pragma: no cover - the answers are checked first
            msg = f"csp init wrote data that does not load, a bug: {error}"
            raise CspError(msg) from error
        try:
            os.rename(staging, target)  # over an empty folder too
        except OSError as error:
            msg = f"cannot write {target}: {error.strerror or error}"
            raise OutputError(msg) from error
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target


def _version() -> str:
    try:
        return metadata.version("csp-core")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def collect(
    *,
    name: Sequence[str],
    area: Sequence[str],
    nation: str | None,
    languages: Sequence[str],
    councils: Sequence[str],
    postcode: str | None,
    id: str | None,
    ask: Callable[[str], str] | None,
) -> Answers:
    """The answers from ``csp init``'s options, asking ``ask`` for what is missing.

    ``name`` and ``area`` give one text per language, in the order of the languages; a council
    is named in the primary language.  Without ``ask`` (standard input is not a terminal), a
    missing name, area or nation is refused; the languages default to the nation's
    (:func:`default_languages`), the id to the area's (:func:`id_from`).

    Raises:
        UsageError: something required is missing, or an answer is not usable.
    """
    if nation is None and ask is not None:
        choices = ", ".join(n.value for n in Nation)
        nation = ask(f"Nation ({choices}) [england]: ").strip() or Nation.ENGLAND.value
    if nation is None:
        raise UsageError(_missing("--nation"))
    try:
        found = Nation(nation)
    except ValueError:
        choices = ", ".join(n.value for n in Nation)
        msg = f"--nation: {nation!r} is not one of {choices}"
        raise UsageError(msg) from None
    tags = tuple(languages)
    if not tags and ask is not None:
        default = ",".join(default_languages(found))
        said = ask(f"Languages, the primary first ({', '.join(LANGUAGES)}) [{default}]: ")
        tags = tuple(tag.strip() for tag in (said or default).split(",") if tag.strip())
    tags = tags or default_languages(found)
    texts: dict[str, dict[str, str]] = {}
    for field, given, question in (("--name", name, "Name"), ("--area", area, "Area")):
        if len(given) > len(tags):
            msg = (
                f"{field}: given {len(given)} times for {len(tags)} language(s) ({', '.join(tags)})"
            )
            raise UsageError(msg)
        texts[field] = dict(zip(tags, given, strict=False))
        for tag in tags[len(given) :]:
            if ask is None:
                break
            answer = ask(f"{question} in {tag}: " if len(tags) > 1 else f"{question}: ").strip()
            if answer:
                texts[field][tag] = answer
        if not texts[field]:
            raise UsageError(_missing(field))
    primary_area = next(iter(texts["--area"].values()))
    if postcode is None and ask is not None:
        postcode = (
            ask(f"The contact's postcode [{PLACEHOLDER_POSTCODE}, a placeholder]: ").strip() or None
        )
    chosen_id = id if id is not None else id_from(primary_area)
    if not chosen_id:
        msg = f"--id: no id can be made from the area {primary_area!r}: give one with --id"
        raise UsageError(msg)
    return Answers(
        id=chosen_id,
        name=texts["--name"],
        area=texts["--area"],
        nation=found,
        languages=tags,
        councils=tuple({tags[0]: council} for council in councils),
        postcode=postcode,
    )


def _missing(option: str) -> str:
    return (
        f"{option} is missing: give it on the command line (standard input is not a terminal, "
        "so csp init cannot ask)"
    )
