"""What every page shares: the site (names, navigation, feeds, calendars) and the base context.

Every page gets the same base context (see :func:`base_context`); each page module adds its
own values.  docs/html.md lists them all for councils writing their own templates.
"""

from __future__ import annotations

from typing import Any

import attrs
from csp_core import BuildContext, Partnership, dates
from markupsafe import Markup

from csp_html import jsonld
from csp_html.links import STYLESHEET_PATH, Link, mailto, relative, site_address, tel, webcal
from csp_html.options import HtmlOptions

__all__ = [
    "Alternate",
    "Page",
    "Site",
    "Subscription",
    "base_context",
    "feed_alternates",
    "site_for",
]

_NAV = (
    Link(label="Home", path="index.html"),
    Link(label="Plan", path="index.html#plan"),
    Link(label="Assessments", path="index.html#assessments"),
    Link(label="Meetings", path="index.html#meetings"),
    Link(label="Members", path="index.html#members"),
    Link(label="Contact", path="index.html#contact"),
)


@attrs.frozen(kw_only=True)
class Alternate:
    """A ``<link rel="alternate">`` for feed autodiscovery."""

    title: str
    type: str
    path: str


@attrs.frozen(kw_only=True)
class Subscription:
    """A calendar to subscribe to: its https (or relative) address, and webcal when known."""

    label: str
    path: str
    webcal: str | None


@attrs.frozen(kw_only=True)
class Site:
    """What every page shares: names, navigation, feeds, calendars, contact and the instant."""

    name: str
    base_url: str | None
    home: str | None
    """The partnership's address for JSON-LD: its own web page, else the site's index."""
    nav: tuple[Link, ...]
    alternates: tuple[Alternate, ...]
    calendars: tuple[Subscription, ...]
    feeds: tuple[Link, ...]
    stylesheet: str
    as_at: str
    """'Tuesday 1 October 2019, 09:00': the instant the pages show the partnership at."""
    as_at_iso: str
    contact_email: str | None
    """A ``mailto:`` link to the partnership, if it has a public email address."""
    contact_phone: str | None
    """A ``tel:`` link, if it has a public phone number."""


@attrs.frozen(kw_only=True)
class Page:
    """One page to render: its output path, template and context."""

    path: str
    template: str
    context: dict[str, Any]


def feed_alternates(name: str, base: str | None, folder: str = "feeds/") -> tuple[Alternate, ...]:
    """The RSS and Atom feeds in ``folder``, announced for autodiscovery under ``name``."""
    return (
        Alternate(
            title=f"{name}: news (RSS)",
            type="application/rss+xml",
            path=site_address(base, f"{folder}rss.xml"),
        ),
        Alternate(
            title=f"{name}: news (Atom)",
            type="application/atom+xml",
            path=site_address(base, f"{folder}atom.xml"),
        ),
    )


def _subscription(base: str | None, label: str, path: str) -> Subscription:
    return Subscription(label=label, path=site_address(base, path), webcal=webcal(base, path))


def site_for(context: BuildContext, options: HtmlOptions) -> Site:
    """The shared parts of every page, for this build."""
    partnership = context.view.partnership
    base = context.base_url
    alternates: tuple[Alternate, ...] = ()
    feeds: tuple[Link, ...] = ()
    if options.feeds:
        alternates = feed_alternates(partnership.name, base)
        feeds = (
            Link(label="News feed (RSS)", path=site_address(base, "feeds/rss.xml")),
            Link(label="News feed (Atom)", path=site_address(base, "feeds/atom.xml")),
        )
    calendars: list[Subscription] = []
    if options.calendars:
        calendars.append(_subscription(base, "All meetings", "calendar.ics"))
        if len(partnership.bodies) > 1:
            calendars += [
                _subscription(base, f"{body.name}: meetings", f"bodies/{body.id}.ics")
                for body in partnership.bodies
            ]
        if options.deadlines_calendar:
            calendars.append(
                _subscription(base, "Publication deadlines for papers", "deadlines.ics")
            )
    contact = partnership.contact
    zone = partnership.timezone
    return Site(
        name=partnership.name,
        base_url=base,
        home=partnership.web or (f"{base}index.html" if base else None),
        nav=_NAV,
        alternates=alternates,
        calendars=tuple(calendars),
        feeds=feeds,
        stylesheet=STYLESHEET_PATH,
        as_at=dates.date_time(context.view.at, zone),
        as_at_iso=dates.iso(context.view.at, zone),
        contact_email=mailto(contact.email) if contact.email else None,
        contact_phone=tel(contact.phone) if contact.phone else None,
    )


def base_context(
    site: Site,
    partnership: Partnership,
    path: str,
    *,
    title: str,
    description: str,
    data: object | None,
    alternates: tuple[Alternate, ...] = (),
) -> dict[str, Any]:
    """The context every template gets.

    Keys: ``site``, ``partnership``, ``zone`` (its time zone, for the date filters),
    ``page`` (this page's output path), ``root`` (``""`` or ``"../"``), ``href`` (a function
    making a site path or address relative to this page, and safe to write), ``title``,
    ``description``, ``canonical`` (absolute address or ``None``), ``alternates`` and
    ``jsonld`` (the safe JSON-LD text, or ``None``).
    """
    root = "../" * path.count("/")

    def href(address: str) -> str:
        return relative(root, address)

    return {
        "site": site,
        "partnership": partnership,
        "zone": partnership.timezone,
        "page": path,
        "root": root,
        "href": href,
        "title": title,
        "description": description,
        "canonical": f"{site.base_url}{path}" if site.base_url else None,
        "alternates": site.alternates + alternates,
        "jsonld": Markup(jsonld.script_json(data)) if data is not None else None,  # noqa: S704 - escaped by script_json
    }
