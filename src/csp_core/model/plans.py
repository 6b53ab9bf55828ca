"""The community safety plan, the strategic assessment behind it, and the annual review."""

from __future__ import annotations

import datetime as dt

import attrs

from csp_core.model import _checks
from csp_core.model._checks import duplicate_ids, fail, long_date, raise_all
from csp_core.model.documents import Document
from csp_core.model.enums import MEETING_DOCUMENT_KINDS, DocumentKind, RecommendationKind

__all__ = [
    "AnnualReview",
    "CommunitySafetyPlan",
    "LeadOfficer",
    "Period",
    "Priority",
    "Reading",
    "Recommendation",
    "StrategicAssessment",
    "Target",
]


@attrs.frozen(kw_only=True)
class Period:
    """A span of days, both ends included (a 2017–18 plan: 2017-04-01 to 2018-03-31)."""

    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            fail("end", f"{long_date(self.end)} is before the start, {long_date(self.start)}")

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@attrs.frozen(kw_only=True)
class LeadOfficer:
    """The officer who leads a priority.  Contact details are published only if ``public``."""

    name: str = attrs.field(validator=_checks.text)
    role: str = attrs.field(validator=_checks.text)
    agency: str = attrs.field(validator=_checks.slug)
    """Id of the officer's agency."""
    email: str | None = attrs.field(default=None, validator=_checks.email)
    phone: str | None = attrs.field(default=None, validator=_checks.text)
    public: bool = False
    """Whether the email and phone may be published."""


@attrs.frozen(kw_only=True)
class Reading:
    """A measured value on a day."""

    on: dt.date
    value: float
    note: str | None = attrs.field(default=None, validator=_checks.text)


@attrs.frozen(kw_only=True)
class Target:
    """A measurable target for a priority, with progress readings over time."""

    id: str = attrs.field(validator=_checks.slug)
    measure: str = attrs.field(validator=_checks.text)
    """What is measured ("Repeat incidents of domestic abuse reported to police")."""
    unit: str | None = attrs.field(default=None, validator=_checks.text)
    baseline: Reading | None = None
    target: float
    by: dt.date | None = None
    readings: tuple[Reading, ...] = ()
    """Progress readings in date order."""

    def __attrs_post_init__(self) -> None:
        days = [reading.on for reading in self.readings]
        for index in range(1, len(days)):
            if days[index] <= days[index - 1]:
                fail(f"readings[{index}].on", "readings must be in date order, one per day")


@attrs.frozen(kw_only=True)
class Priority:
    """One priority of a plan, led by one officer, with aims and targets."""

    id: str = attrs.field(validator=_checks.slug)
    title: str = attrs.field(validator=_checks.text)
    summary: str | None = attrs.field(default=None, validator=_checks.text)
    lead: LeadOfficer
    aims: tuple[str, ...] = attrs.field(default=(), validator=_checks.texts)
    targets: tuple[Target, ...] = ()

    def __attrs_post_init__(self) -> None:
        raise_all(duplicate_ids(self.targets, "targets", "target"))


def _plan_documents(items: tuple[Document, ...], allowed: frozenset[DocumentKind]) -> None:
    for index, document in enumerate(items):
        if document.kind not in allowed:
            names = ", ".join(sorted(kind.value for kind in allowed))
            fail(
                f"documents[{index}].kind",
                f"{document.kind.value!r} does not belong here ({names})",
            )


_NOT_FOR_MEETINGS = frozenset(DocumentKind) - MEETING_DOCUMENT_KINDS | {DocumentKind.OTHER}


@attrs.frozen(kw_only=True)
class CommunitySafetyPlan:
    """A community safety plan: its priorities and how they will be met.

    The partnership's own plan (``scope`` unset), or a wider plan it has adopted beside its own
    (a county or regional plan, ``scope`` naming it).  A plan is in force from ``in_force_from``
    to the end of its period, or until a later plan of the same scope comes into force
    (:func:`csp_core.rules.plan_in_force`, docs/rules.md "Plans in force").
    """

    id: str = attrs.field(validator=_checks.slug)
    title: str = attrs.field(validator=_checks.text)
    period: Period
    in_force_from: dt.date
    scope: str | None = attrs.field(default=None, validator=attrs.validators.optional(_checks.slug))
    """``None``: the partnership's own plan; else the id of the wider plan series it belongs to
    ("cambridgeshire-county"), in force beside the partnership's own."""
    summary: str | None = attrs.field(default=None, validator=_checks.text)
    priorities: tuple[Priority, ...] = ()
    documents: tuple[Document, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.in_force_from > self.period.end:
            fail("in_force_from", "is after the end of the plan's period")
        raise_all(duplicate_ids(self.priorities, "priorities", "priority"))
        _plan_documents(self.documents, _NOT_FOR_MEETINGS)


@attrs.frozen(kw_only=True)
class Recommendation:
    """A recommendation of a strategic assessment."""

    kind: RecommendationKind
    text: str = attrs.field(validator=_checks.text)
    priority: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_checks.slug)
    )
    """Id of the plan priority it led to, if any."""


@attrs.frozen(kw_only=True)
class StrategicAssessment:
    """The yearly assessment of crime, disorder and substance misuse that checks the plan."""

    id: str = attrs.field(validator=_checks.slug)
    title: str = attrs.field(validator=_checks.text)
    period: Period
    """The period whose information it assesses."""
    published_on: dt.date
    prepared_by: str | None = attrs.field(default=None, validator=_checks.text)
    topics: tuple[str, ...] = attrs.field(default=(), validator=_checks.texts)
    """Topics scanned."""
    sources: tuple[str, ...] = attrs.field(default=(), validator=_checks.texts)
    """Information sources drawn on."""
    recommendations: tuple[Recommendation, ...] = ()
    documents: tuple[Document, ...] = ()

    def __attrs_post_init__(self) -> None:
        _plan_documents(self.documents, _NOT_FOR_MEETINGS)


@attrs.frozen(kw_only=True)
class AnnualReview:
    """The yearly review of what the partnership did and will do."""

    id: str = attrs.field(validator=_checks.slug)
    year: int
    title: str = attrs.field(validator=_checks.text)
    published_on: dt.date | None = None
    summary: str | None = attrs.field(default=None, validator=_checks.text)
    document: Document | None = None

    def __attrs_post_init__(self) -> None:
        if not 1998 <= self.year <= 2200:
            fail("year", f"{self.year} is not a plausible year (the Act dates from 1998)")
        if self.document is not None and self.document.kind not in _NOT_FOR_MEETINGS:
            fail("document.kind", f"{self.document.kind.value!r} is a meeting document")
