"""``csp email-send``: the command line of :mod:`csp_email.send`.

Registered when the plugin loads (every ``csp`` command), so it imports the sending machinery
(``smtplib``, ``ssl``, the ``email`` package) only when it runs.  It speaks to whoever runs it,
not to the public.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from typing import TYPE_CHECKING

import attrs

from csp_core import CspError, Partnership

if TYPE_CHECKING:
    from csp_email.send import Deliver, Outcome

__all__ = ["SendCommand"]


def _option(text: str) -> tuple[str, str]:
    name, equals, value = text.partition("=")
    if not equals:
        msg = f"{text!r} is not NAME=VALUE"
        raise argparse.ArgumentTypeError(msg)
    return name.strip().removeprefix("email."), value


def _server(text: str) -> tuple[str, int]:
    host, colon, port = text.rpartition(":")
    if not colon:
        return text, 587
    if not port.isdigit() or not 0 < int(port) < 65536:
        msg = f"{text!r} is not HOST or HOST:PORT"
        raise argparse.ArgumentTypeError(msg)
    return host.strip("[]"), int(port)


def _instant(text: str | None, partnership: Partnership, flag: str) -> dt.datetime | None:
    if text is None:
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        msg = f"{flag}: {text!r} is not an ISO date-time such as 2019-10-16T07:00"
        raise CspError(msg) from None
    return value if value.tzinfo else value.replace(tzinfo=partnership.timezone)


@attrs.frozen
class SendCommand:
    """``csp email-send PATH --out SITE --subscribers FILE --smtp HOST``."""

    @property
    def name(self) -> str:
        """``email-send``."""
        return "email-send"

    @property
    def help(self) -> str:
        """One line for ``csp --help``."""
        return "email each subscriber the digests published since the last run, never twice"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """The command's arguments."""
        parser.description = (
            "Send each subscriber their copy of every digest of the email publisher not sent "
            "before, over SMTP. The record of what was sent is kept beside the output folder "
            "(.SITE.csp-email.json); the first run only records where sending begins unless "
            "--since is given. Exit 0, 1 if the server failed, 2 for bad input."
        )
        parser.add_argument("path", help="the partnership's data file or folder, as built")
        parser.add_argument("--out", required=True, help="the output folder the build wrote")
        parser.add_argument(
            "--subscribers", required=True, help="the subscribers' TOML file (never published)"
        )
        parser.add_argument("--at", help="the instant, as for csp build; default: now")
        parser.add_argument(
            "--since", help="the first run: send digests of windows that ended after this"
        )
        parser.add_argument("--base-url", help="the address the output folder is served from")
        parser.add_argument(
            "--option",
            action="append",
            type=_option,
            default=[],
            metavar="NAME=VALUE",
            help="an email publisher option, as given to csp build (cadence, days, sender)",
        )
        parser.add_argument("--smtp", type=_server, help="the mail server, HOST[:PORT] (587)")
        parser.add_argument(
            "--no-starttls",
            action="store_true",
            help="do not switch to TLS (only for a server on this machine)",
        )
        parser.add_argument("--cafile", help="certificate authorities to trust, PEM")
        parser.add_argument("--user", help="log in to the server as this user")
        parser.add_argument(
            "--password-env",
            metavar="VARIABLE",
            help="the environment variable holding the password (never on the command line)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be sent; send and record nothing"
        )

    def run(self, arguments: argparse.Namespace) -> int:
        """Send, print what was sent, exit 0 (1 if the server failed, 2 for bad input)."""
        import smtplib  # noqa: PLC0415 - only when sending (see the module's docstring)

        from csp_core import load  # noqa: PLC0415
        from csp_email.send import Smtp, send  # noqa: PLC0415
        from csp_email.subscribers import read_subscribers  # noqa: PLC0415

        partnership = load(arguments.path)
        at = _instant(arguments.at, partnership, "--at") or dt.datetime.now(partnership.timezone)
        since = _instant(arguments.since, partnership, "--since")
        subscribers = read_subscribers(arguments.subscribers)
        if arguments.smtp is None and not arguments.dry_run:
            msg = "--smtp HOST[:PORT] is needed to send (or --dry-run)"
            raise CspError(msg)
        password = None
        if arguments.password_env:
            password = os.environ.get(arguments.password_env)
            if password is None:
                msg = f"--password-env: the variable {arguments.password_env} is not set"
                raise CspError(msg)

        def run(deliver: Deliver | None) -> Outcome:
            return send(
                partnership,
                at,
                out=arguments.out,
                subscribers=subscribers,
                deliver=deliver,
                options=dict(arguments.option),
                base_url=arguments.base_url,
                since=since,
                subscribers_file=arguments.subscribers,
            )

        if arguments.dry_run:
            return _report(run(None), "would send")
        host, port = arguments.smtp
        server = Smtp(
            host=host,
            port=port,
            starttls=not arguments.no_starttls,
            cafile=arguments.cafile,
            user=arguments.user,
            password=password,
        )
        try:
            with server.connect() as deliver:
                outcome = run(deliver)
        except (smtplib.SMTPException, OSError) as error:
            print(f"csp email-send: the mail server failed: {error}", file=sys.stderr)
            return 1
        return _report(outcome, "sent")


def _report(outcome: Outcome, verb: str) -> int:
    if outcome.started:
        print("first run: recorded where sending begins; later runs send what is new")
    for key in outcome.sent:
        print(f"{verb} {key}")
    for key in outcome.refused:
        print(f"refused by the server (not sent, not tried again): {key}")
    for key in outcome.unsure:
        print(f"begun by an earlier run that stopped: maybe delivered, not sent again: {key}")
    print(f"{len(outcome.sent)} {verb}")
    return 0
