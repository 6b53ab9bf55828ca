"""Documents and the history of their versions."""

from __future__ import annotations

import datetime as dt

import attrs

from csp_core.model import _checks
from csp_core.model._checks import fail, utc
from csp_core.model.enums import Availability, DocumentKind, RevisionKind

__all__ = ["Document", "Revision"]


@attrs.frozen(kw_only=True)
class Revision:
    """A later version of a published document: supplement, correction, update or withdrawal."""

    kind: RevisionKind
    published: dt.datetime = attrs.field(validator=_checks.aware)
    """When this version went public."""
    note: str = attrs.field(validator=_checks.text)
    """What changed, in a sentence the public can read ("Corrected figures in table 2")."""
    url: str | None = attrs.field(default=None, validator=_checks.link)
    """Where this version is, if not at the document's own address."""
    sha256: str | None = attrs.field(default=None, validator=_checks.sha256)
    urgency: str | None = attrs.field(default=None, validator=_checks.text)
    """For a supplement adding an item after the agenda deadline: the chair's reason for
    considering it as a matter of urgency, as stated in the minutes (LGA 1972 s.100B(4)(b)).
    It is then due on the day it was published rather than with the agenda."""

    def __attrs_post_init__(self) -> None:
        if self.urgency is not None and self.kind is not RevisionKind.SUPPLEMENT:
            fail("urgency", "only a supplement (an item added to the agenda) can be urgent")


@attrs.frozen(kw_only=True)
class Document:
    """Something the partnership publishes: an agenda, a report, minutes, a plan.

    The document's own ``published`` moment is its first publication; ``revisions`` lists every
    later version in time order, so the history of what went public, and when, is kept.  A
    meeting's draft agenda is superseded by the meeting's agenda without any link between them.
    """

    id: str = attrs.field(validator=_checks.slug)
    kind: DocumentKind
    title: str = attrs.field(validator=_checks.text)
    url: str | None = attrs.field(default=None, validator=_checks.link)
    """An http(s) address, or a path relative to the data folder."""
    published: dt.datetime | None = attrs.field(default=None, validator=_checks.aware)
    """When it first went public; ``None`` while it is not yet published."""
    availability: Availability = Availability.ONLINE
    """How the public gets it, as declared; the rules may move old documents to on request."""
    sha256: str | None = attrs.field(default=None, validator=_checks.sha256)
    revisions: tuple[Revision, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.revisions and self.published is None:
            fail("published", "a document with revisions must say when it was first published")
        previous = self.published
        for index, revision in enumerate(self.revisions):
            if previous is not None and utc(revision.published) < utc(previous):
                fail(
                    f"revisions[{index}].published",
                    "is earlier than the version before it: list revisions in time order",
                )
            if index and self.revisions[index - 1].kind is RevisionKind.WITHDRAWAL:
                fail(f"revisions[{index}]", "comes after the document was withdrawn")
            previous = revision.published
        if (
            self.availability is Availability.ONLINE
            and self.published is not None
            and self.url is None
        ):
            fail("url", "an online document needs a url (or set availability to 'on-request')")

    def withdrawn_at(self) -> dt.datetime | None:
        """When the document was withdrawn, if it was."""
        for revision in self.revisions:
            if revision.kind is RevisionKind.WITHDRAWAL:
                return revision.published
        return None

    def is_published_at(self, moment: dt.datetime) -> bool:
        """Whether the document had been published by ``moment`` (withdrawn ones included)."""
        return self.published is not None and utc(self.published) <= utc(moment)

    def current_url(self, moment: dt.datetime) -> str | None:
        """The address of the newest version public at ``moment``."""
        url = self.url
        for revision in self.revisions:
            if utc(revision.published) <= utc(moment) and revision.url is not None:
                url = revision.url
        return url
