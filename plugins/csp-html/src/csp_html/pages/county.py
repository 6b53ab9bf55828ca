"""The county index page: every partnership built together, with links to its own outputs.

``index.html`` at the top of the output folder when several partnerships are built together
(``csp build A B``, a county folder: see docs/county.md), in every language of the set.  It
lists each partnership with its area, its next public meeting, and links to its pages, its
calendar and its news feeds, and offers the combined calendar and feeds of the whole set.
What it shows of each partnership comes from that partnership's public view alone, as its
own pages do.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin

import attrs
from csp_core import BuildContext, CombinedContext, MeetingStatus, dates, i18n, labels, text

from csp_html import jsonld
from csp_html.links import STYLESHEET_PATH, Link, meeting_path, site_address, webcal
from csp_html.options import HtmlOptions
from csp_html.site import (
    Alternate,
    Page,
    Site,
    Subscription,
    base_context,
    feed_alternates,
    own_name,
)
from csp_html.templating import CATALOGUE, Sentence, compose

__all__ = ["MemberEntry", "NextMeeting", "county_page", "county_site"]

PATH = "index.html"
CALENDAR = "calendar.ics"


@attrs.frozen(kw_only=True)
class NextMeeting:
    """A partnership's next public meeting, as the county page lists it."""

    title: str
    path: str
    """Its page, relative to the county page's folder."""
    start: str
    """'Thursday 17 October 2019, 11:15', in the county page's language."""
    start_iso: str
    status: str | None
    """'Postponed', 'Rescheduled'; ``None`` when it goes ahead as announced."""


@attrs.frozen(kw_only=True)
class MemberEntry:
    """A partnership of the set: its name, area, next meeting and where its outputs are."""

    id: str
    name: str
    area: str
    lang: str | None
    """Its texts' language when it is not the page's (it does not publish in it): for
    ``lang`` on them; ``None`` when it is the page's."""
    language: str | None
    """That language's name in itself ('English'), shown beside its link; ``None`` as above."""
    path: str
    """Its index page, relative to the county page's folder."""
    web: str | None
    """Its own web page elsewhere, if the data gives one."""
    next_meeting: NextMeeting | None
    calendar: Subscription | None
    """Its calendar of public meetings (when the pages link calendars)."""
    feeds: tuple[Link, ...]
    """Its news feeds (when the pages link feeds and it has an address to make them)."""


def _next_meeting(
    member: BuildContext, context: CombinedContext, language: i18n.Language
) -> NextMeeting | None:
    view = member.view
    found = view.next_meeting()
    if found is None:
        return None
    zone = view.partnership.timezone
    return NextMeeting(
        title=found.title,
        path=context.member_path(member, meeting_path(found)),
        start=dates.date_time(found.start, zone, language),
        start_iso=dates.iso(found.start, zone),
        status=(
            None
            if found.status is MeetingStatus.SCHEDULED
            else labels.label(found.status, language)
        ),
    )


def _member(
    member: BuildContext,
    context: CombinedContext,
    options: HtmlOptions,
    language: i18n.Language,
) -> MemberEntry:
    view = member.view
    partnership = view.partnership
    tag = view.language.tag

    def address(path: str) -> str:
        """The member's file: absolute when its address is known, else relative to this page."""
        return member.url(path) or context.member_path(member, path)

    calendar = None
    if options.calendars:
        calendar = Subscription(
            label=language.gettext("Its meetings"),
            path=address(CALENDAR),
            webcal=webcal(member.base_url, CALENDAR),
        )
    feeds = _feeds(language, address) if options.feeds and member.home is not None else ()
    return MemberEntry(
        id=partnership.id,
        name=partnership.name,
        area=partnership.area,
        lang=None if tag == context.language else tag,
        language=None if tag == context.language else own_name(tag),
        path=context.member_path(member, PATH),
        web=partnership.web,
        next_meeting=_next_meeting(member, context, language),
        calendar=calendar,
        feeds=feeds,
    )


def _feeds(language: i18n.Language, address: Callable[[str], str]) -> tuple[Link, ...]:
    """The RSS and Atom feeds' links, each at ``address(path)``."""
    return (
        Link(label=language.gettext("News feed (RSS)"), path=address("feeds/rss.xml")),
        Link(label=language.gettext("News feed (Atom)"), path=address("feeds/atom.xml")),
    )


def county_site(context: CombinedContext, options: HtmlOptions) -> Site:
    """What the county page shares with the layout: its name, calendar, feeds and instant."""
    language = i18n.language(context.language, CATALOGUE)
    first = context.members[0].view
    zone = first.partnership.timezone
    base = context.base_url
    calendars: tuple[Subscription, ...] = ()
    if options.calendars:
        calendars = (
            Subscription(
                label=language.gettext("Every partnership’s meetings"),
                path=site_address(base, CALENDAR),
                webcal=webcal(base, CALENDAR),
            ),
        )
    feeds: tuple[Link, ...] = ()
    if options.feeds and context.home is not None:  # the county feeds are made only then
        feeds = _feeds(language, lambda path: site_address(base, path))
    name = language.gettext("Community safety partnerships")
    return Site(
        name=name,
        base_url=base,
        home=f"{base}{PATH}" if base else None,
        nav=(),
        alternates=(),
        calendars=calendars,
        feeds=feeds,
        stylesheet=STYLESHEET_PATH,
        as_at=dates.date_time(first.at, zone, language),
        as_at_iso=dates.iso(first.at, zone),
        contact_email=None,
        contact_phone=None,
        language=context.language,
        languages=context.languages,
        top=base.removesuffix(context.prefix) if base else None,
        prefix=context.prefix,
    )


def county_page(context: CombinedContext, options: HtmlOptions) -> Page:
    """``index.html`` of the set, in ``context.language``."""
    language = i18n.language(context.language, CATALOGUE)
    site = county_site(context, options)
    members = tuple(_member(member, context, options, language) for member in context.members)
    names = [entry.name for entry in members]
    description: Sentence = compose(
        language,
        language.translations.gettext(
            "Public meetings, papers and news of these community safety partnerships: "
            "{partnerships}."
        ),
        partnerships=", ".join(names),
    )
    alternates: tuple[Alternate, ...] = ()
    if site.feeds:
        alternates = feed_alternates(site.name, site.base_url, language=language)
    data = jsonld.partnership_list(
        [(entry.name, site_url(site, entry.path), entry.area) for entry in members],
        name=site.name,
        url=site.home,
    )
    page_context = base_context(
        site,
        None,
        PATH,
        zone=context.members[0].view.partnership.timezone,
        title=site.name,
        description=str(description),
        data=data,
        alternates=alternates,
    )
    page_context.update(
        members=members,
        lead=description,
    )
    return Page(path=PATH, template="county.html", context=page_context)


def site_url(site: Site, path: str) -> str | None:
    """The absolute address of a path relative to the county page, if the base is known."""
    if site.base_url is None:
        return None
    return text.clean_url(urljoin(site.base_url, path))
