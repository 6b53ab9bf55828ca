"""The ``rss`` publisher: RSS 2.0 and Atom feeds of the public timeline."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from csp_core import (
    Body,
    BuildContext,
    CombinedContext,
    Event,
    Option,
    OutputFile,
    Partnership,
    i18n,
    text,
)
from csp_rss import feeds
from csp_rss.items import MeetingIndex, entry, feed_time, newest_first
from csp_rss.options import OPTIONS, RssOptions

__all__ = ["RssPublisher"]

_ALL = "feeds/{format}.xml"
_BODY = "feeds/bodies/{body}/{format}.xml"

CATALOGUE = i18n.Catalogue("csp_rss", "csp_rss")
"""The plugin's own messages: ``csp_rss/locale/<locale>/LC_MESSAGES/csp_rss.mo``."""


@attrs.frozen
class RssPublisher:
    """News feeds of what a partnership publishes, in RSS 2.0 and Atom.

    One item per public timeline event — meetings announced, cancelled, postponed or moved,
    draft agendas, agendas, reports, new versions of documents, minutes, plans coming into
    force, strategic assessments and annual reviews — for the whole partnership, and for each
    body the items about its meetings.
    """

    name: str = "rss"
    description: str = "RSS 2.0 and Atom news feeds of what the partnership publishes"
    outputs: tuple[str, ...] = (
        "feeds/rss.xml",
        "feeds/atom.xml",
        "feeds/bodies/{body}/rss.xml",
        "feeds/bodies/{body}/atom.xml",
    )
    options: tuple[Option[Any], ...] = OPTIONS

    def render(self, context: BuildContext) -> Iterator[OutputFile]:
        """Render the feeds; the same context always gives the same bytes.

        Args:
            context: the public view, this publisher's options and the base URL.

        Yields:
            ``feeds/rss.xml`` and ``feeds/atom.xml``, then both feeds of each public body, in
            the order of the partnership's bodies (a private body has none).  Nothing when
            there is no address to link the feeds to: the partnership has no ``web`` address
            and the build no publishing address (``site`` or ``--base-url``), for which the
            build already warns.  RSS 2.0 requires the channel ``link`` to be an absolute
            address, and there is no honest one to make up.
        """
        settings = RssOptions.of(context)
        view = context.view
        site = context.home
        if site is None:
            return
        index = MeetingIndex.of(view.partnership)
        language = words(context)
        yield from _files(context, settings, language, events=view.timeline, index=index, site=site)
        for body in view.public_bodies():  # a private body has no feed
            events = tuple(
                event
                for event in view.timeline
                if (meeting := index.meeting(event)) is not None and meeting.body == body.id
            )
            yield from _files(
                context, settings, language, events=events, index=index, site=site, body=body
            )

    def combine(self, context: CombinedContext) -> Iterator[OutputFile]:
        """The county feeds ``feeds/rss.xml`` and ``feeds/atom.xml`` (docs/county.md).

        The items of every partnership's own feed (the same ids, which name the partnership),
        newest first, at most ``limit``.  The channel ``link`` (an absolute address) is the
        set's address (:attr:`csp_core.CombinedContext.home`); nothing when it has none.
        """
        site = context.home
        if site is None:
            return
        settings = RssOptions.of(context.members[0])
        chosen: list[tuple[Event, BuildContext, feeds.Entry]] = []
        for member in context.members:
            home = member.home
            if home is None:
                continue
            view = member.view
            index = MeetingIndex.of(view.partnership)
            language = words(member)
            chosen += [
                (
                    event,
                    member,
                    entry(
                        event,
                        authority=settings.tag_authority,
                        partnership=view.partnership,
                        language=language,
                        link=_link(event, index, member, settings, home),
                        updated=view.updated(event),
                    ),
                )
                for event in newest_first(view.timeline, settings.limit)
            ]
        by_id = sorted(chosen, key=lambda item: item[2].id)
        newest = sorted(by_id, key=lambda item: item[0].at, reverse=True)[: settings.limit]
        members = [member.view.partnership for member in context.members]
        zone = members[0].timezone
        stamps = [owner.view.updated(event) for event, owner, _ in newest]
        updated = max(stamps or [member.view.latest_update() for member in context.members])
        names = ", ".join(partnership.name for partnership in members)
        language = i18n.language(context.language, CATALOGUE)
        entries = tuple(item for _, _, item in newest)
        for format_, media_type, write in (
            ("rss", feeds.RSS_MEDIA_TYPE, feeds.rss),
            ("atom", feeds.ATOM_MEDIA_TYPE, feeds.atom),
        ):
            path = _ALL.format(format=format_)
            feed = feeds.Feed(
                id=text.tag_uri(
                    settings.tag_authority, "+".join(p.id for p in members), "feeds/all"
                ),
                title=names,
                description=language.gettext(
                    "What these partnerships publish: {partnerships}. Meetings announced, "
                    "cancelled or moved; agendas, papers and minutes; plans, strategic "
                    "assessments and annual reviews.",
                    partnerships=names,
                ),
                site=site,
                self_url=context.url(path),
                language=language.tag,
                author=names,
                email=None,
                updated=feed_time(updated, zone),
                entries=entries,
            )
            yield OutputFile(
                path=path, content=write(feed), media_type=media_type, items=len(entries)
            )


def _link(
    event: Event, index: MeetingIndex, context: BuildContext, settings: RssOptions, site: str
) -> str:
    """Where an item points: its document, else its meeting's page, else the site."""
    document = context.link(event.link) if event.link else None
    if document is not None:
        return document
    meeting = index.meeting(event)
    if meeting is not None and settings.meeting_page is not None:
        page = context.url(settings.meeting_page.format(meeting=meeting.id))
        if page is not None:
            return page
    return site


def _files(
    context: BuildContext,
    settings: RssOptions,
    language: i18n.Language,
    *,
    events: tuple[Event, ...],
    index: MeetingIndex,
    site: str,
    body: Body | None = None,
) -> Iterator[OutputFile]:
    """Both formats of one feed: the partnership's (``body`` ``None``) or a body's."""
    view = context.view
    partnership = view.partnership
    chosen = newest_first(events, settings.limit)
    entries = tuple(
        entry(
            event,
            authority=settings.tag_authority,
            partnership=partnership,
            language=language,
            link=_link(event, index, context, settings, site),
            updated=view.updated(event),
        )
        for event in chosen
    )
    updated = feed_time(view.latest_update(chosen), partnership.timezone)
    for format_, media_type, write in (
        ("rss", feeds.RSS_MEDIA_TYPE, feeds.rss),
        ("atom", feeds.ATOM_MEDIA_TYPE, feeds.atom),
    ):
        path = (
            _ALL.format(format=format_)
            if body is None
            else _BODY.format(body=body.id, format=format_)
        )
        feed = feeds.Feed(
            id=text.tag_uri(
                settings.tag_authority,
                partnership.id,
                "feeds/all" if body is None else f"feeds/bodies/{body.id}",
            ),
            title=_title(partnership, body, language),
            description=_description(partnership, body, language),
            site=site,
            self_url=context.url(path),
            language=language.tag,
            author=partnership.name,
            email=partnership.contact.email,
            updated=updated,
            entries=entries,
        )
        yield OutputFile(path=path, content=write(feed), media_type=media_type, items=len(entries))


def words(context: BuildContext) -> i18n.Language:
    """The language of the view, with the plugin's catalogue in front of the core's."""
    return i18n.language(context.view.language.tag, CATALOGUE)


def _title(partnership: Partnership, body: Body | None, language: i18n.Language) -> str:
    """The feed's title: the partnership's name, or the partnership's and a body's."""
    if body is None:
        return partnership.name
    return language.gettext("{partnership}: {body}", partnership=partnership.name, body=body.name)


def _description(partnership: Partnership, body: Body | None, language: i18n.Language) -> str:
    """The feed's description: what the partnership publishes, or about one of its bodies."""
    if body is None:
        return language.gettext(
            "What {partnership} publishes: meetings announced, cancelled or moved; agendas, "
            "papers and minutes; plans, strategic assessments and annual reviews.",
            partnership=partnership.name,
        )
    return language.gettext(
        "What {partnership} publishes about meetings of {body}: meetings announced, cancelled "
        "or moved; agendas, papers and minutes.",
        partnership=partnership.name,
        body=body.name,
    )
