"""Hypothesis strategies for the model: valid partnerships of every shape the model allows.

Also :func:`examples`, for a property test that wants its own number of examples.
"""

from __future__ import annotations

import datetime as dt
import itertools
import string
import typing
from collections.abc import Iterator
from enum import Enum
from zoneinfo import ZoneInfo

import attrs
from hypothesis import settings
from hypothesis import strategies as st

from csp_core import (
    EXEMPTION_PARAGRAPHS,
    Action,
    ActionStatus,
    ActionUpdate,
    Agency,
    AgendaItem,
    AnnualReview,
    Attendance,
    Attendee,
    Availability,
    Body,
    BodyKind,
    ChangeKind,
    CommunitySafetyPlan,
    Contact,
    Coordinates,
    Decision,
    DecisionMethod,
    Declaration,
    Document,
    DocumentKind,
    InterestKind,
    LeadOfficer,
    Meeting,
    MeetingChange,
    MeetingRecord,
    MeetingStatus,
    Membership,
    Nation,
    Online,
    Partnership,
    PartnershipTexts,
    Period,
    Presence,
    Priority,
    PublicationPolicy,
    Questions,
    Reading,
    Recommendation,
    RecommendationKind,
    Revision,
    RevisionKind,
    Role,
    Sector,
    StrategicAssessment,
    Target,
    Venue,
    Votes,
)
from csp_core.errors import InvalidModel
from csp_core.limits import POLICY_MAXIMA
from csp_core.model.agencies import NEVER_STATUTORY


def examples(count: int) -> settings:
    """Settings for a property test that wants ``count`` examples rather than the profile's.

    The ``ci`` profile (and any other) runs ``count``; the ``dev`` profile, a quick run, runs
    no more than its own number (see the root conftest.py).  Use it for a test whose examples
    are expensive (fewer than the default 100) or cheap and worth more::

        @examples(60)
        @given(partnership=partnerships())
        def test_...(partnership): ...

    Combine with other settings as ``@settings(examples(25), derandomize=True)``.
    """
    if settings.get_current_profile_name() == "dev":
        count = min(count, settings.get_profile("dev").max_examples)
    return settings(max_examples=count)


ZONES = (ZoneInfo("Europe/London"), ZoneInfo("Europe/Dublin"), ZoneInfo("UTC"))
POSTCODES = ("CB23 6EA", "cb1 0jh", "CB2  3QJ", "SW1A1AA", "EH1 1YZ", "BT1 5GS", "CF10 3NQ")

slugs = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30
).filter(lambda value: value.strip() != "")
"""Any non-blank text: markup, quotes, backslashes, newlines, Welsh and Gaelic letters."""
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31))
numbers = st.floats(allow_nan=False, allow_infinity=False, width=32)
urls = st.builds("https://example.org/{}".format, slugs)
emails = st.builds("{}@example.org".format, slugs)


def shift(moment: dt.datetime, delta: dt.timedelta, zone: ZoneInfo) -> dt.datetime:
    """``moment`` plus ``delta`` of elapsed time, in ``zone``: never a wall time that is not."""
    return (moment.astimezone(dt.UTC) + delta).astimezone(zone)


def moments(zone: ZoneInfo) -> st.SearchStrategy[dt.datetime]:
    """Whole-second moments in ``zone``, clock-change days and both folds included."""
    return st.datetimes(
        min_value=dt.datetime(2000, 1, 1),
        max_value=dt.datetime(2035, 12, 31),
        timezones=st.just(zone),
        allow_imaginary=False,
    ).map(lambda moment: moment.replace(microsecond=0))


@st.composite
def documents(
    draw: st.DrawFn, zone: ZoneInfo, ids: itertools.count[int], kind: DocumentKind
) -> Document:
    """A document of ``kind``, maybe unpublished, maybe revised or withdrawn."""
    published = draw(st.none() | moments(zone))
    availability = draw(st.sampled_from(Availability))
    revisions: list[Revision] = []
    if published is not None:
        at = published
        for revision_kind in draw(st.lists(st.sampled_from(RevisionKind), max_size=3)):
            at = shift(at, draw(st.timedeltas(dt.timedelta(0), dt.timedelta(days=60))), zone)
            revisions.append(
                Revision(
                    kind=revision_kind,
                    published=at,
                    note=draw(words),
                    url=draw(st.none() | urls),
                    sha256=draw(st.none() | st.text("0123456789abcdef", min_size=64, max_size=64)),
                )
            )
            if revision_kind is RevisionKind.WITHDRAWAL:
                break
    url = draw(urls) if availability is Availability.ONLINE else draw(st.none() | urls)
    return Document(
        id=f"doc-{next(ids)}",
        kind=kind,
        title=draw(words),
        url=url,
        published=published,
        availability=availability,
        sha256=draw(st.none() | st.text("0123456789abcdef", min_size=64, max_size=64)),
        revisions=tuple(revisions),
    )


@st.composite
def agencies(draw: st.DrawFn, agency_id: str) -> Agency:
    """An agency with one or two consecutive spells of membership."""
    sector = draw(st.sampled_from(Sector))
    statutory = sector not in NEVER_STATUTORY and draw(st.booleans())
    dates = sorted(draw(st.lists(days, min_size=3, max_size=3, unique=True)))
    roles = [Role.MEMBER] if statutory else list(Role)
    spells = [Membership(role=draw(st.sampled_from(roles)), since=draw(st.none()), until=dates[0])]
    if draw(st.booleans()):
        spells.append(
            Membership(
                role=draw(st.sampled_from(roles)),
                since=dates[1],
                until=draw(st.none() | st.just(dates[2])),
            )
        )
    return Agency(
        id=agency_id,
        name=draw(words),
        short_name=draw(st.none() | words),
        sector=sector,
        responsible_authority=statutory,
        web=draw(st.none() | urls),
        memberships=tuple(spells),
    )


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """A span of days."""
    start, end = sorted(draw(st.lists(days, min_size=2, max_size=2)))
    return Period(start=start, end=end)


@st.composite
def targets(draw: st.DrawFn, target_id: str) -> Target:
    """A target with readings in date order."""
    reading_days = sorted(draw(st.lists(days, max_size=4, unique=True)))
    return Target(
        id=target_id,
        measure=draw(words),
        unit=draw(st.none() | words),
        baseline=draw(st.none() | st.builds(Reading, on=days, value=numbers)),
        target=draw(numbers),
        by=draw(st.none() | days),
        readings=tuple(
            Reading(on=day, value=draw(numbers), note=draw(st.none() | words))
            for day in reading_days
        ),
    )


@st.composite
def plans(
    draw: st.DrawFn, plan_id: str, agency_ids: list[str], zone: ZoneInfo, ids: itertools.count[int]
) -> CommunitySafetyPlan:
    """A plan whose priorities are led by officers of the given agencies."""
    period = draw(periods())
    priority_ids = draw(st.lists(slugs, unique=True, max_size=3)) if agency_ids else []
    priorities = []
    for priority_id in priority_ids:
        target_ids = draw(st.lists(slugs, unique=True, max_size=2))
        priorities.append(
            Priority(
                id=priority_id,
                title=draw(words),
                summary=draw(st.none() | words),
                lead=LeadOfficer(
                    name=draw(words),
                    role=draw(words),
                    agency=draw(st.sampled_from(agency_ids)),
                    email=draw(st.none() | emails),
                    phone=draw(st.none() | words),
                    public=draw(st.booleans()),
                ),
                aims=tuple(draw(st.lists(words, max_size=3))),
                targets=tuple(draw(targets(target_id)) for target_id in target_ids),
            )
        )
    return CommunitySafetyPlan(
        id=plan_id,
        title=draw(words),
        period=period,
        in_force_from=draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=period.end)),
        summary=draw(st.none() | words),
        priorities=tuple(priorities),
        documents=tuple(draw(st.lists(documents(zone, ids, DocumentKind.PLAN), max_size=2))),
    )


@st.composite
def meetings(
    draw: st.DrawFn,
    meeting_id: str,
    others: list[str],
    body_ids: list[str],
    nation: Nation,
    zone: ZoneInfo,
    ids: itertools.count[int],
    agency_ids: list[str] | None = None,
) -> Meeting:
    """A meeting in any status, with documents, questions and (possibly exempt) agenda items,
    and, when it goes ahead, perhaps its record (attendance, declarations, decisions)."""
    start = draw(moments(zone))
    status = draw(st.sampled_from(MeetingStatus))
    replaced_by = (
        draw(st.none() | st.sampled_from(others))
        if others and status is not MeetingStatus.SCHEDULED
        else None
    )
    previous_start = None
    if status is MeetingStatus.RESCHEDULED and (replaced_by is None or draw(st.booleans())):
        moved = draw(st.timedeltas(dt.timedelta(days=-90), dt.timedelta(days=90)))
        previous_start = shift(start, moved or dt.timedelta(days=7), zone)
    kinds = draw(st.lists(st.sampled_from(DocumentKind), max_size=5))
    kinds = [
        kind
        for index, kind in enumerate(kinds)
        if kind in {DocumentKind.REPORT, DocumentKind.OTHER} or kind not in kinds[:index]
    ]
    kinds = [kind for kind in kinds if kind not in _PLAN_KINDS]
    docs = []
    for kind in kinds:
        document = draw(documents(zone, ids, kind))
        if kind is DocumentKind.MINUTES and document.published is not None:
            later = dt.timedelta(days=draw(st.integers(0, 60)))
            document = _moved(document, shift(start, later, zone))
        docs.append(document)
    withheld = [d.id for d in docs if d.availability is Availability.WITHHELD]
    items = []
    for number in range(draw(st.integers(0, 3))):
        exempt = draw(st.booleans())
        pool = withheld if exempt else [d.id for d in docs]
        items.append(
            AgendaItem(
                number=str(number + 1),
                title=draw(words),
                presenter=draw(st.none() | words),
                minutes_allowed=draw(st.none() | st.integers(1, 120)),
                summary=draw(st.none() | words),
                exempt=exempt,
                exemption=draw(st.sampled_from(EXEMPTION_PARAGRAPHS[nation])) if exempt else None,
                papers=tuple(draw(st.lists(st.sampled_from(pool), unique=True)) if pool else ()),
            )
        )
    end = draw(st.none() | st.timedeltas(dt.timedelta(minutes=1), dt.timedelta(hours=8)))
    attendance = draw(st.sampled_from(Attendance))
    announced = draw(st.none() | st.just(_before(zone, start, previous_start, docs)))
    return Meeting(
        id=meeting_id,
        body=draw(st.sampled_from(body_ids)),
        title=draw(words),
        start=start,
        end=None if end is None else shift(start, end, zone),
        venue=draw(
            st.none()
            | st.builds(
                Venue,
                name=words,
                address=st.lists(words, max_size=3).map(tuple),
                postcode=st.none() | st.sampled_from(POSTCODES),
                coordinates=st.none()
                | st.builds(
                    Coordinates,
                    latitude=st.floats(-90, 90, allow_nan=False),
                    longitude=st.floats(-180, 180, allow_nan=False),
                ),
            )
        ),
        attendance=attendance,
        online=_online(draw, zone, attendance, start),
        public=draw(st.booleans()),
        status=status,
        status_note=draw(st.none() | words),
        previous_start=previous_start,
        replaced_by=replaced_by,
        questions=draw(
            st.none()
            | st.builds(
                Questions,
                how=words,
                email=st.none() | emails,
                url=st.none() | urls,
                deadline=st.none() | st.just(shift(start, -dt.timedelta(hours=25), zone)),
            )
        ),
        agenda=tuple(items),
        documents=tuple(docs),
        announced=announced,
        last_changed=draw(st.none() | moments(zone)),
        changes=tuple(_changes(draw, zone, status, previous_start, announced)),
        record=_record(draw, items, agency_ids or [])
        if status in {MeetingStatus.SCHEDULED, MeetingStatus.RESCHEDULED}
        else None,
    )


def _record(
    draw: st.DrawFn, items: list[AgendaItem], agency_ids: list[str]
) -> MeetingRecord | None:
    """Perhaps a record of a meeting with ``items``: attendance, declarations, decisions."""
    if not draw(st.booleans()):
        return None
    numbers = [item.number for item in items if item.number is not None]
    names = draw(st.lists(words, max_size=4, unique=True))
    attendance = []
    for name in names:
        presence = draw(st.sampled_from(Presence))
        attendance.append(
            Attendee(
                name=name,
                agency=draw(st.none() | st.sampled_from(agency_ids)) if agency_ids else None,
                role=draw(st.none() | words),
                presence=presence,
                on_behalf_of=draw(st.none() | words) if presence is Presence.SUBSTITUTE else None,
            )
        )
    declarations = []
    decisions = []
    for _ in range(draw(st.integers(0, 2)) if numbers else 0):
        declarations.append(
            Declaration(
                item=draw(st.sampled_from(numbers)),
                name=draw(words),
                interest=draw(words),
                kind=draw(st.sampled_from(InterestKind)),
                left_room=draw(st.booleans()),
            )
        )
    for number in numbers:
        if not draw(st.booleans()):
            continue
        method = draw(st.sampled_from(DecisionMethod))
        votes = None
        if method is DecisionMethod.VOTE and draw(st.booleans()):
            votes = Votes(
                in_favour=draw(st.integers(0, 20)),
                against=draw(st.integers(0, 20)),
                abstentions=draw(st.integers(0, 20)),
            )
        decisions.append(Decision(item=number, resolution=draw(words), method=method, votes=votes))
    return MeetingRecord(
        attendance=tuple(attendance), declarations=tuple(declarations), decisions=tuple(decisions)
    )


def _actions(draw: st.DrawFn, meetings: list[Meeting], agency_ids: list[str]) -> list[Action]:
    """Actions raised at meetings that took place, updated at later ones until closed."""
    held = sorted((m for m in meetings if m.goes_ahead), key=lambda m: (m.start.timestamp(), m.id))
    found: list[Action] = []
    for action_id in draw(st.lists(slugs, max_size=2, unique=True)) if held else []:
        at = draw(st.integers(0, len(held) - 1))
        raised = held[at]
        numbers = [item.number for item in raised.agenda if item.number is not None]
        updates: list[ActionUpdate] = []
        last = raised.start.timestamp()
        for later in held[at + 1 :]:
            if later.start.timestamp() <= last or not draw(st.booleans()):
                continue
            status = draw(st.sampled_from(ActionStatus))
            updates.append(
                ActionUpdate(meeting=later.id, status=status, note=draw(st.none() | words))
            )
            last = later.start.timestamp()
            if status.closed:
                break
        found.append(
            Action(
                id=action_id,
                title=draw(words),
                raised=raised.id,
                item=draw(st.none() | st.sampled_from(numbers)) if numbers else None,
                owner_agency=draw(st.none() | st.sampled_from(agency_ids)) if agency_ids else None,
                owner_role=draw(st.none() | words),
                due=draw(st.none() | days),
                updates=tuple(updates),
            )
        )
    return found


def _online(
    draw: st.DrawFn,
    zone: ZoneInfo,
    attendance: Attendance,
    start: dt.datetime,
) -> Online | None:
    """Sometimes join, webcast and recording links, each public from its own moment.

    A recording is published on or after the meeting's (final) ``start``.
    """
    join = draw(st.none() | urls) if attendance is not Attendance.IN_PERSON else None
    webcast, recording = draw(st.none() | urls), draw(st.none() | urls)
    if join is None and webcast is None and recording is None:
        return None
    later = draw(st.timedeltas(dt.timedelta(0), dt.timedelta(days=30)))
    return Online(
        join=join,
        join_from=draw(st.none() | moments(zone)) if join else None,
        webcast=webcast,
        webcast_from=draw(st.none() | moments(zone)) if webcast else None,
        recording=recording,
        recording_from=shift(start, later, zone) if recording else None,
    )


def _before(
    zone: ZoneInfo, start: dt.datetime, previous: dt.datetime | None, docs: list[Document]
) -> dt.datetime:
    """A moment before the meeting (either start) and before any of its documents went public."""
    moments_ = [start, previous or start, *(d.published for d in docs if d.published)]
    return shift(min(moments_, key=lambda m: m.astimezone(dt.UTC)), -dt.timedelta(days=40), zone)


def _changes(
    draw: st.DrawFn,
    zone: ZoneInfo,
    status: MeetingStatus,
    previous_start: dt.datetime | None,
    announced: dt.datetime | None,
) -> list[MeetingChange]:
    """A change record consistent with the meeting's status: sometimes with extra entries.

    A move and its status change are one entry or two, in either order; no change comes before
    the meeting was announced.
    """
    needed = set()
    if status is not MeetingStatus.SCHEDULED:
        needed.add(ChangeKind.STATUS)
    if previous_start is not None:
        needed.add(ChangeKind.TIME)
    kinds: list[set[ChangeKind]] = [needed] if needed else []
    if len(needed) == 2 and draw(st.booleans()):
        kinds = draw(st.permutations([{ChangeKind.TIME}, {ChangeKind.STATUS}]))
    kinds += [{kind} for kind in draw(st.lists(st.sampled_from(ChangeKind), max_size=2))]
    moments_ = sorted(
        draw(st.lists(moments(zone), min_size=len(kinds), max_size=len(kinds))),
        key=lambda moment: moment.astimezone(dt.UTC),
    )
    if announced is not None:
        moments_ = [
            max(moment, announced, key=lambda m: m.astimezone(dt.UTC)) for moment in moments_
        ]
    return [
        MeetingChange(at=at, what=tuple(sorted(what)), note=draw(st.none() | words))
        for at, what in zip(moments_, kinds, strict=True)
    ]


_PLAN_KINDS = {DocumentKind.PLAN, DocumentKind.STRATEGIC_ASSESSMENT, DocumentKind.ANNUAL_REVIEW}


def _moved(document: Document, published: dt.datetime) -> Document:
    """The document first published at ``published``, its revisions dropped."""
    return attrs.evolve(document, published=published, revisions=())


@st.composite
def partnerships(draw: st.DrawFn) -> Partnership:
    """Any valid partnership."""
    zone = draw(st.sampled_from(ZONES))
    nation = draw(st.sampled_from(Nation))
    ids = itertools.count()
    body_ids = draw(st.lists(slugs, min_size=1, max_size=3, unique=True))
    agency_ids = draw(st.lists(slugs, max_size=4, unique=True))
    plan_ids = draw(st.lists(slugs, max_size=2, unique=True))
    plan_list = [draw(plans(plan_id, agency_ids, zone, ids)) for plan_id in plan_ids]
    priority_ids = [priority.id for plan in plan_list for priority in plan.priorities]
    meeting_ids = draw(st.lists(slugs, max_size=4, unique=True))
    years = draw(st.lists(st.integers(1998, 2200), max_size=2, unique=True))
    meeting_list = [
        draw(
            meetings(
                meeting_id,
                [other for other in meeting_ids if other != meeting_id],
                body_ids,
                nation,
                zone,
                ids,
                agency_ids,
            )
        )
        for meeting_id in meeting_ids
    ]
    return Partnership(
        id=draw(slugs),
        name=draw(words),
        area=draw(words),
        purpose=draw(st.none() | words),
        key_roles=tuple(draw(st.lists(words, max_size=3))),
        texts=PartnershipTexts(
            plan_name=draw(st.none() | words),
            assessment_name=draw(st.none() | words),
            introduction=tuple(draw(st.lists(words, max_size=2))),
            priorities=draw(st.none() | words),
            meetings=tuple(draw(st.lists(words, max_size=2))),
        ),
        web=draw(st.none() | urls),
        contact=Contact(
            address=tuple(draw(st.lists(words, min_size=1, max_size=4))),
            postcode=draw(st.sampled_from(POSTCODES)),
            email=draw(st.none() | emails),
            phone=draw(st.none() | st.text(string.digits + " +", min_size=1).filter(str.strip)),
            web=draw(st.none() | urls),
        ),
        timezone=zone,
        nation=nation,
        bodies=tuple(
            Body(
                id=body_id,
                name=draw(words),
                kind=draw(st.sampled_from(BodyKind)),
                description=draw(st.none() | words),
                # A parent listed before it, so there is never a circle.
                parent=draw(st.none() | st.sampled_from(body_ids[:index])) if index else None,
                public=draw(st.booleans()),
            )
            for index, body_id in enumerate(body_ids)
        ),
        agencies=tuple(draw(agencies(agency_id)) for agency_id in agency_ids),
        plans=tuple(plan_list),
        assessments=tuple(
            StrategicAssessment(
                id=assessment_id,
                title=draw(words),
                period=draw(periods()),
                published_on=draw(days),
                prepared_by=draw(st.none() | words),
                topics=tuple(draw(st.lists(words, max_size=3))),
                sources=tuple(draw(st.lists(words, max_size=3))),
                recommendations=tuple(
                    draw(
                        st.lists(
                            st.builds(
                                Recommendation,
                                kind=st.sampled_from(RecommendationKind),
                                text=words,
                                priority=st.none() | st.sampled_from(priority_ids)
                                if priority_ids
                                else st.none(),
                            ),
                            max_size=3,
                        )
                    )
                ),
                documents=tuple(
                    draw(
                        st.lists(
                            documents(zone, ids, DocumentKind.STRATEGIC_ASSESSMENT), max_size=1
                        )
                    )
                ),
            )
            for assessment_id in draw(st.lists(slugs, max_size=2, unique=True))
        ),
        annual_reviews=tuple(
            AnnualReview(
                id=f"review-{year}",
                year=year,
                title=draw(words),
                published_on=draw(st.none() | days),
                summary=draw(st.none() | words),
                document=draw(st.none() | documents(zone, ids, DocumentKind.ANNUAL_REVIEW)),
            )
            for year in years
        ),
        meetings=tuple(meeting_list),
        actions=tuple(_actions(draw, meeting_list, agency_ids)),
    )


def data_moments(partnership: Partnership) -> Iterator[dt.datetime]:
    """Every moment of the data, and the midnights of its days (where the rules switch)."""
    zone = partnership.timezone
    for meeting in partnership.meetings:
        yield from (m for m in (meeting.start, meeting.previous_start, meeting.announced) if m)
        if meeting.last_changed:
            yield meeting.last_changed
        yield from (change.at for change in meeting.changes)
    for document in partnership.documents():
        if document.published:
            yield document.published
        yield from (revision.published for revision in document.revisions)
    days = [plan.in_force_from for plan in partnership.plans]
    days += [assessment.published_on for assessment in partnership.assessments]
    days += [review.published_on for review in partnership.annual_reviews if review.published_on]
    for day in days:
        yield dt.datetime.combine(day, dt.time(), tzinfo=zone)


@st.composite
def partnerships_at_instants(
    draw: st.DrawFn, most: int = 6
) -> tuple[Partnership, list[dt.datetime]]:
    """A partnership and 2 to ``most`` instants in time order, mostly its own moments ± 1 s."""
    partnership = draw(partnerships())
    moments = sorted({moment.astimezone(dt.UTC) for moment in data_moments(partnership)})
    second = dt.timedelta(seconds=1)
    anywhere = st.datetimes(
        min_value=dt.datetime(2000, 1, 1),
        max_value=dt.datetime(2037, 1, 1),
        timezones=st.just(dt.UTC),
    )
    near = st.sampled_from(moments or [dt.datetime(2020, 1, 1, tzinfo=dt.UTC)]).flatmap(
        lambda moment: st.sampled_from([moment - second, moment, moment + second])
    )
    instants = draw(st.lists(near | near | anywhere, min_size=2, max_size=most, unique=True))
    return partnership, sorted(instants)


def _least(name: str) -> int:
    """The smallest value the policy number ``name`` allows: 0 or 1."""
    try:
        PublicationPolicy(**{name: 0})
    except InvalidModel:
        return 1
    return 0


def _policy_field(name: str, kind: object) -> st.SearchStrategy[object]:
    if kind in {int, int | None}:
        low, high = _least(name), POLICY_MAXIMA[name]
        number = st.sampled_from([low, high]) | st.integers(low, high)
        return number if kind is int else st.none() | number
    if isinstance(kind, type) and issubclass(kind, Enum):
        return st.sampled_from(kind)
    if kind == tuple[dt.date, ...]:
        return st.lists(days, max_size=3).map(tuple)
    if kind is bool:
        return st.booleans()
    message = f"no strategy for policy field {name}: {kind}"  # a new kind of field: add one
    raise TypeError(message)


def policies() -> st.SearchStrategy[PublicationPolicy]:
    """Any valid publication policy: every field, read from the class, so new ones are covered.

    Each number runs from its least to its POLICY_MAXIMA (the two ends often), and is sometimes
    None where the field allows it; each enum field takes any member.
    """
    hints = typing.get_type_hints(PublicationPolicy)
    return st.builds(
        PublicationPolicy,
        **{f.name: _policy_field(f.name, hints[f.name]) for f in attrs.fields(PublicationPolicy)},
    )
