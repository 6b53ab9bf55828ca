"""Whatever `csp validate` accepts, the rules, the reports, the public view and the build process.

Generated valid partnerships (tests/strategies.py), pushed to the bounds csp-core documents
(years 1900 and 2200, every policy number at its maximum), at random instants within the bounds:
nothing may raise, and every installed publisher must succeed.  The loader gets the same
treatment from the other side: random bytes and random nested structures give either a
partnership or a clean :class:`DataError`, never another exception.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
import yaml
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from csp_core import (
    AccessPolicy,
    Agency,
    AnnualReview,
    Availability,
    BodyKind,
    ChangeKind,
    CommunitySafetyPlan,
    DataError,
    Document,
    DocumentKind,
    Meeting,
    MeetingChange,
    MeetingStatus,
    Membership,
    MinutesClock,
    Partnership,
    Period,
    PublicationPolicy,
    Role,
    Sector,
    StrategicAssessment,
    dump,
    load,
)
from csp_core.build import build
from csp_core.limits import MAX_YEAR, MIN_YEAR, POLICY_MAXIMA, one_line
from csp_core.public import public_view
from csp_core.reports import status_json, status_text
from csp_core.rules import status
from tests.strategies import examples, partnerships


def _settings(count: int) -> settings:
    """``count`` examples (fewer under the dev profile), the same ones on every run."""
    return settings(examples(count), derandomize=True, database=None)


_SETTINGS = _settings(25)
_FIRST = dt.datetime(MIN_YEAR, 1, 1)
_LAST = dt.datetime(MAX_YEAR, 12, 31, 23, 59, 59)
_FIRST_DAY, _LAST_DAY = _FIRST.date(), _LAST.date()


def _bounded(name: str, low: int) -> st.SearchStrategy[int]:
    """A policy number from ``low`` to its maximum, the two ends often."""
    high = POLICY_MAXIMA[name]
    return st.sampled_from([low, high]) | st.integers(low, high)


policies = st.builds(
    PublicationPolicy,
    access=st.sampled_from(AccessPolicy),
    clear_working_days=st.none() | _bounded("clear_working_days", 0),
    draft_agenda_days=st.none() | _bounded("draft_agenda_days", 0),
    agenda_days=_bounded("agenda_days", 0),
    minutes_from=st.sampled_from(MinutesClock),
    minutes_working_days=_bounded("minutes_working_days", 0),
    online_months=_bounded("online_months", 1),
    retention_years=_bounded("retention_years", 1),
    background_papers_years=_bounded("background_papers_years", 1),
    plan_check_months=_bounded("plan_check_months", 1),
    assessment_months=_bounded("assessment_months", 1),
    annual_review_months=_bounded("annual_review_months", 1),
    previous_plans=st.sampled_from(Availability),
    closures=st.lists(
        st.sampled_from([_FIRST_DAY, _LAST_DAY]) | st.dates(_FIRST_DAY, _LAST_DAY),
        max_size=4,
        unique=True,
    ).map(lambda days: tuple(sorted(days))),
)


def instants(zone: ZoneInfo) -> st.SearchStrategy[dt.datetime]:
    """Moments in ``zone`` within the bounds, the very first and last second often."""
    ends = [_FIRST.replace(tzinfo=zone), _LAST.replace(tzinfo=zone)]
    return st.sampled_from(ends) | st.datetimes(
        min_value=_FIRST, max_value=_LAST, timezones=st.just(zone), allow_imaginary=False
    )


def _edge_meetings(zone: ZoneInfo, body: str) -> tuple[Meeting, ...]:
    """Meetings at the first and last moments allowed, one moved from one end to the other."""
    first = _FIRST.replace(tzinfo=zone)
    last = _LAST.replace(tzinfo=zone)

    def document(name: str, kind: DocumentKind, at: dt.datetime) -> Document:
        return Document(
            id=f"zzzzzzz-{name}",
            kind=kind,
            title=name,
            url=f"https://example.org/{name}",
            published=at,
        )

    return (
        Meeting(
            id="zzzzzzz-first",
            body=body,
            title="First",
            start=first,
            end=first + dt.timedelta(hours=2),
            documents=(
                document("first-agenda", DocumentKind.AGENDA, first),
                document("first-minutes", DocumentKind.MINUTES, first + dt.timedelta(hours=3)),
            ),
            announced=first,
            last_changed=first,
        ),
        Meeting(
            id="zzzzzzz-last",
            body=body,
            title="Last",
            start=last - dt.timedelta(hours=1),
            end=last,
            documents=(document("last-agenda", DocumentKind.AGENDA, last - dt.timedelta(days=9)),),
            last_changed=last,
        ),
        Meeting(
            id="zzzzzzz-moved",
            body=body,
            title="Moved across the centuries",
            start=last - dt.timedelta(hours=2),
            previous_start=first + dt.timedelta(hours=1),
            status=MeetingStatus.RESCHEDULED,
            changes=(
                MeetingChange(at=first, what=(ChangeKind.STATUS, ChangeKind.TIME), note="moved"),
            ),
            announced=first,
        ),
    )


@st.composite
def extreme_partnerships(draw: st.DrawFn) -> Partnership:
    """A generated partnership, pushed to the bounds: policy numbers, meetings, plans, reviews."""
    partnership = draw(partnerships())
    zone = partnership.timezone
    changes: dict[str, Any] = {"policy": draw(policies)}
    if draw(st.booleans()):
        changes["meetings"] = partnership.meetings + _edge_meetings(zone, partnership.bodies[0].id)
    if draw(st.booleans()):
        whole = Period(start=_FIRST_DAY, end=_LAST_DAY)
        changes["plans"] = (
            *partnership.plans,
            CommunitySafetyPlan(
                id="zzzzzzz-plan", title="Edge", period=whole, in_force_from=whole.start
            ),
        )
        changes["assessments"] = (
            *partnership.assessments,
            *(
                StrategicAssessment(
                    id=f"zzzzzzz-{day.year}",
                    title="Edge",
                    period=Period(start=day, end=day),
                    published_on=day,
                )
                for day in (_FIRST_DAY, _LAST_DAY)
            ),
        )
        changes["agencies"] = (
            *partnership.agencies,
            Agency(
                id="zzzzzzz-agency",
                name="Edge",
                sector=Sector.COUNCIL,
                responsible_authority=True,
                memberships=(Membership(role=Role.MEMBER, since=_FIRST_DAY, until=_LAST_DAY),),
            ),
        )
        years = {review.year for review in partnership.annual_reviews}
        free = [year for year in (MAX_YEAR, MAX_YEAR - 1, MAX_YEAR - 2) if year not in years]
        changes["annual_reviews"] = (
            *partnership.annual_reviews,
            AnnualReview(id="zzzzzzz-review", year=free[0], title="Edge", published_on=_LAST_DAY),
        )
    if changes["policy"].access is AccessPolicy.STATUTORY:
        # A statutory partnership has no private meetings (docs/rules.md "Private meetings").
        meetings = changes.get("meetings", partnership.meetings)
        changes["meetings"] = tuple(attrs.evolve(m, public=True) for m in meetings)
        # Nor a private board (docs/rules.md "Private bodies").
        changes["bodies"] = tuple(
            attrs.evolve(b, public=True) if b.kind is BodyKind.BOARD else b
            for b in changes.get("bodies", partnership.bodies)
        )
    return attrs.evolve(partnership, **changes)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Partnership, dt.datetime]:
    """A partnership at the bounds and an instant in its zone."""
    partnership = draw(extreme_partnerships())
    return partnership, draw(instants(partnership.timezone))


class TestNeverRaise:
    @_SETTINGS
    @given(case=cases())
    def test_status_and_reports(self, case: tuple[Partnership, dt.datetime]) -> None:
        """The status, its text and its JSON at any instant within the bounds."""
        partnership, at = case
        report = status(partnership, at, soon_days=36600)
        assert status_text(partnership, report, soon_days=36600)
        json.dumps(status_json(partnership, report), ensure_ascii=False)

    @_SETTINGS
    @given(case=cases())
    def test_public_view(self, case: tuple[Partnership, dt.datetime]) -> None:
        """The public view at any instant within the bounds."""
        partnership, at = case
        public_view(partnership, at)

    @settings(_settings(12), phases=(Phase.explicit, Phase.generate))
    @given(case=cases())
    def test_build_with_every_publisher(
        self, case: tuple[Partnership, dt.datetime], tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        """Every installed publisher succeeds at any instant within the bounds."""
        partnership, at = case
        out = tmp_path_factory.mktemp("out") / "site"
        result = build(partnership, out, at, base_url="https://example.org/csp/")
        assert result.ok, [failure.message for failure in result.failures]


# -- the loader, from the other side ----------------------------------------------------------

_SUFFIXES = (".toml", ".json", ".yaml", ".yml")
_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.dates()
    | st.datetimes()
    | st.sampled_from(["2019-10-17T11:15", "0001-01-01", "9999-12-31T23:59", "Europe/London"])
)
_keys = st.sampled_from(
    ["id", "name", "area", "timezone", "contact", "meetings", "start", "policy", "online_months"]
) | st.text(max_size=8)
_trees = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_keys, children, max_size=5),
    max_leaves=25,
)


def _toml(value: Any) -> str:
    """``value`` as a TOML inline value; ValueError for what TOML cannot hold (null)."""
    if value is None:
        raise ValueError(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value != value:  # noqa: PLR0124 - NaN
        return "nan"
    if isinstance(value, int | float):
        return json.dumps(value).replace("Infinity", "inf")
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"


def _serialise(value: Any, suffix: str) -> bytes | None:
    """``value`` written as ``suffix`` would hold it, or ``None`` if that format cannot."""
    try:
        if suffix == ".json":
            text = json.dumps(value, default=str)
        elif suffix in {".yaml", ".yml"}:
            text = yaml.safe_dump(value, allow_unicode=True)
        elif isinstance(value, dict):
            text = "".join(f"{json.dumps(k)} = {_toml(v)}\n" for k, v in value.items())
        else:
            text = f"x = {_toml(value)}\n"
        return text.encode("utf-8", "surrogatepass")
    except (TypeError, ValueError, yaml.YAMLError):
        return None


def _load_cleanly(path: Path) -> None:
    """Load ``path``: a partnership, or a DataError of one-line problems naming a file."""
    try:
        load(path)
    except DataError as error:
        problems = error.problems
    else:
        return
    assert problems
    for problem in problems:
        line = str(problem)
        assert line == one_line(line)
        assert line.splitlines() == [line]
        assert problem.file


class TestLoaderNeverRaises:
    @_settings(60)
    @given(data=st.binary(max_size=300), suffix=st.sampled_from(_SUFFIXES))
    def test_random_bytes(
        self, data: bytes, suffix: str, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        """Any bytes at all, as any kind of data file."""
        path = tmp_path_factory.mktemp("bytes") / f"partnership{suffix}"
        path.write_bytes(data)
        _load_cleanly(path)
        _load_cleanly(path.parent)

    @_settings(150)
    @given(tree=_trees, suffix=st.sampled_from(_SUFFIXES), fragment=st.booleans())
    def test_random_structures(
        self, tree: Any, suffix: str, fragment: bool, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        """Any nested structure a format can write, as the main file or a file beside it."""
        data = _serialise(tree, suffix)
        if data is None:
            return
        folder = tmp_path_factory.mktemp("tree")
        if fragment:
            example = Path(__file__).parents[1] / "examples" / "cambridge" / "partnership.toml"
            (folder / "partnership.toml").write_bytes(example.read_bytes())
            (folder / f"extra{suffix}").write_bytes(data)
        else:
            (folder / f"partnership{suffix}").write_bytes(data)
        _load_cleanly(folder)

    @_settings(30)
    @given(partnership=extreme_partnerships())
    def test_dumped_extremes_load_back(
        self, partnership: Partnership, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        """A partnership at the bounds, written out, loads back: the bounds are inclusive."""
        path = tmp_path_factory.mktemp("edge") / "partnership.json"
        path.write_text(json.dumps(dump(partnership), ensure_ascii=False), encoding="utf-8")
        assert load(path) == partnership
