"""Running publishers and writing their files: atomically, deterministically.

``build`` renders every selected publisher from the public view in memory first.  Only then is
anything written: into a staging folder beside the output folder, which starts as a copy of the
previous output, loses the files each successful publisher made last time, and gains their new
files; the staging folder then replaces the output folder by rename.  So nothing is ever
half-written, a failed build leaves the previous output as it was, and a publisher that raises
keeps its previous files while the others are updated.

A manifest, ``.csp-build.json`` in the output folder, records which publisher made which file
(with its SHA-256 and media type), so stale files can be removed and ``csp serve`` can serve
each file with the type its publisher declared.  It holds no timestamps: the same data and
instant give byte-identical files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

from csp_core.errors import CspError
from csp_core.model import Partnership
from csp_core.plugins import Registered, publishers
from csp_core.public import public_view
from csp_core.publishing import BuildContext, OutputFile

__all__ = [
    "MANIFEST",
    "BuildError",
    "BuildResult",
    "Failure",
    "Written",
    "build",
    "read_manifest",
]

MANIFEST = ".csp-build.json"


class BuildError(CspError):
    """The build cannot start: an unknown publisher or option, or an unusable output folder."""


@attrs.frozen(kw_only=True)
class Written:
    """A file the build wrote."""

    publisher: str
    path: str
    media_type: str
    items: int
    size: int


@attrs.frozen(kw_only=True)
class Failure:
    """A publisher that raised; its previous files were kept."""

    publisher: str
    plugin: str
    message: str


@attrs.frozen(kw_only=True)
class BuildResult:
    """What a build did."""

    out: Path
    written: tuple[Written, ...]
    removed: tuple[str, ...]
    """Files a publisher made last time and no longer makes."""
    failures: tuple[Failure, ...]

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
) -> dict[str, dict[str, str]]:
    names = {entry.publisher.name for entry in selected}
    for publisher in given:
        if publisher not in names:
            msg = f"--option for {publisher!r}, which is not a publisher being run"
            raise BuildError(msg)
    resolved: dict[str, dict[str, str]] = {}
    for entry in selected:
        declared = {option.name: option.default for option in entry.publisher.options}
        values = dict(given.get(entry.publisher.name, {}))
        unknown = sorted(set(values) - set(declared))
        if unknown:
            allowed = ", ".join(sorted(declared)) or "none"
            msg = (
                f"publisher {entry.publisher.name!r} has no option "
                f"{', '.join(map(repr, unknown))} (options: {allowed})"
            )
            raise BuildError(msg)
        resolved[entry.publisher.name] = {**declared, **values}
    return resolved


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
        return None, Failure(publisher=entry.publisher.name, plugin=entry.plugin, message=message)
    return files, None


def _clashes(rendered: dict[str, list[OutputFile]]) -> list[Failure]:
    owner: dict[str, str] = {}
    failures: list[Failure] = []
    for name, files in rendered.items():
        paths = [file.path for file in files]
        clash = next((p for p in paths if p in owner or paths.count(p) > 1 or p == MANIFEST), None)
        if clash is not None:
            other = owner.get(clash, name)
            message = f"writes {clash!r}, which {other!r} also writes"
            failures.append(Failure(publisher=name, plugin=name, message=message))
            continue
        owner.update((path, name) for path in paths)
    return failures


Entry = dict[str, str]
"""A manifest entry: ``{"sha256": ..., "media_type": ...}``."""


def read_manifest(out: Path) -> dict[str, dict[str, Entry]]:
    """Which publisher made which file in ``out``, with its digest and media type.

    An absent or unreadable manifest reads as empty: nothing is then known to be stale.
    """
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return {
            str(name): {
                str(path): {"sha256": str(entry["sha256"]), "media_type": str(entry["media_type"])}
                for path, entry in entries.items()
            }
            for name, entries in data["files"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _write(
    out: Path, rendered: dict[str, list[OutputFile]], previous: dict[str, dict[str, Entry]]
) -> tuple[str, ...]:
    """Write ``rendered`` over the previous output, atomically by folder rename."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        staging.chmod(0o777 & ~_umask())
        if out.is_dir():
            shutil.copytree(out, staging, dirs_exist_ok=True, symlinks=True)
        manifest = {name: dict(files) for name, files in previous.items()}
        removed: list[str] = []
        for name, files in rendered.items():
            new = {file.path for file in files}
            for stale in sorted(set(previous.get(name, {})) - new):
                target = staging / stale
                if target.is_file():
                    target.unlink()
                    removed.append(stale)
            manifest[name] = {}
            for file in files:
                target = staging / file.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(file.content)
                manifest[name][file.path] = {
                    "sha256": hashlib.sha256(file.content).hexdigest(),
                    "media_type": file.media_type,
                }
        text = json.dumps({"generator": "csp-core", "files": manifest}, indent=2, sort_keys=True)
        (staging / MANIFEST).write_text(text + "\n", encoding="utf-8")
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return tuple(removed)


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        staging.rename(out)
        return
    backup = Path(tempfile.mkdtemp(prefix=f".{out.name}.previous-", dir=out.parent))
    backup.rmdir()
    out.rename(backup)
    try:
        staging.rename(out)
    except BaseException:
        with contextlib.suppress(OSError):
            backup.rename(out)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def build(
    partnership: Partnership,
    out: str | os.PathLike[str],
    at: dt.datetime,
    *,
    only: Sequence[str] | None = None,
    options: Mapping[str, Mapping[str, str]] | None = None,
    base_url: str | None = None,
    registry: Mapping[str, Registered] | None = None,
) -> BuildResult:
    """Render the selected publishers at ``at`` and write their files into ``out``.

    Args:
        partnership: the partnership to publish.
        out: the output folder; created if missing, replaced atomically.
        at: the instant the outputs describe (timezone-aware).
        only: publisher names to run; all installed ones when ``None``.
        options: per publisher, option values overriding the declared defaults.
        base_url: the address ``out`` will be served from (a trailing ``/`` is added).
        registry: the publishers to choose from; the installed plugins' when ``None``.

    Raises:
        BuildError: an unknown publisher or option.
    """
    registry = publishers() if registry is None else registry
    selected = _select(registry, only)
    resolved = _options(selected, options or {})
    if base_url is not None and not base_url.endswith("/"):
        base_url += "/"
    view = public_view(partnership, at)
    rendered: dict[str, list[OutputFile]] = {}
    failures: list[Failure] = []
    for entry in selected:
        context = BuildContext(view=view, options=resolved[entry.publisher.name], base_url=base_url)
        files, failure = _render(entry, context)
        if failure is not None:
            failures.append(failure)
        elif files is not None:
            rendered[entry.publisher.name] = sorted(files, key=lambda file: file.path)
    for failure in _clashes(rendered):
        failures.append(attrs.evolve(failure, plugin=registry[failure.publisher].plugin))
        rendered.pop(failure.publisher, None)
    target = Path(out)
    removed: tuple[str, ...] = ()
    if rendered:
        removed = _write(target, rendered, read_manifest(target))
    return BuildResult(
        out=target,
        written=tuple(
            Written(
                publisher=name,
                path=file.path,
                media_type=file.media_type,
                items=file.items,
                size=len(file.content),
            )
            for name, files in rendered.items()
            for file in files
        ),
        removed=removed,
        failures=tuple(failures),
    )
