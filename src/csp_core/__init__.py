"""csp-core: model a UK Community Safety Partnership and publish what it does through plugins.

Load a partnership from its data files with :func:`load`, read it through the model classes,
and turn it back into plain data with :func:`dump`.
"""

from importlib.metadata import PackageNotFoundError, version

from csp_core.errors import CspError, DataError, InvalidModel, Problem
from csp_core.loading import dump, load
from csp_core.model import (
    EXEMPTION_PARAGRAPHS,
    STATUTORY_CLEAR_DAYS,
    AccessPolicy,
    Agency,
    AgendaItem,
    AnnualReview,
    Attendance,
    Availability,
    Body,
    BodyKind,
    CommunitySafetyPlan,
    Contact,
    Coordinates,
    Document,
    DocumentKind,
    LeadOfficer,
    Meeting,
    MeetingStatus,
    Membership,
    MinutesClock,
    Nation,
    Partnership,
    Period,
    Priority,
    PublicationPolicy,
    Questions,
    Reading,
    Recommendation,
    RecommendationKind,
    Revision,
    RevisionKind,
    Role,
    Sector,
    StrategicAssessment,
    Target,
    Venue,
)

try:
    __version__ = version("csp-core")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "EXEMPTION_PARAGRAPHS",
    "STATUTORY_CLEAR_DAYS",
    "AccessPolicy",
    "Agency",
    "AgendaItem",
    "AnnualReview",
    "Attendance",
    "Availability",
    "Body",
    "BodyKind",
    "CommunitySafetyPlan",
    "Contact",
    "Coordinates",
    "CspError",
    "DataError",
    "Document",
    "DocumentKind",
    "InvalidModel",
    "LeadOfficer",
    "Meeting",
    "MeetingStatus",
    "Membership",
    "MinutesClock",
    "Nation",
    "Partnership",
    "Period",
    "Priority",
    "Problem",
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
    "Venue",
    "__version__",
    "dump",
    "load",
]
