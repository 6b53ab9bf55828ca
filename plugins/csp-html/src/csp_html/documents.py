"""A published document as every page lists it: its link, or how to ask for it.

The public view has already decided which documents are shown, which version is current and
whether each is online or on request; an entry only puts that into the pages' words.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
from csp_core import Availability, Document, PublicView, Revision, dates, i18n, labels

from csp_html import words
from csp_html.links import mailto

__all__ = ["DocumentEntry", "RevisionEntry", "document_entries", "document_entry"]


@attrs.frozen(kw_only=True)
class RevisionEntry:
    """A later version of a document: 'Correction, 16 October 2018: Corrected figures'."""

    kind: str
    on: str
    iso: str
    note: str
    path: str | None
    """Where this version is, when it has its own address and the document is online."""
    urgency: str | None = None
    """For a supplement taken as urgent business: the sentence giving the chair's reason."""


@attrs.frozen(kw_only=True)
class DocumentEntry:
    """A published document and how the public gets it."""

    document: Document
    title: str
    kind: str
    """'Agenda', 'Minutes', ..."""
    path: str | None
    """Where the newest public version is, when it is online."""
    on_request: bool
    """Available on request (no link)."""
    request: str | None
    """A ``mailto:`` link to ask for it, when the partnership has a contact email."""
    published: str | None
    """'Wednesday 9 October 2019'."""
    published_iso: str | None
    revisions: tuple[RevisionEntry, ...]


def document_entry(view: PublicView, document: Document) -> DocumentEntry:
    """How the public gets ``document``: a link, or on request."""
    zone = view.partnership.timezone
    language = words.language(view)
    on_request = document.availability is Availability.ON_REQUEST
    email = view.partnership.contact.email
    published = dates.local_day(document.published, zone) if document.published else None
    return DocumentEntry(
        document=document,
        title=document.title,
        kind=words.document_kind(view.partnership, document.kind, language),
        path=None if on_request else document.current_url(view.at),
        on_request=on_request,
        request=(
            mailto(email, words.request_subject(document.title, language))
            if on_request and email
            else None
        ),
        published=dates.long_date(published, language) if published else None,
        published_iso=published.isoformat() if published else None,
        revisions=tuple(
            _revision(view, revision, language, online=not on_request)
            for revision in document.revisions
        ),
    )


def _revision(
    view: PublicView, revision: Revision, language: i18n.Language, *, online: bool
) -> RevisionEntry:
    day = dates.local_day(revision.published, view.partnership.timezone)
    return RevisionEntry(
        kind=labels.label(revision.kind, language),
        on=dates.long_date(day, language),
        iso=day.isoformat(),
        note=revision.note,
        path=revision.url if online else None,
        urgency=labels.urgency(revision.urgency, language) if revision.urgency else None,
    )


def document_entries(view: PublicView, documents: Iterable[Document]) -> tuple[DocumentEntry, ...]:
    """Entries for ``documents``, in their order."""
    return tuple(document_entry(view, document) for document in documents)
