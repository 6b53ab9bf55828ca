"""The publisher's options: declared once with their parsers; the core checks them."""

from __future__ import annotations

from pathlib import Path

import attrs
from csp_core import BuildContext, CombinedContext, Option

__all__ = [
    "CALENDARS",
    "DEADLINES_CALENDAR",
    "FEEDS",
    "MAP_LINKS",
    "OPTIONS",
    "TEMPLATES",
    "HtmlOptions",
]


def _folder(value: str) -> Path | None:
    text = value.strip()
    if not text:
        return None
    folder = Path(text).expanduser()
    if not folder.is_dir():
        msg = f"{text!r} is not a folder"
        raise ValueError(msg)
    return folder


TEMPLATES = Option(
    name="templates",
    help="a folder of your own templates (base.html, index.html, meeting.html, plan.html, "
    "assessment.html, county.html, macros.html, chart.html, site.css) that replace the "
    "built-in ones "
    "of the same name; empty for the built-in templates",
    default="",
    parse=_folder,
)
CALENDARS = Option.flag(
    "calendars",
    "whether to link the calendars of the ical publisher (calendar.ics, "
    "bodies/{body}.ics) with Subscribe links (true or false)",
    default=True,
)
DEADLINES_CALENDAR = Option.flag(
    "deadlines_calendar",
    "whether to link deadlines.ics, the calendar of publication deadlines "
    "(true or false; only when calendars is true)",
    default=True,
)
FEEDS = Option.flag(
    "feeds",
    "whether to link the news feeds of the rss publisher (feeds/rss.xml, "
    "feeds/atom.xml) and announce them for autodiscovery (true or false)",
    default=True,
)
MAP_LINKS = Option.flag(
    "map_links",
    "whether to link each venue to OpenStreetMap, from its coordinates or postcode "
    "(true or false); a link only, never an embedded map",
    default=True,
)
OPTIONS = (TEMPLATES, CALENDARS, DEADLINES_CALENDAR, FEEDS, MAP_LINKS)


@attrs.frozen(kw_only=True)
class HtmlOptions:
    """The options, as the core parsed them."""

    templates: Path | None
    calendars: bool
    deadlines_calendar: bool
    feeds: bool
    map_links: bool

    @classmethod
    def of(cls, context: BuildContext | CombinedContext) -> HtmlOptions:
        """The options given to this build (defaults for those not given)."""
        return cls(
            templates=context.value(TEMPLATES),
            calendars=context.value(CALENDARS),
            deadlines_calendar=context.value(DEADLINES_CALENDAR),
            feeds=context.value(FEEDS),
            map_links=context.value(MAP_LINKS),
        )
