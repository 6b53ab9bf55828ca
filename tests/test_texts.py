"""`[texts]`: the partnership's own words, optional, loaded and checked like every other field."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_core import DataError, InvalidModel, Partnership, PartnershipTexts, Text, dump, load
from tests.data import partnership_header

TEXTS = """
[texts]
plan_name = "Community Safety Strategy"
assessment_name = "Community Safety Needs Assessment"
introduction = ["Safer Haringey brings the borough's agencies together.", "A second paragraph."]
priorities = "Each priority has a lead from one of the agencies."
meetings = ["Every meeting of the board is open to the public."]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "partnership.toml"
    path.write_text(partnership_header("London Borough of Haringey") + text, encoding="utf-8")
    return path


def test_texts_are_optional(tmp_path: Path) -> None:
    """Without `[texts]` every field is empty: the pages fall back to neutral wording."""
    partnership = load(_write(tmp_path, ""))
    assert partnership.texts == PartnershipTexts()


def test_texts_load_as_written(tmp_path: Path) -> None:
    """Each field reads back as written, paragraphs in order, and dumps back the same."""
    partnership = load(_write(tmp_path, TEXTS))
    texts = partnership.texts
    assert texts.plan_name == "Community Safety Strategy"
    assert texts.assessment_name == "Community Safety Needs Assessment"
    assert texts.introduction == (
        "Safer Haringey brings the borough's agencies together.",
        "A second paragraph.",
    )
    assert texts.plan == ()
    assert texts.priorities == "Each priority has a lead from one of the agencies."
    assert texts.meetings == ("Every meeting of the board is open to the public.",)
    assert dump(partnership)["texts"]["plan_name"] == "Community Safety Strategy"


def test_blank_and_unknown_fields_are_reported(tmp_path: Path) -> None:
    """A misspelt field, then blank texts, are each reported at their path."""
    with pytest.raises(DataError) as caught:
        load(_write(tmp_path, '\n[texts]\nintro = ["x"]\n'))
    assert "texts.intro: unknown field" in str(caught.value)
    with pytest.raises(DataError) as caught:
        load(_write(tmp_path, '\n[texts]\nplan_name = " "\n'))
    assert "texts.plan_name: must not be empty" in str(caught.value)
    with pytest.raises(DataError) as caught:
        load(_write(tmp_path, '\n[texts]\nmembers = ["Our members.", ""]\n'))
    assert "texts.members[1]: must not be empty" in str(caught.value)


def test_the_model_refuses_blank_text() -> None:
    """Built in Python, the same rule."""
    with pytest.raises(InvalidModel):
        PartnershipTexts(priorities="")


def test_cambridge_gives_its_own_words(cambridge: Partnership) -> None:
    """The example keeps the seed page's sentences as its data, not the publisher's."""
    texts = cambridge.texts
    assert texts.introduction[0] == (
        "These actions are detailed in a document called the Community safety plan."
    )
    assert texts.meetings == (
        "The majority of meetings of the partnership are open to the general public.",
    )
    assert texts.plan_name is None
    assert texts.assessment_name is None


@given(st.text())
def test_clean_fast_case_is_the_rule(value: str) -> None:
    """``clean`` returns printable text untouched and applies the rule to everything else."""
    from csp_core.text import _LINE_BREAK, FORBIDDEN, clean

    assert clean(value) == FORBIDDEN.sub("\ufffd", _LINE_BREAK.sub("\n", value))
    # Always a plain str, even for a text of the data (a Text, which carries its language).
    assert type(clean(Text({"cy": value}, "cy"))) is str
