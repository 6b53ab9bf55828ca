"""The Jinja2 environment: the built-in templates, overridden by name from a council's folder.

Autoescaping is on for every ``.html`` template, so any text from the data is escaped wherever
a template prints it; ``StrictUndefined`` makes a misspelt variable in a council's template an
error rather than a silent blank.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from pathlib import Path

import jinja2
import jinja2.runtime
from csp_core import dates, labels, text
from markupsafe import Markup

__all__ = ["STYLESHEET", "TEMPLATES", "environment", "printable", "stylesheet"]


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


@functools.lru_cache(maxsize=16)
def environment(folder: Path | None) -> jinja2.Environment:
    """An environment loading ``folder``'s templates first, then the built-in ones.

    Environments are kept per folder, so templates compile once per process; ``auto_reload``
    recompiles a template whose file has changed since (for a long-running preview server).

    Args:
        folder: a council's template folder, or ``None`` for the built-in templates only.
    """
    loaders: list[jinja2.BaseLoader] = []
    if folder is not None:
        loaders.append(jinja2.FileSystemLoader(str(folder), encoding="utf-8"))
    loaders.append(jinja2.PackageLoader("csp_html", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "svg", "xml"), default_for_string=True
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
        finalize=printable,
    )
    env.filters.update(
        {
            "long_date": _long_date,
            "short_date": _short_date,
            "date_time": _date_time,
            "time_of_day": _time_of_day,
            "iso": _iso,
            "number": labels.number,
            "quantity": labels.quantity,
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
def _long_date(context: jinja2.runtime.Context, value: dt.date | dt.datetime) -> str:
    """``{{ meeting.start|long_date }}``: 'Thursday 17 October 2019'."""
    return dates.long_date(_day(context, value))


@jinja2.pass_context
def _short_date(context: jinja2.runtime.Context, value: dt.date | dt.datetime) -> str:
    """``{{ reading.on|short_date }}``: '17 October 2019'."""
    return dates.short_date(_day(context, value))


@jinja2.pass_context
def _date_time(context: jinja2.runtime.Context, value: dt.datetime) -> str:
    """``{{ meeting.start|date_time }}``: 'Thursday 17 October 2019, 11:15'."""
    return dates.date_time(value, _zone(context))


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
