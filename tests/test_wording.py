"""The core's wording helpers every publisher uses: dates, labels, text cleaning."""

from __future__ import annotations

import datetime as dt
import enum
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import csp_core
from csp_core import dates, labels, text
from csp_core.model import enums
from csp_core.rules import DutyKind, EventKind, PlanStanding, Severity, Standing

LONDON = ZoneInfo("Europe/London")


class TestDates:
    def test_long_and_short_dates(self) -> None:
        """British council style, names spelled out whatever the process locale."""
        day = dt.date(2019, 10, 17)
        assert dates.long_date(day) == "Thursday 17 October 2019"
        assert dates.short_date(day) == "17 October 2019"
        assert dates.period(dt.date(2017, 4, 1), dt.date(2018, 3, 31)) == (
            "1 April 2017 to 31 March 2018"
        )

    def test_date_time_in_the_partnership_zone(self) -> None:
        """An instant is shown on the partnership's wall clock, 24-hour."""
        moment = dt.datetime(2019, 10, 17, 10, 15, tzinfo=dt.UTC)
        assert dates.date_time(moment, LONDON) == "Thursday 17 October 2019, 11:15"
        assert dates.iso(moment, LONDON) == "2019-10-17T11:15:00+01:00"

    def test_seconds_only_when_there_are_any(self) -> None:
        """'11:15' for a whole minute, '11:15:30' when the data has seconds."""
        moment = dt.datetime(2019, 10, 17, 11, 15, 30, tzinfo=LONDON)
        assert dates.date_time(moment, LONDON) == "Thursday 17 October 2019, 11:15:30"

    def test_the_repeated_hour_names_its_zone(self) -> None:
        """01:30 happens twice when the clocks go back: BST, then GMT."""
        first = dt.datetime(2019, 10, 27, 0, 30, tzinfo=dt.UTC)
        second = dt.datetime(2019, 10, 27, 1, 30, tzinfo=dt.UTC)
        assert dates.date_time(first, LONDON) == "Sunday 27 October 2019, 01:30 BST"
        assert dates.date_time(second, LONDON) == "Sunday 27 October 2019, 01:30 GMT"
        ordinary = dt.datetime(2019, 10, 27, 3, 30, tzinfo=dt.UTC)
        assert dates.date_time(ordinary, LONDON) == "Sunday 27 October 2019, 03:30"

    def test_time_span(self) -> None:
        """The end's date only when it differs from the start's."""
        start = dt.datetime(2019, 10, 17, 11, 15, tzinfo=LONDON)
        assert dates.time_span(start, None, LONDON) == "Thursday 17 October 2019, 11:15"
        same_day = start + dt.timedelta(hours=2)
        assert dates.time_span(start, same_day, LONDON) == (
            "Thursday 17 October 2019, 11:15 to 13:15"
        )
        next_day = start + dt.timedelta(days=1)
        assert dates.time_span(start, next_day, LONDON) == (
            "Thursday 17 October 2019, 11:15 to Friday 18 October 2019, 11:15"
        )

    @given(st.datetimes(timezones=st.just(LONDON), allow_imaginary=False))
    def test_utc_keeps_the_instant(self, moment: dt.datetime) -> None:
        """``utc`` keeps the instant (fold and all, in the repeated hour too) in UTC.

        Compared by timestamp: under PEP 495 a wall time in the repeated hour never equals a
        time in another zone, so ``==`` would say nothing there.
        """
        assert dates.utc(moment).timestamp() == moment.timestamp()
        assert dates.utc(moment).utcoffset() == dt.timedelta(0)


def _values() -> list[enum.StrEnum]:
    """Every value of every model and rules enum a publisher may show."""
    kinds: list[type[enum.StrEnum]] = [
        getattr(enums, name)
        for name in enums.__all__
        if isinstance(getattr(enums, name), type) and issubclass(getattr(enums, name), enum.Enum)
    ]
    kinds += [DutyKind, EventKind, PlanStanding, Severity, Standing]
    return [value for kind in kinds for value in kind]


class TestLabels:
    @pytest.mark.parametrize("value", _values(), ids=lambda v: f"{type(v).__name__}.{v.name}")
    def test_every_value_has_a_label(self, value: enum.StrEnum) -> None:
        """Each value has a sentence-case label of its own."""
        shown = labels.label(value)
        assert shown
        assert shown[0].isupper()

    def test_equal_values_of_different_enums_keep_their_own_labels(self) -> None:
        """``DocumentKind.AGENDA == DutyKind.AGENDA == 'agenda'``, yet they read differently."""
        assert csp_core.DocumentKind.AGENDA == DutyKind.AGENDA
        assert labels.label(csp_core.DocumentKind.AGENDA) == "Agenda"
        assert labels.label(DutyKind.AGENDA) == "Agenda and papers"
        assert labels.label(csp_core.Sector.OTHER) != labels.label(csp_core.DocumentKind.OTHER)

    def test_a_value_outside_the_model_is_refused(self) -> None:
        """A label is never made up."""

        class Colour(enum.StrEnum):
            RED = "red"

        with pytest.raises(KeyError):
            labels.label(Colour.RED)

    @pytest.mark.parametrize(
        ("nation", "shown"),
        [
            (csp_core.Nation.ENGLAND, "Schedule 12A, paragraph 3"),
            (csp_core.Nation.WALES, "Schedule 12A, paragraph 3"),
            (csp_core.Nation.SCOTLAND, "Schedule 7A, paragraph 3"),
            (csp_core.Nation.NORTHERN_IRELAND, "Schedule 6, paragraph 3"),
        ],
    )
    def test_exemption_cites_the_nations_law(self, nation: csp_core.Nation, shown: str) -> None:
        """From the one table of the law, ``EXEMPT_INFORMATION``."""
        assert labels.exemption(nation, 3) == shown
        assert labels.schedule(nation) == csp_core.EXEMPT_INFORMATION[nation].schedule

    @pytest.mark.parametrize(
        ("value", "shown"),
        [
            (2450.0, "2,450"),
            (30.4, "30.4"),
            (28.0, "28"),
            (0.25, "0.25"),
            (-3.5, "-3.5"),
            (0.004, "0.004"),
            (3.4e38, "3.4e+38"),
            (0.0, "0"),
        ],
    )
    def test_number(self, value: float, shown: str) -> None:
        """Readings as people read them."""
        assert labels.number(value) == shown

    def test_quantity_and_plural(self) -> None:
        """Percentages hug the number; other units follow a space; '1 day', '2 days'."""
        assert labels.quantity(28.6, "%") == "28.6%"
        assert labels.quantity(63, "people") == "63 people"
        assert labels.quantity(1, None) == "1"
        assert labels.plural(1, "working day") == "1 working day"
        assert labels.plural(2, "working day") == "2 working days"
        assert labels.plural(3, "agency", "agencies") == "3 agencies"


class TestText:
    @given(st.text())
    def test_clean_leaves_nothing_forbidden(self, value: str) -> None:
        """No forbidden code point and no CR survive; cleaning twice changes nothing."""
        cleaned = text.clean(value)
        assert not text.FORBIDDEN.search(cleaned)
        assert "\r" not in cleaned
        assert text.clean(cleaned) == cleaned

    @given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"))))
    def test_clean_keeps_ordinary_text(self, value: str) -> None:
        """Text without controls or surrogates is kept as it is (noncharacters aside)."""
        if not text.FORBIDDEN.search(value):
            assert text.clean(value) == value

    def test_clean_marks_rather_than_drops(self) -> None:
        """A control character becomes U+FFFD, visible, in every output alike."""
        assert text.clean("a\x00b\r\nc\rd\x85e") == "a\ufffdb\nc\nd\ufffde"

    def test_clean_url(self) -> None:
        """Unsafe characters are percent-encoded; reserved ones and escapes are kept."""
        assert text.clean_url("https://x.org/a b/é?q=1&r=%20#f") == (
            "https://x.org/a%20b/%C3%A9?q=1&r=%20#f"
        )
