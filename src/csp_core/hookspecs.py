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
from csp_core.extending import Command, DataCheck
from csp_core.publishing import Publisher

__all__ = [
    "PROJECT",
    "hookimpl",
    "hookspec",
    "register_checkers",
    "register_commands",
    "register_data_checks",
    "register_publishers",
]

PROJECT = "csp_core"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_publishers(register: Callable[[Publisher], None]) -> None:
    """Register the publishers this plugin provides.

    When: once per plugin manager, when plugins are loaded (:func:`csp_core.plugins.load_plugins`;
    once per ``csp`` command).

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

    When: once per plugin manager, when plugins are loaded (once per ``csp`` command).

    Args:
        register: call it once per checker with an object that satisfies
            :class:`csp_core.checkers.Checker` (a ``name``, ``description``, ``media_types``,
            ``suffixes`` and a ``check(file)`` method returning problems as lines of text).
            The core checks the object and refuses a duplicate name, naming both plugins.

    Returns:
        Nothing; what counts is what was registered.
    """


@hookspec
def register_data_checks(register: Callable[[DataCheck], None]) -> None:
    """Register a council's own checks of its data, for ``csp validate`` and ``csp status``.

    When: once per plugin manager, when plugins are loaded (once per ``csp`` command).

    Args:
        register: call it once per check with an object that satisfies
            :class:`csp_core.extending.DataCheck` (a ``name``, a ``description`` and a
            ``check(partnership)`` method yielding :class:`csp_core.extending.DataProblem`
            values).  ``csp validate`` reports each problem with the file and field it points
            at, and exits 2; ``csp status`` lists them.  A duplicate name is refused.

    Returns:
        Nothing; what counts is what was registered.
    """


@hookspec
def register_commands(register: Callable[[Command], None]) -> None:
    """Register extra ``csp`` subcommands.

    When: once per plugin manager, when plugins are loaded (at the start of every ``csp``
    command, to build its argument parser).

    Args:
        register: call it once per command with an object that satisfies
            :class:`csp_core.extending.Command` (a ``name``, a ``help`` line, a
            ``configure(parser)`` method declaring its arguments and a ``run(arguments)``
            method returning the exit code).  A name that is a built-in command or is
            registered twice is refused.

    Returns:
        Nothing; what counts is what was registered.
    """
