"""The calendars: every public meeting, each body's meetings, and the publication deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import attrs
from icalendar import Calendar, Event
from icalendar.enums import CLASS, STATUS, TRANSP
from icalendar.prop import vDuration, vGeo, vUri

from csp_core.model import Meeting, MeetingStatus, Partnership
from csp_core.public import PublicView
from csp_core.publishing import BuildContext, OutputFile
from csp_core.rules import DutyKind, DutyState
from csp_ical.describe import deadline_description, meeting_description
from csp_ical.options import IcalOptions, parse_options
from csp_ical.text import Text, uri
from csp_ical.vtimezone import ZoneRule, ZoneRuleError, zone_rule

__all__ = ["MEDIA_TYPE", "PRODID", "last_modified", "meeting_uid", "render_calendars"]

PRODID = "-//csp-core//csp-ical//EN"
"""No version in it: the same data must give the same bytes in every release."""
MEDIA_TYPE = "text/calendar; charset=utf-8"
UTC = dt.UTC

_STATUS = {
    MeetingStatus.SCHEDULED: STATUS.CONFIRMED,
    MeetingStatus.RESCHEDULED: STATUS.CONFIRMED,
    MeetingStatus.POSTPONED: STATUS.TENTATIVE,
    MeetingStatus.CANCELLED: STATUS.CANCELLED,
}
_PREFIX = {MeetingStatus.CANCELLED: "Cancelled: ", MeetingStatus.POSTPONED: "Postponed: "}
_MEETING_DUTIES = {DutyKind.DRAFT_AGENDA, DutyKind.AGENDA, DutyKind.REPORT, DutyKind.MINUTES}


class _Geo(vGeo):
    """GEO in fixed-point decimals: ``52.219900;-0.072700`` (never ``1e-05``)."""

    def to_ical(self) -> str:
        return f"{self.latitude:.6f};{self.longitude:.6f}"


@attrs.frozen(kw_only=True)
class _Clock:
    """How a calendar writes instants: local time with the zone's TZID, or UTC."""

    zone: ZoneInfo
    rule: ZoneRule | None
    """``None`` when every instant is written in UTC (a zone that is always UTC)."""

    @classmethod
    def for_instants(cls, zone: ZoneInfo, instants: list[dt.datetime]) -> _Clock:
        if not instants:
            return cls(zone=zone, rule=None)
        try:
            rule = zone_rule(zone, instants)
        except ZoneRuleError:
            return cls(zone=zone, rule=None)  # no VTIMEZONE fits: every instant in UTC
        if not rule.observances and rule.fixed == dt.timedelta(0):
            return cls(zone=zone, rule=None)
        return cls(zone=zone, rule=rule)

    def value(self, instant: dt.datetime) -> dt.datetime:
        """``instant`` as icalendar should write it.

        To the whole second (iCalendar's precision, rounding down); in UTC when the zone is UTC
        and when the local time occurs twice (the hour the clocks go back), since a local time
        with a TZID cannot say which of the two it means.
        """
        moment = instant.astimezone(UTC).replace(microsecond=0)
        if self.rule is None or not self.rule.writes_exactly(moment):
            return moment
        return moment.astimezone(self.zone)


def meeting_uid(partnership: Partnership, meeting: Meeting) -> str:
    """The meeting's UID, stable for ever: rescheduling and every other change keep it."""
    return f"{meeting.id}@{partnership.id}.csp-core"


def _known_moments(meeting: Meeting, at: dt.datetime) -> list[dt.datetime]:
    """The public moments of ``meeting`` by ``at`` (in UTC) that ``PublicView.modified`` weighs."""
    moments = [meeting.announced, meeting.last_changed, *(c.at for c in meeting.changes)]
    for document in meeting.documents:
        moments.append(document.published)
        moments += [revision.published for revision in document.revisions]
    known = [moment.astimezone(UTC) for moment in moments if moment is not None]
    return [moment for moment in known if moment <= at.astimezone(UTC)]


def last_modified(view: PublicView, meeting: Meeting) -> dt.datetime | None:
    """The meeting's latest public moment by ``view.at``, in UTC; ``None`` if none is known.

    The moments of :meth:`PublicView.modified`, without its fallback to ``min(start,
    view.at)``: for a future meeting that is the build's instant, and DTSTAMP must come from
    the data (DOMAIN E8).  Compared in UTC: Python compares two times of one ``ZoneInfo`` by
    wall clock, ignoring ``fold``, so in the hour the clocks go back an earlier instant can
    compare as later.
    """
    return max(_known_moments(meeting, view.at), default=None)


def _calendar(
    context: BuildContext, options: IcalOptions, path: str, name: str, description: str
) -> Calendar:
    partnership = context.view.partnership
    calendar = Calendar.new(
        uid=f"{path}@{partnership.id}.csp-core",
        prodid=PRODID,
        method="PUBLISH",
        calscale="GREGORIAN",
        name=Text(name),
        description=Text(description),
        url=uri(partnership.web) if partnership.web else None,
        color=options.color,
    )
    calendar.add("X-WR-TIMEZONE", Text(partnership.timezone.key))
    calendar.add("REFRESH-INTERVAL", options.refresh_interval, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(options.refresh_interval))
    source = context.url(path)
    if source is not None:
        calendar.add("SOURCE", vUri(uri(source)), parameters={"VALUE": "URI"})
    return calendar


def _meeting_event(
    context: BuildContext, options: IcalOptions, clock: _Clock, meeting: Meeting
) -> Event:
    view = context.view
    partnership = view.partnership
    end = meeting.end or meeting.start.astimezone(UTC) + options.default_duration
    link = context.url(f"meetings/{meeting.id}.html") or partnership.web
    modified = last_modified(view, meeting) or meeting.start.astimezone(UTC)
    venue = meeting.venue
    event = Event.new(
        uid=meeting_uid(partnership, meeting),
        stamp=modified,
        last_modified=modified,
        created=meeting.announced.astimezone(UTC) if meeting.announced else None,
        sequence=view.sequence(meeting),
        start=clock.value(meeting.start),
        end=clock.value(end),
        summary=Text(_PREFIX.get(meeting.status, "") + meeting.title),
        location=Text(venue.one_line) if venue else None,
        url=uri(link) if link else None,
        description=Text(meeting_description(partnership, meeting, view.at, link)),
        status=_STATUS[meeting.status],
        classification=CLASS.PUBLIC,
        transparency=TRANSP.OPAQUE,
    )
    if venue is not None and venue.coordinates is not None:
        point = venue.coordinates
        event.add("GEO", _Geo((point.latitude, point.longitude)))
    return event


def _add_timezones(calendar: Calendar, clock: _Clock) -> None:
    """Put a VTIMEZONE for every TZID the events use before the events."""
    used = sorted(calendar.get_used_tzids())
    if not used:
        return
    if clock.rule is None or used != [clock.rule.tzid]:
        msg = f"calendar uses TZIDs {used}; only the partnership's zone has a VTIMEZONE"
        raise ZoneRuleError(msg)
    calendar.subcomponents.insert(0, clock.rule.component())


def _meeting_calendar(
    context: BuildContext,
    options: IcalOptions,
    *,
    path: str,
    name: str,
    description: str,
    meetings: Iterable[Meeting],
) -> OutputFile:
    shown = sorted(meetings, key=lambda meeting: (meeting.start.astimezone(UTC), meeting.id))
    zone = context.view.partnership.timezone
    ends = [
        meeting.end or meeting.start.astimezone(UTC) + options.default_duration for meeting in shown
    ]
    clock = _Clock.for_instants(zone, [meeting.start for meeting in shown] + ends)
    calendar = _calendar(context, options, path, name, description)
    for meeting in shown:
        calendar.add_component(_meeting_event(context, options, clock, meeting))
    _add_timezones(calendar, clock)
    return OutputFile(
        path=path, content=calendar.to_ical(), media_type=MEDIA_TYPE, items=len(shown)
    )


def _deadline_stamp(view: PublicView, state: DutyState) -> dt.datetime:
    """The deadline's DTSTAMP, from the data only: never the build's instant.

    The latest of when the duty was met and the related meeting's last public moment; the
    deadline day at 00:00 UTC when neither is known.
    """
    moments = [state.published.astimezone(UTC)] if state.published else []
    if state.duty.kind in _MEETING_DUTIES:
        meeting = next((m for m in view.partnership.meetings if m.id == state.duty.subject), None)
        modified = last_modified(view, meeting) if meeting is not None else None
        if modified is not None:
            moments.append(modified)
    return max(moments, default=dt.datetime.combine(state.duty.deadline, dt.time(), UTC))


def _shown_duties(view: PublicView) -> list[DutyState]:
    """The view's duties, less those for reports not yet public, in (deadline, id) order.

    A report's duty is named after the report, so before the report is published its title
    would be the first the public hears of it; its deadline is the agenda's, which stays.
    """
    public = {
        document.id for meeting in view.partnership.meetings for document in meeting.documents
    }
    shown = [
        state
        for state in view.duties
        if state.duty.kind is not DutyKind.REPORT or state.duty.fulfilled_by in public
    ]
    return sorted(shown, key=lambda state: (state.duty.deadline, state.duty.id))


def _deadline_calendar(context: BuildContext, options: IcalOptions) -> OutputFile:
    view = context.view
    partnership = view.partnership
    path = "deadlines.ics"
    calendar = _calendar(
        context,
        options,
        path,
        f"{partnership.name}: publication deadlines",
        f"When {partnership.name} is due to publish its agendas, papers, minutes, strategic "
        "assessments and annual reviews: one all-day event on each deadline.",
    )
    states = _shown_duties(view)
    for state in states:
        duty = state.duty
        link = partnership.web
        if duty.kind in _MEETING_DUTIES:
            link = context.url(f"meetings/{duty.subject}.html") or link
        stamp = _deadline_stamp(view, state)
        calendar.add_component(
            Event.new(
                uid=f"{duty.id.replace('/', '-')}@{partnership.id}.csp-core",
                stamp=stamp,
                last_modified=stamp,
                start=duty.deadline,
                end=duty.deadline + dt.timedelta(days=1),
                summary=Text(f"Due: {duty.title}"),
                description=Text(deadline_description(partnership, state, link)),
                url=uri(link) if link else None,
                classification=CLASS.PUBLIC,
                transparency=TRANSP.TRANSPARENT,
            )
        )
    return OutputFile(
        path=path, content=calendar.to_ical(), media_type=MEDIA_TYPE, items=len(states)
    )


def render_calendars(context: BuildContext) -> list[OutputFile]:
    """Every calendar file of the public view: see :class:`csp_ical.IcalPublisher`.

    Raises:
        ValueError: a bad option value, or a time zone whose changes one yearly VTIMEZONE rule
            cannot describe over the years of the meetings.
    """
    options = parse_options(context.options)
    partnership = context.view.partnership
    meetings = partnership.meetings
    files = [
        _meeting_calendar(
            context,
            options,
            path="calendar.ics",
            name=partnership.name,
            description=f"Public meetings of {partnership.name} ({partnership.area}): when "
            "and where, agendas, papers and how to ask a question.",
            meetings=meetings,
        )
    ]
    for body in partnership.bodies:
        files.append(
            _meeting_calendar(
                context,
                options,
                path=f"bodies/{body.id}.ics",
                name=f"{partnership.name}: {body.name}",
                description=body.description or f"Public meetings of {body.name}.",
                meetings=[meeting for meeting in meetings if meeting.body == body.id],
            )
        )
    if options.deadlines:
        files.append(_deadline_calendar(context, options))
    return files
