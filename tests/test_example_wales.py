"""The second example: Conwy and Denbighshire, a joint Welsh partnership published in Welsh and
English (examples/conwy-denbighshire).

Every public text is given in both languages; the example validates with no warnings, keeps
to the Welsh rules (three clear working days, Welsh bank holidays, Schedule 12A Part 4), and
builds Welsh outputs at the top and English ones under ``en-gb/`` that real clients read.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import attrs
import feedparser
import icalendar
import lxml.html
import pytest

from csp_core import (
    EXEMPTION_PARAGRAPHS,
    STATUTORY_CLEAR_DAYS,
    Availability,
    DocumentKind,
    MeetingStatus,
    Nation,
    Partnership,
    Role,
    Text,
    dump,
    load,
    plan_in_force,
)
from csp_core.model.translations import missing_translations, texts_in
from csp_core.rules import latest_publication_date
from tests.data import CAMBRIDGE, ROOT

WALES = ROOT / "examples" / "conwy-denbighshire"
LANGUAGES = ("cy", "en-GB")
BUILD_AT = "2026-02-01T09:00"

# Fields that hold machine values, never words for the public: ids and references to ids,
# addresses on the web, email, postcodes, digests, the time zone and the language tags.
MACHINE_FIELDS = frozenset(
    {
        "id",
        "body",
        "parent",
        "agency",
        "leads",
        "secretariat",
        "priority",
        "papers",
        "replaced_by",
        "scope",
        "url",
        "web",
        "join",
        "webcast",
        "recording",
        "site",
        "email",
        "postcode",
        "sha256",
        "timezone",
        "languages",
        "rule",
        "series",
    }
)
# The plain (one-string) texts the example uses on purpose: a building's proper name and agenda
# item numbers, the same in Welsh and English.
NEUTRAL_TEXTS = frozenset({"Coed Pella", *(str(n) for n in range(1, 10))})
# English words that never occur in Welsh: any of them in a plain string would be English text
# shown unchanged on the Welsh pages.
ENGLISH_WORDS = frozenset(
    {
        "the",
        "and",
        "of",
        "for",
        "to",
        "by",
        "with",
        "meeting",
        "minutes",
        "council",
        "county",
        "partnership",
        "community",
        "safety",
        "police",
        "report",
        "road",
        "hall",
        "bay",
        "plan",
        "review",
        "draft",
        "papers",
    }
)


def _strings(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every ``str`` held in a model object (texts, ids, addresses), with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            inner = f"{path}.{field.name}" if path else field.name
            yield from _strings(getattr(value, field.name), inner)


def _field(path: str) -> str:
    """The field name at the end of a path: ``meetings[2].agenda[0].papers[1]`` -> ``papers``."""
    return re.sub(r"\[\d+\]", "", path).rsplit(".", 1)[-1]


def _in(text: str, language: str) -> str:
    """A text of the model in one language (it must be a :class:`Text`)."""
    assert isinstance(text, Text), text
    return text.translations[language]


def _test_module(relative: str, name: str) -> ModuleType:
    """A plugin's test helpers (the Nu checker, the calendar readers), loaded by path."""
    spec = importlib.util.spec_from_file_location(name, ROOT / relative)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _csp(*args: str) -> subprocess.CompletedProcess[str]:
    """The ``csp`` command in a fresh process, as a council runs it."""
    return subprocess.run(
        [sys.executable, "-m", "csp_core", *args], capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def wales() -> Partnership:
    """The example, loaded once."""
    return load(WALES)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built once, by the command line, at 09:00 on Sunday 1 February 2026."""
    out = tmp_path_factory.mktemp("conwy-denbighshire") / "out"
    result = _csp("build", str(WALES), "--out", str(out), "--at", BUILD_AT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return out


class TestValidates:
    def test_no_problems_and_no_warnings(self) -> None:
        """`csp validate` exits 0 with its one-line summary and nothing else: no warnings."""
        result = _csp("validate", str(WALES))
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stderr == ""
        assert result.stdout.count("\n") == 1, result.stdout
        assert "warning" not in result.stdout
        # 6 of the board, 3 private, 12 of the task and finish group's series
        assert "10 agencies, 21 meetings" in result.stdout

    def test_a_missing_language_would_be_warned(self, tmp_path: Path) -> None:
        """The check above has teeth: drop the English of one text and validate warns."""
        copy = tmp_path / "copy"
        (copy / "meetings").mkdir(parents=True)
        for path in WALES.rglob("*.toml"):
            (copy / path.relative_to(WALES)).write_text(
                path.read_text(encoding="utf-8"), encoding="utf-8"
            )
        partnership = copy / "partnership.toml"
        text = partnership.read_text(encoding="utf-8")
        partnership.write_text(
            text.replace(
                'area = { cy = "Conwy a Sir Ddinbych", en-GB = "Conwy and Denbighshire" }',
                'area = { cy = "Conwy a Sir Ddinbych" }',
            ),
            encoding="utf-8",
        )
        result = _csp("validate", str(copy))
        assert result.returncode == 0
        assert "area: warning: no text in en-GB" in result.stdout

    def test_status_command(self) -> None:
        """`csp status` at the end of the year: every duty met, none late, nothing withheld."""
        result = _csp("status", str(WALES), "--at", "2026-04-30T09:00", "--format", "json")
        assert result.returncode == 0, result.stderr
        status = json.loads(result.stdout)
        assert status["counts"]["late"] == 0
        assert status["counts"]["overdue"] == 0
        assert status["counts"]["on_time"] > 20
        assert status["retention_breaches"] == []
        assert status["plan"]["id"] == "plan-2025-28"


class TestBilingual:
    def test_every_text_in_welsh_and_english(self, wales: Partnership) -> None:
        """Every text of the loaded partnership is a Text holding both languages."""
        assert wales.languages == LANGUAGES
        texts = list(texts_in(wales))
        paths = {path for path, _ in texts}
        assert len(texts) > 200
        assert {
            "name",
            "texts.introduction[0]",
            "contact.address[0]",
            "agencies[0].name",
            "plans[0].priorities[0].targets[0].unit",
            "meetings[1].status_note",
            "meetings[2].changes[0].note",
            "meetings[3].agenda[7].summary",
        } <= paths
        for path, text in texts:
            assert isinstance(text, Text)
            assert tuple(text.translations) == LANGUAGES, path
            assert text.lang == "cy", path
            assert all(value.strip() for value in text.translations.values()), path
        assert list(missing_translations(wales, wales.languages)) == []

    def test_the_welsh_is_not_the_english(self, wales: Partnership) -> None:
        """Texts are translated, not copied: at most a few read the same in both languages."""
        same = {
            text.translations["cy"]
            for _, text in texts_in(wales)
            if text.translations["cy"] == text.translations["en-GB"]
        }
        assert same == set()

    def test_plain_strings_are_language_neutral(self, wales: Partnership) -> None:
        """Every plain string is a machine value or a neutral text; none holds English words."""
        neutral: set[str] = set()
        for path, value in _strings(wales):
            if isinstance(value, Text) or type(value) is not str:
                continue  # a translated text, or an enumeration's value
            if _field(path) in MACHINE_FIELDS:
                continue
            words = set(re.findall(r"[a-z]+", value.lower()))
            assert not words & ENGLISH_WORDS, f"{path}: {value!r} reads as English"
            neutral.add(value)
        assert neutral <= NEUTRAL_TEXTS, neutral - NEUTRAL_TEXTS
        assert "Coed Pella" in neutral

    def test_round_trips(self, wales: Partnership, tmp_path: Path) -> None:
        """The example dumps to one JSON file, both languages kept, that loads back equal."""
        path = tmp_path / "conwy-denbighshire.json"
        data = dump(wales)
        assert data["name"] == {
            "cy": "Partneriaeth Diogelwch Cymunedol Conwy a Sir Ddinbych",
            "en-GB": "Conwy and Denbighshire Community Safety Partnership",
        }
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        assert load(path) == wales


class TestThePartnership:
    def test_a_welsh_partnership(self, wales: Partnership) -> None:
        """Wales: three clear working days and the exempt paragraphs of Schedule 12A Part 4."""
        assert wales.nation is Nation.WALES
        assert wales.policy.clear_working_days is None  # left out: the nation's minimum
        assert STATUTORY_CLEAR_DAYS[wales.nation] == 3
        assert set(EXEMPTION_PARAGRAPHS[wales.nation]) == set(range(12, 19))

    def test_two_councils_and_the_welsh_responsible_authorities(self, wales: Partnership) -> None:
        """Six responsible authorities: both councils, police, fire, the health board, probation."""
        day = dt.date(2025, 10, 1)
        statutory = {agency.id for agency in wales.responsible_authorities_on(day)}
        assert statutory == {
            "conwy",
            "denbighshire",
            "north-wales-police",
            "fire-and-rescue",
            "health-board",
            "probation",
        }
        councils = [a for a in wales.agencies if a.sector.value == "council"]
        assert {_in(council.name, "cy") for council in councils} == {
            "Cyngor Bwrdeistref Sirol Conwy",
            "Cyngor Sir Ddinbych",
        }

    def test_a_joint_partnership(self, wales: Partnership) -> None:
        """Both councils lead; Conwy runs the business; a contact for each council."""
        assert wales.leads == ("conwy", "denbighshire")
        assert wales.secretariat == "conwy"
        assert wales.contact.agency == "conwy"
        (denbighshire,) = wales.contacts
        assert denbighshire.agency == "denbighshire"
        assert denbighshire.postcode == "LL15 1YN"
        assert [_in(line, "cy") for line in denbighshire.address][1:] == [
            "Neuadd y Sir",
            "Ffordd Wynnstay",
            "Rhuthun",
        ]

    def test_the_commissioners_office_attends(self, wales: Partnership) -> None:
        """The Police and Crime Commissioner's office attends; it is not a member."""
        (attendee,) = wales.agencies_on(dt.date(2025, 10, 1), Role.ATTENDEE)
        assert attendee.id == "pcc-office"
        assert not attendee.responsible_authority

    def test_membership_dates(self, wales: Partnership) -> None:
        """The voluntary councils observe to 24 September 2025 and are members from the 25th."""

        def members(day: dt.date) -> set[str]:
            return {agency.id for agency in wales.agencies_on(day, Role.MEMBER)}

        assert "cvsc" not in members(dt.date(2025, 9, 24))
        assert {"cvsc", "dvsc"} <= members(dt.date(2025, 9, 25))
        non_statutory = {
            agency.id
            for agency in wales.agencies_on(dt.date(2025, 10, 1), Role.MEMBER)
            if not agency.responsible_authority
        }
        assert non_statutory == {"youth-justice", "cvsc", "dvsc"}

    def test_plan_in_force_with_priorities(self, wales: Partnership) -> None:
        """The plan 2025–2028 in force, each priority with a lead, aims and targets."""
        plan = plan_in_force(wales, dt.date(2026, 2, 1))
        assert plan is not None
        assert plan.id == "plan-2025-28"
        assert len(plan.priorities) == 3
        for priority in plan.priorities:
            assert priority.lead.agency
            assert priority.aims
            assert priority.targets
        previous = plan_in_force(wales, dt.date(2025, 3, 31))
        assert previous is not None
        assert [d.availability for d in previous.documents] == [Availability.ON_REQUEST]

    def test_assessment_and_annual_review(self, wales: Partnership) -> None:
        """Two strategic assessments (one a year) and the annual review 2024–25."""
        assert [a.published_on for a in wales.assessments] == [
            dt.date(2025, 1, 20),
            dt.date(2026, 1, 12),
        ]
        (review,) = wales.annual_reviews
        assert _in(review.title, "cy") == "Adolygiad Blynyddol 2024–25"


class TestMeetings:
    def test_a_year_of_meetings(self, wales: Partnership) -> None:
        """Six board meetings from May 2025 to March 2026, each with its draft agenda; all that
        went ahead with their agenda, and all but the last with minutes."""
        board = [meeting for meeting in wales.meetings if meeting.body == "board"]
        starts = [meeting.start.date() for meeting in board]
        assert starts[0] == dt.date(2025, 5, 15)
        assert starts[-1] == dt.date(2026, 3, 19)
        going_ahead = [m for m in board if m.status is not MeetingStatus.CANCELLED]
        for meeting in board:
            assert meeting.document(DocumentKind.DRAFT_AGENDA) is not None, meeting.id
        for meeting in going_ahead:
            assert meeting.document(DocumentKind.AGENDA) is not None, meeting.id
        for meeting in going_ahead[:-1]:
            assert meeting.document(DocumentKind.MINUTES) is not None, meeting.id

    def test_a_cancelled_meeting(self, wales: Partnership) -> None:
        """17 July 2025 was cancelled; the note and the change record say why, in both."""
        meeting = wales.meeting("2025-07-17")
        assert meeting.status is MeetingStatus.CANCELLED
        assert isinstance(meeting.status_note, Text)
        # The note says why; the pages put "Cancelled." ("Wedi'i ganslo.") before it.
        assert meeting.status_note.translations["cy"].startswith("Ni allai digon o bartneriaid")
        assert meeting.status_note.translations["en-GB"].startswith("Too few partners")
        (change,) = meeting.changes
        assert [what.value for what in change.what] == ["status"]

    def test_a_moved_meeting(self, wales: Partnership) -> None:
        """The meeting announced for 18 September 2025 moved to the 25th (10:00 BST, 09:00 UTC)."""
        meeting = wales.meeting("2025-09-18")
        assert meeting.status is MeetingStatus.RESCHEDULED
        assert meeting.previous_start == dt.datetime(2025, 9, 18, 9, 0, tzinfo=dt.UTC)
        assert meeting.start == dt.datetime(2025, 9, 25, 9, 0, tzinfo=dt.UTC)
        (change,) = meeting.changes
        assert {what.value for what in change.what} == {"time", "status"}

    def test_an_exempt_item_under_a_welsh_paragraph(self, wales: Partnership) -> None:
        """The police briefing of 20 November 2025 is exempt under paragraph 18 (Part 4) and its
        paper is withheld."""
        meeting = wales.meeting("2025-11-20")
        (item,) = [item for item in meeting.agenda if item.exempt]
        assert item.exemption == 18
        (paper,) = [d for d in meeting.documents if d.id in item.papers]
        assert paper.availability is Availability.WITHHELD

    def test_background_papers_on_request(self, wales: Partnership) -> None:
        """The annual review's background papers of 15 May 2025 are available on request."""
        meeting = wales.meeting("2025-05-15")
        (papers,) = [d for d in meeting.documents if d.kind is DocumentKind.BACKGROUND_PAPERS]
        assert papers.availability is Availability.ON_REQUEST
        assert papers.url is None

    def test_agendas_leave_three_clear_working_days(self, wales: Partnership) -> None:
        """Worked examples of the Welsh notice, computed by hand.

        Thursday 15 May 2025: the clear working days back from the meeting are Wednesday 14,
        Tuesday 13 and Monday 12 May, so the agenda is due by Friday 9 May (it went out on
        Thursday 8 May).  Thursday 25 September 2025 (the moved meeting, counted from its new
        date): Wednesday 24, Tuesday 23, Monday 22, so Friday 19 September (it went out on
        Thursday 18 September).
        """
        assert latest_publication_date(dt.date(2025, 5, 15), 3, "wales") == dt.date(2025, 5, 9)
        assert latest_publication_date(dt.date(2025, 9, 25), 3, "wales") == dt.date(2025, 9, 19)
        for meeting_id, published in (("2025-05-15", 8), ("2025-09-18", 18)):
            agenda = wales.meeting(meeting_id).document(DocumentKind.AGENDA)
            assert agenda is not None
            assert agenda.published is not None
            assert agenda.published.day == published


class TestBuild:
    def test_welsh_at_the_top_english_under_en_gb(self, built: Path) -> None:
        """The primary language's files at the top, the English ones under en-gb/."""
        for name in ("index.html", "calendar.ics", "feeds/rss.xml", "feeds/atom.xml"):
            assert (built / name).is_file(), name
            assert (built / "en-gb" / name).is_file(), name
        assert "Cyngor Sir Ddinbych" in (built / "index.html").read_text(encoding="utf-8")
        english = (built / "en-gb" / "index.html").read_text(encoding="utf-8")
        assert "Denbighshire County Council" in english
        assert "Cyngor Sir Ddinbych" not in english

    @pytest.mark.parametrize(
        ("prefix", "leads", "councils", "ruthin"),
        [
            (
                "",
                "Dan arweiniad ar y cyd: Cyngor Bwrdeistref Sirol Conwy, Cyngor Sir Ddinbych.",
                ["Cyngor Bwrdeistref Sirol Conwy", "Cyngor Sir Ddinbych"],
                "Rhuthun",
            ),
            (
                "en-gb/",
                "Led jointly by Conwy County Borough Council and Denbighshire County Council.",
                ["Conwy County Borough Council", "Denbighshire County Council"],
                "Ruthin",
            ),
        ],
    )
    def test_both_leads_and_both_contacts(
        self, built: Path, prefix: str, leads: str, councils: list[str], ruthin: str
    ) -> None:
        """The index says who leads, and lists each council's contact under its name."""
        page = lxml.html.fromstring((built / prefix / "index.html").read_bytes())
        assert page.xpath('string(//p[@class="joint"])').startswith(leads)
        [contact] = page.xpath('//section[@aria-labelledby="contact"]')
        assert [heading.text_content() for heading in contact.xpath(".//h3")] == councils
        denbighshire = contact.xpath(".//address")[1].text_content()
        assert ruthin in denbighshire
        assert "LL15 1YN" in denbighshire

    def test_welsh_calendar_parses(self, built: Path) -> None:
        """icalendar reads the Welsh calendar: six board meetings, one cancelled, and the task
        and finish group's twelve, one cancelled; Welsh summaries."""
        calendar = icalendar.Calendar.from_ical((built / "calendar.ics").read_bytes())
        everything = list(calendar.walk("VEVENT"))
        assert len(everything) == 18
        group = [e for e in everything if "Grŵp Gorchwyl a Gorffen" in str(e["SUMMARY"])]
        assert len(group) == 12
        assert [str(event["STATUS"]) for event in group].count("CANCELLED") == 1
        events = [event for event in everything if event not in group]
        assert len(events) == 6
        summaries = [str(event["SUMMARY"]) for event in events]
        assert all("Cyfarfod Bwrdd" in summary for summary in summaries), summaries
        assert [str(event["STATUS"]) for event in events].count("CANCELLED") == 1
        locations = {str(event.get("LOCATION")) for event in events}
        assert any("Rhuthun" in location for location in locations), locations

    def test_english_calendar_parses(self, built: Path) -> None:
        """The English calendar holds the same meetings in English."""
        calendar = icalendar.Calendar.from_ical((built / "en-gb" / "calendar.ics").read_bytes())
        everything = list(calendar.walk("VEVENT"))
        assert len(everything) == 18
        events = [e for e in everything if "Task and Finish" not in str(e["SUMMARY"])]
        assert len(events) == 6
        assert all("Board meeting" in str(event["SUMMARY"]) for event in events)
        assert any("Ruthin" in str(event.get("LOCATION")) for event in events)

    @pytest.mark.parametrize("prefix", ["", "en-gb/"])
    @pytest.mark.parametrize("name", ["feeds/rss.xml", "feeds/atom.xml"])
    def test_feeds_parse(self, built: Path, prefix: str, name: str) -> None:
        """feedparser reads every feed of both languages without complaint."""
        feed = feedparser.parse((built / prefix / name).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.entries
        title = feed.feed.title
        if prefix:
            assert title == "Conwy and Denbighshire Community Safety Partnership"
        else:
            assert title == "Partneriaeth Diogelwch Cymunedol Conwy a Sir Ddinbych"


class TestRealClients:
    def test_pages_of_both_languages_validate(self, built: Path) -> None:
        """The Nu HTML checker finds no error and no warning on any page of either language."""
        helpers = _test_module("plugins/csp-html/tests/conftest.py", "csp_html_test_helpers")
        paths = sorted(built.rglob("*.html")) + sorted(built.rglob("*.css"))
        assert len([p for p in paths if "en-gb" in p.parts]) * 2 == len(paths)
        problems = helpers.validate(paths)
        assert not problems, "\n".join(problems)

    def test_each_page_says_its_language(self, built: Path) -> None:
        """Welsh pages say lang="cy", English pages lang="en-GB"."""
        for path in built.rglob("*.html"):
            lang = "en-GB" if "en-gb" in path.relative_to(built).parts else "cy"
            assert f'<html lang="{lang}"' in path.read_text(encoding="utf-8"), path

    def test_ical_js_reads_both_calendars(self, built: Path) -> None:
        """Mozilla's ical.js reads each language's calendar: six meetings, one cancelled."""
        readers = _test_module("plugins/csp-ical/tests/ical_readers.py", "csp_ical_test_readers")
        readers.install_ical_js()
        files = {
            language: (built / prefix / "calendar.ics").read_bytes()
            for language, prefix in (("cy", ""), ("en-GB", "en-gb"))
        }
        read = readers.read_ical_js(files)
        for language, words in (("cy", "Cyfarfod Bwrdd"), ("en-GB", "Board meeting")):
            assert len(read[language]) == 18  # and the task and finish group's 12
            events = [e for e in read[language] if not e.uid.startswith("asb-group-")]
            assert len(events) == 6
            assert all(words in event.summary for event in events), language
            assert [event.status for event in events].count("CANCELLED") == 1


# English words a Welsh calendar or feed must not show: day and month names, the labels and
# sentences the publishers write, and everyday English.
ENGLISH_IN_OUTPUTS = ENGLISH_WORDS | {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "january",
    "february",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "cancelled",
    "moved",
    "rescheduled",
    "published",
    "due",
}


def _english_in(text: str) -> set[str]:
    """The English words in ``text``."""
    return set(re.findall(r"[a-z]+", text.lower())) & ENGLISH_IN_OUTPUTS


class TestNoEnglishInWelsh:
    @pytest.mark.parametrize("name", ["calendar.ics", "bodies/board.ics", "deadlines.ics"])
    def test_welsh_calendars(self, built: Path, name: str) -> None:
        """Every summary, description and location of the Welsh calendars is in Welsh."""
        calendar = icalendar.Calendar.from_ical((built / name).read_bytes())
        texts = [str(calendar.get("X-WR-CALNAME")), str(calendar.get("X-WR-CALDESC"))]
        for event in calendar.walk("VEVENT"):
            texts += [str(event.get(key, "")) for key in ("SUMMARY", "DESCRIPTION", "LOCATION")]
        assert len(texts) > 10
        for text in texts:
            assert not _english_in(text), (name, text)

    @pytest.mark.parametrize("name", ["feeds/rss.xml", "feeds/atom.xml"])
    def test_welsh_feeds(self, built: Path, name: str) -> None:
        """Every title, summary and category of the Welsh feeds is in Welsh."""
        feed = feedparser.parse((built / name).read_bytes())
        texts = [feed.feed.title, feed.feed.get("subtitle", "")]
        for entry in feed.entries:
            texts += [entry.title, entry.get("summary", "")]
            texts += [tag.get("label") or tag.term for tag in entry.get("tags", [])]
        assert len(texts) > 10
        for text in texts:
            assert not _english_in(text), (name, text)

    def test_welsh_pages(self, built: Path) -> None:
        """No Welsh page shows an English word (text and attributes people read)."""
        for path in built.rglob("*.html"):
            if "en-gb" in path.relative_to(built).parts:
                continue
            page = lxml.html.fromstring(path.read_bytes())
            for bad in page.xpath("//script | //style"):
                bad.drop_tree()
            texts = [page.text_content(), *page.xpath("//@title | //@alt | //@aria-label")]
            for text in texts:
                assert not _english_in(str(text)), (path.name, sorted(_english_in(str(text))))

    def test_the_check_finds_english(self, built: Path) -> None:
        """The same check on the English feed finds English (so the Welsh passes on merit)."""
        feed = feedparser.parse((built / "en-gb" / "feeds" / "rss.xml").read_bytes())
        assert {"published", "minutes"} <= set().union(
            *(_english_in(entry.title) for entry in feed.entries)
        )


def _runs(text: str, length: int = 6) -> set[str]:
    """Every run of ``length`` words in ``text``, lower case, for finding copied sentences."""
    words = re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))
    return {" ".join(words[i : i + length]) for i in range(len(words) - length + 1)}


@pytest.fixture(scope="module")
def cambridge_runs() -> set[str]:
    """Every six-word run of the Cambridge example's texts (its page's own sentences)."""
    return set().union(*(_runs(text) for _, text in _strings(load(CAMBRIDGE))))


class TestNotCambridge:
    def test_the_data_copies_no_cambridge_sentence(
        self, wales: Partnership, cambridge_runs: set[str]
    ) -> None:
        """No English text of the example shares six words in a row with Cambridge's."""
        for path, text in texts_in(wales):
            assert not _runs(_in(text, "en-GB")) & cambridge_runs, path

    def test_the_english_pages_show_no_cambridge_sentence(
        self, built: Path, cambridge_runs: set[str]
    ) -> None:
        """The English pages of another council print none of Cambridge's sentences."""
        pages = sorted((built / "en-gb").rglob("*.html"))
        assert pages
        for path in pages:
            page = lxml.html.fromstring(path.read_bytes())
            assert not _runs(page.text_content()) & cambridge_runs, path.name


def _private_texts(wales: Partnership) -> set[str]:
    """Every title, name, presenter, note, id and link of the private group's meetings, in
    both languages (the addresses they share with public venues are left out)."""
    found: set[str] = set()
    for meeting in wales.meetings:
        if meeting.body != "tasking-group":
            continue
        for path, value in _strings(meeting):
            if _field(path) in {"id", "title", "name", "presenter", "status_note", "url", "join"}:
                found |= set(value.translations.values()) if isinstance(value, Text) else {value}
    return found


class TestPrivateGroup:
    """The Officers' Tasking Group: a private sub-group of the board (illustrative)."""

    def test_the_group(self, wales: Partnership) -> None:
        group = wales.body("tasking-group")
        assert (group.kind.value, group.parent, group.public) == ("sub-group", "board", False)
        assert _in(group.name, "cy") == "Grŵp Tasgio Swyddogion"
        assert group in wales.children(wales.body("board"))
        meetings = [m for m in wales.meetings if m.body == "tasking-group"]
        assert len(meetings) == 3
        assert not any(wales.is_public(meeting) for meeting in meetings)

    def test_no_duties_and_not_next(self) -> None:
        """`csp status` before the group's October meeting: nothing of it, in duties or next."""
        result = _csp("status", str(WALES), "--at", "2025-10-01T09:00", "--format", "json")
        assert result.returncode == 0, result.stderr
        status = json.loads(result.stdout)
        assert not [d for d in status["duties"] if "tasking" in d["id"]]
        assert "tasking" not in json.dumps(status["next_meetings"])

    def test_nothing_of_its_meetings_in_any_output(self, wales: Partnership, built: Path) -> None:
        """No title, room, item, note, paper, link or id of its meetings in any built file,
        Welsh or English; no calendar or feed of the group."""
        texts = _private_texts(wales)
        assert "Tasgio misol: Hydref 2025" in texts
        assert "Monthly tasking: October 2025" in texts
        assert "Meeting Room 3" in texts
        files = sorted(path for path in built.rglob("*") if path.is_file())
        assert not [path for path in files if "tasking" in str(path.relative_to(built))]
        for path in files:
            raw = path.read_text(encoding="utf-8", errors="replace")
            # Unfold iCalendar lines and undo its and HTML's escaping: a text is found whole.
            text = html.unescape(raw.replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";"))
            assert not [t for t in texts if t in text], path

    @pytest.mark.parametrize(
        ("prefix", "board", "group", "note"),
        [
            (
                "",
                "Bwrdd Partneriaeth Diogelwch Cymunedol Conwy a Sir Ddinbych",
                "Grŵp Tasgio Swyddogion",
                "Mae'n cyfarfod yn breifat: nid yw ei gyfarfodydd yn agored i'r cyhoedd.",
            ),
            (
                "en-gb/",
                "Conwy and Denbighshire Community Safety Partnership Board",
                "Officers' Tasking Group",
                "Meets in private: its meetings are not open to the public.",
            ),
        ],
    )
    def test_the_index_shows_it_under_the_board(
        self, built: Path, prefix: str, board: str, group: str, note: str
    ) -> None:
        """The structure is public: the group under the board, meeting in private; no link."""
        page = lxml.html.fromstring((built / prefix / "index.html").read_bytes())
        [members] = page.xpath('//section[@aria-labelledby="members"]')
        [top] = [li for li in members.xpath("./ul[last()]/li") if li.text.strip() == board]
        [item] = [li for li in top.xpath("./ul/li") if li.text_content().strip().startswith(group)]
        assert item.text_content().strip().startswith(f"{group}: ")
        assert item.xpath("string(./p)") == note
        assert not item.xpath(".//a")

    def test_the_public_group_is_under_the_board_too(self, wales: Partnership, built: Path) -> None:
        """The task and finish group (public) sits under the board beside the private group,
        and only it is offered as a calendar and feed of its own."""
        assert wales.body("asb-group").parent == "board"
        assert [body.id for body in wales.children(wales.body("board"))] == [
            "tasking-group",
            "asb-group",
        ]
        page = lxml.html.fromstring((built / "en-gb" / "index.html").read_bytes())
        [members] = page.xpath('//section[@aria-labelledby="members"]')
        groups = [li.text_content().split(":")[0].strip() for li in members.xpath("./ul/li/ul/li")]
        assert groups == ["Officers' Tasking Group", "Anti-social Behaviour Task and Finish Group"]
        links = set(page.xpath("//a/@href"))
        assert any(link.endswith("bodies/asb-group.ics") for link in links)
        assert not any("tasking" in link for link in links)
        assert (built / "bodies" / "asb-group.ics").is_file()
        assert (built / "feeds" / "bodies" / "asb-group" / "rss.xml").is_file()

    @pytest.mark.parametrize(
        ("prefix", "label", "board"),
        [
            ("", "Corff rhiant", "Bwrdd Partneriaeth Diogelwch Cymunedol Conwy a Sir Ddinbych"),
            (
                "en-gb/",
                "Parent body",
                "Conwy and Denbighshire Community Safety Partnership Board",
            ),
        ],
    )
    def test_a_group_meeting_page_names_the_board(
        self, built: Path, prefix: str, label: str, board: str
    ) -> None:
        """A meeting of a sub-group says which body it belongs to; a board meeting does not."""
        page = lxml.html.fromstring(
            (built / prefix / "meetings" / "asb-group-2025-09-09.html").read_bytes()
        )
        terms = [term.text_content() for term in page.xpath("//dl/dt")]
        assert label in terms
        assert page.xpath(f'string(//dl/dt[.="{label}"]/following-sibling::dd[1])') == board
        board_page = (built / prefix / "meetings" / "2025-05-15.html").read_text(encoding="utf-8")
        assert label not in board_page
