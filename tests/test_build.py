"""Plugins, the public view and `csp build`: atomic, deterministic, and leak-free."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_core import Availability, MeetingStatus, Partnership, hookimpl, hookspecs
from csp_core.build import MANIFEST, build
from csp_core.cli import main
from csp_core.errors import BuildError, OptionError, PluginError
from csp_core.plugins import Registered, load_plugins
from csp_core.public import public_view
from csp_core.publishing import BuildContext, Option, OutputFile
from tests.data import CAMBRIDGE
from tests.strategies import examples, partnerships

LONDON = ZoneInfo("Europe/London")
AT = dt.datetime(2019, 10, 1, 9, 0, tzinfo=LONDON)
LABEL = Option.text("label", "a label", default="x")


@attrs.frozen
class Echo:
    """A publisher that writes what the public view holds, as JSON."""

    name: str = "echo"
    description: str = "the public view as JSON"
    outputs: tuple[str, ...] = ("echo/view.json",)
    options: tuple[Option, ...] = (LABEL,)
    fail: bool = False

    def render(self, context: BuildContext) -> Iterable[OutputFile]:
        if self.fail:
            msg = "deliberate failure"
            raise RuntimeError(msg)
        view = context.view
        data = {
            "label": context.value(LABEL),
            "meetings": [m.id for m in view.partnership.meetings],
            "documents": sorted(d.id for d in view.partnership.documents()),
            "events": [e.id for e in view.timeline],
        }
        yield OutputFile(
            path="echo/view.json",
            content=json.dumps(data, sort_keys=True).encode(),
            media_type="application/json",
            items=len(data["meetings"]),
        )


def _registry(*entries: Echo) -> dict[str, Registered]:
    return {
        e.name: Registered(publisher=e, plugin=f"{e.name}-plugin", version="1") for e in entries
    }


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


class TestBuild:
    def test_writes_files_and_manifest(self, cambridge: Partnership, tmp_path: Path) -> None:
        """Each publisher's files are written, with a manifest of who made what."""
        result = build(cambridge, tmp_path / "out", AT, registry=_registry(Echo()))
        assert result.ok
        assert [w.path for w in result.written] == ["echo/view.json"]
        manifest = json.loads((tmp_path / "out" / MANIFEST).read_text())
        assert list(manifest["files"]["echo"]) == ["echo/view.json"]

    def test_byte_identical_rebuilds(self, cambridge: Partnership, tmp_path: Path) -> None:
        """The same data and instant give byte-identical files, manifest included."""
        build(cambridge, tmp_path / "a", AT, registry=_registry(Echo()))
        build(cambridge, tmp_path / "b", AT, registry=_registry(Echo()))
        build(cambridge, tmp_path / "b", AT, registry=_registry(Echo()))
        assert _files(tmp_path / "a") == _files(tmp_path / "b")

    def test_failing_publisher_keeps_its_files_and_spares_others(
        self, cambridge: Partnership, tmp_path: Path
    ) -> None:
        """A publisher that raises is reported by name; its old files stay; others update."""
        out = tmp_path / "out"
        first = _registry(Echo(), Echo(name="other", outputs=("other.json",)))
        first["other"] = Registered(
            publisher=_Renamed(Echo(), "other", "other.json"), plugin="p", version=None
        )
        build(cambridge, out, AT, registry=first)
        before = _files(out)
        later = dt.datetime(2020, 3, 1, tzinfo=LONDON)
        second = {
            "echo": Registered(publisher=Echo(fail=True), plugin="echo-plugin", version="1"),
            "other": first["other"],
        }
        result = build(cambridge, out, later, registry=second)
        assert [(f.publisher, f.plugin) for f in result.failures] == [("echo", "echo-plugin")]
        assert "deliberate failure" in result.failures[0].message
        after = _files(out)
        assert after["echo/view.json"] == before["echo/view.json"]
        assert after["other.json"] != before["other.json"]

    def test_nothing_written_when_all_fail(self, cambridge: Partnership, tmp_path: Path) -> None:
        """With every publisher failing, the output folder is untouched."""
        out = tmp_path / "out"
        build(cambridge, out, AT, registry=_registry(Echo()))
        before = _files(out)
        result = build(cambridge, out, AT, registry=_registry(Echo(fail=True)))
        assert not result.ok
        assert _files(out) == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging left behind

    def test_stale_files_removed(self, cambridge: Partnership, tmp_path: Path) -> None:
        """A file a publisher no longer makes is removed; files it never made are kept."""
        out = tmp_path / "out"
        build(cambridge, out, AT, registry=_registry(Echo()))
        (out / "mine.txt").write_text("the council's own file")
        renamed = _Renamed(Echo(), "echo", "echo/renamed.json")
        result = build(
            cambridge,
            out,
            AT,
            registry={"echo": Registered(publisher=renamed, plugin="p", version=None)},
        )
        assert result.removed == ("echo/view.json",)
        assert (out / "mine.txt").read_text() == "the council's own file"
        assert (out / "echo/renamed.json").exists()

    def test_unknown_publisher_and_option(self, cambridge: Partnership, tmp_path: Path) -> None:
        """--only and --option name real publishers and options, or the build does not start."""
        with pytest.raises(BuildError, match="unknown publisher 'nope'"):
            build(cambridge, tmp_path, AT, only=["nope"], registry=_registry(Echo()))
        with pytest.raises(OptionError, match=r"echo\.colour: no such option .*: label\)"):
            build(
                cambridge,
                tmp_path,
                AT,
                options={"echo": {"colour": "x"}},
                registry=_registry(Echo()),
            )

    def test_output_paths_stay_inside(self) -> None:
        """A publisher cannot write outside the output folder."""
        for bad in ("../x", "/etc/x", "a/../../x", ".csp-build.json/x", "", "a//b"):
            with pytest.raises(ValueError, match="relative path"):
                OutputFile(path=bad, content=b"", media_type="text/plain")


@attrs.frozen
class _Renamed:
    """Another publisher, by composition: a different name and output path."""

    inner: Echo
    name: str
    path: str
    description: str = "renamed"
    outputs: tuple[str, ...] = ()
    options: tuple[Option, ...] = (LABEL,)

    def render(self, context: BuildContext) -> Iterable[OutputFile]:
        for file in self.inner.render(context):
            yield attrs.evolve(
                file, path=self.path, content=file.content + str(context.view.at).encode()
            )


def _plugins(*plugins: object) -> dict[str, Registered]:
    """The publishers ``plugins`` register, without the installed plugins."""
    extra = {f"plugin-{index}": plugin for index, plugin in enumerate(plugins)}
    return dict(load_plugins(only=(), extra=extra).publishers)


class TestPlugins:
    def test_register_callback(self) -> None:
        """A plugin registers publishers through the callback; the core names the plugin."""

        class Plugin:
            @hookimpl
            def register_publishers(self, register):
                register(Echo())

        found = _plugins(Plugin())
        assert list(found) == ["echo"]
        assert found["echo"].plugin == "plugin-0"

    def test_duplicate_names_name_both_plugins(self) -> None:
        """Two plugins registering the same name is an error naming both."""

        class Plugin:
            @hookimpl
            def register_publishers(self, register):
                register(Echo())

        with pytest.raises(PluginError, match=r"registered by both 'plugin-0' and 'plugin-1'"):
            _plugins(Plugin(), Plugin())

    def test_not_a_publisher(self) -> None:
        """Registering something that is not a publisher is refused, naming the plugin."""

        class Plugin:
            @hookimpl
            def register_publishers(self, register):
                register(object())

        with pytest.raises(PluginError, match="plugin 'plugin-0' registered"):
            _plugins(Plugin())

    def test_misnamed_hook_fails_at_start(self) -> None:
        """A hook implementation with no matching spec fails when plugins load."""

        class Plugin:
            @hookimpl
            def register_publisher(self, register):
                pass

        with pytest.raises(PluginError, match="register_publisher"):
            _plugins(Plugin())

    def test_every_hook_is_documented(self) -> None:
        """Each hook spec has a docstring and a section in docs/plugins.md."""
        docs = (Path(__file__).parents[1] / "docs" / "plugins.md").read_text(encoding="utf-8")
        specs = [
            name for name in dir(hookspecs) if hasattr(getattr(hookspecs, name), "csp_core_spec")
        ]
        assert specs
        for name in specs:
            assert getattr(hookspecs, name).__doc__
            assert f"### `{name}" in docs


class TestPublicView:
    def test_example_view_holds_only_public_things(self, cambridge: Partnership) -> None:
        """Withheld papers and exempt details of the example never reach the view."""
        view = public_view(cambridge, dt.datetime(2021, 1, 1, tzinfo=LONDON))
        ids = {d.id for d in view.partnership.documents()}
        withheld = {d.id for d in cambridge.documents() if d.availability is Availability.WITHHELD}
        assert withheld
        assert not ids & withheld
        for meeting in view.partnership.meetings:
            for item in meeting.agenda:
                if item.exempt:
                    assert item.summary is None
                    assert item.papers == ()

    def test_moved_meeting_as_it_stood(self, cambridge: Partnership) -> None:
        """Before its move was announced, the June 2019 meeting is at its first date."""

        def meeting_at(at: dt.datetime):
            view = public_view(cambridge, at)
            return next(m for m in view.partnership.meetings if m.id == "2019-06-18"), view

        before, view = meeting_at(dt.datetime(2019, 6, 1, tzinfo=LONDON))
        assert before.start == dt.datetime(2019, 6, 18, 10, tzinfo=LONDON)
        assert before.status is MeetingStatus.SCHEDULED
        assert view.sequence(before) == 0
        after, view = meeting_at(dt.datetime(2019, 6, 8, tzinfo=LONDON))
        assert after.start == dt.datetime(2019, 6, 27, 10, tzinfo=LONDON)
        assert after.status is MeetingStatus.RESCHEDULED
        assert view.sequence(after) == 1

    @examples(60)
    @given(
        partnership=partnerships(),
        at=st.datetimes(
            min_value=dt.datetime(2000, 1, 1),
            max_value=dt.datetime(2036, 1, 1),
            timezones=st.just(dt.UTC),
        ),
    )
    def test_nothing_private_reaches_the_view(
        self, partnership: Partnership, at: dt.datetime
    ) -> None:
        """Private meetings, withheld or unpublished documents, exempt details and private
        contact details never reach the public view, whatever the data and instant."""
        view = public_view(partnership, at).partnership
        closed = {b.id for b in partnership.bodies if not b.public}
        private = {m.id for m in partnership.meetings if not m.public or m.body in closed}
        withheld = {
            d.id for d in partnership.documents() if d.availability is Availability.WITHHELD
        }
        assert not {m.id for m in view.meetings} & private
        for document in view.documents():
            assert document.id not in withheld
            assert document.published is not None
            assert document.published <= at
            assert document.availability is not Availability.WITHHELD
            if document.availability is not Availability.ONLINE:
                assert document.url is None
                assert all(r.url is None for r in document.revisions)
        for meeting in view.meetings:
            assert all(change.at <= at for change in meeting.changes)
            for item in meeting.agenda:
                if item.exempt:
                    assert (item.summary, item.papers) == (None, ())
        for plan in view.plans:
            for priority in plan.priorities:
                if not priority.lead.public:
                    assert (priority.lead.email, priority.lead.phone) == (None, None)


class TestCommand:
    def test_bad_data_writes_nothing(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Bad data: exit 2, the problems on stderr, and no output folder at all."""
        data = tmp_path / "p.toml"
        data.write_text('id = "x"\n', encoding="utf-8")
        assert main(["build", str(data), "--out", str(tmp_path / "out")]) == 2
        assert not (tmp_path / "out").exists()
        assert "name: required field is missing" in capsys.readouterr().err

    def test_bad_option_syntax(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--option must read PUBLISHER.OPTION=VALUE."""
        code = main(
            ["build", str(CAMBRIDGE), "--out", str(tmp_path / "o"), "--option", "refresh=PT1H"]
        )
        assert code == 2
        assert "PUBLISHER.OPTION=VALUE" in capsys.readouterr().err


class TestServe:
    def test_files_served_with_their_media_types(
        self, cambridge: Partnership, tmp_path: Path
    ) -> None:
        """`csp serve` serves each file with the media type its publisher declared."""
        import threading
        import urllib.request

        from csp_core.serve import serve

        calendar = _Typed(
            name="cal", path="calendar.ics", media_type="text/calendar; charset=utf-8"
        )
        out = tmp_path / "out"
        build(
            cambridge,
            out,
            AT,
            registry={"cal": Registered(publisher=calendar, plugin="p", version=None)},
        )
        (out / "notes.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
        server = serve(out, port=0)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            host, port = server.server_address[:2]
            with urllib.request.urlopen(f"http://{host}:{port}/calendar.ics") as response:
                assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
                assert response.read() == b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
            with urllib.request.urlopen(f"http://{host}:{port}/notes.html") as response:
                assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        finally:
            server.shutdown()
            server.server_close()


@attrs.frozen
class _Typed:
    name: str
    path: str
    media_type: str
    description: str = "a fixed file"
    outputs: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()

    def render(self, context: BuildContext) -> Iterable[OutputFile]:
        yield OutputFile(
            path=self.path,
            content=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
            media_type=self.media_type,
        )


@attrs.frozen
class _Recorder:
    """A publisher that notes the previous files it is given, and writes fixed files."""

    files: tuple[tuple[str, bytes], ...] = (("a.txt", b"first"), ("sub/b.txt", b"second"))
    name: str = "rec"
    seen: list[dict[str, bytes]] = attrs.field(factory=list, eq=False)
    description: str = "records context.previous"
    outputs: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()

    def render(self, context: BuildContext) -> Iterable[OutputFile]:
        self.seen.append(dict(context.previous))
        for path, content in self.files:
            yield OutputFile(path=path, content=content, media_type="text/plain")


@attrs.frozen
class _Stamped:
    """A publisher writing one constant file and one that shows the build's instant."""

    name: str = "stamped"
    description: str = "a constant file and the instant"
    outputs: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()

    def render(self, context: BuildContext) -> Iterable[OutputFile]:
        yield OutputFile(path="same/constant.txt", content=b"constant", media_type="text/plain")
        yield OutputFile(
            path="now/at.txt", content=context.view.at.isoformat().encode(), media_type="text/plain"
        )


def _registered(*publishers: object) -> dict[str, Registered]:
    found: dict[str, Registered] = {}
    for publisher in publishers:
        name = getattr(publisher, "name")  # noqa: B009 - any publisher-like test object
        found[name] = Registered(publisher=publisher, plugin=f"{name}-plugin", version="1")  # type: ignore[arg-type]
    return found


OLD_NS = 1_000_000_000_123_456_789
"""A modification time long past (2001), set before a rebuild: a rewrite cannot keep it."""


def _age(out: Path) -> None:
    """Set every file's, link's and folder's times, ``out``'s too, to :data:`OLD_NS`."""
    for folder, folders, files in os.walk(out):
        for name in folders + files:
            os.utime(Path(folder) / name, ns=(OLD_NS, OLD_NS), follow_symlinks=False)
    os.utime(out, ns=(OLD_NS, OLD_NS))


def _times(out: Path) -> dict[str, tuple[int, bytes]]:
    """Every entry under ``out`` (``out`` itself as ``.``): its mtime and, for files, bytes."""
    found = {".": (os.lstat(out).st_mtime_ns, b"")}
    for path in sorted(out.rglob("*")):
        info = os.lstat(path)
        content = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
        found[path.relative_to(out).as_posix()] = (info.st_mtime_ns, content)
    return found


class TestIncremental:
    def test_identical_rebuild_keeps_every_time(
        self, cambridge: Partnership, tmp_path: Path
    ) -> None:
        """Every publisher installed, the same instant: no file, folder or manifest is
        rewritten; every modification time stays, and the build says each is unchanged."""
        out = tmp_path / "out"
        first = build(cambridge, out, AT)
        assert first.ok
        assert all(written.changed for written in first.written)
        (out / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
        (out / "link").symlink_to("robots.txt")
        _age(out)
        before = _times(out)
        second = build(cambridge, out, AT)
        assert second.ok
        assert [w.path for w in second.written] == [w.path for w in first.written]
        assert not [w.path for w in second.written if w.changed]
        after = _times(out)
        assert after == before
        assert {mtime for mtime, _ in after.values()} == {OLD_NS}

    def test_later_instant_with_nothing_new_keeps_every_time(
        self, cambridge: Partnership, tmp_path: Path
    ) -> None:
        """A rebuild at a later instant at which the published bytes are the same (nothing
        happened in between) keeps every time too."""
        out = tmp_path / "out"
        later = AT + dt.timedelta(minutes=30)
        registry = _registry(Echo())
        build(cambridge, out, AT, registry=registry)
        build(cambridge, tmp_path / "later", later, registry=registry)
        assert _files(out) == _files(tmp_path / "later")  # nothing changed between the two
        _age(out)
        before = _times(out)
        result = build(cambridge, out, later, registry=registry)
        assert [w.changed for w in result.written] == [False]
        assert _times(out) == before

    def test_calendars_and_feeds_at_a_quiet_later_instant(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`csp build --only ical,rss` again half an hour later, when nothing public happened
        in between: the same bytes, every time kept, every file reported unchanged."""
        out = tmp_path / "out"
        argv = ["build", str(CAMBRIDGE), "--out", str(out), "--only", "ical,rss", "--at"]
        assert main([*argv, "2019-10-01T09:00"]) == 0
        assert main([*argv[:3], str(tmp_path / "b"), *argv[4:], "2019-10-01T09:30"]) == 0
        assert _files(out) == _files(tmp_path / "b")
        _age(out)
        before = _times(out)
        capsys.readouterr()
        assert main([*argv, "2019-10-01T09:30"]) == 0
        assert _times(out) == before
        lines = capsys.readouterr().out.splitlines()
        assert lines
        assert all(line.startswith("unchanged ") for line in lines), lines

    def test_only_changed_files_are_rewritten(self, cambridge: Partnership, tmp_path: Path) -> None:
        """A changed file is written anew (new bytes, new time, its folder's time stays as
        long as its entries do); an unchanged one keeps its time."""
        out = tmp_path / "out"
        build(cambridge, out, AT, registry=_registered(_Stamped()))
        _age(out)
        later = AT + dt.timedelta(days=1)
        result = build(cambridge, out, later, registry=_registered(_Stamped()))
        changed = {written.path: written.changed for written in result.written}
        assert changed == {"now/at.txt": True, "same/constant.txt": False}
        assert (out / "now/at.txt").read_bytes() == later.isoformat().encode()
        assert os.lstat(out / "now/at.txt").st_mtime_ns != OLD_NS
        assert os.lstat(out / "same/constant.txt").st_mtime_ns == OLD_NS
        assert os.lstat(out / "same").st_mtime_ns == OLD_NS
        manifest = json.loads((out / MANIFEST).read_text())["files"]["stamped"]
        assert (
            manifest["now/at.txt"]["sha256"]
            == hashlib.sha256(later.isoformat().encode()).hexdigest()
        )
        assert os.lstat(out / MANIFEST).st_mtime_ns != OLD_NS  # its digest changed

    def test_real_publishers_at_two_instants(self, cambridge: Partnership, tmp_path: Path) -> None:
        """Across instants, with every installed publisher: each file whose bytes stayed the
        same kept its time, each that changed got a new one."""
        out = tmp_path / "out"
        build(cambridge, out, AT)
        _age(out)
        before = _times(out)
        result = build(cambridge, out, AT + dt.timedelta(days=20))
        after = _times(out)
        same = [w.path for w in result.written if not w.changed]
        assert "assets/site.css" in same  # so the check below is never empty
        for written in result.written:
            old, new = before[written.path], after[written.path]
            assert (old[1] == new[1]) is (not written.changed), written.path
            assert (old[0] == new[0]) is (not written.changed), written.path

    def test_manifest_has_digests_and_no_times(
        self, cambridge: Partnership, tmp_path: Path
    ) -> None:
        """The manifest records each file's SHA-256 and type, and nothing that varies."""
        out = tmp_path / "out"
        build(cambridge, out, AT, registry=_registered(_Stamped()))
        manifest = json.loads((out / MANIFEST).read_text())
        assert manifest == {
            "generator": "csp-core",
            "files": {
                "stamped": {
                    "now/at.txt": {
                        "media_type": "text/plain",
                        "sha256": hashlib.sha256(AT.isoformat().encode()).hexdigest(),
                    },
                    "same/constant.txt": {
                        "media_type": "text/plain",
                        "sha256": hashlib.sha256(b"constant").hexdigest(),
                    },
                }
            },
        }


class TestPrevious:
    def test_first_build_then_the_previous_files(
        self, cambridge: Partnership, tmp_path: Path
    ) -> None:
        """Empty on a first build; then exactly the files this publisher made last time, not
        another publisher's, not the council's own."""
        out = tmp_path / "out"
        recorder = _Recorder()
        other = _Renamed(Echo(), "other", "other.json")
        build(cambridge, out, AT, registry=_registered(recorder, other))
        (out / "mine.txt").write_text("the council's own file")
        changed = _Recorder(files=(("a.txt", b"new"),), seen=recorder.seen)
        build(cambridge, out, AT, registry=_registered(changed, other))
        build(cambridge, out, AT, registry=_registered(changed, other))
        assert recorder.seen == [
            {},
            {"a.txt": b"first", "sub/b.txt": b"second"},
            {"a.txt": b"new"},
        ]

    def test_only_safe_manifest_paths_are_read(
        self, cambridge: Partnership, tmp_path: Path
    ) -> None:
        """Paths in a tampered manifest that lead outside, through a link, to a hidden file,
        or to bytes that no longer have the recorded digest are never read."""
        out = tmp_path / "out"
        secret = b"a file outside the output folder"
        (tmp_path / "secret.txt").write_bytes(secret)
        recorder = _Recorder()
        build(cambridge, out, AT, registry=_registered(recorder))
        (out / "link.txt").symlink_to(tmp_path / "secret.txt")
        (out / "linked").symlink_to(tmp_path)
        (out / ".hidden").write_bytes(secret)
        (out / "sub/b.txt").write_bytes(b"edited by hand")
        data = json.loads((out / MANIFEST).read_text())
        digest = hashlib.sha256(secret).hexdigest()
        for path in ("../secret.txt", "link.txt", "linked/secret.txt", ".hidden", "/etc/x"):
            data["files"]["rec"][path] = {"sha256": digest, "media_type": "text/plain"}
        (out / MANIFEST).write_text(json.dumps(data))
        build(cambridge, out, AT, registry=_registered(recorder))
        assert recorder.seen[-1] == {"a.txt": b"first"}

    def test_foreign_folder_gives_nothing(self, cambridge: Partnership, tmp_path: Path) -> None:
        """A folder no build made (built into with --force): nothing previous."""
        out = tmp_path / "out"
        out.mkdir()
        (out / "a.txt").write_bytes(b"first")
        recorder = _Recorder()
        build(cambridge, out, AT, registry=_registered(recorder), force=True)
        assert recorder.seen == [{}]

    def test_limited_in_size(
        self, cambridge: Partnership, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file over the per-file limit, or past the total, is left out."""
        import csp_core.build as module

        out = tmp_path / "out"
        recorder = _Recorder(files=(("a.txt", b"12345"), ("b.txt", b"123"), ("c.txt", b"1234")))
        build(cambridge, out, AT, registry=_registered(recorder))
        monkeypatch.setattr(module, "PREVIOUS_FILE_LIMIT", 4)
        monkeypatch.setattr(module, "PREVIOUS_LIMIT", 6)
        build(cambridge, out, AT, registry=_registered(recorder))
        assert recorder.seen[-1] == {"b.txt": b"123"}
