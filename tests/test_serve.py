"""`csp serve`: HTTP/1.1, strong ETags, conditional requests, HEAD, no listings, no escapes.

A real server runs on 127.0.0.1 (port 0: any free one) in a thread; requests go through
``http.client``, byte for byte as written.  The `csp serve` command itself runs in a
subprocess and is stopped with SIGTERM and SIGINT.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_core import Partnership
from csp_core.build import MANIFEST, build
from csp_core.serve import CACHE_CONTROL, DEFAULT_CACHE_CONTROL, serve
from tests.data import CAMBRIDGE

ROOT = Path(__file__).parents[1]
AT = dt.datetime.fromisoformat("2019-10-01T09:00:00+01:00")
SECRET = b"outside the output folder"
SERVE = (sys.executable, "-m", "csp_core", "serve")
TIMEOUT = 300  # seconds: generous, for a loaded machine; never reached when all is well


@attrs.frozen
class Site:
    """A running server and the folder it serves."""

    host: str
    port: int
    out: Path

    def connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)

    def request(
        self, path: str, method: str = "GET", headers: dict[str, str] | None = None
    ) -> tuple[http.client.HTTPResponse, bytes]:
        connection = self.connect()
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            return response, response.read()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def site(cambridge: Partnership, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The example built with every installed publisher, plus files no publisher made."""
    root = tmp_path_factory.mktemp("serve")
    out = root / "out"
    assert build(cambridge, out, AT, base_url="http://127.0.0.1/").ok
    (root / "secret.txt").write_bytes(SECRET)
    (root / ".out.csp-staging-abc123").mkdir()
    (root / ".out.csp-staging-abc123" / "calendar.ics").write_bytes(SECRET)
    (out / "notes.txt").write_text("the council's own notes\n", encoding="utf-8")
    (out / ".hidden").write_bytes(SECRET)
    (out / ".well-known").mkdir()
    (out / ".well-known" / "x.txt").write_bytes(SECRET)
    (out / "guide").mkdir()
    (out / "guide" / "index.html").write_text("<!doctype html><title>guide</title>\n")
    (out / "empty").mkdir()
    (out / "escape.txt").symlink_to(root / "secret.txt")
    (out / "manifest-link").symlink_to(out / MANIFEST)
    server = serve(out, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(host="127.0.0.1", port=server.server_address[1], out=out)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(TIMEOUT)


def _manifest(out: Path) -> dict[str, dict[str, str]]:
    data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    return {path: entry for files in data["files"].values() for path, entry in files.items()}


def _http_date(path: Path) -> str:
    return email.utils.formatdate(int(path.stat().st_mtime), usegmt=True)


class TestHeaders:
    def test_http_1_1_and_keep_alive(self, site: Site) -> None:
        """Responses are HTTP/1.1, and one connection carries several requests."""
        connection = site.connect()
        try:
            for path in ("/calendar.ics", "/index.html", "/feeds/rss.xml"):
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                assert (response.status, response.version) == (200, 11)
                assert len(body) == int(response.headers["Content-Length"])
        finally:
            connection.close()

    def test_every_built_file_has_its_digest_type_and_date(self, site: Site) -> None:
        """ETag is the manifest's SHA-256, quoted (strong); Last-Modified is the file's mtime;
        Content-Type is the declared type; Cache-Control comes from the type."""
        manifest = _manifest(site.out)
        assert {"calendar.ics", "feeds/rss.xml", "feeds/atom.xml", "index.html"} <= set(manifest)
        for path, entry in manifest.items():
            response, body = site.request(f"/{path}")
            assert response.status == 200, path
            assert response.headers["ETag"] == f'"{entry["sha256"]}"'
            assert hashlib.sha256(body).hexdigest() == entry["sha256"]
            assert response.headers["Content-Type"] == entry["media_type"]
            assert response.headers["Content-Length"] == str(len(body))
            assert response.headers["Last-Modified"] == _http_date(site.out / path)
            essence = entry["media_type"].split(";")[0]
            assert response.headers["Cache-Control"] == CACHE_CONTROL.get(
                essence, DEFAULT_CACHE_CONTROL
            )

    def test_cache_control_by_media_type(self, site: Site) -> None:
        """Calendars and feeds: an hour, then revalidate; pages: five minutes."""
        expected = {
            "/calendar.ics": "public, max-age=3600, must-revalidate",
            "/feeds/rss.xml": "public, max-age=3600, must-revalidate",
            "/feeds/atom.xml": "public, max-age=3600, must-revalidate",
            "/index.html": "public, max-age=300, must-revalidate",
        }
        for path, value in expected.items():
            assert site.request(path)[0].headers["Cache-Control"] == value

    def test_calendar_and_feed_types(self, site: Site) -> None:
        """The types calendar apps and feed readers expect."""
        assert site.request("/calendar.ics")[0].headers["Content-Type"] == (
            "text/calendar; charset=utf-8"
        )
        assert site.request("/feeds/rss.xml")[0].headers["Content-Type"] == "application/rss+xml"
        assert site.request("/feeds/atom.xml")[0].headers["Content-Type"] == (
            "application/atom+xml"
        )

    def test_file_no_publisher_made(self, site: Site) -> None:
        """A file outside the manifest: its digest computed, its type from its name."""
        response, body = site.request("/notes.txt")
        assert response.status == 200
        assert response.headers["ETag"] == f'"{hashlib.sha256(body).hexdigest()}"'
        assert response.headers["Content-Type"] == "text/plain; charset=utf-8"

    def test_head_has_the_headers_of_get_and_no_body(self, site: Site) -> None:
        """HEAD: the same status and headers as GET (length included), and no body — the
        next response on the same connection is read correctly."""
        connection = site.connect()
        try:
            connection.request("GET", "/calendar.ics")
            got = connection.getresponse()
            got.read()
            connection.request("HEAD", "/calendar.ics")
            head = connection.getresponse()
            assert head.read() == b""
            connection.request("GET", "/index.html")
            after = connection.getresponse()
            assert after.read().startswith(b"<!DOCTYPE html>")
        finally:
            connection.close()
        assert head.status == 200
        for name in ("ETag", "Last-Modified", "Content-Type", "Content-Length", "Cache-Control"):
            assert head.headers[name] == got.headers[name], name

    def test_other_methods_not_allowed(self, site: Site) -> None:
        """POST, PUT and DELETE: 405 with Allow; the file is untouched."""
        before = (site.out / "calendar.ics").read_bytes()
        for method in ("POST", "PUT", "DELETE"):
            response, _ = site.request("/calendar.ics", method=method)
            assert response.status == 405
            assert response.headers["Allow"] == "GET, HEAD"
        assert (site.out / "calendar.ics").read_bytes() == before


class TestConditional:
    def _etag(self, site: Site, path: str = "/calendar.ics") -> str:
        return site.request(path)[0].headers["ETag"]

    @pytest.mark.parametrize(
        "header",
        [
            "{etag}",
            "W/{etag}",
            '"other", {etag}',
            '"a,b", W/"x" ,{etag}',
            "*",
        ],
    )
    def test_if_none_match_gives_304(self, site: Site, header: str) -> None:
        """A matching tag, weak or strong, alone or in a list, or '*': 304, no body, the
        same ETag and Cache-Control (RFC 9110 §13.1.2, §15.4.5)."""
        etag = self._etag(site)
        for method in ("GET", "HEAD"):
            response, body = site.request(
                "/calendar.ics", method, {"If-None-Match": header.format(etag=etag)}
            )
            assert response.status == 304
            assert body == b""
            assert response.headers["ETag"] == etag
            assert response.headers["Cache-Control"] == "public, max-age=3600, must-revalidate"

    @pytest.mark.parametrize("header", ['"other"', 'W/"other"', '"", "x"', "garbage"])
    def test_if_none_match_other_tags_give_200(self, site: Site, header: str) -> None:
        response, body = site.request("/calendar.ics", headers={"If-None-Match": header})
        assert response.status == 200
        assert body == (site.out / "calendar.ics").read_bytes()

    def test_tag_of_another_file_does_not_match(self, site: Site) -> None:
        etag = self._etag(site, "/index.html")
        response, _ = site.request("/calendar.ics", headers={"If-None-Match": etag})
        assert response.status == 200

    def test_if_modified_since(self, site: Site) -> None:
        """Not modified since Last-Modified or later: 304; since an earlier moment: 200;
        an invalid date is ignored."""
        last = site.request("/calendar.ics")[0].headers["Last-Modified"]
        moment = email.utils.parsedate_to_datetime(last)
        later = email.utils.format_datetime(moment + dt.timedelta(days=1), usegmt=True)
        earlier = email.utils.format_datetime(moment - dt.timedelta(seconds=1), usegmt=True)
        for header, status in ((last, 304), (later, 304), (earlier, 200), ("yesterday", 200)):
            response, _ = site.request("/calendar.ics", headers={"If-Modified-Since": header})
            assert response.status == status, header

    def test_if_none_match_wins_over_if_modified_since(self, site: Site) -> None:
        """With If-None-Match, If-Modified-Since is ignored (RFC 9110 §13.1.3)."""
        last = site.request("/calendar.ics")[0].headers["Last-Modified"]
        response, _ = site.request(
            "/calendar.ics", headers={"If-None-Match": '"stale"', "If-Modified-Since": last}
        )
        assert response.status == 200

    def test_if_match(self, site: Site) -> None:
        """If-Match uses strong comparison: its own tag passes, a weak one or another fails."""
        etag = self._etag(site)
        assert site.request("/calendar.ics", headers={"If-Match": etag})[0].status == 200
        assert site.request("/calendar.ics", headers={"If-Match": f"W/{etag}"})[0].status == 412
        assert site.request("/calendar.ics", headers={"If-Match": '"x"'})[0].status == 412

    def test_identical_rebuild_still_answers_304(
        self, cambridge: Partnership, tmp_path: Path
    ) -> None:
        """After an identical rebuild, a client's ETag and date still give 304 for every file."""
        out = tmp_path / "out"
        build(cambridge, out, AT, base_url="http://127.0.0.1/")
        server = serve(out, "127.0.0.1", 0)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            here = Site(host="127.0.0.1", port=server.server_address[1], out=out)
            seen = {path: here.request(f"/{path}")[0].headers for path in sorted(_manifest(out))}
            result = build(cambridge, out, AT, base_url="http://127.0.0.1/")
            assert not any(written.changed for written in result.written)
            for path, headers in seen.items():
                for condition in (
                    {"If-None-Match": headers["ETag"]},
                    {"If-Modified-Since": headers["Last-Modified"]},
                ):
                    assert here.request(f"/{path}", headers=condition)[0].status == 304, path
        finally:
            server.shutdown()
            server.server_close()
            thread.join(TIMEOUT)


class TestOnlyFiles:
    def test_folder_gives_its_index_or_404(self, site: Site) -> None:
        """A folder gives its index.html, never a listing; without one, 404."""
        response, body = site.request("/")
        assert response.status == 200
        assert body == (site.out / "index.html").read_bytes()
        response, body = site.request("/guide/")
        assert (response.status, body) == (200, (site.out / "guide" / "index.html").read_bytes())
        for path in ("/feeds/", "/feeds", "/empty/", "/empty", "/meetings/"):
            response, body = site.request(path)
            assert response.status == 404, path
            assert b"2019-10-17" not in body

    def test_folder_without_slash_redirects(self, site: Site) -> None:
        """'/guide' moves to '/guide/' so that the page's relative links work."""
        response, _ = site.request("/guide?x=1")
        assert response.status == 301
        assert response.headers["Location"] == "/guide/?x=1"

    @pytest.mark.parametrize(
        "path",
        [
            f"/{MANIFEST}",
            "/%2Ecsp-build.json",
            "/.hidden",
            "/.well-known/x.txt",
            "/manifest-link",
            "/escape.txt",
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/feeds/..%2f..%2fsecret.txt",
            "/feeds/%2e%2e/%2e%2e/secret.txt",
            "/..%5csecret.txt",
            "/../.out.csp-staging-abc123/calendar.ics",
            "/calendar.ics%00.txt",
            "/%ff%fe",
            "//secret.txt",
            "/nothing-here.ics",
        ],
    )
    def test_never_served(self, site: Site, path: str) -> None:
        """The manifest, dot-files, links leading out, staging leftovers and anything outside
        the folder: 404, whatever the encoding."""
        for method in ("GET", "HEAD"):
            response, body = site.request(path, method)
            assert response.status in {400, 404}, path
            assert SECRET not in body
            assert b"generator" not in body

    @given(
        st.lists(
            st.sampled_from(
                ["..", "%2e%2e", "%2E.", ".", "%2f", "%5c", "\\", "secret.txt", "out", "feeds", ""]
            ),
            min_size=1,
            max_size=8,
        )
    )
    def test_no_request_leaves_the_folder(self, site: Site, parts: list[str]) -> None:
        """Whatever mix of dots, slashes and escapes a path holds, the file beside the
        output folder is never served."""
        response, body = site.request("/" + "/".join(parts).replace("\\", "%5c"))
        assert SECRET not in body
        assert response.status in {200, 301, 400, 404}


def _env(tmp: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CSP_")}
    env.update(TMPDIR=str(tmp), CSP_LOAD_PLUGINS="ical,rss,html")
    return env


class TestCommand:
    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
    @pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
    def test_signal_stops_and_removes_the_temporary_folder(
        self, tmp_path: Path, number: signal.Signals
    ) -> None:
        """SIGTERM or SIGINT: the server stops, exit 0, and its temporary folder is gone."""
        tmp = tmp_path / "tmp"
        tmp.mkdir()
        process = subprocess.Popen(
            [*SERVE, str(CAMBRIDGE), "--port", "0", "--at", "2019-10-01T09:00"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(tmp),
            cwd=ROOT,
        )
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            assert line.startswith("serving "), line
            address = line.split(" at ", 1)[1].split()[0]
            port = int(address.rstrip("/").rsplit(":", 1)[1])
            assert [p.name[:10] for p in tmp.iterdir()] == ["csp-serve-"]
            here = Site(host="127.0.0.1", port=port, out=tmp)
            response, body = here.request("/calendar.ics")
            assert response.status == 200
            assert f"SOURCE;VALUE=URI:{address}calendar.ics".encode() in body
            process.send_signal(number)
            assert process.wait(TIMEOUT) == 0
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(TIMEOUT)
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()
        assert list(tmp.iterdir()) == []

    def test_port_in_use_is_one_line(self, tmp_path: Path) -> None:
        """A port that is taken: exit 2 and one line, no traceback, nothing left behind."""
        tmp = tmp_path / "tmp"
        tmp.mkdir()
        blocker = serve(tmp_path / "nothing", "127.0.0.1", 0)
        try:
            port = blocker.server_address[1]
            result = subprocess.run(
                [*SERVE, str(CAMBRIDGE), "--port", str(port)],
                capture_output=True,
                text=True,
                env=_env(tmp),
                cwd=ROOT,
                timeout=TIMEOUT,
                check=False,
            )
        finally:
            blocker.server_close()
        assert result.returncode == 2
        assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
        assert "Traceback" not in result.stderr
        assert list(tmp.iterdir()) == []
