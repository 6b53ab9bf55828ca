"""How the templates are compiled, and the built-in ones compiled in advance, in the package.

Compiling the built-in templates takes about a tenth of a second, every ``csp build``.  The
package's build hook (``hatch_build.py``) compiles them once, when the package is built or
installed, into ``csp_html/templates.marshal``, shipped beside them.  At run time a template's
shipped code is used only when it was compiled from the very same source (its SHA-1, as
Jinja2's bytecode cache checks it), by the same Jinja2 and the same Python; otherwise the
template is compiled as before.  Nothing is written at run time, so a build still touches
nothing outside its output folder.

This module imports only Jinja2 and the standard library: the build hook loads it by path.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from collections.abc import Callable
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2

__all__ = [
    "BUNDLE",
    "COMPILE_OPTIONS",
    "FILTERS",
    "autoescape",
    "bundle",
    "compile_environment",
    "unbundle",
]

BUNDLE = "templates.marshal"
"""The compiled built-in templates, beside ``templates/`` in the package."""

COMPILE_OPTIONS: dict[str, Any] = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
    "extensions": ["jinja2.ext.i18n"],
}
"""The options that change the code a template compiles to, besides autoescaping, the
finalize step (a plain function) and new-style gettext: the same for every environment."""


def autoescape() -> Callable[[str | None], bool]:
    """Escaping on for ``.html``, ``.svg`` and ``.xml`` templates, and for strings."""
    return jinja2.select_autoescape(
        enabled_extensions=("html", "svg", "xml"), default_for_string=True
    )


def _same(value: object) -> object:
    """A finalize step: only its presence and kind shape the compiled code."""
    return value


#: The filters of :func:`csp_html.environment`, each with whether it takes the template's
#: context first (``jinja2.pass_context``): a filter's name and kind shape the compiled code.
FILTERS: dict[str, bool] = {
    "long_date": True,
    "short_date": True,
    "date_time": True,
    "time_of_day": True,
    "iso": True,
    "number": False,
    "quantity": False,
    "plain": False,
}


@jinja2.pass_context
def _with_context(context: object, value: object, *args: object, **kwargs: object) -> object:
    return value


def compile_environment() -> jinja2.Environment:
    """An environment compiling templates to the same code as :func:`csp_html.environment`."""
    env = jinja2.Environment(
        autoescape=autoescape(),  # noqa: S701 - select_autoescape: on for .html
        finalize=_same,
        **COMPILE_OPTIONS,
    )
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.filters.update({name: _with_context if kind else _same for name, kind in FILTERS.items()})
    return env


def _tag() -> bytes:
    """What the shipped code depends on: Jinja2's version, Python's bytecode and marshal's."""
    made = f"csp-html {jinja2.__version__} {sys.implementation.cache_tag} {marshal.version}\n"
    return made.encode()


def _checksum(source: str) -> str:
    return hashlib.sha1(source.encode("utf-8"), usedforsecurity=False).hexdigest()


def bundle(folder: Path) -> bytes:
    """Every ``.html`` template of ``folder`` compiled: the contents of :data:`BUNDLE`."""
    env = compile_environment()
    compiled: dict[str, tuple[str, CodeType]] = {}
    for path in sorted(folder.glob("*.html")):
        source = path.read_text(encoding="utf-8")
        code = env.compile(source, path.name, path.name)
        compiled[path.name] = (_checksum(source), code)
    return _tag() + marshal.dumps(compiled)


def unbundle(data: bytes) -> dict[str, tuple[str, CodeType]]:
    """The shipped code by template name, each with its source's checksum.

    Empty if the bundle was made by another Jinja2 or Python, or cannot be read.
    """
    tag = _tag()
    if not data.startswith(tag):
        return {}
    try:
        found = marshal.loads(data[len(tag) :])  # noqa: S302 - the package's own file
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {
        name: (entry[0], entry[1])
        for name, entry in found.items()
        if isinstance(name, str)
        and isinstance(entry, tuple)
        and len(entry) == 2
        and isinstance(entry[0], str)
        and isinstance(entry[1], CodeType)
    }
