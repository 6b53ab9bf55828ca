"""Every word of the calendars: names, summaries and the plain-text DESCRIPTION of each event.

Each sentence is a message of the plugin's catalogue (``csp_ical/locale``), in the language of
the public view (:func:`words`); the words for the model's values (a status, how to attend, a
revision, where a duty stands) and for the law come from :mod:`csp_core.labels`, and dates and
times from :mod:`csp_core.dates`, in the same language, so a calendar says what the feeds and
pages say.  What is shown is the public view's decision; this module only words it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from csp_core import (
    Availability,
    Body,
    Document,
    Duty,
    DutyKind,
    DutyState,
    Meeting,
    Partnership,
    PublicView,
    Severity,
    Standing,
    dates,
    i18n,
    labels,
)

__all__ = [
    "CATALOGUE",
    "body_description",
    "body_name",
    "calendar_description",
    "cancelled",
    "deadline_description",
    "deadline_summary",
    "deadlines_description",
    "deadlines_name",
    "lapsed_description",
    "meeting_description",
    "meeting_summary",
    "online_lines",
    "removed",
    "words",
]

CATALOGUE = i18n.Catalogue("csp_ical", "csp_ical")
"""The plugin's own messages: ``csp_ical/locale/<locale>/LC_MESSAGES/csp_ical.mo``."""

#: Why a duty shown earlier no longer applies, by kind (see ``PublicView.lapsed``).
_LAPSED: Mapping[DutyKind, str] = {
    DutyKind.DRAFT_AGENDA: i18n.N_(
        "This deadline no longer applies: the meeting is cancelled or postponed."
    ),
    DutyKind.AGENDA: i18n.N_(
        "This deadline no longer applies: the meeting is cancelled or postponed."
    ),
    DutyKind.REPORT: i18n.N_(
        "This deadline no longer applies: the report was withdrawn, or the meeting is "
        "cancelled or postponed."
    ),
    DutyKind.MINUTES: i18n.N_(
        "This deadline no longer applies: the meeting is cancelled or postponed, or the next "
        "meeting the minutes were due after is no longer going ahead."
    ),
    DutyKind.PLAN_CHECK: i18n.N_(
        "This deadline no longer applies: a newer plan came into force before this check fell due."
    ),
}
_LAPSED_OTHERWISE = i18n.N_("This deadline no longer applies: it has been replaced.")


def words(view: PublicView) -> i18n.Language:
    """The language of ``view`` with the plugin's catalogue in front of the core's."""
    return i18n.language(view.language.tag, CATALOGUE)


def removed(language: i18n.Language) -> str:
    """The DESCRIPTION of the cancelled copy of an event the data no longer gives."""
    return language.gettext("This event is no longer in the partnership's data: it is cancelled.")


def cancelled(summary: str, language: i18n.Language) -> str:
    """'Cancelled: ' and ``summary``, once: an event that no longer applies."""
    before, _, after = language.gettext("Cancelled: {summary}").partition("{summary}")
    if (
        len(summary) >= len(before) + len(after)
        and summary.startswith(before)
        and summary.endswith(after)
    ):
        return summary
    return language.gettext("Cancelled: {summary}", summary=summary)


def meeting_summary(view: PublicView, meeting: Meeting) -> str:
    """The meeting's title, after its status when it does not go ahead ('Postponed: ...')."""
    if view.goes_ahead(meeting):
        return meeting.title
    language = words(view)
    return language.gettext(
        "{status}: {title}", status=labels.label(meeting.status, language), title=meeting.title
    )


def calendar_description(partnership: Partnership, language: i18n.Language) -> str:
    """The description of ``calendar.ics``."""
    return language.gettext(
        "Public meetings of {partnership} ({area}): when and where, agendas, papers and how to "
        "ask a question.",
        partnership=partnership.name,
        area=partnership.area,
    )


def body_name(partnership: Partnership, body: Body, language: i18n.Language) -> str:
    """The name of a body's calendar: 'Cambridge Community Safety Partnership: Board'."""
    return language.gettext("{partnership}: {body}", partnership=partnership.name, body=body.name)


def body_description(body: Body, language: i18n.Language) -> str:
    """The description of a body's calendar: the body's own, else a line of ours."""
    return body.description or language.gettext("Public meetings of {body}.", body=body.name)


def deadlines_name(partnership: Partnership, language: i18n.Language) -> str:
    """The name of ``deadlines.ics``."""
    return language.gettext("{partnership}: publication deadlines", partnership=partnership.name)


def deadlines_description(partnership: Partnership, language: i18n.Language) -> str:
    """The description of ``deadlines.ics``."""
    return language.gettext(
        "When {partnership} is due to publish its agendas, papers, minutes, strategic "
        "assessments and annual reviews: one all-day event on each deadline.",
        partnership=partnership.name,
    )


def _status_lines(view: PublicView, meeting: Meeting, language: i18n.Language) -> list[str]:
    partnership = view.partnership
    zone = partnership.timezone
    lines: list[str] = []
    if not view.goes_ahead(meeting):
        status = labels.label(meeting.status, language)
        lines.append(language.gettext("Status: {status}.", status=status))
    if meeting.previous_start is not None:
        when = dates.date_time(meeting.previous_start, zone, language)
        lines.append(language.gettext("Moved from {when}.", when=when))
    if meeting.status_note:
        lines.append(meeting.status_note)
    if meeting.short_notice is not None:
        reason = meeting.short_notice.reason
        lines.append(language.gettext("Called at short notice: {reason}", reason=reason))
    if meeting.replaced_by is not None:
        other = partnership.meeting(meeting.replaced_by)
        when = dates.date_time(other.start, zone, language)
        lines.append(
            language.gettext("Replaced by: {title}, {when}.", title=other.title, when=when)
        )
    return lines


def _agenda_lines(view: PublicView, meeting: Meeting, language: i18n.Language) -> list[str]:
    if not meeting.agenda:
        return []
    lines = ["", language.gettext("Agenda:")]
    for item in meeting.agenda:
        number = f"{item.number}. " if item.number else "- "
        if item.exempt:
            note = labels.exempt_note(view.partnership.nation, item.exemption, language)
            lines.append(f"{number}{item.title} ({note})")
            continue
        presenter = f" ({item.presenter})" if item.presenter else ""
        lines.append(f"{number}{item.title}{presenter}")
        if item.summary:
            lines.append(f"  {item.summary}")
    return lines


def _document_line(
    view: PublicView,
    document: Document,
    resolve: Callable[[str], str | None],
    language: i18n.Language,
) -> str:
    partnership = view.partnership
    url = document.current_url(view.at)
    if document.availability is Availability.ONLINE and url is not None:
        where = resolve(url) or url
    else:
        email = partnership.contact.email
        where = (
            language.gettext("available on request from {email}", email=email)
            if email
            else language.gettext("available on request")
        )
    line = f"- {document.title}: {where}"
    for revision in document.revisions:
        day = dates.local_day(revision.published, partnership.timezone)
        kind = labels.label(revision.kind, language)
        line += f"\n  {kind}, {dates.long_date(day, language)}: {revision.note}"
        if revision.urgency is not None:
            line += f" {labels.urgency(revision.urgency, language)}"
    return line


def _question_lines(view: PublicView, meeting: Meeting, language: i18n.Language) -> list[str]:
    questions = meeting.questions
    if questions is None:
        return []
    lines = ["", language.gettext("Public questions:"), questions.how]
    if questions.email:
        lines.append(language.gettext("Email: {email}", email=questions.email))
    if questions.url:
        lines.append(language.gettext("Web: {url}", url=questions.url))
    if questions.deadline:
        when = dates.date_time(questions.deadline, view.partnership.timezone, language)
        lines.append(language.gettext("By: {when}", when=when))
    return lines


def online_lines(meeting: Meeting, language: i18n.Language) -> list[str]:
    """'Join online: <address>', 'Watch live: ...', 'Recording: ...': the public links.

    Or that the joining details are to be announced, for an online or mixed meeting without a
    join link or webcast yet. ``meeting`` is of the public view: its links are public.
    """
    lines = [
        language.gettext("{link}: {url}", link=labels.label(kind, language), url=url)
        for kind, url in (meeting.online.links() if meeting.online else ())
    ]
    if meeting.joining_to_be_announced:
        lines.append(language.gettext("{joining}.", joining=labels.joining(language)))
    return lines


def meeting_description(
    view: PublicView, meeting: Meeting, link: str | None, resolve: Callable[[str], str | None]
) -> str:
    """The event's DESCRIPTION: body, status, agenda, papers, questions and link, as text.

    ``resolve`` turns a document's address into an absolute one (``BuildContext.link``); a
    relative address with no base address to join it to is shown as written.

    ``meeting`` is a meeting of the public view, so it holds only what is public at the view's
    instant: exempt items are placeholders and the documents are those published by then.
    """
    language = words(view)
    lines = [view.partnership.body(meeting.body).name]
    lines += _status_lines(view, meeting, language)
    attendance = labels.label(meeting.attendance, language)
    lines.append(language.gettext("Attendance: {attendance}.", attendance=attendance))
    lines += online_lines(meeting, language)
    lines += _agenda_lines(view, meeting, language)
    if meeting.documents:
        lines += ["", language.gettext("Papers:")]
        lines += [
            _document_line(view, document, resolve, language) for document in meeting.documents
        ]
    lines += _question_lines(view, meeting, language)
    if link:
        lines += ["", language.gettext("More: {link}", link=link)]
    return "\n".join(lines)


def deadline_summary(duty: Duty, language: i18n.Language) -> str:
    """'Due: Agenda and papers: Partnership meeting, Thursday 17 October 2019'."""
    return language.gettext("Due: {title}", title=duty.title)


def _when_met(moment: dt.datetime, partnership: Partnership, language: i18n.Language) -> str:
    """When a duty was met: the day alone when only the day is known (00:00 local)."""
    zone = partnership.timezone
    if moment.astimezone(zone).time() == dt.time():
        return dates.long_date(dates.local_day(moment, zone), language)
    return dates.date_time(moment, zone, language)


def _standing(state: DutyState, partnership: Partnership, language: i18n.Language) -> str:
    """Where a duty stands: 'Published late, Monday 4 March 2024, 2 working days after ...'."""
    standing = labels.label(state.standing, language)
    if state.standing is Standing.OVERDUE:
        # No count of the days since the deadline: it would change the event every working day.
        standing = language.gettext(
            "{standing} (the deadline has passed and it is not yet published)", standing=standing
        )
    parts = [standing]
    if state.published is not None:
        parts.append(_when_met(state.published, partnership, language))
    if state.standing is Standing.LATE:
        parts.append(
            language.ngettext(
                "{count} working day after the deadline",
                "{count} working days after the deadline",
                state.working_days_late,
            )
        )
    if state.clear_days_given is not None:
        parts.append(
            language.ngettext(
                "with {count} clear working day's notice",
                "with {count} clear working days' notice",
                state.clear_days_given,
            )
        )
    return ", ".join(parts)


def _statutory(duty: Duty, language: i18n.Language) -> str:
    """Whether the deadline is the law's, how much notice it gives, and whether it binds."""
    if not duty.statutory:
        return language.gettext("Statutory: no (the partnership's own publication timetable).")
    binding = duty.severity is Severity.BREACH
    if duty.clear_days is None:
        return (
            language.gettext(
                "Statutory: yes (the access-to-information minimum; binding on the partnership)."
            )
            if binding
            else language.gettext(
                "Statutory: yes (the access-to-information minimum; followed by the partnership "
                "by choice)."
            )
        )
    if binding:
        return language.ngettext(
            "Statutory: yes (at least {count} clear working day's public notice before the "
            "meeting; binding on the partnership).",
            "Statutory: yes (at least {count} clear working days' public notice before the "
            "meeting; binding on the partnership).",
            duty.clear_days,
        )
    return language.ngettext(
        "Statutory: yes (at least {count} clear working day's public notice before the "
        "meeting; followed by the partnership by choice).",
        "Statutory: yes (at least {count} clear working days' public notice before the "
        "meeting; followed by the partnership by choice).",
        duty.clear_days,
    )


def deadline_description(view: PublicView, state: DutyState, link: str | None) -> str:
    """The DESCRIPTION of a deadline's event: its dates, whether statutory, where it stands."""
    language = words(view)
    duty = state.duty
    lines = [
        language.gettext("Deadline: {date}.", date=dates.long_date(duty.deadline, language)),
        _statutory(duty, language),
        language.gettext("Target: {date}.", date=dates.long_date(duty.target, language)),
        language.gettext(
            "Standing: {standing}.", standing=_standing(state, view.partnership, language)
        ),
    ]
    if link:
        lines += ["", language.gettext("More: {link}", link=link)]
    return "\n".join(lines)


def lapsed_description(duty: Duty, link: str | None, language: i18n.Language) -> str:
    """The DESCRIPTION of a deadline that no longer applies: what it was, and why it went."""
    lines = [
        language.gettext("Deadline: {date}.", date=dates.long_date(duty.deadline, language)),
        language.gettext(_LAPSED.get(duty.kind, _LAPSED_OTHERWISE)),
    ]
    if link:
        lines += ["", language.gettext("More: {link}", link=link)]
    return "\n".join(lines)
