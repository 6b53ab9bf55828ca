"""CSV for spreadsheets: meetings, documents, agencies, decisions, attendance and actions.

RFC 4180: a header row, fields quoted when they hold a comma, a quote or a line break, quotes
doubled, records ended by CRLF.  UTF-8, by default after a byte order mark so that Excel reads
the letters right (option ``bom``).  Dates and moments in ISO 8601, booleans ``true`` /
``false``, an absent value an empty field.  One row per meeting, per document, per spell of
an agency's membership, per decision and per attendee of a public record, per public action;
columns in docs/opendata.md.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from csp_core import AgendaItem, BuildContext, Meeting, MeetingRecord, PublicView, i18n, labels
from csp_opendata.common import (
    clean,
    iso_date,
    iso_moment,
    link,
    ocd_status,
    public_documents,
)
from csp_opendata.options import OpendataOptions

__all__ = [
    "ACTION_COLUMNS",
    "AGENCY_COLUMNS",
    "ATTENDANCE_COLUMNS",
    "DECISION_COLUMNS",
    "DOCUMENT_COLUMNS",
    "MEETING_COLUMNS",
    "actions",
    "agencies",
    "attendance",
    "decisions",
    "documents",
    "meetings",
]

MEETING_COLUMNS = (
    "id",
    "body",
    "body_name",
    "title",
    "start",
    "end",
    "timezone",
    "status",
    "status_label",
    "ocd_status",
    "status_note",
    "attendance",
    "attendance_label",
    "venue",
    "address",
    "postcode",
    "latitude",
    "longitude",
    "join_url",
    "webcast_url",
    "recording_url",
    "agenda_items",
    "documents",
    "updated",
)
DOCUMENT_COLUMNS = (
    "id",
    "owner_kind",
    "owner",
    "kind",
    "kind_label",
    "title",
    "published",
    "availability",
    "availability_label",
    "url",
    "revisions",
)
AGENCY_COLUMNS = (
    "id",
    "name",
    "short_name",
    "sector",
    "sector_label",
    "responsible_authority",
    "lead",
    "secretariat",
    "role",
    "role_label",
    "since",
    "until",
    "web",
)
DECISION_COLUMNS = (
    "meeting",
    "body",
    "start",
    "record",
    "order",
    "item",
    "item_title",
    "exempt",
    "method",
    "method_label",
    "resolution",
    "in_favour",
    "against",
    "abstentions",
)
ATTENDANCE_COLUMNS = (
    "meeting",
    "body",
    "start",
    "record",
    "name",
    "agency",
    "agency_name",
    "role",
    "presence",
    "presence_label",
    "on_behalf_of",
)
ACTION_COLUMNS = (
    "id",
    "title",
    "raised",
    "item",
    "owner_agency",
    "owner_agency_name",
    "owner_role",
    "due",
    "status",
    "status_label",
    "overdue",
    "updates",
    "last_update_meeting",
    "last_update_note",
)

Cell = str | int | float | bool | None


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def table(
    columns: Sequence[str], rows: Iterable[Sequence[Cell]], settings: OpendataOptions
) -> bytes:
    """The CSV bytes of ``rows`` under a header of ``columns``."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    data = out.getvalue().encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if settings.bom else data


def meetings(context: BuildContext, language: i18n.Language) -> list[list[Cell]]:
    """One row per public meeting, in time order (ties by id)."""
    view = context.view
    partnership = view.partnership
    rows: list[list[Cell]] = []
    ordered = sorted(view.meetings(), key=lambda m: (m.start.timestamp(), m.id))
    for meeting in ordered:
        body = partnership.body(meeting.body)
        venue = meeting.venue
        links = dict(meeting.online.links()) if meeting.online is not None else {}
        online = {kind.value: address for kind, address in links.items()}
        coordinates = None if venue is None else venue.coordinates
        rows.append(
            [
                meeting.id,
                body.id,
                clean(body.name),
                clean(meeting.title),
                iso_moment(meeting.start, partnership),
                iso_moment(meeting.end, partnership),
                partnership.timezone.key,
                meeting.status.value,
                labels.label(meeting.status, language),
                ocd_status(meeting, view.at, view.goes_ahead(meeting)),
                clean(meeting.status_note),
                meeting.attendance.value,
                labels.label(meeting.attendance, language),
                None if venue is None else clean(venue.name),
                None if venue is None else clean(", ".join(venue.address)),
                None if venue is None else venue.postcode,
                None if coordinates is None else coordinates.latitude,
                None if coordinates is None else coordinates.longitude,
                link(context, online.get("join")),
                link(context, online.get("webcast")),
                link(context, online.get("recording")),
                len(meeting.agenda),
                len(meeting.documents),
                iso_moment(view.modified(meeting), partnership),
            ]
        )
    return rows


def documents(context: BuildContext, language: i18n.Language) -> list[list[Cell]]:
    """One row per public document (of a meeting, a plan, an assessment, a review), by id."""
    partnership = context.view.partnership
    return [
        [
            item.document.id,
            item.owner_kind,
            item.owner,
            item.document.kind.value,
            labels.label(item.document.kind, language),
            clean(item.document.title),
            iso_moment(item.document.published, partnership),
            item.document.availability.value,
            labels.label(item.document.availability, language),
            link(context, item.document.url),
            len(item.document.revisions),
        ]
        for item in public_documents(partnership)
    ]


def agencies(context: BuildContext, language: i18n.Language) -> list[list[Cell]]:
    """One row per spell of an agency's membership, agencies by id, spells in date order."""
    partnership = context.view.partnership
    rows: list[list[Cell]] = []
    for agency in sorted(partnership.agencies, key=lambda a: a.id):
        for spell in agency.memberships:
            rows.append(
                [
                    agency.id,
                    clean(agency.name),
                    clean(agency.short_name),
                    agency.sector.value,
                    labels.label(agency.sector, language),
                    agency.responsible_authority,
                    agency.id in partnership.leads,
                    agency.id == partnership.secretariat,
                    spell.role.value,
                    labels.label(spell.role, language),
                    iso_date(spell.since),
                    iso_date(spell.until),
                    None if agency.web is None else link(context, agency.web),
                ]
            )
    return rows


def _with_records(view: PublicView) -> list[tuple[Meeting, MeetingRecord]]:
    """The meetings with a public record, each with it, by start (ties by id)."""
    found = [(m, m.record) for m in view.meetings() if m.record is not None]
    return sorted(found, key=lambda pair: (pair[0].start.timestamp(), pair[0].id))


def _agreed(view: PublicView, meeting: Meeting) -> str:
    return "agreed" if view.minutes_agreed(meeting) else "draft"


def decisions(context: BuildContext, language: i18n.Language) -> list[list[Cell]]:
    """One row per decision of a public record: meetings by start, decisions in record order.

    An exempt item's decision has its item and method only (the public view's rule).
    """
    view = context.view
    partnership = view.partnership
    rows: list[list[Cell]] = []
    for meeting, record in _with_records(view):
        items: dict[str, AgendaItem] = {}
        for agenda_item in meeting.agenda:
            if agenda_item.number is not None:
                items.setdefault(agenda_item.number, agenda_item)
        for order, decision in enumerate(record.decisions, start=1):
            item = items.get(decision.item)
            votes = decision.votes
            rows.append(
                [
                    meeting.id,
                    meeting.body,
                    iso_moment(meeting.start, partnership),
                    _agreed(view, meeting),
                    order,
                    clean(decision.item),
                    None if item is None else clean(item.title),
                    any(i.exempt and i.number == decision.item for i in meeting.agenda),
                    decision.method.value,
                    labels.label(decision.method, language),
                    clean(decision.resolution),
                    None if votes is None else votes.in_favour,
                    None if votes is None else votes.against,
                    None if votes is None else votes.abstentions,
                ]
            )
    return rows


def attendance(context: BuildContext, language: i18n.Language) -> list[list[Cell]]:
    """One row per person a public record's attendance lists, in the record's order."""
    view = context.view
    partnership = view.partnership
    names = {agency.id: agency.name for agency in partnership.agencies}
    rows: list[list[Cell]] = []
    for meeting, record in _with_records(view):
        rows += [
            [
                meeting.id,
                meeting.body,
                iso_moment(meeting.start, partnership),
                _agreed(view, meeting),
                clean(attendee.name),
                attendee.agency,
                None if attendee.agency is None else clean(names.get(attendee.agency)),
                clean(attendee.role),
                attendee.presence.value,
                labels.label(attendee.presence, language),
                clean(attendee.on_behalf_of),
            ]
            for attendee in record.attendance
        ]
    return rows


def actions(context: BuildContext, language: i18n.Language) -> list[list[Cell]]:
    """One row per action of the public log, as it stands at the instant, in the log's order."""
    view = context.view
    names = {agency.id: agency.name for agency in view.partnership.agencies}
    rows: list[list[Cell]] = []
    for state in view.actions():
        action = state.action
        last = action.updates[-1] if action.updates else None
        rows.append(
            [
                action.id,
                clean(action.title),
                action.raised,
                clean(action.item),
                action.owner_agency,
                None if action.owner_agency is None else clean(names.get(action.owner_agency)),
                clean(action.owner_role),
                iso_date(action.due),
                state.status.value,
                labels.label(state.status, language),
                state.overdue,
                len(action.updates),
                None if last is None else last.meeting,
                None if last is None else clean(last.note),
            ]
        )
    return rows
