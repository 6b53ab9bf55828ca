"""The partnership: the root of the model, and the checks that span it."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import attrs

from csp_core.i18n import LANGUAGES, N_
from csp_core.limits import shown
from csp_core.model import _checks
from csp_core.model._checks import duplicate_ids, raise_all, utc
from csp_core.model.agencies import Agency
from csp_core.model.documents import Document
from csp_core.model.enums import AccessPolicy, BodyKind, Nation, Role
from csp_core.model.meetings import Body, Meeting
from csp_core.model.places import Contact
from csp_core.model.plans import AnnualReview, CommunitySafetyPlan, StrategicAssessment
from csp_core.model.policy import STATUTORY_CLEAR_DAYS, PublicationPolicy
from csp_core.model.records import Action
from csp_core.model.series import Series
from csp_core.model.texts import PartnershipTexts

__all__ = [
    "ACCESS_LAW",
    "EXEMPTION_PARAGRAPHS",
    "EXEMPT_INFORMATION",
    "AccessLaw",
    "ExemptInformation",
    "Partnership",
    "located_documents",
    "written_at",
]


@attrs.frozen(kw_only=True)
class ExemptInformation:
    """A nation's law of exempt information: what a meeting may keep from the public."""

    act: str
    """The Act: 'Local Government Act 1972'."""
    schedule: str
    """The schedule that lists exempt information: 'Schedule 12A'."""
    paragraphs: range
    """The paragraph numbers an exempt item may cite."""


@attrs.frozen(kw_only=True)
class AccessLaw:
    """A nation's access-to-information law: what ``access = "statutory"`` binds a partnership to.

    Each field is a citation, for people to read and for every output to quote; the numbers the
    rules compute with are :attr:`clear_days` and :attr:`exempt`'s paragraphs.  Sources and
    certainty: docs/rules.md, "Which law applies".
    """

    nation: Nation
    act: str
    """The access-to-information Act: 'Local Government Act 1972'."""
    part: str
    """Its part on access to meetings and documents: 'Part VA'."""
    meetings: str
    """Meetings open to the public; exclusion only by resolution naming the exempt paragraph."""
    agenda: str
    """Agenda and reports open to inspection before the meeting: the notice and its urgency."""
    minutes: str
    """Minutes and papers open to inspection after the meeting (six years)."""
    background_papers: str
    """Background papers open to inspection (four years)."""
    exempt: ExemptInformation
    """The schedule of exempt information and the paragraphs this nation's law numbers."""
    clear_days: int
    """Clear (working) days' notice of the agenda: :data:`STATUTORY_CLEAR_DAYS` of the nation."""
    partnership_statute: str
    """The statute (or, where there is none, the arrangement) a community safety partnership of
    this nation stands on."""

    @property
    def citation(self) -> str:
        """'Local Government Act 1972, Part VA': the law a statutory policy follows."""
        return f"{self.act}, {self.part}"


_LGA_1972 = N_("Local Government Act 1972")
_LGSA_1973 = N_("Local Government (Scotland) Act 1973")
_LGANI_2014 = N_("Local Government Act (Northern Ireland) 2014")
_CDA_1998 = "Crime and Disorder Act 1998, ss.5-6"

_PART_VA = AccessLaw(
    nation=Nation.ENGLAND,
    act=_LGA_1972,
    part="Part VA",
    meetings="s.100A",
    agenda="s.100B(3)-(4)",
    minutes="s.100C",
    background_papers="s.100D",
    exempt=ExemptInformation(act=_LGA_1972, schedule=N_("Schedule 12A"), paragraphs=range(1, 8)),
    clear_days=STATUTORY_CLEAR_DAYS[Nation.ENGLAND],
    partnership_statute=_CDA_1998,
)

#: Each nation's access-to-information law, the one table every rule and output reads for the
#: law's name, sections, exempt paragraphs and notice.  Sources: docs/rules.md, "Which law
#: applies".  England: LGA 1972 Part VA, Sch. 12A Part 1 (SI 2006/88); Wales: Part VA as it
#: applies in Wales, Sch. 12A Part 4; Scotland: LG (Scotland) Act 1973 Part IIIA,
#: Sch. 7A; Northern Ireland: LG Act (NI) 2014 Part 8, s.51 and Sch. 6.
ACCESS_LAW: dict[Nation, AccessLaw] = {
    Nation.ENGLAND: _PART_VA,
    # The same Part VA, with Schedule 12A's Welsh paragraphs (Part 4) and the Welsh notice.
    Nation.WALES: attrs.evolve(
        _PART_VA,
        nation=Nation.WALES,
        exempt=attrs.evolve(_PART_VA.exempt, paragraphs=range(12, 19)),
        clear_days=STATUTORY_CLEAR_DAYS[Nation.WALES],
    ),
    Nation.SCOTLAND: AccessLaw(
        nation=Nation.SCOTLAND,
        act=_LGSA_1973,
        part="Part IIIA",
        meetings="s.50A",
        agenda="s.50B(3)-(4)",
        minutes="s.50C",
        background_papers="s.50D",
        exempt=ExemptInformation(
            act=_LGSA_1973, schedule=N_("Schedule 7A"), paragraphs=range(1, 16)
        ),
        clear_days=STATUTORY_CLEAR_DAYS[Nation.SCOTLAND],
        partnership_statute=(
            "no partnership statute: community planning under the Community Empowerment "
            "(Scotland) Act 2015, Part 2"
        ),
    ),
    Nation.NORTHERN_IRELAND: AccessLaw(
        nation=Nation.NORTHERN_IRELAND,
        act=_LGANI_2014,
        part="Part 8",
        meetings="s.42",
        agenda="Part 8 (agenda and reports)",
        minutes="Part 8 (minutes)",
        background_papers="Part 8 (background papers)",
        exempt=ExemptInformation(
            act=_LGANI_2014, schedule=N_("Schedule 6"), paragraphs=range(1, 8)
        ),
        clear_days=STATUTORY_CLEAR_DAYS[Nation.NORTHERN_IRELAND],
        partnership_statute="Justice Act (Northern Ireland) 2011, s.20 and Schedule 1 (PCSPs)",
    ),
}

#: Each nation's law of exempt information (from :data:`ACCESS_LAW`).
EXEMPT_INFORMATION: dict[Nation, ExemptInformation] = {
    nation: law.exempt for nation, law in ACCESS_LAW.items()
}

#: The exempt-information paragraphs each nation's law numbers (from :data:`EXEMPT_INFORMATION`).
EXEMPTION_PARAGRAPHS: dict[Nation, range] = {
    nation: law.paragraphs for nation, law in EXEMPT_INFORMATION.items()
}

LONDON = ZoneInfo("Europe/London")

_SITE_PROBLEM = (
    "{value} has a {part}; the address the outputs are served from is a folder's address, "
    "such as 'https://csp.example.org/' or 'https://example.org/csp/'"
)


def _base_address(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """``site``: an http(s) address that output paths can be appended to."""
    if value is None:
        return
    for mark, part in (("?", "query ('?')"), ("#", "fragment ('#')")):
        if mark in value:
            _checks.fail(attribute.name, _SITE_PROBLEM.format(value=shown(value), part=part))


def _languages(_instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if not value:
        _checks.fail(attribute.name, "needs at least one language (the primary one first)")
    for index, tag in enumerate(value):
        if tag not in LANGUAGES:
            known = ", ".join(repr(known) for known in LANGUAGES)
            _checks.fail(
                f"{attribute.name}[{index}]",
                f"{tag!r} is not a language csp-core speaks: one of {known}",
            )
        if tag in value[:index]:
            _checks.fail(f"{attribute.name}[{index}]", f"{tag!r} is listed twice")


def _ids(_instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    """``leads``: agency ids, each listed once."""
    for index, item in enumerate(value):
        path = f"{attribute.name}[{index}]"
        if not _checks.SLUG.fullmatch(item):
            _checks.fail(path, f"{shown(item)} is not an agency id such as 'conwy'")
        if item in value[:index]:
            _checks.fail(path, f"{item!r} is listed twice")


@attrs.frozen(kw_only=True)
class Partnership:
    """A Community Safety Partnership (Crime and Disorder Act 1998, ss.5-6) and its record.

    Everything else hangs off it: agencies and their memberships, the bodies that meet and their
    meetings, plans, strategic assessments and annual reviews.  Constructing one checks every
    cross-reference by id; a failure raises :class:`~csp_core.errors.InvalidModel` listing each.
    """

    id: str = attrs.field(validator=_checks.slug)
    name: str = attrs.field(validator=_checks.text)
    area: str = attrs.field(validator=_checks.text)
    purpose: str | None = attrs.field(default=None, validator=_checks.text)
    key_roles: tuple[str, ...] = attrs.field(default=(), validator=_checks.texts)
    texts: PartnershipTexts = attrs.field(factory=PartnershipTexts)
    """Its own words for its pages: what it calls its plan, its introduction and sections."""
    web: str | None = attrs.field(default=None, validator=_checks.web)
    site: str | None = attrs.field(default=None, validator=[_checks.web, _base_address])
    """Where the built outputs (calendars, feeds, pages) are served: their base address."""
    contact: Contact
    """The partnership's main contact: where the public writes to it."""
    leads: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    """Ids of the lead councils (or agencies), for a partnership run jointly by several: each
    a member of the partnership, listed once.  Empty when the data does not say."""
    secretariat: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_checks.slug)
    )
    """Id of the agency that runs the partnership's business: agendas, minutes, enquiries."""
    contacts: tuple[Contact, ...] = ()
    """Further contacts, one per council (or agency) of a joint partnership, each naming the
    agency whose office it is (:attr:`Contact.agency`), besides the main :attr:`contact`."""
    timezone: ZoneInfo = LONDON
    nation: Nation = Nation.ENGLAND
    languages: tuple[str, ...] = attrs.field(default=("en-GB",), validator=_languages)
    """The languages the partnership publishes in, as BCP 47 tags, the primary one first:
    ``("en-GB",)``, or ``("cy", "en-GB")`` for a Welsh partnership publishing in both."""
    policy: PublicationPolicy = attrs.field(factory=PublicationPolicy)
    bodies: tuple[Body, ...] = ()
    agencies: tuple[Agency, ...] = ()
    plans: tuple[CommunitySafetyPlan, ...] = ()
    assessments: tuple[StrategicAssessment, ...] = ()
    annual_reviews: tuple[AnnualReview, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    """Every meeting, the meetings of each series among them (:meth:`Series.meetings`)."""
    series: tuple[Series, ...] = ()
    """Repeating series of meetings (docs/data-files.md, "Repeating series")."""
    actions: tuple[Action, ...] = ()
    """The action log: actions raised at meetings, carried until closed (docs/data-files.md,
    "Actions")."""

    def __attrs_post_init__(self) -> None:
        raise_all(_reference_problems(self))

    # -- lookups -----------------------------------------------------------------------------

    def agency(self, agency_id: str) -> Agency:
        """The agency with this id; ``KeyError`` if there is none."""
        return _by_id(self.agencies, agency_id)

    def body(self, body_id: str) -> Body:
        """The body with this id; ``KeyError`` if there is none."""
        return _by_id(self.bodies, body_id)

    def meeting(self, meeting_id: str) -> Meeting:
        """The meeting with this id; ``KeyError`` if there is none."""
        return self._meetings_by_id[meeting_id]

    @functools.cached_property
    def _meetings_by_id(self) -> dict[str, Meeting]:
        """The meetings by id, indexed once (:meth:`meeting` is asked once per duty)."""
        return {meeting.id: meeting for meeting in self.meetings}

    def is_public(self, meeting: Meeting) -> bool:
        """Whether the public may attend ``meeting``: the one place that decides it.

        A meeting is private when it says so (``public = false``) or when its body is private
        (an officers' group: docs/rules.md, "Private bodies"), whatever its own ``public`` says.
        A private meeting carries no duties and never enters the public view.
        """
        return meeting.public and meeting.body not in self._private_bodies

    @functools.cached_property
    def _private_bodies(self) -> frozenset[str]:
        """The ids of the private bodies, worked out once (:meth:`is_public` is asked often)."""
        return frozenset(body.id for body in self.bodies if not body.public)

    def children(self, body: Body) -> tuple[Body, ...]:
        """The bodies whose ``parent`` is ``body`` (its sub-groups), in file order."""
        return tuple(other for other in self.bodies if other.parent == body.id)

    def agencies_on(self, day: dt.date, role: Role | None = None) -> tuple[Agency, ...]:
        """Agencies taking part on ``day`` (in any role, or in ``role``), in file order."""
        return tuple(
            agency
            for agency in self.agencies
            if (found := agency.role_on(day)) is not None and (role is None or found is role)
        )

    def responsible_authorities_on(self, day: dt.date) -> tuple[Agency, ...]:
        """The statutory members on ``day``."""
        return tuple(
            agency for agency in self.agencies_on(day, Role.MEMBER) if agency.responsible_authority
        )

    def documents(self) -> Iterator[Document]:
        """Every document of the partnership: plans', assessments', reviews', meetings'."""
        for _, document in located_documents(self):
            yield document

    def meetings_after(self, moment: dt.datetime) -> tuple[Meeting, ...]:
        """Meetings starting at or after ``moment``, soonest first."""
        return tuple(
            sorted(
                (m for m in self.meetings if utc(m.start) >= utc(moment)),
                key=lambda m: (utc(m.start), m.id),
            )
        )


_Item = TypeVar("_Item", Agency, Body, Meeting)


def _by_id(items: tuple[_Item, ...], wanted: str) -> _Item:
    for item in items:
        if item.id == wanted:
            return item
    raise KeyError(wanted)


def _reference_problems(partnership: Partnership) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for field, what in (
        ("bodies", "body"),
        ("agencies", "agency"),
        ("plans", "plan"),
        ("assessments", "assessment"),
        ("annual_reviews", "annual review"),
        ("meetings", "meeting"),
        ("series", "series"),
        ("actions", "action"),
    ):
        problems += duplicate_ids(getattr(partnership, field), field, what)
    problems += _document_id_problems(partnership)
    problems += _review_year_problems(partnership)

    problems += _body_problems(partnership)
    agencies = {agency.id for agency in partnership.agencies}
    for b_index, body in enumerate(partnership.bodies):
        for c_index, chair in enumerate(body.chairs):
            if chair.agency is not None and chair.agency not in agencies:
                problems.append(
                    (
                        f"bodies[{b_index}].chairs[{c_index}].agency",
                        f"no agency with id {chair.agency!r}",
                    )
                )
    problems += _joint_problems(partnership)
    for p_index, plan in enumerate(partnership.plans):
        for r_index, priority in enumerate(plan.priorities):
            if priority.lead.agency not in agencies:
                problems.append(
                    (
                        f"plans[{p_index}].priorities[{r_index}].lead.agency",
                        f"no agency with id {priority.lead.agency!r}",
                    )
                )
    priorities = {priority.id for plan in partnership.plans for priority in plan.priorities}
    for a_index, assessment in enumerate(partnership.assessments):
        for r_index, recommendation in enumerate(assessment.recommendations):
            if recommendation.priority is not None and recommendation.priority not in priorities:
                problems.append(
                    (
                        f"assessments[{a_index}].recommendations[{r_index}].priority",
                        f"no plan priority with id {recommendation.priority!r}",
                    )
                )
    problems += _meeting_problems(partnership)
    problems += _series_problems(partnership)
    problems += _record_problems(partnership, agencies)
    problems += _action_problems(partnership, agencies)
    return _written(partnership, problems)


def _record_problems(partnership: Partnership, agencies: set[str]) -> list[tuple[str, str]]:
    """The meetings' records' attendees, each of a known agency."""
    problems: list[tuple[str, str]] = []
    for index, meeting in enumerate(partnership.meetings):
        if meeting.record is None:
            continue
        for a_index, attendee in enumerate(meeting.record.attendance):
            if attendee.agency is not None and attendee.agency not in agencies:
                problems.append(
                    (
                        f"meetings[{index}].record.attendance[{a_index}].agency",
                        f"no agency with id {attendee.agency!r}",
                    )
                )
    return problems


def _action_problems(partnership: Partnership, agencies: set[str]) -> list[tuple[str, str]]:
    """Each action's meetings, item and owner real (docs/data-files.md, "Actions").

    An action's updates come from meetings after the one that raised it, in the order of their
    starts, each from a meeting that took place.
    """
    problems: list[tuple[str, str]] = []
    meetings = partnership._meetings_by_id
    for index, action in enumerate(partnership.actions):
        here = f"actions[{index}]"
        if action.owner_agency is not None and action.owner_agency not in agencies:
            problems.append((f"{here}.owner_agency", f"no agency with id {action.owner_agency!r}"))
        raised = meetings.get(action.raised)
        if raised is None:
            problems.append((f"{here}.raised", f"no meeting with id {action.raised!r}"))
            continue
        if not raised.goes_ahead:
            problems.append(
                (f"{here}.raised", f"{raised.id!r} did not take place ({raised.status.value})")
            )
        numbers = [item.number for item in raised.agenda if item.number is not None]
        if action.item is not None and action.item not in numbers:
            problems.append(
                (
                    f"{here}.item",
                    f"{action.item!r} is not an item of the agenda of {raised.id!r} "
                    f"(items: {', '.join(numbers) or 'none numbered'})",
                )
            )
        previous = raised
        for u_index, update in enumerate(action.updates):
            where = f"{here}.updates[{u_index}].meeting"
            found = meetings.get(update.meeting)
            if found is None:
                problems.append((where, f"no meeting with id {update.meeting!r}"))
                continue
            if not found.goes_ahead:
                problems.append((where, f"{found.id!r} did not take place ({found.status.value})"))
            elif utc(found.start) <= utc(previous.start):
                what = "the meeting that raised it" if previous is raised else "the update before"
                problems.append(
                    (
                        where,
                        f"{found.id!r} does not start after {previous.id!r} ({what}): list "
                        "updates in the order of their meetings",
                    )
                )
            previous = found
    return problems


def _body_problems(partnership: Partnership) -> list[tuple[str, str]]:
    """Problems of the bodies' structure: parents, circles, a private board.

    Each body's parent exists and no chain of parents comes back to a body; no private board
    under a statutory policy (docs/rules.md, "Private bodies").
    """
    problems: list[tuple[str, str]] = []
    parents = {body.id: body.parent for body in partnership.bodies}
    law = ACCESS_LAW[partnership.nation]
    for index, body in enumerate(partnership.bodies):
        if body.parent is not None and body.parent not in parents:
            known = ", ".join(sorted(parents))
            problems.append(
                (f"bodies[{index}].parent", f"no body with id {body.parent!r} (bodies: {known})")
            )
        seen = {body.id}
        chain = body.parent
        while chain is not None and chain in parents and chain not in seen:
            seen.add(chain)
            chain = parents[chain]
        if chain == body.id and body.parent != body.id:  # back to itself: a circle
            problems.append(
                (
                    f"bodies[{index}].parent",
                    f"{body.parent!r} is itself under {body.id!r}: bodies cannot be each "
                    "other's parents (a circle)",
                )
            )
        if (
            partnership.policy.access is AccessPolicy.STATUTORY
            and body.kind is BodyKind.BOARD
            and not body.public
        ):
            problems.append(
                (
                    f"bodies[{index}].public",
                    f"under access = 'statutory' ({law.act}, {law.part}) the board's meetings "
                    "are open to the public: set public = true and mark the exempt items of its "
                    "meetings instead (a private body is an officers' group, kind = 'sub-group')",
                )
            )
    return problems


def _joint_problems(partnership: Partnership) -> list[tuple[str, str]]:
    """Leads, secretariat and contacts: known agencies; a lead a member; one contact each."""
    problems: list[tuple[str, str]] = []
    agencies = {agency.id: agency for agency in partnership.agencies}
    for index, lead in enumerate(partnership.leads):
        agency = agencies.get(lead)
        if agency is None:
            problems.append((f"leads[{index}]", f"no agency with id {lead!r}"))
        elif all(spell.role is not Role.MEMBER for spell in agency.memberships):
            problems.append(
                (
                    f"leads[{index}]",
                    f"{lead!r} is never a member of the partnership (only an attendee or "
                    "observer): a lead council or agency is one of its members",
                )
            )
    secretariat = partnership.secretariat
    if secretariat is not None and secretariat not in agencies:
        problems.append(("secretariat", f"no agency with id {secretariat!r}"))
    seen = {partnership.contact.agency}
    if partnership.contact.agency is not None and partnership.contact.agency not in agencies:
        problems.append(("contact.agency", f"no agency with id {partnership.contact.agency!r}"))
    for index, contact in enumerate(partnership.contacts):
        path = f"contacts[{index}].agency"
        if contact.agency is None:
            problems.append((path, "say whose office this is: the id of one of the agencies"))
        elif contact.agency not in agencies:
            problems.append((path, f"no agency with id {contact.agency!r}"))
        elif contact.agency in seen:
            problems.append(
                (path, f"a second contact for {contact.agency!r}: one contact per agency")
            )
        seen.add(contact.agency)
    return problems


def _meeting_problems(partnership: Partnership) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    bodies = {body.id for body in partnership.bodies}
    meetings = {meeting.id for meeting in partnership.meetings}
    paragraphs = EXEMPTION_PARAGRAPHS[partnership.nation]
    law = ACCESS_LAW[partnership.nation]
    statutory = partnership.policy.access is AccessPolicy.STATUTORY
    private_bodies = {body.id for body in partnership.bodies if not body.public}
    for index, meeting in enumerate(partnership.meetings):
        # A private body's meetings are private anyway, and allowed (docs/rules.md).
        if statutory and not meeting.public and meeting.body not in private_bodies:
            # docs/rules.md "Private meetings": the public may be excluded only from exempt items.
            problems.append(
                (
                    f"meetings[{index}].public",
                    f"under access = 'statutory' ({law.act}, {law.meetings}) a meeting cannot be "
                    "private as a whole: set public = true and mark the exempt items instead "
                    f"(exempt = true, exemption = the {law.exempt.schedule} paragraph)",
                )
            )
        if meeting.body not in bodies:
            known = ", ".join(sorted(bodies)) or "none defined; add [[bodies]]"
            problems.append(
                (f"meetings[{index}].body", f"no body with id {meeting.body!r} (bodies: {known})")
            )
        if meeting.replaced_by is not None and meeting.replaced_by not in meetings:
            problems.append(
                (f"meetings[{index}].replaced_by", f"no meeting with id {meeting.replaced_by!r}")
            )
        for i_index, item in enumerate(meeting.agenda):
            if item.exemption is not None and item.exemption not in paragraphs:
                problems.append(
                    (
                        f"meetings[{index}].agenda[{i_index}].exemption",
                        f"paragraph {item.exemption} is not an exempt-information paragraph "
                        f"in {partnership.nation.value} "
                        f"(use {paragraphs.start}-{paragraphs.stop - 1})",
                    )
                )
    return problems


def _series_problems(partnership: Partnership) -> list[tuple[str, str]]:
    """Each series of a known body in the partnership's zone; each meeting's series link real."""
    problems: list[tuple[str, str]] = []
    bodies = {body.id for body in partnership.bodies}
    zone = partnership.timezone
    for index, series in enumerate(partnership.series):
        if series.body not in bodies:
            known = ", ".join(sorted(bodies)) or "none defined; add [[bodies]]"
            problems.append(
                (f"series[{index}].body", f"no body with id {series.body!r} (bodies: {known})")
            )
        if series.start.tzinfo != zone:
            problems.append(
                (
                    f"series[{index}].start",
                    f"is in {series.start.tzinfo}, not the partnership's time zone {zone}: "
                    "a series repeats by the local clock",
                )
            )
    by_id = {series.id: series for series in partnership.series}
    starts: dict[str, set[dt.datetime]] = {}
    for index, meeting in enumerate(partnership.meetings):
        link = meeting.series
        if link is None:
            continue
        found = by_id.get(link.series)
        if found is None:
            problems.append(
                (
                    f"meetings[{index}].series.series",
                    f"no series with id {link.series!r}: a series' meetings come from its "
                    "meetings() with the series among the partnership's series",
                )
            )
            continue
        if found.id not in starts:
            starts[found.id] = {utc(start) for start in found.starts()}
        if utc(link.recurrence) not in starts[found.id]:
            problems.append(
                (
                    f"meetings[{index}].series.recurrence",
                    f"{link.recurrence.isoformat()} is not a start the series {found.id!r} gives",
                )
            )
    return problems


_MEETING_PATH = re.compile(r"meetings\[(\d+)\]\.?(.*)")


def written_at(partnership: Partnership, path: str) -> str:
    """Where a field of the partnership is written in its data.

    A field of a series' meeting (``meetings[40].documents[0].url``) is written in the series
    (``series[0].occurrences[2].documents[0].url``); any other path is as it is.
    """
    found = _MEETING_PATH.fullmatch(path)
    if found is None or int(found[1]) >= len(partnership.meetings):
        return path
    link = partnership.meetings[int(found[1])].series
    if link is None or found[2].startswith("series"):
        return path
    for index, series in enumerate(partnership.series):
        if series.id == link.series:
            day = link.recurrence.astimezone(series.start.tzinfo).date()
            inner = series.field_path(day, found[2])
            return f"series[{index}].{inner}" if inner else f"series[{index}]"
    return path


def _written(partnership: Partnership, problems: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``problems`` at the fields of the data that cause them (:func:`written_at`).

    A meeting id that a series' meeting repeats is reported at the meeting written with it.
    """
    if not partnership.series:
        return problems
    first: dict[str, int] = {}
    for index, meeting in enumerate(partnership.meetings):
        first.setdefault(meeting.id, index)
    located: list[tuple[str, str]] = []
    for path, message in problems:
        found = _MEETING_PATH.fullmatch(path)
        clash = partnership.meetings[int(found[1])] if found and found[2] == "id" else None
        if clash is not None and clash.series is not None:
            other = first[clash.id]
            if partnership.meetings[other].series is None:
                day = clash.series.recurrence.date().isoformat()
                located.append(
                    (
                        f"meetings[{other}].id",
                        f"{clash.id!r} is also the id of the meeting of {day} of the series "
                        f"{clash.series.series!r}: give this meeting another id",
                    )
                )
                continue
        located.append((written_at(partnership, path), message))
    # A series' field is written once for all its meetings: one problem, not one per meeting.
    return list(dict.fromkeys(located))


def located_documents(partnership: Partnership) -> list[tuple[str, Document]]:
    """Every document with its field path in the partnership (``meetings[3].documents[1]``)."""
    located: list[tuple[str, Document]] = []
    for index, plan in enumerate(partnership.plans):
        located += [(f"plans[{index}].documents[{i}]", d) for i, d in enumerate(plan.documents)]
    for index, assessment in enumerate(partnership.assessments):
        located += [
            (f"assessments[{index}].documents[{i}]", d) for i, d in enumerate(assessment.documents)
        ]
    for index, review in enumerate(partnership.annual_reviews):
        if review.document is not None:
            located.append((f"annual_reviews[{index}].document", review.document))
    for index, meeting in enumerate(partnership.meetings):
        located += [
            (f"meetings[{index}].documents[{i}]", d) for i, d in enumerate(meeting.documents)
        ]
    return located


def _document_id_problems(partnership: Partnership) -> list[tuple[str, str]]:
    seen: set[str] = set()
    problems: list[tuple[str, str]] = []
    for path, document in located_documents(partnership):
        if document.id in seen:
            problems.append((f"{path}.id", f"duplicate document id {document.id!r}"))
        seen.add(document.id)
    return problems


def _review_year_problems(partnership: Partnership) -> list[tuple[str, str]]:
    years: set[int] = set()
    problems: list[tuple[str, str]] = []
    for index, review in enumerate(partnership.annual_reviews):
        if review.year in years:
            problems.append(
                (f"annual_reviews[{index}].year", f"a second annual review for {review.year}")
            )
        years.add(review.year)
    return problems
