"""The Jinja2 environment: the built-in templates, overridden by name from a council's folder.

Autoescaping is on for every ``.html`` template, so any text from the data is escaped wherever
a template prints it; ``StrictUndefined`` makes a misspelt variable in a council's template an
error rather than a silent blank.

One environment per template folder and language: its ``_``, ``gettext`` and ``ngettext``
read the plugin's catalogue (``csp_html/locale``, then the core's) in that language, with
``{name}`` placeholders filled from keyword arguments (``{{ _("Published {date}",
date=entry.published) }}``), and its date filters write that language's day and month names.
Every printed value, in a message's placeholders too, passes :func:`printable`; a text from the
data that fell back to another language (:func:`csp_core.language_of`) is wrapped in
``<span lang="…">`` there, once for every template (docs/html.md, "Languages").  A sentence
composed in Python from such texts (:func:`compose`, :func:`joined`) is a :class:`Sentence`:
its plain text for ``|plain``, and the same words marked by that finalize step for the page.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from types import CodeType

import jinja2
import jinja2.nodes
import jinja2.runtime
from csp_core import dates, i18n, labels, language_of, text
from markupsafe import Markup, escape

from csp_html import compiling

__all__ = [
    "CATALOGUE",
    "STYLESHEET",
    "TEMPLATES",
    "Sentence",
    "compose",
    "environment",
    "in_language",
    "joined",
    "plain",
    "printable",
    "stylesheet",
]

CATALOGUE = i18n.Catalogue("csp_html", "csp_html")
"""The plugin's own messages: ``csp_html/locale/<locale>/LC_MESSAGES/csp_html.mo``."""


#: The templates a council can override, by name.
TEMPLATES = (
    "base.html",
    "index.html",
    "meeting.html",
    "plan.html",
    "assessment.html",
    "macros.html",
    "chart.html",
    "site.css",
)
#: The stylesheet's template name; it is copied as it is, not rendered.
STYLESHEET = "site.css"


def printable(value: object) -> object:
    """Every printed value passes here first: NFC, line breaks, forbidden code points U+FFFD.

    Text from the data may hold control characters a browser would drop and a validator
    rejects; they are replaced (:func:`csp_core.text.clean`) before autoescaping, and
    text is put in Unicode Normalization Form C as the web expects (W3C Character Model).
    Markup (already rendered) is left alone.
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        return unicodedata.normalize("NFC", text.clean(value))
    return value


def plain(value: object) -> object:
    """``{{ title|plain }}``: a text without its language mark, for attributes and ``<title>``.

    Where no element may go (an attribute, the ``<title>`` element) a fallback text cannot be
    wrapped in ``<span lang>``; this filter prints it as it is.
    """
    return str(value) if isinstance(value, str) and not isinstance(value, Markup) else value


class Sentence(str):
    """A sentence composed in Python from texts of the data, in a page's language.

    The ``str`` is its plain text, as ``Language.gettext`` would give it: what ``|plain``
    prints in ``<title>``, the meta description and attributes, and what JSON-LD and
    ``mailto:`` subjects carry.  :attr:`markup` is the same words for the page body, each text
    in it passed through the page's finalize step (:func:`in_language`), so a fallback inside
    the sentence is wrapped in ``<span lang="…">`` as a value printed alone is; the finalize
    step prints a sentence as its :attr:`markup`.  Build one with :func:`compose` or
    :func:`joined`; ``+`` and ``str.join`` give a plain ``str`` and lose the marks.
    """

    markup: Markup
    """The sentence as HTML: the message escaped once, each value finalized and escaped once."""

    def __new__(cls, plain: str, markup: Markup) -> Sentence:
        """The sentence whose plain text is ``plain`` and whose HTML is ``markup``."""
        made = super().__new__(cls, plain)
        made.markup = markup
        return made


def compose(language: i18n.Language, found: str, /, **values: object) -> Sentence:
    """A catalogue's message ``found`` in ``language``, its ``{names}`` filled from ``values``.

    ``found`` is ``language.translations.gettext(message)`` (or ``ngettext``), written at each
    call so the catalogue's extractor finds the message.  The plain text is
    ``found.format(**values)``; the markup is the message escaped with each value through the
    finalize step of a page in ``language`` (a :class:`Sentence` value keeps its own marks).
    """
    finalize = in_language(language.tag)
    shown = {name: finalize(value) for name, value in values.items()}
    return Sentence(found.format(**values), _message(found).format(**shown))


def joined(language: i18n.Language, parts: Iterable[object], separator: str = " ") -> Sentence:
    """``parts`` (sentences, texts of the data, words) one after another, ``separator`` between."""
    finalize = in_language(language.tag)
    items = tuple(parts)
    markup = escape(separator).join(escape(finalize(part)) for part in items)
    return Sentence(separator.join(str(part) for part in items), markup)


def in_language(tag: str) -> Callable[[object], object]:
    """The finalize step of a page in ``tag``: :func:`printable`, then a fallback's mark.

    A text from the data whose language (:func:`csp_core.language_of`) is not the page's is
    wrapped in ``<span lang="…">``, so a fallback is visible, never silently mixed.  A
    :class:`Sentence` is printed as its markup, where its texts are already marked.
    """

    def finalize(value: object) -> object:
        if isinstance(value, Sentence):
            return value.markup
        lang = language_of(value) if isinstance(value, str) else None
        shown = printable(value)
        if lang is not None and lang != tag:
            return Markup('<span lang="{}">{}</span>').format(lang, shown)
        return shown

    return finalize


def _message(found: str) -> Markup:
    """A catalogue's message as markup: its text with ``&``, ``<``, ``>`` and ``"`` escaped."""
    for character, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        found = found.replace(character, entity)
    return Markup(found)  # noqa: S704 - every markup character of the message is escaped


def _callables(
    language: i18n.Language, finalize: Callable[[object], object]
) -> dict[str, Callable[..., object]]:
    """``_``/``gettext`` and ``ngettext`` for templates, in ``language``.

    Each value filling a ``{placeholder}`` passes the page's finalize step (cleaned, a
    fallback marked with its language), then is escaped unless it is already markup.
    """

    @jinja2.pass_eval_context
    def gettext(
        eval_ctx: jinja2.nodes.EvalContext, message: str, /, **values: object
    ) -> str | Markup:
        return _fill(eval_ctx, language.translations.gettext(message), values)

    @jinja2.pass_eval_context
    def ngettext(
        eval_ctx: jinja2.nodes.EvalContext,
        singular: str,
        plural: str,
        count: int,
        /,
        **values: object,
    ) -> str | Markup:
        found = language.translations.ngettext(singular, plural, count)
        return _fill(eval_ctx, found, {"count": count, **values})

    def _fill(
        eval_ctx: jinja2.nodes.EvalContext, found: str, values: dict[str, object]
    ) -> str | Markup:
        shown = {name: finalize(value) for name, value in values.items()}
        message = _message(found) if eval_ctx.autoescape else found
        if not shown:
            return message
        # {% trans %} blocks write %(name)s; the plugin's templates write {name}.
        return message % shown if "%(" in found else message.format(**shown)

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


class _CompiledOnce(jinja2.BytecodeCache):
    """Each template's compiled code, kept in memory for every environment of the process.

    Jinja2 compiles a template once per environment; the environments of a folder in two
    languages differ only in their globals, filters and finalize step, which the compiled code
    looks up when it runs, so both share one compilation.  Kept by the template's name and
    file with a checksum of its source: a changed file compiles again, replacing the old code
    (a long-running preview keeps one per template).  Never written to disk: a build touches
    nothing outside its output folder (docs/performance.md, "Start-up").
    """

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType]] = {}
        self._shipped: dict[str, tuple[str, CodeType]] | None = None

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        """The template's bucket; a built-in template's code compiled in advance, if any.

        The package ships the built-in templates compiled (:mod:`csp_html.compiling`); that
        code is taken only for a template of the same name and the very same source.
        """
        bucket = super().get_bucket(environment, name, filename, source)
        if bucket.code is None:
            shipped = self._shipped_code().get(name)
            if shipped is not None and shipped[0] == bucket.checksum:
                bucket.code = shipped[1]
                self._code[bucket.key] = shipped
        return bucket

    def _shipped_code(self) -> dict[str, tuple[str, CodeType]]:
        if self._shipped is None:
            try:
                data = resources.files("csp_html").joinpath(compiling.BUNDLE).read_bytes()
            except OSError:
                data = b""
            self._shipped = compiling.unbundle(data)
        return self._shipped

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Give ``bucket`` the code compiled for its template, if its source is the same."""
        kept = self._code.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep the code just compiled for ``bucket``'s template and source."""
        if bucket.code is not None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)


_COMPILED = _CompiledOnce()


@functools.lru_cache(maxsize=16)
def environment(folder: Path | None, tag: str = "en-GB") -> jinja2.Environment:
    """An environment loading ``folder``'s templates first, then the built-in ones, in ``tag``.

    Environments are kept per folder and language, and every environment shares one in-memory
    cache of compiled templates, so a template compiles once per process, whatever the number
    of pages and languages; ``auto_reload`` recompiles a template whose file has changed since
    (for a long-running preview server).

    Args:
        folder: a council's template folder, or ``None`` for the built-in templates only.
        tag: the pages' language ('en-GB', 'cy'), one of :data:`csp_core.i18n.LANGUAGES`.
    """
    language = i18n.language(tag, CATALOGUE)
    finalize = in_language(tag)
    loaders: list[jinja2.BaseLoader] = []
    if folder is not None:
        loaders.append(jinja2.FileSystemLoader(str(folder), encoding="utf-8"))
    loaders.append(jinja2.PackageLoader("csp_html", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=compiling.autoescape(),
        undefined=jinja2.StrictUndefined,
        auto_reload=True,
        finalize=finalize,
        bytecode_cache=_COMPILED,
        **compiling.COMPILE_OPTIONS,  # the same as the templates shipped compiled
    )
    # The i18n extension's {% trans %} and the callables below: newstyle, keyword values.
    env.globals.update(_callables(language, finalize))
    env.newstyle_gettext = True  # type: ignore[attr-defined]

    @jinja2.pass_context
    def long_date(context: jinja2.runtime.Context, value: dt.date | dt.datetime) -> str:
        """``{{ meeting.start|long_date }}``: 'Thursday 17 October 2019'."""
        return dates.long_date(_day(context, value), language)

    @jinja2.pass_context
    def short_date(context: jinja2.runtime.Context, value: dt.date | dt.datetime) -> str:
        """``{{ reading.on|short_date }}``: '17 October 2019'."""
        return dates.short_date(_day(context, value), language)

    @jinja2.pass_context
    def date_time(context: jinja2.runtime.Context, value: dt.datetime) -> str:
        """``{{ meeting.start|date_time }}``: 'Thursday 17 October 2019, 11:15'."""
        return dates.date_time(value, _zone(context), language)

    env.filters.update(
        {
            "long_date": long_date,
            "short_date": short_date,
            "date_time": date_time,
            "time_of_day": _time_of_day,
            "iso": _iso,
            "number": labels.number,
            "quantity": labels.quantity,
            "plain": plain,
        }
    )
    return env


def _zone(context: jinja2.runtime.Context) -> dt.tzinfo:
    zone = context.get("zone")
    if not isinstance(zone, dt.tzinfo):
        msg = "the page context has no time zone ('zone')"
        raise TypeError(msg)
    return zone


def _day(context: jinja2.runtime.Context, value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return dates.local_day(value, _zone(context))
    return value


@jinja2.pass_context
def _time_of_day(context: jinja2.runtime.Context, value: dt.datetime) -> str:
    """``{{ meeting.start|time_of_day }}``: '11:15'."""
    return dates.time_of_day(value.astimezone(_zone(context)))


@jinja2.pass_context
def _iso(context: jinja2.runtime.Context, value: dt.date | dt.datetime) -> str:
    """``{{ meeting.start|iso }}``: ISO 8601, with the zone's offset for instants."""
    if isinstance(value, dt.datetime):
        return dates.iso(value, _zone(context))
    return value.isoformat()


def stylesheet(env: jinja2.Environment) -> str:
    """The stylesheet's text: the council's ``site.css`` if it has one, else the built-in."""
    loader = env.loader
    if loader is None:  # pragma: no cover - environment() always sets one
        msg = "the template environment has no loader"
        raise RuntimeError(msg)
    source, _, _ = loader.get_source(env, STYLESHEET)
    return source
