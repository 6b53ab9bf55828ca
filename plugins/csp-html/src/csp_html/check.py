"""``csp check`` for web pages: parse every page as a browser would, and follow local links.

Each page is parsed by html5lib, which follows the WHATWG HTML parsing algorithm browsers use
and reports every parse error (a stray end tag, a duplicate attribute, a missing doctype).
Then what a reader and a screen reader rely on: ``<html lang>``, a non-empty ``<title>``, no
``id`` used twice; and every local link (an ``href`` or ``src`` with no scheme and not starting
with ``//``) must reach a file of the output folder, its query and fragment ignored.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Final

import attrs
from csp_core import CheckedFile

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# html5lib is imported when a page is checked, not when the plugin loads for ``csp build``
# (docs/performance.md, "Start-up").

__all__ = ["HtmlChecker", "check_page"]

MEDIA_TYPES = ("text/html",)
SUFFIXES = (".html", ".htm")
SHOWN_ERRORS = 5
"""How many parse errors of one page are listed; the rest are counted."""

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_LINKS = ("href", "src")

#: Every message of this checker, in one place.
_MESSAGES: Final[Mapping[str, str]] = {
    "not-utf8": "not UTF-8: {error}",
    "parse": "line {line}, column {column}: {error}",
    "more": "and {count} more parse errors",
    "no-lang": "<html> has no lang: screen readers guess the language",
    "no-title": "no <title>, or an empty one",
    "duplicate-id": "id {id!r} is used {count} times: links and labels reach only the first",
    "outside": "<{tag} {attribute}={value!r}> points outside the output folder",
    "broken": "<{tag} {attribute}={value!r}>: no file {target} in the output folder",
}


@attrs.frozen(kw_only=True)
class HtmlChecker:
    """The ``html`` checker: pages parsed as browsers do, and their local links followed."""

    name: str = "html"
    description: str = "pages: HTML parse errors, lang, title, unique ids, local links"
    media_types: tuple[str, ...] = MEDIA_TYPES
    suffixes: tuple[str, ...] = SUFFIXES

    def check(self, file: CheckedFile) -> list[str]:
        """The problems of one page, its links checked against ``file.files``."""
        return check_page(file.path, file.content, file.files)


def check_page(path: str, content: bytes, files: frozenset[str]) -> list[str]:
    """The problems of the page at ``path`` (relative to the output folder), one line each.

    Args:
        path: where the page is, relative to the output folder: local links start there.
        content: the page's bytes.
        files: every file of the output folder, by relative POSIX path.
    """
    problems: list[str] = []
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(_MESSAGES["not-utf8"].format(error=error))
    import html5lib  # type: ignore[import-untyped]  # noqa: PLC0415 - see the imports

    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    document: Element = parser.parse(content, transport_encoding="utf-8")
    problems.extend(_parse_errors(parser.errors))
    if not (document.get("lang") or "").strip():
        problems.append(_MESSAGES["no-lang"])
    title = document.find("head/title")
    if title is None or not "".join(title.itertext()).strip():
        problems.append(_MESSAGES["no-title"])
    problems.extend(_duplicate_ids(document))
    problems.extend(_links(path, document, files))
    return problems


def _parse_errors(errors: list[tuple[tuple[int, int], str, object]]) -> list[str]:
    from html5lib.constants import E as ERRORS  # type: ignore[import-untyped]  # noqa: PLC0415

    shown: list[str] = []
    for (line, column), code, data in errors[:SHOWN_ERRORS]:
        template = ERRORS.get(code, code)
        try:
            error = str(template % data) if isinstance(data, dict) and data else str(template)
        except (KeyError, TypeError, ValueError):
            error = str(code)
        shown.append(_MESSAGES["parse"].format(line=line, column=column, error=error))
    if len(errors) > SHOWN_ERRORS:
        shown.append(_MESSAGES["more"].format(count=len(errors) - SHOWN_ERRORS))
    return shown


def _duplicate_ids(document: Element) -> list[str]:
    counts: dict[str, int] = {}
    for element in document.iter():
        value = element.get("id")
        if value is not None:
            counts[value] = counts.get(value, 0) + 1
    return [
        _MESSAGES["duplicate-id"].format(id=value, count=count)
        for value, count in counts.items()
        if count > 1
    ]


def _local_links(document: Element) -> Iterator[tuple[str, str, str]]:
    """Each local link: the element's tag, the attribute and its value."""
    for element in document.iter():
        if not isinstance(element.tag, str) or element.tag == "base":
            continue
        for attribute in _LINKS:
            value = (element.get(attribute) or "").strip()
            if not value or value.startswith(("#", "//")) or _SCHEME.match(value):
                continue
            yield element.tag, attribute, value


def _links(path: str, document: Element, files: frozenset[str]) -> list[str]:
    problems: list[str] = []
    here = posixpath.dirname(path)
    for tag, attribute, value in _local_links(document):
        address = urllib.parse.unquote(value.split("#", 1)[0].split("?", 1)[0])
        if not address:
            continue
        joined = address.lstrip("/") if address.startswith("/") else posixpath.join(here, address)
        target = posixpath.normpath(joined)
        if target == ".." or target.startswith("../"):
            problems.append(_MESSAGES["outside"].format(tag=tag, attribute=attribute, value=value))
            continue
        index = posixpath.normpath(posixpath.join(target, "index.html"))
        if address.endswith("/") or target == ".":
            found = index in files
        else:
            found = target in files or index in files
        if not found:
            problems.append(
                _MESSAGES["broken"].format(tag=tag, attribute=attribute, value=value, target=target)
            )
    return problems
