"""The hooks plugins implement.  Every hook is documented here; a test checks the docs.

Plugins are found through the entry-point group ``csp_core``; the built-in publishers are
registered that way too.  Implement a hook with :data:`csp_core.hookimpl`::

    from csp_core import hookimpl

    @hookimpl
    def register_publishers(register):
        register(MyPublisher())
"""

from __future__ import annotations

from collections.abc import Callable

import pluggy

from csp_core.checkers import Checker
from csp_core.publishing import Publisher

__all__ = ["PROJECT", "hookimpl", "hookspec", "register_checkers", "register_publishers"]

PROJECT = "csp_core"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_publishers(register: Callable[[Publisher], None]) -> None:
    """Register the publishers this plugin provides.

    When: once, when plugins are loaded (the first ``csp build`` or ``csp plugins`` of a
    process).

    Args:
        register: call it once per publisher with an object that satisfies
            :class:`csp_core.publishing.Publisher` (a ``name``, ``description``, ``outputs``,
            ``options`` and a ``render(context)`` method).  The core checks the object and
            refuses a duplicate name, naming both plugins.

    Returns:
        Nothing; what counts is what was registered.
    """


@hookspec
def register_checkers(register: Callable[[Checker], None]) -> None:
    """Register the checkers this plugin provides, for ``csp check``.

    When: once per process, when ``csp check`` first asks for the checkers (after plugins are
    loaded).

    Args:
        register: call it once per checker with an object that satisfies
            :class:`csp_core.checkers.Checker` (a ``name``, ``description``, ``media_types``,
            ``suffixes`` and a ``check(file)`` method returning problems as lines of text).
            The core checks the object and refuses a duplicate name, naming both plugins.

    Returns:
        Nothing; what counts is what was registered.
    """
