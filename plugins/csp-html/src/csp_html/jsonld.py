r"""schema.org JSON-LD: an Event for each meeting page, an Organization for the index.

:func:`script_json` serialises for a ``<script type="application/ld+json">`` element: every
string is first cleaned as the page's text is (line breaks made LF, code points HTML forbids
made U+FFFD, :func:`csp_core.text.clean`, then NFC); then ``<``, ``>`` and ``&`` are
written as ``\u003c``, ``\u003e`` and ``\u0026``, the line and paragraph separators as
``\u2028`` and ``\u2029``.  So no value can close the element or open a comment, whatever it
holds, and the JSON parses to the same text the page shows.  Addresses from the data are
percent-encoded as the page's links are (:func:`csp_core.text.clean_url`).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from typing import Any

from csp_core import (
    Agency,
    Attendance,
    Attendee,
    Body,
    Chair,
    Contact,
    Meeting,
    MeetingStatus,
    OnlineLink,
    Partnership,
    Presence,
    Venue,
    dates,
    text,
)

__all__ = ["event", "organization", "partnership_list", "script_json", "sub_organization"]

SCHEMA = "https://schema.org"

_STATUS = {
    MeetingStatus.SCHEDULED: "EventScheduled",
    MeetingStatus.CANCELLED: "EventCancelled",
    MeetingStatus.POSTPONED: "EventPostponed",
    MeetingStatus.RESCHEDULED: "EventRescheduled",
}
_ATTENDANCE = {
    Attendance.IN_PERSON: "OfflineEventAttendanceMode",
    Attendance.ONLINE: "OnlineEventAttendanceMode",
    Attendance.MIXED: "MixedEventAttendanceMode",
}
_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(data: object) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element of an HTML page."""
    written = json.dumps(_cleaned(data), ensure_ascii=False, indent=2, allow_nan=False)
    for character, escape in _ESCAPES.items():
        written = written.replace(character, escape)
    # Controls and noncharacters may not appear in an HTML document, even inside a script;
    # as JSON escapes they keep their value.
    return text.FORBIDDEN.sub(lambda found: json.dumps(found.group())[1:-1], written)


def _cleaned(data: object) -> object:
    """``data`` with every string, key or value, cleaned and in NFC, as the page's text is."""
    if isinstance(data, str):
        return unicodedata.normalize("NFC", text.clean(data))
    if isinstance(data, dict):
        return {text.clean(str(key)): _cleaned(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_cleaned(value) for value in data]
    return data


def postal_address(lines: Sequence[str], postcode: str | None, skip: str = "") -> dict[str, str]:
    """A PostalAddress from address lines with the town last (the model's convention).

    A first line equal to ``skip`` (the organisation's own name) is left out of the street.
    """
    kept = [line for index, line in enumerate(lines) if not (index == 0 and line == skip)]
    address: dict[str, str] = {"@type": "PostalAddress"}
    if len(kept) > 1:
        address["streetAddress"] = ", ".join(kept[:-1])
    if kept:
        address["addressLocality"] = kept[-1]
    if postcode:
        address["postalCode"] = postcode
    address["addressCountry"] = "GB"
    return address


def place(venue: Venue) -> dict[str, Any]:
    """A schema.org Place for a venue, with its address and, when known, its coordinates."""
    found: dict[str, Any] = {
        "@type": "Place",
        "name": venue.name,
        "address": postal_address(venue.address, venue.postcode),
    }
    if venue.coordinates is not None:
        found["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": venue.coordinates.latitude,
            "longitude": venue.coordinates.longitude,
        }
    return found


def organizer(partnership: Partnership, url: str | None) -> dict[str, Any]:
    """The partnership as a schema.org Organization, by name and address."""
    found: dict[str, Any] = {"@type": "Organization", "name": partnership.name}
    if url:
        found["url"] = text.clean_url(url)
    return found


def event(
    partnership: Partnership,
    meeting: Meeting,
    *,
    url: str | None,
    home: str | None,
    description: str,
    language: str = "en-GB",
) -> dict[str, Any]:
    """A schema.org Event for ``meeting`` as the public view holds it.

    Once the view gives the meeting its record, ``attendee`` lists who attended.

    Args:
        partnership: the public partnership (for its name and time zone).
        meeting: the meeting.
        url: the meeting page's absolute address, if the site's base address is known.
        home: the partnership's address for ``organizer.url`` (its own web page, else the
            site's index), if known.
        description: a sentence for people.
        language: the page's language, BCP 47 (``inLanguage``).

    A cancelled or postponed meeting keeps its date, with EventCancelled or EventPostponed.
    A rescheduled meeting that moved gives EventRescheduled and ``previousStartDate``; one
    *replaced* by another meeting (no previous start) does not take place at its own date,
    so it is marked EventCancelled and the replacement carries its own Event.
    """
    zone = partnership.timezone
    status = meeting.status
    if status is MeetingStatus.RESCHEDULED and meeting.previous_start is None:
        status = MeetingStatus.CANCELLED
    found: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": meeting.title,
        "startDate": dates.iso(meeting.start, zone),
    }
    if meeting.end is not None:
        found["endDate"] = dates.iso(meeting.end, zone)
    found["eventStatus"] = f"{SCHEMA}/{_STATUS[status]}"
    if status is MeetingStatus.RESCHEDULED and meeting.previous_start is not None:
        found["previousStartDate"] = dates.iso(meeting.previous_start, zone)
    links = dict(meeting.online.links()) if meeting.online is not None else {}
    attendance = meeting.attendance
    if attendance is Attendance.IN_PERSON and OnlineLink.WEBCAST in links:
        # Held in person and webcast live: the public attends in the room or online, which is
        # schema.org's MixedEventAttendanceMode (docs/html.md, "JSON-LD").
        attendance = Attendance.MIXED
    found["eventAttendanceMode"] = f"{SCHEMA}/{_ATTENDANCE[attendance]}"
    locations: list[dict[str, Any]] = []
    if meeting.venue is not None and meeting.attendance is not Attendance.ONLINE:
        locations.append(place(meeting.venue))
    # Where to take part online: the join link, else the webcast, else the meeting's page.
    online = links.get(OnlineLink.JOIN) or links.get(OnlineLink.WEBCAST) or url
    if attendance is not Attendance.IN_PERSON and online is not None:
        locations.append({"@type": "VirtualLocation", "url": text.clean_url(online)})
    if len(locations) == 1:
        found["location"] = locations[0]
    elif locations:
        found["location"] = locations
    found["organizer"] = organizer(partnership, home)
    if OnlineLink.RECORDING in links:
        found["recordedIn"] = {
            "@type": "CreativeWork",
            "url": text.clean_url(links[OnlineLink.RECORDING]),
        }
    attendees = [
        _attendee(partnership, attendee)
        for attendee in (meeting.record.attendance if meeting.record is not None else ())
        if attendee.presence in _ATTENDED
    ]
    if attendees:
        found["attendee"] = attendees
    if url is not None:
        found["url"] = text.clean_url(url)
    found["description"] = description
    found["inLanguage"] = language
    return found


#: Who attended a meeting by its record: members present, substitutes, and others in
#: attendance; never those who sent apologies or were absent.
_ATTENDED = frozenset({Presence.PRESENT, Presence.SUBSTITUTE, Presence.IN_ATTENDANCE})


def _attendee(partnership: Partnership, attendee: Attendee) -> dict[str, Any]:
    """Someone who attended: a ``Person`` with their agency.

    With a role, a schema.org ``Role`` holding the person, as ``OrganizationRole`` holds the
    partnership's chairs.
    """
    person: dict[str, Any] = {"@type": "Person", "name": attendee.name}
    if attendee.agency is not None:
        person["affiliation"] = {
            "@type": "Organization",
            "name": partnership.agency(attendee.agency).name,
        }
    if attendee.role is None:
        return person
    return {"@type": "Role", "roleName": attendee.role, "attendee": person}


def partnership_list(
    members: Sequence[tuple[str, str | None, str]], *, name: str, url: str | None
) -> dict[str, Any]:
    """A schema.org ItemList of partnerships (the county page): ``(name, url, area)`` each.

    Each is an Organization with its name, its page's address when known and the area it
    serves, as its own index page describes it (:func:`organization`).
    """
    items = []
    for position, (member, address, area) in enumerate(members, start=1):
        item: dict[str, Any] = {"@type": "Organization", "name": member}
        if address:
            item["url"] = text.clean_url(address)
        item["areaServed"] = area
        items.append({"@type": "ListItem", "position": position, "item": item})
    found: dict[str, Any] = {"@context": SCHEMA, "@type": "ItemList", "name": name}
    if url:
        found["url"] = text.clean_url(url)
    found["numberOfItems"] = len(items)
    found["itemListElement"] = items
    return found


def organization(
    partnership: Partnership,
    *,
    url: str | None,
    members: Sequence[Agency],
    contact: Contact,
    language: str = "en-GB",
    chairs: Sequence[tuple[Chair, str]] = (),
    bodies: Sequence[Body] = (),
    roles: Sequence[tuple[Agency, str]] = (),
    contacts: Sequence[tuple[Contact, str]] = (),
) -> dict[str, Any]:
    """A schema.org Organization for the partnership, with its address and members.

    ``language``: the page's, BCP 47 (``inLanguage``, the language of its texts).
    ``chairs``: its board's chairs, past and present, each with its role's label: members with
    a role (schema.org ``OrganizationRole``).
    ``bodies``: its bodies at the top of its structure (the board): each a ``subOrganization``,
    with its own sub-groups as its ``subOrganization`` (:func:`sub_organization`).
    ``roles``: agencies with a role in running it (its lead councils, its secretariat), each
    with the role's label: members with an ``OrganizationRole`` too.
    ``contacts``: each council's contact with the council's name: a ``contactPoint`` each, as a
    ``PostalAddress`` (schema.org's ContactPoint with an address) named after the council.
    """
    found: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": partnership.name,
    }
    if url:
        found["url"] = text.clean_url(url)
    if partnership.purpose:
        found["description"] = partnership.purpose
    found["areaServed"] = partnership.area
    found["address"] = postal_address(contact.address, contact.postcode, skip=partnership.name)
    if contact.email:
        found["email"] = contact.email
    if contact.phone:
        found["telephone"] = contact.phone
    if contacts:
        found["contactPoint"] = [_contact_point(contact, name) for contact, name in contacts]
    if members or chairs or roles:
        found["member"] = (
            [_member(agency) for agency in members]
            + [_chair(partnership, chair, role) for chair, role in chairs]
            + [
                {"@type": "OrganizationRole", "roleName": role, "member": _member(agency)}
                for agency, role in roles
            ]
        )
    if bodies:
        found["subOrganization"] = [sub_organization(partnership, body) for body in bodies]
    found["inLanguage"] = language
    return found


def _contact_point(contact: Contact, name: str) -> dict[str, Any]:
    """A council's contact: its name, postal address, email, telephone and web page."""
    address = postal_address(contact.address, contact.postcode, skip=name)
    found: dict[str, Any] = {"@type": address.pop("@type"), "name": name, **address}
    if contact.email:
        found["email"] = contact.email
    if contact.phone:
        found["telephone"] = contact.phone
    if contact.web:
        found["url"] = text.clean_url(contact.web)
    return found


def _chair(partnership: Partnership, chair: Chair, role: str) -> dict[str, Any]:
    """A chair as a member with a role: who, from which agency, for which dates."""
    person: dict[str, Any] = {"@type": "Person"}
    if chair.name:
        person["name"] = chair.name
    if chair.office:
        person["jobTitle"] = chair.office
    if chair.agency is not None:
        person["affiliation"] = {
            "@type": "Organization",
            "name": partnership.agency(chair.agency).name,
        }
    found: dict[str, Any] = {"@type": "OrganizationRole", "roleName": role, "member": person}
    if chair.since is not None:
        found["startDate"] = chair.since.isoformat()
    if chair.until is not None:
        found["endDate"] = chair.until.isoformat()
    return found


def _member(agency: Agency) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "Organization", "name": agency.name}
    if agency.web:
        found["url"] = text.clean_url(agency.web)
    return found


def sub_organization(partnership: Partnership, body: Body) -> dict[str, Any]:
    """A body of the partnership as a schema.org Organization, its sub-groups nested in it.

    Nesting is the whole structure: schema.org's ``parentOrganization`` is the inverse of
    ``subOrganization``, so a sub-group inside its board's ``subOrganization`` already says it.
    A private body is there too (the structure is public), with nothing of its meetings.
    """
    found: dict[str, Any] = {"@type": "Organization", "name": body.name}
    if body.description:
        found["description"] = body.description
    children = partnership.children(body)
    if children:
        found["subOrganization"] = [sub_organization(partnership, child) for child in children]
    return found
