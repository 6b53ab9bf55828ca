"""Many partnerships in one build: finding them, and loading them all (see docs/county.md).

``csp build`` takes one partnership (a data file, or a folder holding ``partnership.toml``),
several of them, or a folder of them: a folder with no ``partnership.toml`` of its own whose
folders each hold one (a county).  :func:`partnership_sources` says which data each names;
:func:`read_many` loads them all, reporting every problem of every partnership at once and
refusing two partnerships with the same id.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from csp_core import limits
from csp_core.combining import language_folders
from csp_core.errors import DataError, Problem
from csp_core.loading import SUFFIXES, Loaded, read
from csp_core.model import Partnership

__all__ = ["is_partnership", "load_many", "partnership_sources", "read_many"]

_NEITHER = (
    "no partnership.toml (or .json, .yaml) here, nor in any folder inside it: give a "
    "partnership's data file or folder, or a folder of partnership folders"
)


def is_partnership(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is one partnership's data: a file, or a folder with a main data file."""
    place = Path(path)
    if not place.is_dir():
        return True  # a data file (or nothing: loading it says what is wrong)
    return any(os.path.lexists(place / f"partnership{suffix}") for suffix in SUFFIXES)


def partnership_sources(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """The partnership each of ``paths`` names, a folder of partnerships naming each inside.

    A folder of partnerships is one without a main data file of its own: each folder inside
    it (not hidden) that holds one is a partnership, in order of name; other folders and
    files in it are left alone.

    Raises:
        DataError: a folder holds no partnership, neither of its own nor in its folders.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    for given in paths:
        place = Path(given)
        if is_partnership(place):
            found.append(place)
            continue
        inside = sorted(
            (
                entry
                for entry in place.iterdir()
                if not entry.name.startswith(".") and entry.is_dir() and is_partnership(entry)
            ),
            key=lambda entry: entry.name,
        )
        if not inside:
            problems.append(Problem(file=limits.one_line(str(place)), path="", message=_NEITHER))
        found += inside
    if problems:
        raise DataError(problems)
    return found


def read_many(paths: Sequence[str | os.PathLike[str]]) -> list[Loaded]:
    """Load every partnership ``paths`` name (see :func:`partnership_sources`), in order.

    Raises:
        DataError: every problem of every partnership, each with its file and field path;
            or two partnerships with the same id, naming both files.
    """
    loaded: list[Loaded] = []
    problems: list[Problem] = []
    for source in partnership_sources(paths):
        try:
            loaded.append(read(source))
        except DataError as error:
            problems += error.problems
    first: dict[str, Loaded] = {}
    for each in loaded:
        same = first.setdefault(each.partnership.id, each)
        if same is not each:
            where = same.problem("id", "").file
            problems.append(
                each.problem(
                    "id",
                    f"{each.partnership.id!r} is also the id of the partnership in {where}; "
                    "partnerships built together need ids of their own (each one's outputs "
                    "go under its id)",
                )
            )
    if len(loaded) > 1:
        problems += _language_folders(loaded)
    if problems:
        raise DataError(problems)
    return loaded


def _language_folders(loaded: Sequence[Loaded]) -> list[Problem]:
    """Ids that are the folder of a language of the set: the combined files go there."""
    folders = language_folders([each.partnership for each in loaded])
    return [
        each.problem(
            "id",
            f"{each.partnership.id!r} is the folder of the set's {folders[each.partnership.id]} "
            "files (the combined calendar, feeds and index page in that language); "
            "partnerships built together need ids that are not a language's folder",
        )
        for each in loaded
        if each.partnership.id in folders
    ]


def load_many(paths: Sequence[str | os.PathLike[str]]) -> list[Partnership]:
    """The partnerships ``paths`` name, like :func:`read_many`, without where each part came from.

    Raises:
        DataError: as :func:`read_many`.
    """
    return [each.partnership for each in read_many(paths)]
