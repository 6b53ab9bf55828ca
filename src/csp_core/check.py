"""Re-reading a built output folder as subscribers would: ``csp check DIR [--previous DIR]``.

The core knows no file format.  It lists the folder's files (the build manifest says which
publisher made which, with its media type; files no publisher made are found by walking the
folder), reads each one — only regular files inside the folder, never through a symbolic link —
and hands it to every registered checker that claims it (:func:`csp_core.checkers.claims`),
with the file at the same path in the ``--previous`` folder when one is given.  Checkers come
from plugins through the ``register_checkers`` hook; ``csp-ical``, ``csp-rss`` and ``csp-html``
register one each.  Every problem is one :class:`Finding`: a file, and a line of words.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Final

import attrs

from csp_core.build import MANIFEST, read_manifest
from csp_core.checkers import CheckedFile, claims
from csp_core.errors import CspError
from csp_core.limits import one_line
from csp_core.plugins import RegisteredChecker

__all__ = ["MAX_FILE_BYTES", "CheckError", "CheckReport", "Finding", "check_folder"]

MAX_FILE_BYTES = 64 * 1024 * 1024
"""The largest file ``csp check`` reads; a larger one is a problem in itself."""

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)

#: Every message of the core's part of ``csp check``, in one place.
_MESSAGES: Final[Mapping[str, str]] = {
    "missing-folder": "{folder}: no such folder; give the output folder of a build (csp build "
    "--out)",
    "not-folder": "{folder} is not a folder; give the output folder of a build (csp build --out)",
    "not-build": "{folder} has no {manifest}, so no build made it; give the output folder of a "
    "build (csp build --out)",
    "previous-missing": "--previous {folder}: no such folder; give a copy of an earlier build",
    "previous-not-folder": "--previous {folder} is not a folder; give a copy of an earlier build",
    "listed-missing": "listed in {manifest} but not a file in the folder: subscribers get 404",
    "vanished": "in the --previous folder but gone now: subscribers of it get 404",
    "too-large": "larger than {limit} MiB; not checked",
    "unreadable": "cannot be read: {reason}",
    "crashed": "checker {checker!r} (plugin {plugin!r}) failed on it: {error}",
}


class CheckError(CspError):
    """``csp check`` was given something that is not an output folder; exit 2."""


@attrs.frozen(kw_only=True)
class Finding:
    """One problem with one file of the output folder."""

    path: str
    """The file, relative to the output folder (POSIX separators)."""
    message: str
    """What is wrong, on one line."""
    checker: str | None = None
    """The checker that found it; ``None`` for what the core found (a missing file, ...)."""

    def line(self, folder: str | os.PathLike[str] = "") -> str:
        """``FILE: problem``, with the file under ``folder`` as the user named it."""
        where = str(Path(folder) / self.path) if str(folder) else self.path
        return one_line(f"{where}: {self.message}")


@attrs.frozen(kw_only=True)
class CheckReport:
    """What ``csp check`` found: every problem, and which files were read."""

    findings: tuple[Finding, ...]
    """In file order, then checker order (by name), then the order each checker gave."""
    checked: tuple[str, ...]
    """The files at least one checker read, in path order."""

    @property
    def ok(self) -> bool:
        """Whether nothing is wrong."""
        return not self.findings


@attrs.frozen(kw_only=True)
class _Tree:
    """The files of a folder: regular files to read, and every path a link may reach."""

    regular: frozenset[str]
    reachable: frozenset[str]
    media_types: Mapping[str, str]


def _listed(root: Path) -> dict[str, str]:
    return {
        path: entry["media_type"]
        for entries in read_manifest(root).values()
        for path, entry in entries.items()
    }


def _walk(root: Path, listed: Mapping[str, str]) -> _Tree:
    """The folder's files, found without following a symbolic link.

    A link reaching a regular file inside the folder counts as reachable (by a local link of
    a page), not as a file to read.  Hidden names are skipped unless the manifest lists
    something there.
    """
    wanted = {
        "/".join(path.split("/")[: index + 1])
        for path in listed
        for index in range(path.count("/") + 1)
    }
    real_root = os.path.realpath(root)
    regular: set[str] = set()
    reachable: set[str] = set()

    def visit(folder: Path, prefix: str) -> None:
        try:
            with os.scandir(folder) as found:
                entries = sorted(found, key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            relative = f"{prefix}{entry.name}"
            if relative == MANIFEST or (entry.name.startswith(".") and relative not in wanted):
                continue
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                inside = os.path.commonpath([real_root, target]) == real_root
                if inside and os.path.isfile(target):
                    reachable.add(relative)
            elif entry.is_dir(follow_symlinks=False):
                visit(Path(entry.path), f"{relative}/")
            elif entry.is_file(follow_symlinks=False):
                regular.add(relative)
                reachable.add(relative)

    visit(root, "")
    return _Tree(
        regular=frozenset(regular),
        reachable=frozenset(reachable),
        media_types=dict(listed),
    )


def _read(path: Path) -> bytes | str:
    """The bytes of a regular file (never through a link), or why it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW)
    except OSError as error:
        return _MESSAGES["unreadable"].format(reason=error.strerror or type(error).__name__)
    with os.fdopen(fd, "rb") as file:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return _MESSAGES["unreadable"].format(reason="not a regular file")
            data = file.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            return _MESSAGES["unreadable"].format(reason=error.strerror or type(error).__name__)
    if len(data) > MAX_FILE_BYTES:
        return _MESSAGES["too-large"].format(limit=MAX_FILE_BYTES // (1024 * 1024))
    return data


def _folder(path: Path, *, previous: bool) -> Path:
    shown = str(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        key = "previous-missing" if previous else "missing-folder"
        raise CheckError(_MESSAGES[key].format(folder=shown)) from None
    except OSError as error:
        raise CheckError(f"{shown}: {error.strerror}") from None
    if not stat.S_ISDIR(mode):
        key = "previous-not-folder" if previous else "not-folder"
        raise CheckError(_MESSAGES[key].format(folder=shown))
    return Path(os.path.realpath(path))


def _is_build(root: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(root / MANIFEST).st_mode)
    except OSError:
        return False


def _run(
    file: CheckedFile, checkers: Mapping[str, RegisteredChecker]
) -> tuple[bool, list[Finding]]:
    """Whether any checker claimed ``file``, and what they found."""
    claimed = False
    findings: list[Finding] = []
    for name, registered in checkers.items():
        if not claims(registered.checker, file):
            continue
        claimed = True
        try:
            problems = [str(problem) for problem in registered.checker.check(file)]
        except Exception as error:  # noqa: BLE001 - a plugin's bug is reported, not raised
            problems = [
                _MESSAGES["crashed"].format(
                    checker=name,
                    plugin=registered.plugin,
                    error=f"{type(error).__name__}: {error}",
                )
            ]
        findings.extend(
            Finding(path=file.path, message=one_line(problem), checker=name) for problem in problems
        )
    return claimed, findings


def check_folder(
    folder: str | os.PathLike[str],
    *,
    checkers: Mapping[str, RegisteredChecker],
    previous: str | os.PathLike[str] | None = None,
) -> CheckReport:
    """Check every file of a built output folder with the checkers that claim it.

    Args:
        folder: the output folder of a build (it holds the build manifest).
        checkers: the checkers by name, as :func:`csp_core.plugins.checkers` gives them.
        previous: a copy of an earlier build of the same folder; each file is then also
            checked as an update of the file at the same path there, and a file a checker
            claims that is there but not in ``folder`` is a problem.

    Raises:
        CheckError: ``folder`` is missing, not a folder, or has no build manifest; or
            ``previous`` is missing or not a folder.
    """
    root = _folder(Path(folder), previous=False)
    if not _is_build(root):
        raise CheckError(_MESSAGES["not-build"].format(folder=str(folder), manifest=MANIFEST))
    before_root = None if previous is None else _folder(Path(previous), previous=True)
    checkers = dict(sorted(checkers.items()))
    tree = _walk(root, _listed(root))
    before = None if before_root is None else _walk(before_root, _listed(before_root))

    findings: list[Finding] = []
    checked: list[str] = []
    paths = set(tree.regular) | set(tree.media_types)
    if before is not None:
        paths |= before.regular
    for path in sorted(paths):
        if path not in tree.regular:
            if path in tree.media_types:
                message = _MESSAGES["listed-missing"].format(manifest=MANIFEST)
                findings.append(Finding(path=path, message=message))
            elif before is not None and before_root is not None:
                gone = CheckedFile(path=path, content=b"", media_type=before.media_types.get(path))
                if any(claims(entry.checker, gone) for entry in checkers.values()):
                    findings.append(Finding(path=path, message=_MESSAGES["vanished"]))
            continue
        content = _read(root / path)
        if isinstance(content, str):
            findings.append(Finding(path=path, message=content))
            continue
        earlier: bytes | None = None
        if before is not None and before_root is not None and path in before.regular:
            read = _read(before_root / path)
            earlier = read if isinstance(read, bytes) else None
        file = CheckedFile(
            path=path,
            content=content,
            media_type=tree.media_types.get(path),
            previous=earlier,
            files=tree.reachable,
        )
        claimed, found = _run(file, checkers)
        if claimed:
            checked.append(path)
        findings.extend(found)
    return CheckReport(findings=tuple(findings), checked=tuple(checked))
