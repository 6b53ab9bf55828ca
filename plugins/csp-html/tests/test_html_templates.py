"""Branding: a council's own template folder overrides the built-in templates by name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from csp_core import Partnership


class TestOwnTemplates:
    def test_override_one_template_keep_the_rest(
        self, cambridge: Partnership, render, parse, seed_at: dt.datetime, tmp_path: Path
    ) -> None:
        """A folder with only base.html changes every page's layout; other templates stay."""
        (tmp_path / "base.html").write_text(
            (Path(__file__).parents[1] / "src" / "csp_html" / "templates" / "base.html")
            .read_text(encoding="utf-8")
            .replace(
                '<p class="site-name">',
                '<p class="council">Cambridge City Council</p>\n<p class="site-name">',
            ),
            encoding="utf-8",
        )
        files = render(cambridge, seed_at, options={"templates": str(tmp_path)})
        for name, content in files.items():
            if name.endswith(".html"):
                page = parse(content)
                assert page.find("p", class_="council").text() == "Cambridge City Council", name
        index = parse(files["index.html"])
        assert index.section("next-meeting")  # index.html itself is still the built-in one

    def test_override_a_page_with_the_documented_context(
        self, cambridge: Partnership, render, parse, seed_at: dt.datetime, tmp_path: Path
    ) -> None:
        """An index.html of one's own gets the documented variables, filters and macros."""
        (tmp_path / "index.html").write_text(
            """\
{% extends "base.html" %}
{% import "macros.html" as m with context %}
{% block main %}
<h1>{{ partnership.name }}</h1>
{% if next_meeting %}
<p id="next">Next: {{ next_meeting.meeting.start|date_time }}
({{ next_meeting.meeting.start|iso }})</p>
{{ m.meeting_papers(next_meeting) }}
{% endif %}
<p id="members">{{ responsible_authorities|length }} responsible authorities</p>
<p id="home">{{ href("index.html") }}</p>
{% endblock %}
""",
            encoding="utf-8",
        )
        files = render(cambridge, seed_at, options={"templates": str(tmp_path)})
        index = parse(files["index.html"])
        assert index.by_id("next").text() == (
            "Next: Thursday 17 October 2019, 11:15 (2019-10-17T11:15:00+01:00)"
        )
        assert index.by_id("members").text() == "6 responsible authorities"
        assert "Agenda and papers: due by" in index.find("main").text()
        assert "meetings/2019-10-17.html" in files  # other pages still built-in

    def test_own_stylesheet(
        self, cambridge: Partnership, render, seed_at: dt.datetime, tmp_path: Path
    ) -> None:
        """site.css in the folder replaces the built-in stylesheet, copied as it is."""
        css = ":root { --brand: #00205b; }  /* {{ not a template }} */\n"
        (tmp_path / "site.css").write_text(css, encoding="utf-8")
        files = render(cambridge, seed_at, options={"templates": str(tmp_path)})
        assert files["assets/site.css"].decode() == css

    def test_autoescaping_applies_to_own_templates(
        self, cambridge: Partnership, render, seed_at: dt.datetime, tmp_path: Path
    ) -> None:
        """Text printed by a council's template is escaped too."""
        (tmp_path / "index.html").write_text(
            '{% extends "base.html" %}{% block main %}<h1>{{ partnership.name }}</h1>'
            "{% endblock %}",
            encoding="utf-8",
        )
        partnership = attrs.evolve(cambridge, name="<script>alert(1)</script>")
        html = render(partnership, seed_at, options={"templates": str(tmp_path)})["index.html"]
        assert b"<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html
        assert b"<script>alert" not in html

    def test_broken_template_is_reported(
        self, cambridge: Partnership, render, seed_at: dt.datetime, tmp_path: Path
    ) -> None:
        """A syntax error names the template and its line."""
        (tmp_path / "plan.html").write_text(
            '{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n',
            encoding="utf-8",
        )
        with pytest.raises(ValueError, match=r"plan\.html.*line 3"):
            render(cambridge, seed_at, options={"templates": str(tmp_path)})

    def test_misspelt_variable_is_an_error(
        self, cambridge: Partnership, render, seed_at: dt.datetime, tmp_path: Path
    ) -> None:
        """An undefined variable fails the build rather than printing nothing."""
        (tmp_path / "assessment.html").write_text(
            '{% extends "base.html" %}{% block main %}<h1>{{ asessment.title }}</h1>{% endblock %}',
            encoding="utf-8",
        )
        with pytest.raises(ValueError, match="asessment"):
            render(cambridge, seed_at, options={"templates": str(tmp_path)})
