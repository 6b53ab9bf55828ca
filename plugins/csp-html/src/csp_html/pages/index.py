"""``index.html``: every section of the partnership's page.

It shows the plans, assessments and meetings as their own pages' entries do, plus the annual
reviews, the policy's promises in words, and who the members are on the view's day.
"""

from __future__ import annotations

import attrs
from csp_core import (
    AnnualReview,
    Body,
    BodyKind,
    Contact,
    PlanStanding,
    PublicView,
    Role,
    dates,
    labels,
)

from csp_html import jsonld, words
from csp_html.documents import DocumentEntry, document_entry
from csp_html.links import mailto, tel
from csp_html.pages import records
from csp_html.pages.assessment import assessment_entry
from csp_html.pages.meeting import meeting_entry
from csp_html.pages.plan import plan_entry
from csp_html.site import Page, Site, base_context
from csp_html.templating import Sentence

__all__ = [
    "ChairsEntry",
    "ContactEntry",
    "ReviewEntry",
    "chairs_entry",
    "contact_entries",
    "index_page",
    "review_entry",
]


@attrs.frozen(kw_only=True)
class ChairsEntry:
    """Who chairs a body's meetings on the view's day, and who did before."""

    body: Body
    current: tuple[Sentence, ...]
    previous: tuple[Sentence, ...]


def chairs_entry(view: PublicView, body: Body) -> ChairsEntry:
    """A body's chairs: those of the view's day first, then past spells, latest first."""
    partnership = view.partnership
    language = words.language(view)
    today = dates.local_day(view.at, partnership.timezone)
    current = body.chairs_on(today)
    past = sorted(
        (chair for chair in body.chairs if chair.until is not None and chair.until < today),
        key=lambda chair: chair.until or today,
        reverse=True,
    )
    return ChairsEntry(
        body=body,
        current=tuple(words.chair_line(chair, partnership, language) for chair in current),
        previous=tuple(words.chair_line(chair, partnership, language) for chair in past),
    )


@attrs.frozen(kw_only=True)
class ContactEntry:
    """A contact of the partnership, headed by its agency's name when it names one."""

    contact: Contact
    name: str | None
    """The agency whose office it is: 'Denbighshire County Council'."""
    email: str | None
    """The ``mailto:`` link."""
    phone: str | None
    """The ``tel:`` link, when the number has digits."""


def contact_entries(view: PublicView) -> tuple[ContactEntry, ...]:
    """The main contact, then each council's (a joint partnership's ``contacts``)."""
    partnership = view.partnership
    return tuple(
        ContactEntry(
            contact=contact,
            name=partnership.agency(contact.agency).name if contact.agency else None,
            email=mailto(contact.email) if contact.email else None,
            phone=tel(contact.phone) if contact.phone else None,
        )
        for contact in (partnership.contact, *partnership.contacts)
    )


@attrs.frozen(kw_only=True)
class BodyEntry:
    """A body in the partnership's structure, with its sub-groups under it."""

    body: Body
    description: str | None
    """What it does; none for a board (its description is under the members)."""
    private: bool
    """It meets in private: no calendar, feed or page (``PublicView.public_bodies``)."""
    children: tuple[BodyEntry, ...]


def body_structure(view: PublicView) -> tuple[BodyEntry, ...]:
    """The bodies as a tree, those without a parent first; empty when there are no sub-groups.

    Every body is in it, private ones too: the structure is public, their meetings are not.
    """
    partnership = view.partnership
    if not any(
        body.parent is not None or body.kind is BodyKind.SUB_GROUP for body in partnership.bodies
    ):
        return ()
    public = {body.id for body in view.public_bodies()}

    def entry(body: Body) -> BodyEntry:
        return BodyEntry(
            body=body,
            description=None if body.kind is BodyKind.BOARD else body.description,
            private=body.id not in public,
            children=tuple(entry(child) for child in partnership.children(body)),
        )

    return tuple(entry(body) for body in partnership.bodies if body.parent is None)


@attrs.frozen(kw_only=True)
class ReviewEntry:
    """An annual review."""

    review: AnnualReview
    published: str | None
    published_iso: str | None
    document: DocumentEntry | None


def review_entry(view: PublicView, review: AnnualReview) -> ReviewEntry:
    """An annual review and its document."""
    published = review.published_on
    return ReviewEntry(
        review=review,
        published=dates.long_date(published, words.language(view)) if published else None,
        published_iso=published.isoformat() if published else None,
        document=document_entry(view, review.document) if review.document else None,
    )


def index_page(site: Site, view: PublicView, *, map_links: bool) -> Page:
    """``index.html``: every section of the partnership's page."""
    partnership = view.partnership
    language = words.language(view)
    today = dates.local_day(view.at, partnership.timezone)
    ordered = sorted(
        partnership.plans, key=lambda plan: (plan.in_force_from, plan.id), reverse=True
    )
    # The partnership's own plans; county or regional plans it adopted (a ``scope``) apart.
    plans = [plan_entry(view, plan) for plan in ordered if plan.scope is None]
    adopted = [plan_entry(view, plan) for plan in view.plans_in_force() if plan.scope is not None]
    assessments = [
        assessment_entry(view, assessment)
        for assessment in sorted(
            partnership.assessments, key=lambda a: (a.published_on, a.id), reverse=True
        )
    ]
    reviews = [
        review_entry(view, review)
        for review in sorted(partnership.annual_reviews, key=lambda r: r.year, reverse=True)
    ]
    following = view.next_meeting()
    next_meeting = meeting_entry(view, following, map_links=map_links) if following else None
    members = partnership.agencies_on(today, Role.MEMBER)
    authorities = partnership.responsible_authorities_on(today)
    # The lead councils and the secretariat: members with a role in the JSON-LD.
    roles = [
        (agency, words.lead_role(agency, language))
        for agency in map(partnership.agency, partnership.leads)
    ]
    if partnership.secretariat is not None:
        roles.append(
            (partnership.agency(partnership.secretariat), words.secretariat_role(language))
        )
    data = jsonld.organization(
        partnership,
        url=site.home,
        members=members,
        contact=partnership.contact,
        language=site.language,
        chairs=tuple(
            (chair, labels.label(chair.role, language))
            for body in partnership.bodies
            if body.kind is BodyKind.BOARD
            for chair in body.chairs
        ),
        bodies=tuple(body for body in partnership.bodies if body.parent is None),
        roles=tuple(roles),
        contacts=tuple(
            (contact, partnership.agency(contact.agency).name)
            for contact in (partnership.contact, *partnership.contacts)
            if contact.agency is not None
        ),
    )
    context = base_context(
        site,
        partnership,
        "index.html",
        title=partnership.name,
        description=words.index_description(partnership, language),
        data=data,
    )
    context.update(
        current_plan=next((p for p in plans if p.state is PlanStanding.CURRENT), None),
        upcoming_plans=tuple(p for p in plans if p.state is PlanStanding.UPCOMING),
        # Expired, no later plan in force yet: shown as the latest plan, never as current.
        expired_plan=next((p for p in plans if p.state is PlanStanding.EXPIRED), None),
        previous_plans=tuple(p for p in plans if p.state is PlanStanding.PREVIOUS),
        adopted_plans=tuple(adopted),
        previous_plans_note=words.previous_plans_sentence(partnership, language),
        texts=words.index_texts(partnership, language),
        joint=words.joint_sentences(partnership, language),
        contacts=contact_entries(view),
        assessments=tuple(assessments),
        latest_assessment=assessments[0] if assessments else None,
        next_meeting=next_meeting,
        upcoming_meetings=tuple(
            meeting_entry(view, meeting, map_links=map_links)
            for meeting in view.upcoming()
            if meeting != following
        ),
        previous_meetings=tuple(
            meeting_entry(view, meeting, map_links=map_links) for meeting in view.previous()
        ),
        # Meetings of several bodies: each listed meeting names its body.
        several_bodies=len({meeting.body for meeting in partnership.meetings}) > 1,
        questions=next_meeting.questions if next_meeting else None,
        publishing=words.publishing_sentences(partnership, view.law, language),
        earlier=words.earlier_sentence(partnership, language),
        reviews=tuple(reviews),
        latest_review=reviews[0] if reviews else None,
        responsible_authorities=authorities,
        other_members=tuple(agency for agency in members if agency not in authorities),
        attendees=tuple(
            agency
            for agency in partnership.agencies_on(today)
            if agency.role_on(today) in {Role.ATTENDEE, Role.OBSERVER}
        ),
        boards=tuple(body for body in partnership.bodies if body.kind is BodyKind.BOARD),
        structure=body_structure(view),
        chairs=tuple(chairs_entry(view, body) for body in partnership.bodies if body.chairs),
        today=today,
        keeps_actions=bool(view.actions()),
        open_actions=records.open_actions(
            view, by_body=len({meeting.body for meeting in partnership.meetings}) > 1
        ),
    )
    return Page(path="index.html", template="index.html", context=context)
