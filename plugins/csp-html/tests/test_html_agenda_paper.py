"""A meeting whose agenda is published as a paper, its items not given in the data: the page
says where the agenda is, not that it has not been published."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from csp_core import load
from tests.data import partnership_header

UTC = dt.UTC

# Thursday 15 January 2026, 10:00 GMT; its agenda, a paper without items in the data, is
# published on Wednesday 7 January at 09:00.
MEETING = """
[[meetings]]
id = "2026-01-15"
body = "board"
title = "Board meeting"
start = 2026-01-15T10:00:00+00:00
announced = 2025-12-01T09:00:00+00:00

[[meetings.documents]]
id = "2026-01-15-agenda"
kind = "agenda"
title = "Agenda and papers"
url = "https://csp.example.org/papers/2026-01-15-agenda.pdf"
published = 2026-01-07T09:00:00+00:00
"""
BEFORE = dt.datetime(2026, 1, 6, 12, tzinfo=UTC)
AFTER = dt.datetime(2026, 1, 8, 12, tzinfo=UTC)
PUBLISHED = "The agenda is published as a paper: see the documents below."
NOT_YET = "The agenda has not been published yet."


def _agenda(tmp_path: Path, render, parse, at: dt.datetime, header: str) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / "partnership.toml"
    path.write_text(header + MEETING, encoding="utf-8")
    page = parse(render(load(path), at)["meetings/2026-01-15.html"])
    return str(page.section("agenda").text())


def test_before_the_paper_the_agenda_is_awaited(tmp_path: Path, render, parse) -> None:  # type: ignore[no-untyped-def]
    text = _agenda(tmp_path, render, parse, BEFORE, partnership_header("Papershire"))
    assert NOT_YET in text
    assert PUBLISHED not in text


def test_once_the_paper_is_out_the_page_says_where(tmp_path: Path, render, parse) -> None:  # type: ignore[no-untyped-def]
    text = _agenda(tmp_path, render, parse, AFTER, partnership_header("Papershire"))
    assert PUBLISHED in text
    assert NOT_YET not in text


def test_in_welsh(tmp_path: Path, render, parse) -> None:  # type: ignore[no-untyped-def]
    header = partnership_header("Papurdref", nation="wales").replace(
        'nation = "wales"', 'nation = "wales"\nlanguages = ["cy"]'
    )
    text = _agenda(tmp_path, render, parse, AFTER, header)
    assert "Cyhoeddwyd yr agenda fel papur: gweler y dogfennau isod." in text
