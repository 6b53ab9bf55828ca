"""The one error tree of csp-core: every message a user sees comes from here."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["CspError", "DataError", "InvalidModel", "Problem"]


class CspError(Exception):
    """Base of every error csp-core raises on purpose; its message is for end users."""


class InvalidModel(CspError, ValueError):
    """A model object was built with values that break one of its invariants.

    Raised by the model's validators.  ``problems`` holds ``(path, message)`` pairs where the
    path is relative to the object that raised (``"end"``, ``"agenda[2].papers[0]"``; ``""``
    for the object as a whole), so a loader can prefix it with where the object sits in a file.
    """

    def __init__(self, problems: Iterable[tuple[str, str]]) -> None:
        self.problems: tuple[tuple[str, str], ...] = tuple(problems)
        super().__init__(
            "; ".join(f"{path}: {message}" if path else message for path, message in self.problems)
        )


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with the data, located by file and field path."""

    file: str
    """The file, as the user named it or relative to the folder they named."""
    path: str
    """Where: ``meetings[0].start``, or a line and column for syntax errors; may be empty."""
    message: str
    """What is wrong, in words an officer editing the file understands."""

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.message}"


class DataError(CspError):
    """Data files could not be loaded; ``problems`` lists every problem found, in file order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
