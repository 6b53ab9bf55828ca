"""The partnership model: frozen, keyword-only attrs classes that check their own invariants."""

from csp_core.model.agencies import Agency, Membership
from csp_core.model.documents import Document, Revision
from csp_core.model.enums import (
    AccessPolicy,
    Attendance,
    Availability,
    BodyKind,
    ChangeKind,
    DocumentKind,
    MeetingStatus,
    MinutesClock,
    Nation,
    RecommendationKind,
    RevisionKind,
    Role,
    Sector,
)
from csp_core.model.meetings import AgendaItem, Body, Meeting, MeetingChange, Questions
from csp_core.model.partnership import (
    ACCESS_LAW,
    EXEMPT_INFORMATION,
    EXEMPTION_PARAGRAPHS,
    AccessLaw,
    ExemptInformation,
    Partnership,
)
from csp_core.model.places import Contact, Coordinates, Venue
from csp_core.model.plans import (
    AnnualReview,
    CommunitySafetyPlan,
    LeadOfficer,
    Period,
    Priority,
    Reading,
    Recommendation,
    StrategicAssessment,
    Target,
)
from csp_core.model.policy import STATUTORY_CLEAR_DAYS, PublicationPolicy
from csp_core.model.texts import PartnershipTexts
from csp_core.model.translations import Text, language_of

__all__ = [
    "ACCESS_LAW",
    "EXEMPTION_PARAGRAPHS",
    "EXEMPT_INFORMATION",
    "STATUTORY_CLEAR_DAYS",
    "AccessLaw",
    "AccessPolicy",
    "Agency",
    "AgendaItem",
    "AnnualReview",
    "Attendance",
    "Availability",
    "Body",
    "BodyKind",
    "ChangeKind",
    "CommunitySafetyPlan",
    "Contact",
    "Coordinates",
    "Document",
    "DocumentKind",
    "ExemptInformation",
    "LeadOfficer",
    "Meeting",
    "MeetingChange",
    "MeetingStatus",
    "Membership",
    "MinutesClock",
    "Nation",
    "Partnership",
    "PartnershipTexts",
    "Period",
    "Priority",
    "PublicationPolicy",
    "Questions",
    "Reading",
    "Recommendation",
    "RecommendationKind",
    "Revision",
    "RevisionKind",
    "Role",
    "Sector",
    "StrategicAssessment",
    "Target",
    "Text",
    "Venue",
    "language_of",
]
