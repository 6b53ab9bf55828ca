"""What plugins add besides publishers and checkers: data checks and commands.

A **data check** is a council's own rule about its data, beyond the law and the format:
"every meeting has a venue with a postcode", "every priority has a lead officer".  It is
registered through the ``register_data_checks`` hook and run by ``csp validate`` (its problems
are reported like any other, and make it exit 2) and ``csp status`` (listed in their own
section; ``--strict`` fails on them).

A **command** is a subcommand of ``csp`` a plugin adds, registered through the
``register_commands`` hook: ``csp agencies examples/cambridge``.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

import attrs

from csp_core.errors import PluginError, Problem
from csp_core.loading import Loaded
from csp_core.model import Partnership

__all__ = ["Command", "DataCheck", "DataProblem", "run_data_checks"]


@attrs.frozen(kw_only=True)
class DataProblem:
    """One thing a data check found wrong, located by field path in the partnership."""

    path: str
    """Where, as in the partnership's data: ``meetings[2].venue``; empty for the whole."""
    message: str
    """What is wrong and how to put it right, in the words of an officer editing the files."""


@runtime_checkable
class DataCheck(Protocol):
    """A council's own rule about its data, run by ``csp validate`` and ``csp status``.

    Attributes:
        name: unique, lower-case: ``venue-postcodes``; shown after each problem it reports.
        description: one line for ``csp plugins``.
    """

    @property
    def name(self) -> str:
        """Unique, lower-case: ``venue-postcodes``."""
        ...

    @property
    def description(self) -> str:
        """One line for ``csp plugins``."""
        ...

    def check(self, partnership: Partnership) -> Iterable[DataProblem]:
        """Every problem with ``partnership`` (the whole of it, private parts included).

        The partnership is already valid by the format and the model's own rules.  Pure: the
        same partnership gives the same problems.  Yield nothing when all is well.
        """
        ...


@runtime_checkable
class Command(Protocol):
    """A subcommand of ``csp``: ``csp NAME ARGUMENTS``.

    Attributes:
        name: the subcommand, lower-case; it may not be one of the built-in commands.
        help: one line for ``csp --help``.
    """

    @property
    def name(self) -> str:
        """The subcommand: ``agencies``."""
        ...

    @property
    def help(self) -> str:
        """One line for ``csp --help``."""
        ...

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Declare the command's arguments on ``parser`` (its own subparser)."""
        ...

    def run(self, arguments: argparse.Namespace) -> int:
        """Do the work; return the exit code (0 success, 1 failed, 2 bad input).

        Raise :class:`~csp_core.errors.CspError` (or :class:`~csp_core.errors.DataError` from
        :func:`~csp_core.loading.load`) for a problem the user can fix: the command line prints
        its message without a traceback and exits 2.
        """
        ...


def run_data_checks(loaded: Loaded, checks: Iterable[DataCheck]) -> tuple[Problem, ...]:
    """Every problem the ``checks`` find in the loaded partnership, located in its files.

    Each message ends with the name of the check that found it, in brackets.

    Raises:
        PluginError: a check raised, or yielded something that is not a ``DataProblem``.
    """
    found: list[Problem] = []
    for check in checks:
        try:
            for problem in check.check(loaded.partnership):
                if not isinstance(problem, DataProblem):
                    msg = f"yielded {problem!r}, not a DataProblem"
                    raise TypeError(msg)
                found.append(loaded.problem(problem.path, f"{problem.message} [{check.name}]"))
        except Exception as error:
            msg = f"data check {check.name!r} failed: {type(error).__name__}: {error}"
            raise PluginError(msg) from error
    return tuple(found)
