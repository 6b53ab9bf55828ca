"""Combined outputs of many partnerships built together (see docs/county.md).

When :func:`csp_core.build_many` builds several partnerships (a county), a publisher may add
files made from all of them at the top of the output folder: one calendar, one feed, one
index page.  It does so by defining, besides ``render``, a method ``combine(context)`` taking
a :class:`CombinedContext` and returning :class:`csp_core.OutputFile` values, like ``render``.
A publisher without it makes no combined files; a build of one partnership makes none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar, cast

import attrs

from csp_core.model import Partnership
from csp_core.options import Option
from csp_core.publishing import BuildContext, OutputFile, language_prefix

__all__ = ["CombinedContext", "Combiner", "combiner_of", "language_folders", "set_languages"]

T = TypeVar("T")

Combiner = Callable[["CombinedContext"], Iterable[OutputFile]]
"""A publisher's ``combine`` method."""


@attrs.frozen(kw_only=True)
class CombinedContext:
    """What a publisher's ``combine`` is given: every member's context in one language."""

    members: tuple[BuildContext, ...]
    """Each partnership's context, in order of id, as its own ``render`` is given it: its
    public view (never the partnership's data itself) in this render's ``language``, or in
    its primary language when it does not publish in this one; this publisher's options; its
    own base address (under its id); no previous files (see ``previous``)."""
    language: str
    """The language of this render: one of ``languages``."""
    languages: tuple[str, ...]
    """Every language of the set, in order of first appearance over the members (in order of
    id), each one's primary first.  Each is rendered once, the first at the top of the output
    folder, each other under :func:`csp_core.language_prefix`."""
    options: Mapping[str, object] = attrs.field(factory=dict)
    """This publisher's options by name, already parsed (the same for every member)."""
    base_url: str | None = None
    """The address the combined files of this language are served from, ending in ``/``."""
    previous: Mapping[str, bytes] = attrs.field(factory=dict)
    """The combined files this publisher made in this language in the previous build of the
    same output folder, by path (as :attr:`csp_core.BuildContext.previous`)."""

    @property
    def prefix(self) -> str:
        """Where this render's files go in the output folder: '' or 'cy/'."""
        return language_prefix(self.languages, self.language)

    def url(self, path: str) -> str | None:
        """The public address of a combined file, if the base address is known."""
        return None if self.base_url is None else f"{self.base_url}{path}"

    @property
    def home(self) -> str | None:
        """The set's address for links back to it, or ``None``.

        The base address of the combined files, else the address of the first member (by id)
        that has one (its ``web`` page, else where its outputs are served:
        :attr:`csp_core.BuildContext.home`).

        A combined output that needs an absolute address (a feed's channel link) is made only
        when the set has one, and pages link it only then.
        """
        homes = (member.home for member in self.members if member.home is not None)
        return self.base_url or next(homes, None)

    def member_path(self, member: BuildContext, path: str) -> str:
        """Where a member's output ``path`` is, relative to this render's combined files.

        Each partnership's outputs are in a folder named by its id, in the language its
        context is in (its own language folder included): from the Welsh county page
        (``cy/index.html``), Cambridge's English ``index.html`` is
        ``../cambridge/index.html``.  A relative path, so it works served or opened from disk.
        """
        up = "../" * self.prefix.count("/")
        return f"{up}{member.view.partnership.id}/{member.prefix}{path}"

    def value(self, option: Option[T]) -> T:
        """The typed value of ``option``: as given to the build, else its default."""
        if option.name in self.options:
            return cast(T, self.options[option.name])
        return option.value()


def set_languages(partnerships: Sequence[Partnership]) -> tuple[str, ...]:
    """Every language of a set built together: in order of first appearance, members by id.

    The first is at the top of the output folder, each other in its folder
    (:func:`csp_core.language_prefix`): ``("en-GB", "cy")`` for Cambridge with Conwy and
    Denbighshire, so the Welsh combined files are under ``cy/``.
    """
    found: list[str] = []
    for partnership in sorted(partnerships, key=lambda each: each.id):
        found += [tag for tag in partnership.languages if tag not in found]
    return tuple(found)


def language_folders(partnerships: Sequence[Partnership]) -> dict[str, str]:
    """The folders of the set's combined files in its other languages: ``{"cy": "cy"}``.

    By folder name, each with its language's tag.  A partnership built in the set may not have
    one of these as its id: its own outputs would go where those combined files go.
    """
    languages = set_languages(partnerships)
    return {language_prefix(languages, tag).rstrip("/"): tag for tag in languages[1:]}


def combiner_of(publisher: object) -> Combiner | None:
    """The publisher's ``combine`` method, or ``None`` when it makes no combined files."""
    found: Any = getattr(publisher, "combine", None)
    return cast(Combiner, found) if callable(found) else None
