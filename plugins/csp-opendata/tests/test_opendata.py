"""The open data: every file valid against its schema, deterministic, readable, in each language.

Both examples are built with ``csp_core.build`` as ``csp build`` builds them (Cambridge at
2019-10-01 09:00, Conwy and Denbighshire, Welsh and English, at 2026-02-01 09:00); generated
partnerships are rendered at instants around their own moments.  JSON is validated with
jsonschema's Draft202012Validator against the schemas the package ships, CSV is read back with
the ``csv`` module, and the JSON Feed is compared item by item with the RSS feed (read by
feedparser): no JSON Feed reader on PyPI is maintained, so the feed is held to its schema and to
a strict reading of JSON Feed 1.1 instead.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
import pytest
from csp_opendata import SCHEMAS, OpendataPublisher, schema
from csp_opendata.tables import (
    ACTION_COLUMNS,
    AGENCY_COLUMNS,
    ATTENDANCE_COLUMNS,
    DECISION_COLUMNS,
    DOCUMENT_COLUMNS,
    MEETING_COLUMNS,
)
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from tests.data import ROOT
from tests.strategies import examples, partnerships, partnerships_at_instants
from tests.test_leaks import instants, leaks, mark

import csp_core
from csp_core import BuildContext, OptionError, Partnership, parse_options, public_view
from csp_core.build import build

LONDON = ZoneInfo("Europe/London")
BASE_URL = "https://csp.example.org/"
CAMBRIDGE_AT = dt.datetime(2019, 10, 1, 9, tzinfo=LONDON)
WALES_AT = dt.datetime(2026, 2, 1, 9, tzinfo=LONDON)
BOM = b"\xef\xbb\xbf"
COLUMNS = {
    "meetings.csv": MEETING_COLUMNS,
    "documents.csv": DOCUMENT_COLUMNS,
    "agencies.csv": AGENCY_COLUMNS,
    "decisions.csv": DECISION_COLUMNS,
    "attendance.csv": ATTENDANCE_COLUMNS,
    "actions.csv": ACTION_COLUMNS,
}


def _validator(name: str) -> Draft202012Validator:
    found = schema(name)
    Draft202012Validator.check_schema(found)
    return Draft202012Validator(found, format_checker=Draft202012Validator.FORMAT_CHECKER)


VALIDATORS = {name: _validator(name) for name in SCHEMAS}


def _errors(name: str, content: bytes) -> list[str]:
    document = json.loads(content.decode("utf-8"))
    return [
        f"{name} {list(error.absolute_path)}: {error.message}"
        for error in VALIDATORS[name].iter_errors(document)
    ]


def _rows(content: bytes, bom: bool = True) -> list[dict[str, str]]:
    """A CSV file read back by the csv module, as spreadsheets and scripts read it."""
    assert content.startswith(BOM) == bom
    text = content.decode("utf-8-sig")
    assert text.endswith("\r\n")
    return list(csv.DictReader(io.StringIO(text, newline=""), strict=True))


def check_files(files: dict[str, bytes]) -> None:
    """Every open data file: JSON valid against its schema, CSV rectangular under its header."""
    for path, content in files.items():
        name = path.rsplit("/", 1)[-1]
        if name in SCHEMAS:
            assert _errors(name, content) == []
            assert content.endswith(b"\n")
            assert b"\r" not in content
        elif name in COLUMNS:
            reader = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""))
            header, *rows = list(reader)
            assert tuple(header) == COLUMNS[name]
            assert all(len(row) == len(header) for row in rows), path


def _render(partnership: Partnership, at: dt.datetime, **options: str) -> dict[str, bytes]:
    """The publisher's files of each language, by path with the language's folder."""
    publisher = OpendataPublisher()
    files: dict[str, bytes] = {}
    for tag in partnership.languages:
        context = BuildContext(
            view=public_view(partnership, at, tag),
            options=parse_options(publisher, options),
            base_url=BASE_URL,
            languages=partnership.languages,
        )
        files |= {context.prefix + file.path: file.content for file in publisher.render(context)}
    return files


@pytest.fixture(scope="module")
def cambridge_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cambridge") / "site"
    partnership = csp_core.load(ROOT / "examples" / "cambridge")
    result = build(partnership, out, CAMBRIDGE_AT, only=("opendata", "rss"), base_url=BASE_URL)
    assert result.failures == ()
    return out


@pytest.fixture(scope="module")
def wales_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wales") / "site"
    partnership = csp_core.load(ROOT / "examples" / "conwy-denbighshire")
    result = build(partnership, out, WALES_AT, only=("opendata", "rss"), base_url=BASE_URL)
    assert result.failures == ()
    return out


def _files(out: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.rglob("opendata/*"))
        if path.is_file()
    }


class TestTheExamples:
    def test_cambridge_files_are_valid(self, cambridge_out: Path) -> None:
        files = _files(cambridge_out)
        assert sorted(files) == [
            "opendata/actions.csv",
            "opendata/agencies.csv",
            "opendata/attendance.csv",
            "opendata/decisions.csv",
            "opendata/documents.csv",
            "opendata/feed.json",
            "opendata/meetings.csv",
            "opendata/popolo.json",
        ]
        check_files(files)

    def test_wales_files_are_valid_in_both_languages(self, wales_out: Path) -> None:
        files = _files(wales_out)
        assert len(files) == 16
        assert {path.removeprefix("en-gb/") for path in files} == {
            f"opendata/{name}"
            for name in (
                "popolo.json",
                "feed.json",
                "meetings.csv",
                "documents.csv",
                "agencies.csv",
                "decisions.csv",
                "attendance.csv",
                "actions.csv",
            )
        }
        check_files(files)

    def test_cambridge_worked_example(self, cambridge_out: Path) -> None:
        """At Tuesday 1 October 2019 09:00 (BST, +01:00) the view holds seven meetings.

        The meeting of 17 October 2019 starts at 11:15 BST: ``2019-10-17T11:15:00+01:00``,
        after the instant, so OCD's ``confirmed``; 12 February 2019 (GMT, +00:00) has passed
        and its exempt item shows only its paragraph: Schedule 12A paragraph 7.  The meeting
        first set for 18 June 2019 was moved (status rescheduled) to 27 June and took place,
        so it has ``passed`` too.
        """
        document = json.loads((cambridge_out / "opendata" / "popolo.json").read_bytes())
        events = {event["id"]: event for event in document["events"]}
        assert len(events) == 7
        october = events["cambridge/meeting/2019-10-17"]
        assert (october["start_date"], october["status"]) == (
            "2019-10-17T11:15:00+01:00",
            "confirmed",
        )
        february = events["cambridge/meeting/2019-02-12"]
        assert february["start_date"] == "2019-02-12T10:00:00+00:00"
        assert february["status"] == "passed"
        (exempt,) = (item for item in february["agenda"] if item["exempt"])
        assert exempt["exemption"] == {"paragraph": 7, "label": "Schedule 12A, paragraph 7"}
        assert set(exempt) <= {"order", "number", "description", "notes", "exempt"} | {
            "exemption",
            "related_documents",
        }
        assert exempt["notes"] == []
        assert exempt["related_documents"] == []
        moved = events["cambridge/meeting/2019-06-18"]
        assert moved["extras"]["meeting_status"] == "rescheduled"
        assert moved["status"] == "passed"
        board = next(o for o in document["organizations"] if o["id"] == "cambridge/body/board")
        assert (board["classification"], board["parent_id"]) == ("committee", "cambridge")
        ids = [
            item["id"]
            for key in ("organizations", "posts", "memberships", "events")
            for item in document[key]
        ]
        assert len(ids) == len(set(ids))

    def test_csv_read_back(self, cambridge_out: Path) -> None:
        meetings = _rows((cambridge_out / "opendata" / "meetings.csv").read_bytes())
        assert [row["id"] for row in meetings] == [
            "2018-02-13",
            "2018-06-19",
            "2018-10-16",
            "2019-02-12",
            "2019-06-18",
            "2019-10-17",
            "2020-02-11",
        ]
        october = meetings[5]
        assert october["start"] == "2019-10-17T11:15:00+01:00"
        assert october["status"] == "scheduled"
        assert october["ocd_status"] == "confirmed"
        assert dt.datetime.fromisoformat(october["start"]).tzinfo is not None
        documents = _rows((cambridge_out / "opendata" / "documents.csv").read_bytes())
        assert [row["id"] for row in documents] == sorted(row["id"] for row in documents)
        assert all(row["url"].startswith("https://") or not row["url"] for row in documents)
        agencies = _rows((cambridge_out / "opendata" / "agencies.csv").read_bytes())
        assert {row["responsible_authority"] for row in agencies} == {"true", "false"}
        assert all(row["role"] in {"member", "attendee", "observer"} for row in agencies)

    def test_no_bom_on_request(self, cambridge: Partnership) -> None:
        files = _render(cambridge, CAMBRIDGE_AT, bom="false")
        for name, columns in COLUMNS.items():
            content = files[f"opendata/{name}"]
            assert not content.startswith(BOM)
            # A table may be empty at this instant (no public record yet): its header stays.
            assert _rows(content, bom=False) or content == ",".join(columns).encode() + b"\r\n"
            assert files[f"opendata/{name}"] != _render(cambridge, CAMBRIDGE_AT)[f"opendata/{name}"]

    def test_feed_has_the_rss_items(self, cambridge_out: Path) -> None:
        """The JSON Feed holds the RSS feed's items: ids, titles, links and dates, in order."""
        rss = feedparser.parse((cambridge_out / "feeds" / "rss.xml").read_bytes())
        assert not rss.bozo
        feed = json.loads((cambridge_out / "opendata" / "feed.json").read_bytes())
        assert [item["id"] for item in feed["items"]] == [entry.id for entry in rss.entries]
        assert [item["title"] for item in feed["items"]] == [entry.title for entry in rss.entries]
        assert [item.get("url") for item in feed["items"]] == [entry.link for entry in rss.entries]
        published = [
            dt.datetime.fromisoformat(item["date_published"]).astimezone(dt.UTC).timetuple()[:6]
            for item in feed["items"]
        ]
        assert published == [tuple(entry.published_parsed)[:6] for entry in rss.entries]
        assert feed["feed_url"] == f"{BASE_URL}opendata/feed.json"

    def test_feed_follows_json_feed_1_1(self, cambridge_out: Path) -> None:
        """A strict reading of https://www.jsonfeed.org/version/1.1/."""
        feed = json.loads((cambridge_out / "opendata" / "feed.json").read_bytes())
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert isinstance(feed["title"], str)
        assert feed["title"]
        assert "author" not in feed  # deprecated in 1.1: authors
        ids = [item["id"] for item in feed["items"]]
        assert len(ids) == len(set(ids))
        for item in feed["items"]:
            assert isinstance(item["id"], str)
            assert "content_text" in item or "content_html" in item
            assert all(key.startswith("_") or key in _ITEM_KEYS for key in item)
            assert "about" in item["_csp"]
            for key in ("date_published", "date_modified"):
                assert dt.datetime.fromisoformat(item[key]).tzinfo is not None
        assert all(key.startswith("_") or key in _FEED_KEYS for key in feed)

    def test_wales_welsh_and_english(self, wales_out: Path) -> None:
        """The same codes and ids in both languages; the labels in each language's words."""
        welsh = json.loads((wales_out / "opendata" / "popolo.json").read_bytes())
        english = json.loads((wales_out / "en-gb" / "opendata" / "popolo.json").read_bytes())
        assert (welsh["language"], english["language"]) == ("cy", "en-GB")
        for key in ("organizations", "posts", "memberships", "events", "motions", "actions"):
            assert [item["id"] for item in welsh[key]] == [item["id"] for item in english[key]]
        posts = {post["id"]: post for post in welsh["posts"]}
        assert posts["conwy-denbighshire/post/board/chair"]["label"] == "Cadeirydd"
        assert posts["conwy-denbighshire/post/lead-council"]["label"] == "Cyngor arweiniol"
        english_posts = {post["id"]: post for post in english["posts"]}
        assert english_posts["conwy-denbighshire/post/secretariat"]["label"] == "Secretariat"
        feed = json.loads((wales_out / "opendata" / "feed.json").read_bytes())
        assert feed["language"] == "cy"
        assert feed["description"].startswith("Beth mae ")

    def test_wales_private_body_is_structure_only(self, wales_out: Path) -> None:
        """The Officers' Tasking Group is an organization (public false), with no meeting."""
        for prefix in ("", "en-gb/"):
            document = json.loads((wales_out / prefix / "opendata" / "popolo.json").read_bytes())
            group = next(
                o for o in document["organizations"] if o["id"].endswith("/body/tasking-group")
            )
            assert group["extras"]["public"] is False
            assert all(event["extras"]["body"] != group["id"] for event in document["events"])
            meetings = _rows((wales_out / prefix / "opendata" / "meetings.csv").read_bytes())
            assert "tasking-group" not in {row["body"] for row in meetings}


_ITEM_KEYS = {
    "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
    "banner_image", "date_published", "date_modified", "authors", "tags", "language",
    "attachments",
}  # fmt: skip
_FEED_KEYS = {
    "version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url",
    "icon", "favicon", "authors", "language", "expired", "hubs", "items",
}  # fmt: skip


def test_deterministic(cambridge: Partnership) -> None:
    """Two renders of the same view are byte-identical; so are two builds."""
    assert _render(cambridge, CAMBRIDGE_AT) == _render(cambridge, CAMBRIDGE_AT)


def test_bad_options_are_refused() -> None:
    publisher = OpendataPublisher()
    with pytest.raises(OptionError):
        parse_options(publisher, {"tag_authority": "not a tag"})
    with pytest.raises(OptionError):
        parse_options(publisher, {"bom": "perhaps"})


@examples(25)
@given(case=partnerships_at_instants(most=3), data=st.data())
def test_generated_partnerships(
    case: tuple[Partnership, list[dt.datetime]], data: st.DataObject
) -> None:
    """Any partnership at any of its instants: every file valid, every id unique, stable."""
    partnership, instants = case
    del data
    for at in instants:
        files = _render(partnership, at)
        check_files(files)
        document: Any = json.loads(files["opendata/popolo.json"])
        for key in ("organizations", "posts", "memberships", "events"):
            ids = [item["id"] for item in document[key]]
            assert ids == sorted(ids)
            assert len(ids) == len(set(ids))
        assert files == _render(partnership, at)


@examples(30)
@given(partnership=partnerships(), data=st.data())
def test_nothing_secret_reaches_the_open_data(
    partnership: Partnership, data: st.DataObject
) -> None:
    """The leak harness (tests/test_leaks.py) on this publisher alone: every text and link of
    the data marked, no marker secret at the instant in any byte of any file, and the public
    markers there (the files are not empty)."""
    marked = mark(partnership)
    at = data.draw(instants(partnership), label="at")
    files = {
        path: content.decode("utf-8-sig")
        for path, content in _render(marked.partnership, at).items()
    }
    assert leaks(marked, at, files) == []
    text = "\n".join(files.values())
    assert marked.partnership.name in text
