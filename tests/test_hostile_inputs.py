"""Hostile inputs through the real `csp` command: a clear one-line answer, never a crash.

The corpus in tests/hostile/ holds one file or folder per case; tests/hostile/expected.toml gives
each case's exit code and a piece of its expected output.  Cases git cannot hold (symbolic links,
named pipes, devices, files over the size limit, unreadable files) are made here at run time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

HOSTILE = Path(__file__).parent / "hostile"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads(
    (HOSTILE / "expected.toml").read_text(encoding="utf-8")
)
AT = "2019-10-01T09:00"
VALID = (HOSTILE / "naive-time-accepted.toml").read_text(encoding="utf-8")


def _csp(*arguments: str | Path, cwd: Path = HOSTILE) -> tuple[int, str, str]:
    """Run the real command line in a subprocess: exit code, standard output and error."""
    result = subprocess.run(
        [sys.executable, "-m", "csp_core", *map(str, arguments)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "CSP_DEBUG": "0"},
    )
    return result.returncode, result.stdout, result.stderr


def _assert_clean(out: str, err: str) -> None:
    """No internal error, no traceback."""
    assert "internal error" not in out + err
    assert "Traceback" not in out + err


def _assert_refused(code: int, out: str, err: str, name: str, expect: str) -> None:
    """Exit 2, ``expect`` shown, and every problem one line naming the file it is about."""
    _assert_clean(out, err)
    assert code == 2, out + err
    assert expect in out + err
    problems = out.splitlines() or err.splitlines()[:-1]
    assert problems
    for line in problems:
        assert line.startswith(name), line


def test_the_corpus_is_large_enough() -> None:
    """At least 70 cases, every one of them present on disk."""
    assert len(EXPECTED) >= 70
    for name in EXPECTED:
        assert (HOSTILE / name).exists(), name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate(name: str) -> None:
    """`csp validate CASE` exits as expected with the expected message, one line a problem."""
    expected = EXPECTED[name]
    code, out, err = _csp("validate", name)
    _assert_clean(out, err)
    assert code == expected["exit"], out + err
    assert expected["expect"] in out + err
    if code == 2:
        _assert_refused(code, out, err, name, expected["expect"])
    else:
        assert len(out.splitlines()) == 1


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e.get("status")))
def test_status(name: str) -> None:
    """`csp status` goes through the same loading: the same answer, on standard error."""
    expected = EXPECTED[name]
    code, out, err = _csp("status", name, "--at", AT)
    _assert_clean(out, err)
    assert code == expected["exit"], out + err
    if code == 2:
        assert expected["expect"] in err
        assert not out
        assert err.splitlines()[-1].endswith("; nothing done")


# -- cases made at run time ----------------------------------------------------------------------


def _folder(root: Path, name: str = "data") -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "partnership.toml").write_text(VALID, encoding="utf-8")
    return folder


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the data folder, holding a secret data file."""
    place = tmp_path / "outside"
    place.mkdir()
    (place / "secret.toml").write_text(
        '[[meetings]]\nid = "secret"\nbody = "board"\ntitle = "SECRET"\n'
        "start = 2019-11-01T10:00:00\n",
        encoding="utf-8",
    )
    (place / "secret.pdf").write_bytes(b"%PDF-1.4 secret")
    return place


class TestLinksAndSpecialFiles:
    def test_data_file_linking_outside_is_refused(self, tmp_path: Path, outside: Path) -> None:
        """A data file that is a symbolic link out of the folder is neither read nor published."""
        folder = _folder(tmp_path)
        (folder / "meetings").mkdir()
        (folder / "meetings" / "evil.toml").symlink_to(outside / "secret.toml")
        for command in (("validate",), ("status", "--at", AT)):
            code, out, err = _csp(command[0], "data", *command[1:], cwd=tmp_path)
            _assert_refused(code, out, err, "data/meetings/evil.toml", "outside the data folder")
            assert "SECRET" not in out + err
        code, out, err = _csp("build", "data", "--out", "site", "--at", AT, cwd=tmp_path)
        _assert_refused(code, out, err, "data/meetings/evil.toml", "outside the data folder")
        assert not (tmp_path / "site").exists()

    def test_folder_linking_outside_is_refused(self, tmp_path: Path, outside: Path) -> None:
        """A folder that is a symbolic link out of the data folder is refused."""
        folder = _folder(tmp_path)
        (folder / "meetings").symlink_to(outside, target_is_directory=True)
        code, out, err = _csp("validate", "data", cwd=tmp_path)
        _assert_refused(code, out, err, "data/meetings", "is a symbolic link to")

    def test_main_file_linking_outside_is_refused(self, tmp_path: Path, outside: Path) -> None:
        """partnership.toml itself may not come from outside the folder."""
        folder = tmp_path / "data"
        folder.mkdir()
        (outside / "partnership.toml").write_text(VALID, encoding="utf-8")
        (folder / "partnership.toml").symlink_to(outside / "partnership.toml")
        code, out, err = _csp("validate", "data", cwd=tmp_path)
        _assert_refused(code, out, err, "data/partnership.toml", "outside the data folder")

    def test_link_inside_the_folder_is_followed(self, tmp_path: Path) -> None:
        """A link that stays inside the data folder is fine."""
        folder = _folder(tmp_path)
        (folder / "_shared").mkdir()
        (folder / "_shared" / "m.toml").write_text(
            '[[meetings]]\nid = "m2"\nbody = "board"\ntitle = "T"\nstart = 2019-11-01T10:00:00\n',
            encoding="utf-8",
        )
        (folder / "meetings").mkdir()
        (folder / "meetings" / "m.toml").symlink_to(Path("..") / "_shared" / "m.toml")
        code, out, err = _csp("validate", "data", cwd=tmp_path)
        _assert_clean(out, err)
        assert code == 0, out + err
        assert "2 meetings" in out

    def test_document_through_a_link_outside_is_refused(
        self, tmp_path: Path, outside: Path
    ) -> None:
        """A relative document address may not lead out of the folder through a link."""
        folder = tmp_path / "data"
        folder.mkdir()
        (folder / "partnership.toml").write_text(
            VALID + '[[meetings.documents]]\nid = "d"\nkind = "agenda"\ntitle = "A"\n'
            'url = "papers/secret.pdf"\npublished = 2019-10-01T09:00:00\n',
            encoding="utf-8",
        )
        (folder / "papers").mkdir()
        (folder / "papers" / "secret.pdf").symlink_to(outside / "secret.pdf")
        code, out, err = _csp("validate", "data", cwd=tmp_path)
        _assert_refused(code, out, err, "data/partnership.toml", "leads outside the data folder")

    def test_broken_link(self, tmp_path: Path) -> None:
        """A data file that links to nothing."""
        folder = _folder(tmp_path)
        (folder / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
        code, out, err = _csp("validate", "data", cwd=tmp_path)
        _assert_refused(code, out, err, "data/gone.toml", "symbolic link to")

    def test_link_loop(self, tmp_path: Path) -> None:
        """A data file that links to itself."""
        folder = _folder(tmp_path)
        (folder / "loop.toml").symlink_to("loop.toml")
        code, out, err = _csp("validate", "data", cwd=tmp_path)
        _assert_refused(code, out, err, "data/loop.toml", "symbolic link")

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
    @pytest.mark.parametrize("where", ["path", "main", "fragment"])
    def test_named_pipe(self, tmp_path: Path, where: str) -> None:
        """A named pipe where a data file should be: refused at once, never waited on."""
        if where == "path":
            os.mkfifo(tmp_path / "pipe.toml")
            name = "pipe.toml"
        elif where == "main":
            (tmp_path / "data").mkdir()
            os.mkfifo(tmp_path / "data" / "partnership.toml")
            name = "data/partnership.toml"
        else:
            _folder(tmp_path)
            os.mkfifo(tmp_path / "data" / "pipe.toml")
            name = "data/pipe.toml"
        code, out, err = _csp("validate", name if where == "path" else "data", cwd=tmp_path)
        _assert_refused(code, out, err, name, "is not a regular file (a named pipe)")

    @pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null here")
    def test_device(self, tmp_path: Path) -> None:
        """A device given as the data."""
        code, out, err = _csp("validate", "/dev/null", cwd=tmp_path)
        _assert_refused(code, out, err, "/dev/null", "is not a regular file (a device)")

    def test_file_over_the_size_limit(self, tmp_path: Path) -> None:
        """A data file over 10 MiB is refused without being read."""
        with (tmp_path / "huge.toml").open("wb") as file:
            file.truncate(10 * 1024 * 1024 + 1)
        code, out, err = _csp("validate", "huge.toml", cwd=tmp_path)
        _assert_refused(code, out, err, "huge.toml", "larger than 10 MiB")

    @pytest.mark.parametrize("name", ["missing.toml", "missing", "huge.toml/inside.toml"])
    def test_path_that_does_not_exist(self, tmp_path: Path, name: str) -> None:
        """No such file or folder, including a path through a file."""
        (tmp_path / "huge.toml").write_text("x = 1\n", encoding="utf-8")
        for command in (("validate",), ("status", "--at", AT)):
            code, out, err = _csp(command[0], name, *command[1:], cwd=tmp_path)
            _assert_refused(code, out, err, name, "no such file or folder")

    @pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() == 0,
        reason="root reads every file whatever its permissions",
    )
    def test_unreadable_file_and_folder(self, tmp_path: Path) -> None:
        """A file or a folder the user may not read."""
        folder = _folder(tmp_path)
        (folder / "locked.toml").write_text("meetings = []\n", encoding="utf-8")
        (folder / "locked.toml").chmod(0)
        (folder / "closed").mkdir()
        (folder / "closed").chmod(0)
        try:
            code, out, err = _csp("validate", "data", cwd=tmp_path)
        finally:
            (folder / "closed").chmod(0o755)
        _assert_refused(code, out, err, "data/", "cannot read: Permission denied")
        assert "data/locked.toml" in out
        assert "data/closed" in out

    def test_odd_file_names_stay_on_one_line(self, tmp_path: Path) -> None:
        """A file name with a line break or bytes that are not UTF-8 is shown escaped."""
        folder = _folder(tmp_path)
        (folder / "two\nlines.toml").write_text("{", encoding="utf-8")
        (Path(os.fsdecode(bytes(folder) + b"/caf\xe9.json"))).write_text("{", encoding="utf-8")
        code, out, err = _csp("validate", "data", cwd=tmp_path)
        _assert_clean(out, err)
        assert code == 2
        assert "data/two\\nlines.toml: line 1" in out
        assert "data/caf\\udce9.json: line 1" in out
        assert len(out.splitlines()) == 2


class TestAtBounds:
    @pytest.mark.parametrize(
        "at",
        ["0001-01-01T00:00", "9999-12-31T23:59", "1899-12-31T23:59", "2201-01-01T00:00"],
    )
    def test_out_of_range_instant_is_refused(self, at: str) -> None:
        """`--at` outside the years 1900-2200: exit 2, one line, for status and build."""
        code, out, err = _csp("status", "naive-time-accepted.toml", "--at", at)
        _assert_clean(out, err)
        assert code == 2
        assert (
            err == f"csp: --at: {at}:00 is outside the years 1900 to 2200 that csp-core handles\n"
        )

    @pytest.mark.parametrize("at", ["1900-01-01T00:00", "2200-12-31T23:59:59"])
    def test_instants_at_the_bounds_work(self, at: str) -> None:
        """The first and last second of the bounds are inside them."""
        code, out, err = _csp("status", "naive-time-accepted.toml", "--at", at)
        _assert_clean(out, err)
        assert code == 0, err

    def test_build_refuses_out_of_range_instant(self, tmp_path: Path) -> None:
        """`csp build --at` checks the same bounds, before anything is written."""
        data = HOSTILE / "naive-time-accepted.toml"
        code, out, err = _csp(
            "build", data, "--out", tmp_path / "site", "--at", "0001-01-01T00:00", cwd=tmp_path
        )
        _assert_clean(out, err)
        assert code == 2
        assert "outside the years 1900 to 2200" in err
        assert not (tmp_path / "site").exists()
