"""The rule-based VTIMEZONE: what it says, that it matches zoneinfo, and that parsers use it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_core import Partnership
from csp_ical import ZoneRuleError
from csp_ical.vtimezone import zone_rule
from ical_readers import read_everywhere, render
from tests.strategies import examples

UTC = dt.UTC
LONDON = ZoneInfo("Europe/London")
DUBLIN = ZoneInfo("Europe/Dublin")

LONDON_VTIMEZONE = """BEGIN:VTIMEZONE\r
TZID:Europe/London\r
BEGIN:DAYLIGHT\r
DTSTART:19960331T010000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
TZNAME:BST\r
TZOFFSETFROM:+0000\r
TZOFFSETTO:+0100\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
DTSTART:19961027T020000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
TZNAME:GMT\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0000\r
END:STANDARD\r
END:VTIMEZONE\r
"""


def _at(zone: ZoneInfo, *parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=zone)  # type: ignore[misc]


class TestRule:
    """The rule derived from zoneinfo."""

    def test_london_is_one_standard_and_one_daylight_with_yearly_rules(self) -> None:
        """Europe/London: GMT and BST, last Sundays of March and October, as vzic writes it."""
        rule = zone_rule(LONDON, [_at(LONDON, 2019, 2, 12, 10), _at(LONDON, 2019, 10, 17, 11)])
        assert rule.component().to_ical().decode() == LONDON_VTIMEZONE

    def test_the_component_does_not_move_with_the_data(self) -> None:
        """The observances start in 1996, the rule's first year, whatever the data's years."""
        early = zone_rule(LONDON, [_at(LONDON, 2000, 1, 10, 10)]).component().to_ical()
        late = zone_rule(LONDON, [_at(LONDON, 2035, 7, 1, 10)]).component().to_ical()
        assert early == late == LONDON_VTIMEZONE.encode()

    def test_dublin_has_irish_names_and_the_same_rules(self) -> None:
        """Europe/Dublin (negative DST in tzdata) still gives STANDARD GMT and DAYLIGHT IST."""
        text = zone_rule(DUBLIN, [_at(DUBLIN, 2019, 6, 1)]).component().to_ical().decode()
        assert text == LONDON_VTIMEZONE.replace("Europe/London", "Europe/Dublin").replace(
            "BST", "IST"
        )

    @pytest.mark.parametrize(
        ("key", "name", "offset"), [("UTC", "UTC", "+0000"), ("Asia/Tokyo", "JST", "+0900")]
    )
    def test_zones_without_changes_get_a_single_standard(
        self, key: str, name: str, offset: str
    ) -> None:
        """A zone with one offset: one STANDARD, no RRULE."""
        zone = ZoneInfo(key)
        text = zone_rule(zone, [_at(zone, 2019, 6, 1)]).component().to_ical().decode()
        assert text == (
            f"BEGIN:VTIMEZONE\r\nTZID:{key}\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
            f"TZNAME:{name}\r\nTZOFFSETFROM:{offset}\r\nTZOFFSETTO:{offset}\r\n"
            "END:STANDARD\r\nEND:VTIMEZONE\r\n"
        )

    def test_a_zone_without_a_yearly_rule_covers_what_it_can(self) -> None:
        """Morocco's Ramadan changes move every year: the rule covers one year, the other UTC."""
        zone = ZoneInfo("Africa/Casablanca")
        first, second = _at(zone, 2019, 6, 1), _at(zone, 2020, 6, 1)
        rule = zone_rule(zone, [first, second])
        assert (rule.since, rule.until) == (2020, 2020)
        assert not rule.writes_exactly(first)
        assert rule.writes_exactly(second)

    def test_years_across_a_change_of_rules_keep_the_later_rule(self) -> None:
        """London's rules changed in 1996: 1990 is written in UTC, 2020 with the TZID."""
        old, new = _at(LONDON, 1990, 6, 1), _at(LONDON, 2020, 6, 1)
        rule = zone_rule(LONDON, [old, new])
        assert rule.since == 1996
        assert not rule.writes_exactly(old)
        assert rule.writes_exactly(new)

    def test_a_zone_with_no_yearly_rule_at_all_is_refused(self) -> None:
        """London in 1947 had double summer time: four changes, no yearly rule."""
        with pytest.raises(ZoneRuleError, match=r"Europe/London: no yearly VTIMEZONE rule"):
            zone_rule(LONDON, [_at(LONDON, 1947, 6, 1)])

    def test_historic_and_future_years(self) -> None:
        """1900 (no summer time yet) and 2200 in one calendar: 2200's rule, 1900 in UTC."""
        early, late = _at(LONDON, 1900, 1, 1), _at(LONDON, 2200, 12, 31)
        rule = zone_rule(LONDON, [early, late])
        assert not rule.writes_exactly(early)
        assert rule.writes_exactly(late)

    @examples(200)
    @given(
        zone=st.sampled_from([LONDON, DUBLIN]),
        instant=st.datetimes(
            min_value=dt.datetime(2000, 1, 1),
            max_value=dt.datetime(2035, 12, 31),
            timezones=st.just(UTC),
        ),
    )
    def test_the_rule_gives_zoneinfos_offset(self, zone: ZoneInfo, instant: dt.datetime) -> None:
        """At any instant from 2000 to 2035 the rule's offset is zoneinfo's."""
        rule = zone_rule(zone, [dt.datetime(2000, 1, 1, tzinfo=UTC), instant])
        assert rule.offset_at(instant) == instant.astimezone(zone).utcoffset()
        local = instant.astimezone(zone)
        twice = local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()
        assert rule.writes_exactly(instant) is not twice


def _tampered(content: bytes) -> bytes:
    """The calendar with its summer offset moved from +01:00 to +02:00."""
    return content.replace(b"TZOFFSETTO:+0100", b"TZOFFSETTO:+0200").replace(
        b"TZOFFSETFROM:+0100", b"TZOFFSETFROM:+0200"
    )


def test_parsers_take_offsets_from_the_files_vtimezone(
    cambridge: Partnership, ical_js: Callable[..., object]
) -> None:
    """A wrong summer offset in the VTIMEZONE moves summer meetings for the VTIMEZONE readers."""
    # So the parser checks read the file's VTIMEZONE, not a zone database of their own; only
    # plain icalendar, which takes Europe/London from zoneinfo, is unmoved.
    content = render(cambridge, dt.datetime(2021, 1, 1, tzinfo=UTC))["calendar.ics"].content
    honest = read_everywhere({"calendar.ics": content})
    tampered = read_everywhere({"calendar.ics": _tampered(content)})
    for reader in honest:
        before = {e.uid: e.start for e in honest[reader]["calendar.ics"]}
        after = {e.uid: e.start for e in tampered[reader]["calendar.ics"]}
        summer = "2019-10-17@cambridge.csp-core"
        winter = "2019-02-12@cambridge.csp-core"
        assert after[winter] == before[winter], reader
        moved = dt.timedelta(0) if reader == "icalendar" else dt.timedelta(hours=-1)
        assert after[summer] - before[summer] == moved, reader
