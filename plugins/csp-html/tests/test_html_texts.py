"""The partnership's own words come from its data; without them the pages say only what is true
of any partnership, and read grammatically with any name (issue 13, item 1).

The other council here is Cambridge's data renamed as a London borough would write it: its plan
is a "Strategy", its assessment a "Needs Assessment", its board has a Welsh name, its area begins
"London Borough of", and it gives none of the texts.  Its pages must hold none of Cambridge's
sentences, and no article or preposition glued before a name.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from csp_core import EXEMPT_INFORMATION, Availability, Partnership, PartnershipTexts, load

from csp_html import words

ROOT = Path(__file__).parents[3]
LONDON = dt.timezone(dt.timedelta(hours=1))
AT = dt.datetime(2019, 10, 1, 9, 0, tzinfo=LONDON)
"""The seed page's moment: plan 2017–18 in force, the meeting of 17 October 2019 next."""

NAME = "London Borough of Haringey Community Safety Partnership"
AREA = "London Borough of Haringey"
BOARD = "Bwrdd y Bartneriaeth"
PLAN_NAME = "Community Safety Strategy"
ASSESSMENT_NAME = "Community Safety Needs Assessment"

#: Sentences of Cambridge's page (the seed page) that describe Cambridge and no one else: they
#: are the Cambridge example's `[texts]`, never the pages' own words.
CAMBRIDGE_SENTENCES = (
    "These actions are detailed in a document called the Community safety plan.",
    "In a quickly changing environment, however, this plan is checked on an annual basis",
    "This is done using a document called the Strategic assessment.",
    "This assessment looks at, and seeks to understand, the range of detailed information",
    "For each of the priorities in the plan, a lead officer has been appointed and they have "
    "identified aims and targets for each priority.",
    "Strategic assessments provide an overview of the current issues facing",
    "Assessments are based on research and analysis of a wide range of information sources",
    "The majority of meetings of the partnership are open to the general public.",
    "There are statutory “responsible authorities” and a number of equally important, "
    "non-statutory members.",
)
#: Wordings the pages used to build around any partnership's names, which break on some.
BROKEN_WORDINGS = ("document called", "in a quickly changing environment", "the majority of")


def _renamed(folder: Path) -> Path:
    """Cambridge's data files, with the names another council would use."""
    shutil.copytree(ROOT / "examples" / "cambridge", folder)
    for path in folder.rglob("*.toml"):
        text = path.read_text(encoding="utf-8")
        for old, new in (
            ("Community safety plan", "Safer Haringey Strategy"),
            ("community safety plan", "Safer Haringey Strategy"),
            ("Strategic assessment", ASSESSMENT_NAME),
            ("strategic assessment", ASSESSMENT_NAME),
            ("Cambridge Community Safety Partnership board", BOARD),
            ("Cambridge Community Safety Partnership", NAME),
        ):
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> Partnership:
    """Another council's partnership that gives none of the texts, only its names for things."""
    partnership = load(_renamed(tmp_path_factory.mktemp("data") / "haringey"))
    board = attrs.evolve(partnership.bodies[0], description=None)
    return attrs.evolve(
        partnership,
        area=AREA,
        purpose=None,
        key_roles=(),
        bodies=(board,),
        texts=PartnershipTexts(plan_name=PLAN_NAME, assessment_name=ASSESSMENT_NAME),
    )


@pytest.fixture(scope="module")
def pages(other: Partnership, render, parse) -> dict[str, object]:
    """Every page of the other partnership, parsed."""
    files = render(other, AT)
    return {name: parse(content) for name, content in files.items() if name.endswith(".html")}


def _everything(page) -> str:
    """A page's text and attribute values (title, meta description, JSON-LD), one string."""
    values = [page.text()]
    values += [value for node in page.iter() for value in node.attrs.values() if value]
    return " ".join(" ".join(values).split())


class TestNoCambridgeSentences:
    def test_none_of_cambridges_sentences_on_any_page(self, pages) -> None:
        """Not one sentence of Cambridge's page is printed for a partnership that gave none."""
        for name, page in pages.items():
            text = _everything(page)
            for sentence in CAMBRIDGE_SENTENCES:
                assert sentence not in text, f"{name}: {sentence!r}"
            for wording in BROKEN_WORDINGS:
                assert wording not in text.lower(), f"{name}: {wording!r}"

    def test_the_plan_and_assessment_go_by_their_own_names(self, pages) -> None:
        """The partnership's names head the sections; the default names appear nowhere."""
        index = pages["index.html"]
        assert index.by_id("plan").text() == PLAN_NAME
        assert index.by_id("assessments").text() == ASSESSMENT_NAME
        for name, page in pages.items():
            text = _everything(page).lower()
            assert "community safety plan" not in text, name
            assert "strategic assessment" not in text, name

    def test_no_article_or_preposition_glued_to_a_name(self, pages) -> None:
        """'the Bwrdd y Bartneriaeth', 'the London Borough of …', 'within London Borough of …'
        never occur: every sentence reads with any name."""
        glued = re.compile(
            rf"\b(?:the|a|an) (?:{re.escape(BOARD)}|{re.escape(NAME)}|{re.escape(AREA)})"
            rf"|\b(?:within|in|across|facing|affecting|throughout) {re.escape(AREA)}",
            re.IGNORECASE,
        )
        for name, page in pages.items():
            assert glued.findall(_everything(page)) == [], name

    def test_names_read_as_labels(self, pages) -> None:
        """The body's and partnership's names stand where they need no article."""
        meeting = pages["meetings/2019-10-17.html"]
        description = meeting.find("meta", name="description").attrs["content"]
        assert description.startswith(f"{BOARD}: meeting on Thursday 17 October 2019, 11:15")
        assert f"agenda, papers and minutes from {NAME}." in description
        assert f"{NAME}: contact details" in pages["index.html"].find("footer").text()

    def test_neutral_defaults(self, pages) -> None:
        """What any partnership's page says without texts: true of every partnership."""
        index = pages["index.html"]
        assessments = index.section("assessments").text()
        assert words.ASSESSMENTS_DEFAULT in assessments
        assert words.MEMBERS_DEFAULT in index.section("members").text()
        # Every priority of the 2017–18 plan has aims and targets (see the example's data).
        sentence = "Each priority has a lead officer, aims and targets."
        assert sentence in index.section("plan").text()
        assert sentence in pages["plans/plan-2017-18.html"].find("main").text()
        # The meetings section makes no claim about how many meetings are open: the
        # publication promises, from the policy, come first.
        first = index.section("meetings").find("p").text()
        assert first.startswith("A draft agenda, complete with details on how to submit")

    def test_no_plan_no_assessment_by_their_names(self, other: Partnership, render, parse) -> None:
        """'No Community Safety Strategy is in force', in the partnership's words; the defaults
        without them."""
        bare = attrs.evolve(other, plans=(), assessments=())
        text = parse(render(bare, AT)["index.html"]).find("main").text()
        assert f"No {PLAN_NAME} is in force at the moment." in text
        assert f"No {ASSESSMENT_NAME} has been published yet." in text
        plain = attrs.evolve(bare, texts=PartnershipTexts())
        page = parse(render(plain, AT)["index.html"])
        assert page.by_id("plan").text() == "Community safety plan"
        assert page.by_id("assessments").text() == "Strategic assessments"
        text = page.find("main").text()
        assert "No community safety plan is in force at the moment." in text
        assert "No strategic assessment has been published yet." in text


class TestCambridgeKeepsItsWords:
    def test_cambridges_sentences_come_from_its_data(self, cambridge, parse, seed_pages) -> None:
        """The Cambridge example's own texts put each of its sentences on its page."""
        index = parse(seed_pages["index.html"])
        text = " ".join(_everything(index).split())
        for sentence in CAMBRIDGE_SENTENCES:
            assert sentence in text, sentence
        plan = parse(seed_pages["plans/plan-2017-18.html"]).find("main").text()
        assert cambridge.texts.priorities in plan

    def test_introduction_then_the_plan_in_force(self, parse, seed_pages) -> None:
        """The introduction's paragraphs follow the key roles; the plan in force follows them."""
        main = parse(seed_pages["index.html"]).find("main")
        paragraphs = [p.text() for p in main.find_all("p")]
        intro = paragraphs.index(
            "These actions are detailed in a document called the Community safety plan."
        )
        assert paragraphs[intro + 1].startswith("In a quickly changing environment, however,")
        # On 1 October 2019 the 2017–18 plan's period is over and no later plan is recorded.
        assert paragraphs[intro + 3] == (
            "The latest plan, Community safety plan 2017–18, came into force on Saturday 1 April "
            "2017 and has expired."
        )


class TestPriorities:
    def test_lead_aims_and_targets_only_when_every_priority_has_them(
        self, cambridge: Partnership
    ) -> None:
        """A priority without targets: the sentence claims lead officers only."""
        plain = attrs.evolve(cambridge, texts=PartnershipTexts())
        priorities = plain.plans[0].priorities
        assert all(p.aims and p.targets for p in priorities)
        assert (
            words.priorities_sentence(plain, priorities)
            == "Each priority has a lead officer, aims and targets."
        )
        without = (attrs.evolve(priorities[0], targets=()), *priorities[1:])
        assert words.priorities_sentence(plain, without) == "Each priority has a lead officer."
        assert words.priorities_sentence(cambridge, without) == cambridge.texts.priorities


class TestPolicyWords:
    @pytest.mark.parametrize(
        ("availability", "expected"),
        [
            (Availability.ON_REQUEST, "Previous plans are available upon request."),
            (Availability.ONLINE, "Previous plans remain available online."),
            (Availability.WITHHELD, None),
        ],
    )
    def test_previous_plans_follow_the_policy(
        self,
        other: Partnership,
        render: Callable[..., dict[str, bytes]],
        parse,
        availability: Availability,
        expected: str | None,
    ) -> None:
        """'Previous plans are available upon request' only where the policy says so."""
        policy = attrs.evolve(other.policy, previous_plans=availability)
        partnership = attrs.evolve(other, policy=policy)
        text = parse(render(partnership, AT)["index.html"]).section("plan").text()
        for sentence in (
            "Previous plans are available upon request.",
            "Previous plans remain available online.",
        ):
            assert (sentence in text) is (sentence == expected), sentence

    def test_one_day_is_singular(self, other: Partnership) -> None:
        """'one clear working day', 'within one working day', 'a month': never '1 days'."""
        policy = attrs.evolve(
            other.policy, clear_working_days=1, minutes_working_days=1, online_months=1
        )
        partnership = attrs.evolve(other, policy=policy)
        law = EXEMPT_INFORMATION[partnership.nation]
        text = " ".join(words.publishing_sentences(partnership, law))
        assert "at least one clear working day before the meeting" in text
        assert "within one working day of" in text
        assert "days" not in text
        assert "They stay online for a month after each meeting" in words.earlier_sentence(
            partnership
        )
