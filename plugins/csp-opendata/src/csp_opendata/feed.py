"""``opendata/feed.json``: a JSON Feed 1.1 of the public timeline, the RSS feed's items.

The same events as csp-rss's ``feeds/rss.xml`` (the view's timeline, the ``limit`` newest,
newest first, ties by id), with the same ids (``tag:`` URIs of the events' stable ids, given the
same ``tag_authority``), titles, summaries, moments and links.
"""

from __future__ import annotations

from typing import Any

from csp_core import BuildContext, Event, Meeting, i18n, labels, text
from csp_opendata.common import drop_none, iso_moment, link
from csp_opendata.options import OpendataOptions

__all__ = ["VERSION", "feed", "newest_first"]

VERSION = "https://jsonfeed.org/version/1.1"


def newest_first(events: tuple[Event, ...], limit: int) -> tuple[Event, ...]:
    """The ``limit`` most recent events, newest first; events at the same moment by id."""
    by_id = sorted(events, key=lambda event: event.id)
    return tuple(sorted(by_id, key=lambda event: event.at, reverse=True)[:limit])


def _item_link(
    context: BuildContext,
    settings: OpendataOptions,
    event: Event,
    meetings: dict[str, Meeting],
) -> str | None:
    """Where an item points: its document, else its meeting's page, else the site."""
    document = link(context, event.link)
    if document is not None and context.link(event.link or "") is not None:
        return document
    meeting = None if event.meeting is None else meetings.get(event.meeting)
    if meeting is not None and settings.meeting_page is not None:
        page = context.url(settings.meeting_page.format(meeting=meeting.id))
        if page is not None:
            return page
    home = context.home
    return None if home is None else text.clean_url(home)


def feed(
    context: BuildContext, settings: OpendataOptions, language: i18n.Language, path: str
) -> dict[str, Any]:
    """The JSON Feed of the view, as JSON values."""
    view = context.view
    partnership = view.partnership
    meetings = {meeting.id: meeting for meeting in partnership.meetings}
    chosen = newest_first(view.timeline, settings.limit)
    items = [
        drop_none(
            [
                ("id", text.tag_uri(settings.tag_authority, partnership.id, event.id)),
                ("url", _item_link(context, settings, event, meetings)),
                ("title", text.clean(event.title)),
                ("content_text", text.clean(event.summary)),
                ("date_published", iso_moment(event.at, partnership)),
                ("date_modified", iso_moment(view.updated(event), partnership)),
                ("tags", [labels.label(event.kind, language)]),
                ("language", language.tag),
                (
                    "_csp",
                    drop_none(
                        [
                            ("about", "https://csp-core.invalid/opendata/feed"),
                            ("event", event.id),
                            ("kind", event.kind.value),
                            ("subject", event.subject),
                            ("meeting", event.meeting),
                            ("document", event.document),
                        ]
                    ),
                ),
            ]
        )
        for event in chosen
    ]
    home = context.home
    return drop_none(
        [
            ("version", VERSION),
            ("title", text.clean(partnership.name)),
            ("home_page_url", None if home is None else text.clean_url(home)),
            ("feed_url", context.url(path)),
            (
                "description",
                language.gettext(
                    "What {partnership} publishes: meetings announced, cancelled or moved; "
                    "agendas, papers and minutes; plans, strategic assessments and annual "
                    "reviews.",
                    partnership=text.clean(partnership.name),
                ),
            ),
            ("language", language.tag),
            (
                "authors",
                [drop_none([("name", text.clean(partnership.name)), ("url", _home(context))])],
            ),
            ("items", items),
        ]
    )


def _home(context: BuildContext) -> str | None:
    home = context.home
    return None if home is None else text.clean_url(home)
