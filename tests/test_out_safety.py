"""`csp build --out` is safe: refusals, manifest escapes, locks, and kills at every moment.

The kill tests run the real command in a subprocess.  ``CSP_BUILD_PAUSE_AT=STEP`` makes the
build announce each step on stderr and stop itself (SIGSTOP) at ``STEP``; the test then kills it
there (SIGKILL) or lets it go on (SIGCONT).  No test depends on how fast the machine is.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import random
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

import attrs
import pytest

from csp_core import Partnership
from csp_core.build import MANIFEST, build
from csp_core.cli import main
from csp_core.errors import BuildError, OutputError
from csp_core.plugins import Registered
from csp_core.publishing import BuildContext, Option, OutputFile
from tests.data import CAMBRIDGE

ROOT = Path(__file__).parents[1]
OLD = "2019-10-01T09:00"
NEW = "2020-03-01T09:00"
PLUGINS = "ical,rss,html"
AT = dt.datetime.fromisoformat("2019-10-01T09:00:00+01:00")
UNSHARE = shutil.which("unshare")
TIMEOUT = 300  # seconds: generous, for a loaded machine; never reached when all is well

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and flock")

Tree = dict[str, tuple[str, bytes]]


@attrs.frozen
class _Files:
    """A publisher writing fixed files."""

    files: tuple[str, ...] = ("a.txt", "sub/b.txt")
    name: str = "files"
    description: str = "fixed files"
    outputs: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    text: str = "made by a publisher"

    def render(self, context: BuildContext) -> Iterable[OutputFile]:
        for path in self.files:
            yield OutputFile(path=path, content=self.text.encode(), media_type="text/plain")


def _registry(*publishers: _Files) -> dict[str, Registered]:
    return {
        p.name: Registered(publisher=p, plugin=f"{p.name}-plugin", version="1") for p in publishers
    }


def _tree(root: Path) -> Tree:
    """Every folder, file and link under ``root``, with contents."""
    found: Tree = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[relative] = ("link", os.readlink(path).encode())
            elif path.is_fifo():
                found[relative] = ("pipe", b"")
            elif path.is_dir():
                found[relative] = ("folder", b"")
            else:
                found[relative] = ("file", path.read_bytes())
    return found


def _env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CSP_BUILD_PAUSE_AT", "CSP_BUILD_NO_EXCHANGE", "CSP_DEBUG"}
    }
    env["CSP_LOAD_PLUGINS"] = PLUGINS
    env.update(extra)
    return env


def _command(out: Path, at: str, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "csp_core", "build", str(CAMBRIDGE), "--out", str(out)]
    return [*command, "--at", at, *extra]


def _run(out: Path, at: str, *extra: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _command(out, at, *extra),
        capture_output=True,
        text=True,
        env=_env(**env),
        timeout=TIMEOUT,
        check=False,
        cwd=ROOT,
    )


class Running:
    """A `csp build` subprocess that announces its steps and can stop at one."""

    def __init__(self, out: Path, at: str, *extra: str, pause: str = "none", **env: str) -> None:
        self.process = subprocess.Popen(
            _command(out, at, *extra),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(CSP_BUILD_PAUSE_AT=pause, **env),
            cwd=ROOT,
        )
        self.pause = pause
        self.lines: list[str] = []
        self._watchdog = threading.Timer(TIMEOUT, self.process.kill)
        self._watchdog.start()

    def reach(self, step: str) -> None:
        """Read stderr until the build announces ``step``; if it pauses there, until stopped."""
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)
            if line == f"csp-build-step: {step}\n":
                break
        else:
            pytest.fail(f"the build never reached {step!r}: {''.join(self.lines)}")
        if step in self.pause.split(","):
            _, status = os.waitpid(self.process.pid, os.WUNTRACED)
            assert os.WIFSTOPPED(status), status

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=TIMEOUT)
        self._watchdog.cancel()
        assert self.process.stderr is not None
        self.process.stderr.close()

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def finish(self) -> tuple[int, str]:
        assert self.process.stderr is not None
        rest = self.process.stderr.read()
        code = self.process.wait(timeout=TIMEOUT)
        self._watchdog.cancel()
        self.process.stderr.close()
        return code, "".join(self.lines) + rest


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Tree]:
    """What a complete build at OLD and at NEW holds, built into fresh folders."""
    trees: dict[str, Tree] = {}
    for at in (OLD, NEW):
        out = tmp_path_factory.mktemp("reference") / "out"
        result = _run(out, at)
        assert result.returncode == 0, result.stderr
        trees[at] = _tree(out)
    assert trees[OLD] != trees[NEW]
    return trees


@attrs.frozen
class Site:
    """An output folder beside a sibling file, holding a complete OLD build and a user's file."""

    parent: Path
    out: Path
    names: tuple[str, ...]
    sibling: bytes
    old: Tree
    new: Tree

    def outside_unchanged(self, *, allow_leftovers: bool) -> None:
        assert (self.parent / "sibling.txt").read_bytes() == self.sibling
        names = set(os.listdir(self.parent)) - {"out"}
        extra = names - set(self.names)
        if allow_leftovers:
            extra = {name for name in extra if not name.startswith(".out.csp-")}
        assert not extra, extra
        assert set(self.names) - {"out"} <= names


ROBOTS = ("file", b"User-agent: *\nDisallow: /private/\n")


def _site(tmp_path: Path, references: dict[str, Tree], *, built: bool = True) -> Site:
    parent = tmp_path / "www"
    parent.mkdir()
    (parent / "sibling.txt").write_bytes(b"the council's own file, beside the output\n")
    out = parent / "out"
    if built:
        result = _run(out, OLD)
        assert result.returncode == 0, result.stderr
        (out / "robots.txt").write_bytes(ROBOTS[1])
    old = {**references[OLD], "robots.txt": ROBOTS} if built else {}
    new = {**references[NEW], "robots.txt": ROBOTS} if built else references[NEW]
    return Site(
        parent=parent,
        out=out,
        names=tuple(sorted(os.listdir(parent))),
        sibling=(parent / "sibling.txt").read_bytes(),
        old=old,
        new=new,
    )


def _current(site: Site) -> Tree | None:
    return _tree(site.out) if site.out.exists() else None


STEPS = ["locked", "cleaned", "staging", "copied", "writing", "written", "exchanged", "done"]


class TestKilled:
    @pytest.mark.parametrize("step", STEPS)
    def test_killed_at_each_step(
        self, step: str, tmp_path: Path, references: dict[str, Tree]
    ) -> None:
        """Killed at any step of a rebuild: the old or the new build, complete; nothing
        outside changed; the next build cleans up and keeps the user's robots.txt."""
        site = _site(tmp_path, references)
        running = Running(site.out, NEW, pause=step)
        running.reach(step)
        expected = site.new if step in {"exchanged", "done"} else site.old
        assert _current(site) == expected  # while it is stopped there
        running.kill()
        assert _current(site) == expected
        site.outside_unchanged(allow_leftovers=True)
        again = _run(site.out, NEW)
        assert again.returncode == 0, again.stderr
        assert _current(site) == site.new
        site.outside_unchanged(allow_leftovers=False)

    @pytest.mark.parametrize("step", ["locked", "staging", "copied", "written", "exchanged"])
    def test_first_build_killed(
        self, step: str, tmp_path: Path, references: dict[str, Tree]
    ) -> None:
        """Killed during the very first build: no output folder, or a complete one."""
        site = _site(tmp_path, references, built=False)
        running = Running(site.out, NEW, pause=step)
        running.reach(step)
        running.kill()
        assert _current(site) == (references[NEW] if step == "exchanged" else None)
        site.outside_unchanged(allow_leftovers=True)
        assert _run(site.out, NEW).returncode == 0
        assert _current(site) == references[NEW]
        site.outside_unchanged(allow_leftovers=False)

    @pytest.mark.parametrize("step", ["written", "moved-aside", "exchanged"])
    def test_without_atomic_exchange(
        self, step: str, tmp_path: Path, references: dict[str, Tree]
    ) -> None:
        """Where no atomic exchange exists, two renames are used; a kill between them is
        repaired by the next build, which first puts the old build back."""
        site = _site(tmp_path, references)
        running = Running(site.out, NEW, pause=step, CSP_BUILD_NO_EXCHANGE="1")
        running.reach(step)
        running.kill()
        if step == "moved-aside":
            assert _current(site) is None
        else:
            assert _current(site) == (site.new if step == "exchanged" else site.old)
        site.outside_unchanged(allow_leftovers=True)
        repair = Running(site.out, NEW, pause="cleaned", CSP_BUILD_NO_EXCHANGE="1")
        repair.reach("cleaned")
        assert _current(site) in (site.old, site.new)
        repair.resume()
        code, err = repair.finish()
        assert code == 0, err
        assert _current(site) == site.new
        site.outside_unchanged(allow_leftovers=False)

    def test_pause_can_sleep_instead(self, tmp_path: Path, references: dict[str, Tree]) -> None:
        """With CSP_BUILD_PAUSE_SECONDS, the hook sleeps at the step and the build goes on."""
        site = _site(tmp_path, references)
        running = Running(site.out, NEW, pause="written", CSP_BUILD_PAUSE_SECONDS="0.1")
        running.reach("exchanged")
        code, err = running.finish()
        assert code == 0, err
        assert _current(site) == site.new

    def test_killed_at_random_moments(self, tmp_path: Path, references: dict[str, Tree]) -> None:
        """Builds killed after random delays leave one complete build, never a mixture."""
        site = _site(tmp_path, references)
        chance = random.Random(20191001)  # noqa: S311 - delays, not secrets
        for round_ in range(12):
            at = NEW if round_ % 2 else OLD
            before = _current(site)
            running = Running(site.out, at)
            with contextlib.suppress(subprocess.TimeoutExpired):
                running.process.wait(timeout=chance.uniform(0.0, 1.5))
            running.kill()
            after = _current(site)
            assert after in (before, site.new if at == NEW else site.old)
            site.outside_unchanged(allow_leftovers=True)
        assert _run(site.out, OLD).returncode == 0
        assert _current(site) == site.old
        site.outside_unchanged(allow_leftovers=False)


class TestLock:
    def test_second_build_waits(self, tmp_path: Path, references: dict[str, Tree]) -> None:
        """A second build into the same folder waits for the first; they never interleave."""
        site = _site(tmp_path, references)
        first = Running(site.out, NEW, pause="written")
        first.reach("written")
        second = Running(site.out, OLD)
        second.reach("lock-busy")
        assert second.process.poll() is None
        assert _current(site) == site.old
        first.resume()
        assert first.finish()[0] == 0
        code, err = second.finish()
        assert code == 0, err
        assert _current(site) == site.old  # the second ran after the first, wholly
        site.outside_unchanged(allow_leftovers=False)

    def test_second_build_gives_up(self, tmp_path: Path, references: dict[str, Tree]) -> None:
        """With --wait, a build gives up on a busy folder: exit 3, one line, nothing changed."""
        site = _site(tmp_path, references)
        first = Running(site.out, NEW, pause="copied")
        first.reach("copied")
        try:
            second = _run(site.out, OLD, "--wait", "0.2")
            assert second.returncode == 3
            message = second.stderr.strip()
            assert "being written by another build" in message
            assert str(site.out) in message
            assert "\n" not in message
            assert _current(site) == site.old
        finally:
            first.kill()

    def test_lock_held_by_another_process(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The lock is `.NAME.csp-lock` beside the folder; held, it makes a build wait."""
        out = tmp_path / "out"
        assert main(["build", str(CAMBRIDGE), "--out", str(out), "--at", OLD]) == 0
        before = _tree(out)
        with (tmp_path / ".out.csp-lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            code = main(["build", str(CAMBRIDGE), "--out", str(out), "--at", NEW, "--wait", "0"])
        assert code == 3
        assert "being written by another build" in capsys.readouterr().err
        assert _tree(out) == before
        assert main(["build", str(CAMBRIDGE), "--out", str(out), "--at", NEW]) == 0
        assert sorted(os.listdir(tmp_path)) == ["out"]  # the lock file is removed again

    def test_concurrent_builds_never_mix(self, tmp_path: Path, references: dict[str, Tree]) -> None:
        """Builds started together all succeed, and the folder holds one of them, whole."""
        site = _site(tmp_path, references)
        runs = [Running(site.out, at) for at in (OLD, NEW, OLD, NEW)]
        for running in runs:
            code, err = running.finish()
            assert code == 0, err
        assert _current(site) in (site.old, site.new)
        site.outside_unchanged(allow_leftovers=False)


def _can_mount_read_only() -> bool:
    """Whether this process may make a read-only bind mount in a mount namespace of its own."""
    if sys.platform != "linux" or os.geteuid() != 0 or UNSHARE is None:
        return False
    probe = (
        'd=$(mktemp -d) && mount --bind "$d" "$d" && mount -o remount,ro,bind "$d" "$d"; '
        'r=$?; umount "$d" 2>/dev/null; rmdir "$d"; exit $r'
    )
    try:
        result = subprocess.run(
            [UNSHARE, "-m", "/bin/sh", "-c", probe], capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


def _snapshot(root: Path) -> tuple[Tree, dict[str, int]]:
    """Contents and modification times: "nothing touched" means neither changed."""
    times = {
        str(path.relative_to(root)): path.lstat().st_mtime_ns for path in [root, *root.rglob("*")]
    }
    return _tree(root), times


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str], *, code: int = 2) -> str:
    assert main(argv) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "internal error" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


class TestRefused:
    @pytest.fixture
    def data(self, tmp_path: Path) -> Path:
        copy = tmp_path / "data"
        shutil.copytree(CAMBRIDGE, copy)
        return copy

    def _build(self, data: Path, out: Path | str, *extra: str) -> list[str]:
        return ["build", str(data), "--out", str(out), "--at", OLD, *extra]

    def test_out_is_a_file(
        self, tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An existing file: refused, named, untouched; even with --force."""
        file = tmp_path / "notes.txt"
        file.write_text("keep me")
        before = _snapshot(tmp_path)
        for extra in ((), ("--force",)):
            message = _refused(self._build(data, file, *extra), capsys)
            assert str(file) in message
            assert "is a file" in message
        assert _snapshot(tmp_path) == before

    @pytest.mark.parametrize(
        ("where", "says"),
        [
            ("data", "is the data folder"),
            ("data/meetings", "inside the data folder"),
            ("data/meetings/new/deeper", "inside the data folder"),
            ("data/partnership.toml", "inside the data folder"),
            (".", "holds the data"),
            ("link-to-data", "is the data folder"),
            ("link-to-data/out", "inside the data folder"),
            ("data/../data", "is the data folder"),
        ],
    )
    def test_data_folder_inside_and_above(
        self,
        where: str,
        says: str,
        tmp_path: Path,
        data: Path,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """The data folder, anything inside it or above it, also through links: refused."""
        (tmp_path / "link-to-data").symlink_to(data, target_is_directory=True)
        before = _snapshot(tmp_path)
        for extra in ((), ("--force",)):
            message = _refused(self._build(data, tmp_path / where, *extra), capsys)
            assert says in message
            assert str(tmp_path / where) in message
        assert _snapshot(tmp_path) == before

    def test_data_file_and_its_folder(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Data in one file: the file itself and every folder above it are refused."""
        data = tmp_path / "p" / "partnership.toml"
        data.parent.mkdir()
        shutil.copy(CAMBRIDGE / "partnership.toml", data)
        before = _snapshot(tmp_path)
        for out in (data, data.parent, tmp_path):
            message = _refused(["build", str(data), "--out", str(out), "--force"], capsys)
            assert str(out) in message
        assert _snapshot(tmp_path) == before

    def test_data_through_a_link(
        self, tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Data named through a link: the folder holding the link is refused too."""
        site = tmp_path / "site"
        site.mkdir()
        (site / "data").symlink_to(data, target_is_directory=True)
        (tmp_path / "site-link").symlink_to(site, target_is_directory=True)
        before = _snapshot(tmp_path)
        for out in (site, tmp_path / "site-link", data):
            message = _refused(self._build(site / "data", out, "--force"), capsys)
            assert "the data folder" in message
        assert _snapshot(tmp_path) == before

    def test_root_and_home(
        self,
        tmp_path: Path,
        data: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """The filesystem root, the home folder and what holds it: refused, even if empty."""
        home = tmp_path / "home" / "officer"
        home.mkdir(parents=True)
        monkeypatch.setenv("HOME", str(home))
        (tmp_path / "to-home").symlink_to(home)
        before = _snapshot(tmp_path)
        assert "root of the filesystem" in _refused(self._build(data, "/", "--force"), capsys)
        assert "root of the filesystem" in _refused(
            self._build(data, f"{tmp_path}/{'../' * 40}", "--force"), capsys
        )
        for out in (home, tmp_path / "to-home", tmp_path / "home", "~", "~/site"):
            message = _refused(self._build(data, out, "--force"), capsys)
            assert "home folder" in message
            assert str(out) in message
        assert _snapshot(tmp_path) == before

    def test_foreign_folder(
        self, tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A non-empty folder no build made is refused; --force builds into it, keeping
        every file it held."""
        out = tmp_path / "photos"
        (out / "2019").mkdir(parents=True)
        (out / "2019" / "summer.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
        (out / "index.txt").write_text("mine")
        before = _snapshot(tmp_path)
        message = _refused(self._build(data, out), capsys)
        assert "no earlier build made it" in message
        assert "--force" in message
        assert str(out) in message
        assert _snapshot(tmp_path) == before
        assert main(self._build(data, out, "--force")) == 0
        assert (out / "2019" / "summer.jpg").read_bytes() == b"\xff\xd8 not really a jpeg"
        assert (out / "index.txt").read_text() == "mine"
        assert (out / "calendar.ics").is_file()
        assert main(self._build(data, out)) == 0  # now it is ours
        assert (out / "index.txt").read_text() == "mine"

    def test_empty_folder_is_fine(self, tmp_path: Path, data: Path) -> None:
        """An empty folder needs no --force; its permissions are kept."""
        out = tmp_path / "site"
        out.mkdir(mode=0o750)
        out.chmod(0o750)
        assert main(self._build(data, out)) == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o750
        assert (out / "index.html").is_file()

    @pytest.mark.parametrize(
        "manifest",
        [
            b"",
            b"not json",
            b"[]",
            b'{"files": {}}',
            b'{"generator": "other", "files": {}}',
            b'{"generator": "csp-core", "files": []}',
            b'{"generator": "csp-core", "files": {"ical": []}}',
            b'{"generator": "csp-core", "files": {"ical": {"a.ics": "x"}}}',
            b'{"generator": "csp-core", "files": {"ical": {"a.ics": {"sha256": 1}}}}',
            b"[" * 100000 + b"]" * 100000,
            b'{"generator": "csp-core", "files": {"ical": {"a.ics": {"sha256": "x", '
            b'"media_type": 5}}}}',
            b"\xff\xfe{}",
        ],
    )
    def test_malformed_manifest_means_not_ours(
        self, manifest: bytes, tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A manifest that is not one csp-core wrote: the folder is not recognised as a
        build's, so it is refused without --force; with it, every file is kept."""
        out = tmp_path / "out"
        out.mkdir()
        (out / MANIFEST).write_bytes(manifest)
        (out / "calendar-notes.txt").write_text("mine")
        before = _snapshot(tmp_path)
        assert "no earlier build made it" in _refused(self._build(data, out), capsys)
        assert _snapshot(tmp_path) == before
        assert main(self._build(data, out, "--force")) == 0
        assert (out / "calendar-notes.txt").read_text() == "mine"
        assert json.loads((out / MANIFEST).read_text())["generator"] == "csp-core"

    def test_manifest_that_is_a_link(
        self, tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A manifest that is a symbolic link is not read, and what it points at is kept."""
        good = tmp_path / "good"
        assert main(self._build(data, good)) == 0
        out = tmp_path / "out"
        out.mkdir()
        (out / MANIFEST).symlink_to(good / MANIFEST)
        (out / "calendar.ics").write_text("mine")
        _refused(self._build(data, out), capsys)
        assert (out / "calendar.ics").read_text() == "mine"

    def test_library_raises_build_error(self, tmp_path: Path, cambridge: Partnership) -> None:
        """`build()` refuses the same way, with BuildError, before rendering anything."""
        file = tmp_path / "file"
        file.write_text("x")
        foreign = tmp_path / "foreign"
        foreign.mkdir()
        (foreign / "a").write_text("a")
        registry = _registry(_Files())
        with pytest.raises(BuildError, match="is a file"):
            build(cambridge, file, AT, registry=registry)
        with pytest.raises(BuildError, match="no earlier build made it"):
            build(cambridge, foreign, AT, registry=registry)
        with pytest.raises(BuildError, match="root of the filesystem"):
            build(cambridge, "/", AT, registry=registry, force=True)
        with pytest.raises(BuildError, match="inside the data folder"):
            build(cambridge, CAMBRIDGE / "out", AT, registry=registry, source=CAMBRIDGE)
        with pytest.raises(BuildError, match="lock wait") as raised:
            build(cambridge, tmp_path / "x", AT, registry=registry, wait=-1)
        assert not isinstance(raised.value, OutputError)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "foreign"]
        result = build(cambridge, foreign, AT, registry=registry, force=True)
        assert result.ok
        assert (foreign / "a").read_text() == "a"

    def test_special_file_in_out(
        self, tmp_path: Path, cambridge: Partnership, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A named pipe in the output folder cannot be kept: refused, nothing changed."""
        out = tmp_path / "out"
        build(cambridge, out, AT, registry=_registry(_Files()))
        os.mkfifo(out / "pipe")
        before = _snapshot(out)
        with pytest.raises(BuildError, match="not a file, folder or symbolic link"):
            build(cambridge, out, AT, registry=_registry(_Files()))
        assert _snapshot(out) == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _rewrite_manifest(out: Path, publisher: str, paths: Iterable[str]) -> None:
    manifest = json.loads((out / MANIFEST).read_text())
    for path in paths:
        manifest["files"][publisher][path] = {"sha256": "0" * 64, "media_type": "text/plain"}
    (out / MANIFEST).write_text(json.dumps(manifest))


class TestManifestEscapes:
    def test_paths_outside_are_never_removed(self, tmp_path: Path, cambridge: Partnership) -> None:
        """Stale paths that leave the folder — `..`, absolute, through or to a link — or
        that name a folder or nothing are ignored: nothing outside, nothing they name, goes."""
        victims = tmp_path / "victims"
        victims.mkdir()
        for name in ("x", "y", "z", "abs"):
            (victims / name).write_text(f"victim {name}")
        out = tmp_path / "deep" / "out"
        registry = _registry(_Files())
        build(cambridge, out, AT, registry=registry)
        (out / "to-victims").symlink_to(victims, target_is_directory=True)
        (out / "link-to-x").symlink_to(victims / "x")
        (out / "a-folder").mkdir()
        (out / "a-folder" / "inside.txt").write_text("mine")
        (out / "sub" / "mine.txt").write_text("mine too")
        _rewrite_manifest(
            out,
            "files",
            [
                "../../victims/x",
                "../victims/y",
                str(victims / "abs"),
                "//" + str(victims / "abs"),
                "to-victims/z",
                "link-to-x",
                "a-folder",
                "sub/../../victims/x",
                "./sub/mine.txt",
                "sub\\mine.txt",
                "missing.txt",
                MANIFEST,
                "",
            ],
        )
        outside = _snapshot(victims)
        result = build(cambridge, out, AT, registry=registry)
        assert result.ok
        assert result.removed == ()
        assert _snapshot(victims) == outside
        assert (out / "link-to-x").is_symlink()
        assert (out / "to-victims").is_symlink()
        assert (out / "a-folder" / "inside.txt").read_text() == "mine"
        assert (out / "sub" / "mine.txt").read_text() == "mine too"
        manifest = json.loads((out / MANIFEST).read_text())
        assert sorted(manifest["files"]["files"]) == ["a.txt", "sub/b.txt"]

    def test_publisher_cannot_write_through_a_link(
        self, tmp_path: Path, cambridge: Partnership, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A link where a publisher writes a folder or a file is never written through."""
        victims = tmp_path / "victims"
        victims.mkdir()
        (victims / "b.txt").write_text("victim")
        out = tmp_path / "out"
        registry = _registry(_Files())
        build(cambridge, out, AT, registry=registry)
        shutil.rmtree(out / "sub")
        (out / "sub").symlink_to(victims, target_is_directory=True)
        before = _snapshot(tmp_path)
        for force in (False, True):
            with pytest.raises(BuildError, match="is a symbolic link, in the way of"):
                build(cambridge, out, AT, registry=registry, force=force)
        assert _snapshot(tmp_path) == before
        (out / "sub").unlink()
        (out / "sub").mkdir()
        (out / "sub" / "b.txt").symlink_to(victims / "b.txt")
        with pytest.raises(BuildError, match="not made by an earlier build"):
            build(cambridge, out, AT, registry=registry)
        result = build(cambridge, out, AT, registry=registry, force=True)
        assert result.replaced == ("sub/b.txt",)
        assert (victims / "b.txt").read_text() == "victim"
        assert not (out / "sub" / "b.txt").is_symlink()

    def test_stale_files_inside_are_removed(self, tmp_path: Path, cambridge: Partnership) -> None:
        """What a publisher made and no longer makes goes; nothing else does."""
        out = tmp_path / "out"
        build(cambridge, out, AT, registry=_registry(_Files(files=("a.txt", "old/c.txt"))))
        (out / "robots.txt").write_text("mine")
        result = build(cambridge, out, AT, registry=_registry(_Files()))
        assert result.removed == ("old/c.txt",)
        assert not (out / "old").exists()  # emptied by the removal, so removed too
        assert (out / "robots.txt").read_text() == "mine"


class TestUsersFiles:
    def test_clash_refused_then_forced(
        self, tmp_path: Path, cambridge: Partnership, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A user's file where a publisher now writes: refused, named; --force overwrites
        it and says so."""
        out = tmp_path / "out"
        assert main(["build", str(CAMBRIDGE), "--out", str(out), "--at", OLD, "--only", "rss"]) == 0
        (out / "calendar.ics").write_text("my own calendar")
        before = _snapshot(tmp_path)
        argv = ["build", str(CAMBRIDGE), "--out", str(out), "--at", OLD, "--only", "rss,ical"]
        message = _refused(argv, capsys)
        assert str(out / "calendar.ics") in message
        assert "'ical'" in message
        assert _snapshot(tmp_path) == before
        assert main([*argv, "--force"]) == 0
        assert f"replaced {out / 'calendar.ics'}" in capsys.readouterr().out
        assert (out / "calendar.ics").read_text().startswith("BEGIN:VCALENDAR")

    def test_folder_modes_are_kept(self, tmp_path: Path, cambridge: Partnership) -> None:
        """The output folder's and its sub-folders' permissions survive a rebuild."""
        out = tmp_path / "out"
        build(cambridge, out, AT, registry=_registry(_Files()))
        (out / "private").mkdir()
        (out / "private" / "notes.txt").write_text("mine")
        (out / "private").chmod(0o700)
        (out / "sub").chmod(0o755)
        out.chmod(0o751)
        build(cambridge, out, AT, registry=_registry(_Files(text="again")))
        assert stat.S_IMODE(out.stat().st_mode) == 0o751
        assert stat.S_IMODE((out / "private").stat().st_mode) == 0o700
        assert (out / "sub" / "b.txt").read_text() == "again"

    def test_out_through_a_link(self, tmp_path: Path, cambridge: Partnership) -> None:
        """An output folder given through a link: the folder it leads to is replaced; the
        link stays a link."""
        real = tmp_path / "real"
        build(cambridge, real, AT, registry=_registry(_Files()))
        (tmp_path / "site").symlink_to(real, target_is_directory=True)
        build(cambridge, tmp_path / "site", AT, registry=_registry(_Files(text="new")))
        assert (tmp_path / "site").is_symlink()
        assert (real / "a.txt").read_text() == "new"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["real", "site"]


class TestLeftovers:
    def test_only_marked_leftovers_of_this_folder_are_removed(
        self, tmp_path: Path, cambridge: Partnership
    ) -> None:
        """Staging folders are recognised by name and marker; a user's look-alike stays."""
        out = tmp_path / "out"
        registry = _registry(_Files())
        build(cambridge, out, AT, registry=registry)
        marker = json.dumps({"generator": "csp-core", "staging-for": "out"}) + "\n"
        ours = tmp_path / ".out.csp-staging-abc123"
        (ours / "tree").mkdir(parents=True)
        (ours / "tree" / "x.txt").write_text("left by a killed build")
        (ours / ".csp-staging").write_text(marker)
        empty = tmp_path / ".out.csp-staging-empty1"
        empty.mkdir()
        partial = tmp_path / ".out.csp-staging-part_1"
        partial.mkdir()
        (partial / ".csp-staging").write_text(marker[:10])
        users = tmp_path / ".out.csp-staging-mine99"
        users.mkdir()
        (users / "photo.jpg").write_text("mine")
        wrong_marker = tmp_path / ".out.csp-staging-mine98"
        (wrong_marker / "tree").mkdir(parents=True)
        (wrong_marker / ".csp-staging").write_text("something else\n")
        other = tmp_path / ".other.csp-staging-abc123"
        other.mkdir()
        (other / ".csp-staging").write_text(marker)
        odd_name = tmp_path / ".out.csp-staging-a.b"
        odd_name.mkdir()
        (odd_name / ".csp-staging").write_text(marker)
        build(cambridge, out, AT, registry=registry)
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            ["out", users.name, wrong_marker.name, other.name, odd_name.name]
        )
        assert (users / "photo.jpg").read_text() == "mine"

    def test_folder_in_the_way(self, tmp_path: Path, cambridge: Partnership) -> None:
        """A folder where a publisher writes a file is refused, even with force."""
        out = tmp_path / "out"
        build(cambridge, out, AT, registry=_registry(_Files()))
        (out / "sub" / "b.txt").unlink()
        (out / "sub" / "b.txt").mkdir()
        with pytest.raises(BuildError, match="is a folder, in the way of"):
            build(cambridge, out, AT, registry=_registry(_Files()), force=True)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


class TestEnvironment:
    def _fail_on(
        self, monkeypatch: pytest.MonkeyPatch, function: str, nth: int, code: int
    ) -> list[int]:
        import csp_core.build as module

        original = getattr(module, function)
        calls = [0]

        def failing(*args: object, **kwargs: object) -> object:
            calls[0] += 1
            if calls[0] == nth:
                where = str(args[0]) if isinstance(args[0], Path) else None
                raise OSError(code, os.strerror(code), where)
            return original(*args, **kwargs)

        monkeypatch.setattr(module, function, failing)
        return calls

    @pytest.mark.parametrize(
        ("function", "nth", "code"),
        [
            ("_create", 1, errno.EROFS),
            ("_create", 4, errno.ENOSPC),
            ("_write_manifest", 1, errno.EIO),
            ("_copy", 1, errno.EACCES),
            ("_exchange", 1, errno.EACCES),
            ("_locked", 1, errno.EROFS),
        ],
    )
    def test_os_errors_are_one_line_exit_3(
        self,
        function: str,
        nth: int,
        code: int,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """A write that fails (read-only, full disk, ...): exit 3, one line naming the path
        and the reason, the previous output intact, nothing left behind."""
        out = tmp_path / "out"
        argv = ["build", str(CAMBRIDGE), "--out", str(out), "--at", OLD]
        assert main(argv) == 0
        (out / "robots.txt").write_text("mine")
        capsys.readouterr()
        before = _tree(tmp_path)
        calls = self._fail_on(monkeypatch, function, nth, code)
        message = _refused([*argv[:-1], NEW], capsys, code=3)
        assert calls[0] == nth
        assert message.startswith(f"csp: cannot write output folder {out}: ")
        assert os.strerror(code) in message
        assert "previous output is unchanged" in message
        assert _tree(tmp_path) == before

    @pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only folders")
    def test_read_only_parent(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A read-only folder around the output: exit 3, one line, output intact."""
        out = tmp_path / "www" / "out"
        argv = ["build", str(CAMBRIDGE), "--out", str(out), "--at", OLD]
        assert main(argv) == 0
        before = _tree(out)
        (tmp_path / "www").chmod(0o555)
        try:
            message = _refused([*argv[:-1], NEW], capsys, code=3)
        finally:
            (tmp_path / "www").chmod(0o755)
        assert "Permission denied" in message
        assert _tree(out) == before

    @pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only folders")
    def test_read_only_out(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A read-only output folder inside a writable one: replaced or refused, never
        half-written."""
        out = tmp_path / "out"
        argv = ["build", str(CAMBRIDGE), "--out", str(out), "--at", OLD]
        assert main(argv) == 0
        out.chmod(0o555)
        try:
            code = main([*argv[:-1], NEW])
            err = capsys.readouterr().err
            assert code in {0, 3}, err
            assert "internal error" not in err
        finally:
            out.chmod(0o755)

    @pytest.mark.skipif(not _can_mount_read_only(), reason="needs root and mount namespaces")
    def test_read_only_filesystem(self, tmp_path: Path, references: dict[str, Tree]) -> None:
        """A folder on a read-only filesystem (a read-only bind mount, as root): exit 3, one
        line naming the path, the previous output unchanged, for an old and a new folder."""
        site = _site(tmp_path, references)
        for out in (site.out, site.parent / "new", site.parent / "new" / "deeper"):
            command = " ".join(map(shlex.quote, _command(out, NEW)))
            parent = shlex.quote(str(site.parent))
            script = (
                f"mount --bind {parent} {parent} && "
                f"mount -o remount,ro,bind {parent} {parent} && exec {command}"
            )
            result = subprocess.run(
                [str(UNSHARE), "-m", "/bin/sh", "-c", script],
                capture_output=True,
                text=True,
                env=_env(),
                timeout=TIMEOUT,
                check=False,
            )
            assert result.returncode == 3, result.stderr
            message = result.stderr.strip()
            assert "\n" not in message
            assert message.startswith(f"csp: cannot write output folder {out}: ")
            assert "Read-only file system" in message
            assert _current(site) == site.old
            site.outside_unchanged(allow_leftovers=False)

    def test_fallback_without_exchange(
        self, tmp_path: Path, cambridge: Partnership, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without an atomic exchange, the two-rename path gives the same result."""
        monkeypatch.setenv("CSP_BUILD_NO_EXCHANGE", "1")
        out = tmp_path / "out"
        build(cambridge, out, AT, registry=_registry(_Files()))
        (out / "robots.txt").write_text("mine")
        build(cambridge, out, AT, registry=_registry(_Files(text="new")))
        assert (out / "a.txt").read_text() == "new"
        assert (out / "robots.txt").read_text() == "mine"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
