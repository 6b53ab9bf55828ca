"""Calendars in each of the partnership's languages: Welsh first, English under ``en-gb/``.

A Welsh partnership publishing in Welsh and English (``languages = ["cy", "en-GB"]``) is built
with ``csp_core.build``: the calendars at the top of the output folder are entirely in Welsh —
every word the plugin writes, every label and every date — and the same calendars under
``en-gb/`` are in English (docs/languages.md, docs/ical.md).  The partnership's own words (its
name, meeting titles) are the data's and are Welsh in both.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

import csp_core
from csp_core import Partnership
from csp_core.build import build
from tests.data import PROFDREF, partnership_header

LONDON = ZoneInfo("Europe/London")
BASE_URL = "https://csp.example.cymru/"

# Sunday 1 December 2019, noon: after every meeting below.
AT = dt.datetime(2019, 12, 1, 12, tzinfo=LONDON)

DATA = PROFDREF

#: English words of the calendars that must never reach a Welsh one: day and month names, the
#: labels of statuses, how to attend, documents and standings, and the plugin's own sentences.
#: ("Agenda" is not here: it is the Welsh word too.)
ENGLISH = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|Cancelled|Postponed|"
    r"Rescheduled|Agenda and papers|Minutes|Minutes published|Status|Moved from|Attendance|"
    r"In person|Online|Papers|Public questions|Email|More|Deadline|Due|Statutory|Target|"
    r"Standing|Published on time|Published late|Pending|Overdue|Public meetings|"
    r"publication deadlines|available on request|working days?|clear working|notice|exempt|"
    r"Schedule 12A|paragraph|not open to the public|no longer applies|cancelled|postponed)\b"
)

#: The text properties of a calendar and of its events.
TEXTS = ("NAME", "X-WR-CALNAME", "DESCRIPTION", "X-WR-CALDESC", "SUMMARY", "LOCATION")


def _texts(content: bytes) -> list[str]:
    calendar = Calendar.from_ical(content)
    found = [str(calendar[name]) for name in TEXTS if name in calendar]
    for event in calendar.walk("VEVENT"):
        found += [str(event[name]) for name in TEXTS if name in event]
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("welsh")
    data = folder / "profdref.toml"
    data.write_text(DATA, encoding="utf-8")
    partnership = csp_core.load(data)
    assert isinstance(partnership, Partnership)
    out = folder / "out"
    build(partnership, out, AT, only=["ical"], base_url=BASE_URL, source=data)
    return out


CALENDARS = ("calendar.ics", "bodies/bwrdd.ics", "bodies/tasgio.ics", "deadlines.ics")


@pytest.mark.parametrize("path", CALENDARS)
def test_the_welsh_calendars_are_welsh(built: Path, path: str) -> None:
    texts = _texts((built / path).read_bytes())
    assert texts
    english = sorted({m.group(0) for text in texts for m in ENGLISH.finditer(text)})
    assert not english, f"English in the Welsh {path}: {english}"


@pytest.mark.parametrize("path", CALENDARS)
def test_the_english_calendars_are_under_en_gb(built: Path, path: str) -> None:
    welsh = (built / path).read_bytes()
    english = (built / "en-gb" / path).read_bytes()
    # The same events, with the same ids, in both languages.
    assert [e["UID"] for e in Calendar.from_ical(welsh).walk("VEVENT")] == [
        e["UID"] for e in Calendar.from_ical(english).walk("VEVENT")
    ]
    assert _texts(welsh) != _texts(english)


def test_welsh_words_and_dates(built: Path) -> None:
    calendar = Calendar.from_ical((built / "calendar.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "Partneriaeth Diogelwch Cymunedol Profdref"
    assert str(calendar["X-WR-CALDESC"]).startswith(
        "Cyfarfodydd cyhoeddus Partneriaeth Diogelwch Cymunedol Profdref (Profdref): pryd a ble"
    )
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert str(events["2019-11-14"]["SUMMARY"]) == "Wedi'i ganslo: Cyfarfod y Grŵp Tasgio"
    assert str(events["2019-11-28"]["SUMMARY"]) == "Wedi'i ohirio: Cyfarfod y Grŵp Tasgio"
    board = str(events["2019-10-17"]["DESCRIPTION"]).splitlines()
    # Moved from Thursday 10 October 2019, 10:00 (British Summer Time: 10:00 local).  Said as
    # "previous time", which needs no mutation of the date after it ("o ddydd Iau").
    assert "Amser blaenorol: Dydd Iau 10 Hydref 2019, 10:00." in board
    assert "Sut i fynychu: Wyneb yn wyneb." in board
    assert "Agenda:" in board
    assert (
        "2. Achosion unigol (eithriedig: Atodlen 12A, paragraff 13 — nid yw'n agored i'r "
        "cyhoedd)" in board
    )
    assert (
        "- Adroddiad ar ddiogelwch y canol: ar gael ar gais gan pdc@profdref.example.cymru" in board
    )
    assert "Cwestiynau gan y cyhoedd:" in board
    assert "Erbyn: Dydd Mercher 16 Hydref 2019, 10:00" in board
    body = Calendar.from_ical((built / "bodies/tasgio.ics").read_bytes())
    assert str(body["X-WR-CALNAME"]) == "Partneriaeth Diogelwch Cymunedol Profdref: Grŵp Tasgio"
    assert str(body["X-WR-CALDESC"]) == "Cyfarfodydd cyhoeddus Grŵp Tasgio."


def test_welsh_deadlines(built: Path) -> None:
    calendar = Calendar.from_ical((built / "deadlines.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == (
        "Partneriaeth Diogelwch Cymunedol Profdref: dyddiadau cau cyhoeddi"
    )
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    agenda = events["meeting-2019-10-17-agenda"]
    assert str(agenda["SUMMARY"]).startswith("Dyddiad cau: Agenda a phapurau: ")
    lines = str(agenda["DESCRIPTION"]).splitlines()
    # Thursday 17 October 2019 in Wales, where s.100B(3) still asks three clear days (England's
    # five are SI 2002/715, for England only; docs/rules.md): counting back from the day before the
    # meeting, Wednesday 16, Tuesday 15 and Monday 14 are the three clear working days, so the
    # agenda is due on Friday 11 October.  Published on Wednesday 9 October at 09:00, it gave
    # five (Thursday 10, Friday 11, Monday 14, Tuesday 15, Wednesday 16).
    assert lines[0] == "Dyddiad cau: Dydd Gwener 11 Hydref 2019."
    assert lines[1].startswith("Statudol: ie (o leiaf 3 diwrnod gwaith clir o rybudd cyhoeddus")
    assert lines[3].startswith("Sefyllfa: Cyhoeddwyd mewn pryd, Dydd Mercher 9 Hydref 2019")
    assert lines[3].endswith("gyda 5 diwrnod gwaith clir o rybudd.")
    # The cancelled meeting's agenda no longer applies: a cancelled event, in Welsh.
    lapsed = events["meeting-2019-11-14-agenda"]
    assert str(lapsed["SUMMARY"]).startswith("Wedi'i ganslo: Dyddiad cau: ")
    assert "Nid yw'r dyddiad cau hwn yn berthnasol mwyach: mae'r cyfarfod wedi'i ganslo" in str(
        lapsed["DESCRIPTION"]
    )


def test_the_english_calendar_is_english(built: Path) -> None:
    calendar = Calendar.from_ical((built / "en-gb" / "calendar.ics").read_bytes())
    assert str(calendar["X-WR-CALDESC"]).startswith("Public meetings of Partneriaeth")
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert str(events["2019-11-14"]["SUMMARY"]) == "Cancelled: Cyfarfod y Grŵp Tasgio"
    board = str(events["2019-10-17"]["DESCRIPTION"]).splitlines()
    assert "Moved from Thursday 10 October 2019, 10:00." in board
    assert (
        "- Adroddiad ar ddiogelwch y canol: available on request from pdc@profdref.example.cymru"
        in board
    )
    # Each calendar links to its own language's pages.
    assert str(events["2019-10-17"]["URL"]) == f"{BASE_URL}en-gb/meetings/2019-10-17.html"


def test_a_fallback_title_is_marked_with_its_language(tmp_path: Path) -> None:
    """A title the data gives only in Welsh is shown in the English calendar marked LANGUAGE=cy."""
    path = tmp_path / "partnership.toml"
    path.write_text(
        'languages = ["cy", "en-GB"]\n'
        + partnership_header("Dyfed", nation="wales")
        + '\n[[meetings]]\nid = "m"\nbody = "board"\n'
        + 'title = { cy = "Cyfarfod y Bwrdd" }\nstart = 2025-03-14T10:00:00+00:00\n'
        + 'venue = { name = { cy = "Neuadd y Sir", en-GB = "County Hall" }, '
        + 'address = ["Caerfyrddin"], postcode = "SA31 1JP" }\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build(csp_core.load(path), out, dt.datetime(2025, 3, 1, tzinfo=dt.UTC), only=["ical"])
    english = Calendar.from_ical((out / "en-gb/calendar.ics").read_bytes())
    event = next(iter(english.walk("VEVENT")))
    assert str(event["SUMMARY"]) == "Cyfarfod y Bwrdd"
    assert event["SUMMARY"].params["LANGUAGE"] == "cy"
    assert "LANGUAGE" not in event["LOCATION"].params
    welsh = Calendar.from_ical((out / "calendar.ics").read_bytes())
    assert "LANGUAGE" not in next(iter(welsh.walk("VEVENT")))["SUMMARY"].params
