"""Build hook: compile the plugin's gettext catalogues (``.po``) to ``.mo`` when building.

Hatchling runs it for wheels and editable installs alike, so ``pip install .`` and
``pip install -e .`` both leave ``src/csp_email/locale/<locale>/LC_MESSAGES/``
``csp_email.mo`` next to each ``.po``; the ``.mo`` files are build output (git ignores
them; the wheel ships them as artifacts).  The same hook as the core's (the repository's
``hatch_build.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[type-arg]
    """Compile every ``locale/*/LC_MESSAGES/*.po`` under ``src/`` to its ``.mo``."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile before the files are collected, refusing fuzzy entries."""
        for po in sorted(Path(self.root, "src").glob("*/locale/*/LC_MESSAGES/*.po")):
            with po.open("rb") as handle:
                catalogue = read_po(handle, locale=po.parent.parent.name)
            with po.with_suffix(".mo").open("wb") as handle:
                write_mo(handle, catalogue, use_fuzzy=False)
