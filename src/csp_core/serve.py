"""``csp serve``: the built output over HTTP/1.1, as a careful static web server would serve it.

Each file goes out with the media type its publisher declared (read from the build manifest),
a strong ``ETag`` (the quoted SHA-256 of its bytes: the digest the manifest records),
``Last-Modified`` (its modification time, which incremental builds keep while the bytes stay the
same), a ``Cache-Control`` chosen by media type (:data:`CACHE_CONTROL`) and its
``Content-Length``.  Conditional requests are answered as RFC 9110 §13 says: ``If-None-Match``
(weak comparison, ``*`` and lists) and, only without it, ``If-Modified-Since`` give
``304 Not Modified``; ``If-Match`` and ``If-Unmodified-Since`` give ``412``.  ``HEAD`` gives
the headers of ``GET`` without the body.

Only files are served: a folder gives its ``index.html`` (or 404), never a listing; the build
manifest, every dot-file and dot-folder (``.csp-build.json``, ``.well-known``, leftovers) give
404; a request can never leave the output folder, through ``..``, encoded ``%2e%2e``,
backslashes or symbolic links.  The folder is read on every request, so a build into it (an
atomic exchange) is served at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import functools
import hashlib
import http.server
import mimetypes
import os
import re
import shutil
import stat
import sys
import threading
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any, Final

import attrs

from csp_core.build import MANIFEST, read_manifest

__all__ = ["CACHE_CONTROL", "DEFAULT_CACHE_CONTROL", "media_types", "serve"]

#: ``Cache-Control`` by media type (without parameters).  Calendars and feeds are polled for
#: years: an hour's freshness, then a conditional request that costs a 304 when nothing
#: changed.  Pages are read by people who expect the latest: five minutes.
CACHE_CONTROL: Final[Mapping[str, str]] = {
    "text/calendar": "public, max-age=3600, must-revalidate",
    "application/rss+xml": "public, max-age=3600, must-revalidate",
    "application/atom+xml": "public, max-age=3600, must-revalidate",
    "text/html": "public, max-age=300, must-revalidate",
    "text/css": "public, max-age=3600, must-revalidate",
}
DEFAULT_CACHE_CONTROL: Final = "public, max-age=300, must-revalidate"
"""``Cache-Control`` of every other file."""

#: Media types by file name ending, before the system's table (which may lack or differ).
_TYPES: Final[Mapping[str, str]] = {
    ".ics": "text/calendar; charset=utf-8",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
}
_ALLOW = "GET, HEAD"
_TAG = re.compile(r'(W/)?"([^"]*)"')
_DIGEST_CACHE = 4096


def media_types(out: Path) -> dict[str, str]:
    """Every built file's path (POSIX, relative to ``out``) and the media type it declared."""
    return {
        path: entry["media_type"]
        for entries in read_manifest(out).values()
        for path, entry in entries.items()
    }


def guess_type(path: str) -> str:
    """The media type of a file no publisher declared, from its name."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in _TYPES:
        return _TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path)
    if guessed and guessed.startswith("text/"):
        return f"{guessed}; charset=utf-8"
    return guessed or "application/octet-stream"


def cache_control(media_type: str) -> str:
    """The ``Cache-Control`` a file of ``media_type`` is served with."""
    essence = media_type.split(";", 1)[0].strip().lower()
    return CACHE_CONTROL.get(essence, DEFAULT_CACHE_CONTROL)


def _tags(values: list[str]) -> tuple[bool, list[tuple[bool, str]]]:
    """An ``If-Match``/``If-None-Match`` value: whether it is ``*``, and its (weak, tag)s."""
    text = ",".join(values).strip()
    if text == "*":
        return True, []
    return False, [(bool(weak), tag) for weak, tag in _TAG.findall(text)]


def _date(values: list[str]) -> dt.datetime | None:
    """An HTTP-date header, or ``None`` when absent, repeated or not a valid date."""
    if len(values) != 1:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(values[0])
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


@attrs.frozen(kw_only=True)
class _Found:
    """A file to serve, opened: its relative path, its handle and what ``fstat`` said."""

    relative: str
    file: IO[bytes]
    info: os.stat_result


class _Site:
    """The output folder: finds what a request names, and remembers each file's digest."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.abspath(root))
        self._lock = threading.Lock()
        self._manifest: tuple[tuple[int, int, int, int], dict[str, str]] | None = None
        self._digests: dict[tuple[int, int, int, int, int], str] = {}

    def media_type(self, relative: str) -> str:
        """The type the file's publisher declared, else one guessed from its name."""
        manifest = self.root / MANIFEST
        try:
            info = os.stat(manifest)
            key = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
        except OSError:
            key = (0, 0, 0, 0)
        with self._lock:
            if self._manifest is None or self._manifest[0] != key:
                self._manifest = (key, media_types(self.root))
            declared = self._manifest[1].get(relative)
        return declared or guess_type(relative)

    def digest(self, found: _Found) -> str:
        """The SHA-256 of the open file's bytes, computed once per version of the file."""
        info = found.info
        key = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        with self._lock:
            known = self._digests.get(key)
        if known is not None:
            return known
        hasher = hashlib.sha256()
        for block in iter(functools.partial(found.file.read, 1 << 16), b""):
            hasher.update(block)
        found.file.seek(0)
        digest = hasher.hexdigest()
        with self._lock:
            if len(self._digests) >= _DIGEST_CACHE:
                self._digests.clear()
            self._digests[key] = digest
        return digest

    def locate(self, parts: list[str]) -> tuple[Path, bool] | None:
        """Where request path ``parts`` leads inside the folder, and whether it is a folder.

        ``None`` for anything outside the folder, hidden (a part starting with ``.``), or
        neither a regular file nor a folder.
        """
        if any(not part or part.startswith(".") or "\\" in part or "\0" in part for part in parts):
            return None
        try:
            root = Path(os.path.realpath(self.root))
            real = Path(os.path.realpath(self.root.joinpath(*parts)))
            inside = real.relative_to(root)
            info = os.stat(real)
        except (OSError, ValueError):
            return None
        if any(part.startswith(".") for part in inside.parts):
            return None
        if stat.S_ISDIR(info.st_mode):
            return real, True
        return (real, False) if stat.S_ISREG(info.st_mode) else None

    def open(self, real: Path) -> _Found | None:
        """``real``, opened for reading if it is (still) a regular file inside the folder."""
        try:
            fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return None
        file = os.fdopen(fd, "rb")
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            file.close()
            return None
        relative = real.relative_to(Path(os.path.realpath(self.root))).as_posix()
        return _Found(relative=relative, file=file, info=info)


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves the files of one output folder: GET and HEAD, conditional, cache-friendly."""

    protocol_version = "HTTP/1.1"
    server_version = "csp-serve"
    timeout = 60

    def __init__(self, *args: Any, site: _Site, **kwargs: Any) -> None:
        self.site = site
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        """Send a file, or 304, 404, ..."""
        self._respond(body=True)

    def do_HEAD(self) -> None:
        """Send a file's headers only."""
        self._respond(body=False)

    def do_OPTIONS(self) -> None:
        """Say which methods are allowed."""
        self.send_response(204)
        self.send_header("Allow", _ALLOW)
        self.end_headers()

    def _not_allowed(self) -> None:
        self.send_response(405)
        self.send_header("Allow", _ALLOW)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_DELETE = do_PATCH = _not_allowed

    def _respond(self, *, body: bool) -> None:
        target = urllib.parse.urlsplit(self.path)
        try:
            decoded = urllib.parse.unquote(target.path, errors="strict")
        except UnicodeDecodeError:
            decoded = ""
        if not decoded.startswith("/"):
            self.send_error(400)
            return
        parts = decoded.split("/")[1:]
        folder_wanted = parts[-1] == ""
        names = parts[:-1] if folder_wanted else parts
        located = self.site.locate(names)
        if located is not None and located[1]:  # a folder: its index.html, never a listing
            index = self.site.locate([*names, "index.html"])
            if index is not None and not index[1] and not folder_wanted:
                self._redirect(f"{target.path}/" + (f"?{target.query}" if target.query else ""))
                return
            located = index if folder_wanted else None
        found = None if located is None or located[1] else self.site.open(located[0])
        if found is None:
            self.send_error(404)
            return
        with found.file:
            self._send(found, body=body)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, found: _Found, *, body: bool) -> None:
        media_type = self.site.media_type(found.relative)
        etag = f'"{self.site.digest(found)}"'
        modified = dt.datetime.fromtimestamp(int(found.info.st_mtime), dt.UTC)
        status = self._condition(etag, modified)
        self.send_response(status)
        if status == 412:
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.format_datetime(modified, usegmt=True))
        self.send_header("Cache-Control", cache_control(media_type))
        if status == 304:
            self.end_headers()
            return
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(found.info.st_size))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            shutil.copyfileobj(found.file, self.wfile)

    def _condition(self, etag: str, modified: dt.datetime) -> int:
        """200, 304 or 412, evaluating the preconditions in RFC 9110 §13.2.2's order."""
        headers = self.headers
        tag = etag.strip('"')
        if_match = headers.get_all("If-Match") or []
        if if_match:
            anything, tags = _tags(if_match)
            if not anything and (False, tag) not in tags:  # strong comparison
                return 412
        else:
            since = _date(headers.get_all("If-Unmodified-Since") or [])
            if since is not None and modified > since:
                return 412
        if_none_match = headers.get_all("If-None-Match") or []
        if if_none_match:
            anything, tags = _tags(if_none_match)
            return 304 if anything or any(each == tag for _, each in tags) else 200
        since = _date(headers.get_all("If-Modified-Since") or [])
        return 304 if since is not None and modified <= since else 200

    def log_message(self, format: str, *args: Any) -> None:
        """One short line per request, on standard output."""
        with contextlib.suppress(OSError, ValueError):
            print(f"{self.address_string()} {format % args}", flush=True)


class _Server(http.server.ThreadingHTTPServer):
    """Threads for requests; none outlives the server (they hold no state worth waiting for)."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is not worth a traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


def serve(out: Path, host: str = "127.0.0.1", port: int = 8000) -> http.server.ThreadingHTTPServer:
    """A server for ``out``, bound to ``host:port`` (port 0: any free one); not yet started.

    Call ``serve_forever`` to serve; ``shutdown`` (from another thread) and ``server_close`` to
    stop.  ``out`` need not exist yet: every request reads the folder as it is then.
    """
    handler = functools.partial(_Handler, site=_Site(Path(out)))
    return _Server((host, port), handler)
