"""What a publisher is, what it is given, and what it returns.

A publisher turns the :class:`~csp_core.public.PublicView` at an instant into files.  It is
registered by a plugin through the ``register_publishers`` hook (see :mod:`csp_core.hookspecs`)
and run by ``csp build``, which writes its files atomically into the output folder.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from typing import Any, Protocol, TypeVar, cast, runtime_checkable

import attrs

from csp_core.errors import OptionError
from csp_core.options import Option
from csp_core.public import PublicView

__all__ = ["BuildContext", "Option", "OutputFile", "Publisher", "parse_options"]

_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_OPTION_NAME = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")

T = TypeVar("T")


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
    options: Mapping[str, object] = attrs.field(factory=dict)
    """This publisher's options by name, already parsed (see :mod:`csp_core.options`): what
    ``csp build --option`` gave, checked before any publisher ran.  Read them with
    :meth:`value`, which falls back to the option's default."""
    base_url: str | None = None
    """The address the output folder is served from, ending in ``/``, if known."""
    previous: Mapping[str, bytes] = attrs.field(factory=dict)
    """The files this publisher made in the previous build of the same output folder, by
    path: what subscribers may still hold (empty for a first build or a render outside
    ``build``).  Already public; a publisher may read it only to keep its updates valid, for
    example to send a cancellation for a calendar event that is no longer in the view."""
    languages: tuple[str, ...] = ()
    """Every language the partnership publishes in, the primary first: each is rendered once,
    the primary at the output folder's top and each other under :func:`language_prefix`."""

    @property
    def prefix(self) -> str:
        """Where this render's files go in the output folder: '' or 'cy/' (see ``languages``)."""
        return language_prefix(self.languages, self.view.language.tag)

    def alternates(self, path: str) -> tuple[tuple[str, str], ...]:
        """The same output in every language: ``(tag, relative address)`` from ``path``.

        ``path`` is one of this render's output paths; the addresses are relative to it, so
        a page can name its translations (``hreflang``) and offer a language switch.  Empty
        when the partnership publishes in one language.
        """
        if len(self.languages) < 2:
            return ()
        here = posixpath.dirname(self.prefix + path) or "."
        return tuple(
            (tag, posixpath.relpath(language_prefix(self.languages, tag) + path, here))
            for tag in self.languages
        )

    def value(self, option: Option[T]) -> T:
        """The typed value of ``option``: as given to the build, else its default.

        Raises:
            ValueError: the option was not given and its default does not parse (a bug in the
                publisher, caught when the plugin is loaded).
        """
        if option.name in self.options:
            return cast(T, self.options[option.name])
        return option.value()

    @property
    def home(self) -> str | None:
        """The partnership's address for links back to it, or ``None``.

        Its ``web`` page, else where the outputs are served (``base_url``).  Outputs that need
        an absolute address for the partnership (a feed's channel link) are made only when it
        has one, and pages link them only then.
        """
        return self.view.partnership.web or self.base_url

    def url(self, path: str) -> str | None:
        """The public address of an output file, if the base address is known."""
        return None if self.base_url is None else f"{self.base_url}{path}"

    def link(self, address: str) -> str | None:
        """An address from the data (a document's ``url``) as an absolute address, if it has one.

        An address with a scheme (``https:``, ``mailto:``) is returned as it is.  A path
        relative to the data folder names a file published beside the outputs at the same
        path (docs/data-files.md), so it is joined to the base address; without a base address
        it has no absolute address and the result is ``None``.
        """
        if _SCHEME.match(address):
            return address
        return self.url(address)


def language_prefix(languages: tuple[str, ...], tag: str) -> str:
    """The folder of ``tag``'s outputs: '' for the primary language, else 'cy/', 'en-gb/'.

    The tag in lower case: addresses are case-sensitive, language tags are not.
    """
    return "" if not languages or tag == languages[0] else f"{tag.lower()}/"


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
    def options(self) -> tuple[Option[Any], ...]:
        """The options it accepts."""
        ...

    def render(self, context: BuildContext) -> Iterable[OutputFile]:
        """Render this publisher's files; pure: the same context gives the same bytes."""
        ...


def valid_name(name: str) -> bool:
    """Whether ``name`` is a valid publisher name (lower-case letters, digits, hyphens)."""
    return bool(_NAME.fullmatch(name))


def valid_option_name(name: str) -> bool:
    """Whether ``name`` is a valid option name (lower-case letters, digits, underscores)."""
    return bool(_OPTION_NAME.fullmatch(name))


def parse_options(publisher: Publisher, given: Mapping[str, str]) -> dict[str, object]:
    """Every option of ``publisher``, parsed: the ``given`` text, else the default.

    What ``csp build`` does for each publisher before any of them runs; use it to build a
    :class:`BuildContext` by hand from text options.

    Raises:
        OptionError: ``given`` names an option the publisher does not declare, or a value does
            not parse (the message names the publisher and option, and says what would work).
    """
    declared = {option.name: option for option in publisher.options}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        allowed = ", ".join(sorted(declared)) or "none"
        message = f"no such option (the options of {publisher.name!r}: {allowed})"
        raise OptionError(publisher.name, unknown[0], message)
    parsed: dict[str, object] = {}
    for name, option in declared.items():
        try:
            parsed[name] = option.value(given.get(name))
        except ValueError as error:
            raise OptionError(publisher.name, name, str(error)) from None
    return parsed
