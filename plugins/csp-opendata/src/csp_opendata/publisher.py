"""The ``opendata`` publisher: the public view as open data, in JSON, CSV and JSON Feed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from csp_core import BuildContext, Option, OutputFile, i18n
from csp_opendata import feed, popolo, tables
from csp_opendata.common import CSV_MEDIA_TYPE, FEED_MEDIA_TYPE, JSON_MEDIA_TYPE, dump_json
from csp_opendata.options import OPTIONS, OpendataOptions

__all__ = ["CATALOGUE", "OpendataPublisher", "words"]

POPOLO = "opendata/popolo.json"
MEETINGS = "opendata/meetings.csv"
DOCUMENTS = "opendata/documents.csv"
AGENCIES = "opendata/agencies.csv"
DECISIONS = "opendata/decisions.csv"
ATTENDANCE = "opendata/attendance.csv"
ACTIONS = "opendata/actions.csv"
FEED = "opendata/feed.json"

CATALOGUE = i18n.Catalogue("csp_opendata", "csp_opendata")
"""The plugin's own messages: ``csp_opendata/locale/<locale>/LC_MESSAGES/csp_opendata.mo``."""


def words(context: BuildContext) -> i18n.Language:
    """The language of the view, with the plugin's catalogue in front of the core's."""
    return i18n.language(context.view.language.tag, CATALOGUE)


@attrs.frozen
class OpendataPublisher:
    """The public view as open data: Popolo JSON, CSV tables and a JSON Feed.

    Everything comes from the public view, so nothing private, withheld, exempt or not yet
    public can reach it; the same view and options always give the same bytes.
    """

    name: str = "opendata"
    description: str = (
        "open data: Popolo / Open Civic Data JSON, CSV of meetings, documents, agencies, "
        "decisions, attendance and actions, JSON Feed"
    )
    outputs: tuple[str, ...] = (
        POPOLO,
        MEETINGS,
        DOCUMENTS,
        AGENCIES,
        DECISIONS,
        ATTENDANCE,
        ACTIONS,
        FEED,
    )
    options: tuple[Option[Any], ...] = OPTIONS

    def render(self, context: BuildContext) -> Iterator[OutputFile]:
        """Render the eight files, in every language the same paths (the core adds ``cy/``).

        Args:
            context: the public view, this publisher's options and the base URL.

        Yields:
            ``opendata/popolo.json``, the six CSV files and ``opendata/feed.json``.
        """
        settings = OpendataOptions.of(context)
        language = words(context)
        document = popolo.popolo(context, settings, language)
        yield OutputFile(
            path=POPOLO,
            content=dump_json(document),
            media_type=JSON_MEDIA_TYPE,
            items=len(document["events"]),
        )
        for path, columns, rows in (
            (MEETINGS, tables.MEETING_COLUMNS, tables.meetings(context, language)),
            (DOCUMENTS, tables.DOCUMENT_COLUMNS, tables.documents(context, language)),
            (AGENCIES, tables.AGENCY_COLUMNS, tables.agencies(context, language)),
            (DECISIONS, tables.DECISION_COLUMNS, tables.decisions(context, language)),
            (ATTENDANCE, tables.ATTENDANCE_COLUMNS, tables.attendance(context, language)),
            (ACTIONS, tables.ACTION_COLUMNS, tables.actions(context, language)),
        ):
            yield OutputFile(
                path=path,
                content=tables.table(columns, rows, settings),
                media_type=CSV_MEDIA_TYPE,
                items=len(rows),
            )
        news = feed.feed(context, settings, language, FEED)
        yield OutputFile(
            path=FEED, content=dump_json(news), media_type=FEED_MEDIA_TYPE, items=len(news["items"])
        )
