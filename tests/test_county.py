"""Many partnerships in one build (a county): `csp build A B`, a folder of partnerships,
`csp_core.build_many`, `--jobs` (see docs/county.md)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import csp_core
from csp_core import Partnership, build_many, load, load_many
from csp_core.build import MANIFEST, build
from csp_core.cli import main
from csp_core.errors import BuildError, DataError
from csp_core.plugins import Registered, publishers
from csp_core.publishing import BuildContext, Option, OutputFile
from tests.data import CAMBRIDGE
from tests.strategies import partnerships

ROOT = Path(__file__).resolve().parents[1]
WALES = ROOT / "examples" / "conwy-denbighshire"
# An instant both examples have public meetings around: Conwy and Denbighshire's year of
# meetings runs from May 2025, Cambridge's ended in 2020 (its papers are still public).
AT = dt.datetime(2025, 10, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=1)))
AT_TEXT = "2025-10-01T09:00"


def _files(out: Path) -> dict[str, bytes]:
    """Every file under ``out`` (the manifest too), by relative path."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def examples() -> list[Partnership]:
    return [load(CAMBRIDGE), load(WALES)]


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A county folder: the two examples, each in a folder of its own, and a folder of notes."""
    folder = tmp_path_factory.mktemp("county") / "county"
    folder.mkdir()
    shutil.copytree(CAMBRIDGE, folder / "cambridge")
    shutil.copytree(WALES, folder / "conwy-denbighshire")
    (folder / "notes").mkdir()  # not a partnership: left alone
    (folder / "notes" / "readme.txt").write_text("the county's own notes\n")
    (folder / "README.md").write_text("# The county\n")
    return folder


class TestOutputs:
    def test_each_under_its_id_as_if_alone(
        self, examples: list[Partnership], tmp_path: Path
    ) -> None:
        """Each partnership's files are exactly its own build's, under its id."""
        result = build_many(examples, tmp_path / "county", AT)
        assert result.ok, result.failures
        together = _files(tmp_path / "county")
        # At the top besides: the combined files (csp-ical's county calendar, csp-rss's county
        # feeds, csp-html's county index page and its stylesheet, in each language).
        assert {path.split("/")[0] for path in together} == {
            "cambridge",
            "conwy-denbighshire",
            MANIFEST,
            "calendar.ics",
            "feeds",
            "index.html",
            "assets",
            "cy",
        }
        assert {path for path in together if path.startswith("cy/")} == {
            "cy/calendar.ics",
            "cy/feeds/atom.xml",
            "cy/feeds/rss.xml",
            "cy/index.html",
            "cy/assets/site.css",
        }
        for partnership in examples:
            alone = tmp_path / partnership.id
            assert build(partnership, alone, AT).ok
            mine = {
                path.removeprefix(f"{partnership.id}/"): data
                for path, data in together.items()
                if path.startswith(f"{partnership.id}/")
            }
            theirs = _files(alone)
            theirs.pop(MANIFEST)
            assert mine == theirs
        # Welsh first in Conwy and Denbighshire: its English is under its own en-gb/.
        assert "conwy-denbighshire/en-gb/calendar.ics" in together
        manifest = json.loads(together[MANIFEST])
        assert "cambridge/calendar.ics" in manifest["files"]["ical"]

    def test_order_given_does_not_matter(self, examples: list[Partnership], tmp_path: Path) -> None:
        build_many(examples, tmp_path / "a", AT)
        build_many(list(reversed(examples)), tmp_path / "b", AT)
        assert _files(tmp_path / "a") == _files(tmp_path / "b")

    def test_base_url_gives_each_its_folder(
        self, examples: list[Partnership], tmp_path: Path
    ) -> None:
        """With a base address, each partnership is served from it and its id; without one,
        from its own site."""
        result = build_many(examples, tmp_path / "out", AT, base_url="https://county.example")
        assert result.base_url == "https://county.example/"
        feed = (tmp_path / "out" / "cambridge" / "feeds" / "rss.xml").read_text()
        assert "https://county.example/cambridge/feeds/rss.xml" in feed
        assert "cambridge-csp.example.org" not in feed.split("<item>")[0]
        build_many(examples, tmp_path / "own", AT)
        feed = (tmp_path / "own" / "cambridge" / "feeds" / "rss.xml").read_text()
        assert "https://cambridge-csp.example.org/feeds/rss.xml" in feed

    def test_no_address_warns_per_partnership(
        self, examples: list[Partnership], tmp_path: Path
    ) -> None:
        bare = [attrs.evolve(partnership, site=None) for partnership in examples]
        result = build_many(bare, tmp_path / "out", AT, only=["rss"])
        assert len(result.warnings) == 2
        assert str(tmp_path / "out" / "cambridge") in result.warnings[0]

    def test_rebuild_removes_a_partnership_left_out(
        self, examples: list[Partnership], tmp_path: Path
    ) -> None:
        """Building the set without one partnership removes that one's files (made by the same
        publishers), and keeps files no publisher made."""
        out = tmp_path / "out"
        build_many(examples, out, AT, only=["ical"])
        (out / "robots.txt").write_text("User-agent: *\n")
        result = build_many(examples[:1], out, AT, only=["ical"])
        assert "conwy-denbighshire/calendar.ics" in result.removed
        assert not (out / "conwy-denbighshire").exists()
        assert (out / "cambridge" / "calendar.ics").is_file()
        assert (out / "robots.txt").read_text() == "User-agent: *\n"

    def test_a_failing_publisher_keeps_its_files(
        self, examples: list[Partnership], tmp_path: Path
    ) -> None:
        """A publisher that raises for one partnership keeps every file it made last time (for
        the whole set); the other publishers are written."""
        out = tmp_path / "out"
        build_many(examples, out, AT, registry=_registry(Named()))
        before = _files(out)
        later = AT + dt.timedelta(days=1)
        result = build_many(
            examples, out, later, registry=_registry(Named(fails="cambridge"), Named(name="other"))
        )
        assert [(f.publisher, "'cambridge'" in f.message) for f in result.failures] == [
            ("named", True)
        ]
        after = _files(out)
        assert after["cambridge/named.txt"] == before["cambridge/named.txt"]
        assert after["conwy-denbighshire/named.txt"] == before["conwy-denbighshire/named.txt"]
        assert after["cambridge/other.txt"] == b"cambridge at 2025-10-02T09:00:00+01:00"

    def test_previous_files_are_each_partnerships_own(
        self, examples: list[Partnership], tmp_path: Path
    ) -> None:
        """A publisher is given the files it made last time for the same partnership, at the
        paths it wrote them (without the partnership's folder)."""
        out = tmp_path / "out"
        build_many(examples, out, AT, registry=_registry(Named()))
        seen: dict[str, dict[str, bytes]] = {}
        build_many(examples, out, AT, registry=_registry(Named(seen=seen)))
        assert seen == {
            "cambridge": {"named.txt": b"cambridge at 2025-10-01T09:00:00+01:00"},
            "conwy-denbighshire": {
                "named.txt": b"conwy-denbighshire at 2025-10-01T09:00:00+01:00",
                "en-gb/named.txt": b"conwy-denbighshire at 2025-10-01T09:00:00+01:00",
            },
        }


@attrs.frozen
class Named:
    """A publisher writing the partnership's id and the instant; may fail for one id."""

    name: str = "named"
    fails: str | None = None
    seen: dict[str, dict[str, bytes]] | None = attrs.field(default=None, eq=False)
    extra: object = attrs.field(default=None, eq=False)
    """Anything; a function here (a lambda) makes the publisher impossible to pickle."""
    description: str = "the partnership's id"
    outputs: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()

    def render(self, context: BuildContext) -> Iterable[OutputFile]:
        partnership = context.view.partnership
        if partnership.id == self.fails:
            raise RuntimeError(partnership.id)
        if self.seen is not None:
            self.seen.setdefault(partnership.id, {}).update(
                {context.prefix + path: data for path, data in context.previous.items()}
            )
        text = f"{partnership.id} at {context.view.at.isoformat()}"
        yield OutputFile(path=f"{self.name}.txt", content=text.encode(), media_type="text/plain")


def _registry(*entries: Named) -> dict[str, Registered]:
    return {
        e.name: Registered(publisher=e, plugin=f"{e.name}-plugin", version="1") for e in entries
    }


class TestRefusals:
    def test_same_id_twice(self, examples: list[Partnership], tmp_path: Path) -> None:
        with pytest.raises(BuildError, match="'cambridge'"):
            build_many([examples[0], examples[0]], tmp_path / "out", AT)
        assert not (tmp_path / "out").exists()

    @pytest.mark.parametrize("jobs", [0, -1, True, 1.5])
    def test_jobs_must_be_a_whole_number(
        self, examples: list[Partnership], tmp_path: Path, jobs: object
    ) -> None:
        with pytest.raises(BuildError, match="jobs"):
            build_many(examples, tmp_path / "out", AT, jobs=jobs)  # type: ignore[arg-type]

    def test_out_inside_a_source(self, examples: list[Partnership], county: Path) -> None:
        with pytest.raises(BuildError, match="inside the data folder"):
            build_many(examples, county / "out", AT, sources=[county])
        assert not (county / "out").exists()

    def test_load_many_reports_every_partnership(self, tmp_path: Path) -> None:
        """Problems in two partnerships are all reported, each with its file and field."""
        folder = _bad_county(tmp_path)
        with pytest.raises(DataError) as caught:
            load_many([folder])
        shown = [str(problem) for problem in caught.value.problems]
        assert any(
            line.startswith(str(folder / "a" / "partnership.toml")) and "timezone" in line
            for line in shown
        ), shown
        assert any(
            line.startswith(str(folder / "b" / "partnership.toml")) and "nation" in line
            for line in shown
        ), shown


def _bad_county(tmp_path: Path) -> Path:
    """A county of three partnerships: a good one, and two with a bad field each."""
    folder = tmp_path / "bad-county"
    folder.mkdir()
    text = (CAMBRIDGE / "partnership.toml").read_text()
    for name, old, new in [
        ("a", 'timezone = "Europe/London"', 'timezone = "Europe/Lundon"'),
        ("b", 'nation = "england"', 'nation = "atlantis"'),
        ("c", "", ""),
    ]:
        shutil.copytree(CAMBRIDGE, folder / name)
        assert old in text
        changed = text.replace(old, new).replace('id = "cambridge"', f'id = "{name}"', 1)
        (folder / name / "partnership.toml").write_text(changed)
    return folder


class TestCommandLine:
    def test_two_folders(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        out = tmp_path / "out"
        code = main(["build", str(CAMBRIDGE), str(WALES), "--out", str(out), "--at", AT_TEXT])
        assert code == 0, capsys.readouterr().err
        assert (out / "cambridge" / "calendar.ics").is_file()
        assert (out / "conwy-denbighshire" / "index.html").is_file()
        assert f"wrote {out / 'cambridge' / 'calendar.ics'}" in capsys.readouterr().out

    def test_a_county_folder_is_its_partnerships(self, county: Path, tmp_path: Path) -> None:
        """A folder of partnership folders builds as the folders named one by one."""
        at = ["--at", AT_TEXT]
        assert main(["build", str(county), "--out", str(tmp_path / "a"), *at]) == 0
        named = [str(county / "conwy-denbighshire"), str(county / "cambridge")]
        assert main(["build", *named, "--out", str(tmp_path / "b"), *at]) == 0
        assert _files(tmp_path / "a") == _files(tmp_path / "b")
        assert not (tmp_path / "a" / "notes").exists()

    def test_one_partnership_has_no_prefix(self, tmp_path: Path) -> None:
        """One partnership builds as it always has: at the top of the output folder."""
        out = tmp_path / "out"
        assert main(["build", str(CAMBRIDGE), "--out", str(out), "--at", AT_TEXT]) == 0
        assert (out / "calendar.ics").is_file()
        assert not (out / "cambridge").exists()

    def test_a_folder_with_neither(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        empty = tmp_path / "empty"
        (empty / "sub").mkdir(parents=True)
        out = tmp_path / "out"
        assert main(["build", str(empty), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert f"{empty}: no partnership.toml (or .json, .yaml) here, nor in any folder" in err
        assert not out.exists()

    def test_same_id_names_both_files(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        copy = tmp_path / "copy"
        shutil.copytree(CAMBRIDGE, copy)
        out = tmp_path / "out"
        assert main(["build", str(CAMBRIDGE), str(copy), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        line = err.splitlines()[0]
        # In order of the paths given: the copy is the second 'cambridge'.
        assert line.startswith(f"{copy / 'partnership.toml'}: id: 'cambridge' is also the id")
        assert str(CAMBRIDGE / "partnership.toml") in line
        assert not out.exists()

    def test_bad_data_writes_nothing(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Bad data in any partnership: exit 2, each problem with its file and field, and the
        previous output unchanged."""
        folder = _bad_county(tmp_path)
        out = tmp_path / "out"
        assert main(["build", str(CAMBRIDGE), "--out", str(out), "--at", AT_TEXT]) == 0
        before = _files(out)
        capsys.readouterr()
        assert main(["build", str(folder), "--out", str(out), "--at", AT_TEXT]) == 2
        err = capsys.readouterr().err
        assert f"{folder / 'a' / 'partnership.toml'}: timezone: " in err
        assert f"{folder / 'b' / 'partnership.toml'}: nation: " in err
        assert "nothing done" in err
        assert _files(out) == before

    def test_jobs(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        at = ["--at", AT_TEXT]
        both = [str(CAMBRIDGE), str(WALES)]
        assert main(["build", *both, "--out", str(tmp_path / "a"), *at]) == 0
        assert main(["build", *both, "--out", str(tmp_path / "b"), "--jobs", "2", *at]) == 0
        assert main(["build", *both, "--out", str(tmp_path / "c"), "--jobs", "auto", *at]) == 0
        assert _files(tmp_path / "a") == _files(tmp_path / "b") == _files(tmp_path / "c")
        capsys.readouterr()
        with pytest.raises(SystemExit) as caught:
            main(["build", *both, "--out", str(tmp_path / "d"), "--jobs", "0"])
        assert caught.value.code == 2
        assert "--jobs: '0' is not a whole number of 1 or more" in capsys.readouterr().err


class TestJobs:
    @settings(
        max_examples=3,
        deadline=None,
        phases=[Phase.explicit, Phase.reuse, Phase.generate],  # each example starts processes
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        members=st.lists(partnerships(), min_size=3, max_size=4, unique_by=lambda p: p.id),
        days=st.integers(-2000, 2000),
    )
    def test_serial_and_parallel_are_byte_identical(
        self, members: list[Partnership], days: int, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        """A generated county built serially and with two processes: the same bytes, every
        file (the manifest too)."""
        at = dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC) + dt.timedelta(days=days)
        root = tmp_path_factory.mktemp("jobs")
        serial = build_many(members, root / "serial", at, base_url="https://county.example/")
        parallel = build_many(
            members, root / "parallel", at, base_url="https://county.example/", jobs=2
        )
        assert attrs.evolve(serial, out=parallel.out) == parallel
        files = _files(root / "serial")
        assert files == _files(root / "parallel")
        ids = {p.id for p in members}
        # Besides each partnership's folder: the county calendar, feeds (a base address is
        # given) and index page with its stylesheet, in each language of the set.
        combined = {path for path in files if path.split("/")[0] not in ids | {MANIFEST}}
        names = {path.rpartition("/")[2] for path in combined}
        assert names <= {"calendar.ics", "rss.xml", "atom.xml", "index.html", "site.css"}
        assert {"calendar.ics", "index.html"} <= combined

    def test_publishers_that_cannot_be_sent_render_here(
        self, examples: list[Partnership], tmp_path: Path
    ) -> None:
        """A registry of publishers another process cannot be given (not installed, not
        picklable) is rendered in this process, with the same result."""
        seen: dict[str, dict[str, bytes]] = {}
        registry = _registry(Named(seen=seen, extra=lambda: None))
        build_many(examples, tmp_path / "a", AT, registry=registry, jobs=2)
        build_many(examples, tmp_path / "b", AT, registry=registry)
        assert _files(tmp_path / "a") == _files(tmp_path / "b")
        build_many(examples, tmp_path / "a", AT, registry=registry, jobs=2)
        assert set(seen) == {"cambridge", "conwy-denbighshire"}  # rendered in this process

    def test_installed_publishers_are_loaded_again_in_workers(
        self, examples: list[Partnership], tmp_path: Path
    ) -> None:
        """The installed publishers cannot be pickled (their options hold functions): each
        worker loads the plugins itself and runs the same ones."""
        registry = publishers()
        build_many(examples, tmp_path / "a", AT, registry=registry, jobs=2)
        build_many(examples, tmp_path / "b", AT, registry=registry)
        assert _files(tmp_path / "a") == _files(tmp_path / "b")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("step", ["copied", "writing", "written", "exchanged"])
def test_killed_county_build(step: str, tmp_path: Path) -> None:
    """A county build killed at any step leaves the previous complete output or the new one."""
    paths = [str(CAMBRIDGE), str(WALES)]
    out = tmp_path / "out"
    env = {**os.environ, "CSP_LOAD_PLUGINS": "ical,rss,html"}

    def command(at: str, where: Path = out) -> list[str]:
        return [sys.executable, "-m", "csp_core", "build", *paths, "--out", str(where), "--at", at]

    subprocess.run(command("2025-09-01T09:00"), check=True, env=env, capture_output=True)
    old = _files(out)
    reference = command("2025-11-01T09:00", tmp_path / "reference")
    subprocess.run(reference, check=True, env=env, capture_output=True)
    new = _files(tmp_path / "reference")
    assert old != new
    process = subprocess.Popen(
        command("2025-11-01T09:00"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**env, "CSP_BUILD_PAUSE_AT": step},
    )
    assert process.stderr is not None
    for line in process.stderr:
        if line == f"csp-build-step: {step}\n":
            break
    _, status = os.waitpid(process.pid, os.WUNTRACED)
    assert os.WIFSTOPPED(status)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    process.stderr.close()
    assert _files(out) == (new if step == "exchanged" else old)


def test_exported() -> None:
    assert {"build_many", "load_many", "BuildResult"} <= set(csp_core.__all__)


@attrs.frozen(kw_only=True)
class Combining(Named):
    """A publisher with combined outputs: the ids and languages of the views it is given."""

    name: str = "combining"
    breaks: bool = False
    path: str = "combining.txt"

    def combine(self, context: csp_core.CombinedContext) -> Iterable[OutputFile]:
        if self.breaks:
            raise RuntimeError("combined")
        members = [
            f"{member.view.partnership.id}:{member.view.language.tag}:{member.base_url}"
            for member in context.members
        ]
        text = f"{context.language} {context.base_url} {' '.join(members)}"
        if context.previous:
            text += " again"
        yield OutputFile(path=self.path, content=text.encode(), media_type="text/plain")


class TestCombined:
    def test_combined_files_at_the_top_in_each_language(
        self, examples: list[Partnership], tmp_path: Path
    ) -> None:
        """The set's languages: Cambridge's en-GB (first by id) at the top, then Welsh under
        cy/.  Each member's view is in the render's language, or its primary one (Cambridge
        publishes in English only); each member's base address is its own."""
        out = tmp_path / "out"
        registry = _registry(Combining())
        result = build_many(examples, out, AT, registry=registry, base_url="https://c.example")
        assert result.ok, result.failures
        files = _files(out)
        assert files["combining.txt"] == (
            b"en-GB https://c.example/ cambridge:en-GB:https://c.example/cambridge/ "
            b"conwy-denbighshire:en-GB:https://c.example/conwy-denbighshire/en-gb/"
        )
        assert files["cy/combining.txt"] == (
            b"cy https://c.example/cy/ cambridge:en-GB:https://c.example/cambridge/ "
            b"conwy-denbighshire:cy:https://c.example/conwy-denbighshire/"
        )
        manifest = json.loads(files[MANIFEST])
        assert {"combining.txt", "cy/combining.txt"} <= set(manifest["files"]["combining"])
        # The previous combined files (not the members') are given back, per language.
        build_many(examples, out, AT, registry=registry, base_url="https://c.example")
        assert _files(out)["cy/combining.txt"].endswith(b" again")
        # Serially or in processes: the same bytes.
        build_many(examples, tmp_path / "jobs", AT, registry=registry, jobs=2)
        build_many(examples, tmp_path / "one", AT, registry=registry)
        assert _files(tmp_path / "jobs") == _files(tmp_path / "one")

    def test_a_failing_combiner_keeps_the_publishers_files(
        self, examples: list[Partnership], tmp_path: Path
    ) -> None:
        out = tmp_path / "out"
        build_many(examples, out, AT, registry=_registry(Combining()))
        before = _files(out)
        result = build_many(examples, out, AT, registry=_registry(Combining(breaks=True)))
        assert not result.ok
        assert "combined outputs" in result.failures[0].message
        assert _files(out) == before

    def test_a_clash_with_a_partnership_is_refused(
        self, examples: list[Partnership], tmp_path: Path
    ) -> None:
        """A combined file at a path a partnership's own file has: the publisher fails."""
        # Its combined file in English (at the top) is where Cambridge's own file is.
        registry = _registry(Combining(path="cambridge/combining.txt"))
        result = build_many(examples, tmp_path / "out", AT, registry=registry)
        assert not result.ok
        assert "'cambridge/combining.txt'" in result.failures[0].message


class TestValidateMany:
    def test_a_county_folder_is_valid(
        self, county: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["validate", str(county)]) == 0
        lines = capsys.readouterr().out.splitlines()
        valid = [line for line in lines if ": valid. " in line]
        assert [line.split(": valid. ")[0] for line in valid] == [
            str(county / "cambridge" / "partnership.toml"),
            str(county / "conwy-denbighshire" / "partnership.toml"),
        ]

    def test_several_paths_report_every_problem(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """As `csp build` reads them: every problem of every partnership, exit 2."""
        folder = _bad_county(tmp_path)
        assert main(["validate", str(folder / "a"), str(folder / "b"), str(folder / "c")]) == 2
        captured = capsys.readouterr()
        assert f"{folder / 'a' / 'partnership.toml'}: timezone: " in captured.out
        assert f"{folder / 'b' / 'partnership.toml'}: nation: " in captured.out
        assert "valid." not in captured.out
        assert "2 problems found in " in captured.err

    def test_the_same_id_twice(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        copy = tmp_path / "copy"
        shutil.copytree(CAMBRIDGE, copy)
        assert main(["validate", str(CAMBRIDGE), str(copy)]) == 2
        out = capsys.readouterr().out
        assert f"{copy / 'partnership.toml'}: id: 'cambridge' is also the id of" in out


class TestLanguageFolders:
    """A partnership whose id is the folder of a language of the set is refused up front."""

    def _cy(self, tmp_path: Path) -> Path:
        """Conwy and Denbighshire's data with the id 'cy'."""
        folder = tmp_path / "cy"
        shutil.copytree(WALES, folder)
        toml = folder / "partnership.toml"
        text = toml.read_text()
        assert 'id = "conwy-denbighshire"' in text
        toml.write_text(text.replace('id = "conwy-denbighshire"', 'id = "cy"', 1))
        return folder

    def test_validate_and_build_refuse_it(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        # With Cambridge (first by id, English only) the set's languages are English, at the
        # top, and Welsh, in cy/: a partnership with the id 'cy' would put its files there.
        cy = self._cy(tmp_path)
        out = tmp_path / "out"
        for command in (["validate"], ["build", "--out", str(out), "--at", AT_TEXT]):
            assert main([*command, str(cy), str(CAMBRIDGE)]) == 2
            captured = capsys.readouterr()
            shown = captured.out + captured.err
            assert f"{cy / 'partnership.toml'}: id: 'cy' is the folder of the set's cy" in shown
        assert not out.exists()

    def test_build_many_refuses_it(self, examples: list[Partnership], tmp_path: Path) -> None:
        welsh_first = examples[1]  # Welsh first, English second: English goes under en-gb/
        clash = attrs.evolve(examples[0], id="en-gb")
        with pytest.raises(BuildError, match="'en-gb' has the id of the folder"):
            build_many([welsh_first, clash], tmp_path / "out", AT)
        assert not (tmp_path / "out").exists()

    def test_alone_any_id_is_fine(self, examples: list[Partnership], tmp_path: Path) -> None:
        """One partnership has no combined files: 'cy' is a good id for it."""
        result = build_many([attrs.evolve(examples[0], id="cy")], tmp_path / "out", AT)
        assert result.ok, result.failures
