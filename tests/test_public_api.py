"""The plugin API is the package root: plugins import nothing else of csp_core."""

from __future__ import annotations

import re
from pathlib import Path

import csp_core

_SUBMODULE = re.compile(r"^\s*(?:from|import) csp_core\.", re.MULTILINE)


def test_plugins_import_only_the_package_root() -> None:
    """No built-in plugin imports a csp_core submodule."""
    sources = sorted(Path("plugins").glob("*/src/**/*.py"))
    assert sources
    offenders = [str(path) for path in sources if _SUBMODULE.search(path.read_text("utf-8"))]
    assert offenders == []


def test_every_exported_name_resolves() -> None:
    """Every name in ``csp_core.__all__`` is there, the lazily imported ones included."""
    for name in csp_core.__all__:
        assert getattr(csp_core, name) is not None, name
