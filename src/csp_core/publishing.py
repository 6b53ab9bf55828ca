"""What a publisher is, what it is given, and what it returns.

A publisher turns the :class:`~csp_core.public.PublicView` at an instant into files.  It is
registered by a plugin through the ``register_publishers`` hook (see :mod:`csp_core.hookspecs`)
and run by ``csp build``, which writes its files atomically into the output folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Protocol, runtime_checkable

import attrs

from csp_core.public import PublicView

__all__ = ["BuildContext", "Option", "OutputFile", "Publisher"]

_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


@attrs.frozen(kw_only=True)
class Option:
    """A setting a publisher accepts: ``csp build --option ical.refresh_interval=PT6H``."""

    name: str
    help: str
    default: str


@attrs.frozen(kw_only=True)
class OutputFile:
    """One file a publisher makes."""

    path: str
    """Relative POSIX path under the output folder: ``calendar.ics``, ``bodies/board.ics``."""
    content: bytes
    media_type: str
    """How a web server should serve it: ``text/calendar; charset=utf-8``."""
    items: int = 0
    """How many items it holds (events, entries, pages), for the build report."""

    def __attrs_post_init__(self) -> None:
        parts = self.path.split("/")
        if (
            not self.path
            or self.path.startswith("/")
            or "\\" in self.path
            or any(part in {"", ".", ".."} for part in parts)
            or parts[0].startswith(".")
        ):
            msg = f"output path {self.path!r} must be a relative path inside the output folder"
            raise ValueError(msg)


@attrs.frozen(kw_only=True)
class BuildContext:
    """What a publisher is given: the public view, its options, and where the output is served."""

    view: PublicView
    options: Mapping[str, str]
    """This publisher's options: every declared option, defaults filled in."""
    base_url: str | None = None
    """The address the output folder is served from, ending in ``/``, if known."""
    previous: Mapping[str, bytes] = attrs.field(factory=dict)
    """The files this publisher made in the previous build of the same output folder, by
    path: what subscribers may still hold (empty for a first build or a render outside
    ``build``).  Already public; a publisher may read it only to keep its updates valid, for
    example to send a cancellation for a calendar event that is no longer in the view."""

    def url(self, path: str) -> str | None:
        """The public address of an output file, if the base address is known."""
        return None if self.base_url is None else f"{self.base_url}{path}"


@runtime_checkable
class Publisher(Protocol):
    """A publisher: declares itself, and renders files from the public view.

    Attributes:
        name: unique, lower-case: ``ical``, ``rss``.
        description: one line for ``csp plugins``.
        outputs: the files it makes, as patterns: ``calendar.ics``, ``bodies/{body}.ics``.
        options: the options it accepts.
    """

    @property
    def name(self) -> str:
        """Unique, lower-case: ``ical``."""
        ...

    @property
    def description(self) -> str:
        """One line for ``csp plugins``."""
        ...

    @property
    def outputs(self) -> tuple[str, ...]:
        """The files it makes, as patterns."""
        ...

    @property
    def options(self) -> tuple[Option, ...]:
        """The options it accepts."""
        ...

    def render(self, context: BuildContext) -> Iterable[OutputFile]:
        """Render this publisher's files; pure: the same context gives the same bytes."""
        ...


def valid_name(name: str) -> bool:
    """Whether ``name`` is a valid publisher name (lower-case letters, digits, hyphens)."""
    return bool(_NAME.fullmatch(name))
