"""The ``kinds/decisions`` list: a meeting's decisions when its minutes are published.

Worked example: the board of tests/test_records.py.  Its meeting of Tuesday 6 February 2024
has its minutes (and so its record) published on Tuesday 20 February 2024 at 09:00 GMT; the
record decides item 2 ("That the plan be agreed") and, by vote, the exempt item 3.  Built at
09:00 on Wednesday 21 February with daily digests of the last 7 days, the window of Tuesday 20
February is over: the minutes and the decisions are in it.
"""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from csp_email import EmailPublisher
from tests.test_records import DATA

from csp_core import BuildContext, load, parse_options, public_view

AT = dt.datetime(2024, 2, 21, 9, tzinfo=dt.UTC)


def _render(tmp_path: Path, at: dt.datetime) -> dict[str, bytes]:
    path = tmp_path / "partnership.toml"
    path.write_text(DATA, encoding="utf-8")
    publisher = EmailPublisher()
    context = BuildContext(
        view=public_view(load(path), at),
        options=parse_options(publisher, {"sender": "csp@example.org", "days": "7"}),
        base_url="https://csp.example.org/",
    )
    return {file.path: file.content for file in publisher.render(context)}


def test_the_decisions_digest(tmp_path: Path) -> None:
    files = _render(tmp_path, AT)
    assert sorted(files) == [
        "email/all/2024-02-20.eml",
        "email/bodies/board/2024-02-20.eml",
        "email/kinds/decisions/2024-02-20.eml",
        "email/kinds/minutes/2024-02-20.eml",
    ]
    found = message_from_bytes(files["email/kinds/decisions/2024-02-20.eml"], policy=policy.default)
    assert isinstance(found, EmailMessage)
    assert not found.defects
    assert "decisions" in str(found["Subject"])
    assert found["List-Id"] is not None
    plain = found.get_body(preferencelist=("plain",))
    markup = found.get_body(preferencelist=("html",))
    assert plain is not None
    assert markup is not None
    for part in (plain.get_content(), markup.get_content()):
        assert "Decisions published: Board meeting, Tuesday 6 February 2024" in part
        assert "Item 2: That the plan be agreed. Item 3: decided by vote." in part
        assert "Example Ltd" not in part  # the exempt item's resolution
        assert "Minutes published" not in part  # that is the minutes list's
    everything = message_from_bytes(files["email/all/2024-02-20.eml"], policy=policy.default)
    assert isinstance(everything, EmailMessage)
    body = everything.get_body(preferencelist=("plain",))
    assert body is not None
    assert "Decisions published: " in body.get_content()


def test_no_decisions_before_the_minutes(tmp_path: Path) -> None:
    # At 09:00 on 20 February the window of the 19th is over and holds nothing; that of the
    # 20th is not over yet.
    assert not _render(tmp_path, dt.datetime(2024, 2, 20, 9, tzinfo=dt.UTC))
