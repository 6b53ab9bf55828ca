"""Clear working days and the latest publication date, with each UK nation's bank holidays.

Every expected date in the worked-example tables was counted by hand from the published UK
bank-holiday lists (DOMAIN.md C.3 and D), never by calling the code under test.  In the
counting comments, ``[Mon 21 EM]`` marks a day skipped because it is not a working day.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_core import Nation
from csp_core.rules.working_days import (
    WorkingCalendar,
    clear_working_days,
    latest_publication_date,
)
from tests.strategies import examples

D = dt.date
ONE_DAY = dt.timedelta(days=1)
ENG, WLS, SCT, NIR = "england", "wales", "scotland", "northern-ireland"

# (meeting, clear days, nation, expected latest publication date), all counted by hand.
WORKED_EXAMPLES = [
    # DOMAIN.md C.3: clear: Mon 16, Fri 13, Thu 12, Wed 11, Tue 10 -> publish Mon 9
    pytest.param(D(2017, 10, 17), 5, ENG, D(2017, 10, 9), id="domain-2017-10"),
    # DOMAIN.md C.3, Easter 2025 (Sun 20 Apr):
    # clear: 23 Wed, 22 Tue, [21 Easter Mon], [18 Good Fri], 17 Thu, 16 Wed, 15 Tue -> Mon 14
    pytest.param(D(2025, 4, 24), 5, ENG, D(2025, 4, 14), id="domain-easter-2025"),
    # Easter 2019 (Sun 21 Apr):
    # clear: 23 Tue, [22 EM], [19 GF], 18 Thu, 17 Wed, 16 Tue, 15 Mon -> publish Fri 12
    pytest.param(D(2019, 4, 24), 5, ENG, D(2019, 4, 12), id="easter-2019"),
    # Easter 2024 (Sun 31 Mar):
    # clear: 3 Wed, 2 Tue, [1 Apr EM], [29 Mar GF], 28 Thu, 27 Wed, 26 Tue -> publish Mon 25 Mar
    pytest.param(D(2024, 4, 4), 5, ENG, D(2024, 3, 25), id="easter-2024"),
    # Easter 2026 (Sun 5 Apr):
    # clear: [6 EM], [3 GF], 2 Thu, 1 Wed, 31 Mar Tue, 30 Mon, 27 Fri -> publish Thu 26 Mar
    pytest.param(D(2026, 4, 7), 5, ENG, D(2026, 3, 26), id="easter-2026-eng"),
    # Easter 2026 in Scotland, which has no Easter Monday:
    # clear: 6 Mon, [3 GF], 2 Thu, 1 Wed, 31 Mar Tue, 30 Mon -> publish Fri 27 Mar
    pytest.param(D(2026, 4, 7), 5, SCT, D(2026, 3, 27), id="easter-2026-sct"),
    # Christmas 2020: Fri 25, Sat 26 -> Boxing Day observed Mon 28; New Year Fri 1 Jan 2021.
    # clear: 4 Mon, [1 NY], 31 Thu, 30 Wed, 29 Tue, [28 Boxing obs], [25 Xmas], 24 Thu
    # -> publish Wed 23 Dec 2020
    pytest.param(D(2021, 1, 5), 5, ENG, D(2020, 12, 23), id="new-year-2021-tue"),
    # clear: 6 Wed, 5 Tue, 4 Mon, [1 NY], 31 Thu, 30 Wed -> publish Tue 29 Dec 2020
    pytest.param(D(2021, 1, 7), 5, ENG, D(2020, 12, 29), id="new-year-2021-thu"),
    # Christmas 2021: Sat 25, Sun 26 -> observed Mon 27 and Tue 28; New Year Sat 1 -> Mon 3 Jan.
    # clear: 5 Wed, 4 Tue, [3 NY obs], 31 Fri, 30 Thu, 29 Wed; [28], [27] -> publish Fri 24 Dec
    pytest.param(D(2022, 1, 6), 5, ENG, D(2021, 12, 24), id="new-year-2022-eng"),
    # Scotland 2022: 1 Jan Sat -> Mon 3; 2 Jan Sun -> Tue 4.
    # clear: 5 Wed, [4 2nd Jan obs], [3 NY obs], 31 Fri, 30 Thu, 29 Wed, [28], [27], 24 Fri
    # -> publish Thu 23 Dec 2021
    pytest.param(D(2022, 1, 6), 5, SCT, D(2021, 12, 23), id="new-year-2022-sct"),
    # Christmas 2026: Fri 25, Sat 26 -> Boxing Day observed Mon 28; New Year Fri 1 Jan 2027.
    # clear: 5 Tue, 4 Mon, [1 NY], 31 Thu, 30 Wed, 29 Tue; [28], [25] -> publish Thu 24 Dec
    pytest.param(D(2027, 1, 6), 5, ENG, D(2026, 12, 24), id="new-year-2027-eng"),
    # Scotland 2027: 2 Jan Sat -> Mon 4 Jan.
    # clear: 5 Tue, [4 2nd Jan obs], [1 NY], 31 Thu, 30 Wed, 29 Tue, [28], [25], 24 Thu
    # -> publish Wed 23 Dec 2026
    pytest.param(D(2027, 1, 6), 5, SCT, D(2026, 12, 23), id="new-year-2027-sct"),
    # Scotland 2025: 1 Jan Wed and 2 Jan Thu both holidays.
    # clear: 6 Mon, 3 Fri, [2 Thu 2nd Jan], [1 NY], 31 Tue -> publish Mon 30 Dec 2024
    pytest.param(D(2025, 1, 7), 3, SCT, D(2024, 12, 30), id="second-january-2025-sct"),
    # England 2025, 2 Jan is a working day:
    # clear: 6 Mon, 3 Fri, 2 Thu; [1 NY] -> publish Tue 31 Dec 2024
    pytest.param(D(2025, 1, 7), 3, ENG, D(2024, 12, 31), id="second-january-2025-eng"),
    # Early May 2025 (Mon 5 May):
    # clear: 7 Wed, 6 Tue, [5 early May], 2 Fri, 1 Thu, 30 Apr Wed -> publish Tue 29 Apr
    pytest.param(D(2025, 5, 8), 5, ENG, D(2025, 4, 29), id="early-may-2025"),
    # 2020 early May moved to Fri 8 May (VE Day 75); Mon 4 May 2020 was a working day.
    # clear: 11 Mon, [8 Fri VE Day], 7 Thu, 6 Wed, 5 Tue, 4 Mon -> publish Fri 1 May
    pytest.param(D(2020, 5, 12), 5, ENG, D(2020, 5, 1), id="early-may-2020-moved"),
    # Spring bank holiday 2025 (Mon 26 May):
    # clear: 27 Tue, [26 spring], 23 Fri, 22 Thu, 21 Wed, 20 Tue -> publish Mon 19 May
    pytest.param(D(2025, 5, 28), 5, ENG, D(2025, 5, 19), id="late-may-2025"),
    # Summer bank holiday 2024 in England (Mon 26 Aug):
    # clear: 29 Thu, 28 Wed, 27 Tue, [26 summer], 23 Fri, 22 Thu -> publish Wed 21 Aug
    pytest.param(D(2024, 8, 30), 5, ENG, D(2024, 8, 21), id="late-august-2024-eng"),
    # Scotland's summer holiday is Mon 5 Aug 2024, so 26 Aug is a working day there:
    # clear: 29 Thu, 28 Wed, 27 Tue, 26 Mon, 23 Fri -> publish Thu 22 Aug
    pytest.param(D(2024, 8, 30), 5, SCT, D(2024, 8, 22), id="late-august-2024-sct"),
    # clear: 7 Wed, 6 Tue, [5 Mon summer (Scotland)], 2 Fri -> publish Thu 1 Aug 2024
    pytest.param(D(2024, 8, 8), 3, SCT, D(2024, 8, 1), id="early-august-2024-sct"),
    # Platinum Jubilee 2022: spring bank holiday moved to Thu 2 Jun, plus Fri 3 Jun;
    # Mon 30 May 2022 was a working day.
    # clear: 6 Mon, [3 Fri Jubilee], [2 Thu spring], 1 Wed, 31 Tue, 30 Mon, 27 Fri
    # -> publish Thu 26 May
    pytest.param(D(2022, 6, 7), 5, ENG, D(2022, 5, 26), id="jubilee-2022"),
    # State Funeral Mon 19 Sep 2022:
    # clear: 20 Tue, [19 funeral], 16 Fri, 15 Thu, 14 Wed, 13 Tue -> publish Mon 12 Sep
    pytest.param(D(2022, 9, 21), 5, ENG, D(2022, 9, 12), id="state-funeral-2022"),
    # Coronation Mon 8 May 2023, early May Mon 1 May 2023:
    # clear: 9 Tue, [8 coronation], 5 Fri, 4 Thu, 3 Wed, 2 Tue; [1 early May]
    # -> publish Fri 28 Apr
    pytest.param(D(2023, 5, 10), 5, ENG, D(2023, 4, 28), id="coronation-2023"),
    # St Andrew's Day Mon 30 Nov 2026 in Scotland:
    # clear: 2 Wed, 1 Tue, [30 Nov St Andrew], 27 Fri, 26 Thu, 25 Wed -> publish Tue 24 Nov
    pytest.param(D(2026, 12, 3), 5, SCT, D(2026, 11, 24), id="st-andrew-2026-sct"),
    # Same meeting in England, 30 Nov a working day:
    # clear: 2 Wed, 1 Tue, 30 Mon, 27 Fri, 26 Thu -> publish Wed 25 Nov
    pytest.param(D(2026, 12, 3), 5, ENG, D(2026, 11, 25), id="st-andrew-2026-eng"),
    # St Andrew's Day Sun 30 Nov 2025 -> substitute Mon 1 Dec in Scotland:
    # clear: 2 Tue, [1 Dec St Andrew obs], 28 Fri, 27 Thu, 26 Wed, 25 Tue -> publish Mon 24 Nov
    pytest.param(D(2025, 12, 3), 5, SCT, D(2025, 11, 24), id="st-andrew-2025-sct-observed"),
    # St Patrick's Day Mon 17 Mar 2025 in Northern Ireland:
    # clear: 18 Tue, [17 St Patrick], 14 Fri, 13 Thu, 12 Wed, 11 Tue -> publish Mon 10 Mar
    pytest.param(D(2025, 3, 19), 5, NIR, D(2025, 3, 10), id="st-patrick-2025-nir"),
    # St Patrick's Day Sun 17 Mar 2024 -> substitute Mon 18 Mar in Northern Ireland:
    # clear: 19 Tue, [18 St Patrick obs], 15 Fri, 14 Thu, 13 Wed, 12 Tue -> publish Mon 11 Mar
    pytest.param(D(2024, 3, 20), 5, NIR, D(2024, 3, 11), id="st-patrick-2024-nir-observed"),
    # Battle of the Boyne Sat 12 Jul 2025 -> substitute Mon 14 Jul in Northern Ireland:
    # clear: 15 Tue, [14 Boyne obs], 11 Fri, 10 Thu, 9 Wed, 8 Tue -> publish Mon 7 Jul
    pytest.param(D(2025, 7, 16), 5, NIR, D(2025, 7, 7), id="boyne-2025-nir-observed"),
    # Same meeting in England, Mon 14 Jul a working day:
    # clear: 15 Tue, 14 Mon, 11 Fri, 10 Thu, 9 Wed -> publish Tue 8 Jul
    pytest.param(D(2025, 7, 16), 5, ENG, D(2025, 7, 8), id="boyne-2025-eng"),
    # Battle of the Boyne Fri 12 Jul 2024:
    # clear: 15 Mon, [12 Boyne], 11 Thu, 10 Wed -> publish Tue 9 Jul
    pytest.param(D(2024, 7, 16), 3, NIR, D(2024, 7, 9), id="boyne-2024-nir"),
    # Battle of the Boyne Sun 12 Jul 2026 -> substitute Mon 13 Jul:
    # clear: [13 Boyne obs], 10 Fri -> publish Thu 9 Jul
    pytest.param(D(2026, 7, 14), 1, NIR, D(2026, 7, 9), id="boyne-2026-nir-observed"),
    # Wales, three clear days: clear: 16 Mon, 13 Fri, 12 Thu -> publish Wed 11 Oct
    pytest.param(D(2017, 10, 17), 3, WLS, D(2017, 10, 11), id="wales-2017-10"),
    # Wales, Easter 2025: clear: 23 Wed, 22 Tue, [21 EM], [18 GF], 17 Thu -> publish Wed 16 Apr
    pytest.param(D(2025, 4, 24), 3, WLS, D(2025, 4, 16), id="wales-easter-2025"),
    # Wales, Christmas 2026: clear: 29 Tue, [28 Boxing obs], [25 Xmas], 24 Thu, 23 Wed
    # -> publish Tue 22 Dec
    pytest.param(D(2026, 12, 30), 3, WLS, D(2026, 12, 22), id="wales-christmas-2026"),
    # Monday meeting, normal week: clear: Fri 17, Thu 16, Wed 15, Tue 14, Mon 13
    # -> publish Fri 10 Oct
    pytest.param(D(2025, 10, 20), 5, ENG, D(2025, 10, 10), id="monday-2025-10"),
    # Monday meeting after a bank-holiday week:
    # clear: Fri 30, Thu 29, Wed 28, Tue 27, [Mon 26 spring], Fri 23 -> publish Thu 22 May
    pytest.param(D(2025, 6, 2), 5, ENG, D(2025, 5, 22), id="monday-after-spring-2025"),
    # Monday after clocks went back (Sun 27 Oct 2019):
    # clear: Fri 25, Thu 24, Wed 23, Tue 22, Mon 21 -> publish Fri 18 Oct
    pytest.param(D(2019, 10, 28), 5, ENG, D(2019, 10, 18), id="clocks-back-2019"),
    # Monday after clocks went forward (Sun 29 Mar 2026):
    # clear: Fri 27, Thu 26, Wed 25, Tue 24, Mon 23 -> publish Fri 20 Mar
    pytest.param(D(2026, 3, 30), 5, ENG, D(2026, 3, 20), id="clocks-forward-2026-eng"),
    # Same Monday in Northern Ireland, ten clear days across St Patrick's Day (Tue 17 Mar 2026):
    # clear: 27, 26, 25, 24, 23, 20, 19, 18, [17 St Patrick], 16, 13 -> publish Thu 12 Mar
    pytest.param(D(2026, 3, 30), 10, NIR, D(2026, 3, 12), id="clocks-forward-2026-nir"),
    # Zero clear days: the last working day before the meeting, Mon 16 Oct
    pytest.param(D(2017, 10, 17), 0, ENG, D(2017, 10, 16), id="zero-tuesday"),
    # Zero clear days before a Monday: [Sun 19], [Sat 18] -> Fri 17 Oct
    pytest.param(D(2025, 10, 20), 0, ENG, D(2025, 10, 17), id="zero-monday"),
    # Zero clear days after Easter 2025: [21 EM], [20], [19], [18 GF] -> Thu 17 Apr
    pytest.param(D(2025, 4, 22), 0, ENG, D(2025, 4, 17), id="zero-after-easter"),
    # One clear day: clear: Mon 16 -> publish Fri 13 Oct
    pytest.param(D(2017, 10, 17), 1, ENG, D(2017, 10, 13), id="one-tuesday"),
    # One clear day over Christmas 2026: clear: [28 Boxing obs], [25 Xmas], 24 Thu -> Wed 23 Dec
    pytest.param(D(2026, 12, 29), 1, ENG, D(2026, 12, 23), id="one-christmas-2026"),
]


class TestWorkedExamples:
    """Hand-counted latest publication dates, one per notable calendar situation."""

    @pytest.mark.parametrize(("meeting", "clear_days", "nation", "expected"), WORKED_EXAMPLES)
    def test_latest_publication_date(
        self, meeting: dt.date, clear_days: int, nation: str, expected: dt.date
    ) -> None:
        """The latest publication date matches the hand count."""
        assert latest_publication_date(meeting, clear_days, nation) == expected

    @pytest.mark.parametrize(("meeting", "clear_days", "nation", "expected"), WORKED_EXAMPLES)
    def test_nation_enum_and_string_agree(
        self, meeting: dt.date, clear_days: int, nation: str, expected: dt.date
    ) -> None:
        """Passing the Nation enum gives the same date as passing its string value."""
        assert latest_publication_date(meeting, clear_days, Nation(nation)) == expected

    def test_ignoring_bank_holidays_would_be_wrong(self) -> None:
        """The Easter 2025 answer is not the naive weekday-only Wednesday 16 April."""
        assert latest_publication_date(D(2025, 4, 24), 5) != D(2025, 4, 16)

    def test_default_nation_is_england(self) -> None:
        """Without a nation, England's bank holidays apply (Easter Monday counts)."""
        assert latest_publication_date(D(2026, 4, 7), 5) == D(2026, 3, 26)

    def test_closure_day_pushes_deadline_earlier(self) -> None:
        """A partnership closure day is skipped like a bank holiday."""
        # clear: 16 Mon, [13 Fri closure], 12 Thu, 11 Wed, 10 Tue, 9 Mon -> publish Fri 6 Oct
        closures = [D(2017, 10, 13)]
        assert latest_publication_date(D(2017, 10, 17), 5, ENG, closures) == D(2017, 10, 6)

    def test_closure_on_candidate_day_moves_it_back(self) -> None:
        """A closure on the would-be publication day moves publication to the working day before."""
        # clear: 16 Mon .. 10 Tue as usual; [9 Mon closure] -> publish Fri 6 Oct
        closures = (D(2017, 10, 9),)
        assert latest_publication_date(D(2017, 10, 17), 5, ENG, closures) == D(2017, 10, 6)

    def test_negative_clear_days_rejected(self) -> None:
        """A negative number of clear days is an error."""
        with pytest.raises(ValueError, match="negative"):
            latest_publication_date(D(2025, 4, 24), -1)

    def test_unknown_nation_rejected(self) -> None:
        """A nation that is not one of the four is an error."""
        with pytest.raises(ValueError, match="atlantis"):
            latest_publication_date(D(2025, 4, 24), 5, "atlantis")


class TestClearWorkingDays:
    """Counting clear working days between a publication date and a meeting."""

    @pytest.mark.parametrize(
        ("published", "meeting", "nation", "expected"),
        [
            # DOMAIN.md C.3: 10 Tue, 11 Wed, 12 Thu, 13 Fri, 16 Mon
            pytest.param(D(2017, 10, 9), D(2017, 10, 17), ENG, 5, id="domain-2017-10"),
            # one day later: 11, 12, 13, 16
            pytest.param(D(2017, 10, 10), D(2017, 10, 17), ENG, 4, id="domain-day-late"),
            # 15, 16, 17, [18 GF], [21 EM], 22, 23
            pytest.param(D(2025, 4, 14), D(2025, 4, 24), ENG, 5, id="domain-easter-2025"),
            # the naive date: 17, [18], [21], 22, 23
            pytest.param(D(2025, 4, 16), D(2025, 4, 24), ENG, 3, id="naive-easter-2025"),
            # Wales has the same Easter: 3 clear days from Wed 16
            pytest.param(D(2025, 4, 16), D(2025, 4, 24), WLS, 3, id="wales-easter-2025"),
            # Scotland keeps Easter Monday: 17, [18 GF], 21, 22, 23
            pytest.param(D(2025, 4, 16), D(2025, 4, 24), SCT, 4, id="scotland-easter-2025"),
            # Christmas 2026: 24, [25], [28 Boxing obs], 29, 30, 31, [1 NY], 4, 5
            pytest.param(D(2026, 12, 23), D(2027, 1, 6), ENG, 6, id="christmas-2026-eng"),
            # Scotland also loses Mon 4 Jan 2027 (2 Jan observed)
            pytest.param(D(2026, 12, 23), D(2027, 1, 6), SCT, 5, id="christmas-2026-sct"),
            # Christmas 2021: 24, [27], [28], 29, 30, 31, [3 Jan], 4, 5
            pytest.param(D(2021, 12, 23), D(2022, 1, 6), ENG, 6, id="christmas-2021-eng"),
            # Scotland also loses Tue 4 Jan 2022: 24, 29, 30, 31, 5
            pytest.param(D(2021, 12, 23), D(2022, 1, 6), SCT, 5, id="christmas-2021-sct"),
            # published Saturday: [Sun 12], 13, 14, 15, 16, 17
            pytest.param(D(2025, 10, 11), D(2025, 10, 20), ENG, 5, id="published-saturday"),
            # published Sunday, Friday meeting: 13, 14, 15, 16
            pytest.param(D(2025, 10, 12), D(2025, 10, 17), ENG, 4, id="published-sunday"),
            # meeting on a Saturday: 13 .. 17 Oct
            pytest.param(D(2025, 10, 10), D(2025, 10, 18), ENG, 5, id="meeting-saturday"),
            # published the day before: nothing strictly between
            pytest.param(D(2017, 10, 16), D(2017, 10, 17), ENG, 0, id="day-before"),
            # published on the meeting day
            pytest.param(D(2017, 10, 17), D(2017, 10, 17), ENG, 0, id="same-day"),
            # published after the meeting
            pytest.param(D(2017, 10, 20), D(2017, 10, 17), ENG, 0, id="after-meeting"),
            # St Patrick's Day observed Mon 18 Mar 2024 in NI: 12, 13, 14, 15, [18], 19
            pytest.param(D(2024, 3, 11), D(2024, 3, 20), NIR, 5, id="st-patrick-2024-nir"),
            # same in England: 12, 13, 14, 15, 18, 19
            pytest.param(D(2024, 3, 11), D(2024, 3, 20), ENG, 6, id="st-patrick-2024-eng"),
        ],
    )
    def test_worked_examples(
        self, published: dt.date, meeting: dt.date, nation: str, expected: int
    ) -> None:
        """Clear working days match the hand count."""
        assert clear_working_days(published, meeting, nation) == expected

    def test_closure_is_not_a_clear_day(self) -> None:
        """A closure day between publication and meeting is not counted."""
        # 10, 11, 12, [13 closure], 16
        assert clear_working_days(D(2017, 10, 9), D(2017, 10, 17), ENG, [D(2017, 10, 13)]) == 4

    def test_method_and_function_agree(self) -> None:
        """WorkingCalendar.clear_working_days and the module function give the same count."""
        calendar = WorkingCalendar(nation=Nation.SCOTLAND)
        published, meeting = D(2026, 12, 23), D(2027, 1, 6)
        assert calendar.clear_working_days(published, meeting) == clear_working_days(
            published, meeting, Nation.SCOTLAND
        )

    @pytest.mark.parametrize(("meeting", "clear_days", "nation", "expected"), WORKED_EXAMPLES)
    def test_latest_date_leaves_exactly_the_clear_days(
        self, meeting: dt.date, clear_days: int, nation: str, expected: dt.date
    ) -> None:
        """Publishing on the latest date leaves exactly the required clear working days."""
        latest = latest_publication_date(meeting, clear_days, nation)
        assert clear_working_days(latest, meeting, nation) == clear_days

    @pytest.mark.parametrize(("meeting", "clear_days", "nation", "expected"), WORKED_EXAMPLES)
    def test_next_working_day_is_too_late(
        self, meeting: dt.date, clear_days: int, nation: str, expected: dt.date
    ) -> None:
        """Publishing one working day after the latest date leaves one clear day too few."""
        latest = latest_publication_date(meeting, clear_days, nation)
        following = WorkingCalendar(nation=Nation(nation)).add_working_days(latest, 1)
        if clear_days == 0:
            assert following >= meeting
        else:
            assert clear_working_days(following, meeting, nation) == clear_days - 1


class TestBankHolidays:
    """The calendar takes each nation's bank holidays, substitute days included."""

    def test_boxing_day_observed_2026_is_not_a_working_day(self) -> None:
        """Boxing Day observed on Monday 28 December 2026 is not a working day in England."""
        calendar = WorkingCalendar(nation=Nation.ENGLAND)
        assert not calendar.is_working_day(D(2026, 12, 28))
        name = calendar.holiday(D(2026, 12, 28))
        assert name is not None
        assert "Boxing" in name
        assert calendar.is_working_day(D(2026, 12, 29))

    def test_one_off_bank_holidays(self) -> None:
        """The Jubilee, State Funeral and Coronation days are not working days in England."""
        calendar = WorkingCalendar()
        for day in (D(2022, 6, 2), D(2022, 6, 3), D(2022, 9, 19), D(2023, 5, 8)):
            assert not calendar.is_working_day(day), day
        assert calendar.is_working_day(D(2022, 5, 30))
        assert calendar.is_working_day(D(2020, 5, 4))
        assert not calendar.is_working_day(D(2020, 5, 8))

    def test_closure_day_is_named(self) -> None:
        """A closure day is reported as such and is not a working day."""
        calendar = WorkingCalendar(closures=frozenset({D(2025, 10, 15)}))
        assert calendar.holiday(D(2025, 10, 15)) == "closure day"
        assert not calendar.is_working_day(D(2025, 10, 15))
        assert calendar.holiday(D(2025, 10, 16)) is None

    def test_weekend_is_not_a_working_day(self) -> None:
        """Saturdays and Sundays are never working days, holiday or not."""
        calendar = WorkingCalendar()
        assert not calendar.is_working_day(D(2025, 10, 18))
        assert not calendar.is_working_day(D(2025, 10, 19))
        assert calendar.holiday(D(2025, 10, 18)) is None


# --- properties -------------------------------------------------------------------------------

meetings = st.dates(min_value=D(2000, 1, 1), max_value=D(2035, 12, 31))
nations = st.sampled_from(list(Nation))
clear_counts = st.integers(min_value=0, max_value=15)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[dt.date, int, Nation, frozenset[dt.date]]:
    """A meeting, a notice period, a nation and closures near enough to matter."""
    meeting = draw(meetings)
    offsets = draw(st.frozensets(st.integers(min_value=-5, max_value=40), max_size=6))
    closures = frozenset(meeting - dt.timedelta(days=offset) for offset in offsets)
    return meeting, draw(clear_counts), draw(nations), closures


class TestProperties:
    """Properties that hold for every meeting, nation, notice period and set of closures."""

    @given(scenarios())
    @examples(200)
    def test_latest_date_leaves_exactly_n_clear_days(
        self, scenario: tuple[dt.date, int, Nation, frozenset[dt.date]]
    ) -> None:
        """Publishing on the computed date leaves exactly N clear working days."""
        meeting, clear_days, nation, closures = scenario
        latest = latest_publication_date(meeting, clear_days, nation, closures)
        assert clear_working_days(latest, meeting, nation, closures) == clear_days

    @given(scenarios())
    @examples(200)
    def test_latest_date_is_a_working_day(
        self, scenario: tuple[dt.date, int, Nation, frozenset[dt.date]]
    ) -> None:
        """The computed date is a working day of the nation, not a closure."""
        meeting, clear_days, nation, closures = scenario
        latest = latest_publication_date(meeting, clear_days, nation, closures)
        assert WorkingCalendar(nation=nation, closures=closures).is_working_day(latest)

    @given(scenarios())
    @examples(200)
    def test_next_working_day_leaves_too_few(
        self, scenario: tuple[dt.date, int, Nation, frozenset[dt.date]]
    ) -> None:
        """Publishing on the next working day after the computed date leaves fewer than N."""
        meeting, clear_days, nation, closures = scenario
        calendar = WorkingCalendar(nation=nation, closures=closures)
        latest = latest_publication_date(meeting, clear_days, nation, closures)
        following = calendar.add_working_days(latest, 1)
        if clear_days == 0:
            assert following >= meeting
        else:
            assert clear_working_days(following, meeting, nation, closures) < clear_days

    @given(scenarios())
    @examples(200)
    def test_latest_date_is_before_meeting(
        self, scenario: tuple[dt.date, int, Nation, frozenset[dt.date]]
    ) -> None:
        """The computed date is strictly before the meeting."""
        meeting, clear_days, nation, closures = scenario
        assert latest_publication_date(meeting, clear_days, nation, closures) < meeting

    @given(scenarios())
    @examples(200)
    def test_more_notice_is_never_later(
        self, scenario: tuple[dt.date, int, Nation, frozenset[dt.date]]
    ) -> None:
        """One more clear day never gives a later (in fact always an earlier) date."""
        meeting, clear_days, nation, closures = scenario
        shorter = latest_publication_date(meeting, clear_days, nation, closures)
        longer = latest_publication_date(meeting, clear_days + 1, nation, closures)
        assert longer < shorter

    @given(scenarios(), st.integers(min_value=-5, max_value=40))
    @examples(200)
    def test_extra_closure_is_never_later(
        self, scenario: tuple[dt.date, int, Nation, frozenset[dt.date]], offset: int
    ) -> None:
        """Adding a closure day never gives a later date."""
        meeting, clear_days, nation, closures = scenario
        extra = closures | {meeting - dt.timedelta(days=offset)}
        before = latest_publication_date(meeting, clear_days, nation, closures)
        after = latest_publication_date(meeting, clear_days, nation, extra)
        assert after <= before

    @given(meetings, st.integers(min_value=-60, max_value=60), nations)
    @examples(200)
    def test_clear_days_are_working_days_before_meeting_eve(
        self, meeting: dt.date, offset: int, nation: Nation
    ) -> None:
        """clear_working_days(d, m) is working_days(d, m - 1 day), and 0 when d >= m - 1 day."""
        published = meeting - dt.timedelta(days=offset)
        calendar = WorkingCalendar(nation=nation)
        clear = clear_working_days(published, meeting, nation)
        assert clear == calendar.working_days(published, meeting - ONE_DAY)
        assert clear == calendar.clear_working_days(published, meeting)
        if published >= meeting - ONE_DAY:
            assert clear == 0

    @given(
        meetings,
        st.integers(min_value=0, max_value=30),
        nations,
        st.frozensets(st.integers(min_value=-5, max_value=45), max_size=6),
    )
    @examples(200)
    def test_add_working_days_round_trips(
        self, start: dt.date, count: int, nation: Nation, offsets: frozenset[int]
    ) -> None:
        """add_working_days(start, n) is a working day for n >= 1 and n working days on."""
        closures = frozenset(start + dt.timedelta(days=offset) for offset in offsets)
        calendar = WorkingCalendar(nation=nation, closures=closures)
        result = calendar.add_working_days(start, count)
        assert calendar.working_days(start, result) == count
        if count == 0:
            assert result == start
        else:
            assert result > start
            assert calendar.is_working_day(result)
