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
Addresses are written with :func:`xml_url`.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import urllib.parse

import attrs
from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

__all__ = [
    "ATOM_MEDIA_TYPE",
    "GENERATOR",
    "RSS_MEDIA_TYPE",
    "Entry",
    "Feed",
    "atom",
    "rss",
    "xml_text",
    "xml_url",
]

RSS_MEDIA_TYPE = "application/rss+xml"
ATOM_MEDIA_TYPE = "application/atom+xml"
GENERATOR = "csp-rss"
"""The ``generator`` element: a constant, with no version, so upgrades do not change the bytes."""

# Characters XML 1.0 does not allow (section 2.2, Char), which lxml refuses to write, and those
# it asks authors to avoid (the note to 2.2: C1 controls and non-characters), which parsers
# mangle (feedparser reads U+0080-U+009F as Windows-1252); lone surrogates, which no encoding
# can write.  The same rule as the other publishers' (docs/plugins.md, "Escaping").
_NONCHARACTERS = "".join(
    chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17)
)
_NOT_XML = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]")
_LINE_BREAK = re.compile("\r\n?")
#: What may stay as it is in an address: RFC 3986 reserved and unreserved characters and '%'.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def xml_text(text: str) -> str:
    """``text`` with line breaks made LF and each character XML forbids or discourages U+FFFD.

    CR LF and a lone CR become LF; the control characters but tab and newline (C0, DEL and
    C1), lone surrogates and the Unicode non-characters become U+FFFD; everything else is kept
    as it is.
    """
    return _NOT_XML.sub("\N{REPLACEMENT CHARACTER}", _LINE_BREAK.sub("\n", text))


def xml_url(address: str) -> str:
    """``address`` with every character a URI may not hold percent-encoded (as UTF-8).

    Spaces, quotes, ``<``, ``>``, control characters and non-ASCII letters are encoded;
    reserved characters and existing escapes are kept, so the address points where it did.
    """
    return urllib.parse.quote(address, safe=_URL_SAFE)


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
    generator = FeedGenerator()
    generator.id(xml_text(feed.id))
    generator.title(xml_text(feed.title))
    description = xml_text(feed.description)
    # RSS: the channel description is HTML, like an item's (feedgen writes it for Atom as the
    # plain-text subtitle).
    generator.description(html.escape(description) if html_description else description)
    generator.language(feed.language)
    author = {"name": xml_text(feed.author), "uri": xml_url(feed.site)}
    if feed.email:
        author["email"] = xml_text(feed.email)
        generator.managingEditor(f"{xml_text(feed.email)} ({xml_text(feed.author)})")
    generator.author(author)
    # The self link first: feedgen makes the *last* link the RSS channel link (DOMAIN F3).
    if feed.self_url is not None:
        generator.link(href=xml_url(feed.self_url), rel="self", type=media_type)
    generator.link(href=xml_url(feed.site), rel="alternate", type="text/html")
    generator.generator(GENERATOR)
    generator.updated(feed.updated)
    return generator


def _entries(generator: FeedGenerator, feed: Feed, *, html_description: bool) -> None:
    for item in feed.entries:
        entry = generator.add_entry(order="append")
        entry.id(xml_text(item.id))
        entry.title(xml_text(item.title))
        entry.link(href=xml_url(item.link), rel="alternate")
        if html_description:
            entry.description(html.escape(xml_text(item.summary)))
        else:
            entry.summary(xml_text(item.summary))
        entry.category(term=xml_text(item.category), label=xml_text(item.category_label))
        entry.published(item.at)
        entry.updated(item.updated)


def _bytes(value: object) -> bytes:
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
    generator = _generator(feed, RSS_MEDIA_TYPE, html_description=True)
    _entries(generator, feed, html_description=True)
    return _bytes(generator.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True))


def atom(feed: Feed) -> bytes:
    """The feed as an Atom (RFC 4287) document (UTF-8, with an XML declaration).

    Args:
        feed: what the feed holds.

    Returns:
        The document's bytes: the same feed always gives the same bytes.
    """
    generator = _generator(feed, ATOM_MEDIA_TYPE, html_description=False)
    _entries(generator, feed, html_description=False)
    return _bytes(generator.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True))
