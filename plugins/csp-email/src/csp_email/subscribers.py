"""Subscribers: the council's own list of who gets which digest, never published.

A TOML file (``subscribers.toml``) the council keeps outside the data and the output folder::

    [[subscribers]]
    id = "r-0042"                      # the council's own id: names the copy's Message-ID
    email = "resident@example.org"
    lists = ["all"]                    # or "bodies/board", "kinds/minutes", ...
    language = "cy"                    # optional: the partnership's primary language
    unsubscribe = "https://council.example/alerts/unsubscribe?token=..."

Or the same records from the council's own system, given to :func:`csp_email.send.send`.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

import attrs

from csp_core import DataError, Partnership, Problem
from csp_email.messages import address

__all__ = ["Subscriber", "check_subscribers", "read_subscribers"]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_FIELDS = {"id", "email", "lists", "language", "unsubscribe"}


@attrs.frozen(kw_only=True)
class Subscriber:
    """Who gets which digests, in which language, and where they unsubscribe."""

    id: str
    email: str
    lists: tuple[str, ...]
    language: str | None = None
    """A language the partnership publishes in; ``None``: its primary language."""
    unsubscribe: str
    """An https address that unsubscribes in one click (RFC 8058), or a ``mailto:`` one."""


def read_subscribers(path: str | os.PathLike[str]) -> tuple[Subscriber, ...]:
    """The subscribers in a TOML file.

    Raises:
        DataError: every problem, each naming the file and the field (``subscribers[2].email``).
    """
    shown = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(
            [Problem(file=shown, path="", message=f"cannot be read: {error}")]
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise DataError([Problem(file=shown, path="", message=f"not TOML: {error}")]) from None
    problems: list[Problem] = []
    found: list[Subscriber] = []
    unknown = sorted(set(data) - {"subscribers"})
    problems += [Problem(file=shown, path=key, message="unknown field") for key in unknown]
    entries = data.get("subscribers", [])
    if not isinstance(entries, list):
        problems.append(Problem(file=shown, path="subscribers", message="must be a list"))
        entries = []
    for index, entry in enumerate(entries):
        where = f"subscribers[{index}]"
        if not isinstance(entry, dict):
            problems.append(Problem(file=shown, path=where, message="must be a table"))
            continue
        mine = [
            Problem(file=shown, path=f"{where}.{key}", message="unknown field")
            for key in sorted(set(entry) - _FIELDS)
        ]
        for key in ("id", "email", "lists", "unsubscribe"):
            if key not in entry:
                mine.append(Problem(file=shown, path=f"{where}.{key}", message="missing"))
        if mine:
            problems += mine
            continue
        problems += _check(shown, where, entry)
        if not problems:
            found.append(
                Subscriber(
                    id=entry["id"],
                    email=entry["email"],
                    lists=tuple(entry["lists"]),
                    language=entry.get("language"),
                    unsubscribe=entry["unsubscribe"],
                )
            )
    seen: dict[str, int] = {}
    for index, subscriber in enumerate(found):
        if seen.setdefault(subscriber.id, index) != index:
            message = f"{subscriber.id!r} is also the id of subscribers[{seen[subscriber.id]}]"
            problems.append(Problem(file=shown, path=f"subscribers[{index}].id", message=message))
    if problems:
        raise DataError(problems)
    return tuple(found)


def _check(shown: str, where: str, entry: dict[str, object]) -> list[Problem]:
    problems: list[Problem] = []

    def bad(key: str, message: str) -> None:
        problems.append(Problem(file=shown, path=f"{where}.{key}", message=message))

    given = entry["id"]
    if not isinstance(given, str) or not _ID.match(given):
        bad("id", f"{given!r} is not an id: lower-case letters, digits and hyphens")
    email = entry["email"]
    try:
        address(str(email)) if isinstance(email, str) else bad("email", "must be text")
    except ValueError as error:
        bad("email", str(error))
    lists = entry["lists"]
    if not isinstance(lists, list) or not lists or not all(isinstance(x, str) for x in lists):
        bad("lists", 'must be a list of list names such as "all" or "kinds/minutes"')
    language = entry.get("language")
    if language is not None and not isinstance(language, str):
        bad("language", "must be text")
    stop = entry["unsubscribe"]
    if not isinstance(stop, str) or not stop.lower().startswith(("https://", "mailto:")):
        bad("unsubscribe", f"{stop!r} is not an https: or mailto: address")
    return problems


def check_subscribers(
    subscribers: Sequence[Subscriber], partnership: Partnership, lists: Sequence[str], file: str
) -> None:
    """Every subscriber's lists and language are the partnership's.

    Raises:
        DataError: naming the subscriber's field and what would work.
    """
    problems: list[Problem] = []
    for index, subscriber in enumerate(subscribers):
        for position, name in enumerate(subscriber.lists):
            if name not in lists:
                message = f"{name!r} is not a list of {partnership.id!r}: {', '.join(lists)}"
                problems.append(
                    Problem(
                        file=file, path=f"subscribers[{index}].lists[{position}]", message=message
                    )
                )
        if subscriber.language is not None and subscriber.language not in partnership.languages:
            message = (
                f"{subscriber.language!r} is not a language of {partnership.id!r}: "
                f"{', '.join(partnership.languages)}"
            )
            problems.append(
                Problem(file=file, path=f"subscribers[{index}].language", message=message)
            )
    if problems:
        raise DataError(problems)
