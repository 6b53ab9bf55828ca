"""What every file of the open data shares: ids, moments, dates, texts, addresses, links."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

import attrs

from csp_core import BuildContext, Document, Meeting, Partnership, text

__all__ = [
    "CSV_MEDIA_TYPE",
    "FEED_MEDIA_TYPE",
    "JSON_MEDIA_TYPE",
    "Published",
    "clean",
    "drop_none",
    "dump_json",
    "event_id",
    "iso_date",
    "iso_moment",
    "link",
    "local",
    "ocd_status",
    "public_documents",
    "uid",
]

JSON_MEDIA_TYPE = "application/json"
FEED_MEDIA_TYPE = "application/feed+json"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8; header=present"

#: OCD Event ``status`` of a meeting that does not go ahead as announced.
_NOT_AHEAD = "cancelled"


def uid(partnership: Partnership, kind: str, *parts: str) -> str:
    """A stable id: ``cambridge/body/board``; the partnership's own id is ``cambridge``.

    Every id starts with the partnership's id, so ids stay unique when the open data of
    several partnerships is joined (a county's).
    """
    return "/".join((partnership.id, kind, *parts))


def event_id(partnership: Partnership, meeting: Meeting) -> str:
    """The id of a meeting's event: ``cambridge/meeting/2019-10-17``."""
    return uid(partnership, "meeting", meeting.id)


def local(moment: dt.datetime, partnership: Partnership) -> dt.datetime:
    """``moment`` in the partnership's time zone; in UTC when its offset has seconds."""
    shown = moment.astimezone(partnership.timezone)
    offset = shown.utcoffset()
    if offset is not None and offset % dt.timedelta(minutes=1):
        return moment.astimezone(dt.UTC)
    return shown


def iso_moment(moment: dt.datetime | None, partnership: Partnership) -> str | None:
    """RFC 3339 / ISO 8601 with the offset, in the partnership's time zone; ``None`` stays."""
    return None if moment is None else local(moment, partnership).isoformat()


def iso_date(day: dt.date | None) -> str | None:
    """``2019-10-17``; ``None`` stays."""
    return None if day is None else day.isoformat()


def clean(value: str | None) -> str | None:
    """A text as every publisher writes it (:func:`csp_core.text.clean`); ``None`` stays."""
    return None if value is None else text.clean(value)


def link(context: BuildContext, address: str | None) -> str | None:
    """An address from the data: absolute when it can be, else the path as given, escaped."""
    if address is None:
        return None
    return text.clean_url(context.link(address) or address)


def ocd_status(meeting: Meeting, at: dt.datetime, goes_ahead: bool) -> str:
    """The Open Civic Data Event status: ``confirmed``, ``passed`` or ``cancelled``.

    A meeting that does not go ahead (``PublicView.goes_ahead``: cancelled or postponed) is
    ``cancelled``; one that does (as scheduled, or moved to its new time) has ``passed`` once
    it has started at the view's instant, and is ``confirmed`` before.
    """
    if not goes_ahead:
        return _NOT_AHEAD
    return "passed" if meeting.start <= at else "confirmed"


@attrs.frozen
class Published:
    """A public document with what owns it."""

    owner_kind: str
    """``meeting``, ``plan``, ``assessment`` or ``annual-review``."""
    owner: str
    """The owner's id."""
    document: Document


def public_documents(partnership: Partnership) -> list[Published]:
    """Every document of the public copy, by id, with its owner (a meeting, plan, ...)."""
    found: list[Published] = []
    for meeting in partnership.meetings:
        found += [Published("meeting", meeting.id, d) for d in meeting.documents]
    for plan in partnership.plans:
        found += [Published("plan", plan.id, d) for d in plan.documents]
    for assessment in partnership.assessments:
        found += [Published("assessment", assessment.id, d) for d in assessment.documents]
    for review in partnership.annual_reviews:
        if review.document is not None:
            found.append(Published("annual-review", review.id, review.document))
    return sorted(found, key=lambda item: (item.document.id, item.owner_kind, item.owner))


def dump_json(value: Any) -> bytes:
    """JSON as every file of this publisher writes it: UTF-8, two spaces, LF, a final LF.

    Non-ASCII letters are written as they are (``ensure_ascii`` off): the files are UTF-8.
    """
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def drop_none(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """An object of the pairs whose value is not ``None``."""
    return {key: value for key, value in pairs if value is not None}
