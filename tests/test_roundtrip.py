"""dump -> load round-trips every valid partnership exactly, through a real JSON file."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given

from csp_core import Partnership, dump, load
from tests.strategies import examples, partnerships

_SETTINGS = examples(60)


def _instants(partnership: Partnership) -> list[object]:
    """Every meeting moment as a UTC instant: == on same-zone datetimes ignores fold."""
    return [
        (meeting.start.timestamp(), meeting.end and meeting.end.timestamp())
        for meeting in partnership.meetings
    ]


class TestRoundTrip:
    @_SETTINGS
    @given(partnership=partnerships())
    def test_json_file_loads_back_equal(self, partnership: Partnership, tmp_path_factory) -> None:
        """Written as one JSON file, dump() loads back equal, to the instant."""
        path: Path = tmp_path_factory.mktemp("rt") / "partnership.json"
        path.write_text(json.dumps(dump(partnership), ensure_ascii=False), encoding="utf-8")
        loaded = load(path)
        assert loaded == partnership
        assert _instants(loaded) == _instants(partnership)
        assert dump(loaded) == dump(partnership)

    @_SETTINGS
    @given(partnership=partnerships())
    def test_dump_is_plain_data(self, partnership: Partnership) -> None:
        """dump() holds only dicts, lists, strings, numbers and booleans."""

        def plain(value: object) -> bool:
            if isinstance(value, dict):
                return all(isinstance(k, str) and plain(v) for k, v in value.items())
            if isinstance(value, list):
                return all(plain(item) for item in value)
            return isinstance(value, str | int | float | bool)

        assert plain(dump(partnership))

    @_SETTINGS
    @given(partnership=partnerships())
    def test_moments_keep_the_partnership_zone(self, partnership: Partnership, tmp_path_factory):
        """Loaded moments are in the partnership's own zone, whatever offset the file used."""
        path: Path = tmp_path_factory.mktemp("rt") / "partnership.json"
        path.write_text(json.dumps(dump(partnership)), encoding="utf-8")
        for meeting in load(path).meetings:
            assert meeting.start.tzinfo is partnership.timezone
