"""What a checker is, and what it is given.

A checker re-reads files of a built output folder as subscribers' software would, and says
what is wrong with them.  It is registered by a plugin through the ``register_checkers`` hook
(see :mod:`csp_core.hookspecs`) and run by ``csp check`` (:mod:`csp_core.check`), which reads
the files and hands each one to every checker that claims it.  The core knows no file format:
a checker claims files by media type (as the build manifest records them) and by suffix (for
files no publisher made).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

import attrs

__all__ = ["CheckedFile", "Checker", "claims", "media_type_essence"]


def media_type_essence(media_type: str) -> str:
    """A media type without its parameters, in lower case: ``text/calendar``."""
    return media_type.split(";", 1)[0].strip().lower()


@attrs.frozen(kw_only=True)
class CheckedFile:
    """One file of the output folder, as a checker is given it."""

    path: str
    """Relative POSIX path inside the output folder: ``calendar.ics``, ``feeds/rss.xml``."""
    content: bytes
    media_type: str | None
    """The media type the build manifest records for it; ``None`` when no publisher made it."""
    previous: bytes | None = None
    """The file at the same path in the ``--previous`` folder, if given and there."""
    files: frozenset[str] = frozenset()
    """Every file of the output folder, by relative POSIX path: what a local link may reach."""

    def exists(self, path: str) -> bool:
        """Whether ``path`` (relative to the output folder) names a file of the folder."""
        return posixpath.normpath(path) in self.files


@runtime_checkable
class Checker(Protocol):
    """A checker: declares which files it reads, and lists their problems.

    Attributes:
        name: unique, lower-case: ``ical``, ``rss``.
        description: one line saying what it checks.
        media_types: the media types it reads, without parameters (``text/calendar``),
            matched against the build manifest.
        suffixes: the file-name endings it reads among files no publisher made (``.ics``).
    """

    @property
    def name(self) -> str:
        """Unique, lower-case: ``ical``."""
        ...

    @property
    def description(self) -> str:
        """One line saying what it checks."""
        ...

    @property
    def media_types(self) -> tuple[str, ...]:
        """The media types it reads, without parameters."""
        ...

    @property
    def suffixes(self) -> tuple[str, ...]:
        """The file-name endings it reads among files no publisher made."""
        ...

    def check(self, file: CheckedFile) -> Iterable[str]:
        """The problems of ``file``, one line of words each; none when it is right.

        Deterministic (the same file gives the same problems in the same order), pure (no
        clock, no network, no other file read), and without the file's path in the message:
        the core puts ``FILE:`` in front.  With ``file.previous``, also check that the file is a
        valid update of it for a subscriber who holds the previous copy.
        """
        ...


def claims(checker: Checker, file: CheckedFile) -> bool:
    """Whether ``checker`` reads ``file``: by its media type if a publisher made it, else suffix."""
    if file.media_type is not None:
        return media_type_essence(file.media_type) in {
            media_type_essence(kind) for kind in checker.media_types
        }
    name = file.path.rsplit("/", 1)[-1].lower()
    return any(name.endswith(suffix.lower()) for suffix in checker.suffixes)
