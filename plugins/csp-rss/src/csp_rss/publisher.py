"""The ``rss`` publisher: RSS 2.0 and Atom feeds of the public timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs

from csp_core import FLOOR, Body, BuildContext, Event, Option, OutputFile, Partnership
from csp_rss import feeds
from csp_rss.items import MeetingIndex, absolute, entry, feed_time, newest_first, tag_uri
from csp_rss.options import OPTIONS, RssOptions

__all__ = ["RssPublisher"]

_ALL = "feeds/{format}.xml"
_BODY = "feeds/bodies/{body}/{format}.xml"


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
            ``feeds/rss.xml`` and ``feeds/atom.xml``, then both feeds of each body, in the
            order of the partnership's bodies.

        Raises:
            ValueError: a bad option, or no site address to link the feeds to (the partnership
                has no ``web`` address and no base URL was given).
        """
        settings = RssOptions.of(context)
        partnership = context.view.partnership
        site = _site(context)
        index = MeetingIndex.of(partnership)
        timeline = context.view.timeline
        fallback = _empty_feed_time(context)
        yield from _files(
            context,
            settings,
            events=timeline,
            index=index,
            site=site,
            fallback=fallback,
            body=None,
        )
        for body in partnership.bodies:
            events = tuple(
                event
                for event in timeline
                if (meeting := index.meeting(event)) is not None and meeting.body == body.id
            )
            yield from _files(
                context,
                settings,
                events=events,
                index=index,
                site=site,
                fallback=fallback,
                body=body,
            )


def _site(context: BuildContext) -> str:
    """The site the feeds belong to: the partnership's web address, else the base URL."""
    site = context.view.partnership.web or context.base_url
    if site is None:
        msg = (
            "rss: the feeds need a site to link to: give the partnership a web address "
            "(web = ...) or build with --base-url"
        )
        raise ValueError(msg)
    return site


def _empty_feed_time(context: BuildContext) -> dt.datetime:
    """``updated`` of a feed with no items: the newest stamp of any public event.

    With no public event at all, the core's floor (``csp_core.public.FLOOR``): a constant, so an
    empty feed's bytes do not change from one build to the next.
    """
    view = context.view
    moment = max((view.updated(event) for event in view.timeline), default=FLOOR)
    return feed_time(moment, view.partnership.timezone)


def _link(
    event: Event, index: MeetingIndex, context: BuildContext, settings: RssOptions, site: str
) -> str:
    """Where an item points: its document, else its meeting's page, else the site."""
    document = absolute(event.link)
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
    *,
    events: tuple[Event, ...],
    index: MeetingIndex,
    site: str,
    fallback: dt.datetime,
    body: Body | None,
) -> Iterator[OutputFile]:
    partnership = context.view.partnership
    chosen = newest_first(events, settings.limit)
    entries = tuple(
        entry(
            event,
            authority=settings.tag_authority,
            partnership=partnership,
            link=_link(event, index, context, settings, site),
            updated=context.view.updated(event),
        )
        for event in chosen
    )
    updated = max((item.updated for item in entries), default=fallback)
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
            id=tag_uri(
                settings.tag_authority,
                partnership.id,
                "feeds/all" if body is None else f"feeds/bodies/{body.id}",
            ),
            title=_title(partnership, body),
            description=_description(partnership, body),
            site=site,
            self_url=context.url(path),
            language=settings.language,
            author=partnership.name,
            email=partnership.contact.email,
            updated=updated,
            entries=entries,
        )
        yield OutputFile(path=path, content=write(feed), media_type=media_type, items=len(entries))


def _title(partnership: Partnership, body: Body | None) -> str:
    return partnership.name if body is None else f"{partnership.name}: {body.name}"


def _description(partnership: Partnership, body: Body | None) -> str:
    if body is None:
        return (
            f"What {partnership.name} publishes: meetings announced, cancelled or moved; "
            "agendas, papers and minutes; plans, strategic assessments and annual reviews."
        )
    return (
        f"What {partnership.name} publishes about meetings of {body.name}: meetings "
        "announced, cancelled or moved; agendas, papers and minutes."
    )
