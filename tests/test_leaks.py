"""Nothing that is not public at an instant reaches any output, at any instant.

Every free-text field, address and link of a generated partnership gets a unique marker.  Each
marker is classified, from the data alone and independently of :mod:`csp_core.public`, as
secret at an instant (a private or not yet announced meeting, an exempt item's presenter and
summary, a withheld, unpublished or future document, a revision not yet made, a change not yet
announced, an assessment or review before its publication day, a plan not yet public, a
private contact detail, the address of a document that is not online, the record of a meeting
and its actions before the minutes, an exempt item's resolutions and interests) or not.  Every
installed publisher, and a publisher that dumps everything it can reach from what it is given, is
run at instants chosen around the data's own moments; no secret marker may appear in any byte of any
output.  Public markers must appear, so the test cannot pass by publishing nothing.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import itertools
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csp_core import Text, build_many, hookimpl, load
from csp_core.model import (
    Action,
    AgendaItem,
    AnnualReview,
    Availability,
    ChangeKind,
    CommunitySafetyPlan,
    Document,
    DocumentKind,
    LeadOfficer,
    Meeting,
    MeetingChange,
    MeetingRecord,
    MeetingStatus,
    Online,
    Partnership,
    Revision,
    RevisionKind,
    StrategicAssessment,
)
from csp_core.plugins import Registered, load_plugins
from csp_core.public import public_view
from csp_core.publishing import BuildContext, Option, OutputFile, parse_options
from tests.data import ROOT
from tests.strategies import examples, partnerships

Secret = Callable[[dt.datetime], bool]
"""Whether a marker must not be public at an instant."""

#: Fields holding free text a person reads; ids, slugs, postcodes and enums are left alone.
_TEXT = {
    "name", "title", "note", "summary", "status_note", "how", "presenter", "measure", "unit",
    "role", "description", "area", "purpose", "prepared_by", "short_name", "text", "phone",
}  # fmt: skip
_TEXTS = {"key_roles", "aims", "topics", "sources", "address"}
_LINKS = {"url", "web"}


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def _never(_: dt.datetime) -> bool:
    return False


def _always(_: dt.datetime) -> bool:
    return True


@dataclass
class Marked:
    """A partnership whose text fields hold markers, and when each marker is secret."""

    partnership: Partnership = field(init=False)
    secret: dict[str, Secret] = field(default_factory=dict)
    """Marker → when it is secret (it may be public otherwise, or not shown at all)."""
    public: dict[str, Secret] = field(default_factory=dict)
    """Markers that must appear in some output at an instant when this says True."""
    _count: Iterator[int] = field(default_factory=itertools.count)

    def marker(self, when: Secret) -> str:
        marker = f"qmk{next(self._count):05d}z"
        self.secret[marker] = when
        return marker


def _any(*tests: Secret) -> Secret:
    return lambda at: any(test(at) for test in tests)


def _day(zone: ZoneInfo) -> Callable[[dt.datetime], dt.date]:
    return lambda at: at.astimezone(zone).date()


def _mark(marked: Marked, value: Any, when: Secret, link_secret: Secret, name: str = "") -> Any:
    """``value`` with every text field replaced by a marker secret ``when``."""
    if not attrs.has(type(value)):
        return value
    changes: dict[str, Any] = {}
    for attribute in attrs.fields(type(value)):
        current = getattr(value, attribute.name)
        if current is None:
            continue
        if attribute.name in _TEXT and isinstance(current, str):
            changes[attribute.name] = marked.marker(when)
        elif attribute.name in _TEXTS and isinstance(current, tuple):
            changes[attribute.name] = tuple(marked.marker(when) for _ in current)
        elif attribute.name in _LINKS and isinstance(current, str):
            changes[attribute.name] = (
                f"https://example.org/{marked.marker(_any(when, link_secret))}"
            )
        elif attribute.name == "email" and isinstance(current, str):
            changes[attribute.name] = f"{marked.marker(when)}@example.org"
    return attrs.evolve(value, **changes)


def _document(
    marked: Marked, document: Document, when: Secret, *, never_public: bool = False
) -> Document:
    published = document.published
    withdrawn = document.withdrawn_at()

    def unpublished(at: dt.datetime) -> bool:
        return published is None or _utc(at) < _utc(published)

    def gone(at: dt.datetime) -> bool:
        return withdrawn is not None and _utc(withdrawn) <= _utc(at)

    withheld = never_public or document.availability is Availability.WITHHELD
    hidden = _any(when, unpublished, _always if withheld else _never)
    offline = _always if document.availability is not Availability.ONLINE else gone
    revisions = []
    for revision in document.revisions:
        moment = revision.published

        def future(at: dt.datetime, moment: dt.datetime = moment) -> bool:
            return _utc(at) < _utc(moment)

        revisions.append(_revision(marked, revision, _any(hidden, future), offline))
    result = _mark(marked, document, hidden, offline)
    return attrs.evolve(result, revisions=tuple(revisions))


def _revision(marked: Marked, revision: Revision, when: Secret, offline: Secret) -> Revision:
    return _mark(marked, revision, when, offline)  # type: ignore[no-any-return]


def _meeting(marked: Marked, meeting: Meeting, closed: set[str]) -> Meeting:
    """The meeting marked; ``closed``: the private bodies, whose meetings are all private."""
    announced = meeting.announced
    private = not meeting.public or meeting.body in closed

    def hidden(at: dt.datetime) -> bool:
        return private or (announced is not None and _utc(at) < _utc(announced))

    def status_unknown(at: dt.datetime) -> bool:
        changed = meeting.status is not MeetingStatus.SCHEDULED
        return changed and not meeting.changed(ChangeKind.STATUS, at)

    result: Meeting = _mark(marked, meeting, hidden, _never)
    title = result.title
    marked.public[title] = lambda at: not hidden(at)
    changes = []
    for change in meeting.changes:
        moment = change.at

        def future(at: dt.datetime, moment: dt.datetime = moment) -> bool:
            return _utc(at) < _utc(moment)

        changes.append(_change(marked, change, _any(hidden, future)))
    agenda = [_item(marked, item, hidden) for item in meeting.agenda]
    withheld_papers = {paper for item in meeting.agenda if item.exempt for paper in item.papers}
    no_record = _any(hidden, _no_minutes(meeting))
    return attrs.evolve(
        result,
        record=_record(marked, meeting, no_record),
        status_note=marked.marker(_any(hidden, status_unknown)) if meeting.status_note else None,
        venue=_mark(marked, meeting.venue, hidden, _never),
        questions=_mark(marked, meeting.questions, hidden, hidden),
        online=_online(marked, meeting.online, hidden),
        changes=tuple(changes),
        agenda=tuple(agenda),
        documents=tuple(
            _document(marked, document, hidden, never_public=document.id in withheld_papers)
            for document in meeting.documents
        ),
    )


def _no_minutes(meeting: Meeting) -> Secret:
    """Whether the meeting's minutes are not public at an instant: not published by then, never
    public (withheld), or withdrawn by then.  The record and the actions of a meeting are secret
    while its minutes are not public."""
    minutes = meeting.document(DocumentKind.MINUTES)

    def secret(at: dt.datetime) -> bool:
        if minutes is None or minutes.published is None:
            return True
        withdrawn = minutes.withdrawn_at()
        return (
            minutes.availability is Availability.WITHHELD
            or _utc(at) < _utc(minutes.published)
            or (withdrawn is not None and _utc(withdrawn) <= _utc(at))
        )

    return secret


def _exempt_numbers(meeting: Meeting) -> set[str | None]:
    return {item.number for item in meeting.agenda if item.exempt}


def _record(marked: Marked, meeting: Meeting, hidden: Secret) -> MeetingRecord | None:
    """The record's texts secret while the minutes are not public; an exempt item's
    resolutions and interests always."""
    record = meeting.record
    if record is None:
        return None
    exempt = _exempt_numbers(meeting)
    return MeetingRecord(
        attendance=tuple(
            attrs.evolve(
                _mark(marked, attendee, hidden, _never),
                on_behalf_of=marked.marker(hidden) if attendee.on_behalf_of else None,
            )
            for attendee in record.attendance
        ),
        declarations=tuple(
            attrs.evolve(
                _mark(marked, declaration, hidden, _never),
                interest=marked.marker(_always if declaration.item in exempt else hidden)
                if declaration.interest
                else None,
            )
            for declaration in record.declarations
        ),
        decisions=tuple(
            attrs.evolve(
                decision,
                resolution=marked.marker(_always if decision.item in exempt else hidden)
                if decision.resolution
                else None,
            )
            for decision in record.decisions
        ),
    )


def _action(marked: Marked, action: Action, partnership: Partnership, closed: set[str]) -> Action:
    """An action's texts secret while the raising meeting's minutes are not public (always under
    an exempt item); an update's note also while its own meeting's are not."""
    meetings = {meeting.id: meeting for meeting in partnership.meetings}

    def minutes_hidden(meeting_id: str) -> Secret:
        meeting = meetings[meeting_id]
        private = not meeting.public or meeting.body in closed
        return _any(_always if private else _never, _no_minutes(meeting))

    raised = meetings[action.raised]
    under_exempt = action.item is not None and action.item in _exempt_numbers(raised)
    hidden = _always if under_exempt else minutes_hidden(action.raised)
    updates = tuple(
        attrs.evolve(
            update,
            note=marked.marker(_any(hidden, minutes_hidden(update.meeting)))
            if update.note
            else None,
        )
        for update in action.updates
    )
    return attrs.evolve(
        _mark(marked, action, hidden, _never),
        owner_role=marked.marker(hidden) if action.owner_role else None,
        updates=updates,
    )


def _online(marked: Marked, online: Online | None, hidden: Secret) -> Online | None:
    """Each join, webcast and recording link secret while the meeting is, and before its moment."""
    if online is None:
        return None
    changes: dict[str, str] = {}
    for link in ("join", "webcast", "recording"):
        moment: dt.datetime | None = getattr(online, f"{link}_from")

        def early(at: dt.datetime, moment: dt.datetime | None = moment) -> bool:
            return moment is not None and _utc(at) < _utc(moment)

        if getattr(online, link) is not None:
            changes[link] = f"https://example.org/{marked.marker(_any(hidden, early))}"
    return attrs.evolve(online, **changes)


def _change(marked: Marked, change: MeetingChange, when: Secret) -> MeetingChange:
    return _mark(marked, change, when, _never)  # type: ignore[no-any-return]


def _item(marked: Marked, item: AgendaItem, hidden: Secret) -> AgendaItem:
    result: AgendaItem = _mark(marked, item, hidden, _never)
    if item.exempt:
        # Only the number, the title and the paragraph of an exempt item are ever public.
        return attrs.evolve(
            result,
            presenter=marked.marker(_always) if item.presenter else None,
            summary=marked.marker(_always) if item.summary else None,
        )
    return result


def _plan(marked: Marked, plan: CommunitySafetyPlan, zone: ZoneInfo) -> CommunitySafetyPlan:
    today = _day(zone)

    def hidden(at: dt.datetime) -> bool:
        published = any(document.is_published_at(at) for document in plan.documents)
        return not (plan.in_force_from <= today(at) or published)

    result: CommunitySafetyPlan = _mark(marked, plan, hidden, _never)
    priorities = []
    for priority in plan.priorities:
        marked_priority = _mark(marked, priority, hidden, _never)
        targets = tuple(_target(marked, target, hidden) for target in priority.targets)
        priorities.append(
            attrs.evolve(
                marked_priority,
                aims=tuple(marked.marker(hidden) for _ in priority.aims),
                lead=_lead(marked, priority.lead, hidden),
                targets=targets,
            )
        )
    return attrs.evolve(
        result,
        priorities=tuple(priorities),
        documents=tuple(_document(marked, document, hidden) for document in plan.documents),
    )


def _target(marked: Marked, target: Any, hidden: Secret) -> Any:
    result = _mark(marked, target, hidden, _never)
    return attrs.evolve(
        result,
        baseline=_mark(marked, target.baseline, hidden, _never),
        readings=tuple(_mark(marked, reading, hidden, _never) for reading in target.readings),
    )


def _lead(marked: Marked, lead: LeadOfficer, hidden: Secret) -> LeadOfficer:
    result: LeadOfficer = _mark(marked, lead, hidden, _never)
    private = _any(hidden, _never if lead.public else _always)
    return attrs.evolve(
        result,
        email=f"{marked.marker(private)}@example.org" if lead.email else None,
        phone=marked.marker(private) if lead.phone else None,
    )


def _assessment(
    marked: Marked, assessment: StrategicAssessment, zone: ZoneInfo
) -> StrategicAssessment:
    today = _day(zone)

    def hidden(at: dt.datetime) -> bool:
        return today(at) < assessment.published_on

    result: StrategicAssessment = _mark(marked, assessment, hidden, _never)
    return attrs.evolve(
        result,
        recommendations=tuple(
            _mark(marked, recommendation, hidden, _never)
            for recommendation in assessment.recommendations
        ),
        documents=tuple(_document(marked, document, hidden) for document in assessment.documents),
    )


def _review(marked: Marked, review: AnnualReview, zone: ZoneInfo) -> AnnualReview:
    today = _day(zone)
    published_on = review.published_on

    def hidden(at: dt.datetime) -> bool:
        return published_on is None or today(at) < published_on

    result: AnnualReview = _mark(marked, review, hidden, _never)
    document = review.document
    return attrs.evolve(
        result, document=_document(marked, document, hidden) if document is not None else None
    )


def mark(partnership: Partnership) -> Marked:
    """Markers in every text field of ``partnership``, each with when it is secret."""
    marked = Marked()
    zone = partnership.timezone
    closed = {body.id for body in partnership.bodies if not body.public}
    result: Partnership = _mark(marked, partnership, _never, _never)
    marked.public[result.name] = _always
    marked.partnership = attrs.evolve(
        result,
        contact=_mark(marked, partnership.contact, _never, _never),
        bodies=tuple(_mark(marked, body, _never, _never) for body in partnership.bodies),
        agencies=tuple(_mark(marked, agency, _never, _never) for agency in partnership.agencies),
        plans=tuple(_plan(marked, plan, zone) for plan in partnership.plans),
        assessments=tuple(_assessment(marked, a, zone) for a in partnership.assessments),
        annual_reviews=tuple(_review(marked, r, zone) for r in partnership.annual_reviews),
        meetings=tuple(_meeting(marked, meeting, closed) for meeting in partnership.meetings),
        actions=tuple(
            _action(marked, action, partnership, closed) for action in partnership.actions
        ),
    )
    return marked


# -- a publisher that dumps everything it can reach ------------------------------------------


def reachable(value: object) -> Iterator[str]:
    """Every piece of data reachable from ``value``, as text."""
    seen: set[int] = set()
    stack: list[object] = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            yield current
            continue
        if current is None or isinstance(current, bool | int | float | bytes):
            yield repr(current)
            continue
        if isinstance(current, enum.Enum):
            stack.append(current.value)
            continue
        if isinstance(current, dt.date | dt.datetime | dt.time | dt.timedelta | ZoneInfo):
            yield str(current)
            continue
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, Mapping):
            stack.extend(current.keys())
            stack.extend(current.values())
        elif isinstance(current, Iterable):
            stack.extend(current)
        if attrs.has(type(current)):
            stack.extend(getattr(current, a.name) for a in attrs.fields(type(current)))
        stack.extend(vars(current).values() if hasattr(current, "__dict__") else ())
        for name in getattr(type(current), "__slots__", ()):
            if hasattr(current, name):
                stack.append(getattr(current, name))


@attrs.frozen
class Dump:
    """A hostile third-party publisher: writes out everything in its build context."""

    name: str = "leak-dump"
    description: str = "Everything a publisher can reach"
    outputs: tuple[str, ...] = ("dump.txt",)
    options: tuple[Option, ...] = ()

    def render(self, context: BuildContext) -> Iterator[OutputFile]:
        """One file holding every reachable piece of data, sorted."""
        text = "\n".join(sorted(reachable(context)))
        yield OutputFile(path="dump.txt", content=text.encode(), media_type="text/plain")


class _DumpPlugin:
    @hookimpl
    def register_publishers(self, register: Callable[[Dump], None]) -> None:
        register(Dump())


@functools.cache
def _registry() -> Mapping[str, Registered]:
    """Every installed publisher and :class:`Dump`, loaded once for this module."""
    return load_plugins(extra={"test": _DumpPlugin()}).publishers


def outputs(partnership: Partnership, at: dt.datetime) -> dict[str, str]:
    """Every file every publisher makes at ``at``, as text a marker search can read."""
    view = public_view(partnership, at)
    files: dict[str, str] = {}
    for name, entry in _registry().items():
        context = BuildContext(
            view=view,
            options=parse_options(entry.publisher, {}),
            base_url="https://example.org/site/",
        )
        for file in entry.publisher.render(context):
            # Unfold iCalendar lines, so a marker split by folding is found whole.
            text = file.content.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
            files[f"{name}:{file.path}"] = text
    return files


def _moments(partnership: Partnership) -> list[dt.datetime]:
    """The data's own moments: where what is public changes."""
    zone = partnership.timezone
    found: list[dt.datetime] = []
    for document in partnership.documents():
        found += [document.published] if document.published else []
        found += [revision.published for revision in document.revisions]
    for meeting in partnership.meetings:
        found += [meeting.start] + ([meeting.announced] if meeting.announced else [])
        found += [change.at for change in meeting.changes]
        online = meeting.online
        if online is not None:
            links = (online.join_from, online.webcast_from, online.recording_from)
            found += [moment for moment in links if moment is not None]
    days = [plan.in_force_from for plan in partnership.plans]
    days += [assessment.published_on for assessment in partnership.assessments]
    days += [r.published_on for r in partnership.annual_reviews if r.published_on]
    found += [dt.datetime.combine(day, dt.time(), tzinfo=zone) for day in days]
    return found


@st.composite
def instants(draw: st.DrawFn, partnership: Partnership) -> dt.datetime:
    """An instant just before, at or just after one of the data's moments, or any instant."""
    moments = _moments(partnership)
    anywhere = st.datetimes(
        min_value=dt.datetime(2000, 1, 1),
        max_value=dt.datetime(2036, 1, 1),
        timezones=st.just(dt.UTC),
    )
    if not moments or draw(st.integers(0, 4)) == 0:
        return draw(anywhere)
    moment = draw(st.sampled_from(moments))
    step = draw(st.sampled_from([-1, 0, 1]))
    return _utc(moment) + dt.timedelta(seconds=step)


def leaks(marked: Marked, at: dt.datetime, files: Mapping[str, str]) -> list[str]:
    """Secret markers found in ``files``: ``file: marker``."""
    secret = [marker for marker, when in marked.secret.items() if when(at)]
    return [
        f"{path}: {marker}" for path, text in files.items() for marker in secret if marker in text
    ]


_SETTINGS = examples(60)


class TestNothingLeaks:
    @_SETTINGS
    @given(partnership=partnerships(), data=st.data())
    def test_no_secret_reaches_any_output(
        self, partnership: Partnership, data: st.DataObject
    ) -> None:
        """No secret marker is in any byte of any output, at instants around the data's moments."""
        marked = mark(partnership)
        for _ in range(3):
            at = data.draw(instants(partnership), label="at")
            files = outputs(marked.partnership, at)
            assert leaks(marked, at, files) == []
            text = "\n".join(files.values())
            missing = [m for m, shown in marked.public.items() if shown(at) and m not in text]
            assert missing == [], "public markers must appear (the test must not pass vacuously)"

    def test_the_harness_sees_a_leak(self, cambridge: Partnership) -> None:
        """A publisher given the raw partnership would be caught: the harness is not vacuous."""
        marked = mark(cambridge)
        at = dt.datetime(2019, 2, 1, 12, tzinfo=dt.UTC)
        raw = {"dump": "\n".join(reachable(marked.partnership))}
        found = leaks(marked, at, raw)
        assert found, "secret markers exist at this instant"
        assert leaks(marked, at, outputs(marked.partnership, at)) == []

    @pytest.mark.parametrize("month", range(1, 13))
    def test_example_at_each_month(self, cambridge: Partnership, month: int) -> None:
        """The Cambridge example, marked, leaks nothing at the start of each month of 2019."""
        marked = mark(cambridge)
        at = dt.datetime(2019, month, 1, 9, tzinfo=cambridge.timezone)
        files = outputs(marked.partnership, at)
        assert leaks(marked, at, files) == []
        assert marked.partnership.name in "\n".join(files.values())


def test_exempt_item_rule_is_the_same_everywhere(cambridge: Partnership) -> None:
    """An exempt item's title and paragraph are public in every output; nothing else of it."""
    at = dt.datetime(2019, 2, 20, 9, tzinfo=cambridge.timezone)
    files = outputs(cambridge, at)
    meeting = next(m for m in cambridge.meetings if m.id == "2019-02-12")
    item = next(item for item in meeting.agenda if item.exempt)
    paper = next(d for d in meeting.documents if d.id in item.papers)
    for path, text in files.items():
        assert item.summary is not None
        assert item.summary not in text, path
        assert paper.id not in text, path
    shown = {path for path, text in files.items() if item.title in text}
    assert any(path.startswith("html:") for path in shown)
    assert any(path.startswith("ical:") for path in shown)


def test_withdrawn_document_kept_only_as_a_record(cambridge: Partnership) -> None:
    """A withdrawn document leaves the lists; the timeline keeps its withdrawal, with no link."""
    partnership = cambridge
    meeting = partnership.meetings[-1]
    document = next(d for d in meeting.documents if d.published is not None)
    assert document.published is not None
    withdrawal = Revision(
        kind=RevisionKind.WITHDRAWAL,
        published=document.published + dt.timedelta(days=1),
        note="Withdrawn at the author's request",
    )
    withdrawn = attrs.evolve(document, revisions=(*document.revisions, withdrawal))
    meetings = tuple(
        attrs.evolve(
            m, documents=tuple(withdrawn if d.id == document.id else d for d in m.documents)
        )
        if m.id == meeting.id
        else m
        for m in partnership.meetings
    )
    partnership = attrs.evolve(partnership, meetings=meetings)
    view = public_view(partnership, withdrawal.published + dt.timedelta(hours=1))
    public_meeting = next(m for m in view.partnership.meetings if m.id == meeting.id)
    assert document.id not in {d.id for d in public_meeting.documents}
    record = [event for event in view.timeline if event.document == document.id]
    assert [event.id.rsplit("/", 1)[-1] for event in record][-1] == str(len(withdrawn.revisions))
    assert all(event.link is None for event in record)


# -- combined outputs of partnerships built together ------------------------------------------


def combined_outputs(
    partnerships: Iterable[Partnership], at: dt.datetime, out: Path
) -> dict[str, str]:
    """The combined files (county calendar, feeds, index page...) of a build of the set."""
    members = sorted(partnerships, key=lambda partnership: partnership.id)
    result = build_many(members, out, at, base_url="https://example.org/county/")
    assert result.ok, result.failures
    folders = {f"{partnership.id}/" for partnership in members}
    files: dict[str, str] = {}
    for path in sorted(out.rglob("*")):
        name = path.relative_to(out).as_posix()
        if path.is_file() and not name.startswith(".") and not name.startswith(tuple(folders)):
            text = path.read_text(encoding="utf-8-sig").replace("\r\n ", "").replace("\r\n\t", "")
            files[name] = text
    return files


class TestCombinedOutputsLeakNothing:
    @settings(examples(15), deadline=None)
    @given(partnership=partnerships(), data=st.data())
    def test_no_secret_reaches_a_combined_output(
        self, partnership: Partnership, data: st.DataObject, cambridge: Partnership
    ) -> None:
        """Built with the Cambridge example, no secret marker reaches any combined file."""
        marked = mark(attrs.evolve(partnership, id=f"x-{partnership.id}"))
        with tempfile.TemporaryDirectory() as folder:
            for step in range(2):
                at = data.draw(instants(partnership), label="at")
                files = combined_outputs(
                    [marked.partnership, cambridge], at, Path(folder) / f"out-{step}"
                )
                assert "index.html" in files, sorted(files)
                assert leaks(marked, at, files) == []
                # Not vacuous: the marked partnership's name is on the county page.
                assert marked.partnership.name in files["index.html"]

    def test_the_welsh_private_group_is_in_no_combined_file(
        self, cambridge: Partnership, tmp_path: Path
    ) -> None:
        """The Officers' Tasking Group meets in private: no combined file holds its meetings."""
        wales = load(ROOT / "examples" / "conwy-denbighshire")
        private = [body.id for body in wales.bodies if not body.public]
        assert private
        secret = {meeting.id for meeting in wales.meetings if meeting.body in private}
        secret |= {
            title
            for meeting in wales.meetings
            if meeting.body in private and isinstance(meeting.title, Text)
            for title in meeting.title.translations.values()
        }
        assert len(secret) == 9  # three meetings: an id and two titles each
        # From before the group's first meeting (14 October 2025) to after its last.
        moments = [dt.datetime(2025, month, 1, 9) for month in range(9, 13)]
        moments += [dt.datetime(2025, 10, 14, 10), dt.datetime(2026, 2, 1, 9)]
        for index, at in enumerate(moment.replace(tzinfo=wales.timezone) for moment in moments):
            files = combined_outputs([wales, cambridge], at, tmp_path / f"out-{index}")
            found = [f"{path}: {s}" for path, text in files.items() for s in secret if s in text]
            assert found == []
