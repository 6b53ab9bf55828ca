"""csp-core: model a UK Community Safety Partnership and publish what it does through plugins.

Load a partnership from its data files with :func:`load`, read it through the model classes,
and turn it back into plain data with :func:`dump`.  Plugins import everything they use from
here: the publisher and checker contracts, the public view and the rules' types.
"""

from importlib import metadata
from typing import TYPE_CHECKING

from csp_core.errors import (
    BuildError,
    CspError,
    DataError,
    InvalidModel,
    OptionError,
    OutputError,
    PluginError,
    Problem,
    PublisherError,
)
from csp_core.hookspecs import hookimpl
from csp_core.loading import dump, load
from csp_core.model import (
    ACCESS_LAW,
    EXEMPT_INFORMATION,
    EXEMPTION_PARAGRAPHS,
    STATUTORY_CLEAR_DAYS,
    AccessLaw,
    AccessPolicy,
    Agency,
    AgendaItem,
    AnnualReview,
    Attendance,
    Availability,
    Body,
    BodyKind,
    Chair,
    ChairRole,
    ChangeKind,
    CommunitySafetyPlan,
    Contact,
    Coordinates,
    Document,
    DocumentKind,
    ExemptInformation,
    LeadOfficer,
    Meeting,
    MeetingChange,
    MeetingStatus,
    Membership,
    MinutesClock,
    Nation,
    Occurrence,
    Online,
    OnlineLink,
    Partnership,
    PartnershipTexts,
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
    Series,
    SeriesLink,
    StrategicAssessment,
    Target,
    Text,
    Venue,
    language_of,
)

if TYPE_CHECKING:
    __version__: str
    """The installed csp-core's version (``0+unknown`` when it is not installed)."""
else:

    def __getattr__(name: str) -> str:
        """``__version__``, read from the distribution's metadata when first asked for.

        Not at import: finding a distribution's metadata searches ``sys.path``, and
        ``import csp_core`` stays fast (``csp --version`` asks, ``import csp_core`` does not).
        """
        if name != "__version__":
            msg = f"module {__name__!r} has no attribute {name!r}"
            raise AttributeError(msg)
        try:
            found = metadata.version("csp-core")
        except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
            found = "0+unknown"
        globals()[name] = found
        return found


from csp_core import dates, i18n, labels, text
from csp_core.build import BuildResult, build_many
from csp_core.checkers import CheckedFile, Checker, media_type_essence
from csp_core.combining import CombinedContext
from csp_core.county import load_many
from csp_core.extending import Command, DataCheck, DataProblem
from csp_core.options import (
    DEFAULT_TAG_AUTHORITY,
    parse_duration,
    parse_flag,
    parse_meeting_page,
    parse_tag_authority,
)
from csp_core.public import FLOOR, LapsedDuty, PublicView, Stamp, public_view
from csp_core.publishing import (
    BuildContext,
    Option,
    OutputFile,
    Publisher,
    language_prefix,
    parse_options,
)
from csp_core.rules import (
    Duty,
    DutyKind,
    DutyState,
    Event,
    EventKind,
    PlanStanding,
    Severity,
    Standing,
    in_force_until,
    plan_in_force,
    plans_in_force,
)
from csp_core.schema import data_schema, schema_text

#: The version of the plugin API: everything this module exports for plugins (the publisher,
#: checker, data-check and command contracts, options, the public view and the helpers for
#: reading it).  The major number changes when something a plugin may rely on changes or goes
#: away; the minor number when something is added.  A plugin can refuse to load with
#: ``if csp_core.PLUGIN_API_VERSION[0] != 2: raise ImportError(...)``.  See docs/plugins.md.
PLUGIN_API_VERSION = (2, 3)

__all__ = [
    "ACCESS_LAW",
    "DEFAULT_TAG_AUTHORITY",
    "EXEMPTION_PARAGRAPHS",
    "EXEMPT_INFORMATION",
    "FLOOR",
    "PLUGIN_API_VERSION",
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
    "BuildContext",
    "BuildError",
    "BuildResult",
    "Chair",
    "ChairRole",
    "ChangeKind",
    "CheckedFile",
    "Checker",
    "CombinedContext",
    "Command",
    "CommunitySafetyPlan",
    "Contact",
    "Coordinates",
    "CspError",
    "DataCheck",
    "DataError",
    "DataProblem",
    "Document",
    "DocumentKind",
    "Duty",
    "DutyKind",
    "DutyState",
    "Event",
    "EventKind",
    "ExemptInformation",
    "InvalidModel",
    "LapsedDuty",
    "LeadOfficer",
    "Meeting",
    "MeetingChange",
    "MeetingStatus",
    "Membership",
    "MinutesClock",
    "Nation",
    "Occurrence",
    "Online",
    "OnlineLink",
    "Option",
    "OptionError",
    "OutputError",
    "OutputFile",
    "Partnership",
    "PartnershipTexts",
    "Period",
    "PlanStanding",
    "PluginError",
    "Priority",
    "Problem",
    "PublicView",
    "PublicationPolicy",
    "Publisher",
    "PublisherError",
    "Questions",
    "Reading",
    "Recommendation",
    "RecommendationKind",
    "Revision",
    "RevisionKind",
    "Role",
    "Sector",
    "Series",
    "SeriesLink",
    "Severity",
    "Stamp",
    "Standing",
    "StrategicAssessment",
    "Target",
    "Text",
    "Venue",
    "__version__",
    "build_many",
    "data_schema",
    "dates",
    "dump",
    "hookimpl",
    "i18n",
    "in_force_until",
    "labels",
    "language_of",
    "language_prefix",
    "load",
    "load_many",
    "media_type_essence",
    "parse_duration",
    "parse_flag",
    "parse_meeting_page",
    "parse_options",
    "parse_tag_authority",
    "plan_in_force",
    "plans_in_force",
    "public_view",
    "schema_text",
    "text",
]
