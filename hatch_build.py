"""Build hook: compile the gettext catalogues (``.po``) to ``.mo`` files when building.

Hatchling runs this for wheels and editable installs alike, so ``pip install .`` and
``pip install -e .`` both leave ``src/csp_core/locale/<locale>/LC_MESSAGES/csp_core.mo`` next
to each ``.po`` file; the ``.mo`` files are build output (git ignores them; the wheel includes
them as artifacts).  Babel compiles them, refusing fuzzy entries, like ``pybabel compile``.
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
        """Compile before the files are collected."""
        for po in sorted(Path(self.root, "src").glob("*/locale/*/LC_MESSAGES/*.po")):
            with po.open("rb") as handle:
                catalogue = read_po(handle, locale=po.parent.parent.name)
            with po.with_suffix(".mo").open("wb") as handle:
                write_mo(handle, catalogue, use_fuzzy=False)
