"""csp-core: model a UK Community Safety Partnership and publish what it does through plugins.

Load a partnership from its data files with :func:`load`, read it through the model classes,
and turn it back into plain data with :func:`dump`.  Plugins import everything they use from
here: the publisher and checker contracts, the public view and the rules' types.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from csp_core import dates, i18n, labels, text
    from csp_core.build import BuildResult, build_many
    from csp_core.checkers import CheckedFile, Checker, media_type_essence
    from csp_core.combining import CombinedContext
    from csp_core.county import load_many
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
    from csp_core.extending import Command, DataCheck, DataProblem
    from csp_core.hookspecs import hookimpl
    from csp_core.loading import dump, load
    from csp_core.model import (
        ACCESS_LAW,
        EXEMPT_INFORMATION,
        EXEMPTION_PARAGRAPHS,
        STATUTORY_CLEAR_DAYS,
        AccessLaw,
        AccessPolicy,
        Action,
        ActionStatus,
        ActionUpdate,
        Agency,
        AgendaItem,
        AnnualReview,
        Attendance,
        Attendee,
        Availability,
        Body,
        BodyKind,
        Chair,
        ChairRole,
        ChangeKind,
        CommunitySafetyPlan,
        Contact,
        Coordinates,
        Decision,
        DecisionMethod,
        Declaration,
        Document,
        DocumentKind,
        ExemptInformation,
        InterestKind,
        LeadOfficer,
        Meeting,
        MeetingChange,
        MeetingRecord,
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
        Presence,
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
        Votes,
        language_of,
    )
    from csp_core.options import (
        DEFAULT_TAG_AUTHORITY,
        parse_duration,
        parse_flag,
        parse_meeting_page,
        parse_tag_authority,
    )
    from csp_core.public import FLOOR, ActionState, LapsedDuty, PublicView, Stamp, public_view
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

    __version__: str
    """The installed csp-core's version (``0+unknown`` when it is not installed)."""

#: Where each name of the API is defined.  ``import csp_core`` imports none of these modules:
#: the first ``csp_core.X`` (or ``from csp_core import X``) imports X's module (PEP 562), so a
#: command that needs only some of the core (``csp --version``, ``csp plugins``) never pays for
#: the rest, and the publishers' heavy libraries load only when they render (docs/performance.md,
#: "Start-up").  ``dates``, ``i18n``, ``labels`` and ``text`` are the submodules themselves.
_DEFINED_IN: dict[str, tuple[str, ...]] = {
    "csp_core.build": ("BuildResult", "build_many"),
    "csp_core.checkers": ("CheckedFile", "Checker", "media_type_essence"),
    "csp_core.combining": ("CombinedContext",),
    "csp_core.county": ("load_many",),
    "csp_core.errors": (
        "BuildError",
        "CspError",
        "DataError",
        "InvalidModel",
        "OptionError",
        "OutputError",
        "PluginError",
        "Problem",
        "PublisherError",
    ),
    "csp_core.extending": ("Command", "DataCheck", "DataProblem"),
    "csp_core.hookspecs": ("hookimpl",),
    "csp_core.loading": ("dump", "load"),
    "csp_core.model": (
        "ACCESS_LAW",
        "EXEMPT_INFORMATION",
        "EXEMPTION_PARAGRAPHS",
        "STATUTORY_CLEAR_DAYS",
        "AccessLaw",
        "AccessPolicy",
        "Action",
        "ActionStatus",
        "ActionUpdate",
        "Agency",
        "AgendaItem",
        "AnnualReview",
        "Attendance",
        "Attendee",
        "Availability",
        "Body",
        "BodyKind",
        "Chair",
        "ChairRole",
        "ChangeKind",
        "CommunitySafetyPlan",
        "Contact",
        "Coordinates",
        "Decision",
        "DecisionMethod",
        "Declaration",
        "Document",
        "DocumentKind",
        "ExemptInformation",
        "InterestKind",
        "LeadOfficer",
        "Meeting",
        "MeetingChange",
        "MeetingRecord",
        "MeetingStatus",
        "Membership",
        "MinutesClock",
        "Nation",
        "Occurrence",
        "Online",
        "OnlineLink",
        "Partnership",
        "PartnershipTexts",
        "Period",
        "Presence",
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
        "Series",
        "SeriesLink",
        "StrategicAssessment",
        "Target",
        "Text",
        "Venue",
        "Votes",
        "language_of",
    ),
    "csp_core.options": (
        "DEFAULT_TAG_AUTHORITY",
        "parse_duration",
        "parse_flag",
        "parse_meeting_page",
        "parse_tag_authority",
    ),
    "csp_core.public": ("FLOOR", "ActionState", "LapsedDuty", "PublicView", "Stamp", "public_view"),
    "csp_core.publishing": (
        "BuildContext",
        "Option",
        "OutputFile",
        "Publisher",
        "language_prefix",
        "parse_options",
    ),
    "csp_core.rules": (
        "Duty",
        "DutyKind",
        "DutyState",
        "Event",
        "EventKind",
        "PlanStanding",
        "Severity",
        "Standing",
        "in_force_until",
        "plan_in_force",
        "plans_in_force",
    ),
    "csp_core.schema": ("data_schema", "schema_text"),
}
_MODULE_OF = {name: module for module, names in _DEFINED_IN.items() for name in names}
_SUBMODULES = frozenset({"dates", "i18n", "labels", "text"})

if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        """A name of the API, imported from its module when first asked for (PEP 562).

        ``__version__`` is read from the distribution's metadata then, never at import:
        finding a distribution's metadata searches ``sys.path`` (``csp --version`` asks,
        ``import csp_core`` does not).
        """
        if name == "__version__":
            value: object = _version()
        elif name in _SUBMODULES:
            value = importlib.import_module(f"{__name__}.{name}")
        elif name in _MODULE_OF:
            value = getattr(importlib.import_module(_MODULE_OF[name]), name)
        else:
            msg = f"module {__name__!r} has no attribute {name!r}"
            raise AttributeError(msg)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    """The module's names, the API's included before any is imported."""
    return sorted({*globals(), *__all__})


def _version() -> str:
    from importlib import metadata  # noqa: PLC0415 - only when asked: it scans sys.path

    try:
        return metadata.version("csp-core")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


#: The version of the plugin API: everything this module exports for plugins (the publisher,
#: checker, data-check and command contracts, options, the public view and the helpers for
#: reading it).  The major number changes when something a plugin may rely on changes or goes
#: away; the minor number when something is added.  A plugin can refuse to load with
#: ``if csp_core.PLUGIN_API_VERSION[0] != 2: raise ImportError(...)``.  See docs/plugins.md.
PLUGIN_API_VERSION = (2, 4)

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
    "Action",
    "ActionState",
    "ActionStatus",
    "ActionUpdate",
    "Agency",
    "AgendaItem",
    "AnnualReview",
    "Attendance",
    "Attendee",
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
    "Decision",
    "DecisionMethod",
    "Declaration",
    "Document",
    "DocumentKind",
    "Duty",
    "DutyKind",
    "DutyState",
    "Event",
    "EventKind",
    "ExemptInformation",
    "InterestKind",
    "InvalidModel",
    "LapsedDuty",
    "LeadOfficer",
    "Meeting",
    "MeetingChange",
    "MeetingRecord",
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
    "Presence",
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
    "Votes",
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
