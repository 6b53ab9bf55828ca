"""The one error tree of csp-core: every message a user sees comes from here."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "BuildError",
    "CspError",
    "DataError",
    "InvalidModel",
    "OptionError",
    "OutputError",
    "PluginError",
    "Problem",
    "PublisherError",
    "UsageError",
]


class CspError(Exception):
    """Base of every error csp-core raises on purpose; its message is for end users.

    The command line prints the message on one line and exits with the error's code: 2 for
    bad data, bad usage and bad options, 3 for the environment (:class:`OutputError`), 1 for a
    broken plugin (:class:`PluginError`, :class:`PublisherError`).
    """


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


class UsageError(CspError):
    """A command-line argument is wrong; the command line exits 2."""


class PluginError(CspError):
    """A plugin is broken: it failed to load, or registered something invalid.

    The message names the plugin; the original exception, if any, is the ``__cause__``.
    """


class BuildError(CspError):
    """The build cannot start: an unknown publisher or option, or an unusable output folder.

    Nothing was written.  The command line exits 2.
    """


class OptionError(BuildError):
    """An ``--option`` names no option of the publisher, or its value does not parse.

    Checked for every publisher before any of them runs; the message names the publisher, the
    option and what values it takes.
    """

    def __init__(self, publisher: str, option: str | None, message: str) -> None:
        self.publisher = publisher
        self.option = option
        where = f"{publisher}.{option}" if option else publisher
        super().__init__(f"--option {where}: {message}")


class OutputError(BuildError):
    """The output folder could not be written: read-only, full, busy, ...

    The previous output is left as it was.  The command line exits 3.
    """


class PublisherError(CspError):
    """A publisher raised while rendering, or returned something that is not an output file.

    The build goes on without it (its previous files are kept).  ``__cause__`` is the
    publisher's own exception with its traceback: ``csp build`` prints it in full when the
    environment variable ``CSP_DEBUG`` is set.
    """

    def __init__(self, publisher: str, plugin: str, message: str) -> None:
        self.publisher = publisher
        self.plugin = plugin
        self.detail = message
        super().__init__(f"publisher {publisher!r} (plugin {plugin!r}) failed: {message}")
