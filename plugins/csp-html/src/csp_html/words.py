"""The sentences the pages build in Python from the data, in one place, in the view's language.

The core decides what is shown and gives the labels and dates (the public view,
:mod:`csp_core.labels`, :mod:`csp_core.dates`); this module says it in the pages' sentences.
The templates hold the fixed text of each page; what depends on the data (the policy's
promises, a page's description, a plan's state, a reading) is written here, so a change of
wording is a change of this module alone.  Every sentence is a message of the plugin's
catalogue (``csp_html/locale``), looked up in the :class:`csp_core.i18n.Language` each function
is given (British English by default); :func:`language` is the view's.  The link labels of the
navigation, calendars and feeds are with the links, in :mod:`csp_html.site`.

A sentence holding a text of the data is a :class:`csp_html.templating.Sentence`
(:func:`~csp_html.templating.compose`, :func:`~csp_html.templating.joined`): plain text in
``<title>``, meta and attributes, and in the page body with a fallback text inside it wrapped
in ``<span lang>`` as a value printed alone is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs
from csp_core import (
    AccessPolicy,
    Agency,
    Availability,
    Chair,
    DocumentKind,
    ExemptInformation,
    MinutesClock,
    Partnership,
    PlanStanding,
    Priority,
    PublicView,
    Sector,
    dates,
    i18n,
    labels,
)

from csp_html.templating import CATALOGUE, Sentence, compose, joined

__all__ = [
    "ENGLISH",
    "MINUTES_AWAITED",
    "IndexTexts",
    "assessment_description",
    "chair_line",
    "document_kind",
    "earlier_sentence",
    "goal",
    "index_description",
    "index_texts",
    "joint_sentences",
    "language",
    "lead_role",
    "listed",
    "meeting_description",
    "plan_description",
    "plan_state",
    "previous_plans_sentence",
    "priorities_sentence",
    "publishing_sentences",
    "quantity",
    "quantity_on",
    "question_subject",
    "request_subject",
    "secretariat_role",
]

#: British English with the plugin's messages: the default of every function here.
ENGLISH = i18n.language("en-GB", CATALOGUE)

#: Under a meeting that took place whose minutes have no deadline yet (see
#: :meth:`csp_core.PublicView.minutes_awaited`).
MINUTES_AWAITED = i18n.N_("The minutes will be published once the next meeting has agreed them.")

#: Small numbers as words ("five clear working days"); a language may write them as figures.
_SMALL = (
    i18n.N_("no"),
    i18n.N_("one"),
    i18n.N_("two"),
    i18n.N_("three"),
    i18n.N_("four"),
    i18n.N_("five"),
    i18n.N_("six"),
    i18n.N_("seven"),
    i18n.N_("eight"),
    i18n.N_("nine"),
    i18n.N_("ten"),
)


def language(view: PublicView) -> i18n.Language:
    """The language of ``view`` with the plugin's catalogue in front of the core's."""
    return i18n.language(view.language.tag, CATALOGUE)


def _count(value: int, language: i18n.Language) -> str:
    return language.gettext(_SMALL[value]) if value < len(_SMALL) else str(value)


def _counted(found: str, count: int, language: i18n.Language, **values: object) -> str:
    """A message's form ``found`` for ``count``, ``{count}`` written as :func:`_count` does.

    ``found`` is ``language.translations.ngettext(singular, plural, count)``, written at each
    call so the catalogue's extractor finds the message.
    """
    return found.format(count=_count(count, language), **values)


def _weeks(days: int, language: i18n.Language) -> str:
    if days and days % 7 == 0 and days // 7 < len(_SMALL):
        weeks = days // 7
        if weeks == 1:
            return language.gettext("a week")
        return _counted(
            language.translations.ngettext("{count} week", "{count} weeks", weeks),
            weeks,
            language,
        )
    if days == 1:
        return language.gettext("a day")
    return language.ngettext("{count} day", "{count} days", days)


def _months(months: int, language: i18n.Language) -> str:
    if months % 12 == 0:
        years = months // 12
        if years == 1:
            return language.gettext("a year")
        return _counted(
            language.translations.ngettext("{count} year", "{count} years", years),
            years,
            language,
        )
    if months == 1:
        return language.gettext("a month")
    return _counted(
        language.translations.ngettext("{count} month", "{count} months", months),
        months,
        language,
    )


def question_subject(day: dt.date, language: i18n.Language = ENGLISH) -> str:
    """The subject of an email asking the meeting on ``day`` a question."""
    return language.gettext(
        "Question for the meeting on {date}", date=dates.long_date(day, language)
    )


def request_subject(title: str, language: i18n.Language = ENGLISH) -> Sentence:
    """The subject of an email asking for a document available on request."""
    return compose(language, language.translations.gettext("Request: {title}"), title=title)


def index_description(partnership: Partnership, language: i18n.Language = ENGLISH) -> str:
    """The index's meta description: the partnership's purpose, else what the page holds."""
    return partnership.purpose or compose(
        language,
        language.translations.gettext("{partnership}: its plan, meetings, members and papers."),
        partnership=partnership.name,
    )


@attrs.frozen(kw_only=True)
class IndexTexts:
    """The index's descriptive words: the partnership's own, else neutral ones.

    The partnership's own are ``Partnership.texts``; the neutral ones are true of any
    partnership.  Nothing here names a place or a document the partnership may call
    otherwise, and no partnership's name follows an article, so every name reads in them.
    """

    introduction: tuple[str, ...]
    """The partnership's paragraphs after its key roles; none by default."""
    plan_heading: str
    """'Community safety plan', or what the partnership calls its plan."""
    plan: tuple[str, ...]
    """Paragraphs at the top of the plan section; none by default."""
    no_plan: str
    """'No community safety plan is in force at the moment.'"""
    assessments_heading: str
    """'Strategic assessments', or what the partnership calls its assessment."""
    assessments: tuple[str, ...]
    """What assessments are for: the partnership's words, else a sentence true of any."""
    no_assessment: str
    """'No strategic assessment has been published yet.'"""
    meetings: tuple[str, ...]
    """Paragraphs before the publication promises; none by default (no claim about how many
    meetings are open: each meeting's page says whether it is)."""
    members: tuple[str, ...]
    """Above the lists of members: the partnership's words, else a plain sentence."""


#: What a strategic assessment is for, without naming the place or the document.
ASSESSMENTS_DEFAULT = i18n.N_(
    "The partnership’s assessments look at crime, disorder, antisocial behaviour and "
    "substance misuse in its area, and recommend what the partnership should give priority to."
)
#: Above the lists of members.
MEMBERS_DEFAULT = i18n.N_("The agencies that are members of the partnership are listed below.")


def index_texts(partnership: Partnership, language: i18n.Language = ENGLISH) -> IndexTexts:
    """The index's descriptive words, from the partnership's ``texts`` or the defaults."""
    texts = partnership.texts
    if texts.plan_name:
        plan_heading = texts.plan_name
        no_plan: str = compose(
            language,
            language.translations.gettext("No {plan_name} is in force at the moment."),
            plan_name=texts.plan_name,
        )
    else:
        plan_heading = language.gettext("Community safety plan")
        no_plan = language.gettext("No community safety plan is in force at the moment.")
    if texts.assessment_name:
        assessments_heading = texts.assessment_name
        no_assessment: str = compose(
            language,
            language.translations.gettext("No {assessment_name} has been published yet."),
            assessment_name=texts.assessment_name,
        )
    else:
        assessments_heading = language.gettext("Strategic assessments")
        no_assessment = language.gettext("No strategic assessment has been published yet.")
    return IndexTexts(
        introduction=texts.introduction,
        plan_heading=plan_heading,
        plan=texts.plan,
        no_plan=no_plan,
        assessments_heading=assessments_heading,
        assessments=texts.assessments or (language.gettext(ASSESSMENTS_DEFAULT),),
        no_assessment=no_assessment,
        meetings=texts.meetings,
        members=texts.members or (language.gettext(MEMBERS_DEFAULT),),
    )


def document_kind(
    partnership: Partnership, kind: DocumentKind, language: i18n.Language = ENGLISH
) -> str:
    """A document's kind as the pages name it.

    What the partnership calls its plan or its assessment (``texts.plan_name``,
    ``texts.assessment_name``), else the core's label.
    """
    texts = partnership.texts
    if kind is DocumentKind.PLAN and texts.plan_name:
        return texts.plan_name
    if kind is DocumentKind.STRATEGIC_ASSESSMENT and texts.assessment_name:
        return texts.assessment_name
    return labels.label(kind, language)


def priorities_sentence(
    partnership: Partnership, priorities: tuple[Priority, ...], language: i18n.Language = ENGLISH
) -> str:
    """Above a plan's priorities: the partnership's words, else what the data shows of them.

    The partnership's words are ``texts.priorities``.  Every priority has a lead officer (the
    model requires one); aims and targets are claimed only when every priority has both.
    """
    if partnership.texts.priorities:
        return partnership.texts.priorities
    if priorities and all(priority.aims and priority.targets for priority in priorities):
        return language.gettext("Each priority has a lead officer, aims and targets.")
    return language.gettext("Each priority has a lead officer.")


def plan_description(title: str, summary: str | None, language: i18n.Language = ENGLISH) -> str:
    """A plan page's meta description: its summary, else what the page holds."""
    return summary or compose(
        language,
        language.translations.gettext("{title}: priorities, lead officers, aims and targets."),
        title=title,
    )


def assessment_description(title: str, language: i18n.Language = ENGLISH) -> Sentence:
    """An assessment page's meta description."""
    return compose(
        language,
        language.translations.gettext("{title}: topics, sources and recommendations."),
        title=title,
    )


def plan_state(
    state: PlanStanding,
    in_force_from: dt.date,
    until: dt.date,
    language: i18n.Language = ENGLISH,
) -> str:
    """Where a plan stands, in words, with the days it is (or was) in force.

    'In force since Saturday 1 April 2017', 'Comes into force on …', 'Expired: in force from
    Saturday 1 April 2017 to Saturday 31 March 2018; no later plan is in force yet', 'A
    previous plan, in force from … to …' (``until``: its last day in force).
    """
    start = dates.long_date(in_force_from, language)
    if state is PlanStanding.CURRENT:
        return language.gettext("In force since {start}", start=start)
    if state is PlanStanding.UPCOMING:
        return language.gettext("Comes into force on {start}", start=start)
    if until < in_force_from:
        return language.gettext("A previous plan, replaced before it came into force")
    end = dates.long_date(until, language)
    if state is PlanStanding.EXPIRED:
        return language.gettext(
            "Expired: in force from {start} to {end}; no later plan is in force yet",
            start=start,
            end=end,
        )
    return language.gettext("A previous plan, in force from {start} to {end}", start=start, end=end)


def meeting_description(
    partnership: Partnership,
    *,
    body: str,
    when: str,
    venue: str | None,
    status: str | None,
    status_note: str | None,
    public: bool,
    language: i18n.Language = ENGLISH,
) -> Sentence:
    """A meeting in one or two sentences: the page's meta description and its Event's."""
    if venue:
        found = language.translations.gettext("{body}: meeting on {when}, at {venue}.")
        words: list[str] = [compose(language, found, body=body, when=when, venue=venue)]
    else:
        found = language.translations.gettext("{body}: meeting on {when}.")
        words = [compose(language, found, body=body, when=when)]
    if status:
        words.append(compose(language, language.translations.gettext("{status}."), status=status))
        if status_note:
            words.append(status_note)
    elif public:
        found = language.translations.gettext(
            "Open to the public: agenda, papers and minutes from {partnership}."
        )
        words.append(compose(language, found, partnership=partnership.name))
    return joined(language, words)


def _agenda_when(days: int, language: i18n.Language) -> str:
    if days == 7:
        return language.gettext("in the week before the meeting")
    return language.gettext("{time} before the meeting", time=_weeks(days, language))


def publishing_sentences(
    partnership: Partnership, law: ExemptInformation, language: i18n.Language = ENGLISH
) -> tuple[str, ...]:
    """The partnership's publication promises, from its policy, as sentences for the public."""
    policy = partnership.policy
    agenda = _agenda_when(policy.agenda_days, language)
    if policy.draft_agenda_days is not None:
        first = language.gettext(
            "A draft agenda, complete with details on how to submit or ask questions of the "
            "partnership, is published on this page around {time} before each meeting, with "
            "the full agenda and associated papers posted {agenda}.",
            time=_weeks(policy.draft_agenda_days, language),
            agenda=agenda,
        )
    else:
        first = language.gettext(
            "The agenda, with details on how to ask questions of the partnership, and the "
            "associated papers are published on this page {agenda}.",
            agenda=agenda,
        )
    sentences = [first]
    clear = policy.clear_days_for(partnership.nation)
    if clear is not None:
        act = language.gettext(law.act)
        if policy.access is AccessPolicy.STATUTORY:
            found = language.translations.ngettext(
                "Agendas and papers are always published at least {count} clear working "
                "day before the meeting, as the {act} requires.",
                "Agendas and papers are always published at least {count} clear working "
                "days before the meeting, as the {act} requires.",
                clear,
            )
        else:
            found = language.translations.ngettext(
                "Agendas and papers are always published at least {count} clear working "
                "day before the meeting, following the access-to-information rules of "
                "the {act}.",
                "Agendas and papers are always published at least {count} clear working "
                "days before the meeting, following the access-to-information rules of "
                "the {act}.",
                clear,
            )
        sentences.append(_counted(found, clear, language, act=act))
    days = policy.minutes_working_days
    if policy.minutes_from is MinutesClock.NEXT_MEETING:
        found = language.translations.ngettext(
            "Minutes are published once they have been agreed at the following meeting, "
            "within {count} working day of it.",
            "Minutes are published once they have been agreed at the following meeting, "
            "within {count} working days of it.",
            days,
        )
    else:
        found = language.translations.ngettext(
            "Minutes are published within {count} working day of the meeting.",
            "Minutes are published within {count} working days of the meeting.",
            days,
        )
    sentences.append(_counted(found, days, language))
    return tuple(sentences)


def earlier_sentence(partnership: Partnership, language: i18n.Language = ENGLISH) -> str:
    """'Minutes from earlier meetings are available on request', as the policy says it."""
    policy = partnership.policy
    return language.gettext(
        "You can read the agendas, related documents and minutes from recent meetings below. "
        "They stay online for {online} after each meeting; minutes and papers from earlier "
        "meetings are available on request (we keep them for {kept}).",
        online=_months(policy.online_months, language),
        kept=_months(policy.retention_years * 12, language),
    )


def previous_plans_sentence(
    partnership: Partnership, language: i18n.Language = ENGLISH
) -> str | None:
    """What the policy says about plans no longer in force."""
    availability = partnership.policy.previous_plans
    if availability is Availability.ON_REQUEST:
        return language.gettext("Previous plans are available upon request.")
    if availability is Availability.ONLINE:
        return language.gettext("Previous plans remain available online.")
    return None


def quantity(value: float, unit: str | None, language: i18n.Language = ENGLISH) -> Sentence:
    """'30.4%', '2,450 incidents': :func:`csp_core.labels.quantity`, the unit marked.

    The core writes the number and where the unit goes (always last); the unit is a text of the
    data, so in the page body a fallback unit is wrapped in ``<span lang>``.
    """
    shown = labels.quantity(value, unit)
    if not unit or not shown.endswith(unit) or not any(c.isalpha() for c in unit):
        return joined(language, (shown,))  # a symbol ('%') has no language
    return joined(language, (shown[: -len(unit)], unit), "")


def goal(
    value: float, unit: str | None, by: dt.date | None, language: i18n.Language = ENGLISH
) -> Sentence:
    """'28% by 31 March 2018': a target's goal."""
    shown = quantity(value, unit, language)
    if by is None:
        return shown
    return compose(
        language,
        language.translations.gettext("{value} by {date}"),
        value=shown,
        date=dates.short_date(by, language),
    )


def quantity_on(
    value: float, unit: str | None, day: dt.date, language: i18n.Language = ENGLISH
) -> Sentence:
    """'30.4% on 30 June 2017': a reading and its date."""
    return compose(
        language,
        language.translations.gettext("{value} on {date}"),
        value=quantity(value, unit, language),
        date=dates.short_date(day, language),
    )


def chair_line(
    chair: Chair, partnership: Partnership, language: i18n.Language = ENGLISH
) -> Sentence:
    """'Co-chair: Cllr Alex Jones, Cabinet Member (London Borough of Haringey), since …'.

    Who (name and office), the agency they come from, and the spell's dates when it has any.
    """
    who = joined(language, [part for part in (chair.name, chair.office) if part], ", ")
    if chair.agency is not None:
        agency = partnership.agency(chair.agency).name
        who = (
            compose(
                language,
                language.translations.gettext("{who} ({agency})"),
                who=who,
                agency=agency,
            )
            if str(who)
            else joined(language, [agency])
        )
    since = dates.short_date(chair.since, language) if chair.since else ""
    until = dates.short_date(chair.until, language) if chair.until else ""
    if since and until:
        found = language.translations.gettext("{role}: {who}, {since} to {until}")
    elif until:
        found = language.translations.gettext("{role}: {who}, until {until}")
    elif since:
        found = language.translations.gettext("{role}: {who}, since {since}")
    else:
        found = language.translations.gettext("{role}: {who}")
    role = labels.label(chair.role, language)
    return compose(language, found, role=role, who=who, since=since, until=until)


def listed(items: Sequence[object], language: i18n.Language = ENGLISH) -> Sentence:
    """'A, B and C': names one after another, as the language lists them.

    Each step is a message ('{list}, {item}', '{list} and {item}'), so a language writes its
    own list: the Welsh catalogue writes commas only, because 'a' ('and') would mutate the name
    after it ('a Chyngor Sir Ddinbych') and a name from the data cannot be mutated.
    """
    found = joined(language, items[:1])
    for index, item in enumerate(items[1:], start=2):
        if index == len(items):
            step = language.translations.gettext("{list} and {item}")
        else:
            step = language.translations.gettext("{list}, {item}")
        found = compose(language, step, list=found, item=item)
    return found


def joint_sentences(
    partnership: Partnership, language: i18n.Language = ENGLISH
) -> tuple[Sentence, ...]:
    """Who leads the partnership and who runs its business, for a joint partnership.

    'Led jointly by Conwy County Borough Council and Denbighshire County Council.' (or 'Led by
    …' for one lead), then 'Conwy County Borough Council provides the partnership’s
    secretariat.'; none when the data names neither.
    """
    found: list[Sentence] = []
    leads = [partnership.agency(lead).name for lead in partnership.leads]
    if len(leads) == 1:
        found.append(
            compose(language, language.translations.gettext("Led by {lead}."), lead=leads[0])
        )
    elif leads:
        found.append(
            compose(
                language,
                language.translations.gettext("Led jointly by {leads}."),
                leads=listed(leads, language),
            )
        )
    if partnership.secretariat is not None:
        found.append(
            compose(
                language,
                language.translations.gettext("{agency} provides the partnership’s secretariat."),
                agency=partnership.agency(partnership.secretariat).name,
            )
        )
    return tuple(found)


def lead_role(agency: Agency, language: i18n.Language = ENGLISH) -> str:
    """The role of a lead in the Organization's JSON-LD: 'Lead council', else 'Lead agency'."""
    if agency.sector is Sector.COUNCIL:
        return language.gettext("Lead council")
    return language.gettext("Lead agency")


def secretariat_role(language: i18n.Language = ENGLISH) -> str:
    """The secretariat's role in the Organization's JSON-LD: 'Secretariat'."""
    return language.gettext("Secretariat")
