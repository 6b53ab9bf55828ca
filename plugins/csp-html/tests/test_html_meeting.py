"""meetings/{id}.html: details, agenda (exempt items as placeholders), documents, Event JSON-LD."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from csp_core import (
    Attendance,
    Body,
    BodyKind,
    ChangeKind,
    DocumentKind,
    MeetingChange,
    MeetingStatus,
    Nation,
    Partnership,
)

BASE = "https://csp.example.org/cambridge/"
UTC = dt.UTC


def with_meeting(partnership: Partnership, meeting_id: str, **changes: object) -> Partnership:
    """The partnership with one meeting changed."""
    meetings = tuple(
        attrs.evolve(m, **changes) if m.id == meeting_id else m  # type: ignore[arg-type]
        for m in partnership.meetings
    )
    return attrs.evolve(partnership, meetings=meetings)


def status_change(at: dt.datetime, *what: ChangeKind) -> tuple[MeetingChange, ...]:
    """A change record announcing a change at ``at``."""
    return (MeetingChange(at=at, what=what or (ChangeKind.STATUS,), note="Announced."),)


@pytest.fixture(scope="module")
def next_meeting(parse, seed_pages):
    """The page of the seed's next meeting, 17 October 2019, at 1 October 2019."""
    return parse(seed_pages["meetings/2019-10-17.html"])


@pytest.fixture(scope="module")
def exempt_meeting(parse, seed_pages):
    """The page of 12 February 2019, which has an exempt item (Schedule 12A, paragraph 7)."""
    return parse(seed_pages["meetings/2019-02-12.html"])


class TestDetails:
    def test_heading_and_details(self, next_meeting) -> None:
        """One h1 naming the meeting and its day; when, where, how to attend, which body."""
        assert [h.text() for h in next_meeting.find_all("h1")] == [
            "Cambridge Community Safety Partnership meeting: Thursday 17 October 2019"
        ]
        details = next_meeting.find("dl")
        text = details.text()
        assert "When Thursday 17 October 2019, 11:15 to 13:15" in text
        assert (
            "Where South Cambridgeshire Hall, Cambourne Business Park, Cambourne CB23 6EA" in text
        )
        assert "How to attend In person" in text
        assert "Meeting of Cambridge Community Safety Partnership board" in text

    def test_map_link_from_postcode(
        self, cambridge: Partnership, render, parse, seed_at: dt.datetime
    ) -> None:
        """Without coordinates, the map link searches OpenStreetMap for the postcode."""
        meeting = cambridge.meeting("2019-10-17")
        venue = attrs.evolve(meeting.venue, coordinates=None)
        partnership = with_meeting(cambridge, "2019-10-17", venue=venue)
        page = parse(render(partnership, seed_at)["meetings/2019-10-17.html"])
        hrefs = [a.attrs["href"] for a in page.find("dl").find_all("a")]
        assert hrefs == ["https://www.openstreetmap.org/search?query=CB23%206EA"]

    def test_questions(self, next_meeting) -> None:
        """How the public can ask a question, by when."""
        section = next_meeting.section("questions")
        assert "Send questions by Wednesday 16 October 2019, 10:00" in section.text()

    def test_body_feeds_and_calendars(self, next_meeting) -> None:
        """Subscribe links to the calendars, and feed autodiscovery in the head."""
        hrefs = [a.attrs["href"] for a in next_meeting.section("follow").find_all("a")]
        assert "webcal://csp.example.org/cambridge/calendar.ics" in hrefs
        assert f"{BASE}calendar.ics" in hrefs
        types = {link.attrs["type"] for link in next_meeting.find_all("link", rel="alternate")}
        assert types == {"application/rss+xml", "application/atom+xml"}

    def test_calendars_and_feeds_of_its_body(
        self, cambridge: Partnership, render, parse, seed_at: dt.datetime
    ) -> None:
        """With sub-groups, a meeting page offers its own body's calendar and feeds."""
        group = Body(id="asb-group", name="Antisocial behaviour group", kind=BodyKind.SUB_GROUP)
        partnership = attrs.evolve(cambridge, bodies=(*cambridge.bodies, group))
        files = render(partnership, seed_at, base_url=BASE)
        page = parse(files["meetings/2019-10-17.html"])
        hrefs = [a.attrs["href"] for a in page.section("follow").find_all("a")]
        assert f"{BASE}bodies/board.ics" in hrefs
        assert "webcal://csp.example.org/cambridge/bodies/board.ics" in hrefs
        assert not [h for h in hrefs if "asb-group" in h]
        feeds = {link.attrs["href"] for link in page.find_all("link", rel="alternate")}
        assert f"{BASE}feeds/bodies/board/rss.xml" in feeds
        assert f"{BASE}feeds/bodies/board/atom.xml" in feeds
        index = parse(files["index.html"])
        index_hrefs = [a.attrs["href"] for a in index.section("meetings").find_all("a")]
        assert f"{BASE}bodies/asb-group.ics" in index_hrefs
        assert "Antisocial behaviour group" in index.section("members").text()

    def test_links_are_relative_to_the_page(self, next_meeting) -> None:
        """A page one folder down links back with ../ (stylesheet, home, sections)."""
        assert next_meeting.find("link", rel="stylesheet").attrs["href"] == "../assets/site.css"
        nav = [a.attrs["href"] for a in next_meeting.find("nav").find_all("a")]
        assert nav[0] == "../index.html"
        assert "../index.html#contact" in nav


class TestAgenda:
    def test_items_in_order(self, exempt_meeting) -> None:
        """Agenda items with their numbers, presenters and time allowed."""
        items = exempt_meeting.section("agenda").find(None, class_="agenda").find_all("li")
        first = items[0].text()
        assert first.startswith("1. Welcome, introductions and apologies")
        assert "Presented by Chair; 5 minutes" in first

    def test_unnumbered_agenda_is_an_ordered_list(
        self, cambridge: Partnership, render, parse, seed_at: dt.datetime
    ) -> None:
        """Items without their own numbers are numbered by an <ol>; numbered ones are not twice."""
        meeting = cambridge.meeting("2019-02-12")
        agenda = tuple(attrs.evolve(item, number=None) for item in meeting.agenda)
        # Without the action log: its action names item 6 of this meeting.
        partnership = with_meeting(attrs.evolve(cambridge, actions=()), "2019-02-12", agenda=agenda)
        page = parse(render(partnership, seed_at)["meetings/2019-02-12.html"])
        assert page.section("agenda").find(None, class_="agenda").tag == "ol"
        numbered = parse(render(cambridge, seed_at)["meetings/2019-02-12.html"])
        assert numbered.section("agenda").find(None, class_="agenda").tag == "ul"

    def test_exempt_item_only_as_placeholder(self, exempt_meeting, seed_pages) -> None:
        """An exempt item shows its number, title and paragraph; no presenter, summary or paper."""
        items = exempt_meeting.section("agenda").find(None, class_="agenda").find_all("li")
        exempt = [li for li in items if li.attrs.get("class") == "exempt"]
        assert len(exempt) == 1
        assert exempt[0].text() == (
            "10. Police operational briefing "
            "(exempt: Schedule 12A, paragraph 7 — not open to the public)"
        )
        html = seed_pages["meetings/2019-02-12.html"].decode()
        assert "drug dealing networks" not in html

    @pytest.mark.parametrize(
        ("nation", "paragraph", "schedule"),
        [
            (Nation.WALES, 14, "Schedule 12A, paragraph 14"),
            (Nation.SCOTLAND, 7, "Schedule 7A, paragraph 7"),
            (Nation.NORTHERN_IRELAND, 7, "Schedule 6, paragraph 7"),
        ],
    )
    def test_placeholder_cites_the_nations_schedule(
        self,
        cambridge: Partnership,
        render,
        parse,
        seed_at: dt.datetime,
        nation: Nation,
        paragraph: int,
        schedule: str,
    ) -> None:
        """The placeholder names the schedule of the partnership's nation."""
        meeting = cambridge.meeting("2019-02-12")
        agenda = tuple(
            attrs.evolve(item, exemption=paragraph) if item.exempt else item
            for item in meeting.agenda
        )
        meetings = tuple(
            attrs.evolve(m, agenda=agenda) if m.id == meeting.id else m for m in cambridge.meetings
        )
        partnership = attrs.evolve(cambridge, nation=nation, meetings=meetings)
        page = parse(render(partnership, seed_at)["meetings/2019-02-12.html"])
        assert f"(exempt: {schedule} — not open to the public)" in page.text()

    def test_papers_linked_from_items(self, exempt_meeting) -> None:
        """An item's papers are linked from the item."""
        items = exempt_meeting.section("agenda").find(None, class_="agenda").find_all("li")
        item = next(li for li in items if li.text().startswith("5."))
        hrefs = [a.attrs["href"] for a in item.find_all("a")]
        assert hrefs == [
            "https://www.cambridge.gov.uk/media/csp/2019-02-12-strategic-assessment-findings.pdf"
        ]


class TestDocuments:
    def test_due_dates_before_publication(self, next_meeting) -> None:
        """Before anything is published: what is due, by when (targets and deadlines)."""
        text = next_meeting.section("documents").text()
        assert "Draft agenda: due by Thursday 3 October 2019" in text
        assert "Agenda and papers: due by Wednesday 9 October 2019" in text
        assert "report" not in text.lower()  # unpublished reports are not named or counted
        assert "Minutes: due by Tuesday 25 February 2020" in text
        times = [t.attrs["datetime"] for t in next_meeting.section("documents").find_all("time")]
        assert "2019-10-09" in times

    def test_published_with_link(self, cambridge: Partnership, render, parse) -> None:
        """Once the draft agenda is out it is linked, with its date, and no longer due."""
        at = dt.datetime(2019, 10, 5, 12, 0, tzinfo=UTC)
        page = parse(render(cambridge, at)["meetings/2019-10-17.html"])
        section = page.section("documents")
        link = section.find("a")
        assert link.attrs["href"] == (
            "https://www.cambridge.gov.uk/media/csp/2019-10-17-draft-agenda.pdf"
        )
        assert "(Draft agenda, published Thursday 3 October 2019)" in section.text()
        assert "Draft agenda: due by" not in section.text()
        assert "Agenda and papers: due by Wednesday 9 October 2019" in section.text()

    def test_a_document_is_labelled_by_its_kind(self, exempt_meeting) -> None:
        """The agenda itself reads 'Agenda', not the duty's 'Agenda and papers'."""
        kinds = [
            span.text() for span in exempt_meeting.section("documents").find_all(class_="doc-meta")
        ]
        assert "(Agenda, published Monday 4 February 2019)" in kinds
        assert "(Minutes, published Thursday 4 July 2019)" in kinds
        assert not [kind for kind in kinds if "Agenda and papers" in kind]

    def test_overdue(self, cambridge: Partnership, render, parse) -> None:
        """An agenda missing after its deadline is shown as overdue, with the date it was due."""
        meeting = cambridge.meeting("2019-10-17")
        documents = tuple(d for d in meeting.documents if d.kind is not DocumentKind.AGENDA)
        partnership = with_meeting(cambridge, "2019-10-17", documents=documents)
        at = dt.datetime(2019, 10, 12, 12, 0, tzinfo=UTC)
        text = (
            parse(render(partnership, at)["meetings/2019-10-17.html"]).section("documents").text()
        )
        assert "Agenda and papers: Overdue – was due by Wednesday 9 October 2019" in text

    def test_on_request(self, parse, seed_pages) -> None:
        """Old documents are listed as available on request, without links to them."""
        page = parse(seed_pages["meetings/2018-02-13.html"])
        section = page.section("documents")
        assert section.text().count("Available on request") == 5
        assert not [a for a in section.find_all("a") if a.attrs["href"].endswith(".pdf")]

    def test_revisions(self, exempt_meeting) -> None:
        """A supplement is listed under its document, linked, with its date and note."""
        section = exempt_meeting.section("documents")
        assert "Supplement, Friday 8 February 2019: Supplementary pack" in section.text()
        hrefs = [a.attrs["href"] for a in section.find_all("a")]
        assert "https://www.cambridge.gov.uk/media/csp/2019-02-12-agenda-supplement.pdf" in hrefs


class TestEventJsonLd:
    def test_scheduled_meeting(self, next_meeting, jsonld) -> None:
        """A scheduled meeting: the Event with its dates, place, organiser and URL."""
        [event] = jsonld(next_meeting)
        assert event["@context"] == "https://schema.org"
        assert event["@type"] == "Event"
        assert event["name"] == "Cambridge Community Safety Partnership meeting"
        assert event["startDate"] == "2019-10-17T11:15:00+01:00"
        assert event["endDate"] == "2019-10-17T13:15:00+01:00"
        assert event["eventStatus"] == "https://schema.org/EventScheduled"
        assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
        assert event["location"] == {
            "@type": "Place",
            "name": "South Cambridgeshire Hall",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "Cambourne Business Park",
                "addressLocality": "Cambourne",
                "postalCode": "CB23 6EA",
                "addressCountry": "GB",
            },
            "geo": {"@type": "GeoCoordinates", "latitude": 52.2199, "longitude": -0.0727},
        }
        assert event["organizer"] == {
            "@type": "Organization",
            "name": "Cambridge Community Safety Partnership",
            "url": "https://www.cambridge.gov.uk/cambridge-community-safety-partnership",
        }
        assert event["url"] == f"{BASE}meetings/2019-10-17.html"
        assert "Thursday 17 October 2019" in event["description"]
        assert "previousStartDate" not in event

    def test_winter_offset(self, exempt_meeting, jsonld) -> None:
        """A February meeting is at +00:00 (GMT), a summer one at +01:00."""
        [event] = jsonld(exempt_meeting)
        assert event["startDate"] == "2019-02-12T10:00:00+00:00"

    def test_rescheduled_with_previous_start(self, parse, jsonld, seed_pages) -> None:
        """A meeting that moved: EventRescheduled with previousStartDate."""
        [event] = jsonld(parse(seed_pages["meetings/2019-06-18.html"]))
        assert event["eventStatus"] == "https://schema.org/EventRescheduled"
        assert event["startDate"] == "2019-06-27T10:00:00+01:00"
        assert event["previousStartDate"] == "2019-06-18T10:00:00+01:00"

    @pytest.mark.parametrize(
        ("status", "expected"),
        [
            (MeetingStatus.CANCELLED, "EventCancelled"),
            (MeetingStatus.POSTPONED, "EventPostponed"),
        ],
    )
    def test_cancelled_and_postponed(
        self,
        cambridge: Partnership,
        render,
        parse,
        jsonld,
        status: MeetingStatus,
        expected: str,
    ) -> None:
        """Cancelled and postponed meetings keep their date, with their own status."""
        announced = dt.datetime(2019, 9, 20, 9, 0, tzinfo=UTC)
        partnership = with_meeting(
            attrs.evolve(cambridge, actions=()),  # no action's update from it
            "2019-10-17",
            status=status,
            status_note="The chair is unwell.",
            changes=status_change(announced),
            record=None,  # a meeting that did not take place has no record
        )
        page = parse(
            render(partnership, dt.datetime(2019, 10, 1, 9, tzinfo=UTC))["meetings/2019-10-17.html"]
        )
        [event] = jsonld(page)
        assert event["eventStatus"] == f"https://schema.org/{expected}"
        assert event["startDate"] == "2019-10-17T11:15:00+01:00"
        status_text = page.find("p", class_=f"status status-{status.value}").text()
        assert status_text.startswith(f"{status.value.capitalize()}.")
        assert "The chair is unwell." in status_text

    def test_replaced_meeting(self, cambridge: Partnership, render, parse, jsonld) -> None:
        """A meeting replaced by another is not held on its date: EventCancelled, and a link."""
        announced = dt.datetime(2019, 9, 20, 9, 0, tzinfo=UTC)
        partnership = with_meeting(
            cambridge,
            "2019-10-17",
            status=MeetingStatus.RESCHEDULED,
            replaced_by="2020-02-11",
            changes=status_change(announced),
        )
        page = parse(
            render(partnership, dt.datetime(2019, 10, 1, 9, tzinfo=UTC))["meetings/2019-10-17.html"]
        )
        [event] = jsonld(page)
        assert event["eventStatus"] == "https://schema.org/EventCancelled"
        status = page.find("p", class_="status status-rescheduled")
        assert [a.attrs["href"] for a in status.find_all("a")] == ["../meetings/2020-02-11.html"]

    @pytest.mark.parametrize(
        ("attendance", "mode"),
        [(Attendance.ONLINE, "Online"), (Attendance.MIXED, "Mixed")],
    )
    def test_online_and_mixed(
        self,
        cambridge: Partnership,
        render,
        parse,
        jsonld,
        seed_at: dt.datetime,
        attendance: Attendance,
        mode: str,
    ) -> None:
        """Online meetings have a VirtualLocation (the meeting page); mixed ones both."""
        partnership = with_meeting(cambridge, "2019-10-17", attendance=attendance)
        page = parse(render(partnership, seed_at, base_url=BASE)["meetings/2019-10-17.html"])
        [event] = jsonld(page)
        assert event["eventAttendanceMode"] == f"https://schema.org/{mode}EventAttendanceMode"
        locations = (
            event["location"] if isinstance(event["location"], list) else [event["location"]]
        )
        types = [location["@type"] for location in locations]
        virtual = {"@type": "VirtualLocation", "url": f"{BASE}meetings/2019-10-17.html"}
        assert virtual in locations
        assert types == (
            ["VirtualLocation"] if attendance is Attendance.ONLINE else ["Place", "VirtualLocation"]
        )

    def test_no_url_without_base(
        self, cambridge: Partnership, render, parse, jsonld, seed_at
    ) -> None:
        """Without a base address the Event has no url (a relative one would be wrong)."""
        page = parse(render(cambridge, seed_at)["meetings/2019-10-17.html"])
        [event] = jsonld(page)
        assert "url" not in event

    def test_json_ld_cannot_close_its_script(
        self, cambridge: Partnership, render, parse, jsonld, seed_at: dt.datetime
    ) -> None:
        """A title holding </script>, quotes and & is escaped as \\u003c etc. and parses back."""
        title = '</script><script>alert("x")</script> & <!-- Q&A'
        partnership = with_meeting(cambridge, "2019-10-17", title=title)
        html = render(partnership, seed_at)["meetings/2019-10-17.html"].decode()
        assert html.count("</script>") == 1
        assert "<script>" not in html
        assert "\\u003c/script\\u003e" in html
        assert "\\u0026" in html
        page = parse(html)
        [event] = jsonld(page)
        assert event["name"] == title
        assert page.find("h1").text().startswith(title)
