"""Bodies and sub-groups (issue 14 item 4): a body's parent, and private bodies.

A private body is an officers' group whose meetings the public may not attend; its name, kind,
parent, description and chairs stay public as part of the partnership's structure, nothing of
its meetings does (docs/public-view.md "Private bodies"; docs/rules.md "Private bodies").
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_core import CspError, Partnership, hookimpl, load, public_view
from csp_core.cli import main
from csp_core.plugins import Registered, load_plugins
from csp_core.publishing import BuildContext, parse_options
from csp_core.rules import duties
from tests.data import partnership_header
from tests.strategies import examples
from tests.test_leaks import Dump

LONDON = ZoneInfo("Europe/London")


def _write(
    folder: Path, text: str, *, policy: str = "voluntary", top: str = "", **fields: str
) -> Path:
    """A partnership file: ``top`` (TOML lines before any table), the header, ``text``."""
    path = folder / "partnership.toml"
    header = partnership_header("Bodyshire", **fields)
    path.write_text(f"{top}{header}\n[policy]\naccess = {policy!r}\n\n{text}", encoding="utf-8")
    return path


def _refused(folder: Path, text: str, *, policy: str = "voluntary") -> str:
    with pytest.raises(CspError) as raised:
        load(_write(folder, text, policy=policy))
    return str(raised.value)


GROUP = """
[[bodies]]
id = "tasking"
name = "Officers' Tasking Group"
kind = "sub-group"
parent = "board"
public = false
"""


class TestParent:
    """``parent`` names another body; no body is its own parent, through any chain."""

    def test_a_sub_group_under_the_board(self, tmp_path: Path) -> None:
        partnership = load(_write(tmp_path, GROUP))
        board, group = partnership.bodies
        assert group.parent == "board"
        assert partnership.children(board) == (group,)
        assert partnership.children(group) == ()

    def test_unknown_parent(self, tmp_path: Path) -> None:
        message = _refused(tmp_path, GROUP.replace('parent = "board"', 'parent = "bord"'))
        assert "partnership.toml: bodies[1].parent: no body with id 'bord'" in message
        assert "(bodies: board, tasking)" in message

    def test_its_own_parent(self, tmp_path: Path) -> None:
        message = _refused(tmp_path, GROUP.replace('parent = "board"', 'parent = "tasking"'))
        assert "bodies[1].parent: a body cannot be its own parent" in message

    def test_a_circle(self, tmp_path: Path) -> None:
        """board under tasking under board: both are reported, each at its own parent."""
        path = _write(tmp_path, GROUP)
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                'name = "Board"', 'name = "Board"\nparent = "tasking"'
            ),
            encoding="utf-8",
        )
        with pytest.raises(CspError) as raised:
            load(path)
        message = str(raised.value)
        assert "bodies[0].parent: 'tasking' is itself under 'board'" in message
        assert "bodies[1].parent: 'board' is itself under 'tasking'" in message

    def test_a_longer_circle(self, tmp_path: Path) -> None:
        text = GROUP.replace('parent = "board"', 'parent = "c"') + (
            '\n[[bodies]]\nid = "c"\nname = "C"\nparent = "tasking"\n'
        )
        message = _refused(tmp_path, text)
        assert "bodies[1].parent: 'c' is itself under 'tasking'" in message
        assert "bodies[2].parent: 'tasking' is itself under 'c'" in message
        assert "bodies[0]" not in message  # the board is outside the circle


class TestPrivateBodies:
    """Private bodies are allowed under every policy, except a private board under statutory."""

    @pytest.mark.parametrize("policy", ["statutory", "voluntary", "none"])
    def test_a_private_sub_group_is_allowed(self, tmp_path: Path, policy: str) -> None:
        """Even under statutory, with a meeting that says public = false (an officer group is
        outside Part VA: s.100E applies it to committees and sub-committees only)."""
        meeting = (
            '\n[[meetings]]\nid = "t1"\nbody = "tasking"\ntitle = "Tasking"\n'
            "start = 2025-10-08T09:00:00\npublic = false\n"
        )
        partnership = load(_write(tmp_path, GROUP + meeting, policy=policy))
        assert not partnership.bodies[1].public
        assert not partnership.is_public(partnership.meetings[0])

    def test_statutory_refuses_a_private_board(self, tmp_path: Path) -> None:
        path = _write(tmp_path, "", policy="statutory")
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                'name = "Board"', 'name = "Board"\npublic = false'
            ),
            encoding="utf-8",
        )
        with pytest.raises(CspError) as raised:
            load(path)
        message = str(raised.value)
        assert "partnership.toml: bodies[0].public: under access = 'statutory'" in message
        assert "Local Government Act 1972, Part VA" in message
        assert "set public = true" in message

    @pytest.mark.parametrize("policy", ["voluntary", "none"])
    def test_other_policies_allow_a_private_board(self, tmp_path: Path, policy: str) -> None:
        path = _write(tmp_path, "", policy=policy)
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                'name = "Board"', 'name = "Board"\npublic = false'
            ),
            encoding="utf-8",
        )
        assert not load(path).bodies[0].public

    def test_the_body_decides_whatever_the_meeting_says(self, tmp_path: Path) -> None:
        """A meeting of a private body is private, though its own ``public`` is true."""
        meeting = (
            '\n[[meetings]]\nid = "t1"\nbody = "tasking"\ntitle = "Tasking"\n'
            "start = 2025-10-08T09:00:00\n"
        )
        partnership = load(_write(tmp_path, GROUP + meeting))
        assert partnership.meetings[0].public
        assert not partnership.is_public(partnership.meetings[0])
        assert duties(partnership) == ()
        view = public_view(partnership, dt.datetime(2025, 10, 1, tzinfo=dt.UTC))
        assert view.partnership.meetings == ()
        assert [body.id for body in view.partnership.bodies] == ["board", "tasking"]
        assert [body.id for body in view.public_bodies()] == ["board"]


# Worked example: England, statutory.  The board meets on Tuesday 14 October 2025 at 10:00:
# five clear working days (s.100B(3)) are Tuesday 7 to Monday 13 October (Wednesday 8,
# Thursday 9, Friday 10; the weekend does not count), so its agenda is due by Monday 6 October.
# The officers' tasking group meets on Wednesday 8 October and Wednesday 12 November: private,
# so no duty, no next meeting.
STATUS = (
    GROUP
    + """
[[meetings]]
id = "board-2025-10-14"
body = "board"
title = "Board meeting"
start = 2025-10-14T10:00:00

[[meetings]]
id = "tasking-2025-10-08"
body = "tasking"
title = "Tasking group"
start = 2025-10-08T09:00:00

[[meetings]]
id = "tasking-2025-11-12"
body = "tasking"
title = "Tasking group"
start = 2025-11-12T09:00:00
"""
)


def test_status_shows_no_duties_for_a_private_body(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, STATUS, policy="statutory")
    assert main(["status", str(path), "--at", "2025-10-01T09:00", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    ids = [duty["id"] for duty in report["duties"]]
    assert "meeting/board-2025-10-14/agenda" in ids
    agenda = next(duty for duty in report["duties"] if duty["id"].endswith("14/agenda"))
    assert agenda["deadline"] == "2025-10-06"
    assert not [duty for duty in ids if "tasking" in duty]
    assert "tasking" not in json.dumps(report["next_meetings"])
    assert main(["status", str(path), "--at", "2025-10-01T09:00"]) == 0
    assert "Tasking group" not in capsys.readouterr().out


# -- nothing of a private body's meetings reaches any output, at any instant -----------------

#: A Welsh partnership publishing in Welsh and English: a board with public meetings and an
#: officers' group (private) whose meetings, their titles, places, notes, papers and every
#: moment of them are unique markers; the moments fall on days and minutes nothing public uses.
MARKED = """
[[bodies]]
id = "tasking"
name = "Grŵp Tasgio Swyddogion"
kind = "sub-group"
parent = "board"
public = false
description = "Officers coordinating the response to antisocial behaviour"

[[meetings]]
id = "board-2025-10-14"
body = "board"
title = "Board meeting"
start = 2025-10-14T10:00:00
announced = 2025-06-02T10:00:00

[[meetings.documents]]
id = "board-agenda"
kind = "agenda"
title = "Board agenda"
published = 2025-10-06T12:00:00
url = "https://example.org/board-agenda.pdf"

[[meetings]]
id = "board-2026-01-13"
body = "board"
title = "Board meeting"
start = 2026-01-13T10:00:00
announced = 2025-06-02T10:00:00

[[meetings]]
id = "tasking-a"
body = "tasking"
title = "qpvTitleA"
start = 2025-10-16T09:17:00
end = 2025-10-16T10:17:00
announced = 2025-09-04T08:41:00
questions = { how = "qpvQuestions" }

[meetings.venue]
name = "qpvVenue"
address = ["qpvStreet"]

[[meetings.agenda]]
title = "qpvItem"
presenter = "qpvPresenter"
summary = "qpvSummary"
papers = ["tasking-paper"]

[[meetings.documents]]
id = "tasking-paper"
kind = "report"
title = "qpvPaper"
published = 2025-10-17T14:23:00
url = "https://example.org/qpvPaperLink.pdf"

[[meetings]]
id = "tasking-b"
body = "tasking"
title = "qpvTitleB"
start = 2025-11-20T09:17:00
announced = 2025-09-04T08:41:00
status = "cancelled"
status_note = "qpvNote"
changes = [{ at = 2025-10-23T11:29:00, what = ["status"], note = "qpvChange" }]
attendance = "online"
online = { join = "https://example.org/qpvJoin" }
"""

#: Every trace of the private meetings: markers, their days and their minutes, in the forms
#: the outputs write them (ISO, iCalendar basic, English and Welsh long dates, UTC times).
MARKERS = ("qpv", "tasking-a", "tasking-b", "tasking-paper", "bodies/tasking")
MOMENTS = (
    "2025-10-16", "20251016", "16 October", "16 Hydref",
    "2025-11-20", "20251120", "20 November", "20 Tachwedd",
    "2025-09-04", "20250904", "4 September", "4 Medi",
    "2025-10-17", "20251017", "17 October", "17 Hydref",
    "2025-10-23", "20251023", "23 October", "23 Hydref",
    "09:17", "T0917", "T0817", "08:41", "T0841", "T0741", "14:23", "T1423", "T1323",
    "11:29", "T1129", "T1029",
)  # fmt: skip

#: The local days and minutes of those moments: at an instant on one of them only the markers
#: are looked for, since the pages rightly show the build's own instant.
_DAYS = {dt.date(2025, 10, 16), dt.date(2025, 11, 20), dt.date(2025, 9, 4), dt.date(2025, 10, 17)}
_DAYS |= {dt.date(2025, 10, 23)}
_MINUTES = {(9, 17), (8, 41), (14, 23), (11, 29), (8, 17), (7, 41), (13, 23), (10, 29)}


@functools.cache
def marked() -> Partnership:
    """The Welsh partnership with the marked private sub-group (loaded once)."""
    folder = Path(tempfile.mkdtemp())
    return load(
        _write(
            folder,
            MARKED,
            top='languages = ["cy", "en-GB"]\n',
            nation="wales",
            site="https://example.org/csp/",
        )
    )


@functools.cache
def _registry() -> Mapping[str, Registered]:
    class _DumpPlugin:
        @hookimpl
        def register_publishers(self, register: Callable[[Dump], None]) -> None:
            register(Dump())

    return load_plugins(extra={"test": _DumpPlugin()}).publishers


def every_output(partnership: Partnership, at: dt.datetime) -> dict[str, str]:
    """Every file of every installed publisher (and one that dumps all it can reach), in
    every language of the partnership, as text (iCalendar lines unfolded)."""
    files: dict[str, str] = {}
    for tag in partnership.languages:
        view = public_view(partnership, at, tag)
        for name, entry in _registry().items():
            context = BuildContext(
                view=view,
                options=parse_options(entry.publisher, {}),
                base_url="https://example.org/csp/",
            )
            for file in entry.publisher.render(context):
                text = file.content.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
                files[f"{tag}:{name}:{file.path}"] = text
    return files


def traces(files: Mapping[str, str], wanted: tuple[str, ...] = MARKERS + MOMENTS) -> list[str]:
    """``path: trace`` for each trace of the private meetings found in ``files``."""
    return [f"{path}: {trace}" for path, text in files.items() for trace in wanted if trace in text]


_MOMENTS = [
    dt.datetime(2025, 9, 4, 8, 41, tzinfo=LONDON),
    dt.datetime(2025, 10, 16, 9, 17, tzinfo=LONDON),
    dt.datetime(2025, 10, 17, 14, 23, tzinfo=LONDON),
    dt.datetime(2025, 10, 23, 11, 29, tzinfo=LONDON),
    dt.datetime(2025, 11, 20, 9, 17, tzinfo=LONDON),
    dt.datetime(2025, 6, 2, 10, tzinfo=LONDON),
    dt.datetime(2025, 10, 6, 12, tzinfo=LONDON),
    dt.datetime(2025, 10, 14, 10, tzinfo=LONDON),
    dt.datetime(2026, 1, 13, 10, tzinfo=LONDON),
]

_instants = st.sampled_from(_MOMENTS).flatmap(
    lambda moment: st.sampled_from([-86400, -60, -1, 0, 1, 60, 86400]).map(
        lambda step: moment + dt.timedelta(seconds=step)
    )
) | st.datetimes(
    min_value=dt.datetime(2025, 1, 1),
    max_value=dt.datetime(2027, 1, 1),
    timezones=st.just(LONDON),
)


class TestNothingOfAPrivateBodysMeetings:
    @examples(15)
    @given(at=_instants)
    def test_no_trace_in_any_output(self, at: dt.datetime) -> None:
        """No title, place, note, paper, link, date or time of a private body's meetings is in
        any byte of any output, in either language; no calendar or feed of the body."""
        local, utc = at.astimezone(LONDON), at.astimezone(dt.UTC)
        # The long dates ("20 November") name no year: the pages show the instant's own in
        # any year, so an instant on one of those days of the year is one of them too.
        on_day = (local.month, local.day) in {(day.month, day.day) for day in _DAYS}
        own = on_day or {(local.hour, local.minute), (utc.hour, utc.minute)} & _MINUTES
        files = every_output(marked(), at)
        assert traces(files, MARKERS if own else MARKERS + MOMENTS) == []
        assert not [path for path in files if "tasking" in path]
        text = "\n".join(files.values())
        if at >= dt.datetime(2025, 6, 2, 10, tzinfo=LONDON):  # the board's meetings announced
            assert "Board meeting" in text  # the test does not pass by publishing nothing
        # The structure is public: the group's name, under the board, on the pages.
        assert "Grŵp Tasgio Swyddogion" in files["cy:html:index.html"]
        assert "Grŵp Tasgio Swyddogion" in files["en-GB:html:index.html"]

    def test_the_harness_sees_the_traces(self) -> None:
        """The private meetings' data does hold the traces: given raw, they would be caught."""
        from tests.test_leaks import reachable

        found = traces({"raw": "\n".join(reachable(marked()))})
        for trace in ("qpv", "tasking-a", "tasking-paper", "2025-10-16", "09:17", "14:23"):
            assert f"raw: {trace}" in found


# -- the structure on the pages ----------------------------------------------------------------


def _index(language: str) -> str:
    return every_output(marked(), dt.datetime(2025, 10, 1, 9, tzinfo=LONDON))[
        f"{language}:html:index.html"
    ]


@pytest.mark.parametrize(
    ("language", "heading", "note"),
    [
        (
            "en-GB",
            "Groups of the partnership",
            "Meets in private: its meetings are not open to the public.",
        ),
        (
            "cy",
            "Grwpiau'r bartneriaeth",
            "Mae'n cyfarfod yn breifat: nid yw ei gyfarfodydd yn agored i'r cyhoedd.",
        ),
    ],
)
def test_index_shows_the_group_under_the_board(language: str, heading: str, note: str) -> None:
    """The private group is listed under the board, says it meets in private, and is offered
    no calendar: with one public body, no per-body subscription at all."""
    page = _index(language).replace("&#39;", "'").replace("&#x27;", "'")
    # The data's texts are Welsh (the primary language): marked as such on the English page.
    plain = re.sub(r"</?span[^>]*>", "", page)
    section = plain[plain.index(heading) :]
    nested = re.search(
        r"<li>Board\s*<ul>\s*<li>Grŵp Tasgio Swyddogion: ([^<]*)<p>([^<]*)</p>", section
    )
    assert nested is not None, section[:800]
    assert nested.group(1).strip() == "Officers coordinating the response to antisocial behaviour"
    assert nested.group(2) == note
    assert "bodies/" not in page


def test_json_ld_nests_the_group_in_the_board() -> None:
    """schema.org: the partnership's Organization has the board as a subOrganization, and the
    board the group (subOrganization is the inverse of parentOrganization)."""
    page = _index("en-GB")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    organization = next(
        data for data in map(json.loads, scripts) if data.get("@type") == "Organization"
    )
    (board,) = organization["subOrganization"]
    assert board["name"] == "Board"
    (group,) = board["subOrganization"]
    assert group == {
        "@type": "Organization",
        "name": "Grŵp Tasgio Swyddogion",
        "description": "Officers coordinating the response to antisocial behaviour",
    }
