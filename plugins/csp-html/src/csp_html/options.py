"""The publisher's options: declared with their defaults, and checked before anything renders."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import attrs
from csp_core import Option

__all__ = ["OPTIONS", "HtmlOptions", "parse_options"]

OPTIONS = (
    Option(
        name="templates",
        help="a folder of your own templates (base.html, index.html, meeting.html, plan.html, "
        "assessment.html, macros.html, chart.html, site.css) that replace the built-in ones "
        "of the same name; empty for the built-in templates",
        default="",
    ),
    Option(
        name="calendars",
        help="whether to link the calendars of the ical publisher (calendar.ics, "
        "bodies/{body}.ics) with Subscribe links (true or false)",
        default="true",
    ),
    Option(
        name="deadlines_calendar",
        help="whether to link deadlines.ics, the calendar of publication deadlines "
        "(true or false; only when calendars is true)",
        default="true",
    ),
    Option(
        name="feeds",
        help="whether to link the news feeds of the rss publisher (feeds/rss.xml, "
        "feeds/atom.xml) and announce them for autodiscovery (true or false)",
        default="true",
    ),
    Option(
        name="map_links",
        help="whether to link each venue to OpenStreetMap, from its coordinates or postcode "
        "(true or false); a link only, never an embedded map",
        default="true",
    ),
)

_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


@attrs.frozen(kw_only=True)
class HtmlOptions:
    """The options, checked and typed."""

    templates: Path | None
    calendars: bool
    deadlines_calendar: bool
    feeds: bool
    map_links: bool


def _flag(options: Mapping[str, str], name: str) -> bool:
    value = options.get(name, "true").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    msg = f"option {name}: {value!r} is not true or false"
    raise ValueError(msg)


def parse_options(options: Mapping[str, str]) -> HtmlOptions:
    """Check the options given to the publisher and turn them into :class:`HtmlOptions`.

    Raises:
        ValueError: a flag is neither true nor false, or ``templates`` is not a folder.
    """
    folder = options.get("templates", "").strip()
    templates = Path(folder).expanduser() if folder else None
    if templates is not None and not templates.is_dir():
        msg = f"option templates: {folder!r} is not a folder"
        raise ValueError(msg)
    return HtmlOptions(
        templates=templates,
        calendars=_flag(options, "calendars"),
        deadlines_calendar=_flag(options, "deadlines_calendar"),
        feeds=_flag(options, "feeds"),
        map_links=_flag(options, "map_links"),
    )
