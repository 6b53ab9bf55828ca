"""Finding and loading plugins, and collecting what they register.

Plugins are distributions with an entry point in the group ``csp_core``.  Set the environment
variable ``CSP_LOAD_PLUGINS`` to a comma-separated list of entry-point names to load only those
(an empty value loads none), which keeps tests independent of what else is installed.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from importlib import metadata
from typing import Protocol, TypeVar

import attrs
import pluggy

from csp_core import hookspecs
from csp_core.checkers import Checker
from csp_core.errors import CspError
from csp_core.publishing import Option, Publisher, valid_name

__all__ = [
    "PluginError",
    "Registered",
    "RegisteredChecker",
    "checkers",
    "installed_plugins",
    "plugin_manager",
    "publishers",
]


class _Named(Protocol):
    @property
    def name(self) -> str: ...


_Thing = TypeVar("_Thing", bound=_Named)
_Entry = TypeVar("_Entry")


class PluginError(CspError):
    """A plugin is broken: it failed to load or registered something invalid."""


@attrs.frozen(kw_only=True)
class Registered:
    """A publisher and the plugin that registered it."""

    publisher: Publisher
    plugin: str
    """The plugin's name (its entry-point name, or the name it was registered under)."""
    version: str | None
    """The version of the distribution the plugin came from, if any."""


@attrs.frozen(kw_only=True)
class RegisteredChecker:
    """A checker and the plugin that registered it."""

    checker: Checker
    plugin: str
    """The plugin's name (its entry-point name, or the name it was registered under)."""
    version: str | None
    """The version of the distribution the plugin came from, if any."""


@attrs.frozen(kw_only=True)
class PluginInfo:
    """An installed plugin, for ``csp plugins``."""

    name: str
    distribution: str | None
    version: str | None
    publishers: tuple[Publisher, ...]
    checkers: tuple[Checker, ...] = ()


def _wanted() -> set[str] | None:
    value = os.environ.get("CSP_LOAD_PLUGINS")
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


@functools.cache
def plugin_manager() -> pluggy.PluginManager:
    """The plugin manager, with every installed plugin loaded (once per process).

    Raises:
        PluginError: a plugin failed to import, or implements a hook that does not exist.
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    wanted = _wanted()
    names = sorted(
        {entry_point.name for entry_point in metadata.entry_points(group=hookspecs.PROJECT)}
    )
    for name in names:
        if wanted is not None and name not in wanted:
            continue
        try:
            manager.load_setuptools_entrypoints(hookspecs.PROJECT, name)
        except Exception as error:
            msg = f"plugin {name!r} failed to load: {type(error).__name__}: {error}"
            raise PluginError(msg) from error
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        msg = f"a plugin is invalid: {error}"
        raise PluginError(msg) from error
    return manager


def _version(manager: pluggy.PluginManager, plugin: object) -> tuple[str | None, str | None]:
    for known, dist in manager.list_plugin_distinfo():
        if known is plugin:
            return dist.project_name, dist.version
    return None, None


def _check(publisher: object, plugin: str) -> Publisher:
    if not isinstance(publisher, Publisher):
        msg = f"plugin {plugin!r} registered {publisher!r}, which is not a publisher"
        raise PluginError(msg)
    if not isinstance(publisher.name, str) or not valid_name(publisher.name):
        msg = f"plugin {plugin!r} registered a publisher with an invalid name {publisher.name!r}"
        raise PluginError(msg)
    for option in publisher.options:
        if not isinstance(option, Option):
            msg = f"publisher {publisher.name!r} (plugin {plugin!r}) declares a bad option"
            raise PluginError(msg)
    return publisher


def _collect(
    manager: pluggy.PluginManager,
    hook: str,
    kind: str,
    accept: Callable[[object, str], _Thing],
    entry: Callable[[_Thing, str, str | None], _Entry],
) -> dict[str, _Entry]:
    """What plugins contribute through the ``register`` callback of ``hook``, by name.

    The one place that names the offending plugin: ``accept`` checks each contribution, a name
    registered twice is an error naming both plugins, and a hook that raises is wrapped.
    """
    found: dict[str, _Entry] = {}
    owners: dict[str, str] = {}
    for implementation in getattr(manager.hook, hook).get_hookimpls():
        plugin = implementation.plugin_name
        _, version = _version(manager, implementation.plugin)

        def register(thing: object, plugin: str = plugin, version: str | None = version) -> None:
            checked = accept(thing, plugin)
            name = checked.name
            if name in found:
                msg = f"{kind} {name!r} is registered by both {owners[name]!r} and {plugin!r}"
                raise PluginError(msg)
            found[name], owners[name] = entry(checked, plugin, version), plugin

        try:
            implementation.function(register=register)
        except PluginError:
            raise
        except Exception as error:
            msg = f"plugin {plugin!r} failed to register its {kind}s: {error}"
            raise PluginError(msg) from error
    return dict(sorted(found.items()))


def publishers(manager: pluggy.PluginManager | None = None) -> dict[str, Registered]:
    """Every registered publisher by name, in name order.

    Raises:
        PluginError: two plugins register the same publisher name, or a registration is invalid.
    """
    return _collect(
        manager or plugin_manager(),
        "register_publishers",
        "publisher",
        _check,
        lambda publisher, plugin, version: Registered(
            publisher=publisher, plugin=plugin, version=version
        ),
    )


def _check_checker(checker: object, plugin: str) -> Checker:
    if not isinstance(checker, Checker):
        msg = f"plugin {plugin!r} registered {checker!r}, which is not a checker"
        raise PluginError(msg)
    if not isinstance(checker.name, str) or not valid_name(checker.name):
        msg = f"plugin {plugin!r} registered a checker with an invalid name {checker.name!r}"
        raise PluginError(msg)
    for kinds in (checker.media_types, checker.suffixes):
        if not isinstance(kinds, tuple) or not all(isinstance(kind, str) for kind in kinds):
            msg = (
                f"checker {checker.name!r} (plugin {plugin!r}) must give its media types and "
                "suffixes as tuples of strings"
            )
            raise PluginError(msg)
    return checker


def checkers(manager: pluggy.PluginManager | None = None) -> dict[str, RegisteredChecker]:
    """Every registered checker by name, in name order.

    Raises:
        PluginError: two plugins register the same checker name, or a registration is invalid.
    """
    return _collect(
        manager or plugin_manager(),
        "register_checkers",
        "checker",
        _check_checker,
        lambda checker, plugin, version: RegisteredChecker(
            checker=checker, plugin=plugin, version=version
        ),
    )


def installed_plugins(manager: pluggy.PluginManager | None = None) -> tuple[PluginInfo, ...]:
    """Every loaded plugin with its distribution, version, publishers and checkers, by name."""
    manager = manager or plugin_manager()
    registered = publishers(manager)
    checking = checkers(manager)
    plugins: list[PluginInfo] = []
    for name, plugin in sorted(manager.list_name_plugin(), key=lambda pair: pair[0]):
        if plugin is hookspecs:
            continue
        distribution, version = _version(manager, plugin)
        plugins.append(
            PluginInfo(
                name=name,
                distribution=distribution,
                version=version,
                publishers=_of(registered.values(), name),
                checkers=tuple(e.checker for e in checking.values() if e.plugin == name),
            )
        )
    return tuple(plugins)


def _of(registered: Iterable[Registered], plugin: str) -> tuple[Publisher, ...]:
    return tuple(entry.publisher for entry in registered if entry.plugin == plugin)
