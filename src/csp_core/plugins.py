"""Finding and loading plugins, and collecting what they register.

Plugins are distributions with an entry point in the group ``csp_core``.  :func:`load_plugins`
makes a new plugin manager each time it is called, loads the plugins, runs each ``register_*``
hook once and returns what they registered as :class:`Plugins`; nothing is cached for the
process, so two calls with different choices give different results.

Choose which plugins load with its arguments: ``only`` (entry-point names; by default the
environment variable ``CSP_LOAD_PLUGINS``, a comma-separated list, read at each call — an
empty value loads none), ``block`` (names never to load) and ``extra`` (plugin objects to
register beside the installed ones: modules or instances implementing hooks, as tests and
applications embedding csp-core do).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Mapping
from importlib import metadata
from typing import Protocol, TypeVar

import attrs
import pluggy

from csp_core import hookspecs
from csp_core.checkers import Checker
from csp_core.errors import PluginError
from csp_core.extending import Command, DataCheck
from csp_core.options import Option
from csp_core.publishing import Publisher, valid_name, valid_option_name

__all__ = [
    "BUILT_IN_COMMANDS",
    "PluginError",
    "PluginInfo",
    "Plugins",
    "Registered",
    "RegisteredChecker",
    "RegisteredCommand",
    "RegisteredDataCheck",
    "checkers",
    "installed_plugins",
    "load_plugins",
    "plugin_manager",
    "publishers",
    "registered",
]

#: The commands of ``csp`` itself: a plugin may not register a command of these names.
BUILT_IN_COMMANDS = frozenset(
    {"validate", "status", "build", "serve", "check", "plugins", "schema", "init"}
)


class _Named(Protocol):
    @property
    def name(self) -> str: ...


_Thing = TypeVar("_Thing", bound=_Named)
_Entry = TypeVar("_Entry")


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
class RegisteredDataCheck:
    """A data check and the plugin that registered it."""

    check: DataCheck
    plugin: str
    version: str | None


@attrs.frozen(kw_only=True)
class RegisteredCommand:
    """A command and the plugin that registered it."""

    command: Command
    plugin: str
    version: str | None


@attrs.frozen(kw_only=True)
class PluginInfo:
    """An installed plugin, for ``csp plugins``."""

    name: str
    distribution: str | None
    version: str | None
    publishers: tuple[Publisher, ...]
    checkers: tuple[Checker, ...] = ()
    data_checks: tuple[DataCheck, ...] = ()
    commands: tuple[Command, ...] = ()


def _wanted(only: Iterable[str] | None) -> set[str] | None:
    if only is not None:
        return set(only)
    value = os.environ.get("CSP_LOAD_PLUGINS")
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


def plugin_manager(
    *,
    only: Iterable[str] | None = None,
    block: Iterable[str] = (),
    extra: Mapping[str, object] | None = None,
) -> pluggy.PluginManager:
    """A new plugin manager with the chosen installed plugins loaded.

    Args:
        only: entry-point names to load; ``None`` reads ``CSP_LOAD_PLUGINS`` now (unset: all).
        block: entry-point names never to load.
        extra: further plugins to register, by name (a module or object with hook functions).

    Raises:
        PluginError: a plugin failed to import, or implements a hook that does not exist.
    """
    manager = _Manager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    wanted = _wanted(only)
    for name in block:
        manager.set_blocked(name)
    for name, (entry_point, distribution) in sorted(_entry_points().items()):
        if wanted is not None and name not in wanted:
            continue
        if manager.has_plugin(name) or manager.is_blocked(name):
            continue
        try:
            plugin = entry_point.load()
            manager.register(plugin, name=name)
        except Exception as error:
            msg = f"plugin {name!r} failed to load: {type(error).__name__}: {error}"
            raise PluginError(msg) from error
        manager.origins.append((plugin, distribution.name, distribution.version))
    for name, plugin in (extra or {}).items():
        if manager.is_blocked(name):
            continue
        try:
            manager.register(plugin, name=name)
        except (ValueError, pluggy.PluginValidationError) as error:
            msg = f"plugin {name!r} cannot be registered: {error}"
            raise PluginError(msg) from error
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        msg = f"a plugin is invalid: {error}"
        raise PluginError(msg) from error
    return manager


class _Manager(pluggy.PluginManager):
    """A plugin manager that knows each installed plugin's distribution and its version."""

    def __init__(self, project_name: str) -> None:
        super().__init__(project_name)
        self.origins: list[tuple[object, str, str]] = []
        """(plugin, distribution, version) of each plugin loaded from an entry point."""


def _entry_points() -> dict[str, tuple[metadata.EntryPoint, metadata.Distribution]]:
    """Each entry point of the group ``csp_core`` by name, with its distribution.

    One scan of the installed distributions (pluggy's ``load_setuptools_entrypoints`` scans
    them all again for each name: a few milliseconds each).  The first distribution on
    ``sys.path`` with a name wins, as with pluggy.
    """
    found: dict[str, tuple[metadata.EntryPoint, metadata.Distribution]] = {}
    for distribution in metadata.distributions():
        for entry_point in distribution.entry_points:
            if entry_point.group == hookspecs.PROJECT:
                found.setdefault(entry_point.name, (entry_point, distribution))
    return found


def _version(manager: pluggy.PluginManager, plugin: object) -> tuple[str | None, str | None]:
    if isinstance(manager, _Manager):
        for known, distribution, version in manager.origins:
            if known is plugin:
                return distribution, version
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
    seen: set[str] = set()
    for option in publisher.options:
        where = f"publisher {publisher.name!r} (plugin {plugin!r})"
        if not isinstance(option, Option):
            msg = f"{where} declares {option!r}, which is not an Option"
            raise PluginError(msg)
        if not isinstance(option.name, str) or not valid_option_name(option.name):
            msg = f"{where} declares an option with an invalid name {option.name!r}"
            raise PluginError(msg)
        if option.name in seen:
            msg = f"{where} declares the option {option.name!r} twice"
            raise PluginError(msg)
        seen.add(option.name)
        try:
            option.value()
        except Exception as error:
            msg = f"{where}: the default of option {option.name!r} is invalid: {error}"
            raise PluginError(msg) from error
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


def _check_data_check(check: object, plugin: str) -> DataCheck:
    if not isinstance(check, DataCheck):
        msg = f"plugin {plugin!r} registered {check!r}, which is not a data check"
        raise PluginError(msg)
    if not isinstance(check.name, str) or not valid_name(check.name):
        msg = f"plugin {plugin!r} registered a data check with an invalid name {check.name!r}"
        raise PluginError(msg)
    return check


def _check_command(command: object, plugin: str) -> Command:
    if not isinstance(command, Command):
        msg = f"plugin {plugin!r} registered {command!r}, which is not a command"
        raise PluginError(msg)
    if not isinstance(command.name, str) or not valid_name(command.name):
        msg = f"plugin {plugin!r} registered a command with an invalid name {command.name!r}"
        raise PluginError(msg)
    if command.name in BUILT_IN_COMMANDS:
        msg = f"plugin {plugin!r} registered a command {command.name!r}, which csp has already"
        raise PluginError(msg)
    return command


@attrs.frozen(kw_only=True)
class Plugins:
    """The loaded plugins and everything they registered, each hook run once.

    Make one with :func:`load_plugins`; every ``csp`` command makes one.
    """

    manager: pluggy.PluginManager = attrs.field(repr=False)
    publishers: Mapping[str, Registered]
    """Every registered publisher by name, in name order."""
    checkers: Mapping[str, RegisteredChecker]
    """Every registered checker by name, in name order."""
    data_checks: Mapping[str, RegisteredDataCheck]
    """Every registered data check by name, in name order."""
    commands: Mapping[str, RegisteredCommand]
    """Every command plugins add to ``csp``, by name, in name order."""

    def installed(self) -> tuple[PluginInfo, ...]:
        """Every loaded plugin with its distribution, version and what it registered."""
        found: list[PluginInfo] = []
        for name, plugin in sorted(self.manager.list_name_plugin(), key=lambda pair: pair[0]):
            if plugin is hookspecs:
                continue
            distribution, version = _version(self.manager, plugin)
            found.append(
                PluginInfo(
                    name=name,
                    distribution=distribution,
                    version=version,
                    publishers=tuple(
                        e.publisher for e in self.publishers.values() if e.plugin == name
                    ),
                    checkers=tuple(e.checker for e in self.checkers.values() if e.plugin == name),
                    data_checks=tuple(
                        e.check for e in self.data_checks.values() if e.plugin == name
                    ),
                    commands=tuple(e.command for e in self.commands.values() if e.plugin == name),
                )
            )
        return tuple(found)


def load_plugins(
    *,
    only: Collection[str] | None = None,
    block: Iterable[str] = (),
    extra: Mapping[str, object] | None = None,
) -> Plugins:
    """Load plugins (see :func:`plugin_manager` for the arguments) and run each hook once.

    Raises:
        PluginError: a plugin failed to load, a registration is invalid, or two plugins
            register the same name (the message names both).
    """
    return registered(plugin_manager(only=only, block=block, extra=extra))


def _publishers(manager: pluggy.PluginManager) -> dict[str, Registered]:
    return _collect(
        manager,
        "register_publishers",
        "publisher",
        _check,
        lambda publisher, plugin, version: Registered(
            publisher=publisher, plugin=plugin, version=version
        ),
    )


def _checkers(manager: pluggy.PluginManager) -> dict[str, RegisteredChecker]:
    return _collect(
        manager,
        "register_checkers",
        "checker",
        _check_checker,
        lambda checker, plugin, version: RegisteredChecker(
            checker=checker, plugin=plugin, version=version
        ),
    )


def registered(manager: pluggy.PluginManager) -> Plugins:
    """Run each ``register_*`` hook of ``manager``'s plugins once and collect the results.

    Raises:
        PluginError: a registration is invalid, or two plugins register the same name.
    """
    return Plugins(
        manager=manager,
        publishers=_publishers(manager),
        checkers=_checkers(manager),
        data_checks=_collect(
            manager,
            "register_data_checks",
            "data check",
            _check_data_check,
            lambda check, plugin, version: RegisteredDataCheck(
                check=check, plugin=plugin, version=version
            ),
        ),
        commands=_collect(
            manager,
            "register_commands",
            "command",
            _check_command,
            lambda command, plugin, version: RegisteredCommand(
                command=command, plugin=plugin, version=version
            ),
        ),
    )


def publishers(manager: pluggy.PluginManager | None = None) -> dict[str, Registered]:
    """Every publisher the plugins of ``manager`` register (a new manager when ``None``).

    Raises:
        PluginError: two plugins register the same publisher name, or a registration is invalid.
    """
    return _publishers(manager or plugin_manager())


def checkers(manager: pluggy.PluginManager | None = None) -> dict[str, RegisteredChecker]:
    """Every checker the plugins of ``manager`` register (a new manager when ``None``).

    Raises:
        PluginError: two plugins register the same checker name, or a registration is invalid.
    """
    return _checkers(manager or plugin_manager())


def installed_plugins(manager: pluggy.PluginManager | None = None) -> tuple[PluginInfo, ...]:
    """Every loaded plugin with what it registered (a new manager when ``None``)."""
    return registered(manager or plugin_manager()).installed()
