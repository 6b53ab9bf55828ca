"""The closed vocabularies of the model; file values are the enum values (kebab-case)."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "AccessPolicy",
    "ActionStatus",
    "Attendance",
    "Availability",
    "BodyKind",
    "ChairRole",
    "ChangeKind",
    "DecisionMethod",
    "DocumentKind",
    "InterestKind",
    "MeetingStatus",
    "MinutesClock",
    "Nation",
    "OnlineLink",
    "Presence",
    "RecommendationKind",
    "RevisionKind",
    "Role",
    "Sector",
]


class Nation(StrEnum):
    """The UK nation a partnership is in: it decides bank holidays and some statutory periods."""

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"


class Sector(StrEnum):
    """What kind of body an agency is."""

    COUNCIL = "council"
    POLICE = "police"
    FIRE_AND_RESCUE = "fire-and-rescue"
    PROBATION = "probation"
    HEALTH = "health"
    EDUCATION = "education"
    BUSINESS = "business"
    VOLUNTARY = "voluntary"
    OTHER = "other"


class Role(StrEnum):
    """How an agency takes part: a member, or someone who attends without being a member."""

    MEMBER = "member"
    ATTENDEE = "attendee"
    OBSERVER = "observer"


class BodyKind(StrEnum):
    """The partnership's board or one of its sub-groups."""

    BOARD = "board"
    SUB_GROUP = "sub-group"


class ChairRole(StrEnum):
    """Who leads a body's meetings: its chair, a vice-chair, or one of its co-chairs."""

    CHAIR = "chair"
    VICE_CHAIR = "vice-chair"
    CO_CHAIR = "co-chair"


class MeetingStatus(StrEnum):
    """Whether a meeting goes ahead as announced."""

    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"
    RESCHEDULED = "rescheduled"


class ChangeKind(StrEnum):
    """What a significant change to a meeting changed (calendar feeds raise SEQUENCE on each)."""

    TIME = "time"
    PLACE = "place"
    STATUS = "status"


class Attendance(StrEnum):
    """How people attend a meeting (schema.org eventAttendanceMode)."""

    IN_PERSON = "in-person"
    ONLINE = "online"
    MIXED = "mixed"


class OnlineLink(StrEnum):
    """A meeting's online links (:class:`~csp_core.Online`): to take part, to watch, afterwards."""

    JOIN = "join"
    WEBCAST = "webcast"
    RECORDING = "recording"


class DocumentKind(StrEnum):
    """What a document is; the publication rules key on it."""

    DRAFT_AGENDA = "draft-agenda"
    AGENDA = "agenda"
    REPORT = "report"
    MINUTES = "minutes"
    #: The list of background papers for a meeting's reports and the copies open to inspection
    #: (LGA 1972 s.100D(1); Scotland s.50D(1)): kept four years from the meeting.
    BACKGROUND_PAPERS = "background-papers"
    PLAN = "plan"
    STRATEGIC_ASSESSMENT = "strategic-assessment"
    ANNUAL_REVIEW = "annual-review"
    OTHER = "other"


MEETING_DOCUMENT_KINDS = frozenset(
    {
        DocumentKind.DRAFT_AGENDA,
        DocumentKind.AGENDA,
        DocumentKind.REPORT,
        DocumentKind.MINUTES,
        DocumentKind.BACKGROUND_PAPERS,
        DocumentKind.OTHER,
    }
)


class Availability(StrEnum):
    """How the public can get a document: a link, by asking, or not at all."""

    ONLINE = "online"
    ON_REQUEST = "on-request"
    WITHHELD = "withheld"


class RevisionKind(StrEnum):
    """What a later version of a published document did."""

    SUPPLEMENT = "supplement"
    CORRECTION = "correction"
    UPDATE = "update"
    WITHDRAWAL = "withdrawal"


class RecommendationKind(StrEnum):
    """What a strategic assessment recommends."""

    PRIORITY = "priority"
    INFORMATION_REQUIREMENT = "information-requirement"
    OTHER = "other"


class AccessPolicy(StrEnum):
    """Whether the access-to-information minimum (LGA 1972 Part VA and equivalents) binds.

    ``statutory``: it binds (a council committee); missing it is a breach.  ``voluntary``: the
    partnership follows it by choice (most CSPs); missing it is a warning.  ``none``: only the
    partnership's own timetable applies.
    """

    STATUTORY = "statutory"
    VOLUNTARY = "voluntary"
    NONE = "none"


class MinutesClock(StrEnum):
    """What the minutes deadline counts from: the meeting, or the next meeting that agrees them."""

    MEETING = "meeting"
    NEXT_MEETING = "next-meeting"


class Presence(StrEnum):
    """How someone was at a meeting, as its minutes record it (docs/data-files.md, "Record").

    ``present``, ``apologies`` (sent apologies), ``absent`` (neither), ``substitute`` (attends
    for a member, :attr:`~csp_core.Attendee.on_behalf_of`) and ``in-attendance`` (an officer or
    observer who is not a member: the Police and Crime Commissioner's office, a report's author).
    """

    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    SUBSTITUTE = "substitute"
    IN_ATTENDANCE = "in-attendance"


class InterestKind(StrEnum):
    """The kind of an interest declared at a meeting (docs/rules.md, "Declarations").

    ``disclosable-pecuniary``: defined by the Localism Act 2011 s.30 and the Relevant Authorities
    (Disclosable Pecuniary Interests) Regulations 2012 (SI 2012/1464); a member with one may not
    take part (s.31(4)).  ``other-registrable`` and ``non-registrable``: the categories of the
    Local Government Association's model code of conduct (2020).  ``other``: what a partnership
    of agencies records for officers and partners the code of conduct does not reach.
    """

    DISCLOSABLE_PECUNIARY = "disclosable-pecuniary"
    OTHER_REGISTRABLE = "other-registrable"
    NON_REGISTRABLE = "non-registrable"
    OTHER = "other"


class DecisionMethod(StrEnum):
    """How a decision was reached: agreed without a vote, by a vote, noted, or deferred."""

    AGREED = "agreed"
    VOTE = "vote"
    NOTED = "noted"
    DEFERRED = "deferred"


class ActionStatus(StrEnum):
    """Where an action of the action log stands; ``done`` and ``dropped`` close it."""

    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def closed(self) -> bool:
        """Whether the action is closed (done or dropped): it is carried no further."""
        return self in {ActionStatus.DONE, ActionStatus.DROPPED}
