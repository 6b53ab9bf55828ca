"""The record of a meeting and the action log on the pages (issue 17 item 3).

A hand-built partnership (a new council's, not the Cambridge example): a board with co-chairs
and a quorum of 3, and a sub-group.  Dates are in Europe/London.

- Board, Tuesday 6 February 2024, 10:00 GMT: items 1 Apologies, 2 Community safety plan,
  3 Contract (exempt, paragraph 3).  Minutes published Tuesday 20 February, 09:00.  The
  co-chairs present, a substitute on behalf of the probation member, apologies, one absent, the
  PCC's office in attendance: members present 3 (council, police, probation's substitute; the
  PCC's office is an observer and does not count), quorate.  A declaration on item 2 (open) and
  one on item 3 (exempt, left the room); decisions with votes on both.
- Board, Tuesday 4 June 2024, 10:00 BST: minutes published Tuesday 18 June.  Only one member
  present: not quorate (1 < 3).  It agrees the February minutes by starting.
- Board, Tuesday 1 October 2024, 10:00 BST: minutes published Tuesday 15 October; the board's
  last meeting, so its minutes stay a draft.
- Sub-group, Monday 1 July 2024, 14:00 BST: minutes published Monday 15 July; raises one action.

Actions: ``letters`` raised in February under item 2, due Friday 31 May, in progress in June and
done in October (carried over three meetings); ``cctv`` raised in February, due Monday
30 September, open in June and in progress in October: overdue from Tuesday 1 October;
``contract`` raised under the exempt item 3: never public.  ``night`` raised by the sub-group.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from csp_core import AgendaItem, BuildContext, Partnership, load, public_view
from tests.data import partnership_header

from csp_html import HtmlPublisher

LONDON = ZoneInfo("Europe/London")
M1, M2, M3, SUB = (
    "meetings/2024-02-06.html",
    "meetings/2024-06-04.html",
    "meetings/2024-10-01.html",
    "meetings/asb-2024-07-01.html",
)
#: Texts of the exempt item that no page may ever show.
SECRETS = ("SECRET-RESOLUTION", "SECRET-INTEREST", "SECRET-ACTION")

DATA = (
    partnership_header()
    + """quorum = 3
chairs = [
  { role = "co-chair", name = "Cllr Ann Example", office = "Cabinet Member", agency = "council" },
  { role = "co-chair", name = "Ch Supt Sam Lee", office = "Area Commander", agency = "police" },
]

[[bodies]]
id = "asb"
name = "Anti-social behaviour group"
kind = "sub-group"
parent = "board"

[[agencies]]
id = "council"
name = "Testford Council"
sector = "council"
responsible_authority = true
memberships = [{ role = "member" }]

[[agencies]]
id = "police"
name = "Testshire Police"
sector = "police"
responsible_authority = true
memberships = [{ role = "member" }]

[[agencies]]
id = "probation"
name = "Probation Service"
sector = "probation"
responsible_authority = true
memberships = [{ role = "member" }]

[[agencies]]
id = "pcc"
name = "Office of the Police and Crime Commissioner"
sector = "police"
memberships = [{ role = "observer" }]

[[meetings]]
id = "2024-02-06"
body = "board"
title = "Board meeting"
start = 2024-02-06T10:00:00
agenda = [
  { number = "1", title = "Apologies" },
  { number = "2", title = "Community safety plan", summary = "The draft plan" },
  { number = "3", title = "Contract", exempt = true, exemption = 3 },
]
documents = [
  { id = "m1-minutes", kind = "minutes", title = "Minutes", url = "https://example.org/m1.pdf", published = 2024-02-20T09:00:00 },
]

[meetings.record]
attendance = [
  { name = "Cllr Ann Example", agency = "council", role = "Co-chair" },
  { name = "Ch Supt Sam Lee", agency = "police", role = "Co-chair" },
  { name = "Bo Example", agency = "probation", presence = "substitute", on_behalf_of = "Gus Example" },
  { name = "Di Example", agency = "council", role = "Community Safety Manager", presence = "apologies" },
  { name = "Hal Example", agency = "police", presence = "absent" },
  { name = "Ed Example", agency = "pcc", role = "Policy officer", presence = "in-attendance" },
]
declarations = [
  { item = "2", name = "Cllr Ann Example", interest = "Trustee of the night shelter", kind = "non-registrable" },
  { item = "3", name = "Ch Supt Sam Lee", interest = "SECRET-INTEREST", kind = "disclosable-pecuniary", left_room = true },
]
decisions = [
  { item = "2", resolution = "That the plan be agreed", method = "vote", votes = { in_favour = 5, against = 1, abstentions = 2 } },
  { item = "3", resolution = "SECRET-RESOLUTION", method = "vote", votes = { in_favour = 4, abstentions = 1 } },
]

[[meetings]]
id = "2024-06-04"
body = "board"
title = "Board meeting"
start = 2024-06-04T10:00:00
agenda = [{ number = "1", title = "Action points" }]
documents = [
  { id = "m2-minutes", kind = "minutes", title = "Minutes", url = "https://example.org/m2.pdf", published = 2024-06-18T09:00:00 },
]

[meetings.record]
attendance = [{ name = "Cllr Ann Example", agency = "council", role = "Co-chair" }]
decisions = [{ item = "1", resolution = "That the action points be noted", method = "noted" }]

[[meetings]]
id = "2024-10-01"
body = "board"
title = "Board meeting"
start = 2024-10-01T10:00:00
agenda = [{ number = "1", title = "Action points" }]
documents = [
  { id = "m3-minutes", kind = "minutes", title = "Minutes", url = "https://example.org/m3.pdf", published = 2024-10-15T09:00:00 },
]

[meetings.record]
attendance = [
  { name = "Cllr Ann Example", agency = "council", role = "Co-chair" },
  { name = "Ch Supt Sam Lee", agency = "police", role = "Co-chair" },
  { name = "Gus Example", agency = "probation" },
]

[[meetings]]
id = "asb-2024-07-01"
body = "asb"
title = "ASB group"
start = 2024-07-01T14:00:00
documents = [
  { id = "asb-minutes", kind = "minutes", title = "Minutes", url = "https://example.org/asb.pdf", published = 2024-07-15T09:00:00 },
]

[[actions]]
id = "letters"
title = "Write to landlords about the new protocol"
raised = "2024-02-06"
item = "2"
owner_agency = "council"
owner_role = "Community Safety Manager"
due = 2024-05-31
updates = [
  { meeting = "2024-06-04", status = "in-progress", note = "Letters drafted" },
  { meeting = "2024-10-01", status = "done", note = "Letters sent to 40 landlords" },
]

[[actions]]
id = "cctv"
title = "Review the CCTV coverage of the high street"
raised = "2024-02-06"
owner_agency = "police"
due = 2024-09-30
updates = [
  { meeting = "2024-06-04", status = "open", note = "Not started" },
  { meeting = "2024-10-01", status = "in-progress", note = "Survey begun" },
]

[[actions]]
id = "contract"
title = "SECRET-ACTION: agree the contract's terms"
raised = "2024-02-06"
item = "3"

[[actions]]
id = "night"
title = "Map the night-time economy hot spots"
raised = "asb-2024-07-01"
owner_role = "Licensing officer"
"""  # noqa: E501 - a TOML line per entry, as an officer writes them
)

#: The same partnership publishing in English and Welsh (English first: Welsh under cy/).
WELSH = DATA.replace('area = "Testshire"', 'area = "Testshire"\nlanguages = ["en-GB", "cy"]', 1)


def _at(*fields: int) -> dt.datetime:
    return dt.datetime(*fields, tzinfo=LONDON)


BEFORE_MINUTES = _at(2024, 2, 10, 12)  # M1 held, its minutes not out
DRAFT = _at(2024, 3, 1, 12)  # M1's minutes out, M2 not yet held: a draft
AFTER_JUNE = _at(2024, 6, 10, 12)  # M2 held (agreeing M1's minutes), its minutes not out
LATE = _at(2024, 11, 1, 12)  # everything out; cctv overdue since 1 October


def _load(tmp_path: Path, text: str) -> Partnership:
    path = tmp_path / "partnership.toml"
    path.write_text(text, encoding="utf-8")
    return load(path)


@pytest.fixture(scope="module")
def partnership(tmp_path_factory: pytest.TempPathFactory) -> Partnership:
    return _load(tmp_path_factory.mktemp("records"), DATA)


@pytest.fixture(scope="module")
def late(partnership: Partnership, render) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    return render(partnership, LATE)


class TestMeetingRecord:
    def test_nothing_before_the_minutes(self, partnership: Partnership, render, parse) -> None:
        page = parse(render(partnership, BEFORE_MINUTES)[M1])
        assert not page.find_all("section", **{"aria-labelledby": "record"})
        assert not page.find_all("section", **{"aria-labelledby": "actions"})
        index = parse(render(partnership, BEFORE_MINUTES)["index.html"])
        assert not index.find_all("section", **{"aria-labelledby": "open-actions"})

    def test_draft_then_agreed(self, partnership: Partnership, render, parse) -> None:
        """A draft from 20 February until the board meets again on 4 June."""
        draft = parse(render(partnership, DRAFT)[M1]).section("record")
        assert "Draft: not yet agreed" in draft.text()
        agreed = parse(render(partnership, AFTER_JUNE)[M1]).section("record")
        assert "Draft" not in agreed.text()
        assert "Attendance" in agreed.text()
        # The board's last meeting: its minutes stay a draft.
        last = parse(render(partnership, LATE)[M3]).section("record")
        assert "Draft: not yet agreed" in last.text()

    def test_attendance_grouped(self, late, parse) -> None:  # type: ignore[no-untyped-def]
        record = parse(late[M1]).section("record")
        groups = {
            heading.text(): [li.text() for li in lists.find_all("li")]
            for heading, lists in zip(
                record.find_all("h4"), record.find_all("ul", class_="attendance"), strict=False
            )
        }
        assert groups == {
            "Members present": [
                "Cllr Ann Example (Co-chair, Testford Council)",
                "Ch Supt Sam Lee (Co-chair, Testshire Police)",
            ],
            "Substitutes": ["Bo Example (Probation Service), on behalf of Gus Example"],
            "Apologies": ["Di Example (Community Safety Manager, Testford Council)"],
            "Absent": ["Hal Example (Testshire Police)"],
            "In attendance": [
                "Ed Example (Policy officer, Office of the Police and Crime Commissioner)"
            ],
        }

    def test_quorum(self, late, parse) -> None:  # type: ignore[no-untyped-def]
        """February: council, police and probation's substitute (3 of 3); the PCC's office does
        not count.  June: one member present."""
        first = parse(late[M1]).section("record").find("p", class_="quorum").text()
        assert first == "Quorate: members present 3, quorum 3."
        second = parse(late[M2]).section("record").find("p", class_="quorum").text()
        assert second == "Not quorate: members present 1, quorum 3."
        # The sub-group has no quorum and no attendance: nothing said.
        assert "quorum" not in parse(late[SUB]).text().lower()

    def test_declarations_and_decisions_per_item(self, late, parse) -> None:  # type: ignore[no-untyped-def]
        record = parse(late[M1]).section("record")
        open_item = next(li for li in record.find_all("li") if li.text().startswith("2."))
        text = open_item.text()
        assert "Cllr Ann Example: Non-registrable interest – Trustee of the night shelter" in text
        assert "Resolved: That the plan be agreed" in text
        assert "How it was decided: By vote; for 5, against 1, abstentions 2" in text
        exempt = record.find("li", class_="exempt").text()
        assert exempt.startswith("3. Contract (exempt: Schedule 12A, paragraph 3")
        assert "Ch Supt Sam Lee: Disclosable pecuniary interest (left the room for this item)" in (
            exempt
        )
        assert "A decision was taken: By vote. What was decided is not open to the public." in (
            exempt
        )
        assert "for 4" not in exempt
        assert "Resolved" not in exempt

    def test_a_number_an_exempt_item_shares(self, partnership: Partnership, render, parse) -> None:
        """An open item numbered 3 before the exempt item 3: the record shows item 3 as exempt."""
        first = partnership.meeting("2024-02-06")
        agenda = (*first.agenda[:2], AgendaItem(number="3", title="Contract: open part"))
        shared = attrs.evolve(
            partnership,
            meetings=tuple(
                attrs.evolve(m, agenda=(*agenda, first.agenda[2])) if m is first else m
                for m in partnership.meetings
            ),
        )
        record = parse(render(shared, LATE)[M1]).section("record")
        exempt = record.find("li", class_="exempt").text()
        assert exempt.startswith("3. Contract (exempt: Schedule 12A, paragraph 3")
        assert "Resolved" not in exempt

    def test_secrets_never_on_any_page(self, partnership: Partnership, render) -> None:
        for at in (BEFORE_MINUTES, DRAFT, AFTER_JUNE, LATE):
            for path, content in render(partnership, at).items():
                for secret in SECRETS:
                    assert secret.encode() not in content, (at, path, secret)


class TestActions:
    def test_carried_over_three_meetings(self, late, parse) -> None:  # type: ignore[no-untyped-def]
        raised = parse(late[M1]).section("actions")
        assert "Actions raised at this meeting" in raised.text()
        letters = next(
            li for li in raised.find_all("li") if "Write to landlords" in li.text()
        ).text()
        assert "Status: Done" in letters
        assert "Owner: Community Safety Manager, Testford Council" in letters
        assert "Due: Friday 31 May 2024" in letters
        assert "Raised under item 2" in letters
        assert "Board meeting: Tuesday 4 June 2024: In progress – Letters drafted" in letters
        assert "Board meeting: Tuesday 1 October 2024: Done – Letters sent to 40 landlords" in (
            letters
        )
        assert "Overdue" not in letters  # done

        reviewed = parse(late[M3]).section("actions")
        assert "Actions from earlier meetings reviewed" in reviewed.text()
        text = reviewed.text()
        assert "Raised at: Board meeting: Tuesday 6 February 2024" in text
        assert "At this meeting: Done – Letters sent to 40 landlords" in text

    def test_overdue_marked(self, late, parse) -> None:  # type: ignore[no-untyped-def]
        """cctv, due Monday 30 September, in progress on 1 November: overdue."""
        section = parse(late[M2]).section("actions")
        cctv = next(li for li in section.find_all("li") if "CCTV" in li.text())
        assert cctv.find("strong", class_="tag tag-warning").text() == "Overdue"
        assert "Status: In progress" in cctv.text()

    def test_before_updates_are_public(self, partnership: Partnership, render, parse) -> None:
        """10 June: the June meeting has started but its minutes are not out; letters, due
        31 May, is overdue and has no public update yet."""
        section = parse(render(partnership, AFTER_JUNE)[M1]).section("actions")
        letters = next(li for li in section.find_all("li") if "landlords" in li.text())
        assert "Status: Open" in letters.text()
        assert "Overdue" in letters.text()
        assert "Updates" not in letters.text()

    def test_links_between_meetings_resolve(self, late, parse) -> None:  # type: ignore[no-untyped-def]
        for path in (M1, M2, M3, SUB, "index.html"):
            page = parse(late[path])
            for section_id in ("actions", "open-actions"):
                for section in page.find_all("section", **{"aria-labelledby": section_id}):
                    links = [a.attrs["href"] for a in section.find_all("a")]
                    for href in links:
                        assert href is not None
                        target = (Path(path).parent / href).as_posix()
                        target = re.sub(r"[^/]+/\.\./", "", target)
                        assert target in late, (path, href)
        index_links = {
            a.attrs["href"] for a in parse(late["index.html"]).section("open-actions").find_all("a")
        }
        # Where each open action was raised, and the meetings that reported on it.
        assert index_links == {M1, M2, M3, SUB}

    def test_index_open_actions_by_body(self, late, parse) -> None:  # type: ignore[no-untyped-def]
        section = parse(late["index.html"]).section("open-actions")
        assert [h.text() for h in section.find_all("h3")] == [
            "Board",
            "Anti-social behaviour group",
        ]
        text = section.text()
        assert "Review the CCTV coverage" in text
        assert "Overdue" in text
        assert "Map the night-time economy" in text
        assert "Write to landlords" not in text  # done

    def test_all_closed(self, partnership: Partnership, render, parse) -> None:
        closed = attrs.evolve(
            partnership,
            actions=tuple(a for a in partnership.actions if a.id == "letters"),
        )
        section = parse(render(closed, LATE)["index.html"]).section("open-actions")
        assert "There are no open actions." in section.text()


class TestJsonLd:
    def test_attendees_of_the_event(self, partnership: Partnership, render, parse, jsonld) -> None:
        """Who attended (present, substitute, in attendance), never apologies or absent; none
        before the minutes."""
        before = jsonld(parse(render(partnership, BEFORE_MINUTES)[M1]))
        assert ["attendee" in data for data in before] == [False]
        (event,) = jsonld(parse(render(partnership, LATE)[M1]))
        assert event["attendee"] == [
            {
                "@type": "Role",
                "roleName": "Co-chair",
                "attendee": {
                    "@type": "Person",
                    "name": "Cllr Ann Example",
                    "affiliation": {"@type": "Organization", "name": "Testford Council"},
                },
            },
            {
                "@type": "Role",
                "roleName": "Co-chair",
                "attendee": {
                    "@type": "Person",
                    "name": "Ch Supt Sam Lee",
                    "affiliation": {"@type": "Organization", "name": "Testshire Police"},
                },
            },
            {
                "@type": "Person",
                "name": "Bo Example",
                "affiliation": {"@type": "Organization", "name": "Probation Service"},
            },
            {
                "@type": "Role",
                "roleName": "Policy officer",
                "attendee": {
                    "@type": "Person",
                    "name": "Ed Example",
                    "affiliation": {
                        "@type": "Organization",
                        "name": "Office of the Police and Crime Commissioner",
                    },
                },
            },
        ]


class TestWelsh:
    def test_welsh_words(self, tmp_path: Path, parse) -> None:
        welsh = _load(tmp_path, WELSH)
        context = BuildContext(view=public_view(welsh, LATE, "cy"), languages=welsh.languages)
        pages = {f"cy/{file.path}": file.content for file in HtmlPublisher().render(context)}
        page = parse(pages["cy/" + M1])
        record = page.section("record").text()
        assert "Cofnod o'r cyfarfod" in record
        assert "Aelodau a oedd yn bresennol" in record
        assert "ar ran Gus Example" in record
        assert "Roedd cworwm: aelodau yn bresennol 3, cworwm 3." in record
        assert "Sut y penderfynwyd:" in record
        actions = page.section("actions").text()
        assert "Camau gweithredu a godwyd yn y cyfarfod hwn" in actions
        index = parse(pages["cy/index.html"]).section("open-actions").text()
        assert "Camau gweithredu agored" in index
        assert "Yn hwyr" in index
        last = parse(pages["cy/" + M3]).section("record").text()
        assert "Drafft: heb ei gytuno eto" in last


HOSTILE = '<script>alert(1)</script> & "q" \'<b>x</b>'


def _spiked(partnership: Partnership) -> Partnership:
    """Every new text field of the record and the log holds hostile text."""

    def spike(text: str | None) -> str | None:
        return None if text is None else f"{HOSTILE} {text}"

    meetings = []
    for meeting in partnership.meetings:
        record = meeting.record
        if record is not None:
            record = attrs.evolve(
                record,
                attendance=tuple(
                    attrs.evolve(
                        a,
                        name=f"{HOSTILE} {a.name}",
                        role=spike(a.role),
                        on_behalf_of=spike(a.on_behalf_of),
                    )
                    for a in record.attendance
                ),
                declarations=tuple(
                    attrs.evolve(d, name=f"{HOSTILE} {d.name}", interest=spike(d.interest))
                    for d in record.declarations
                ),
                decisions=tuple(
                    attrs.evolve(d, resolution=spike(d.resolution)) for d in record.decisions
                ),
            )
        meetings.append(attrs.evolve(meeting, record=record))
    actions = tuple(
        attrs.evolve(
            action,
            title=f"{HOSTILE} {action.title}",
            owner_role=spike(action.owner_role),
            updates=tuple(attrs.evolve(u, note=spike(u.note)) for u in action.updates),
        )
        for action in partnership.actions
    )
    return attrs.evolve(partnership, meetings=tuple(meetings), actions=actions)


class TestEscaping:
    def test_hostile_text_is_text(self, partnership: Partnership, render, parse, jsonld) -> None:
        pages = render(_spiked(partnership), LATE)
        for path in (M1, M2, M3, SUB, "index.html"):
            html = pages[path].decode("utf-8")
            assert "<script>alert" not in html
            assert "<b>x</b>" not in html
            page = parse(html)
            assert not page.find_all("b")
            scripts = page.find_all("script")
            assert all(s.attrs.get("type") == "application/ld+json" for s in scripts)
            assert HOSTILE in page.raw_text()
        (event,) = jsonld(parse(pages[M1]))
        assert event["attendee"][0]["attendee"]["name"] == f"{HOSTILE} Cllr Ann Example"
        record = parse(pages[M1]).section("record").raw_text()
        assert record.count(HOSTILE) >= 8  # names, roles, on behalf of, interest, resolution
        actions = parse(pages[M1]).section("actions").raw_text()
        assert f"{HOSTILE} Write to landlords" in actions
        assert f"{HOSTILE} Letters drafted" in actions


class TestValid:
    def test_pages_validate(
        self,
        partnership: Partnership,
        render,
        site_writer,
        validator: Callable[[list[Path]], list[str]],
        tmp_path: Path,
    ) -> None:
        files = {
            path: content
            for path, content in render(_spiked(partnership), LATE).items()
            if path.endswith(".html")
        }
        files.update(
            {
                f"draft/{path}": content
                for path, content in render(partnership, DRAFT).items()
                if path.endswith(".html")
            }
        )
        problems = validator(site_writer(files, tmp_path))
        assert not problems, "\n".join(problems)
