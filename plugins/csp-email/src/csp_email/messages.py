"""A digest as an email: RFC 5322, a plain-text and an HTML part, the same bytes every time.

The archive copy (the file the publisher writes) has no recipient; the copy sent to a
subscriber adds ``To``, its own ``Message-ID`` and the unsubscribe links (``List-Unsubscribe``,
RFC 2369; ``List-Unsubscribe-Post``, RFC 8058, for an https link), in its headers and at the
foot of its text.  Every value from the data is cleaned (:func:`csp_core.text.clean`), and a
header's value made one line, so no text can add a header; the HTML part is escaped.
"""

from __future__ import annotations

import hashlib
import html
import re
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

import attrs

from csp_core import BuildContext, dates, i18n, text
from csp_email.cadence import Cadence
from csp_email.digests import Digest

__all__ = ["CATALOGUE", "Recipient", "address", "list_label", "message", "message_id"]

CATALOGUE = i18n.Catalogue("csp_email", "csp_email")

#: A plain domain name: labels of letters, digits and hyphens (IDNs as their A-labels).
_DOMAIN = re.compile(
    r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)

#: CRLF line ends; a header folded only past RFC 5322's limit of 998 characters a line (the
#: standard library's folding of a long display name or subject can add a space to a text).
_POLICY = policy.SMTP.clone(max_line_length=998)

#: How each list is named (a body's list is named by the body).
_LISTS = {
    "all": i18n.N_("all news"),
    "kinds/meetings": i18n.N_("meetings announced, changed or called off"),
    "kinds/agendas": i18n.N_("agendas and papers"),
    "kinds/minutes": i18n.N_("minutes"),
    "kinds/decisions": i18n.N_("decisions"),
    "kinds/documents": i18n.N_("plans, assessments and other documents"),
}


@attrs.frozen(kw_only=True)
class Recipient:
    """Who a copy is sent to: a subscriber (never published; see :mod:`csp_email.subscribers`)."""

    id: str
    """The council's own id for the subscriber: it names the copy's ``Message-ID``."""
    email: str
    unsubscribe: str
    """Where one click unsubscribes (an https address), or a ``mailto:`` address."""


def _line(value: str) -> str:
    """A text of the data as one header line: cleaned, white space collapsed."""
    return " ".join(text.clean(value).split())


def address(sender: str) -> Address:
    """``sender`` as an address, its local part quoted if it needs to be (RFC 5322 3.4.1).

    Raises:
        ValueError: not one address: no ``@``, an empty part, a control character or white
            space, or a domain that is not a plain domain name.
    """
    msg = f"{sender!r} is not an email address such as alerts@council.gov.uk"
    local, at, domain = sender.strip().rpartition("@")
    if not at or not local or not _DOMAIN.match(domain) or text.FORBIDDEN.search(local):
        raise ValueError(msg)
    if any(character.isspace() or ord(character) < 32 for character in local):
        raise ValueError(msg)
    try:
        return Address(username=local, domain=domain)
    except (ValueError, IndexError):
        raise ValueError(msg) from None


def language_of(context: BuildContext) -> i18n.Language:
    """The view's language, with the plugin's messages in front of the core's."""
    return i18n.language(context.view.language.tag, CATALOGUE)


def list_label(context: BuildContext, list_id: str) -> str:
    """What a list is called: 'minutes', a body's name."""
    language = language_of(context)
    group, _, name = list_id.partition("/")
    if group == "bodies":
        return context.view.partnership.body(name).name
    return language.gettext(_LISTS[list_id])


def message_id(context: BuildContext, digest: Digest, recipient: Recipient | None = None) -> str:
    """``<2019-10-15.kinds.minutes.en-gb@cambridge.csp-core>``: stable, one per copy."""
    parts = [digest.day.isoformat(), digest.list.replace("/", "."), context.view.language.tag]
    if recipient is not None:
        parts.append(recipient.id)
    return f"<{'.'.join(parts).lower()}@{context.view.partnership.id}.csp-core>"


def _period(context: BuildContext, digest: Digest, cadence: Cadence) -> str:
    language = language_of(context)
    day = dates.long_date(digest.day, language)
    if cadence is Cadence.WEEKLY:
        return language.gettext("the week beginning {date}", date=day)
    return day


def _texts(context: BuildContext, digest: Digest, cadence: Cadence) -> dict[str, str]:
    language = language_of(context)
    # Texts of the data as printed text is (csp_core.text.clean); a header makes them one line.
    partnership = text.clean(context.view.partnership.name)
    listed = text.clean(list_label(context, digest.list))
    period = _period(context, digest, cadence)
    return {
        "subject": language.gettext(
            "{partnership} – {list}, {period}", partnership=partnership, list=listed, period=period
        ),
        "intro": language.gettext(
            "What {partnership} published in {period}:", partnership=partnership, period=period
        )
        if cadence is Cadence.WEEKLY
        else language.gettext(
            "What {partnership} published on {period}:", partnership=partnership, period=period
        ),
        "why": language.gettext(
            "You receive this email because you asked {partnership} for {list}.",
            partnership=partnership,
            list=listed,
        ),
        "archive": language.gettext(
            "This is the digest of {list} from {partnership}.", partnership=partnership, list=listed
        ),
        "stop": language.gettext("To stop receiving it:"),
        "site": language.gettext("More on the partnership's website:"),
        "list": listed,
    }


def _link(context: BuildContext, link: str | None) -> str | None:
    found = context.link(link) if link else None
    return text.clean_url(found) if found else None


def _plain(
    context: BuildContext, digest: Digest, words: dict[str, str], recipient: Recipient | None
) -> str:
    lines = [words["intro"], ""]
    for event in digest.events:
        lines.append(f"* {text.clean(event.title)}")
        if event.summary:
            lines += [f"  {line}" for line in text.clean(event.summary).splitlines() if line]
        link = _link(context, event.link)
        if link:
            lines.append(f"  {link}")
        lines.append("")
    if context.home:
        lines += [words["site"], text.clean_url(context.home), ""]
    lines.append("-- ")
    if recipient is None:
        lines.append(words["archive"])
    else:
        lines += [words["why"], words["stop"], text.clean_url(recipient.unsubscribe)]
    return "\n".join(lines) + "\n"


def _html(
    context: BuildContext, digest: Digest, words: dict[str, str], recipient: Recipient | None
) -> str:
    def e(value: str) -> str:
        return html.escape(text.clean(value), quote=True)

    items = []
    for event in digest.events:
        link = _link(context, event.link)
        title = f'<a href="{e(link)}">{e(event.title)}</a>' if link else e(event.title)
        summary = f"<br>{e(event.summary)}" if event.summary else ""
        items.append(f"<li>{title}{summary}</li>")
    foot = [f"<p>{e(words['archive'])}</p>"] if recipient is None else []
    if recipient is not None:
        stop = e(text.clean_url(recipient.unsubscribe))
        foot = [f'<p>{e(words["why"])} <a href="{stop}">{e(words["stop"])}</a></p>']
    site = ""
    if context.home:
        home = e(text.clean_url(context.home))
        site = f'<p>{e(words["site"])} <a href="{home}">{home}</a></p>'
    tag = e(context.view.language.tag)
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{tag}">',
        '<head><meta charset="utf-8">',
        f"<title>{e(words['subject'])}</title>",
        "</head>",
        "<body>",
        f"<p>{e(words['intro'])}</p>",
        "<ul>",
        *items,
        "</ul>",
        *([site] if site else []),
        "<hr>",
        *foot,
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


def message(
    context: BuildContext,
    digest: Digest,
    *,
    sender: str,
    cadence: Cadence,
    recipient: Recipient | None = None,
) -> EmailMessage:
    """The digest as an email: the archive copy, or ``recipient``'s copy.

    Raises:
        ValueError: ``sender`` or the recipient's address is not an email address.
    """
    partnership = context.view.partnership
    words = _texts(context, digest, cadence)
    found = EmailMessage(policy=_POLICY)
    sender_address = address(sender)
    found["From"] = Address(
        display_name=_line(partnership.name),
        username=sender_address.username,
        domain=sender_address.domain,
    )
    if recipient is not None:
        found["To"] = address(recipient.email)
    found["Subject"] = _line(words["subject"])
    found["Date"] = format_datetime(digest.end)
    found["Message-ID"] = message_id(context, digest, recipient)
    list_id = f"{digest.list.replace('/', '.')}.{partnership.id}.csp-core"
    found["List-Id"] = f"{_line(words['list'])} <{list_id}>"
    found["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies
    if recipient is not None:
        unsubscribe = text.clean_url(recipient.unsubscribe)
        found["List-Unsubscribe"] = f"<{unsubscribe}>"
        if unsubscribe.lower().startswith("https:"):
            found["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    found.set_content(_plain(context, digest, words, recipient), cte="quoted-printable")
    found.add_alternative(
        _html(context, digest, words, recipient), subtype="html", cte="quoted-printable"
    )
    found["Content-Language"] = context.view.language.tag  # RFC 3282; after set_content
    # The same message, the same bytes: a boundary made from its content, not at random.
    parts = b"".join(part.as_bytes() for part in found.iter_parts())
    found.set_boundary(f"csp-{hashlib.sha256(parts).hexdigest()[:40]}")
    return found
