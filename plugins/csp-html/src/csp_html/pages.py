"""The pages of the site and the context each template is given.

Every page gets the same base context (see :func:`base_context`); each page adds its own
values.  docs/html.md lists them all for councils writing their own templates.
"""

from __future__ import annotations

from typing import Any

import attrs
from csp_core import (
    AccessPolicy,
    Availability,
    BodyKind,
    BuildContext,
    CommunitySafetyPlan,
    Meeting,
    MinutesClock,
    Nation,
    Partnership,
    Role,
    StrategicAssessment,
    plan_in_force,
)
from markupsafe import Markup

from csp_html import jsonld
from csp_html.entries import (
    AssessmentEntry,
    Link,
    MeetingEntry,
    PlanEntry,
    Writer,
    assessment_path,
    meeting_path,
    plan_path,
)
from csp_html.formatting import date_time, iso
from csp_html.links import mailto, relative, tel, webcal
from csp_html.options import HtmlOptions

__all__ = [
    "Alternate",
    "Page",
    "Site",
    "Subscription",
    "assessment_page",
    "index_page",
    "meeting_page",
    "plan_page",
    "site_for",
]

STYLESHEET_PATH = "assets/site.css"

_LAWS = {
    Nation.ENGLAND: "the Local Government Act 1972",
    Nation.WALES: "the Local Government Act 1972",
    Nation.SCOTLAND: "the Local Government (Scotland) Act 1973",
    Nation.NORTHERN_IRELAND: "the Local Government Act (Northern Ireland) 2014",
}
_SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@attrs.frozen(kw_only=True)
class Alternate:
    """A ``<link rel="alternate">`` for feed autodiscovery."""

    title: str
    type: str
    path: str


@attrs.frozen(kw_only=True)
class Subscription:
    """A calendar to subscribe to: its https (or relative) address, and webcal when known."""

    label: str
    path: str
    webcal: str | None


@attrs.frozen(kw_only=True)
class Site:
    """What every page shares: names, navigation, feeds, calendars, contact and the instant."""

    name: str
    base_url: str | None
    home: str | None
    """The partnership's address for JSON-LD: its own web page, else the site's index."""
    nav: tuple[Link, ...]
    alternates: tuple[Alternate, ...]
    calendars: tuple[Subscription, ...]
    feeds: tuple[Link, ...]
    stylesheet: str
    as_at: str
    """'Tuesday 1 October 2019, 09:00': the instant the pages show the partnership at."""
    as_at_iso: str
    contact_email: str | None
    """A ``mailto:`` link to the partnership, if it has a public email address."""
    contact_phone: str | None
    """A ``tel:`` link, if it has a public phone number."""


@attrs.frozen(kw_only=True)
class Page:
    """One page to render: its output path, template and context."""

    path: str
    template: str
    context: dict[str, Any]


def _address(site: Site, path: str) -> str:
    return f"{site.base_url}{path}" if site.base_url else path


def site_for(context: BuildContext, options: HtmlOptions) -> Site:
    """The shared parts of every page, for this build."""
    partnership = context.view.partnership
    base = context.base_url
    alternates: list[Alternate] = []
    feeds: list[Link] = []
    if options.feeds:
        alternates = [
            Alternate(
                title=f"{partnership.name}: news (RSS)",
                type="application/rss+xml",
                path=_path(base, "feeds/rss.xml"),
            ),
            Alternate(
                title=f"{partnership.name}: news (Atom)",
                type="application/atom+xml",
                path=_path(base, "feeds/atom.xml"),
            ),
        ]
        feeds = [
            Link(label="News feed (RSS)", path=_path(base, "feeds/rss.xml")),
            Link(label="News feed (Atom)", path=_path(base, "feeds/atom.xml")),
        ]
    calendars: list[Subscription] = []
    if options.calendars:
        calendars.append(_subscription(base, "All meetings", "calendar.ics"))
        if len(partnership.bodies) > 1:
            calendars += [
                _subscription(base, f"Meetings of the {body.name}", f"bodies/{body.id}.ics")
                for body in partnership.bodies
            ]
        if options.deadlines_calendar:
            calendars.append(
                _subscription(base, "Publication deadlines for papers", "deadlines.ics")
            )
    contact = partnership.contact
    return Site(
        name=partnership.name,
        base_url=base,
        home=partnership.web or (f"{base}index.html" if base else None),
        nav=(
            Link(label="Home", path="index.html"),
            Link(label="Plan", path="index.html#plan"),
            Link(label="Assessments", path="index.html#assessments"),
            Link(label="Meetings", path="index.html#meetings"),
            Link(label="Members", path="index.html#members"),
            Link(label="Contact", path="index.html#contact"),
        ),
        alternates=tuple(alternates),
        calendars=tuple(calendars),
        feeds=tuple(feeds),
        stylesheet=STYLESHEET_PATH,
        as_at=date_time(context.view.at, partnership.timezone),
        as_at_iso=iso(context.view.at, partnership.timezone),
        contact_email=mailto(contact.email) if contact.email else None,
        contact_phone=tel(contact.phone) if contact.phone else None,
    )


def _path(base: str | None, path: str) -> str:
    return f"{base}{path}" if base else path


def _subscription(base: str | None, label: str, path: str) -> Subscription:
    return Subscription(label=label, path=_path(base, path), webcal=webcal(base, path))


def base_context(
    site: Site,
    partnership: Partnership,
    path: str,
    *,
    title: str,
    description: str,
    data: object | None,
    alternates: tuple[Alternate, ...] = (),
) -> dict[str, Any]:
    """The context every template gets.

    Keys: ``site``, ``partnership``, ``zone`` (its time zone, for the date filters),
    ``page`` (this page's output path), ``root`` (``""`` or ``"../"``), ``href`` (a function
    making a site path or address relative to this page, and safe to write), ``title``,
    ``description``, ``canonical`` (absolute address or ``None``), ``alternates`` and
    ``jsonld`` (the safe JSON-LD text, or ``None``).
    """
    root = "../" * path.count("/")

    def href(address: str) -> str:
        return relative(root, address)

    return {
        "site": site,
        "partnership": partnership,
        "zone": partnership.timezone,
        "page": path,
        "root": root,
        "href": href,
        "title": title,
        "description": description,
        "canonical": f"{site.base_url}{path}" if site.base_url else None,
        "alternates": site.alternates + alternates,
        "jsonld": Markup(jsonld.script_json(data)) if data is not None else None,  # noqa: S704 - escaped by script_json
    }


def _weeks(days: int) -> str:
    if days % 7 == 0 and days // 7 < len(_SMALL):
        weeks = days // 7
        return "a week" if weeks == 1 else f"{_SMALL[weeks]} weeks"
    return f"{days} days"


def _months(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return "a year" if years == 1 else f"{_count(years)} years"
    return f"{_count(months)} months"


def _count(value: int) -> str:
    return _SMALL[value] if value < len(_SMALL) else str(value)


def publishing_sentences(partnership: Partnership) -> tuple[str, ...]:
    """The partnership's publication promises, from its policy, as sentences for the public."""
    policy = partnership.policy
    agenda = (
        "in the week before the meeting"
        if policy.agenda_days == 7
        else f"{_weeks(policy.agenda_days)} before the meeting"
    )
    if policy.draft_agenda_days is not None:
        first = (
            "A draft agenda, complete with details on how to submit or ask questions of the "
            f"partnership, is published on this page around {_weeks(policy.draft_agenda_days)} "
            f"before each meeting, with the full agenda and associated papers posted {agenda}."
        )
    else:
        first = (
            "The agenda, with details on how to ask questions of the partnership, and the "
            f"associated papers are published on this page {agenda}."
        )
    sentences = [first]
    clear = policy.clear_days_for(partnership.nation)
    if clear is not None:
        law = _LAWS[partnership.nation]
        why = (
            f"as {law} requires"
            if policy.access is AccessPolicy.STATUTORY
            else f"following the access-to-information rules of {law}"
        )
        sentences.append(
            f"Agendas and papers are always published at least {_count(clear)} clear working "
            f"days before the meeting, {why}."
        )
    if policy.minutes_from is MinutesClock.NEXT_MEETING:
        sentences.append(
            "Minutes are published once they have been agreed at the following meeting, "
            f"within {_count(policy.minutes_working_days)} working days of it."
        )
    else:
        sentences.append(
            f"Minutes are published within {_count(policy.minutes_working_days)} working days "
            "of the meeting."
        )
    return tuple(sentences)


def earlier_sentence(partnership: Partnership) -> str:
    """'Minutes from earlier meetings are available on request', as the policy says it."""
    policy = partnership.policy
    return (
        "You can read the agendas, related documents and minutes from recent meetings below. "
        f"They stay online for {_months(policy.online_months)} after each meeting; "
        "minutes and papers from earlier meetings are available on request "
        f"(we keep them for {_months(policy.retention_years * 12)})."
    )


def previous_plans_sentence(partnership: Partnership) -> str | None:
    """What the policy says about plans no longer in force."""
    availability = partnership.policy.previous_plans
    if availability is Availability.ON_REQUEST:
        return "Previous plans are available upon request."
    if availability is Availability.ONLINE:
        return "Previous plans remain available online."
    return None


def index_page(site: Site, writer: Writer) -> Page:
    """``index.html``: every section of the partnership's page."""
    partnership = writer.partnership
    today = writer.today
    current = plan_in_force(partnership, today)
    plans = [writer.plan(plan, current) for plan in _plans_newest_first(partnership.plans)]
    assessments = [
        writer.assessment(assessment)
        for assessment in sorted(
            partnership.assessments, key=lambda a: (a.published_on, a.id), reverse=True
        )
    ]
    reviews = [
        writer.review(review)
        for review in sorted(partnership.annual_reviews, key=lambda r: r.year, reverse=True)
    ]
    following, later, previous = writer.split_meetings()
    questions = following.questions if following else None
    members = partnership.agencies_on(today, Role.MEMBER)
    authorities = partnership.responsible_authorities_on(today)
    others = tuple(agency for agency in members if agency not in authorities)
    attendees = tuple(
        agency
        for agency in partnership.agencies_on(today)
        if agency.role_on(today) in {Role.ATTENDEE, Role.OBSERVER}
    )
    data = jsonld.organization(
        partnership, url=site.home, members=members, contact=partnership.contact
    )
    context = base_context(
        site,
        partnership,
        "index.html",
        title=partnership.name,
        description=partnership.purpose
        or f"The {partnership.name}: its plan, meetings, members and papers.",
        data=data,
    )
    context.update(
        current_plan=next((p for p in plans if p.state == "current"), None),
        upcoming_plans=tuple(p for p in plans if p.state == "upcoming"),
        previous_plans=tuple(p for p in plans if p.state == "previous"),
        previous_plans_note=previous_plans_sentence(partnership),
        assessments=tuple(assessments),
        latest_assessment=assessments[0] if assessments else None,
        next_meeting=following,
        upcoming_meetings=later,
        previous_meetings=previous,
        questions=questions,
        publishing=publishing_sentences(partnership),
        earlier=earlier_sentence(partnership),
        reviews=tuple(reviews),
        latest_review=reviews[0] if reviews else None,
        responsible_authorities=authorities,
        other_members=others,
        attendees=attendees,
        boards=tuple(body for body in partnership.bodies if body.kind is BodyKind.BOARD),
        sub_groups=tuple(body for body in partnership.bodies if body.kind is BodyKind.SUB_GROUP),
        today=today,
    )
    return Page(path="index.html", template="index.html", context=context)


def _plans_newest_first(plans: tuple[CommunitySafetyPlan, ...]) -> list[CommunitySafetyPlan]:
    return sorted(plans, key=lambda plan: (plan.in_force_from, plan.id), reverse=True)


def meeting_page(site: Site, writer: Writer, meeting: Meeting) -> Page:
    """``meetings/{id}.html``: a meeting's details, agenda and documents, with Event JSON-LD."""
    partnership = writer.partnership
    entry = writer.meeting(meeting)
    path = meeting_path(meeting)
    description = _meeting_description(partnership, entry)
    data = jsonld.event(
        partnership,
        meeting,
        url=f"{site.base_url}{path}" if site.base_url else None,
        home=site.home,
        description=description,
    )
    alternates: tuple[Alternate, ...] = ()
    others = tuple(f"bodies/{body.id}.ics" for body in partnership.bodies if body != entry.body)
    calendars = tuple(c for c in site.calendars if not c.path.endswith(others))
    if site.feeds and len(partnership.bodies) > 1:
        base = site.base_url
        alternates = (
            Alternate(
                title=f"{entry.body.name}: news (RSS)",
                type="application/rss+xml",
                path=_path(base, f"feeds/bodies/{entry.body.id}/rss.xml"),
            ),
            Alternate(
                title=f"{entry.body.name}: news (Atom)",
                type="application/atom+xml",
                path=_path(base, f"feeds/bodies/{entry.body.id}/atom.xml"),
            ),
        )
    context = base_context(
        site,
        partnership,
        path,
        title=f"{meeting.title}: {entry.day}",
        description=description,
        data=data,
        alternates=alternates,
    )
    context.update(entry=entry, meeting=meeting, calendars=calendars)
    return Page(path=path, template="meeting.html", context=context)


def _meeting_description(partnership: Partnership, entry: MeetingEntry) -> str:
    words = f"Meeting of the {entry.body.name}, {entry.when}"
    if entry.venue_line:
        words += f", at {entry.venue_line}"
    words += "."
    if entry.status:
        words += f" {entry.status}."
        if entry.status_note:
            words += f" {entry.status_note}"
    elif entry.meeting.public:
        words += f" Open to the public: agenda, papers and minutes from the {partnership.name}."
    return words


def plan_page(site: Site, writer: Writer, plan: CommunitySafetyPlan) -> Page:
    """``plans/{id}.html``: a plan's priorities, lead officers, aims and targets with charts."""
    current = plan_in_force(writer.partnership, writer.today)
    entry: PlanEntry = writer.plan(plan, current)
    path = plan_path(plan)
    context = base_context(
        site,
        writer.partnership,
        path,
        title=plan.title,
        description=plan.summary or f"{plan.title}: priorities, lead officers, aims and targets.",
        data=None,
    )
    context.update(entry=entry, plan=plan)
    return Page(path=path, template="plan.html", context=context)


def assessment_page(site: Site, writer: Writer, assessment: StrategicAssessment) -> Page:
    """``assessments/{id}.html``: what a strategic assessment looked at and recommends."""
    entry: AssessmentEntry = writer.assessment(assessment)
    path = assessment_path(assessment)
    context = base_context(
        site,
        writer.partnership,
        path,
        title=assessment.title,
        description=f"{assessment.title}: topics, sources and recommendations.",
        data=None,
    )
    context.update(entry=entry, assessment=assessment)
    return Page(path=path, template="assessment.html", context=context)
