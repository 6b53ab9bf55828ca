"""CSV for spreadsheets: ``opendata/meetings.csv``, ``documents.csv`` and ``agencies.csv``.

RFC 4180: a header row, fields quoted when they hold a comma, a quote or a line break, quotes
doubled, records ended by CRLF.  UTF-8, by default after a byte order mark so that Excel reads
the letters right (option ``bom``).  Dates and moments in ISO 8601, booleans ``true`` /
``false``, an absent value an empty field.  One row per meeting, per document, per spell of
an agency's membership; columns in docs/opendata.md.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from csp_core import BuildContext, i18n, labels
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
    "AGENCY_COLUMNS",
    "DOCUMENT_COLUMNS",
    "MEETING_COLUMNS",
    "agencies",
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
