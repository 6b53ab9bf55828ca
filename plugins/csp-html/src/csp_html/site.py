"""What every page shares: the site (names, navigation, feeds, calendars) and the base context.

Every page gets the same base context (see :func:`base_context`); each page module adds its
own values.  docs/html.md lists them all for councils writing their own templates.
"""

from __future__ import annotations

import posixpath
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from babel import Locale
from csp_core import BuildContext, Partnership, dates, i18n, language_prefix, text
from markupsafe import Markup

from csp_html import jsonld, words
from csp_html.links import STYLESHEET_PATH, Link, mailto, relative, site_address, tel, webcal
from csp_html.options import HtmlOptions
from csp_html.templating import compose

__all__ = [
    "Alternate",
    "LanguageLink",
    "Page",
    "Site",
    "Subscription",
    "base_context",
    "feed_alternates",
    "feeds_written",
    "own_name",
    "site_for",
]

_NAV = (
    (i18n.N_("Home"), "index.html"),
    (i18n.N_("Plan"), "index.html#plan"),
    (i18n.N_("Assessments"), "index.html#assessments"),
    (i18n.N_("Meetings"), "index.html#meetings"),
    (i18n.N_("Members"), "index.html#members"),
    (i18n.N_("Contact"), "index.html#contact"),
)


@attrs.frozen(kw_only=True)
class Alternate:
    """A ``<link rel="alternate">`` for feed autodiscovery."""

    title: str
    type: str
    path: str


@attrs.frozen(kw_only=True)
class LanguageLink:
    """The same page in a language: for ``hreflang`` alternates and the language switch."""

    tag: str
    """BCP 47: 'cy', 'en-GB'; 'x-default' for the primary language's page as the default."""
    name: str
    """The language's name in itself: 'Cymraeg', 'English' (Unicode CLDR, through Babel)."""
    href: str
    """The page's address in that language: absolute under the base address, else relative
    to the page (ready to write, not passed through ``href()``)."""


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
    language: str = "en-GB"
    """The pages' language, BCP 47: ``<html lang>``, JSON-LD ``inLanguage``."""
    languages: tuple[str, ...] = ()
    """Every language the partnership publishes in, the primary first (one: no switch)."""
    top: str | None = None
    """The address of the output folder's top (the primary language's), if known."""
    prefix: str = ""
    """This language's folder in the output: '' or 'en-gb/'."""


@attrs.frozen(kw_only=True)
class Page:
    """One page to render: its output path, template and context."""

    path: str
    template: str
    context: dict[str, Any]


def feed_alternates(
    name: str,
    base: str | None,
    folder: str = "feeds/",
    language: i18n.Language = words.ENGLISH,
) -> tuple[Alternate, ...]:
    """The RSS and Atom feeds in ``folder``, announced for autodiscovery under ``name``."""
    return (
        Alternate(
            title=compose(language, language.translations.gettext("{name}: news (RSS)"), name=name),
            type="application/rss+xml",
            path=site_address(base, f"{folder}rss.xml"),
        ),
        Alternate(
            title=compose(
                language, language.translations.gettext("{name}: news (Atom)"), name=name
            ),
            type="application/atom+xml",
            path=site_address(base, f"{folder}atom.xml"),
        ),
    )


def _subscription(base: str | None, label: str, path: str) -> Subscription:
    return Subscription(label=label, path=site_address(base, path), webcal=webcal(base, path))


def feeds_written(context: BuildContext) -> bool:
    """Whether this build has news feeds to link: only when the partnership has an address.

    Feeds are made only when :attr:`csp_core.BuildContext.home` gives the partnership an
    address (RSS 2.0 needs an absolute channel link); without one the pages link no feed, so
    ``csp check`` finds no broken link.
    """
    return context.home is not None


def site_for(context: BuildContext, options: HtmlOptions) -> Site:
    """The shared parts of every page, for this build."""
    partnership = context.view.partnership
    language = words.language(context.view)
    base = context.base_url
    alternates: tuple[Alternate, ...] = ()
    feeds: tuple[Link, ...] = ()
    if options.feeds and feeds_written(context):
        alternates = feed_alternates(partnership.name, base, language=language)
        feeds = (
            Link(
                label=language.gettext("News feed (RSS)"), path=site_address(base, "feeds/rss.xml")
            ),
            Link(
                label=language.gettext("News feed (Atom)"),
                path=site_address(base, "feeds/atom.xml"),
            ),
        )
    calendars: list[Subscription] = []
    if options.calendars:
        calendars.append(_subscription(base, language.gettext("All meetings"), "calendar.ics"))
        bodies = context.view.public_bodies()  # a private body is never offered
        if len(bodies) > 1:
            calendars += [
                _subscription(
                    base,
                    compose(
                        language, language.translations.gettext("{body}: meetings"), body=body.name
                    ),
                    f"bodies/{body.id}.ics",
                )
                for body in bodies
            ]
        if options.deadlines_calendar:
            calendars.append(
                _subscription(
                    base, language.gettext("Publication deadlines for papers"), "deadlines.ics"
                )
            )
    contact = partnership.contact
    zone = partnership.timezone
    return Site(
        name=partnership.name,
        base_url=base,
        home=partnership.web or (f"{base}index.html" if base else None),
        nav=tuple(Link(label=language.gettext(label), path=path) for label, path in _NAV),
        alternates=alternates,
        calendars=tuple(calendars),
        feeds=feeds,
        stylesheet=STYLESHEET_PATH,
        as_at=dates.date_time(context.view.at, zone, language),
        as_at_iso=dates.iso(context.view.at, zone),
        contact_email=mailto(contact.email) if contact.email else None,
        contact_phone=tel(contact.phone) if contact.phone else None,
        language=language.tag,
        languages=context.languages,
        top=base.removesuffix(context.prefix) if base else None,
        prefix=context.prefix,
    )


def own_name(tag: str) -> str:
    """A language's name in itself: 'Cymraeg', 'English' (CLDR through Babel)."""
    locale = Locale.parse(i18n.LANGUAGES[tag])
    name = locale.get_language_name(locale) or tag
    return name[:1].upper() + name[1:]


def language_links(site: Site, path: str) -> tuple[LanguageLink, ...]:
    """Page ``path`` in every language of the partnership, the primary first; none for one.

    Absolute addresses when the site's address is known (search engines want them for
    ``hreflang``), else relative to the page, so a folder opened from disk still switches.
    """
    if len(site.languages) < 2:
        return ()
    here = posixpath.dirname(site.prefix + path) or "."
    found = []
    for tag in site.languages:
        target = language_prefix(site.languages, tag) + path
        address = f"{site.top}{target}" if site.top else posixpath.relpath(target, here)
        found.append(LanguageLink(tag=tag, name=own_name(tag), href=text.clean_url(address)))
    return tuple(found)


def base_context(
    site: Site,
    partnership: Partnership | None,
    path: str,
    *,
    zone: ZoneInfo | None = None,
    title: str,
    description: str,
    data: object | None,
    alternates: tuple[Alternate, ...] = (),
) -> dict[str, Any]:
    """The context every template gets.

    Keys: ``site``, ``partnership`` (``None`` on the county page), ``zone`` (its time zone,
    else ``zone``, for the date filters),
    ``page`` (this page's output path), ``root`` (``""`` or ``"../"``), ``href`` (a function
    making a site path or address relative to this page, and safe to write), ``title``,
    ``description``, ``canonical`` (absolute address or ``None``), ``alternates``,
    ``jsonld`` (the safe JSON-LD text, or ``None``), ``lang`` (the page's language tag),
    ``translations`` (this page in every language, for ``hreflang``: :class:`LanguageLink`,
    empty for one language) and ``other_languages`` (those but this page's, for the switch).
    """
    root = "../" * path.count("/")
    translations = language_links(site, path)

    def href(address: str) -> str:
        return relative(root, address)

    return {
        "site": site,
        "partnership": partnership,
        "zone": partnership.timezone if partnership is not None else zone,
        "page": path,
        "root": root,
        "href": href,
        "title": title,
        "description": description,
        "canonical": f"{site.base_url}{path}" if site.base_url else None,
        "alternates": site.alternates + alternates,
        "jsonld": Markup(jsonld.script_json(data)) if data is not None else None,  # noqa: S704 - escaped by script_json
        "lang": site.language,
        "translations": translations,
        "other_languages": tuple(link for link in translations if link.tag != site.language),
    }
