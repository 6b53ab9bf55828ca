"""``csp check`` for news feeds: read every RSS and Atom feed as feed readers would.

Each feed is read by lxml (well-formed XML, the right namespaces, no entity expansion, no
network) and by feedparser, which must not flag it (``bozo`` 0).  Then the required elements of
RSS 2.0 and Atom (RFC 4287) and unique item ids; and, given the previous copy of the file, the
rules readers rely on: an item keeps its id, the feed's and an item's stamp never go back, and
an Atom entry (or an RSS item with an ``atom:updated``) whose content or link changed has a
newer ``updated``.  RSS 2.0 has no "updated": an RSS item's ``pubDate`` is when it was
published, so it only must not go back.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
from collections.abc import Mapping
from typing import Any, Final

import attrs

from csp_core import CheckedFile, media_type_essence

__all__ = ["RssChecker", "check_feed"]

ATOM = "http://www.w3.org/2005/Atom"
RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"
MEDIA_TYPES = (RSS_TYPE, ATOM_TYPE)
SUFFIXES = (".rss", ".atom", ".xml")
"""Files no publisher made are read when they end so; an ``.xml`` file that is not a feed
(a sitemap, say) is left alone."""

_A = f"{{{ATOM}}}"
#: Elements that are an item's stamps, not its content.
_STAMPS = frozenset({"pubDate", f"{_A}updated", f"{_A}published"})

#: Every message of this checker, in one place.
_MESSAGES: Final[Mapping[str, str]] = {
    "xml": "not well-formed XML: {error}",
    "not-feed": "the root element is <{tag}>, neither an RSS <rss> nor an Atom <feed>",
    "atom-namespace": "<feed> is not in the Atom namespace {atom}: readers do not see a feed",
    "wrong-type": "served as {media_type} but is {kind}",
    "bozo": "feedparser flags it (bozo): {error}",
    "rss-version": "<rss> has version {version!r}, not '2.0'",
    "no-channel": "<rss> has no <channel>",
    "channel-missing": "the channel has no <{element}>",
    "item-empty": "item #{index} has neither <title> nor <description>",
    "item-missing": "item {id} has no <{element}>",
    "no-guid": "item #{index} has no <guid>: readers cannot tell it from the others",
    "permalink": 'item {id}: the guid is not a web address, so write isPermaLink="false"',
    "rfc822": "{where}: <{element}> {value!r} is not an RFC 822 date with its offset",
    "atom-link-namespace": "a <link> in the channel is in {namespace}, not the Atom namespace",
    "self-relative": 'the rel="self" link {href!r} is not an absolute address',
    "feed-missing": "the feed has no <{element}>",
    "entry-missing": "entry {id} has no <{element}>",
    "no-id": "entry #{index} has no <id>",
    "id-iri": "{where}: the id {id!r} is not an absolute IRI (such as a tag: URI)",
    "rfc3339": "{where}: <{element}> {value!r} is not an RFC 3339 date-time with its offset",
    "no-author": "neither the feed nor entry {id} has an <author> (RFC 4287 section 4.1.1)",
    "duplicate": "the id {id} is used by {count} items: readers show only one",
    "older-than-entry": "the feed's <{element}> {feed} is older than its newest item ({item})",
    "previous-unreadable": "cannot compare with the --previous copy: it is not a feed",
    "feed-backwards": "the feed's <{element}> went back from {old} to {new}",
    "backwards": "item {id}: <{element}> went back from {old} to {new}",
    "not-newer": "item {id}: {elements} changed but <{element}> stayed {stamp}: readers keep "
    "what they have",
    "new-id": "item {old} is now item {new} (same title and link): ids never change, or every "
    "reader shows it again",
    "vanished": "item {id} vanished while older items stay: readers lose it",
}


@attrs.frozen(kw_only=True)
class RssChecker:
    """The ``rss`` checker: every RSS and Atom feed read twice, and checked as an update."""

    name: str = "rss"
    description: str = (
        "news feeds: read by lxml and feedparser, RSS 2.0 / Atom required elements, update rules"
    )
    media_types: tuple[str, ...] = MEDIA_TYPES
    suffixes: tuple[str, ...] = SUFFIXES

    def check(self, file: CheckedFile) -> list[str]:
        """The problems of one feed file, and of it as an update of ``file.previous``."""
        media_type = None if file.media_type is None else media_type_essence(file.media_type)
        return check_feed(file.content, file.previous, media_type=media_type)


@attrs.frozen(kw_only=True)
class _Item:
    """One RSS item or Atom entry, as the update rules see it."""

    id: str
    stamp: dt.datetime | None
    stamp_element: str
    """The element the stamp came from: ``updated``, ``atom:updated`` or ``pubDate``."""
    updates: bool
    """Whether the stamp must move when the content changes."""
    content: Mapping[str, tuple[bytes, ...]]
    title: str
    link: str


@attrs.frozen(kw_only=True)
class _Feed:
    kind: str
    stamp: dt.datetime | None
    stamp_element: str
    items: tuple[_Item, ...]


def _parse(content: bytes) -> Any:
    from lxml import etree  # type: ignore[import-untyped]  # noqa: PLC0415 - see check_feed

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    return etree.fromstring(content, parser)


def _kind(root: Any) -> str | None:
    if root.tag == "rss":
        return "RSS"
    if root.tag == f"{_A}feed":
        return "Atom"
    return None


def check_feed(
    content: bytes, previous: bytes | None = None, *, media_type: str | None = None
) -> list[str]:
    """The problems of an RSS or Atom document, one line each; with ``previous``, as its update.

    With ``media_type`` ``None`` (a file no publisher made), a well-formed document that is not
    a feed is not a problem: it is not this checker's.
    """
    # lxml and feedparser are imported when a feed is checked, not when the plugin loads for
    # every ``csp`` command (docs/performance.md, "Start-up").
    from lxml import etree  # noqa: PLC0415

    try:
        root = _parse(content)
    except etree.XMLSyntaxError as error:
        return [_MESSAGES["xml"].format(error=error)]
    kind = _kind(root)
    if kind is None:
        tag = str(etree.QName(root).localname) if isinstance(root.tag, str) else "?"
        if tag == "feed":
            return [_MESSAGES["atom-namespace"].format(atom=ATOM)]
        return [] if media_type is None else [_MESSAGES["not-feed"].format(tag=tag)]
    problems: list[str] = []
    expected = {RSS_TYPE: "RSS", ATOM_TYPE: "Atom"}.get(media_type or "")
    if expected is not None and expected != kind:
        problems.append(_MESSAGES["wrong-type"].format(media_type=media_type, kind=kind))
    import feedparser  # type: ignore[import-untyped]  # noqa: PLC0415

    parsed = feedparser.parse(io.BytesIO(content))
    if parsed.get("bozo"):
        problems.append(_MESSAGES["bozo"].format(error=parsed.get("bozo_exception")))
    problems.extend(_rss(root) if kind == "RSS" else _atom(root))
    feed = _read(root, kind)
    problems.extend(_duplicates(feed))
    if previous is not None:
        try:
            before_root = _parse(previous)
        except etree.XMLSyntaxError:
            before_root = None
        before_kind = None if before_root is None else _kind(before_root)
        if before_kind != kind:
            problems.append(_MESSAGES["previous-unreadable"])
        else:
            problems.extend(_updates(_read(before_root, kind), feed))
    return problems


def _text(element: Any, path: str) -> str:
    found = element.find(path)
    return "" if found is None or found.text is None else str(found.text).strip()


def _rfc822(value: str) -> dt.datetime | None:
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo is not None else None


def _rfc3339(value: str) -> dt.datetime | None:
    if "T" not in value.upper():
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _absolute(address: str) -> bool:
    scheme, colon, rest = address.partition(":")
    return bool(colon and scheme and rest and scheme[0].isalpha())


def _rss(root: Any) -> list[str]:
    from lxml import etree  # noqa: PLC0415 - see check_feed

    problems: list[str] = []
    version = root.get("version")
    if version != "2.0":
        problems.append(_MESSAGES["rss-version"].format(version=version))
    channel = root.find("channel")
    if channel is None:
        return [*problems, _MESSAGES["no-channel"]]
    problems.extend(
        _MESSAGES["channel-missing"].format(element=element)
        for element in ("title", "link", "description")
        if not _text(channel, element)
    )
    for link in channel.iter("{*}link"):
        namespace = etree.QName(link).namespace
        if namespace is None:
            continue
        if namespace != ATOM:
            problems.append(_MESSAGES["atom-link-namespace"].format(namespace=namespace))
        elif link.get("rel") == "self" and not _absolute(link.get("href") or ""):
            problems.append(_MESSAGES["self-relative"].format(href=link.get("href")))
    build = _text(channel, "lastBuildDate")
    if build and _rfc822(build) is None:
        problems.append(
            _MESSAGES["rfc822"].format(where="the channel", element="lastBuildDate", value=build)
        )
    for index, item in enumerate(channel.findall("item"), 1):
        problems.extend(_rss_item(item, index))
    return problems


def _rss_item(item: Any, index: int) -> list[str]:
    problems: list[str] = []
    guid = item.find("guid")
    name = _text(item, "guid")
    if not _text(item, "title") and not _text(item, "description"):
        problems.append(_MESSAGES["item-empty"].format(index=index))
    if guid is None or not name:
        problems.append(_MESSAGES["no-guid"].format(index=index))
        name = f"#{index}"
    elif guid.get("isPermaLink", "true") != "false" and not name.startswith(
        ("http://", "https://")
    ):
        problems.append(_MESSAGES["permalink"].format(id=name))
    published = _text(item, "pubDate")
    if not published:
        problems.append(_MESSAGES["item-missing"].format(id=name, element="pubDate"))
    elif _rfc822(published) is None:
        where = f"item {name}"
        problems.append(_MESSAGES["rfc822"].format(where=where, element="pubDate", value=published))
    return problems


def _atom(root: Any) -> list[str]:
    problems: list[str] = []
    for element in ("id", "title", "updated"):
        if not _text(root, f"{_A}{element}"):
            problems.append(_MESSAGES["feed-missing"].format(element=element))
    problems.extend(_atom_common(root, "the feed"))
    feed_author = root.find(f"{_A}author") is not None
    for index, entry in enumerate(root.findall(f"{_A}entry"), 1):
        name = _text(entry, f"{_A}id")
        if not name:
            problems.append(_MESSAGES["no-id"].format(index=index))
            name = f"#{index}"
        for element in ("title", "updated"):
            if entry.find(f"{_A}{element}") is None:
                problems.append(_MESSAGES["entry-missing"].format(id=name, element=element))
        if not feed_author and entry.find(f"{_A}author") is None:
            problems.append(_MESSAGES["no-author"].format(id=name))
        problems.extend(_atom_common(entry, f"entry {name}"))
    return problems


def _atom_common(element: Any, where: str) -> list[str]:
    """Checks of a feed or an entry: an absolute id, RFC 3339 dates, an absolute self link."""
    problems: list[str] = []
    name = _text(element, f"{_A}id")
    if name and not _absolute(name):
        problems.append(_MESSAGES["id-iri"].format(where=where, id=name))
    for stamp in ("updated", "published"):
        value = _text(element, f"{_A}{stamp}")
        if value and _rfc3339(value) is None:
            problems.append(_MESSAGES["rfc3339"].format(where=where, element=stamp, value=value))
    for link in element.findall(f"{_A}link"):
        if link.get("rel") == "self" and not _absolute(link.get("href") or ""):
            problems.append(_MESSAGES["self-relative"].format(href=link.get("href")))
    return problems


def _content(element: Any) -> dict[str, tuple[bytes, ...]]:
    """An item's children by tag, stamps left out, each in canonical XML."""
    from lxml import etree  # noqa: PLC0415 - see check_feed

    found: dict[str, list[bytes]] = {}
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _STAMPS:
            continue
        found.setdefault(str(child.tag), []).append(bytes(etree.tostring(child, method="c14n")))
    return {tag: tuple(sorted(values)) for tag, values in found.items()}


def _read(root: Any, kind: str) -> _Feed:
    if kind == "RSS":
        channel = root.find("channel")
        if channel is None:
            return _Feed(kind=kind, stamp=None, stamp_element="lastBuildDate", items=())
        items = []
        for item in channel.findall("item"):
            updated = _text(item, f"{_A}updated")
            items.append(
                _Item(
                    id=_text(item, "guid"),
                    stamp=_rfc3339(updated) if updated else _rfc822(_text(item, "pubDate")),
                    stamp_element="atom:updated" if updated else "pubDate",
                    updates=bool(updated),
                    content=_content(item),
                    title=_text(item, "title"),
                    link=_text(item, "link"),
                )
            )
        return _Feed(
            kind=kind,
            stamp=_rfc822(_text(channel, "lastBuildDate")),
            stamp_element="lastBuildDate",
            items=tuple(items),
        )
    entries = []
    for entry in root.findall(f"{_A}entry"):
        links = [
            link.get("href") or ""
            for link in entry.findall(f"{_A}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        entries.append(
            _Item(
                id=_text(entry, f"{_A}id"),
                stamp=_rfc3339(_text(entry, f"{_A}updated")),
                stamp_element="updated",
                updates=True,
                content=_content(entry),
                title=_text(entry, f"{_A}title"),
                link=links[0] if links else "",
            )
        )
    return _Feed(
        kind=kind,
        stamp=_rfc3339(_text(root, f"{_A}updated")),
        stamp_element="updated",
        items=tuple(entries),
    )


def _duplicates(feed: _Feed) -> list[str]:
    problems: list[str] = []
    counts: dict[str, int] = {}
    for item in feed.items:
        if item.id:
            counts[item.id] = counts.get(item.id, 0) + 1
    problems.extend(
        _MESSAGES["duplicate"].format(id=name, count=count)
        for name, count in counts.items()
        if count > 1
    )
    stamps = [item.stamp for item in feed.items if item.stamp is not None]
    if feed.stamp is not None and stamps and feed.stamp < max(stamps):
        problems.append(
            _MESSAGES["older-than-entry"].format(
                element=feed.stamp_element, feed=_show(feed.stamp), item=_show(max(stamps))
            )
        )
    return problems


def _show(moment: dt.datetime) -> str:
    return moment.isoformat()


def _updates(before: _Feed, after: _Feed) -> list[str]:
    """What breaks a reader that holds ``before``."""
    problems: list[str] = []
    if before.stamp is not None and after.stamp is not None and after.stamp < before.stamp:
        problems.append(
            _MESSAGES["feed-backwards"].format(
                element=after.stamp_element, old=_show(before.stamp), new=_show(after.stamp)
            )
        )
    now = {item.id: item for item in after.items if item.id}
    was = {item.id: item for item in before.items if item.id}
    kept_stamps = [item.stamp for item in after.items if item.stamp is not None]
    oldest_kept = min(kept_stamps) if kept_stamps else None
    for name, old in was.items():
        new = now.get(name)
        if new is None:
            problems.extend(_gone(old, now, was, oldest_kept))
            continue
        if old.stamp is not None and new.stamp is not None and new.stamp < old.stamp:
            problems.append(
                _MESSAGES["backwards"].format(
                    id=name,
                    element=new.stamp_element,
                    old=_show(old.stamp),
                    new=_show(new.stamp),
                )
            )
        changed = sorted(
            tag.replace(_A, "atom:")
            for tag in set(old.content) | set(new.content)
            if old.content.get(tag) != new.content.get(tag)
        )
        if (
            changed
            and new.updates
            and (old.stamp is None or new.stamp is None or new.stamp <= old.stamp)
        ):
            problems.append(
                _MESSAGES["not-newer"].format(
                    id=name,
                    elements=", ".join(changed),
                    element=new.stamp_element,
                    stamp=_show(new.stamp) if new.stamp else "missing",
                )
            )
    return problems


def _gone(
    old: _Item,
    now: Mapping[str, _Item],
    was: Mapping[str, _Item],
    oldest_kept: dt.datetime | None,
) -> list[str]:
    """An item no longer in the feed: renamed, or dropped while older items stay."""
    for name, new in now.items():
        if name not in was and (new.title, new.link) == (old.title, old.link) and old.title:
            return [_MESSAGES["new-id"].format(old=old.id, new=name)]
    if old.stamp is not None and oldest_kept is not None and old.stamp > oldest_kept:
        return [_MESSAGES["vanished"].format(id=old.id)]
    return []
