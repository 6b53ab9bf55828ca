"""Sending: each subscriber's copy of the new digests, over SMTP, never twice.

The record of what was sent is a JSON file beside the output folder (``.SITE.csp-email.json``
next to ``SITE/``, like the build's lock), never inside it, so it is neither published nor
replaced by a build.  Each copy is written to the record as *sending* before it is handed to
the SMTP server and as *sent* once the server took it: a run killed between the two leaves it
*sending*, and no later run sends it again (at most once; the run says which copies it cannot
vouch for).  One run at a time per output folder (a lock beside it).  This module speaks to
whoever runs the command, not to the public.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import smtplib
import ssl
from collections.abc import Callable, Iterator, Mapping, Sequence
from email.message import EmailMessage
from pathlib import Path

import attrs

from csp_core import (
    BuildContext,
    CspError,
    Partnership,
    language_prefix,
    parse_options,
    public_view,
)
from csp_email.digests import digests, list_ids, windows
from csp_email.messages import Recipient, message, message_id
from csp_email.options import EmailOptions
from csp_email.publisher import EmailPublisher
from csp_email.subscribers import Subscriber, check_subscribers

__all__ = ["Deliver", "Outcome", "Record", "Smtp", "record_path", "send"]

Deliver = Callable[[EmailMessage], None]
"""Hands one message to the mail server; raises if it was not taken."""

#: Refusals after which the message was certainly not delivered: tried again next run.
_NOT_TAKEN = (smtplib.SMTPSenderRefused, smtplib.SMTPDataError, smtplib.SMTPHeloError)


def record_path(out: str | os.PathLike[str]) -> Path:
    """The record of what was sent for the output folder ``out``: beside it, hidden."""
    folder = Path(out).absolute()
    return folder.parent / f".{folder.name}.csp-email.json"


@attrs.define
class Record:
    """What was sent: each copy's ``Message-ID`` and its state, and where sending began."""

    path: Path
    since: dt.datetime | None = None
    """Digests of windows that ended after this are sent; set by the first run."""
    copies: dict[str, str] = attrs.field(factory=dict)
    """``Message-ID`` → ``sending``, ``sent`` or ``refused``."""

    @classmethod
    def load(cls, path: Path) -> Record:
        """The record at ``path``; an empty one if there is none yet."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path=path)
        except (OSError, ValueError) as error:
            msg = f"{path}: the record of what was sent cannot be read ({error}); it is not "
            msg += "replaced, so nothing is sent twice: repair or remove it by hand"
            raise CspError(msg) from None
        since = data.get("since")
        return cls(
            path=path,
            since=dt.datetime.fromisoformat(since) if since else None,
            copies=dict(data.get("copies", {})),
        )

    def save(self) -> None:
        """Write the record atomically and durably (a temporary file, fsync, rename)."""
        data = {
            "generator": "csp-email",
            "since": self.since.isoformat() if self.since else None,
            "copies": dict(sorted(self.copies.items())),
        }
        temporary = self.path.with_name(self.path.name + ".tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(self.path)
        folder = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


@attrs.frozen(kw_only=True)
class Outcome:
    """What a run did."""

    sent: tuple[str, ...] = ()
    """The ``Message-ID`` of each copy sent, in order."""
    unsure: tuple[str, ...] = ()
    """Copies an earlier run began sending and did not finish: maybe delivered, never resent."""
    refused: tuple[str, ...] = ()
    """Copies the server refused for their recipient: not sent, not tried again."""
    started: bool = False
    """The first run: it only recorded where sending begins (no ``since`` given)."""


@contextlib.contextmanager
def _locked(record: Path) -> Iterator[None]:
    lock = record.with_name(record.name.removesuffix(".json") + ".lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            msg = f"{lock}: another csp email-send is sending for this output folder"
            raise CspError(msg) from None
        yield
    finally:
        os.close(fd)


def _contexts(
    partnership: Partnership,
    at: dt.datetime,
    options: Mapping[str, str],
    base_url: str | None,
) -> dict[str, BuildContext]:
    """The build's context in each language, as ``csp build`` makes it for the publisher."""
    parsed = parse_options(EmailPublisher(), options)
    address = base_url or partnership.site
    if address is not None and not address.endswith("/"):
        address += "/"
    found = {}
    for tag in partnership.languages:
        prefix = language_prefix(partnership.languages, tag)
        found[tag] = BuildContext(
            view=public_view(partnership, at, tag),
            options=parsed,
            base_url=None if address is None else address + prefix,
            languages=partnership.languages,
        )
    return found


def send(
    partnership: Partnership,
    at: dt.datetime,
    *,
    out: str | os.PathLike[str],
    subscribers: Sequence[Subscriber],
    deliver: Deliver | None,
    options: Mapping[str, str] | None = None,
    base_url: str | None = None,
    since: dt.datetime | None = None,
    subscribers_file: str = "subscribers",
) -> Outcome:
    """Send each subscriber their copy of every digest not sent before; ``deliver`` None: dry run.

    The first run for an output folder records where sending begins: ``since`` if given,
    else the end of the last window before ``at`` (so only later news is sent).

    Raises:
        CspError: no sender address; no output folder at ``out``; the record cannot be read;
            another run is sending.
        DataError: a subscriber's list or language is not the partnership's.
    """
    contexts = _contexts(partnership, at, options or {}, base_url)
    primary = contexts[partnership.languages[0]]
    check_subscribers(subscribers, partnership, list_ids(primary.view), subscribers_file)
    settings = EmailOptions.of(primary)
    if settings.sender is None:
        msg = "no sender address: give --option sender=ADDRESS or a contact email in the data"
        raise CspError(msg)
    if not Path(out).is_dir():
        msg = f"{out}: no output folder here; build it first (csp build ... --out {out})"
        raise CspError(msg)
    record_file = record_path(out)
    with _locked(record_file):
        record = Record.load(record_file)
        if record.since is None:
            spans = list(windows(primary.view, settings.cadence, settings.days))
            record.since = since or (spans[-1][1] if spans else at)  # the last window's end
            if deliver is not None:
                record.save()
            if since is None:
                return Outcome(started=True)
        return _send_new(contexts, record, subscribers, settings, deliver)


def _send_new(
    contexts: Mapping[str, BuildContext],
    record: Record,
    subscribers: Sequence[Subscriber],
    settings: EmailOptions,
    deliver: Deliver | None,
) -> Outcome:
    sent: list[str] = []
    unsure: list[str] = []
    refused: list[str] = []
    assert record.since is not None  # noqa: S101 - set by send()
    languages = list(contexts)
    for tag, context in contexts.items():
        readers = [s for s in subscribers if (s.language or languages[0]) == tag]
        made = digests(context.view, settings.cadence, settings.days)
        for digest in sorted(made, key=lambda d: (d.end, d.list)):
            if digest.end <= record.since:
                continue
            for subscriber in readers:
                if digest.list not in subscriber.lists:
                    continue
                recipient = Recipient(
                    id=subscriber.id, email=subscriber.email, unsubscribe=subscriber.unsubscribe
                )
                key = message_id(context, digest, recipient)
                state = record.copies.get(key)
                if state == "sending":
                    unsure.append(key)
                if state is not None:
                    continue
                copy = message(
                    context, digest, sender=settings.sender or "", cadence=settings.cadence,
                    recipient=recipient,
                )  # fmt: skip
                if deliver is None:
                    sent.append(key)
                    continue
                record.copies[key] = "sending"
                record.save()  # before sending: a kill from here on never sends it twice
                try:
                    deliver(copy)
                except smtplib.SMTPRecipientsRefused:
                    record.copies[key] = "refused"
                    refused.append(key)
                except _NOT_TAKEN:
                    del record.copies[key]  # certainly not delivered: the next run tries again
                    record.save()
                    raise
                else:
                    record.copies[key] = "sent"
                    sent.append(key)
                record.save()
    return Outcome(sent=tuple(sent), unsure=tuple(unsure), refused=tuple(refused))


@attrs.frozen(kw_only=True)
class Smtp:
    """An SMTP server: a connection for the whole run, STARTTLS and a login if asked."""

    host: str
    port: int = 587
    starttls: bool = True
    cafile: str | None = None
    user: str | None = None
    password: str | None = None
    timeout: float = 60.0

    @contextlib.contextmanager
    def connect(self) -> Iterator[Deliver]:
        """Connected, a function handing one message to the server."""
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as client:
            client.ehlo()
            if self.starttls:
                client.starttls(context=ssl.create_default_context(cafile=self.cafile))
                client.ehlo()
            if self.user is not None:
                client.login(self.user, self.password or "")

            def deliver(copy: EmailMessage) -> None:
                client.send_message(copy)

            yield deliver
