"""Feeds built at a later instant update earlier ones: ids stay, ``updated`` follows every change.

For generated partnerships built at instants ``a < b`` (mostly the data's own moments ± 1 s),
read back with feedparser: every entry id at ``a`` is still there at ``b``; an Atom entry's
``updated`` never goes back, never lies after its instant, and moves whenever its title, link,
summary or publication moment changed; a feed's ``updated`` / ``lastBuildDate`` never goes back
either and is the newest entry stamp.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import feedparser
from hypothesis import given
from tests.strategies import examples, partnerships_at_instants

from csp_core import OutputFile, Partnership

Render = Callable[..., dict[str, OutputFile]]
ALL = {"limit": "100000"}
UTC = dt.UTC


def _moment(parsed: Any) -> dt.datetime:
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), UTC)


def entries(content: bytes) -> tuple[dt.datetime, dict[str, tuple[object, ...]]]:
    """A feed's updated moment, and each entry by id: (updated, what it shows)."""
    parsed = feedparser.parse(content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    found = {}
    for entry in parsed.entries:
        shows = (entry.title, entry.link, entry.get("summary"), entry.published)
        updated = _moment(entry.updated_parsed) if "updated_parsed" in entry else None
        found[entry.id] = (updated, shows)
    return _moment(parsed.feed.updated_parsed), found


def check_update(earlier: bytes, later: bytes, at: dt.datetime) -> None:
    """``later`` (built at ``at``) updates ``earlier``: no id lost, no stamp back, changes seen."""
    feed_a, old = entries(earlier)
    feed_b, new = entries(later)
    assert feed_a <= feed_b <= at.astimezone(UTC)
    assert set(old) <= set(new), set(old) - set(new)
    stamps = [updated for updated, _ in new.values() if updated is not None]
    if stamps:
        assert feed_b == max(stamps)
    for key, (updated, shows) in old.items():
        updated_b, shows_b = new[key]
        if updated is None or updated_b is None:  # RSS: no per-item stamp
            continue
        assert updated <= updated_b <= at.astimezone(UTC), key
        if shows != shows_b:
            assert updated_b > updated, (key, shows, shows_b)


class TestUpdates:
    @examples(50)
    @given(case=partnerships_at_instants(most=5))
    def test_a_later_build_updates_an_earlier_one(
        self, render: Render, case: tuple[Partnership, list[dt.datetime]]
    ) -> None:
        """Every feed at a later instant updates the same feed at an earlier instant."""
        partnership, instants = case
        built = [render(partnership, at, ALL) for at in instants]
        for (_, files_a), (b, files_b) in itertools.combinations(
            zip(instants, built, strict=True), 2
        ):
            assert set(files_a) == set(files_b)
            for path, file in files_a.items():
                check_update(file.content, files_b[path].content, b)

    def test_a_paper_going_on_request_updates_its_entry(
        self, cambridge: Partnership, render: Render
    ) -> None:
        """Twelve months after a meeting its papers' entries link the meeting page instead."""
        before = dt.datetime(2020, 10, 16, 22, tzinfo=UTC)  # 23:00 BST, 16 October 2020
        after = dt.datetime(2020, 10, 16, 23, 30, tzinfo=UTC)  # 00:30 BST, 17 October 2020
        old = render(cambridge, before, ALL)["feeds/atom.xml"].content
        new = render(cambridge, after, ALL)["feeds/atom.xml"].content
        _, entries_a = entries(old)
        _, entries_b = entries(new)
        changed = [key for key in entries_a if entries_a[key][1] != entries_b[key][1]]
        assert changed, "no entry of the 17 October 2019 meeting changed its link"
        for key in changed:
            assert entries_b[key][0] == dt.datetime(2020, 10, 16, 23, tzinfo=UTC)  # midnight BST
        check_update(old, new, after)
