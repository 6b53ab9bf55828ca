"""The html publisher as csp-core sees it: registration, outputs, options, determinism."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from csp_core import BuildContext, OptionError, Publisher, parse_options, public_view
from csp_core.cli import main
from csp_core.plugins import publishers

from csp_html import HtmlPublisher

from .conftest import EXAMPLE


class TestRegistration:
    def test_found_through_its_entry_point(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The publisher is registered through the csp_core entry-point group, as `html`."""
        monkeypatch.setenv("CSP_LOAD_PLUGINS", "html")
        registered = publishers()
        assert "html" in registered

    def test_satisfies_the_protocol(self) -> None:
        """It declares a name, description, outputs and options, and renders."""
        publisher = HtmlPublisher()
        assert isinstance(publisher, Publisher)
        assert publisher.name == "html"
        assert publisher.description
        assert publisher.outputs == (
            "index.html",
            "meetings/{meeting}.html",
            "plans/{plan}.html",
            "assessments/{assessment}.html",
            "assets/site.css",
        )
        names = [option.name for option in publisher.options]
        assert names[0] == "templates"
        assert {o.name: o.default for o in publisher.options}["templates"] == ""
        assert all(option.help for option in publisher.options)

    def test_csp_plugins_lists_it(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`csp plugins` names the publisher, its outputs and options."""
        monkeypatch.setenv("CSP_LOAD_PLUGINS", "html")
        assert main(["plugins"]) == 0
        out = capsys.readouterr().out
        assert "html" in out
        assert "meetings/{meeting}.html" in out
        assert "templates" in out


class TestOutputs:
    def test_one_page_per_meeting_plan_and_assessment(
        self, cambridge, seed_pages: dict[str, bytes]
    ) -> None:
        """index.html, the stylesheet, and a page for every public meeting, plan, assessment."""
        expected = {"index.html", "assets/site.css"}
        expected |= {f"meetings/{m.id}.html" for m in cambridge.meetings if m.public}
        expected |= {f"plans/{p.id}.html" for p in cambridge.plans}
        expected |= {f"assessments/{a.id}.html" for a in cambridge.assessments}
        assert set(seed_pages) == expected

    def test_media_types(self, cambridge, seed_at: dt.datetime) -> None:
        """Pages are served as UTF-8 HTML, the stylesheet as CSS; each page counts one item."""
        publisher = HtmlPublisher()
        context = BuildContext(
            view=public_view(cambridge, seed_at), options=parse_options(publisher, {})
        )
        files = list(publisher.render(context))
        assert files
        for file in files:
            if file.path.endswith(".html"):
                assert file.media_type == "text/html; charset=utf-8"
                assert file.items == 1
            else:
                assert file.media_type == "text/css; charset=utf-8"

    def test_same_input_same_bytes(self, cambridge, render, seed_at: dt.datetime) -> None:
        """Rendering twice gives byte-identical files: no build time, no randomness."""
        first = render(cambridge, seed_at, base_url="https://csp.example.org/")
        second = render(cambridge, seed_at, base_url="https://csp.example.org/")
        assert first == second

    def test_the_instant_shown_is_the_views(
        self, cambridge, render, parse, seed_at: dt.datetime
    ) -> None:
        """'As it stood' names the view's instant in the partnership's zone, not the clock."""
        page = parse(render(cambridge, seed_at)["index.html"])
        footer = page.find("footer")
        assert "Tuesday 1 October 2019, 09:00" in footer.text()
        assert footer.find("time").attrs["datetime"] == "2019-10-01T09:00:00+01:00"

    def test_csp_build_writes_the_site(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`csp build --only html` writes the pages into the output folder."""
        monkeypatch.setenv("CSP_LOAD_PLUGINS", "html")
        out = tmp_path / "site"
        code = main(
            ["build", str(EXAMPLE), "--out", str(out), "--at", "2019-10-01T09:00", "--only", "html"]
        )
        assert code == 0
        assert (out / "index.html").is_file()
        assert (out / "meetings" / "2019-10-17.html").is_file()
        assert (out / "assets" / "site.css").is_file()


class TestOptions:
    @pytest.mark.parametrize("name", ["calendars", "feeds", "map_links", "deadlines_calendar"])
    def test_a_flag_must_be_true_or_false(
        self, cambridge, render, seed_at: dt.datetime, name: str
    ) -> None:
        """A flag that is neither true nor false is refused by the core, naming the option."""
        with pytest.raises(OptionError, match=name) as raised:
            render(cambridge, seed_at, options={name: "sometimes"})
        assert raised.value.publisher == "html"
        assert raised.value.option == name

    def test_templates_must_be_a_folder(
        self, cambridge, render, seed_at: dt.datetime, tmp_path: Path
    ) -> None:
        """A templates option naming no folder is refused before anything renders."""
        with pytest.raises(OptionError, match="is not a folder"):
            render(cambridge, seed_at, options={"templates": str(tmp_path / "missing")})

    def test_options_arrive_typed(self, cambridge, seed_at: dt.datetime, tmp_path: Path) -> None:
        """The publisher reads typed values: a folder path, and booleans from any spelling."""
        from csp_html.options import HtmlOptions

        view = public_view(cambridge, seed_at)
        publisher = HtmlPublisher()
        given = {"templates": str(tmp_path), "calendars": "No", "feeds": "off", "map_links": "0"}
        options = HtmlOptions.of(BuildContext(view=view, options=parse_options(publisher, given)))
        assert options.templates == tmp_path
        assert (options.calendars, options.feeds, options.map_links) == (False, False, False)
        assert options.deadlines_calendar is True
        defaults = HtmlOptions.of(BuildContext(view=view))
        assert defaults.templates is None
        assert (defaults.calendars, defaults.feeds, defaults.map_links) == (True, True, True)

    def test_links_to_other_publishers_can_be_left_out(
        self, cambridge, render, parse, seed_at: dt.datetime
    ) -> None:
        """With calendars, feeds and map links off, no page links to them."""
        files = render(
            cambridge,
            seed_at,
            base_url="https://csp.example.org/",
            options={"calendars": "false", "feeds": "no", "map_links": "false"},
        )
        for name, content in files.items():
            if not name.endswith(".html"):
                continue
            text = content.decode()
            assert ".ics" not in text, name
            assert "feeds/" not in text, name
            assert "openstreetmap" not in text, name
            assert 'rel="alternate"' not in text, name

    @pytest.mark.parametrize(
        ("given", "named", "reason"),
        [
            ("html.calendars=maybe", "html.calendars", "'maybe' is not true or false"),
            ("html.templates=/nonexistent", "html.templates", "'/nonexistent' is not a folder"),
        ],
    )
    def test_a_bad_value_stops_csp_build_before_anything_is_written(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        given: str,
        named: str,
        reason: str,
    ) -> None:
        """`csp build --option` with a bad value exits 2, naming publisher and option; no file."""
        out = tmp_path / "out"
        at = "2019-10-01T09:00"
        code = main(["build", str(EXAMPLE), "--out", str(out), "--at", at, "--option", given])
        captured = capsys.readouterr()
        assert code == 2
        assert named in captured.err
        assert reason in captured.err
        assert "Traceback" not in captured.err
        assert not out.exists() or not any(out.rglob("*"))
