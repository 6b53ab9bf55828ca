"""`csp check`: the core walks a built folder and runs the checkers plugins register."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs
import pytest

from csp_core import hookspecs
from csp_core.check import CheckError, check_folder
from csp_core.checkers import CheckedFile, Checker
from csp_core.cli import main
from csp_core.errors import PluginError
from csp_core.plugins import RegisteredChecker, load_plugins
from tests.data import CAMBRIDGE

ROOT = Path(__file__).parents[1]
FIRST_AT = "2019-10-01T09:00"


def _build(out: Path, at: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "csp_core", "build", str(CAMBRIDGE), "--out", str(out), "--at", at],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Cambridge example built at the seed page's moment (read-only for the tests)."""
    out = tmp_path_factory.mktemp("built") / "out"
    _build(out, FIRST_AT)
    return out


@pytest.fixture
def copy(built: Path, tmp_path: Path) -> Path:
    """A copy of the built folder that a test may break."""
    target = tmp_path / "out"
    shutil.copytree(built, target, symlinks=True)
    return target


def _check(*arguments: str | Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["check", *map(str, arguments)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _replace(path: Path, old: bytes, new: bytes, count: int = 1) -> None:
    content = path.read_bytes()
    assert old in content, f"{old!r} not in {path}"
    path.write_bytes(content.replace(old, new, count))


@attrs.frozen(kw_only=True)
class Fake:
    """A checker of ``text/plain`` and ``.txt`` files: a line ``bad`` is a problem."""

    name: str = "fake"
    description: str = "plain text"
    media_types: tuple[str, ...] = ("text/plain",)
    suffixes: tuple[str, ...] = (".txt",)
    seen: list[CheckedFile] = attrs.field(factory=list, eq=False)

    def check(self, file: CheckedFile) -> Iterable[str]:
        self.seen.append(file)
        if file.content == b"crash":
            raise RuntimeError("boom")
        return [
            f"line {n} is bad"
            for n, line in enumerate(file.content.split(b"\n"), 1)
            if line == b"bad"
        ]


def _fake(checker: Fake | None = None) -> dict[str, RegisteredChecker]:
    return {"fake": RegisteredChecker(checker=checker or Fake(), plugin="fakes", version=None)}


class TestCommand:
    def test_a_fresh_build_has_no_problems(self, built: Path) -> None:
        """The real command exits 0 on the example just built, having read every output."""
        result = subprocess.run(
            [sys.executable, "-m", "csp_core", "check", str(built)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        manifest = json.loads((built / ".csp-build.json").read_text(encoding="utf-8"))
        kinds = ("text/calendar", "application/rss+xml", "application/atom+xml", "text/html")
        read = sum(
            entry["media_type"].startswith(kinds)
            for entries in manifest["files"].values()
            for entry in entries.values()
        )
        assert read > 10
        assert result.stdout == f"{built}: {read} files checked, no problems\n"

    def test_a_later_build_has_no_problems(self, tmp_path: Path) -> None:
        """Builds at later instants (agendas, minutes, a meeting held) check clean too."""
        for at in ("2019-10-10T09:00", "2019-10-20T09:00", "2020-03-01T09:00"):
            out = tmp_path / at
            _build(out, at)
            assert main(["check", str(out)]) == 0, at

    def test_each_problem_names_its_file(
        self, copy: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Broken outputs of each kind: exit 1, one line per problem, FILE: problem."""
        _replace(copy / "calendar.ics", b"UID:2019-10-17@cambridge.csp-core\r\n", b"")
        _replace(copy / "feeds/rss.xml", b"</channel>", b"</chanel>")
        _replace(copy / "index.html", b'href="meetings/2019-10-17.html"', b'href="meetings/x.html"')
        code, out, err = _check(copy, capsys=capsys)
        assert code == 1
        lines = out.splitlines()
        assert f"{copy / 'calendar.ics'}: event #6 has no UID" in lines
        assert any(
            line.startswith(f"{copy / 'feeds/rss.xml'}: not well-formed XML") for line in lines
        )
        assert (
            f"{copy / 'index.html'}: <a href='meetings/x.html'>: no file meetings/x.html in the "
            "output folder"
        ) in lines
        assert lines == sorted(lines, key=lambda line: line.split(": ", 1)[0])
        assert "csp check:" in err

    def test_previous_catches_a_vanished_event(
        self, built: Path, copy: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """With --previous, an event dropped from a calendar is named with its file."""
        content = (copy / "calendar.ics").read_bytes()
        start = content.rindex(b"BEGIN:VEVENT\r\n", 0, content.index(b"UID:2018-02-13@"))
        end = content.index(b"END:VEVENT\r\n", start) + len(b"END:VEVENT\r\n")
        (copy / "calendar.ics").write_bytes(content[:start] + content[end:])
        code, out, _ = _check(copy, "--previous", built, capsys=capsys)
        assert code == 1
        assert out.startswith(
            f"{copy / 'calendar.ics'}: event 2018-02-13@cambridge.csp-core vanished"
        )

    def test_previous_same_build_is_clean(
        self, built: Path, copy: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A build checked against an identical copy of itself: nothing to say."""
        code, out, _ = _check(copy, "--previous", built, capsys=capsys)
        assert (code, out.count("\n")) == (0, 1)

    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (lambda tmp: tmp / "missing", "no such folder"),
            (lambda tmp: (tmp / "file").write_text("x") and tmp / "file", "is not a folder"),
            (lambda tmp: (tmp / "empty").mkdir() or tmp / "empty", "has no .csp-build.json"),
        ],
        ids=["missing", "file", "not-a-build"],
    )
    def test_bad_folder_is_usage(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        make: object,
        message: str,
    ) -> None:
        """A missing folder, a file, or a folder no build made: exit 2 and why, no traceback."""
        folder = make(tmp_path)  # type: ignore[operator]
        code, out, err = _check(folder, capsys=capsys)
        assert (code, out) == (2, "")
        assert err.startswith("csp: ")
        assert message in err
        assert "Traceback" not in err

    def test_bad_previous_is_usage(
        self, built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--previous must be a folder: a file or a missing path is exit 2."""
        (tmp_path / "file").write_text("x")
        for previous, message in (
            (tmp_path / "file", "is not a folder"),
            (tmp_path / "no", "no such folder"),
        ):
            code, out, err = _check(built, "--previous", previous, capsys=capsys)
            assert (code, out) == (2, "")
            assert "--previous" in err
            assert message in err


class TestCheckFolder:
    @pytest.fixture
    def folder(self, tmp_path: Path) -> Path:
        out = tmp_path / "out"
        out.mkdir()
        (out / ".csp-build.json").write_text(
            '{"generator": "csp-core", "files": {"p": {"a.txt": {"sha256": "0", "media_type": '
            '"text/plain"}, "b.dat": {"sha256": "0", "media_type": "text/plain; charset=utf-8"}}}}'
        )
        (out / "a.txt").write_bytes(b"good\nbad")
        (out / "b.dat").write_bytes(b"bad")
        (out / "sub").mkdir()
        (out / "sub" / "c.txt").write_bytes(b"bad")
        (out / "d.css").write_bytes(b"bad")
        return out

    def test_claims_by_media_type_then_suffix(self, folder: Path) -> None:
        """Manifest files by media type (parameters ignored), others by suffix; others not."""
        report = check_folder(folder, checkers=_fake())
        assert report.checked == ("a.txt", "b.dat", "sub/c.txt")
        assert [(f.path, f.message) for f in report.findings] == [
            ("a.txt", "line 2 is bad"),
            ("b.dat", "line 1 is bad"),
            ("sub/c.txt", "line 1 is bad"),
        ]
        assert report.findings[0].line("out") == "out/a.txt: line 2 is bad"
        assert not report.ok

    def test_previous_is_the_same_path(self, folder: Path, tmp_path: Path) -> None:
        """Each file is given the same path's bytes in --previous, and every folder file."""
        before = tmp_path / "before"
        (before / "sub").mkdir(parents=True)
        (before / "a.txt").write_bytes(b"old")
        fake = Fake()
        check_folder(folder, checkers=_fake(fake), previous=before)
        given = {file.path: file for file in fake.seen}
        assert given["a.txt"].previous == b"old"
        assert given["sub/c.txt"].previous is None
        assert given["a.txt"].files == {"a.txt", "b.dat", "sub/c.txt", "d.css"}
        assert given["a.txt"].media_type == "text/plain"
        assert given["sub/c.txt"].media_type is None

    def test_vanished_and_missing_files(self, folder: Path, tmp_path: Path) -> None:
        """A claimed file of --previous that is gone, and a manifest file that is missing."""
        before = tmp_path / "before"
        before.mkdir()
        (before / "gone.txt").write_bytes(b"x")
        (before / "gone.css").write_bytes(b"x")
        (folder / "b.dat").unlink()
        report = check_folder(folder, checkers=_fake(), previous=before)
        messages = {f.path: f.message for f in report.findings}
        assert "not a file in the folder" in messages["b.dat"]
        assert "gone now" in messages["gone.txt"]
        assert "gone.css" not in messages

    def test_a_crashing_checker_is_a_problem_not_a_traceback(self, folder: Path) -> None:
        """An exception in a checker is reported on the file, with checker and plugin."""
        (folder / "a.txt").write_bytes(b"crash")
        report = check_folder(folder, checkers=_fake())
        assert report.findings[0].message == (
            "checker 'fake' (plugin 'fakes') failed on it: RuntimeError: boom"
        )

    @pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
    def test_links_are_never_followed(self, folder: Path, tmp_path: Path) -> None:
        """A link to a file outside is not read; one to a file inside is only reachable."""
        secret = tmp_path / "secret.txt"
        secret.write_bytes(b"bad")
        (folder / "outside.txt").symlink_to(secret)
        (folder / "inside.txt").symlink_to(folder / "a.txt")
        (folder / "linked").symlink_to(tmp_path, target_is_directory=True)
        fake = Fake()
        report = check_folder(folder, checkers=_fake(fake))
        assert {file.path for file in fake.seen} == {"a.txt", "b.dat", "sub/c.txt"}
        assert "inside.txt" in fake.seen[0].files
        assert "outside.txt" not in fake.seen[0].files
        assert all(not f.path.startswith(("outside", "linked")) for f in report.findings)

    def test_hidden_files_are_skipped(self, folder: Path) -> None:
        """Dot-files a web server does not serve (.git, ...) are not read."""
        (folder / ".git").mkdir()
        (folder / ".git" / "x.txt").write_bytes(b"bad")
        (folder / ".hidden.txt").write_bytes(b"bad")
        report = check_folder(folder, checkers=_fake())
        assert all(not f.path.startswith(".") for f in report.findings)

    def test_not_a_build(self, tmp_path: Path) -> None:
        """A folder without a manifest is refused with CheckError."""
        with pytest.raises(CheckError, match=r"no \.csp-build\.json"):
            check_folder(tmp_path, checkers=_fake())


class TestRegistry:
    def _checkers(self, *registrations: tuple[str, object]) -> Mapping[str, RegisteredChecker]:
        """What plugins registering these checkers give, without the installed plugins."""
        extra: dict[str, object] = {}
        for name, checker in registrations:

            class Plugin:
                @hookspecs.hookimpl
                def register_checkers(self, register, checker=checker):  # type: ignore[no-untyped-def]
                    register(checker)

            extra[name] = Plugin()
        return load_plugins(only=(), extra=extra).checkers

    def test_every_hook_is_documented(self) -> None:
        """Each hook in hookspecs.py has its entry in docs/plugins.md, register_checkers too."""
        text = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
        hooks = [name for name in dir(hookspecs) if name.startswith("register_")]
        assert "register_checkers" in hooks
        for name in hooks:
            assert f"### `{name}(register)`" in text, name

    def test_installed_checkers(self) -> None:
        """The three built-in plugins register a checker each, and they satisfy Checker."""
        found = load_plugins().checkers
        assert {"ical", "rss", "html"} <= set(found)
        assert all(isinstance(entry.checker, Checker) for entry in found.values())

    def test_duplicate_names_name_both_plugins(self) -> None:
        """Two plugins registering one checker name: an error naming both."""
        with pytest.raises(PluginError, match="'fake' is registered by both 'one' and 'two'"):
            self._checkers(("one", Fake()), ("two", Fake()))

    def test_not_a_checker(self) -> None:
        """An object without check() is refused, naming the plugin."""
        with pytest.raises(PluginError, match=r"plugin 'odd' registered .* not a checker"):
            self._checkers(("odd", object()))

    def test_bad_suffixes(self) -> None:
        """Suffixes given as a string, not a tuple, are refused."""
        with pytest.raises(PluginError, match="tuples of strings"):
            self._checkers(("odd", Fake(suffixes=".txt")))  # type: ignore[arg-type]
