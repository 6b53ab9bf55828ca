"""RSS 2.0 and Atom documents from a feed description, through feedgen.

This is the only module that touches feedgen, which has no type hints: everything it is given
is built here from the typed :class:`Feed` and :class:`Entry`, and everything it returns is
checked to be ``bytes``.  Two details of feedgen are handled here (DOMAIN F2, F3):

- it puts the build time in ``lastBuildDate`` / ``updated`` and its own name and version in
  ``generator`` unless told otherwise; both are set from the data, so two renders are
  byte-identical;
- it makes the *last* link added the RSS channel link, so the ``rel="self"`` link is added
  first and the site's ``alternate`` link last.

Each format gets its own generator: an RSS ``description`` — the channel's as well as each
item's — is HTML (RSS 2.0 calls it "entity-encoded HTML"), so it carries the HTML-escaped text,
while the Atom ``subtitle`` and ``summary`` are plain text (``type="text"``) and carry the text
as it is.  Every other text is plain text in both formats; lxml escapes it for XML once.

Texts pass through :func:`csp_core.text.clean` first and addresses through
:func:`csp_core.text.clean_url`, the rule every publisher follows: a character XML 1.0 forbids
or discourages becomes U+FFFD (lxml refuses to write the first, and feedparser reads C1
controls as Windows-1252), and an address holds only what a URI may.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING

import attrs

from csp_core import text

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

__all__ = [
    "ATOM_MEDIA_TYPE",
    "GENERATOR",
    "RSS_MEDIA_TYPE",
    "Entry",
    "Feed",
    "atom",
    "rss",
]

RSS_MEDIA_TYPE = "application/rss+xml"
ATOM_MEDIA_TYPE = "application/atom+xml"
GENERATOR = "csp-rss"
"""The ``generator`` element: a constant, with no version, so upgrades do not change the bytes."""


@attrs.frozen(kw_only=True)
class Entry:
    """One item of a feed."""

    id: str
    """The RSS ``guid`` (``isPermaLink="false"``) and Atom ``id``: a ``tag:`` URI."""
    title: str
    """Plain text."""
    summary: str
    """Plain text; escaped as each format needs."""
    link: str
    """Where to read more: an absolute address."""
    at: dt.datetime
    """The moment it happened: RSS ``pubDate`` and Atom ``published``."""
    updated: dt.datetime
    """When what the entry shows last changed (the core's stamp): Atom ``updated``."""
    category: str
    """The category term (the event kind)."""
    category_label: str
    """The category for people: the RSS ``category`` text and the Atom ``label``."""


@attrs.frozen(kw_only=True)
class Feed:
    """One feed, in either format."""

    id: str
    """The Atom feed ``id``: a ``tag:`` URI."""
    title: str
    description: str
    """RSS ``description`` and Atom ``subtitle``."""
    site: str
    """The site the feed is about: RSS channel ``link`` and Atom ``rel="alternate"`` link."""
    self_url: str | None
    """Where the feed itself is served, if known: the ``rel="self"`` link."""
    language: str
    author: str
    """Atom ``author`` name: the partnership."""
    email: str | None
    """Atom ``author`` email and RSS ``managingEditor``, if the partnership has one."""
    updated: dt.datetime
    """RSS ``lastBuildDate`` and Atom ``updated``: the newest entry's ``updated``, from the data,
    never the build time."""
    entries: tuple[Entry, ...]
    """In the order they appear: newest first."""


def _generator(feed: Feed, media_type: str, *, html_description: bool) -> FeedGenerator:
    # feedgen (and lxml) when a feed is made, not when the plugin loads (docs/performance.md).
    from feedgen.feed import FeedGenerator  # noqa: PLC0415

    generator = FeedGenerator()
    generator.id(text.clean(feed.id))
    generator.title(text.clean(feed.title))
    description = text.clean(feed.description)
    # RSS: the channel description is HTML, like an item's (feedgen writes it for Atom as the
    # plain-text subtitle).
    generator.description(
        html.escape(description, quote=False) if html_description else description
    )
    generator.language(feed.language)
    author = {"name": text.clean(feed.author), "uri": text.clean_url(feed.site)}
    if feed.email:
        author["email"] = text.clean(feed.email)
        generator.managingEditor(f"{text.clean(feed.email)} ({text.clean(feed.author)})")
    generator.author(author)
    # The self link first: feedgen makes the *last* link the RSS channel link (DOMAIN F3).
    if feed.self_url is not None:
        generator.link(href=text.clean_url(feed.self_url), rel="self", type=media_type)
    generator.link(href=text.clean_url(feed.site), rel="alternate", type="text/html")
    generator.generator(GENERATOR)
    generator.updated(feed.updated)
    return generator


def _entries(generator: FeedGenerator, feed: Feed, *, html_description: bool) -> None:
    for item in feed.entries:
        entry = generator.add_entry(order="append")
        entry.id(text.clean(item.id))
        entry.title(text.clean(item.title))
        entry.link(href=text.clean_url(item.link), rel="alternate")
        if html_description:
            entry.description(html.escape(text.clean(item.summary), quote=False))
        else:
            entry.summary(text.clean(item.summary))
        entry.category(term=text.clean(item.category), label=text.clean(item.category_label))
        entry.published(item.at)
        entry.updated(item.updated)


def _document(feed: Feed, *, rss: bool) -> bytes:
    """The feed as an RSS 2.0 (``rss``) or Atom document, checked to be ``bytes``."""
    generator = _generator(feed, RSS_MEDIA_TYPE if rss else ATOM_MEDIA_TYPE, html_description=rss)
    _entries(generator, feed, html_description=rss)
    write = generator.rss_str if rss else generator.atom_str
    value = write(pretty=True, encoding="UTF-8", xml_declaration=True)
    if not isinstance(value, bytes):  # pragma: no cover - feedgen always returns bytes
        msg = f"feedgen returned {type(value).__name__}, not bytes"
        raise TypeError(msg)
    return value


def rss(feed: Feed) -> bytes:
    """The feed as an RSS 2.0 document (UTF-8, with an XML declaration).

    Args:
        feed: what the feed holds.

    Returns:
        The document's bytes: the same feed always gives the same bytes.
    """
    return _document(feed, rss=True)


def atom(feed: Feed) -> bytes:
    """The feed as an Atom (RFC 4287) document (UTF-8, with an XML declaration).

    Args:
        feed: what the feed holds.

    Returns:
        The document's bytes: the same feed always gives the same bytes.
    """
    return _document(feed, rss=False)
