"""``csp email-send`` end to end against a real SMTP server (aiosmtpd) started by the tests.

The Cambridge example at 20 October 2019, 09:00 BST, sending from 1 October: two days with
news (3 and 9 October) in the lists ``all``, ``bodies/board`` and ``kinds/agendas``.  Three
subscribers: one to everything, one to agendas only, one to minutes only (nothing yet), so
two digests each for the first two: four copies.  Every copy is read back with the standard
library's email package.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from csp_email.send import Record, Smtp, record_path, send
from csp_email.subscribers import read_subscribers

from csp_core import CspError, DataError, Partnership, load
from csp_core.cli import main

ROOT = Path(__file__).parents[3]
BST = dt.timezone(dt.timedelta(hours=1))
AT = dt.datetime(2019, 10, 20, 9, tzinfo=BST)
SINCE = "2019-10-01T00:00"
SENDER = "csp@cambridge.gov.uk"
SUBSCRIBERS = """\
[[subscribers]]
id = "everything"
email = "all@example.org"
lists = ["all"]
unsubscribe = "https://alerts.example.org/unsubscribe?token=a1"

[[subscribers]]
id = "agendas"
email = "agendas@example.org"
lists = ["kinds/agendas"]
unsubscribe = "mailto:alerts@example.org?subject=unsubscribe%20b2"

[[subscribers]]
id = "minutes"
email = "minutes@example.org"
lists = ["kinds/minutes"]
unsubscribe = "https://alerts.example.org/unsubscribe?token=c3"
"""
EXPECTED = {
    "<2019-10-03.all.en-gb.everything@cambridge.csp-core>",
    "<2019-10-09.all.en-gb.everything@cambridge.csp-core>",
    "<2019-10-03.kinds.agendas.en-gb.agendas@cambridge.csp-core>",
    "<2019-10-09.kinds.agendas.en-gb.agendas@cambridge.csp-core>",
}


class Inbox:
    """An aiosmtpd handler keeping every message; it may hold the client after the Nth."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], bytes]] = []
        self.hold_after: int | None = None
        self.held = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append((list(envelope.rcpt_tos), bytes(envelope.content)))
        if self.hold_after is not None and len(self.received) >= self.hold_after:
            self.held.set()
            while not self.release.is_set():  # the client never hears "250"
                await asyncio.sleep(0.05)
        return "250 OK"

    def messages(self) -> list[EmailMessage]:
        found = []
        for _, content in self.received:
            message = message_from_bytes(content, policy=policy.default)
            assert isinstance(message, EmailMessage)
            found.append(message)
        return found

    def ids(self) -> Counter[str]:
        return Counter(str(message["Message-ID"]) for message in self.messages())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def smtp_server(**options: Any) -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield inbox, port
    finally:
        inbox.release.set()
        controller.stop()


@pytest.fixture
def server() -> Iterator[tuple[Inbox, int]]:
    with smtp_server() as found:
        yield found


@pytest.fixture(scope="module")
def cambridge() -> Partnership:
    return load(ROOT / "examples" / "cambridge")


@pytest.fixture
def site(tmp_path: Path) -> dict[str, Path]:
    subscribers = tmp_path / "private" / "subscribers.toml"
    subscribers.parent.mkdir()
    subscribers.write_text(SUBSCRIBERS, encoding="utf-8")
    out = tmp_path / "www" / "site"
    out.mkdir(parents=True)  # as csp build leaves it
    return {"out": out, "subscribers": subscribers}


def _arguments(site: dict[str, Path], *extra: str) -> list[str]:
    """``csp email-send`` for the example at the worked instant, from ``SINCE``."""
    return [
        "email-send",
        str(ROOT / "examples" / "cambridge"),
        "--out",
        str(site["out"]),
        "--subscribers",
        str(site["subscribers"]),
        "--at",
        "2019-10-20T09:00",
        "--since",
        SINCE,
        "--option",
        f"sender={SENDER}",
        *extra,
    ]


def _send(cambridge: Partnership, site: dict[str, Path], port: int, **given: Any) -> Any:
    local = Smtp(host="127.0.0.1", port=port, starttls=False)
    with local.connect() as deliver:
        return send(
            cambridge,
            given.pop("at", AT),
            out=site["out"],
            subscribers=read_subscribers(site["subscribers"]),
            deliver=given.pop("deliver", deliver),
            options={"sender": SENDER},
            since=given.pop("since", dt.datetime(2019, 10, 1, tzinfo=BST)),
            **given,
        )


class TestSending:
    def test_each_subscriber_gets_their_copies(
        self, cambridge: Partnership, site: dict[str, Path], server: tuple[Inbox, int]
    ) -> None:
        inbox, port = server
        outcome = _send(cambridge, site, port)
        assert set(outcome.sent) == EXPECTED
        assert inbox.ids() == Counter(EXPECTED)
        by_id = {str(m["Message-ID"]): m for m in inbox.messages()}
        everything = by_id["<2019-10-09.all.en-gb.everything@cambridge.csp-core>"]
        assert everything["To"] == "all@example.org"
        assert everything["From"] == f"Cambridge Community Safety Partnership <{SENDER}>"
        assert everything["List-Unsubscribe"] == (
            "<https://alerts.example.org/unsubscribe?token=a1>"
        )
        assert everything["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        plain = everything.get_body(preferencelist=("plain",))
        assert plain is not None
        text = plain.get_content()
        assert text.rstrip().endswith("https://alerts.example.org/unsubscribe?token=a1")
        assert "because you asked Cambridge Community Safety Partnership for all news" in text
        agendas = by_id["<2019-10-09.kinds.agendas.en-gb.agendas@cambridge.csp-core>"]
        # A mailto: unsubscribe has no one-click POST (RFC 8058 needs an https URI).
        assert agendas["List-Unsubscribe"].startswith("<mailto:alerts@example.org?")
        assert agendas["List-Unsubscribe-Post"] is None
        envelopes = sorted(tuple(rcpt) for rcpt, _ in inbox.received)
        assert envelopes == [("agendas@example.org",)] * 2 + [("all@example.org",)] * 2

    def test_never_twice(
        self, cambridge: Partnership, site: dict[str, Path], server: tuple[Inbox, int]
    ) -> None:
        inbox, port = server
        _send(cambridge, site, port)
        again = _send(cambridge, site, port)
        later = _send(cambridge, site, port, at=AT + dt.timedelta(days=2))
        assert again.sent == ()
        assert later.sent == ()  # nothing published on the 20th or 21st
        assert inbox.ids() == Counter(EXPECTED)
        record = json.loads(record_path(site["out"]).read_text())
        assert set(record["copies"]) == EXPECTED
        assert set(record["copies"].values()) == {"sent"}

    def test_the_record_is_beside_the_output_folder(
        self, cambridge: Partnership, site: dict[str, Path], server: tuple[Inbox, int]
    ) -> None:
        _, port = server
        _send(cambridge, site, port)
        assert record_path(site["out"]) == site["out"].parent / ".site.csp-email.json"
        assert record_path(site["out"]).is_file()
        assert list(site["out"].iterdir()) == []  # never inside the output folder
        text = record_path(site["out"]).read_text()
        assert "@example.org" not in text.replace("csp-core", "")  # no subscriber's address

    def test_the_first_run_only_records_where_it_begins(
        self, cambridge: Partnership, site: dict[str, Path], server: tuple[Inbox, int]
    ) -> None:
        inbox, port = server
        first = _send(cambridge, site, port, since=None)
        assert first.started
        assert inbox.received == []
        record = Record.load(record_path(site["out"]))
        # The end of the last complete window before the 20th, 09:00: midnight starting it.
        assert record.since == dt.datetime(2019, 10, 20, tzinfo=cambridge.timezone)
        # Five days on, the news of the 24th goes; the older digests never will.
        later = _send(cambridge, site, port, since=None, at=AT + dt.timedelta(days=5))
        days = {key[1:11] for key in later.sent}
        assert days == {"2019-10-24"}, later.sent
        assert {str(m["Message-ID"]) for m in inbox.messages()} == set(later.sent)

    def test_a_crash_after_the_server_took_it_sends_nothing_twice(
        self, cambridge: Partnership, site: dict[str, Path], server: tuple[Inbox, int]
    ) -> None:
        """Killed after the server accepted the second copy, before it was recorded as sent."""
        inbox, port = server
        local = Smtp(host="127.0.0.1", port=port, starttls=False)
        with local.connect() as deliver:
            count = 0

            def dies_on_the_second(copy: EmailMessage) -> None:
                nonlocal count
                deliver(copy)
                count += 1
                if count == 2:
                    raise SystemExit(9)  # as if killed: the copy went, the record says sending

            with pytest.raises(SystemExit):
                _send(cambridge, site, port, deliver=dies_on_the_second)
        assert len(inbox.received) == 2
        states = Record.load(record_path(site["out"])).copies
        assert sorted(states.values()) == ["sending", "sent"]
        again = _send(cambridge, site, port)
        assert len(again.sent) == 2
        assert again.unsure == tuple(k for k, v in states.items() if v == "sending")
        assert inbox.ids() == Counter(EXPECTED)  # each copy exactly once

    def test_a_refusal_is_tried_again(
        self, cambridge: Partnership, site: dict[str, Path], server: tuple[Inbox, int]
    ) -> None:
        """A server that answers 'try later' to the data: not delivered, sent next run."""
        import smtplib

        inbox, port = server

        def busy(copy: EmailMessage) -> None:
            raise smtplib.SMTPDataError(451, b"try again later")

        with pytest.raises(smtplib.SMTPDataError):
            _send(cambridge, site, port, deliver=busy)
        assert Record.load(record_path(site["out"])).copies == {}
        assert set(_send(cambridge, site, port).sent) == EXPECTED
        assert inbox.ids() == Counter(EXPECTED)

    def test_one_run_at_a_time(
        self, cambridge: Partnership, site: dict[str, Path], server: tuple[Inbox, int]
    ) -> None:
        import fcntl

        _, port = server
        record = record_path(site["out"])
        record.parent.mkdir(parents=True, exist_ok=True)
        lock = record.with_name(".site.csp-email.lock")
        with lock.open("w") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            with pytest.raises(CspError, match="another csp email-send"):
                _send(cambridge, site, port)


class TestKilled:
    def test_killed_mid_send_never_sends_twice(
        self, cambridge: Partnership, site: dict[str, Path], server: tuple[Inbox, int]
    ) -> None:
        """A real ``csp email-send`` killed (SIGKILL) while the server holds the second copy."""
        inbox, port = server
        inbox.hold_after = 2
        command = [
            sys.executable,
            "-m",
            "csp_core",
            *_arguments(site, "--smtp", f"127.0.0.1:{port}", "--no-starttls"),
        ]
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            assert inbox.held.wait(timeout=120), child.communicate(timeout=5)
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=60)
        finally:
            if child.poll() is None:
                child.kill()
            inbox.release.set()
            child.communicate()
        deadline = time.monotonic() + 30
        while len(inbox.received) < 2 and time.monotonic() < deadline:  # pragma: no cover
            time.sleep(0.05)
        inbox.hold_after = None
        again = _send(cambridge, site, port)
        assert len(again.unsure) == 1
        assert inbox.ids() == Counter(EXPECTED)  # nothing twice, nothing lost but the unsure
        assert sum(inbox.ids().values()) == len(EXPECTED)


class TestStarttls:
    def test_starttls_and_login(
        self, cambridge: Partnership, site: dict[str, Path], tmp_path: Path
    ) -> None:
        authority = trustme.CA()
        certificate = authority.issue_cert("localhost", "127.0.0.1")
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        certificate.configure_cert(context)
        bundle = tmp_path / "ca.pem"
        authority.cert_pem.write_to_path(str(bundle))

        def authenticate(
            server: Any, session: Any, envelope: Any, mechanism: str, data: Any
        ) -> AuthResult:
            good = isinstance(data, LoginPassword) and (data.login, data.password) == (
                b"alerts",
                b"s3cret",
            )
            return AuthResult(success=good)

        with smtp_server(
            tls_context=context,
            require_starttls=True,
            authenticator=authenticate,
            auth_require_tls=True,
            server_hostname="localhost",
        ) as (inbox, port):
            secure = Smtp(
                host="localhost",
                port=port,
                starttls=True,
                cafile=str(bundle),
                user="alerts",
                password="s3cret",  # noqa: S106 - the test server's
            )
            with secure.connect() as deliver:
                outcome = send(
                    cambridge,
                    AT,
                    out=site["out"],
                    subscribers=read_subscribers(site["subscribers"]),
                    deliver=deliver,
                    options={"sender": SENDER},
                    since=dt.datetime(2019, 10, 1, tzinfo=BST),
                )
            assert set(outcome.sent) == EXPECTED
            assert inbox.ids() == Counter(EXPECTED)
            # Without the authority's certificate the client refuses the server.
            with (
                pytest.raises(ssl.SSLCertVerificationError),
                Smtp(host="localhost", port=port, starttls=True).connect(),
            ):
                pass


class TestCommandLine:
    def test_bad_subscribers_exit_2_naming_the_field(
        self, site: dict[str, Path], capsys: pytest.CaptureFixture[str]
    ) -> None:
        bad = SUBSCRIBERS.replace('email = "agendas@example.org"', 'email = "not an address"')
        bad = bad.replace('lists = ["kinds/minutes"]', 'lists = ["kinds/minute"]')
        site["subscribers"].write_text(bad, encoding="utf-8")
        code = main(
            [
                "email-send",
                str(ROOT / "examples" / "cambridge"),
                "--out",
                str(site["out"]),
                "--subscribers",
                str(site["subscribers"]),
                "--dry-run",
            ]
        )
        assert code == 2
        err = capsys.readouterr().err
        assert f"{site['subscribers']}: subscribers[1].email: 'not an address' is not" in err
        assert "Traceback" not in err

    def test_an_unknown_list_is_named(self, cambridge: Partnership, site: dict[str, Path]) -> None:
        site["subscribers"].write_text(
            SUBSCRIBERS.replace('lists = ["kinds/minutes"]', 'lists = ["kinds/minute"]'),
            encoding="utf-8",
        )
        with pytest.raises(DataError) as caught:
            send(
                cambridge,
                AT,
                out=site["out"],
                subscribers=read_subscribers(site["subscribers"]),
                deliver=None,
                options={"sender": SENDER},
                subscribers_file=str(site["subscribers"]),
            )
        assert str(caught.value.problems[0]) == (
            f"{site['subscribers']}: subscribers[2].lists[0]: 'kinds/minute' is not a list of "
            "'cambridge': all, bodies/board, kinds/meetings, kinds/agendas, kinds/minutes, "
            "kinds/decisions, kinds/documents"
        )

    def test_dry_run_sends_and_records_nothing(
        self, site: dict[str, Path], capsys: pytest.CaptureFixture[str]
    ) -> None:
        code = main(_arguments(site, "--dry-run"))
        assert code == 0
        out = capsys.readouterr().out
        assert {line.removeprefix("would send ") for line in out.splitlines()} >= EXPECTED
        assert not record_path(site["out"]).exists()
