"""The plugin API is the package root: plugins import nothing else of csp_core."""

from __future__ import annotations

import ast
from pathlib import Path

import csp_core

ROOT = Path(__file__).resolve().parents[1]


def _plugin_sources() -> list[Path]:
    """The source of every in-repo plugin: the built-in ones and the worked examples."""
    return sorted(
        [*ROOT.glob("plugins/*/src/**/*.py"), *ROOT.glob("examples/plugins/*/src/**/*.py")]
    )


def _core_imports(path: Path) -> list[tuple[int, str]]:
    """``(line, what)`` for each import of csp_core in ``path`` that is not a root name."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [
                (node.lineno, alias.name)
                for alias in node.names
                if alias.name.startswith("csp_core.")
            ]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            if node.module.startswith("csp_core."):
                found.append((node.lineno, node.module))
            elif node.module == "csp_core":
                found += [
                    (node.lineno, f"csp_core.{alias.name}")
                    for alias in node.names
                    if alias.name not in csp_core.__all__
                ]
    return found


def test_plugins_import_only_the_public_api() -> None:
    """No in-repo plugin imports a csp_core submodule or a name the root does not export."""
    sources = _plugin_sources()
    assert any("csp-html" in str(path) for path in sources)
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in sources
        for line, what in _core_imports(path)
    ]
    assert offenders == []


def test_the_check_catches_a_submodule_import(tmp_path: Path) -> None:
    """The check above sees each way of reaching past the root."""
    source = tmp_path / "plugin.py"
    source.write_text(
        "import csp_core.build\n"
        "from csp_core.public import public_view\n"
        "from csp_core import load, _not_exported\n",
        encoding="utf-8",
    )
    assert [what for _, what in _core_imports(source)] == [
        "csp_core.build",
        "csp_core.public",
        "csp_core._not_exported",
    ]


def test_every_exported_name_resolves() -> None:
    """Every name in ``csp_core.__all__`` is there."""
    for name in csp_core.__all__:
        assert getattr(csp_core, name) is not None, name


def test_the_api_version_is_a_major_minor_pair() -> None:
    """Plugins compare ``PLUGIN_API_VERSION[0]``: it is a pair of whole numbers."""
    major, minor = csp_core.PLUGIN_API_VERSION
    assert isinstance(major, int)
    assert isinstance(minor, int)
    assert major >= 2
