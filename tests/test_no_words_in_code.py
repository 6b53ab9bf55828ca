"""No user-facing word is left in publisher code: every sentence goes through a catalogue.

Every string literal of the built-in publishers' Python that reads as words (two words of
letters or more) must be a message (an argument of ``gettext``, ``ngettext``, ``_`` or ``N_``),
or be for the operator rather than the public: a docstring, an exception's message, an option's
``help``, a publisher's ``description``, a checker's finding (``check.py``: ``csp check`` speaks
to whoever runs the build).  A word written any other way is a word a council cannot translate.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = sorted((ROOT / "plugins").glob("csp-*/src/csp_*"))
WORDS = re.compile(r"[A-Za-z]{2,}[,.:;!?'’]* +[A-Za-z]{2,}")
#: Technical strings that happen to hold words: media types with parameters.
TECHNICAL = re.compile(r"^[a-z]+/[a-z0-9.+-]+(; *[a-z-]+=[A-Za-z0-9-]+)*$|^<")
MESSAGE_CALLS = {"gettext", "ngettext", "_", "N_", "pgettext", "npgettext"}
OPERATOR_KEYWORDS = {"help", "description", "msg", "message"}
#: Names whose value is for the operator: a publisher's ``description`` (``csp plugins``).
OPERATOR_NAMES = {"description", "msg"}
#: Constructors whose second argument is an option's help (``Option.flag("x", "help")``).
OPTION_FACTORIES = {"Option", "text", "flag", "whole_number", "choice", "duration"}
#: Files that speak to the operator only: the output checks of ``csp check``; csp-email's
#: ``csp email-send`` command, its sending and its reading of the council's subscribers' file.
OPERATOR_FILES = {"check.py", "command.py", "send.py", "subscribers.py"}


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _docstring(node: ast.AST) -> Iterator[ast.AST]:
    """A module's, class's or function's docstring, or an attribute docstring."""
    if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            yield body[0].value
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        yield node.value


def _message_or_operator(node: ast.AST) -> Iterator[ast.AST]:
    """Parts of ``node`` that are messages, or words for the operator."""
    if isinstance(node, ast.Call):
        if _name(node.func) in MESSAGE_CALLS:
            yield node
        if _name(node.func) in OPTION_FACTORIES and len(node.args) > 1:
            yield node.args[1]
        yield from (k.value for k in node.keywords if k.arg in OPERATOR_KEYWORDS)
    elif isinstance(node, ast.FunctionDef) and node.name in OPERATOR_NAMES:
        yield from (r.value for r in ast.walk(node) if isinstance(r, ast.Return) and r.value)
    elif isinstance(node, ast.Raise) and node.exc is not None:
        yield node.exc
    elif (
        isinstance(node, ast.Assign)
        and any(
            isinstance(target, ast.Name) and target.id in OPERATOR_NAMES for target in node.targets
        )
    ) or (
        isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.target.id in OPERATOR_NAMES
        and node.value is not None
    ):
        yield node.value


def _allowed(tree: ast.Module) -> set[int]:
    """The ids of string constants that may hold words: messages, docstrings, operator text."""
    allowed: set[int] = set()
    for node in ast.walk(tree):
        allowed.update(id(found) for found in _docstring(node))
        for part in _message_or_operator(node):
            allowed.update(id(inner) for inner in ast.walk(part) if isinstance(inner, ast.Constant))
    return allowed


def _words_left(package: Path) -> list[str]:
    found: list[str] = []
    for path in sorted(package.rglob("*.py")):
        if path.name in OPERATOR_FILES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed = _allowed(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in allowed
                and WORDS.search(node.value)
                and not TECHNICAL.match(node.value)
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    return found


@pytest.mark.parametrize("package", PACKAGES, ids=lambda path: path.name)
def test_no_user_facing_words_outside_the_catalogue(package: Path) -> None:
    assert _words_left(package) == []


def test_the_check_finds_a_word() -> None:
    tree = ast.parse('x = f"Meeting of the {body}"\ny = language.gettext("Meeting of {body}")\n')
    allowed = _allowed(tree)
    left = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in allowed
    ]
    assert [text for text in left if WORDS.search(text)] == ["Meeting of the "]
