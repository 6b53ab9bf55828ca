"""Background papers (issue 12, item 1): open to inspection four years, worked by hand.

The list of background papers for a report, and a copy of each paper on it, are open to
inspection with the report (LGA 1972 s.100D(1); Local Government (Scotland) Act 1973 s.50D(1))
for "four years beginning with the date of the meeting" (s.100D(2); s.50D(2)); "on request"
counts as open (s.100D(3)).  A meeting's document of kind ``background-papers`` is that list
and those copies.  Withdrawing it, or declaring it withheld, within the four years is a
retention breach citing the nation's background-papers section.  Sources: docs/rules.md,
"Retention and withdrawals".
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_core import (
    ACCESS_LAW,
    BuildContext,
    CspError,
    Partnership,
    dump,
    load,
    parse_options,
    public_view,
)
from csp_core.labels import label
from csp_core.model import (
    AccessPolicy,
    Availability,
    Document,
    DocumentKind,
    Nation,
    PublicationPolicy,
    Revision,
    RevisionKind,
)
from csp_core.model.enums import MEETING_DOCUMENT_KINDS
from csp_core.reports import status_json, status_text
from csp_core.rules import Severity, retained_until, retention_breaches, status, timeline
from tests.data import partnership_header
from tests.strategies import examples

LONDON = ZoneInfo("Europe/London")
MEETING = "2019-10-17"  # Cambridge's partnership meeting, Thursday 17 October 2019, 11:15
PAPERS = "2019-10-17-background-papers"
SCHEMA = json.loads(
    (Path(__file__).parents[1] / "src/csp_core/schemas/status.schema.json").read_text()
)

# The period, by hand.  "Four years beginning with the date of the meeting": Thursday
# 17 October 2019 is day one, so Tuesday 17 October 2023 is day one of the fifth year and the
# last day is Monday 16 October 2023 (inclusive).  Minutes, agenda and reports of the same
# meeting keep their six years: to Thursday 16 October 2025 (s.100C(1)).
LAST_DAY = dt.date(2023, 10, 16)


def _at(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=LONDON)


def _with_papers(
    partnership: Partnership,
    *,
    withdrawn: dt.datetime | None = None,
    availability: Availability = Availability.ONLINE,
    access: AccessPolicy | None = None,
    nation: Nation | None = None,
) -> Partnership:
    """Cambridge with the 17 October 2019 meeting's background papers, published with the
    agenda on Wednesday 9 October 2019, 09:30, and withdrawn or withheld as given."""
    revisions = (
        ()
        if withdrawn is None
        else (Revision(kind=RevisionKind.WITHDRAWAL, published=withdrawn, note="Withdrawn."),)
    )
    papers = Document(
        id=PAPERS,
        kind=DocumentKind.BACKGROUND_PAPERS,
        title="Background papers: performance to the end of September 2019",
        url="https://www.cambridge.gov.uk/media/csp/2019-10-17-background-papers.pdf",
        published=_at(2019, 10, 9, 9).replace(minute=30),
        availability=availability,
        revisions=revisions,
    )
    meetings = tuple(
        attrs.evolve(m, documents=(*m.documents, papers)) if m.id == MEETING else m
        for m in partnership.meetings
    )
    if nation is not None:
        # The example's exempt item cites England's paragraph 7: cite the nation's first one.
        first = ACCESS_LAW[nation].exempt.paragraphs[0]
        meetings = tuple(
            attrs.evolve(
                m,
                agenda=tuple(
                    attrs.evolve(item, exemption=first) if item.exempt else item
                    for item in m.agenda
                ),
            )
            for m in meetings
        )
    policy = partnership.policy
    if access is not None:
        policy = attrs.evolve(policy, access=access)
    changes: dict[str, object] = {"meetings": meetings, "policy": policy}
    if nation is not None:
        changes["nation"] = nation
    return attrs.evolve(partnership, **changes)  # type: ignore[arg-type]


class TestTheKind:
    def test_a_meeting_document_with_its_label(self) -> None:
        assert DocumentKind("background-papers") is DocumentKind.BACKGROUND_PAPERS
        assert DocumentKind.BACKGROUND_PAPERS in MEETING_DOCUMENT_KINDS
        assert label(DocumentKind.BACKGROUND_PAPERS) == "Background papers"

    def test_every_document_kind_has_a_label(self) -> None:
        assert all(label(kind) for kind in DocumentKind)

    def test_round_trips_through_dump_and_load(
        self, cambridge: Partnership, tmp_path: Path
    ) -> None:
        edited = _with_papers(cambridge)
        data = dump(edited)
        path = tmp_path / "cambridge.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        loaded = load(path)
        assert loaded == edited
        assert loaded.meeting(MEETING).documents[-1].kind is DocumentKind.BACKGROUND_PAPERS

    def test_a_meeting_may_have_several(self, tmp_path: Path) -> None:
        # One list per report: a meeting may have more than one background-papers document.
        paper = (
            '[[meetings.documents]]\nid = "{id}"\nkind = "background-papers"\n'
            'title = "Background papers {id}"\navailability = "on-request"\n'
            "published = 2025-03-03T09:00:00+00:00\n"
        )
        path = tmp_path / "partnership.toml"
        path.write_text(
            partnership_header()
            + '\n[[meetings]]\nid = "m"\nbody = "board"\ntitle = "Board"\n'
            + "start = 2025-03-14T10:00:00+00:00\n"
            + paper.format(id="a")
            + paper.format(id="b"),
            encoding="utf-8",
        )
        meeting = load(path).meetings[0]
        assert [d.kind for d in meeting.documents] == [DocumentKind.BACKGROUND_PAPERS] * 2

    def test_not_a_plan_document(self, tmp_path: Path) -> None:
        path = tmp_path / "partnership.toml"
        path.write_text(
            partnership_header()
            + '\n[[plans]]\nid = "p"\ntitle = "Plan"\nin_force_from = 2025-04-01\n'
            + "period = { start = 2025-04-01, end = 2026-03-31 }\n"
            + '[[plans.documents]]\nid = "d"\nkind = "background-papers"\ntitle = "Papers"\n',
            encoding="utf-8",
        )
        with pytest.raises(CspError, match="background-papers"):
            load(path)


class TestThePolicyField:
    def test_four_years_by_default(self) -> None:
        assert PublicationPolicy().background_papers_years == 4

    @pytest.mark.parametrize(("value", "ok"), [(0, False), (1, True), (100, True), (101, False)])
    def test_from_1_to_100(self, tmp_path: Path, value: int, ok: bool) -> None:
        path = tmp_path / "partnership.toml"
        path.write_text(
            partnership_header() + f"\n[policy]\nbackground_papers_years = {value}\n",
            encoding="utf-8",
        )
        if ok:
            assert load(path).policy.background_papers_years == value
        else:
            with pytest.raises(CspError, match=r"policy\.background_papers_years: .*give 1 to 100"):
                load(path)


class TestThePeriod:
    def test_four_years_beginning_with_the_meeting_day(self, cambridge: Partnership) -> None:
        meeting = cambridge.meeting(MEETING)
        assert retained_until(cambridge, meeting, kind=DocumentKind.BACKGROUND_PAPERS) == LAST_DAY
        # The other kinds, and the old call without a kind, keep six years.
        assert retained_until(cambridge, meeting) == dt.date(2025, 10, 16)
        for kind in (DocumentKind.AGENDA, DocumentKind.REPORT, DocumentKind.MINUTES):
            assert retained_until(cambridge, meeting, kind=kind) == dt.date(2025, 10, 16)

    def test_the_policy_sets_the_years(self, cambridge: Partnership) -> None:
        # Five years from Thursday 17 October 2019: to Saturday 16 October 2024.
        five = attrs.evolve(
            cambridge, policy=attrs.evolve(cambridge.policy, background_papers_years=5)
        )
        meeting = five.meeting(MEETING)
        assert retained_until(five, meeting, kind=DocumentKind.BACKGROUND_PAPERS) == dt.date(
            2024, 10, 16
        )
        assert retained_until(five, meeting) == dt.date(2025, 10, 16)

    def test_the_period_begins_on_the_local_day(self, cambridge: Partnership) -> None:
        # A meeting at 00:30 BST on Thursday 17 October 2019 is 23:30 UTC on Wednesday 16: the
        # day of the meeting is the local one, so the last day is still 16 October 2023.
        meeting = attrs.evolve(
            cambridge.meeting(MEETING), start=dt.datetime(2019, 10, 17, 0, 30, tzinfo=LONDON)
        )
        assert meeting.start.astimezone(dt.UTC).day == 16
        assert retained_until(cambridge, meeting, kind=DocumentKind.BACKGROUND_PAPERS) == LAST_DAY


class TestWithdrawals:
    def test_the_example_with_background_papers_has_no_breach(self, cambridge: Partnership) -> None:
        edited = _with_papers(cambridge, access=AccessPolicy.STATUTORY)
        for at in (_at(2019, 12, 1), _at(2022, 12, 1), _at(2026, 11, 30)):
            assert retention_breaches(edited, at) == ()

    def test_withdrawn_within_four_years_is_a_breach(self, cambridge: Partnership) -> None:
        # Withdrawn Thursday 1 December 2022: within the period (to Monday 16 October 2023).
        edited = _with_papers(
            cambridge, withdrawn=_at(2022, 12, 1, 9), access=AccessPolicy.STATUTORY
        )
        assert retention_breaches(edited, _at(2022, 11, 30)) == ()  # not yet withdrawn
        (breach,) = retention_breaches(edited, _at(2022, 12, 2))
        assert breach.document.id == PAPERS
        assert breach.withdrawn
        assert breach.since == dt.date(2022, 12, 1)
        assert breach.retained_until == LAST_DAY
        assert breach.severity is Severity.BREACH
        assert breach.statutory
        assert breach.section == "s.100D"
        # It happened within the period, so it stays on record after it.
        assert len(retention_breaches(edited, _at(2024, 1, 1))) == 1

    def test_under_a_voluntary_policy_it_is_a_warning(self, cambridge: Partnership) -> None:
        edited = _with_papers(cambridge, withdrawn=_at(2022, 12, 1, 9))
        (breach,) = retention_breaches(edited, _at(2022, 12, 2))
        assert breach.severity is Severity.WARNING
        assert not breach.statutory

    def test_none_under_no_access_policy(self, cambridge: Partnership) -> None:
        edited = _with_papers(cambridge, withdrawn=_at(2022, 12, 1, 9), access=AccessPolicy.NONE)
        assert retention_breaches(edited, _at(2022, 12, 2)) == ()

    def test_withdrawn_after_four_years_is_fine(self, cambridge: Partnership) -> None:
        # Withdrawn Friday 20 October 2023: after Monday 16 October 2023, the last day.  (Minutes
        # withdrawn that day would still be a breach: their six years run to 16 October 2025.)
        edited = _with_papers(cambridge, withdrawn=_at(2023, 10, 20, 9))
        assert retention_breaches(edited, _at(2023, 11, 1)) == ()

    def test_the_last_day_is_in_the_period(self, cambridge: Partnership) -> None:
        # 23:00 on Monday 16 October 2023 is within; 00:00 on Tuesday 17 October is not.
        on_last = _with_papers(cambridge, withdrawn=_at(2023, 10, 16, 23))
        assert len(retention_breaches(on_last, _at(2023, 11, 1))) == 1
        after = _with_papers(cambridge, withdrawn=_at(2023, 10, 17, 0))
        assert retention_breaches(after, _at(2023, 11, 1)) == ()

    def test_declared_withheld_is_a_breach_only_within_the_period(
        self, cambridge: Partnership
    ) -> None:
        edited = _with_papers(
            cambridge, availability=Availability.WITHHELD, access=AccessPolicy.STATUTORY
        )
        (breach,) = retention_breaches(edited, _at(2022, 12, 1))
        assert not breach.withdrawn
        assert breach.since == dt.date(2019, 10, 17)
        assert breach.section == "s.100D"
        # Still on Monday 16 October 2023; from Tuesday 17 October 2023, withholding is allowed.
        assert len(retention_breaches(edited, _at(2023, 10, 16, 23))) == 1
        assert retention_breaches(edited, _at(2023, 10, 17, 0)) == ()

    def test_on_request_is_no_breach(self, cambridge: Partnership) -> None:
        # After online_months (twelve) they are "on request": still open (s.100D(3)).
        edited = _with_papers(cambridge, access=AccessPolicy.STATUTORY)
        at = _at(2021, 1, 1)
        states = {s.document.id: s.availability for s in status(edited, at).documents}
        assert states[PAPERS] is Availability.ON_REQUEST
        assert retention_breaches(edited, at) == ()

    def test_background_papers_of_an_exempt_item_are_not_required(
        self, cambridge: Partnership
    ) -> None:
        # s.100D(4)(a): a document disclosing exempt information need not be on the list, so
        # the withheld papers of an exempt item are no breach.
        edited = _with_papers(
            cambridge, availability=Availability.WITHHELD, access=AccessPolicy.STATUTORY
        )
        meeting = edited.meeting(MEETING)
        item = attrs.evolve(
            meeting.agenda[0], exempt=True, exemption=7, papers=(PAPERS,), presenter=None
        )
        meeting = attrs.evolve(meeting, agenda=(item, *meeting.agenda[1:]))
        exempt = attrs.evolve(
            edited, meetings=tuple(meeting if m.id == MEETING else m for m in edited.meetings)
        )
        assert retention_breaches(exempt, _at(2022, 12, 1)) == ()

    @pytest.mark.parametrize(
        ("nation", "section"),
        [
            (Nation.ENGLAND, "s.100D"),
            (Nation.WALES, "s.100D"),
            (Nation.SCOTLAND, "s.50D"),
            (Nation.NORTHERN_IRELAND, "Part 8 (background papers)"),
        ],
    )
    def test_the_section_is_the_nations(
        self, cambridge: Partnership, nation: Nation, section: str
    ) -> None:
        edited = _with_papers(cambridge, withdrawn=_at(2022, 12, 1, 9), nation=nation)
        (breach,) = retention_breaches(edited, _at(2022, 12, 2))
        assert breach.section == section == ACCESS_LAW[nation].background_papers
        assert breach.retained_until == LAST_DAY


class TestStatus:
    def test_text_and_json(self, cambridge: Partnership) -> None:
        edited = _with_papers(
            cambridge, withdrawn=_at(2022, 12, 1, 9), access=AccessPolicy.STATUTORY
        )
        now = status(edited, _at(2023, 1, 9))
        data = status_json(edited, now)
        jsonschema.validate(data, SCHEMA)
        assert data["schema_version"] == 2
        assert data["retention_breaches"] == [
            {
                "document": PAPERS,
                "kind": "background-papers",
                "title": "Background papers: performance to the end of September 2019",
                "meeting": MEETING,
                "how": "withdrawn",
                "since": "2022-12-01",
                "retained_until": "2023-10-16",
                "statutory": True,
                "severity": "breach",
                "section": "s.100D",
            }
        ]
        kinds = {d["id"]: d["kind"] for d in data["documents"]}
        assert kinds[PAPERS] == "background-papers"
        text = status_text(edited, now)
        assert "Withdrawn or withheld within the retention period (1)" in text
        assert "withdrawn Thu 1 Dec 2022" in text
        assert "until Mon 16 Oct 2023 (s.100D); statutory breach" in text


class TestPublished:
    """Background papers are shown like any other meeting document."""

    AT = _at(2019, 10, 10)  # the day after they were published with the agenda

    def test_timeline(self, cambridge: Partnership) -> None:
        events = {e.id: e for e in timeline(_with_papers(cambridge), self.AT)}
        event = events[f"document/{PAPERS}/published"]
        assert (
            event.title == "Published: Background papers: performance to the end of September 2019"
        )
        assert (
            event.link == "https://www.cambridge.gov.uk/media/csp/2019-10-17-background-papers.pdf"
        )
        assert event.meeting == MEETING

    def test_html_meeting_page(self, cambridge: Partnership) -> None:
        from csp_html import HtmlPublisher

        publisher = HtmlPublisher()
        context = BuildContext(
            view=public_view(_with_papers(cambridge), self.AT),
            options=parse_options(publisher, {}),
            base_url=None,
        )
        files = {file.path: file.content for file in publisher.render(context)}
        page = files[f"meetings/{MEETING}.html"].decode("utf-8")
        assert "Background papers: performance to the end of September 2019" in page
        assert '(Background papers, published <time datetime="2019-10-09">' in page
        assert "2019-10-17-background-papers.pdf" in page

    def test_calendar_description(self, cambridge: Partnership) -> None:
        from csp_ical.describe import meeting_description

        view = public_view(_with_papers(cambridge), self.AT)
        meeting = next(m for m in view.partnership.meetings if m.id == MEETING)
        description = meeting_description(view, meeting, None, lambda address: address)
        assert (
            "- Background papers: performance to the end of September 2019: "
            "https://www.cambridge.gov.uk/media/csp/2019-10-17-background-papers.pdf"
        ) in description


@examples(40)
@given(data=st.data())
def test_background_papers_are_kept_no_longer_than_their_years(
    cambridge: Partnership, data: st.DataObject
) -> None:
    """For any years and any withdrawal, a breach exactly when the withdrawal is in the period."""
    years = data.draw(st.integers(1, 100))
    withdrawn = data.draw(
        st.datetimes(
            min_value=dt.datetime(2019, 10, 18),
            max_value=dt.datetime(2121, 1, 1),
            timezones=st.just(LONDON),
            allow_imaginary=False,
        )
    )
    edited = _with_papers(cambridge, withdrawn=withdrawn)
    edited = attrs.evolve(edited, policy=attrs.evolve(edited.policy, background_papers_years=years))
    until = retained_until(edited, edited.meeting(MEETING), kind=DocumentKind.BACKGROUND_PAPERS)
    assert until.replace(year=until.year - years) == dt.date(2019, 10, 16)
    found = [b for b in retention_breaches(edited, withdrawn) if b.document.id == PAPERS]
    assert bool(found) == (withdrawn.date() <= until)
