"""Running publishers and writing their files: atomically, deterministically, safely.

``build`` renders every selected publisher from the public view in memory first.  Only then is
anything written, and only into an output folder that is safe to replace (see
``docs/output-folder.md``): never a file, the data, the filesystem root or the home folder,
and never a non-empty folder that no earlier build made unless ``force`` is given.

Writing happens under a lock (``.NAME.csp-lock`` beside the output folder) into a staging
folder beside it (``.NAME.csp-staging-XXXX``, recognised by a marker file inside): a copy of the
previous output, less the files each successful publisher made last time and no longer makes,
plus their new files.  The staging copy then takes the output folder's place by an atomic
exchange (``renameat2(RENAME_EXCHANGE)`` on Linux, ``renamex_np(RENAME_SWAP)`` on macOS), so
at every instant the output folder holds a complete build; where no exchange exists, two
renames are used and the next build repairs an interruption between them.  The previous build,
now in the staging folder, is then removed, and the next build removes what a killed build
left.  Files no publisher made are carried over; a publisher that raises keeps its previous
files while the others are updated.

A manifest, ``.csp-build.json`` in the output folder, records which publisher made which file
(with its SHA-256 and media type), so stale files can be removed and ``csp serve`` can serve
each file with the type its publisher declared and its digest as ETag.  It holds no
timestamps: the same data and instant give byte-identical files.  A path read from it is only
ever removed, or read back, when it names a regular file inside the output folder reached
through real folders (no ``..``, no absolute path, no symbolic link).

Writes are incremental: a file whose bytes did not change is the previous build's copy, with
its modification time (and a folder whose entries did not change keeps its time too), so web
servers keep answering conditional requests with 304 across scheduled rebuilds.  Each
publisher is given the files it made in the previous build (``BuildContext.previous``).

The address the output is served from is ``base_url`` when given, else the partnership's
``site``; without either the result carries a warning.
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import datetime as dt
import errno
import functools
import hashlib
import itertools
import json
import math
import os
import pickle
import re
import shutil
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Final

import attrs

from csp_core.combining import CombinedContext, combiner_of, language_folders, set_languages
from csp_core.errors import BuildError, CspError, OptionError, OutputError, PublisherError
from csp_core.model import Partnership
from csp_core.plugins import Registered, publishers
from csp_core.public import PublicView, public_view
from csp_core.publishing import BuildContext, OutputFile, language_prefix, parse_options

if sys.platform != "win32":
    import fcntl

__all__ = [
    "LOCK_WAIT",
    "MANIFEST",
    "PREVIOUS_FILE_LIMIT",
    "PREVIOUS_LIMIT",
    "BuildError",
    "BuildResult",
    "Failure",
    "OutputError",
    "Written",
    "build",
    "build_many",
    "read_manifest",
]

MANIFEST = ".csp-build.json"
LOCK_WAIT = 60.0
"""How many seconds a build waits, by default, for another build of the same folder."""

PREVIOUS_FILE_LIMIT = 32 * 1024 * 1024
"""The largest previous file given back to its publisher (``BuildContext.previous``): 32 MiB."""
PREVIOUS_LIMIT = 256 * 1024 * 1024
"""The most bytes of previous files given back to one publisher: 256 MiB."""

_MARKER = ".csp-staging"
_TREE = "tree"
_OLD = "old"
_MANIFEST_LIMIT = 64 * 1024 * 1024
_PAUSE_AT = "CSP_BUILD_PAUSE_AT"
_PAUSE_SECONDS = "CSP_BUILD_PAUSE_SECONDS"
_NO_EXCHANGE = "CSP_BUILD_NO_EXCHANGE"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # Linux <linux/fs.h>
_RENAME_SWAP = 2  # macOS <stdio.h>
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)

#: Every message about the output folder, in one place.  Refusals (``BuildError``, exit 2)
#: touch nothing; environment problems (``OutputError``, exit 3) leave the previous output.
_MESSAGES: Final[Mapping[str, str]] = {
    "file": "output folder {out} is a file; give a folder",
    "not-folder": "output folder {out} is not a folder",
    "blocked": "output folder {out} cannot be made: {blocker} is not a folder",
    "root": "output folder {out} is the root of the filesystem; give a folder of its own",
    "home": "output folder {out} is your home folder; give a folder of its own",
    "tilde": "output folder {out} starts with '~', which is not expanded here (your home "
    "folder?); give the folder's path",
    "above-home": "output folder {out} holds your home folder {home}; give a folder of its own",
    "data": "output folder {out} is the data {data}; give another folder",
    "in-data": "output folder {out} is inside the data folder {data}; give a folder outside it",
    "above-data": "output folder {out} holds the data {data}; give a folder outside it",
    "mount": "output folder {out} is a mount point, which cannot be replaced atomically; "
    "give a folder inside it",
    "foreign": "output folder {out} is not empty and no earlier build made it (no valid "
    f"{MANIFEST}); empty it, give another folder, or use --force to build into it "
    "(its files are kept)",
    "clash": "{path} was not made by an earlier build and publisher {publisher!r} writes it; "
    "move it away, or use --force to overwrite it",
    "in-the-way": "{path} is {what}, in the way of {file}, which publisher {publisher!r} "
    "writes; move it away",
    "special": "{path} is not a file, folder or symbolic link, so the build cannot keep it; "
    "move it away",
    "wait": "the lock wait (--wait) must be a number of seconds, 0 or more, not {wait!r}",
    "busy": "output folder {out} is being written by another build; gave up after waiting "
    "{wait:g} s for {lock}",
    "os": "cannot write output folder {out}: {where}{reason}; the previous output is unchanged",
    "stranded": "output folder {out} was moved to {old} and could not be put back ({reason}); "
    "the next build puts it back",
    "no-address": "no publishing address: links in the outputs stay relative, feeds have no "
    "self links, calendars no SOURCE, pages no webcal: subscribe links; add "
    'site = "https://..." (where {out} is served) to the partnership\'s data, or build '
    "with --base-url URL",
}

_KINDS: Final[Mapping[int, str]] = {
    stat.S_IFREG: "a file",
    stat.S_IFDIR: "a folder",
    stat.S_IFLNK: "a symbolic link",
}


class _StrandedError(OutputError):
    """The two-rename fallback moved the output aside and could not put it back."""


def _show(path: str | os.PathLike[str]) -> str:
    text = os.fspath(path)
    return text if text.isprintable() else repr(text)


def _say(key: str, **fields: object) -> str:
    shown = {
        name: _show(value) if isinstance(value, os.PathLike) else value
        for name, value in fields.items()
    }
    return _MESSAGES[key].format(**shown)


@attrs.frozen(kw_only=True)
class Written:
    """A file the build wrote."""

    publisher: str
    path: str
    media_type: str
    items: int
    size: int
    changed: bool = True
    """Whether its bytes differ from the previous build's (else that file was kept, mtime and
    all)."""


@attrs.frozen(kw_only=True)
class Failure:
    """A publisher that raised; its previous files were kept."""

    publisher: str
    plugin: str
    message: str
    error: PublisherError | None = attrs.field(default=None, eq=False, repr=False)
    """The error, with the publisher's own exception as its ``__cause__`` (and traceback)."""


@attrs.frozen(kw_only=True)
class BuildResult:
    """What a build did."""

    out: Path
    written: tuple[Written, ...]
    removed: tuple[str, ...]
    """Files a publisher made last time and no longer makes."""
    failures: tuple[Failure, ...]
    replaced: tuple[str, ...] = ()
    """Files no earlier build made that a publisher overwrote (only with ``force``)."""
    base_url: str | None = None
    """The address the output is served from, as given to the publishers (ending in ``/``)."""
    warnings: tuple[str, ...] = ()
    """Problems that did not stop the build, one line each: no publishing address."""

    @property
    def ok(self) -> bool:
        """Whether every publisher succeeded."""
        return not self.failures


def _select(registry: Mapping[str, Registered], only: Sequence[str] | None) -> list[Registered]:
    if only is None:
        return list(registry.values())
    unknown = [name for name in only if name not in registry]
    if unknown:
        known = ", ".join(registry) or "none installed"
        msg = f"unknown publisher {', '.join(map(repr, unknown))} (installed: {known})"
        raise BuildError(msg)
    return [registry[name] for name in registry if name in only]


def _options(
    selected: list[Registered], given: Mapping[str, Mapping[str, str]]
) -> dict[str, dict[str, object]]:
    """Every selected publisher's options, parsed, before any publisher runs."""
    names = {entry.publisher.name for entry in selected}
    for publisher, values in given.items():
        if publisher not in names:
            known = ", ".join(sorted(names)) or "none"
            msg = f"{publisher!r} is not a publisher being run (publishers: {known})"
            raise OptionError(publisher, min(values, default=None), msg)
    return {
        entry.publisher.name: parse_options(entry.publisher, given.get(entry.publisher.name, {}))
        for entry in selected
    }


def _render(
    entry: Registered, context: BuildContext
) -> tuple[list[OutputFile] | None, Failure | None]:
    try:
        files = list(entry.publisher.render(context))
        for file in files:
            if not isinstance(file, OutputFile):
                msg = f"returned {type(file).__name__}, not OutputFile"
                raise TypeError(msg)
    except Exception as error:  # noqa: BLE001 - a publisher's failure is reported, not raised
        message = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        failure = PublisherError(entry.publisher.name, entry.plugin, message)
        failure.__cause__ = error
        return None, Failure(
            publisher=entry.publisher.name, plugin=entry.plugin, message=message, error=failure
        )
    return files, None


def _clashes(rendered: dict[str, list[OutputFile]]) -> list[Failure]:
    owner: dict[str, str] = {}
    failures: list[Failure] = []
    for name, files in rendered.items():
        paths = [file.path for file in files]
        written = collections.Counter(paths)  # counted once: a page per meeting makes many paths
        clash = next((p for p in paths if p in owner or written[p] > 1 or p == MANIFEST), None)
        if clash is not None:
            other = owner.get(clash, name)
            message = f"writes {clash!r}, which {other!r} also writes"
            failures.append(Failure(publisher=name, plugin=name, message=message))
            continue
        owner.update((path, name) for path in paths)
    return failures


Entry = dict[str, str]
"""A manifest entry: ``{"sha256": ..., "media_type": ...}``."""

Manifest = dict[str, dict[str, Entry]]
"""Per publisher, the files it made: ``{publisher: {path: entry}}``."""


def _relative(path: str) -> bool:
    """Whether ``path`` is one a publisher may write: relative, plain, inside the folder."""
    parts = path.split("/")
    return not (
        not path
        or path.startswith("/")
        or "\\" in path
        or "\0" in path
        or any(part in {"", ".", ".."} for part in parts)
        or parts[0].startswith(".")
    )


def _read_small(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file (not a link) of at most ``limit`` bytes, else ``None``."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as file:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            data = file.read(limit + 1)
        except OSError:
            return None
    return data if len(data) <= limit else None


def _parse_manifest(out: Path) -> Manifest | None:
    """The manifest in ``out`` if csp-core wrote it; ``None`` when absent or of another shape."""
    raw = _read_small(out / MANIFEST, _MANIFEST_LIMIT)
    if raw is None:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("generator") != "csp-core":
        return None
    files = data.get("files")
    if not isinstance(files, dict):
        return None
    manifest: Manifest = {}
    for name, entries in files.items():
        if not isinstance(entries, dict):
            return None
        manifest[name] = {}
        for path, entry in entries.items():
            if not (
                isinstance(entry, dict)
                and isinstance(entry.get("sha256"), str)
                and isinstance(entry.get("media_type"), str)
            ):
                return None
            manifest[name][path] = {"sha256": entry["sha256"], "media_type": entry["media_type"]}
    return manifest


def read_manifest(out: Path) -> dict[str, dict[str, Entry]]:
    """Which publisher made which file in ``out``, with its digest and media type.

    An absent, unreadable or malformed manifest reads as empty; entries whose path is not a
    plain relative path inside ``out`` are left out.
    """
    manifest = _parse_manifest(Path(out)) or {}
    return {
        name: {path: entry for path, entry in entries.items() if _relative(path)}
        for name, entries in manifest.items()
    }


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _regular_inside(root: Path, path: str) -> Path | None:
    """``root/path`` if it is a regular file reached through real folders, else ``None``."""
    if not _relative(path):
        return None
    current = root
    parts = path.split("/")
    try:
        for part in parts[:-1]:
            current /= part
            if not stat.S_ISDIR(os.lstat(current).st_mode):
                return None
        current /= parts[-1]
        if not stat.S_ISREG(os.lstat(current).st_mode):
            return None
        inside = Path(os.path.realpath(current)).is_relative_to(os.path.realpath(root))
    except (OSError, ValueError):
        return None
    return current if inside else None


def _previous_files(target: _Target, publisher: str) -> dict[str, bytes]:
    """The files ``publisher`` made in the previous build of the output folder, by path.

    Only manifest paths naming a regular file inside the folder (reached through real
    folders) are read, of at most :data:`PREVIOUS_FILE_LIMIT` bytes each and
    :data:`PREVIOUS_LIMIT` in all, and only when their bytes still have the digest the
    manifest recorded: what the publisher made, not what someone put there since.
    """
    found: dict[str, bytes] = {}
    if not target.exists:
        return found
    total = 0
    for path, entry in sorted(target.previous.get(publisher, {}).items()):
        file = _regular_inside(target.path, path)
        data = None if file is None else _read_small(file, PREVIOUS_FILE_LIMIT)
        if data is None or total + len(data) > PREVIOUS_LIMIT:
            continue
        if hashlib.sha256(data).hexdigest() == entry["sha256"]:
            found[path] = data
            total += len(data)
    return found


@attrs.frozen(kw_only=True)
class _Target:
    """The output folder: as given, resolved, and what an earlier build left in it."""

    shown: Path
    path: Path
    exists: bool
    previous: Manifest


def _resolve(path: Path) -> Path:
    return Path(os.path.realpath(os.path.abspath(path)))


def _home() -> Path | None:
    home = os.path.expanduser("~")
    return None if not home or home.startswith("~") else _resolve(Path(home))


def _where(shown: Path, path: Path) -> str:
    """The output folder as given, with where it leads when a link or ``..`` hides that."""
    given = os.path.abspath(shown)
    return _show(shown) if given == str(path) else f"{_show(shown)} (= {_show(path)})"


def _check_place(shown: Path, path: Path, sources: Sequence[Path]) -> None:
    """Refuse folders that must never be replaced, whatever they hold."""
    out = _where(shown, path)
    if os.fspath(shown).startswith("~"):
        raise BuildError(_say("tilde", out=shown))
    if path == Path(path.anchor):
        raise BuildError(_say("root", out=out))
    home = _home()
    if home is not None and path == home:
        raise BuildError(_say("home", out=out))
    if home is not None and home.is_relative_to(path):
        raise BuildError(_say("above-home", out=out, home=home))
    for source in sources:
        kind = "folder" if _resolve(source).is_dir() else "file"
        # Both where the data is, and where its name is when it is a link to elsewhere.
        for data in (_resolve(source), _resolve(source.parent) / source.name):
            if path == data:
                raise BuildError(_say("data", out=out, data=f"{kind} {_show(source)}"))
            if path.is_relative_to(data):
                raise BuildError(_say("in-data", out=out, data=source))
            if data.is_relative_to(path):
                raise BuildError(_say("above-data", out=out, data=f"{kind} {_show(source)}"))


def _inspect(shown: Path, path: Path, *, force: bool) -> _Target:
    """What is at the output folder now; refuse what is not a folder or not ours."""
    out = _where(shown, path)
    info = _lstat(path)
    if info is None:
        for ancestor in path.parents:
            found = _lstat(ancestor)
            if found is not None:
                if not stat.S_ISDIR(found.st_mode):
                    raise BuildError(_say("blocked", out=out, blocker=ancestor))
                break
        return _Target(shown=shown, path=path, exists=False, previous={})
    if stat.S_ISREG(info.st_mode):
        raise BuildError(_say("file", out=out))
    if not stat.S_ISDIR(info.st_mode):
        raise BuildError(_say("not-folder", out=out))
    if os.path.ismount(path):
        raise BuildError(_say("mount", out=out))
    manifest = _parse_manifest(path)
    if manifest is None:
        with os.scandir(path) as entries:
            empty = next(entries, None) is None
        if not empty and not force:
            raise BuildError(_say("foreign", out=out))
    return _Target(shown=shown, path=path, exists=True, previous=manifest or {})


def _environment(shown: Path, error: OSError) -> OutputError:
    where = f"{_show(error.filename)}: " if error.filename else ""
    reason = error.strerror or str(error) or type(error).__name__
    return OutputError(_say("os", out=shown, where=where, reason=reason))


def _step(name: str) -> None:
    """A test hook: with ``CSP_BUILD_PAUSE_AT`` set, announce each step on stderr.

    At the steps the variable lists, comma-separated, the process stops itself (``SIGSTOP``)
    so that a test can kill it there (``SIGKILL``) or let it go on (``SIGCONT``); with
    ``CSP_BUILD_PAUSE_SECONDS`` set, it sleeps that long instead.
    """
    setting = os.environ.get(_PAUSE_AT)
    if setting is None or sys.stderr is None:
        return
    sys.stderr.write(f"csp-build-step: {name}\n")
    sys.stderr.flush()
    if name not in setting.split(","):
        return
    with contextlib.suppress(ValueError):
        time.sleep(float(os.environ.get(_PAUSE_SECONDS, "")))
        return
    if sys.platform != "win32":
        os.kill(os.getpid(), signal.SIGSTOP)


def _same_file(fd: int, path: Path) -> bool:
    found = _lstat(path)
    opened = os.fstat(fd)
    return found is not None and (found.st_dev, found.st_ino) == (opened.st_dev, opened.st_ino)


@contextlib.contextmanager
def _locked(target: _Target, wait: float) -> Iterator[None]:
    """Hold ``.NAME.csp-lock`` beside the output folder; removed again when released."""
    if sys.platform == "win32":  # pragma: no cover - no flock: builds are not serialised
        yield
        return
    lock = target.path.parent / f".{target.path.name}.csp-lock"
    deadline = time.monotonic() + wait
    busy = False
    while True:
        fd = os.open(lock, os.O_RDONLY | os.O_CREAT | os.O_NONBLOCK | _NOFOLLOW, 0o644)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if not busy:
                        busy = True
                        _step("lock-busy")
                    if time.monotonic() >= deadline:
                        raise OutputError(
                            _say("busy", out=target.shown, wait=wait, lock=lock)
                        ) from None
                    time.sleep(0.05)
            if _same_file(fd, lock):  # not removed by the build that held it
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            if _same_file(fd, lock):
                os.unlink(lock)
        os.close(fd)


def _marker(name: str) -> bytes:
    return (json.dumps({"generator": "csp-core", "staging-for": name}) + "\n").encode()


def _leftovers(target: _Target) -> list[Path]:
    """Staging folders of this output folder left by killed builds: name and marker match.

    A folder of that name is also recognised when it holds nothing but, at most, a partly
    written marker: a build killed while creating it.
    """
    name = target.path.name
    pattern = re.compile(re.escape(f".{name}.csp-staging-") + r"[A-Za-z0-9_]+")
    expected = _marker(name)
    found: list[Path] = []
    try:
        names = sorted(os.listdir(target.path.parent))
    except OSError:
        return found
    for entry in names:
        wrapper = target.path.parent / entry
        info = _lstat(wrapper)
        if not pattern.fullmatch(entry) or info is None or not stat.S_ISDIR(info.st_mode):
            continue
        try:
            inside = set(os.listdir(wrapper))
        except OSError:
            continue
        marker = _read_small(wrapper / _MARKER, len(expected))
        if marker == expected or (
            inside <= {_MARKER}
            and (expected.startswith(marker) if marker is not None else not inside)
        ):
            found.append(wrapper)
    return found


def _writable(tree: Path) -> None:
    """Let the owner remove everything under ``tree`` (folders copied read-only)."""
    for folder, _dirs, _files in os.walk(tree):
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)


def _discard(wrapper: Path) -> None:
    """Remove a staging folder: its contents first, the marker last, so a kill leaves it ours."""
    try:
        for entry in sorted(os.listdir(wrapper)):
            if entry == _MARKER:
                continue
            path = wrapper / entry
            info = os.lstat(path)
            if stat.S_ISDIR(info.st_mode):
                _writable(path)
                shutil.rmtree(path)
            else:
                path.unlink()
        with contextlib.suppress(FileNotFoundError):
            (wrapper / _MARKER).unlink()
        wrapper.rmdir()
    except OSError:
        return


def _recover(target: _Target) -> None:
    """Put back an output folder the two-rename fallback moved aside before being killed."""
    if os.path.lexists(target.path):
        return
    for wrapper in _leftovers(target):
        old = wrapper / _OLD
        info = _lstat(old)
        if info is not None and stat.S_ISDIR(info.st_mode):
            os.rename(old, target.path)
            return


def _copy(target: _Target, tree: Path) -> list[tuple[Path, int]]:
    """Copy the output folder's files, links and folders (not its manifest) into ``tree``.

    Returns the folders' modes, to set once everything is written.
    """
    modes: list[tuple[Path, int]] = []
    pending: list[tuple[Path, Path, str]] = [(target.path, tree, "")]
    while pending:
        source, destination, relative = pending.pop()
        with os.scandir(source) as scanned:
            entries = sorted(scanned, key=lambda entry: entry.name)
        for entry in entries:
            if not relative and entry.name == MANIFEST:
                continue
            here = destination / entry.name
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISLNK(info.st_mode):
                os.symlink(os.readlink(entry.path), here)
                with contextlib.suppress(NotImplementedError, OSError):
                    os.utime(here, ns=_times(info), follow_symlinks=False)
            elif stat.S_ISDIR(info.st_mode):
                os.mkdir(here, 0o700)
                modes.append((here, stat.S_IMODE(info.st_mode)))
                pending.append((Path(entry.path), here, f"{relative}{entry.name}/"))
            elif stat.S_ISREG(info.st_mode):
                shutil.copy2(entry.path, here, follow_symlinks=False)
            else:
                raise BuildError(_say("special", path=target.shown / f"{relative}{entry.name}"))
    return modes


def _obstacle(
    root: Path, file: OutputFile, owned: set[str], *, force: bool
) -> tuple[str, str, str] | None:
    """What stops ``file`` being written under ``root``: ``(message key, path, kind)``."""
    parts = file.path.split("/")
    for index in range(1, len(parts)):
        relative = "/".join(parts[:index])
        info = _lstat(root / relative)
        if info is None:
            return None
        if not stat.S_ISDIR(info.st_mode):
            return "in-the-way", relative, _KINDS.get(stat.S_IFMT(info.st_mode), "a special file")
    info = _lstat(root / file.path)
    if info is None:
        return None
    if stat.S_ISDIR(info.st_mode):
        return "in-the-way", file.path, "a folder"
    if file.path not in owned and not force:
        return "clash", file.path, ""
    return None


def _refuse_obstacle(
    target: _Target, obstacle: tuple[str, str, str], publisher: str, file: OutputFile
) -> BuildError:
    key, relative, kind = obstacle
    return BuildError(
        _say(
            key,
            path=target.shown / relative,
            what=kind,
            file=target.shown / file.path,
            publisher=publisher,
        )
    )


def _owned(root: Path, previous: Manifest) -> set[str]:
    """The manifest's paths that are regular files inside ``root``: what a publisher made."""
    return {
        path
        for entries in previous.values()
        for path in entries
        if _regular_inside(root, path) is not None
    }


def _check_obstacles(
    target: _Target, rendered: dict[str, list[OutputFile]], *, force: bool
) -> None:
    if not target.exists:
        return
    owned = _owned(target.path, target.previous)
    for name, files in rendered.items():
        for file in files:
            obstacle = _obstacle(target.path, file, owned, force=force)
            if obstacle is not None:
                raise _refuse_obstacle(target, obstacle, name, file)


def _prune(tree: Path, folder: Path) -> None:
    """Remove ``folder``, and those above it inside ``tree``, while they are empty."""
    while folder != tree and folder.is_relative_to(tree):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _times(info: os.stat_result) -> tuple[int, int]:
    return info.st_atime_ns, info.st_mtime_ns


def _unchanged(path: Path, content: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link) holding exactly ``content``."""
    return _read_small(path, len(content)) == content


def _keep_folder_times(source: Path, tree: Path) -> None:
    """Keep the times of the folders whose entries did not change.

    Each folder of ``tree`` holding the same names as its twin in ``source`` is given the
    twin's times, so an identical rebuild changes no time in the output folder.
    """
    for folder, _dirs, _files in os.walk(tree):
        here = Path(folder)
        twin = source / here.relative_to(tree)
        info = _lstat(twin)
        if info is None or not stat.S_ISDIR(info.st_mode):
            continue
        with contextlib.suppress(OSError):
            if sorted(os.listdir(twin)) == sorted(os.listdir(here)):
                os.utime(here, ns=_times(info), follow_symlinks=False)


def _create(path: Path, content: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
    with os.fdopen(fd, "wb") as file:
        file.write(content)


def _place(tree: Path, file: OutputFile) -> tuple[bool, bool]:
    """Write ``file`` under ``tree`` unless the copy there already holds its bytes.

    Returns whether something was at its path, and whether that was left as it was.
    """
    here = tree
    for part in file.path.split("/")[:-1]:
        here /= part
        if _lstat(here) is None:
            os.mkdir(here, 0o777)
    here /= file.path.rsplit("/", 1)[-1]
    if _lstat(here) is None:
        _create(here, file.content)
        return False, False
    if _unchanged(here, file.content):
        return True, True
    here.unlink()
    _create(here, file.content)
    return True, False


def _write_manifest(target: _Target, tree: Path, manifest: Manifest) -> None:
    """Write the manifest into ``tree``; with the previous one's times if its bytes are same."""
    text = json.dumps({"generator": "csp-core", "files": manifest}, indent=2, sort_keys=True)
    content = (text + "\n").encode()
    _create(tree / MANIFEST, content)
    old = _lstat(target.path / MANIFEST) if target.exists else None
    if old is not None and _unchanged(target.path / MANIFEST, content):
        os.utime(tree / MANIFEST, ns=_times(old))


@attrs.frozen(kw_only=True)
class _Staged:
    """What staging did: the new tree, and the files removed, replaced and left unchanged."""

    tree: Path
    removed: tuple[str, ...]
    replaced: tuple[str, ...]
    unchanged: frozenset[str]


def _stage(
    target: _Target, wrapper: Path, rendered: dict[str, list[OutputFile]], *, force: bool
) -> _Staged:
    """Fill ``wrapper/tree`` with the new build.

    The tree starts as a copy of the output folder (times kept); a file whose bytes did not
    change stays that copy, and only changed files are written anew.
    """
    _create(wrapper / _MARKER, _marker(target.path.name))
    _step("staging")
    tree = wrapper / _TREE
    os.mkdir(tree, 0o777)
    modes = _copy(target, tree) if target.exists else []
    _step("copied")
    owned = _owned(tree, target.previous)
    now = {file.path for files in rendered.values() for file in files}
    kept = owned - now
    manifest: Manifest = {
        name: {path: entry for path, entry in entries.items() if path in kept}
        for name, entries in target.previous.items()
        if name not in rendered
    }
    removed: list[str] = []
    for name, files in rendered.items():
        stale = set(target.previous.get(name, {})) - {file.path for file in files}
        for path in sorted(stale & kept):
            found = _regular_inside(tree, path)
            if found is not None:
                found.unlink()
                removed.append(path)
                _prune(tree, found.parent)
    replaced: list[str] = []
    unchanged: set[str] = set()
    for name, files in rendered.items():
        manifest[name] = {}
        for file in files:
            obstacle = _obstacle(tree, file, owned, force=force)
            if obstacle is not None:
                raise _refuse_obstacle(target, obstacle, name, file)
            existed, same = _place(tree, file)
            if existed and file.path not in owned:
                replaced.append(file.path)
            if same:
                unchanged.add(file.path)
            manifest[name][file.path] = {
                "sha256": hashlib.sha256(file.content).hexdigest(),
                "media_type": file.media_type,
            }
        _step("writing")
    _write_manifest(target, tree, manifest)
    for folder, mode in reversed(modes):
        with contextlib.suppress(FileNotFoundError):  # emptied by removals, so removed
            os.chmod(folder, mode)
    if target.exists:
        os.chmod(tree, stat.S_IMODE(os.stat(target.path).st_mode))
        _keep_folder_times(target.path, tree)
    _step("written")
    return _Staged(
        tree=tree,
        removed=tuple(removed),
        replaced=tuple(replaced),
        unchanged=frozenset(unchanged),
    )


@functools.cache
def _exchanger() -> Callable[[bytes, bytes], int] | None:
    """The C library's atomic exchange of two paths, where it has one."""
    if sys.platform not in {"linux", "darwin"}:
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - no C library to ask
        return None
    if sys.platform == "linux":
        renameat2 = getattr(libc, "renameat2", None)
        if renameat2 is None:
            return None
        renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p)
        renameat2.argtypes += (ctypes.c_uint,)
        renameat2.restype = ctypes.c_int

        def exchange(first: bytes, second: bytes) -> int:
            return int(renameat2(_AT_FDCWD, first, _AT_FDCWD, second, _RENAME_EXCHANGE))

        return exchange
    renamex_np = getattr(libc, "renamex_np", None)  # pragma: no cover - macOS
    if renamex_np is None:  # pragma: no cover
        return None
    renamex_np.argtypes = (ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint)  # pragma: no cover
    renamex_np.restype = ctypes.c_int  # pragma: no cover

    def swap(first: bytes, second: bytes) -> int:  # pragma: no cover
        return int(renamex_np(first, second, _RENAME_SWAP))

    return swap  # pragma: no cover


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically; ``False`` when the system or filesystem cannot."""
    if os.environ.get(_NO_EXCHANGE, "") not in {"", "0"}:
        return False
    exchange = _exchanger()
    if exchange is None:
        return False
    if exchange(os.fsencode(first), os.fsencode(second)) == 0:
        return True
    code = ctypes.get_errno()
    if code in {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}:
        return False
    raise OSError(code, os.strerror(code), os.fspath(second))


def _swap(target: _Target, wrapper: Path, tree: Path) -> None:
    """Put ``tree`` in the output folder's place; on an error, nothing has changed."""
    if not os.path.lexists(target.path):
        os.rename(tree, target.path)
        return
    if _exchange(tree, target.path):
        return
    old = wrapper / _OLD
    os.rename(target.path, old)
    _step("moved-aside")
    try:
        os.rename(tree, target.path)
    except OSError as error:
        try:
            os.rename(old, target.path)
        except OSError:
            reason = error.strerror or str(error)
            raise _StrandedError(
                _say("stranded", out=target.shown, old=old, reason=reason)
            ) from None
        raise


def _write(
    target: _Target,
    rendered: dict[str, list[OutputFile]],
    *,
    sources: Sequence[Path],
    force: bool,
    wait: float,
) -> _Staged:
    """Write ``rendered`` over the previous output; return what staging did."""
    try:
        _check_obstacles(target, rendered, force=force)
        target.path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(target, wait):
            _step("locked")
            _recover(target)
            _check_place(target.shown, target.path, sources)
            target = _inspect(target.shown, target.path, force=force)
            for leftover in _leftovers(target):
                _discard(leftover)
            _step("cleaned")
            wrapper = Path(
                tempfile.mkdtemp(prefix=f".{target.path.name}.csp-staging-", dir=target.path.parent)
            )
            try:
                staged = _stage(target, wrapper, rendered, force=force)
                _swap(target, wrapper, staged.tree)
            except _StrandedError:
                raise
            except BaseException:
                _discard(wrapper)
                raise
            _step("exchanged")
            _discard(wrapper)
            _step("done")
    except OSError as error:
        raise _environment(target.shown, error) from None
    return staged


def build(
    partnership: Partnership,
    out: str | os.PathLike[str],
    at: dt.datetime,
    *,
    only: Sequence[str] | None = None,
    options: Mapping[str, Mapping[str, str]] | None = None,
    base_url: str | None = None,
    registry: Mapping[str, Registered] | None = None,
    source: str | os.PathLike[str] | None = None,
    force: bool = False,
    wait: float = LOCK_WAIT,
) -> BuildResult:
    """Render the selected publishers at ``at`` and write their files into ``out``.

    Args:
        partnership: the partnership to publish.
        out: the output folder; created if missing, replaced atomically.
        at: the instant the outputs describe (timezone-aware).
        only: publisher names to run; all installed ones when ``None``.
        options: per publisher, option values overriding the declared defaults.
        base_url: the address ``out`` will be served from; the partnership's ``site`` when
            ``None`` (a trailing ``/`` is added).  With neither, the result has a warning.
        registry: the publishers to choose from; the installed plugins' when ``None``.
        source: the data file or folder the partnership was loaded from; ``out`` may not be
            it, inside it or above it.
        force: build into a non-empty folder no earlier build made (its files are kept), and
            overwrite files no earlier build made where a publisher writes.
        wait: how many seconds to wait while another build writes ``out``.

    Raises:
        BuildError: an unknown publisher or option, or an output folder that must not be
            replaced (nothing was touched).
        OutputError: the output folder could not be written, or another build kept it busy
            (a ``BuildError``; the previous output is unchanged).
    """
    registry = publishers() if registry is None else registry
    selected = _select(registry, only)
    resolved = _options(selected, options or {})
    _check_wait(wait)
    shown = Path(out)
    sources = () if source is None else (Path(source),)
    target = _target(shown, sources, force=force)
    address = _address(base_url or partnership.site)
    warnings = () if address else (_say("no-address", out=shown),)
    previous = {
        entry.publisher.name: _previous_files(target, entry.publisher.name) for entry in selected
    }
    rendered, failures = _render_partnership(
        partnership, at, selected=selected, resolved=resolved, address=address, previous=previous
    )
    return _finish(
        target,
        rendered,
        failures,
        registry,
        sources=sources,
        force=force,
        wait=wait,
        base_url=address,
        warnings=warnings,
    )


def _check_wait(wait: float) -> None:
    if (
        isinstance(wait, bool)
        or not isinstance(wait, int | float)
        or not (math.isfinite(wait) and wait >= 0)
    ):
        raise BuildError(_say("wait", wait=wait))


def _target(shown: Path, sources: Sequence[Path], *, force: bool) -> _Target:
    """The output folder, refused before anything is rendered if it must not be replaced."""
    try:
        path = _resolve(shown)
        _check_place(shown, path, sources)
        return _inspect(shown, path, force=force)
    except OSError as error:
        raise _environment(shown, error) from None


def _address(address: str | None) -> str | None:
    if address is not None and not address.endswith("/"):
        address += "/"
    return address


def _render_partnership(
    partnership: Partnership,
    at: dt.datetime,
    *,
    selected: Sequence[Registered],
    resolved: Mapping[str, Mapping[str, object]],
    address: str | None,
    previous: Mapping[str, Mapping[str, bytes]],
    seen: dict[tuple[str, str], PublicView] | None = None,
) -> tuple[dict[str, list[OutputFile]], list[Failure]]:
    """Every selected publisher's files for one partnership, in each of its languages.

    ``previous`` holds, per publisher, the files it made last time at the same paths (this
    partnership's, relative to where its outputs go).  A publisher that raises in any
    language is left out and reported.  Each view made is added to ``seen`` (by id and
    language), so the combined outputs of a set use the same views.
    """
    languages = partnership.languages
    views = [public_view(partnership, at, tag) for tag in languages]
    if seen is not None:
        seen.update(((partnership.id, view.language.tag), view) for view in views)
    rendered: dict[str, list[OutputFile]] = {}
    failures: list[Failure] = []
    for entry in selected:
        before = previous.get(entry.publisher.name, {})
        made: list[OutputFile] = []
        for view in views:
            prefix = language_prefix(languages, view.language.tag)
            others = [
                language_prefix(languages, tag) for tag in languages if tag != view.language.tag
            ]
            context = BuildContext(
                view=view,
                options=resolved[entry.publisher.name],
                base_url=None if address is None else address + prefix,
                previous={
                    path.removeprefix(prefix): data
                    for path, data in before.items()
                    if path.startswith(prefix)
                    and not any(other and path.startswith(other) for other in others)
                },
                languages=languages,
            )
            files, failure = _render(entry, context)
            if failure is not None:
                failures.append(failure)
                break
            made += [attrs.evolve(file, path=prefix + file.path) for file in files or ()]
        else:
            rendered[entry.publisher.name] = sorted(made, key=lambda file: file.path)
    return rendered, failures


def _finish(
    target: _Target,
    rendered: dict[str, list[OutputFile]],
    failures: list[Failure],
    registry: Mapping[str, Registered],
    *,
    sources: Sequence[Path],
    force: bool,
    wait: float,
    base_url: str | None,
    warnings: tuple[str, ...],
) -> BuildResult:
    """Write what was rendered (publishers that clash left out) and say what was done."""
    for failure in _clashes(rendered):
        failures.append(attrs.evolve(failure, plugin=registry[failure.publisher].plugin))
        rendered.pop(failure.publisher, None)
    staged = None
    if rendered:
        staged = _write(target, rendered, sources=sources, force=force, wait=wait)
    unchanged = staged.unchanged if staged is not None else frozenset()
    return BuildResult(
        out=target.shown,
        written=tuple(
            Written(
                publisher=name,
                path=file.path,
                media_type=file.media_type,
                items=file.items,
                size=len(file.content),
                changed=file.path not in unchanged,
            )
            for name, files in rendered.items()
            for file in files
        ),
        removed=staged.removed if staged is not None else (),
        replaced=staged.replaced if staged is not None else (),
        failures=tuple(failures),
        base_url=base_url,
        warnings=warnings,
    )


@attrs.frozen(kw_only=True)
class _Job:
    """One partnership's rendering, as sent to a worker process."""

    partnership: Partnership
    at: dt.datetime
    names: tuple[str, ...]
    """The publishers to run, by name."""
    options: Mapping[str, Mapping[str, str]]
    """The options as given (text), parsed again in the worker."""
    address: str | None
    previous: Mapping[str, Mapping[str, bytes]]
    entries: tuple[Registered, ...] | None
    """The publishers themselves, when they can be sent; else the worker loads the installed
    plugins and takes the same publishers by name."""


_worker_registry: dict[str, Registered] | None = None


def _run_job(job: _Job) -> tuple[dict[str, list[OutputFile]], list[tuple[str, str, str]]]:
    """Render one partnership in a worker process (see :func:`build_many`)."""
    global _worker_registry  # noqa: PLW0603 - one plugin load per worker process
    if job.entries is not None:
        selected = list(job.entries)
    else:
        if _worker_registry is None:
            _worker_registry = publishers()
        selected = [_worker_registry[name] for name in job.names]
    resolved = _options(selected, job.options)
    rendered, failures = _render_partnership(
        job.partnership,
        job.at,
        selected=selected,
        resolved=resolved,
        address=job.address,
        previous=job.previous,
    )
    return rendered, [(f.publisher, f.plugin, f.message) for f in failures]


def _sendable(value: object) -> bool:
    """Whether ``value`` can be sent to another process."""
    try:
        pickle.dumps(value)
    except Exception:  # noqa: BLE001 - whatever pickling raises, it cannot be sent
        return False
    return True


def _shipped(selected: Sequence[Registered]) -> tuple[tuple[Registered, ...] | None, bool]:
    """How workers get the publishers.

    ``(entries, True)``: sent as they are; ``(None, True)``: loaded again in each worker (the
    same installed publishers); ``(None, False)``: they cannot be, so render in this process.
    """
    if _sendable(tuple(selected)):
        return tuple(selected), True
    try:
        installed = publishers()
    except CspError:
        return None, False
    same = all(
        entry.publisher.name in installed
        and type(installed[entry.publisher.name].publisher) is type(entry.publisher)
        for entry in selected
    )
    return None, same


def _combine(
    entry: Registered,
    partnerships: Sequence[Partnership],
    at: dt.datetime,
    *,
    options: Mapping[str, object],
    addresses: Sequence[str | None],
    address: str | None,
    previous: Mapping[str, bytes],
    seen: dict[tuple[str, str], PublicView],
) -> tuple[list[OutputFile], Failure | None]:
    """The publisher's combined files of the set, in every language (see docs/county.md).

    Each member's view is taken from ``seen`` (by id and language), or made once and added.
    """
    combine = combiner_of(entry.publisher)
    if combine is None:
        return [], None
    languages = set_languages(partnerships)
    member_prefixes = {f"{partnership.id}/" for partnership in partnerships}
    made: list[OutputFile] = []
    for tag in languages:
        prefix = language_prefix(languages, tag)
        others = [language_prefix(languages, other) for other in languages if other != tag]
        members = []
        for partnership, own in zip(partnerships, addresses, strict=True):
            shown = tag if tag in partnership.languages else partnership.languages[0]
            view = seen.get((partnership.id, shown))
            if view is None:
                view = seen[(partnership.id, shown)] = public_view(partnership, at, shown)
            members.append(
                BuildContext(
                    view=view,
                    options=options,
                    base_url=None
                    if own is None
                    else own + language_prefix(partnership.languages, shown),
                    languages=partnership.languages,
                )
            )
        context = CombinedContext(
            members=tuple(members),
            language=tag,
            languages=languages,
            options=options,
            base_url=None if address is None else address + prefix,
            previous={
                path.removeprefix(prefix): data
                for path, data in previous.items()
                if path.startswith(prefix)
                and not any(path.startswith(member) for member in member_prefixes)
                and not any(other and path.startswith(other) for other in others)
            },
        )
        try:
            files = list(combine(context))
            for file in files:
                if not isinstance(file, OutputFile):
                    msg = f"returned {type(file).__name__}, not OutputFile"
                    raise TypeError(msg)
        except Exception as error:  # noqa: BLE001 - a publisher's failure is reported
            message = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
            message += " (combined outputs)"
            failure = _failure(entry.publisher.name, entry.plugin, message)
            return [], failure
        made += [attrs.evolve(file, path=prefix + file.path) for file in files]
    return sorted(made, key=lambda file: file.path), None


def _add_combined(
    merged: dict[str, list[OutputFile]],
    failures: list[Failure],
    selected: Sequence[Registered],
    partnerships: Sequence[Partnership],
    at: dt.datetime,
    *,
    resolved: Mapping[str, Mapping[str, object]],
    addresses: Sequence[str | None],
    address: str | None,
    earlier: Mapping[str, Mapping[str, bytes]],
    seen: dict[tuple[str, str], PublicView],
) -> None:
    """Add each publisher's combined files to ``merged``; one that fails is left out.

    ``seen``: the members' views already made (by id and language), shared by every publisher.
    """
    for entry in selected:
        name = entry.publisher.name
        if name not in merged:
            continue
        combined, failure = _combine(
            entry,
            partnerships,
            at,
            options=resolved[name],
            addresses=addresses,
            address=address,
            previous=earlier[name],
            seen=seen,
        )
        if failure is not None:
            failures.append(failure)
            merged.pop(name)
            continue
        merged[name] += combined


def _failure(publisher: str, plugin: str, message: str) -> Failure:
    error = PublisherError(publisher, plugin, message)
    return Failure(publisher=publisher, plugin=plugin, message=message, error=error)


def _check_ids(ordered: Sequence[Partnership]) -> None:
    """Each partnership of a set (in order of id) needs an id of its own, not a language's folder.

    Raises:
        BuildError: two have the same id, or one has the id of a language's folder.
    """
    for first, second in itertools.pairwise(ordered):
        if first.id == second.id:
            msg = f"two partnerships have the id {first.id!r}; each needs its own id"
            raise BuildError(msg)
    folders = language_folders(ordered) if len(ordered) > 1 else {}
    for partnership in ordered:
        if partnership.id in folders:
            msg = (
                f"the partnership {partnership.id!r} has the id of the folder of the set's "
                f"{folders[partnership.id]} files; partnerships built together need ids that "
                "are not a language's folder"
            )
            raise BuildError(msg)


def build_many(
    partnerships: Sequence[Partnership],
    out: str | os.PathLike[str],
    at: dt.datetime,
    *,
    only: Sequence[str] | None = None,
    options: Mapping[str, Mapping[str, str]] | None = None,
    base_url: str | None = None,
    registry: Mapping[str, Registered] | None = None,
    sources: Sequence[str | os.PathLike[str]] = (),
    force: bool = False,
    wait: float = LOCK_WAIT,
    jobs: int = 1,
) -> BuildResult:
    """Build several partnerships into one output folder, each under ``<out>/<id>/``.

    Each partnership's outputs are exactly what :func:`build` makes for it alone, with every
    path under its id; the whole set is written at once, with the same guarantees as
    :func:`build` (nothing written unless every publisher was rendered first, the output
    folder replaced atomically, files no publisher made kept).  See docs/county.md.

    Args:
        partnerships: the partnerships, in any order (they are built in order of id); their
            ids must differ.
        out: the output folder; created if missing, replaced atomically.
        at: the instant the outputs describe (timezone-aware), the same for every partnership.
        only: publisher names to run; all installed ones when ``None``.
        options: per publisher, option values overriding the declared defaults (the same for
            every partnership).
        base_url: the address ``out`` will be served from; each partnership's outputs are then
            served from ``base_url`` + its id + ``/``.  When ``None``, each partnership's own
            ``site`` is its address; a partnership with neither gives a warning.
        registry: the publishers to choose from; the installed plugins' when ``None``.
        sources: the data files or folders the partnerships were loaded from; ``out`` may not
            be any of them, inside one or above one.
        force: as for :func:`build`.
        wait: as for :func:`build`.
        jobs: how many partnerships to render at once, each in its own process (1: all in
            this one).  The files are the same whatever the number.

    Raises:
        BuildError: two partnerships share an id, ``jobs`` is not a whole number of 1 or
            more, an unknown publisher or option, or an output folder that must not be
            replaced (nothing was touched).
        OutputError: the output folder could not be written, or another build kept it busy.
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        msg = f"the number of jobs (--jobs) must be a whole number, 1 or more, not {jobs!r}"
        raise BuildError(msg)
    ordered = sorted(partnerships, key=lambda partnership: partnership.id)
    _check_ids(ordered)
    registry = publishers() if registry is None else registry
    selected = _select(registry, only)
    given = {name: dict(values) for name, values in (options or {}).items()}
    resolved = _options(selected, given)
    _check_wait(wait)
    shown = Path(out)
    origins = tuple(Path(source) for source in sources)
    target = _target(shown, origins, force=force)
    address = _address(base_url)
    earlier = {
        entry.publisher.name: _previous_files(target, entry.publisher.name) for entry in selected
    }
    jobs_of: list[_Job] = []
    warnings: list[str] = []
    for partnership in ordered:
        prefix = f"{partnership.id}/"
        own = _address(partnership.site) if address is None else address + prefix
        if own is None:
            warnings.append(_say("no-address", out=shown / partnership.id))
        previous = {
            name: {
                path.removeprefix(prefix): data
                for path, data in files.items()
                if path.startswith(prefix)
            }
            for name, files in earlier.items()
        }
        jobs_of.append(
            _Job(
                partnership=partnership,
                at=at,
                names=tuple(entry.publisher.name for entry in selected),
                options=given,
                address=own,
                previous=previous,
                entries=None,
            )
        )
    workers = min(jobs, len(jobs_of))
    entries, can = _shipped(selected) if workers > 1 else (None, False)
    results: list[tuple[dict[str, list[OutputFile]], list[Failure]]]
    seen: dict[tuple[str, str], PublicView] = {}  # the views of this process, for combining
    if workers > 1 and can:
        # Only a build of many partnerships with --jobs starts processes (docs/performance.md).
        import concurrent.futures  # noqa: PLC0415
        import multiprocessing  # noqa: PLC0415

        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
            sent = [attrs.evolve(job, entries=entries) for job in jobs_of]
            results = [
                (rendered, [_failure(*failure) for failure in failures])
                for rendered, failures in pool.map(_run_job, sent)
            ]
    else:
        results = [
            _render_partnership(
                job.partnership,
                at,
                selected=selected,
                resolved=resolved,
                address=job.address,
                previous=job.previous,
                seen=seen,
            )
            for job in jobs_of
        ]
    merged: dict[str, list[OutputFile]] = {entry.publisher.name: [] for entry in selected}
    failures: list[Failure] = []
    for job, (rendered, failed) in zip(jobs_of, results, strict=True):
        prefix = f"{job.partnership.id}/"
        for failure in failed:
            message = f"{failure.message} (partnership {job.partnership.id!r})"
            failures.append(attrs.evolve(failure, message=message))
            merged.pop(failure.publisher, None)
        for name, files in rendered.items():
            if name in merged:
                merged[name] += [attrs.evolve(file, path=prefix + file.path) for file in files]
    _add_combined(
        merged,
        failures,
        selected,
        ordered,
        at,
        resolved=resolved,
        addresses=[job.address for job in jobs_of],
        address=address,
        earlier=earlier,
        seen=seen,
    )
    return _finish(
        target,
        merged,
        failures,
        registry,
        sources=origins,
        force=force,
        wait=wait,
        base_url=address,
        warnings=tuple(warnings),
    )
