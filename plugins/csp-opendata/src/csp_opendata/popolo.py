"""``opendata/popolo.json``: the partnership as Popolo organizations, posts, memberships, events.

Field names follow Popolo and Open Civic Data (OCD) where they have one; what neither has is
under ``extras`` (OCD's place for it).  Every value that can be a code is one (``role``,
``classification``, ``status``); each code's words in the view's language sit beside it in a
``*_label`` field.  docs/opendata.md maps every field.
"""

from __future__ import annotations

from typing import Any

from csp_core import (
    ActionState,
    Agency,
    Attendee,
    Body,
    BuildContext,
    Decision,
    DecisionMethod,
    Document,
    Meeting,
    Partnership,
    PublicView,
    i18n,
    labels,
    text,
)
from csp_opendata.common import (
    clean,
    drop_none,
    event_id,
    iso_date,
    iso_moment,
    link,
    local,
    ocd_status,
    uid,
)
from csp_opendata.options import OpendataOptions

__all__ = ["SCHEMA", "SCHEMA_VERSION", "popolo"]

SCHEMA = "csp-opendata/popolo"
SCHEMA_VERSION = 1

#: OCD Organization classification of each agency's sector (OCD has no voluntary sector).
_SECTOR_CLASSIFICATION = {
    "council": "government",
    "police": "agency",
    "fire-and-rescue": "agency",
    "probation": "agency",
    "health": "agency",
    "education": "agency",
    "business": "corporation",
    "voluntary": "organization",
    "other": "organization",
}


def popolo(context: BuildContext, settings: OpendataOptions, language: i18n.Language) -> Any:
    """The Popolo document of the view, as JSON values."""
    view = context.view
    partnership = view.partnership
    agencies = {agency.id for agency in partnership.agencies}
    organizations = [_partnership(partnership)]
    organizations += [_body(partnership, body, language) for body in partnership.bodies]
    organizations += [_agency(partnership, agency, language) for agency in partnership.agencies]
    posts, memberships = _posts_and_memberships(partnership, agencies, language)
    events = [_event(context, settings, meeting, language) for meeting in view.meetings()]
    motions = [
        _motion(view, meeting, index, decision, language)
        for meeting in view.meetings()
        if meeting.record is not None
        for index, decision in enumerate(meeting.record.decisions)
    ]
    actions = [_action(view, state, agencies, language) for state in view.actions()]
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "language": language.tag,
        "partnership": partnership.id,
        "organizations": sorted(organizations, key=_by_id),
        "posts": sorted(posts, key=_by_id),
        "memberships": sorted(memberships, key=_by_id),
        "events": sorted(events, key=_by_id),
        "motions": sorted(motions, key=_by_id),
        "actions": sorted(actions, key=_by_id),
    }


def _by_id(value: dict[str, Any]) -> str:
    return str(value["id"])


def _links(*addresses: tuple[str, str | None]) -> list[dict[str, str]]:
    return [{"note": note, "url": url} for note, url in addresses if url is not None]


def _partnership(partnership: Partnership) -> dict[str, Any]:
    contact = partnership.contact
    return {
        "id": partnership.id,
        "name": clean(partnership.name),
        "classification": "commission",
        "parent_id": None,
        "identifiers": [{"scheme": "csp-core", "identifier": partnership.id}],
        "links": _links(("web", link_or_none(partnership.web))),
        "contact_details": [
            detail
            for detail in (
                _detail("address", "\n".join([*contact.address, contact.postcode])),
                _detail("email", contact.email),
                _detail("voice", contact.phone),
                _detail("url", link_or_none(contact.web)),
            )
            if detail is not None
        ],
        "extras": drop_none(
            [
                ("kind", "partnership"),
                ("area", clean(partnership.area)),
                ("purpose", clean(partnership.purpose)),
                ("nation", partnership.nation.value),
                ("timezone", partnership.timezone.key),
                ("languages", list(partnership.languages)),
            ]
        ),
    }


def link_or_none(address: str | None) -> str | None:
    """A web address of the data (already absolute: ``web`` fields), escaped."""
    return None if address is None else text.clean_url(address)


def _detail(kind: str, value: str | None) -> dict[str, str] | None:
    return None if value is None else {"type": kind, "value": str(clean(value))}


def _body(partnership: Partnership, body: Body, language: i18n.Language) -> dict[str, Any]:
    parent = partnership.id if body.parent is None else uid(partnership, "body", body.parent)
    return {
        "id": uid(partnership, "body", body.id),
        "name": clean(body.name),
        "classification": "committee",
        "parent_id": parent,
        "extras": drop_none(
            [
                ("kind", body.kind.value),
                ("kind_label", labels.label(body.kind, language)),
                ("description", clean(body.description)),
                ("public", body.public),
            ]
        ),
    }


def _agency(partnership: Partnership, agency: Agency, language: i18n.Language) -> dict[str, Any]:
    return {
        "id": uid(partnership, "agency", agency.id),
        "name": clean(agency.name),
        "classification": _SECTOR_CLASSIFICATION[agency.sector.value],
        "parent_id": None,
        "other_names": ([] if agency.short_name is None else [{"name": clean(agency.short_name)}]),
        "links": _links(("web", link_or_none(agency.web))),
        "extras": {
            "kind": "agency",
            "sector": agency.sector.value,
            "sector_label": labels.label(agency.sector, language),
            "responsible_authority": agency.responsible_authority,
        },
    }


def _organization(identifier: str) -> dict[str, str]:
    """A membership's ``member`` that is an organization."""
    return {"@type": "Organization", "id": identifier}


def _post(
    partnership: Partnership, organization: str, key: str, role: str, label: str
) -> dict[str, Any]:
    return {
        "id": uid(partnership, "post", key),
        "label": label,
        "role": role,
        "organization_id": organization,
    }


def _posts_and_memberships(
    partnership: Partnership, agencies: set[str], language: i18n.Language
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    posts: dict[str, dict[str, Any]] = {}
    memberships: list[dict[str, Any]] = []
    for agency in partnership.agencies:
        for index, spell in enumerate(agency.memberships):
            memberships.append(
                {
                    "id": uid(partnership, "membership", "agency", agency.id, str(index + 1)),
                    "organization_id": partnership.id,
                    "member": {
                        "@type": "Organization",
                        "id": uid(partnership, "agency", agency.id),
                    },
                    "post_id": None,
                    "role": spell.role.value,
                    "label": labels.label(spell.role, language),
                    "start_date": iso_date(spell.since),
                    "end_date": iso_date(spell.until),
                    "extras": {"responsible_authority": agency.responsible_authority},
                }
            )
    for key, role, ids in (
        ("lead-council", language.gettext("Lead council"), partnership.leads),
        (
            "secretariat",
            language.gettext("Secretariat"),
            () if partnership.secretariat is None else (partnership.secretariat,),
        ),
    ):
        if not ids:
            continue
        post = _post(partnership, partnership.id, key, key, role)
        posts[post["id"]] = post
        memberships += [
            {
                "id": uid(partnership, "membership", key, agency),
                "organization_id": partnership.id,
                "member": _organization(uid(partnership, "agency", agency)),
                "post_id": post["id"],
                "role": key,
                "label": role,
                "start_date": None,
                "end_date": None,
            }
            for agency in ids
            if agency in agencies
        ]
    for body in partnership.bodies:
        organization = uid(partnership, "body", body.id)
        for index, chair in enumerate(body.chairs):
            role = chair.role.value
            post = _post(
                partnership,
                organization,
                f"{body.id}/{role}",
                role,
                labels.label(chair.role, language),
            )
            posts[post["id"]] = post
            membership: dict[str, Any] = {
                "id": uid(partnership, "membership", "body", body.id, str(index + 1)),
                "organization_id": organization,
            }
            if chair.name is not None:
                membership["member"] = {"@type": "Person", "name": clean(chair.name)}
            membership |= {
                "post_id": post["id"],
                "role": role,
                "label": clean(chair.office) or post["label"],
            }
            if chair.agency in agencies:
                membership["on_behalf_of_id"] = uid(partnership, "agency", chair.agency)
            membership |= {
                "start_date": iso_date(chair.since),
                "end_date": iso_date(chair.until),
                "extras": _chair_extras(chair.office, chair.agency, agencies),
            }
            memberships.append(membership)
    return list(posts.values()), memberships


def _chair_extras(office: str | None, agency: str | None, agencies: set[str]) -> dict[str, Any]:
    return drop_none(
        [
            ("office", clean(office)),
            ("agency", agency if agency is not None and agency not in agencies else None),
        ]
    )


def _event(
    context: BuildContext, settings: OpendataOptions, meeting: Meeting, language: i18n.Language
) -> dict[str, Any]:
    view = context.view
    partnership = view.partnership
    body = partnership.body(meeting.body)
    venue = meeting.venue
    location = None
    if venue is not None:
        location = drop_none(
            [
                ("name", clean(venue.name)),
                ("address", [str(clean(line)) for line in venue.address]),
                ("postcode", venue.postcode),
                (
                    "coordinates",
                    None
                    if venue.coordinates is None
                    else {
                        "latitude": venue.coordinates.latitude,
                        "longitude": venue.coordinates.longitude,
                    },
                ),
            ]
        )
    page = (
        None
        if settings.meeting_page is None
        else context.url(settings.meeting_page.format(meeting=meeting.id))
    )
    online = meeting.online.links() if meeting.online is not None else ()
    record = meeting.record
    agencies = {agency.id for agency in partnership.agencies}
    attendance = () if record is None else record.attendance
    return {
        "id": event_id(partnership, meeting),
        "name": clean(meeting.title),
        "classification": "committee-meeting",
        "start_date": iso_moment(meeting.start, partnership),
        "end_date": iso_moment(meeting.end, partnership),
        "all_day": False,
        "timezone": partnership.timezone.key,
        "status": ocd_status(meeting, view.at, view.goes_ahead(meeting)),
        "location": location,
        "participants": [
            {
                "entity_type": "organization",
                "entity_id": uid(partnership, "body", body.id),
                "name": clean(body.name),
                "note": "host",
            },
            *(_attendee(partnership, attendee, agencies, language) for attendee in attendance),
        ],
        "links": [{"note": kind.value, "url": link(context, address)} for kind, address in online],
        "sources": [] if page is None else [{"note": "page", "url": page}],
        "documents": [_document(context, document, language) for document in meeting.documents],
        "agenda": [
            _item(partnership, meeting, index, language) for index in range(len(meeting.agenda))
        ],
        "extras": drop_none(
            [
                ("body", uid(partnership, "body", body.id)),
                ("meeting_status", meeting.status.value),
                ("meeting_status_label", labels.label(meeting.status, language)),
                ("status_note", clean(meeting.status_note)),
                ("previous_start", iso_moment(meeting.previous_start, partnership)),
                (
                    "replaced_by",
                    None
                    if meeting.replaced_by is None
                    else uid(partnership, "meeting", meeting.replaced_by),
                ),
                ("attendance", meeting.attendance.value),
                ("attendance_label", labels.label(meeting.attendance, language)),
                ("public", True),
                (
                    "questions",
                    None
                    if meeting.questions is None
                    else drop_none(
                        [
                            ("how", clean(meeting.questions.how)),
                            ("email", meeting.questions.email),
                            ("url", link(context, meeting.questions.url)),
                            ("deadline", iso_moment(meeting.questions.deadline, partnership)),
                        ]
                    ),
                ),
                (
                    "short_notice",
                    None
                    if meeting.short_notice is None
                    else {
                        "reason": clean(meeting.short_notice.reason),
                        "convened": iso_moment(meeting.short_notice.convened, partnership),
                    },
                ),
                (
                    "record",
                    None
                    if record is None
                    else ("agreed" if view.minutes_agreed(meeting) else "draft"),
                ),
                ("sequence", view.sequence(meeting)),
                ("updated", iso_moment(view.modified(meeting), partnership)),
            ]
        ),
    }


def _document(context: BuildContext, document: Document, language: i18n.Language) -> dict[str, Any]:
    partnership = context.view.partnership
    address = link(context, document.url)
    return {
        "id": uid(partnership, "document", document.id),
        "note": clean(document.title),
        "classification": document.kind.value,
        "classification_label": labels.label(document.kind, language),
        "date": iso_moment(document.published, partnership),
        "availability": document.availability.value,
        "availability_label": labels.label(document.availability, language),
        "links": [] if address is None else [{"url": address}],
        "revisions": [
            drop_none(
                [
                    ("kind", revision.kind.value),
                    ("kind_label", labels.label(revision.kind, language)),
                    ("date", iso_moment(revision.published, partnership)),
                    ("note", clean(revision.note)),
                    ("url", link(context, revision.url)),
                ]
            )
            for revision in document.revisions
        ],
    }


def _item(
    partnership: Partnership, meeting: Meeting, index: int, language: i18n.Language
) -> dict[str, Any]:
    item = meeting.agenda[index]
    exemption = None
    if item.exempt:
        exemption = {
            "paragraph": item.exemption,
            "label": labels.exemption(partnership.nation, item.exemption, language),
        }
    return drop_none(
        [
            ("order", str(index + 1)),
            ("number", clean(item.number)),
            ("description", clean(item.title)),
            ("notes", [] if item.summary is None else [clean(item.summary)]),
            ("presenter", clean(item.presenter)),
            ("minutes_allowed", item.minutes_allowed),
            ("exempt", item.exempt),
            ("exemption", exemption),
            ("related_documents", [uid(partnership, "document", paper) for paper in item.papers]),
            *_item_record(partnership, meeting, index, language),
        ]
    )


def _item_record(
    partnership: Partnership, meeting: Meeting, index: int, language: i18n.Language
) -> list[tuple[str, Any]]:
    """An agenda item's declarations and the ids of its decisions, from the public record.

    Only on the first item of its number (a number two items share is one item of the record).
    """
    record = meeting.record
    number = meeting.agenda[index].number
    if record is None or number is None or _first_with(meeting, number) != index:
        return []
    declarations = [
        drop_none(
            [
                ("name", clean(declaration.name)),
                ("kind", declaration.kind.value),
                ("kind_label", labels.label(declaration.kind, language)),
                ("interest", clean(declaration.interest)),
                ("left_room", declaration.left_room),
            ]
        )
        for declaration in record.declarations
        if declaration.item == number
    ]
    decisions = [
        _motion_id(partnership, meeting, order)
        for order, decision in enumerate(record.decisions)
        if decision.item == number
    ]
    return [("declarations", declarations or None), ("decisions", decisions or None)]


def _first_with(meeting: Meeting, number: str) -> int | None:
    return next((i for i, item in enumerate(meeting.agenda) if item.number == number), None)


def _attendee(
    partnership: Partnership, attendee: Attendee, agencies: set[str], language: i18n.Language
) -> dict[str, Any]:
    """An event participant from the record's attendance: OCD's ``note`` is the presence."""
    return drop_none(
        [
            ("entity_type", "person"),
            ("name", clean(attendee.name)),
            ("note", attendee.presence.value),
            ("note_label", labels.label(attendee.presence, language)),
            ("role", clean(attendee.role)),
            (
                "organization_id",
                uid(partnership, "agency", attendee.agency)
                if attendee.agency in agencies
                else None,
            ),
            ("on_behalf_of", clean(attendee.on_behalf_of)),
        ]
    )


def _motion_id(partnership: Partnership, meeting: Meeting, index: int) -> str:
    """``cambridge/meeting/2019-10-17/decision/1``: the record's first decision."""
    return f"{event_id(partnership, meeting)}/decision/{index + 1}"


def _motion(
    view: PublicView, meeting: Meeting, index: int, decision: Decision, language: i18n.Language
) -> dict[str, Any]:
    """A decision of a meeting's public record as a Popolo Motion, with its vote if any.

    The record holds what the meeting resolved, so ``text`` is the resolution (``null`` on an
    exempt item, whose decision keeps only its item and method); no ``result`` is inferred.
    """
    partnership = view.partnership
    identifier = _motion_id(partnership, meeting, index)
    body = uid(partnership, "body", meeting.body)
    session = event_id(partnership, meeting)
    votes = []
    if decision.method is DecisionMethod.VOTE:
        counts = (
            []
            if decision.votes is None
            else [
                {"option": "yes", "value": decision.votes.in_favour},
                {"option": "no", "value": decision.votes.against},
                {"option": "abstain", "value": decision.votes.abstentions},
            ]
        )
        votes.append(
            {
                "id": f"{identifier}/vote",
                "motion_id": identifier,
                "organization_id": body,
                "legislative_session_id": session,
                "start_date": iso_moment(meeting.start, partnership),
                "counts": counts,
            }
        )
    exempt = any(item.exempt and item.number == decision.item for item in meeting.agenda)
    return {
        "id": identifier,
        "organization_id": body,
        "legislative_session_id": session,
        "text": clean(decision.resolution),
        "classification": decision.method.value,
        "date": iso_date(local(meeting.start, partnership).date()),
        "vote_events": votes,
        "extras": {
            "item": clean(decision.item),
            "classification_label": labels.label(decision.method, language),
            "exempt": exempt,
            "record": "agreed" if view.minutes_agreed(meeting) else "draft",
        },
    }


def _action(
    view: PublicView, state: ActionState, agencies: set[str], language: i18n.Language
) -> dict[str, Any]:
    """An action of the public log as it stands at the view's instant."""
    partnership = view.partnership
    action = state.action
    owner = drop_none(
        [
            (
                "organization_id",
                uid(partnership, "agency", action.owner_agency)
                if action.owner_agency in agencies
                else None,
            ),
            ("role", clean(action.owner_role)),
        ]
    )
    return {
        "id": uid(partnership, "action", action.id),
        "title": clean(action.title),
        "event_id": uid(partnership, "meeting", action.raised),
        "item": clean(action.item),
        "owner": owner,
        "due_date": iso_date(action.due),
        "status": state.status.value,
        "status_label": labels.label(state.status, language),
        "overdue": state.overdue,
        "updates": [
            drop_none(
                [
                    ("event_id", uid(partnership, "meeting", update.meeting)),
                    ("status", update.status.value),
                    ("status_label", labels.label(update.status, language)),
                    ("note", clean(update.note)),
                ]
            )
            for update in action.updates
        ],
    }
