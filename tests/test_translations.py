"""Text in several languages (docs/languages.md): one string, or a map of language to text."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from csp_core import CspError, Text, dump, language_of, load, public_view
from tests.data import partnership_header
from tests.strategies import examples

HEADER = 'languages = ["cy", "en-GB"]\n' + partnership_header("Dyfed", nation="wales")
MEETING = """
[[meetings]]
id = "m"
body = "board"
title = { cy = "Cyfarfod y Bwrdd", en-GB = "Board meeting" }
start = 2025-03-14T10:00:00+00:00
status_note = { cy = "Yn y Neuadd Fawr" }
"""


def _load(tmp_path: Path, text: str = MEETING) -> object:
    path = tmp_path / "partnership.toml"
    path.write_text(HEADER + text, encoding="utf-8")
    return load(path)


def _validate(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "csp_core", "validate", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_map_loads_as_text_in_the_primary_language(tmp_path: Path) -> None:
    partnership = _load(tmp_path)
    title = partnership.meetings[0].title  # type: ignore[attr-defined]
    assert isinstance(title, Text)
    assert title == "Cyfarfod y Bwrdd"
    assert title.lang == "cy"
    assert dict(title.translations) == {"cy": "Cyfarfod y Bwrdd", "en-GB": "Board meeting"}
    assert language_of("plain") is None


@pytest.mark.parametrize("writer", ["json", "yaml"])
def test_dump_round_trips(tmp_path: Path, writer: str) -> None:
    partnership = _load(tmp_path)
    data = dump(partnership)  # type: ignore[arg-type]
    assert data["meetings"][0]["title"] == {"cy": "Cyfarfod y Bwrdd", "en-GB": "Board meeting"}
    out = tmp_path / f"again.{writer}"
    text = json.dumps(data) if writer == "json" else yaml.safe_dump(data, allow_unicode=True)
    out.write_text(text, encoding="utf-8")
    assert load(out) == partnership


@pytest.mark.parametrize(
    ("title", "problem"),
    [
        ('{ fr = "Réunion" }', r"meetings\[0\]\.title\.fr: 'fr' is not one of the partnership's"),
        ('{ cy = "" }', r"meetings\[0\]\.title\.cy: must not be empty"),
        ("{ cy = 3 }", r"meetings\[0\]\.title\.cy: expected text"),
        ("{}", r"meetings\[0\]\.title: give the text, or a table of it by language"),
    ],
)
def test_bad_maps_are_refused(tmp_path: Path, title: str, problem: str) -> None:
    with pytest.raises(CspError, match=problem):
        _load(
            tmp_path, MEETING.replace('{ cy = "Cyfarfod y Bwrdd", en-GB = "Board meeting" }', title)
        )


def test_fields_that_are_not_text_take_no_map(tmp_path: Path) -> None:
    with pytest.raises(CspError, match=r"meetings\[0\]\.id"):
        _load(tmp_path, MEETING.replace('id = "m"', 'id = { cy = "m" }'))


def test_validate_warns_about_a_missing_translation(tmp_path: Path) -> None:
    _load(tmp_path)
    done = _validate(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "meetings[0].status_note: warning: no text in en-GB" in done.stdout
    assert "meetings[0].title" not in done.stdout


def test_the_view_in_each_language_marks_a_fallback(tmp_path: Path) -> None:
    partnership = _load(tmp_path)
    at = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    english = public_view(partnership, at, "en-GB").partnership.meetings[0]  # type: ignore[arg-type]
    welsh = public_view(partnership, at).partnership.meetings[0]  # type: ignore[arg-type]
    assert (english.title, language_of(english.title)) == ("Board meeting", "en-GB")
    assert (welsh.title, language_of(welsh.title)) == ("Cyfarfod y Bwrdd", "cy")
    # No English text: the English view shows the Welsh one, marked as Welsh.
    assert english.status_note is not None
    assert (english.status_note, language_of(english.status_note)) == ("Yn y Neuadd Fawr", "cy")


def test_text_pickles_and_compares() -> None:
    text = Text({"cy": "Bwrdd", "en-GB": "Board"}, "cy")
    assert pickle.loads(pickle.dumps(text)) == text  # noqa: S301 - our own object
    assert text.in_language("en-GB", ("cy", "en-GB")) == "Board"
    assert text != Text({"cy": "Bwrdd", "en-GB": "Board"}, "en-GB")
    assert text == "Bwrdd"


_words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1).filter(
    lambda word: word.strip() == word and word.strip()
)


@examples(50)
@given(translations=st.dictionaries(st.sampled_from(["cy", "en-GB"]), _words, min_size=1))
def test_any_map_round_trips(
    tmp_path_factory: pytest.TempPathFactory, translations: dict[str, str]
) -> None:
    folder = tmp_path_factory.mktemp("round")
    title = (
        "{ "
        + ", ".join(
            f"{key} = {json.dumps(value, ensure_ascii=False)}"
            for key, value in translations.items()
        )
        + " }"
    )
    partnership = _load(
        folder, MEETING.replace('{ cy = "Cyfarfod y Bwrdd", en-GB = "Board meeting" }', title)
    )
    out = folder / "again.json"
    out.write_text(json.dumps(dump(partnership)), encoding="utf-8")  # type: ignore[arg-type]
    again = load(out)
    assert again == partnership
    assert dict(again.meetings[0].title.translations) == {  # type: ignore[attr-defined]
        tag: translations[tag] for tag in ("cy", "en-GB") if tag in translations
    }


def test_a_plain_string_is_in_the_primary_language(tmp_path: Path) -> None:
    """In the English view of a Welsh-first partnership, a plain string is marked as Welsh."""
    partnership = _load(tmp_path)
    at = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    english = public_view(partnership, at, "en-GB").partnership  # type: ignore[arg-type]
    welsh = public_view(partnership, at).partnership  # type: ignore[arg-type]
    assert language_of(english.area) == "cy"
    assert language_of(welsh.area) is None
    assert english.area == welsh.area == "Dyfed"
    assert language_of(english.id) is None  # an id is not text


def test_validate_offers_welsh_in_wales(tmp_path: Path) -> None:
    path = tmp_path / "partnership.toml"
    path.write_text(partnership_header("Dyfed", nation="wales"), encoding="utf-8")
    done = _validate(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "languages: warning: public bodies in Wales publish in Welsh and English" in done.stdout
    path.write_text(partnership_header("Testshire"), encoding="utf-8")
    done = _validate(tmp_path)
    assert "warning" not in done.stdout
