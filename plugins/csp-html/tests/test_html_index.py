"""index.html: every section of the seed page, from data, at the seed page's moment."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from csp_core import Contact, Partnership, Role

BASE = "https://csp.example.org/cambridge/"


@pytest.fixture(scope="module")
def index(parse, seed_pages):
    """The example's index page at 1 October 2019, parsed."""
    return parse(seed_pages["index.html"])


class TestPartnership:
    def test_one_h1_naming_the_partnership(self, index) -> None:
        """The page has a single h1: the partnership's name."""
        headings = index.find_all("h1")
        assert [h.text() for h in headings] == ["Cambridge Community Safety Partnership"]

    def test_purpose_and_key_roles(self, index, cambridge: Partnership) -> None:
        """The purpose and the three key roles, in order, as a numbered list."""
        main = index.find("main")
        assert cambridge.purpose in main.text()
        roles = [li.text() for li in main.find("ol").find_all("li")]
        assert roles == [" ".join(role.split()) for role in cambridge.key_roles]

    def test_plan_in_force_and_its_date(self, index) -> None:
        """The plan in force on the day, and when it came into force (seed: 1 April 2017)."""
        text = index.find("main").text()
        assert "came into force on Saturday 1 April 2017" in text
        assert "Community safety plan 2017–18" in text


class TestPlanSection:
    def test_priorities_with_leads_aims_and_targets(self, index) -> None:
        """Each priority of the current plan with its lead officer, aims and targets."""
        plan = index.section("plan")
        titles = [h.text() for h in plan.find_all("h3")]
        assert titles[:3] == [
            "Domestic abuse",
            "Identifying and responding to vulnerable locations, including antisocial behaviour",
            "Safeguarding people against violence and exploitation",
        ]
        text = plan.text()
        assert (
            "Lead officer: Lead officer (illustrative), Domestic abuse and sexual violence" in text
        )
        assert "Cambridgeshire County Council" in text
        assert "Reduce repeat incidents of domestic abuse" in text
        assert "28% by 31 March 2018 (latest: 28.6% on 31 March 2018)" in text
        assert "2,300 incidents by 31 March 2018" in text

    def test_links_to_the_plan_page(self, index) -> None:
        """The plan's own page is linked."""
        hrefs = {a.attrs["href"] for a in index.section("plan").find_all("a")}
        assert "plans/plan-2017-18.html" in hrefs

    def test_previous_plans_on_request(self, index) -> None:
        """'Previous plans are available upon request', and the previous plan's document is."""
        plan = index.section("plan")
        assert "Previous plans are available upon request." in plan.text()
        previous = plan.find_all("li")
        entry = next(li for li in previous if "Community safety plan 2016–17" in li.text())
        assert "Available on request" in entry.text()


class TestAssessments:
    def test_latest_assessment_and_its_recommendations(self, index) -> None:
        """The newest published assessment and what it recommends, grouped by kind."""
        section = index.section("assessments")
        text = section.text()
        assert "Latest: Strategic assessment 2018/19" in text
        assert "Published Monday 14 January 2019" in text
        assert "Keep safeguarding people against violence and exploitation a priority" in text
        assert [h.text() for h in section.find_all("h4")] == ["Priorities", "Other recommendations"]

    def test_recommended_priority_is_linked(self, index) -> None:
        """A recommendation that led to a priority links to it on the plan page."""
        hrefs = {a.attrs["href"] for a in index.section("assessments").find_all("a")}
        assert "plans/plan-2017-18.html#priority-violence-and-exploitation" in hrefs

    def test_earlier_assessments_listed(self, index) -> None:
        """Earlier assessments link to their pages."""
        hrefs = {a.attrs["href"] for a in index.section("assessments").find_all("a")}
        assert "assessments/strategic-assessment-2017-18.html" in hrefs
        assert "assessments/strategic-assessment-2016-17.html" in hrefs


class TestMeetings:
    def test_publication_promises_from_the_policy(self, index) -> None:
        """The seed's timetable, from the policy: two weeks, the week before, five clear days."""
        text = index.section("meetings").text()
        assert "The majority of meetings of the partnership are open to the general public." in text
        assert "around two weeks before each meeting" in text
        assert "posted in the week before the meeting" in text
        assert "at least five clear working days before the meeting" in text

    def test_how_to_ask_a_question(self, index) -> None:
        """How to ask a question, with the email link and the deadline."""
        section = index.section("meetings")
        assert "Send your question by email by 10am" in section.text()
        assert "Send questions by Wednesday 16 October 2019, 10:00" in section.text()
        mail = [
            a.attrs["href"] for a in section.find_all("a") if a.attrs["href"].startswith("mailto:")
        ]
        assert len(mail) == 1
        assert mail[0].startswith("mailto:community.safety@cambridge.gov.uk?subject=")

    def test_subscribe_links_with_a_base_url(self, index) -> None:
        """webcal:// and https links to calendar.ics, built from the base address."""
        hrefs = [a.attrs["href"] for a in index.section("meetings").find_all("a")]
        assert "webcal://csp.example.org/cambridge/calendar.ics" in hrefs
        assert f"{BASE}calendar.ics" in hrefs
        assert f"{BASE}feeds/rss.xml" in hrefs
        assert f"{BASE}feeds/atom.xml" in hrefs

    def test_subscribe_links_without_a_base_url(
        self, cambridge, render, parse, seed_at: dt.datetime
    ) -> None:
        """Without a base address: relative links, and no webcal link at all."""
        page = parse(render(cambridge, seed_at)["index.html"])
        hrefs = [a.attrs["href"] for a in page.find_all("a")]
        assert "calendar.ics" in hrefs
        assert not [h for h in hrefs if h.startswith("webcal:")]
        alternates = page.find_all("link", rel="alternate")
        assert {link.attrs["href"] for link in alternates} == {"feeds/rss.xml", "feeds/atom.xml"}

    def test_feed_autodiscovery(self, index) -> None:
        """RSS and Atom are announced with <link rel="alternate"> in the head."""
        head = index.find("head")
        found = {
            (link.attrs["type"], link.attrs["href"])
            for link in head.find_all("link", rel="alternate")
        }
        assert found == {
            ("application/rss+xml", f"{BASE}feeds/rss.xml"),
            ("application/atom+xml", f"{BASE}feeds/atom.xml"),
        }


class TestNextMeeting:
    def test_date_time_and_venue(self, index) -> None:
        """The seed's next meeting: 17 October, 11:15, South Cambridgeshire Hall, CB23 6EA."""
        section = index.section("next-meeting")
        text = section.text()
        assert (
            "The next meeting will take place on Thursday 17 October 2019, 11:15 to 13:15" in text
        )
        assert "South Cambridgeshire Hall, Cambourne Business Park, Cambourne CB23 6EA" in text
        time = section.find("time")
        assert time.attrs["datetime"] == "2019-10-17T11:15:00+01:00"

    def test_map_link_from_coordinates(self, index) -> None:
        """An OpenStreetMap link built from the venue's coordinates; a link, not an embed."""
        hrefs = [a.attrs["href"] for a in index.section("next-meeting").find_all("a")]
        assert (
            "https://www.openstreetmap.org/?mlat=52.21990&mlon=-0.07270#map=17/52.21990/-0.07270"
            in hrefs
        )
        assert not index.find_all("iframe")
        assert not index.find_all("img")

    def test_what_is_still_to_come(self, index) -> None:
        """Papers not yet published are listed with the dates they are due (from the duties)."""
        text = index.section("next-meeting").text()
        assert "Draft agenda: due by Thursday 3 October 2019" in text
        assert "Agenda and papers: due by Wednesday 9 October 2019" in text

    def test_later_meetings_listed(self, index) -> None:
        """Meetings after the next one are listed too."""
        hrefs = [a.attrs["href"] for a in index.section("next-meeting").find_all("a")]
        assert "meetings/2020-02-11.html" in hrefs

    def test_clock_change_night(self, cambridge: Partnership, render, parse) -> None:
        """Upcoming means later in time: 01:15 GMT follows 01:45 BST the night clocks go back."""
        london = cambridge.timezone
        start = dt.datetime(2019, 10, 27, 1, 15, fold=1, tzinfo=london)  # 01:15 UTC
        at = dt.datetime(2019, 10, 27, 1, 45, fold=0, tzinfo=london)  # 00:45 UTC
        meetings = tuple(
            attrs.evolve(m, start=start, end=None, questions=None) if m.id == "2019-10-17" else m
            for m in cambridge.meetings
        )
        page = parse(render(attrs.evolve(cambridge, meetings=meetings), at)["index.html"])
        section = page.section("next-meeting")
        assert section.find("time").attrs["datetime"] == "2019-10-27T01:15:00+00:00"
        assert "Sunday 27 October 2019, 01:15" in section.text()

    def test_no_meeting_announced(self, cambridge, render, parse) -> None:
        """After the last meeting, the page says no meeting has been announced."""
        at = dt.datetime(2020, 3, 1, 12, 0, tzinfo=dt.UTC)
        page = parse(render(cambridge, at)["index.html"])
        assert "No meeting has been announced yet." in page.section("next-meeting").text()


class TestPreviousMeetings:
    def test_policy_sentence(self, index) -> None:
        """'Earlier minutes on request', as the policy says it: online a year, kept six."""
        text = index.section("previous-meetings").text()
        assert "They stay online for a year after each meeting" in text
        assert "minutes and papers from earlier meetings are available on request" in text

    def test_newest_first_with_papers(self, index) -> None:
        """Previous meetings, newest first, each with its agenda, papers and minutes."""
        section = index.section("previous-meetings")
        days = [h.text() for h in section.find_all("h3")]
        assert days[0] == "Thursday 27 June 2019 – Rescheduled"
        assert days[-1] == "Tuesday 13 February 2018"
        hrefs = {a.attrs["href"] for a in section.find_all("a")}
        assert "https://www.cambridge.gov.uk/media/csp/2019-02-12-minutes.pdf" in hrefs

    def test_on_request_documents(self, index) -> None:
        """Documents more than a year old are 'available on request', with no link to them."""
        section = index.section("previous-meetings")
        item = next(
            li for li in section.find_all("li") if li.text().startswith("Minutes, 13 February 2018")
        )
        assert "Available on request" in item.text()
        assert "contact details" in item.text()
        assert [a.attrs["href"] for a in item.find_all("a")] == ["index.html#contact"]

    def test_on_request_with_a_contact_email(
        self, cambridge: Partnership, render, parse, seed_at: dt.datetime
    ) -> None:
        """With a public email address, an on-request document links to a request email."""
        contact = attrs.evolve(cambridge.contact, email="csp@example.org")
        partnership = attrs.evolve(cambridge, contact=contact)
        page = parse(render(partnership, seed_at)["index.html"])
        section = page.section("previous-meetings")
        item = next(
            li for li in section.find_all("li") if li.text().startswith("Minutes, 13 February 2018")
        )
        assert [a.attrs["href"] for a in item.find_all("a")] == [
            "mailto:csp@example.org?subject=Request%3A%20Minutes%2C%2013%20February%202018"
        ]

    def test_moved_meeting_says_so(self, index) -> None:
        """A rescheduled meeting says when it was to take place, and why it moved."""
        text = index.section("previous-meetings").text()
        assert "It was to take place on Tuesday 18 June 2019, 10:00." in text
        assert "because several member agencies could not attend" in text

    def test_minutes_still_due(self, index) -> None:
        """Minutes not yet published show when they are due."""
        assert (
            "Minutes: due by Thursday 31 October 2019" in index.section("previous-meetings").text()
        )


class TestAnnualReview:
    def test_latest_review(self, index) -> None:
        """The annual review for 2018, its summary and its document."""
        section = index.section("annual-review")
        assert "annual review 2018" in section.text()
        assert "An overview of what the partnership did the previous year" in section.text()
        hrefs = {a.attrs["href"] for a in section.find_all("a")}
        assert "https://www.cambridge.gov.uk/media/csp/annual-review-2018.pdf" in hrefs


class TestMembers:
    @staticmethod
    def lists(page) -> dict[str, list[str]]:
        section = page.section("members")
        found: dict[str, list[str]] = {}
        heading = None
        for node in section.iter():
            if node.tag == "h3":
                heading = node.text()
            elif node.tag == "ul" and heading:
                found[heading] = [li.text() for li in node.find_all("li")]
        return found

    def test_split_on_the_seed_date(self, index) -> None:
        """Responsible authorities, other members and attendees, as on 1 October 2019."""
        lists = self.lists(index)
        authorities = lists["Responsible authorities"]
        assert authorities[0] == "Cambridge City Council (City Council)"
        assert any(name.startswith("Bedfordshire Northamptonshire") for name in authorities)
        assert "Cambridgeshire Constabulary" in authorities
        assert len(authorities) == 6
        others = lists["Other members"]
        assert "University of Cambridge" in others
        assert "British Transport Police (BTP)" in others
        assert len(others) == 7
        assert lists["Also attending"] == [
            "Office of the Cambridgeshire Police and Crime Commissioner (OPCC)"
        ]

    def test_members_change_with_the_date(self, cambridge, render, parse) -> None:
        """In 2023 the Probation Service and the ICB have replaced the CRC and the CCG."""
        at = dt.datetime(2023, 1, 10, 12, 0, tzinfo=dt.UTC)
        page = parse(render(cambridge, at)["index.html"])
        authorities = self.lists(page)["Responsible authorities"]
        assert "Probation Service" in authorities
        assert "Cambridgeshire and Peterborough Integrated Care Board (ICB)" in authorities
        assert not any("Community Rehabilitation" in name for name in authorities)
        assert not any("Clinical Commissioning" in name for name in authorities)
        day = at.date()
        expected = [a.name for a in cambridge.responsible_authorities_on(day)]
        assert [name.split(" (")[0] for name in authorities] == expected
        attendees = cambridge.agencies_on(day, Role.ATTENDEE)
        assert len(self.lists(page)["Also attending"]) == len(attendees)

    def test_board_description(self, index) -> None:
        """The board's description, as on the seed page."""
        assert "meet at a strategic level to agree issues such as funding plans" in (
            index.section("members").text()
        )


class TestContact:
    def test_address(self, index) -> None:
        """The contact address, line by line, with its postcode."""
        address = index.section("contact").find("address")
        assert address.text() == (
            "Cambridge Community Safety Partnership c/o Safer Communities Cambridge City Council "
            "PO Box 700 Cambridge CB1 0JH"
        )
        assert len(address.find_all("br")) == 5

    def test_email_and_phone_when_public(
        self, cambridge: Partnership, render, parse, seed_at: dt.datetime
    ) -> None:
        """A contact email and phone number are linked (mailto:, tel:)."""
        contact = Contact(
            address=("Town Hall", "Cambridge"),
            postcode="CB2 3QJ",
            email="csp@example.org",
            phone="01223 457000",
        )
        page = parse(render(attrs.evolve(cambridge, contact=contact), seed_at)["index.html"])
        hrefs = [a.attrs["href"] for a in page.section("contact").find_all("a")]
        assert hrefs == ["mailto:csp@example.org", "tel:01223457000"]


class TestOrganizationJsonLd:
    def test_organization(self, index, jsonld) -> None:
        """Organization JSON-LD: name, url, address, member list."""
        [data] = jsonld(index)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "Organization"
        assert data["name"] == "Cambridge Community Safety Partnership"
        assert data["url"] == "https://www.cambridge.gov.uk/cambridge-community-safety-partnership"
        assert data["address"] == {
            "@type": "PostalAddress",
            "streetAddress": "c/o Safer Communities, Cambridge City Council, PO Box 700",
            "addressLocality": "Cambridge",
            "postalCode": "CB1 0JH",
            "addressCountry": "GB",
        }
        assert len(data["member"]) == 13
        assert "email" not in data

    def test_email_when_known(self, cambridge, render, parse, jsonld, seed_at) -> None:
        """The contact email is included when the partnership has one."""
        contact = attrs.evolve(cambridge.contact, email="csp@example.org")
        page = parse(render(attrs.evolve(cambridge, contact=contact), seed_at)["index.html"])
        assert jsonld(page)[0]["email"] == "csp@example.org"
