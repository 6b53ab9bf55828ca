"""The email publisher: which digests there are, and each as RFC 5322 read back by the stdlib.

Worked example: the Cambridge example at 20 October 2019, 09:00 BST, daily digests of the
last 28 days.  The agenda of the 17 October meeting and its two reports were published on
Wednesday 9 October (the week before), the draft agenda on Thursday 3 October: two days
with news, so two digests in the partnership's list, the board's list and the agendas list,
and none for minutes (the minutes of 17 October are not out by the 20th).
"""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import attrs
import pytest
from csp_email import EmailPublisher
from csp_email.cadence import Cadence
from csp_email.digests import digests, list_ids

from csp_core import BuildContext, Partnership, load, parse_options, public_view

ROOT = Path(__file__).parents[3]
BST = dt.timezone(dt.timedelta(hours=1))
AT = dt.datetime(2019, 10, 20, 9, tzinfo=BST)
SENDER = "csp@cambridge.gov.uk"


@pytest.fixture(scope="module")
def cambridge() -> Partnership:
    return load(ROOT / "examples" / "cambridge")


@pytest.fixture(scope="module")
def wales() -> Partnership:
    return load(ROOT / "examples" / "conwy-denbighshire")


def render(
    partnership: Partnership, at: dt.datetime, language: str | None = None, **options: str
) -> dict[str, bytes]:
    publisher = EmailPublisher()
    options.setdefault("sender", SENDER)
    context = BuildContext(
        view=public_view(partnership, at, language),
        options=parse_options(publisher, options),
        base_url="https://csp.example.org/",
    )
    return {file.path: file.content for file in publisher.render(context)}


def parse(data: bytes) -> EmailMessage:
    found = message_from_bytes(data, policy=policy.default)
    assert isinstance(found, EmailMessage)
    assert not found.defects, found.defects
    return found


def texts(found: EmailMessage) -> tuple[str, str]:
    plain = found.get_body(preferencelist=("plain",))
    markup = found.get_body(preferencelist=("html",))
    assert plain is not None
    assert markup is not None
    return plain.get_content(), markup.get_content()


class TestWhichDigests:
    def test_worked_example(self, cambridge: Partnership) -> None:
        files = render(cambridge, AT)
        assert sorted(files) == [
            "email/all/2019-10-03.eml",
            "email/all/2019-10-09.eml",
            "email/bodies/board/2019-10-03.eml",
            "email/bodies/board/2019-10-09.eml",
            "email/kinds/agendas/2019-10-03.eml",
            "email/kinds/agendas/2019-10-09.eml",
        ]

    def test_lists(self, cambridge: Partnership, wales: Partnership) -> None:
        assert list_ids(public_view(cambridge, AT)) == (
            "all",
            "bodies/board",
            "kinds/meetings",
            "kinds/agendas",
            "kinds/minutes",
            "kinds/decisions",
            "kinds/documents",
        )
        # The Officers' Tasking Group meets in private: it has no list.
        at = dt.datetime(2025, 11, 1, 9, tzinfo=dt.UTC)
        assert list_ids(public_view(wales, at))[:3] == ("all", "bodies/board", "bodies/asb-group")
        assert not any("tasking" in name for name in list_ids(public_view(wales, at)))

    def test_weekly_windows_start_on_monday(self, cambridge: Partnership) -> None:
        files = render(cambridge, AT, cadence="weekly")
        # Monday 30 September (the draft agenda, 3 October) and Monday 7 October (the rest).
        assert sorted(name for name in files if name.startswith("email/all/")) == [
            "email/all/2019-09-30.eml",
            "email/all/2019-10-07.eml",
        ]
        subject = parse(files["email/all/2019-10-07.eml"])["Subject"]
        assert subject.endswith("the week beginning Monday 7 October 2019")

    def test_a_window_not_yet_over_has_no_digest(self, cambridge: Partnership) -> None:
        """At 9 October, 12:00 the day's news is out but its digest waits for midnight."""
        noon = dt.datetime(2019, 10, 9, 12, tzinfo=BST)
        assert "email/all/2019-10-09.eml" not in render(cambridge, noon)
        midnight = dt.datetime(2019, 10, 10, 0, tzinfo=BST)
        assert "email/all/2019-10-09.eml" in render(cambridge, midnight)

    def test_every_event_in_a_window_in_the_all_list(self, cambridge: Partnership) -> None:
        view = public_view(cambridge, AT)
        for digest in digests(view, Cadence.DAILY, 28):
            assert all(digest.start <= event.at < digest.end for event in digest.events)
        everything = [d for d in digests(view, Cadence.DAILY, 28) if d.list == "all"]
        shown = {event.id for digest in everything for event in digest.events}
        expected = {
            event.id for event in view.timeline if AT - dt.timedelta(days=28) < event.at < AT
        }
        # Every event of a complete day within the 28 days (none today, 20 October, before 9am).
        assert shown == expected

    def test_no_sender_no_digest(self, cambridge: Partnership) -> None:
        assert cambridge.contact.email is None
        assert render(cambridge, AT, sender="") == {}


class TestMessages:
    def test_headers_and_parts(self, cambridge: Partnership) -> None:
        found = parse(render(cambridge, AT)["email/all/2019-10-09.eml"])
        assert found["From"] == f"Cambridge Community Safety Partnership <{SENDER}>"
        assert found["Subject"] == (
            "Cambridge Community Safety Partnership – all news, Wednesday 9 October 2019"
        )
        # The window's end, midnight after the 9th in BST: the same every build.
        assert found["Date"] == "Thu, 10 Oct 2019 00:00:00 +0100"
        assert found["Message-ID"] == "<2019-10-09.all.en-gb@cambridge.csp-core>"
        assert found["List-Id"] == "all news <all.cambridge.csp-core>"
        assert found["Auto-Submitted"] == "auto-generated"
        assert found["Content-Language"] == "en-GB"
        assert found["To"] is None  # the archive copy: no recipient
        assert found["List-Unsubscribe"] is None
        assert found.get_content_type() == "multipart/alternative"
        plain, markup = texts(found)
        assert plain.startswith(
            "What Cambridge Community Safety Partnership published on Wednesday 9 October 2019:"
        )
        assert "* Agenda published: Cambridge Community Safety Partnership meeting" in plain
        assert "https://www.cambridge.gov.uk/media/csp/2019-10-17-agenda.pdf" in plain
        assert '<html lang="en-GB">' in markup
        assert 'href="https://www.cambridge.gov.uk/media/csp/2019-10-17-agenda.pdf"' in markup

    def test_same_bytes_every_build(self, cambridge: Partnership) -> None:
        first = render(cambridge, AT)
        assert render(cambridge, AT) == first
        later = render(cambridge, AT + dt.timedelta(days=3))
        # A digest already made is the same later (its window is over: nothing changes it).
        assert later["email/all/2019-10-09.eml"] == first["email/all/2019-10-09.eml"]

    def test_welsh(self, wales: Partnership) -> None:
        at = dt.datetime(2025, 11, 1, 9, tzinfo=dt.UTC)
        welsh = render(wales, at, "cy")
        english = render(wales, at, "en-GB")
        assert sorted(welsh) == sorted(english)
        name = next(n for n in sorted(welsh) if n.startswith("email/all/"))
        cy = parse(welsh[name])
        assert cy["Content-Language"] == "cy"
        assert cy["Message-ID"].endswith(".cy@conwy-denbighshire.csp-core>")
        assert "yr holl newyddion" in cy["Subject"]
        plain, markup = texts(cy)
        assert plain.startswith("Yr hyn a gyhoeddodd Partneriaeth Diogelwch Cymunedol")
        assert '<html lang="cy">' in markup
        assert parse(english[name])["Message-ID"] != cy["Message-ID"]

    def test_text_from_the_data_cannot_add_a_header(self, cambridge: Partnership) -> None:
        nasty = attrs.evolve(
            cambridge, name='Bad\r\nBcc: victim@example.org\r\n\r\n<script>"x"</script>'
        )
        found = parse(render(nasty, AT)["email/all/2019-10-09.eml"])
        assert found["Bcc"] is None
        assert "Bcc: victim@example.org" in found["Subject"]  # shown as text, on one line
        _, markup = texts(found)
        assert "<script>" not in markup
        assert "&lt;script&gt;" in markup


def test_loading_the_plugin_imports_no_mail_machinery() -> None:
    """Every ``csp`` command loads the plugins: the sending and message code waits until used."""
    import json
    import subprocess
    import sys

    code = (
        "import json, sys\n"
        "from csp_core.plugins import load_plugins\n"
        "assert 'email' in load_plugins().publishers\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    loaded = set(json.loads(result.stdout))
    assert {"csp_email", "csp_email.command", "csp_email.publisher"} <= loaded
    heavy = {"smtplib", "ssl", "email.headerregistry", "csp_email.send", "csp_email.messages"}
    assert not heavy & loaded
