"""Sphinx configuration for the csp-core docs site: MyST Markdown pages, furo, autodoc.

Build it with ``tox -e docs`` (``sphinx-build -W --keep-going -n``): every warning is an error,
and nitpicky mode is on, so a cross-reference that resolves nowhere fails the build.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

from docutils import nodes
from pygments.lexers.special import TextLexer
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import PycodeError
from sphinx.ext.napoleon import Config as NapoleonConfig
from sphinx.ext.napoleon.docstring import GoogleDocstring
from sphinx.pycode import ModuleAnalyzer

import csp_core

project = "csp-core"
author = "csp-core developers"
copyright = "csp-core developers"
release = csp_core.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build"]
language = "en"

# -- Markdown (MyST) ---------------------------------------------------------------------------
# The pages are also read on a forge as plain Markdown, where `[text](page.md#a-heading)` links
# to a heading by its GitHub-style slug; these anchors make the same links work on the site.
myst_heading_anchors = 4

# -- API reference ------------------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_class_signature = "mixed"
autodoc_typehints = "signature"

# The docstrings are Google style.  napoleon's converter is applied by `_google` below rather
# than as the sphinx.ext.napoleon extension, because the extension reads the first line of an
# attribute's docstring as "type: description" whenever it holds a colon, and ours are
# sentences ("For a rescheduled meeting: when it was to start before it moved."): the types
# come from the annotations.  "Attributes:" sections become a field list (use_ivar), not
# attribute entries that a class documenting its properties (the Publisher protocol) would
# describe twice.
NAPOLEON = NapoleonConfig(
    napoleon_google_docstring=True,
    napoleon_numpy_docstring=False,
    napoleon_use_ivar=True,
    napoleon_use_keyword=False,
)

# -- Cross-references ---------------------------------------------------------------------------
# Every reference must resolve (-n).  No intersphinx: the build machines reach only package
# registries, so no remote inventory (Python's, attrs', pluggy's) can be downloaded, and a
# build must not depend on the network.  `_resolve` below handles what the Python domain
# cannot:
# * the public API is documented once, under ``csp_core`` (what ``csp_core.__all__`` exports),
#   while annotations and docstrings name objects where they are defined
#   (``csp_core.model.meetings.Meeting``): those go to ``csp_core.Meeting``;
# * a name of the core that is not exported (``csp_core.rules.stamps``, a TypeVar) is an
#   implementation detail with no page: shown as code, unlinked, but only if it exists, so a
#   misspelt name still fails the build;
# * standard-library names link to the Python docs' page for their module, whose anchors are
#   the qualified names (``datetime.html#datetime.datetime``).
# Third-party names have no inventory here and are shown as code: they are ignored below.
nitpicky = True
nitpick_ignore_regex = [
    # attrs and pluggy, runtime dependencies whose inventories cannot be downloaded (above).
    ("py:.*", r"(attrs|attr|pluggy|babel)(\..*)?"),
]

PYTHON_DOCS = "https://docs.python.org/3/library/"


def _object(dotted: str) -> tuple[bool, Any]:
    """Whether ``dotted`` names an importable module or an attribute of one, and the object."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:end]))
        except ImportError:
            continue
        for part in parts[end:]:
            if not hasattr(found, part):
                return False, None
            found = getattr(found, part)
        return True, found
    return False, None


def _public_name(target: str) -> str | None:
    """``csp_core.x.y.Name`` (or a bare ``Name``) as ``csp_core.Name``, if the root exports it."""
    name = target.rpartition(".")[2]
    if name not in csp_core.__all__:
        return None
    if "." not in target:
        return f"csp_core.{name}"
    exists, found = _object(target)
    if target.startswith("csp_core.") and exists and found is getattr(csp_core, name):
        return f"csp_core.{name}"
    return None


def _internal(target: str) -> bool:
    """Whether ``target`` is a name of the core: dotted from ``csp_core``, or bare in a module."""
    if target.startswith("csp_core."):
        return _object(target)[0]
    return any(
        _object(f"{name}.{target}")[0]
        for name in sorted(sys.modules)
        if name == "csp_core" or name.startswith("csp_core.")
    )


def _stdlib(target: str) -> str | None:
    """The Python docs' address for a standard-library name, such as ``datetime.datetime``."""
    parts = target.split(".")
    if parts[0] not in sys.stdlib_module_names or parts[0].startswith("_"):
        return None
    if not _object(target)[0]:
        return None
    for end in range(len(parts), 0, -1):  # the longest importable prefix is the module's page
        module = ".".join(parts[:end])
        try:
            importlib.import_module(module)
        except ImportError:
            continue
        return f"{PYTHON_DOCS}{module}.html#{target}"
    return None


def _resolve(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.Element | None:
    """Resolve what the Python domain could not (see "Cross-references" above)."""
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"]
    public = _public_name(target)
    if public is not None:
        return env.get_domain("py").resolve_xref(
            env, node["refdoc"], app.builder, node["reftype"], public, node, contnode
        )
    if _internal(target):
        return contnode
    address = _stdlib(target)
    if address is not None:
        reference = nodes.reference("", "", internal=False, refuri=address, reftitle=target)
        reference.append(contnode)
        return reference
    return None


def _google(  # noqa: PLR0917 - the arguments of Sphinx's autodoc-process-docstring event
    app: Sphinx, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Convert a Google-style docstring; give re-exported constants their own documentation."""
    if what in {"attribute", "property", "data"}:
        if what == "data" and name.startswith("csp_core."):
            documented = _constant_doc(name.rpartition(".")[2], obj)
            if documented is not None:
                lines[:] = documented
        return
    lines[:] = GoogleDocstring(lines, NAPOLEON, app, what, name, obj, options).lines()


def _constant_doc(name: str, value: object) -> list[str] | None:
    """The doc comment (``#:``) or docstring of constant ``name`` where the core defines it.

    ``csp_core.FLOOR`` is documented in ``csp_core/rules/stamps.py``; autodoc looks only in
    ``csp_core/__init__.py`` and would show the docstring of the value's type instead.
    """
    for module_name, module in sorted(sys.modules.items()):
        if not module_name.startswith("csp_core") or getattr(module, name, None) is not value:
            continue
        try:
            docs = ModuleAnalyzer.for_module(module_name).find_attr_docs()
        except PycodeError:  # no source to read: no doc comments
            continue
        if ("", name) in docs:
            return [*docs["", name]]
    return None


def _signature(  # noqa: PLR0917 - the arguments of Sphinx's autodoc-process-signature event
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: Any,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str, str | None] | None:
    """No call signature for a protocol; ``...`` for the default of an attrs factory field.

    A protocol (``Publisher``) is implemented, never called: its inherited ``(*args,
    **kwargs)`` says nothing.  attrs writes ``NOTHING`` as the default of a field whose default
    a factory makes; ``...`` (as in stubs) says "has a default" and, unlike dataclasses'
    ``<factory>``, still parses as Python, so the signature keeps its links.
    """
    del app, name, options
    if what == "class" and getattr(obj, "_is_protocol", False):
        return "", return_annotation
    if signature is not None and "=NOTHING" in signature.replace(" ", ""):
        return signature.replace("NOTHING", "..."), return_annotation
    return None


def setup(app: Sphinx) -> None:
    """Register the docstring converter, the reference resolver and the ``cron`` lexer."""
    app.connect("autodoc-process-docstring", _google)
    app.connect("autodoc-process-signature", _signature)
    app.connect("missing-reference", _resolve)
    # docs/hosting.md shows a crontab line; Pygments has no lexer for it.
    app.add_lexer("cron", TextLexer)


# -- HTML ---------------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"csp-core {release}"
html_show_sourcelink = False
