"""Build hook: compile the gettext catalogues (``.po`` to ``.mo``) and the built-in templates.

Hatchling runs it for wheels and editable installs alike, so ``pip install .`` and
``pip install -e .`` both leave ``src/csp_html/locale/<locale>/LC_MESSAGES/csp_html.mo`` next
to each ``.po`` and ``src/csp_html/templates.marshal`` (the built-in templates compiled by
Jinja2, see ``csp_html/compiling.py``) beside ``templates/``; both are build output (git
ignores them; the wheel ships them as artifacts).  The catalogues as in the core's hook (the
repository's ``hatch_build.py``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[type-arg]
    """Compile the catalogues to ``.mo`` and the built-in templates to ``templates.marshal``."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile before the files are collected, refusing fuzzy entries."""
        for po in sorted(Path(self.root, "src").glob("*/locale/*/LC_MESSAGES/*.po")):
            with po.open("rb") as handle:
                catalogue = read_po(handle, locale=po.parent.parent.name)
            with po.with_suffix(".mo").open("wb") as handle:
                write_mo(handle, catalogue, use_fuzzy=False)
        package = Path(self.root, "src", "csp_html")
        # Loaded by path: the package itself needs csp-core, which a build does not install.
        where = package / "compiling.py"
        spec = importlib.util.spec_from_file_location("_csp_html_compiling", where)
        if spec is None or spec.loader is None:
            msg = f"cannot load {where}"
            raise RuntimeError(msg)
        compiling = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(compiling)
        data = compiling.bundle(package / "templates")
        (package / compiling.BUNDLE).write_bytes(data)
