"""What is installed, for ``csp --version`` and ``csp plugins --format json``.

Versions come from the distributions' metadata, read when a command asks (never when
``csp_core`` is imported).  ``csp plugins --format json`` follows a versioned schema, shipped
as ``csp_core/schemas/plugins.schema.json``: fields are never removed or renamed within a
``schema_version``; new fields may be added.
"""

from __future__ import annotations

from typing import Any

import csp_core
from csp_core.plugins import PluginInfo, Plugins

__all__ = ["CORE", "SCHEMA", "SCHEMA_VERSION", "plugins_json", "versions", "versions_text"]

#: The core's distribution name.
CORE = "csp-core"
#: The ``schema`` of ``csp plugins --format json``.
SCHEMA = "csp-core/plugins"
#: Its version: see the module's docstring.
SCHEMA_VERSION = 1


def versions(plugins: Plugins) -> tuple[tuple[str, str], ...]:
    """The core's distribution and version, then each loaded plugin's, by distribution name.

    A distribution providing several plugins is listed once; a plugin registered from Python
    (no distribution) is not listed.
    """
    found = {
        (plugin.distribution, plugin.version)
        for plugin in plugins.installed()
        if plugin.distribution is not None and plugin.version is not None
    }
    return ((CORE, csp_core.__version__), *sorted(found))


def versions_text(plugins: Plugins) -> str:
    """``csp --version``: one ``distribution version`` line each, the core's first."""
    return "".join(f"{name} {version}\n" for name, version in versions(plugins))


def _plugin(plugin: PluginInfo) -> dict[str, Any]:
    return {
        "name": plugin.name,
        "distribution": plugin.distribution,
        "version": plugin.version,
        "publishers": [
            {
                "name": publisher.name,
                "description": publisher.description,
                "outputs": list(publisher.outputs),
                "options": [
                    {"name": option.name, "default": option.default, "help": option.help}
                    for option in publisher.options
                ],
            }
            for publisher in plugin.publishers
        ],
        "checkers": [
            {
                "name": checker.name,
                "description": checker.description,
                "media_types": list(checker.media_types),
                "suffixes": list(checker.suffixes),
            }
            for checker in plugin.checkers
        ],
        "data_checks": [
            {"name": check.name, "description": check.description} for check in plugin.data_checks
        ],
        "commands": [{"name": command.name, "help": command.help} for command in plugin.commands],
    }


def plugins_json(plugins: Plugins) -> dict[str, Any]:
    """The loaded plugins as plain data following schema ``csp-core/plugins``.

    Plugins in name order; each one's publishers, checkers, data checks and commands in name
    order, as ``csp plugins`` lists them.
    """
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "core": {
            "distribution": CORE,
            "version": csp_core.__version__,
            "plugin_api": list(csp_core.PLUGIN_API_VERSION),
        },
        "plugins": [_plugin(plugin) for plugin in plugins.installed()],
    }
