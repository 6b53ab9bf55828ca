"""``csp serve``: a local preview of the built output, each file with its publisher's media type."""

from __future__ import annotations

import functools
import http.server
import mimetypes
from pathlib import Path
from typing import Any

from csp_core.build import read_manifest

__all__ = ["media_types", "serve"]


def media_types(out: Path) -> dict[str, str]:
    """Every built file's path (POSIX, relative to ``out``) and the media type it declared."""
    return {
        path: entry["media_type"]
        for entries in read_manifest(out).values()
        for path, entry in entries.items()
    }


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves ``out``; types come from the build manifest, then from the file name."""

    def __init__(self, *args: Any, types: dict[str, str], **kwargs: Any) -> None:
        self._types = types
        super().__init__(*args, **kwargs)

    def guess_type(self, path: str | Any) -> str:
        relative = Path(path).resolve().relative_to(Path(self.directory).resolve()).as_posix()
        if relative in self._types:
            return self._types[relative]
        guessed, _ = mimetypes.guess_type(str(path))
        if guessed and guessed.startswith("text/"):
            return f"{guessed}; charset=utf-8"
        return guessed or "application/octet-stream"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: one short line per request."""
        print(f"{self.address_string()} {format % args}")


def serve(out: Path, host: str = "127.0.0.1", port: int = 8000) -> http.server.ThreadingHTTPServer:
    """A server for ``out`` (not yet started: call ``serve_forever``)."""
    handler = functools.partial(_Handler, directory=str(out), types=media_types(out))
    return http.server.ThreadingHTTPServer((host, port), handler)
