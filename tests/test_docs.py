"""The docs are tested: their Python samples run, and the data-file reference is complete."""

from __future__ import annotations

import os
import re
from pathlib import Path

import attrs
import pytest

from csp_core import model

ROOT = Path(__file__).parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_PYTHON = re.compile(r"```python\n(.*?)```", re.DOTALL)

#: Which section of docs/data-files.md documents each class's fields.
SECTIONS: dict[type, str] = {
    model.Partnership: "Partnership",
    model.Contact: "Contact",
    model.PartnershipTexts: "Texts",
    model.Body: "Bodies",
    model.Chair: "Bodies",
    model.Agency: "Agencies and memberships",
    model.Membership: "Agencies and memberships",
    model.CommunitySafetyPlan: "Plans",
    model.Period: "Plans",
    model.Priority: "Plans",
    model.LeadOfficer: "Plans",
    model.Target: "Plans",
    model.Reading: "Plans",
    model.StrategicAssessment: "Strategic assessments",
    model.Recommendation: "Strategic assessments",
    model.AnnualReview: "Annual reviews",
    model.Meeting: "Meetings",
    model.Venue: "Meetings",
    model.MeetingChange: "Meetings",
    model.Coordinates: "Meetings",
    model.Questions: "Meetings",
    model.Online: "Meetings",
    model.AgendaItem: "Meetings",
    model.MeetingRecord: "The record of a meeting",
    model.Attendee: "The record of a meeting",
    model.Declaration: "The record of a meeting",
    model.Decision: "The record of a meeting",
    model.Votes: "The record of a meeting",
    model.Action: "Actions",
    model.ActionUpdate: "Actions",
    model.Series: "Repeating series",
    model.Occurrence: "Repeating series",
    model.SeriesLink: "Repeating series",
    model.Document: "Documents",
    model.Revision: "Documents",
}


def _samples() -> list[tuple[str, str]]:
    return [
        (f"{page.relative_to(ROOT)}#{index}", code)
        for page in PAGES
        for index, code in enumerate(_PYTHON.findall(page.read_text(encoding="utf-8")))
    ]


def _section(title: str) -> str:
    text = (ROOT / "docs" / "data-files.md").read_text(encoding="utf-8")
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.DOTALL | re.MULTILINE)
    assert found, f"docs/data-files.md has no section '## {title}'"
    return found[1]


class TestDocs:
    @pytest.mark.parametrize(("where", "code"), _samples())
    def test_python_samples_run(
        self, where: str, code: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Every ```python block in the README and docs runs from the repository root."""
        monkeypatch.chdir(ROOT)
        exec(compile(code, where, "exec"), {"__name__": "__docs__"})  # noqa: S102

    @pytest.mark.parametrize("cls", list(SECTIONS), ids=lambda cls: cls.__name__)
    def test_every_field_is_documented(self, cls: type) -> None:
        """Each field a data file may hold is named in its section of docs/data-files.md."""
        section = _section(SECTIONS[cls])
        missing = [f.name for f in attrs.fields(cls) if f"`{f.name}`" not in section]
        assert not missing, f"{cls.__name__}: {missing} not in '## {SECTIONS[cls]}'"

    def test_every_policy_field_is_documented(self) -> None:
        """Each [policy] field is in the policy table of docs/rules.md."""
        text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
        table = text.split("## The policy", 1)[1].split("\n## ", 1)[0]
        missing = [
            f.name for f in attrs.fields(model.PublicationPolicy) if f"| `{f.name}` |" not in table
        ]
        assert not missing

    def test_every_model_class_has_a_section(self) -> None:
        """No class that data files can hold is left out of the reference."""
        classes = {
            obj
            for name in model.__all__
            if attrs.has(obj := getattr(model, name))
            # The policy has its own table in rules.md; the law's table is not in data files.
            and obj not in {model.PublicationPolicy, model.ExemptInformation, model.AccessLaw}
        }
        assert classes == set(SECTIONS)

    def test_readme_names_both_commands(self) -> None:
        """The README shows the main command and the test command that .ci/run runs."""
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
        commands = re.findall(r"^(python3 -m venv .*)$", readme, re.MULTILINE)
        assert len(commands) == 2
        for command in commands:
            assert command in ci
        assert os.access(ROOT / ".ci" / "run", os.X_OK)
