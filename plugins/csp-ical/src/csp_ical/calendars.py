"""The calendars: every public meeting, each body's meetings, and the publication deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import attrs
from icalendar import Calendar, Component, Event
from icalendar.enums import CLASS, STATUS, TRANSP
from icalendar.prop import vDuration, vGeo, vUri

from csp_core import (
    BuildContext,
    Duty,
    DutyKind,
    DutyState,
    Meeting,
    MeetingStatus,
    OutputFile,
    Partnership,
)
from csp_ical.describe import deadline_description, lapsed_description, meeting_description
from csp_ical.options import IcalOptions
from csp_ical.text import Text, uri
from csp_ical.vtimezone import ZoneRule, ZoneRuleError, zone_rule

__all__ = ["MEDIA_TYPE", "PRODID", "meeting_uid", "render_calendars"]

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
    stamp = view.stamp(meeting)
    venue = meeting.venue
    event = Event.new(
        uid=meeting_uid(partnership, meeting),
        stamp=stamp.modified,
        last_modified=stamp.modified,
        created=meeting.announced.astimezone(UTC) if meeting.announced else None,
        sequence=stamp.sequence,
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
    removed = _removed(context, path, {meeting_uid(context.view.partnership, m) for m in shown})
    for event in removed:
        calendar.add_component(event)
    _add_timezones(calendar, clock)
    return OutputFile(
        path=path,
        content=calendar.to_ical(),
        media_type=MEDIA_TYPE,
        items=len(shown) + len(removed),
    )


_REMOVED = "This event is no longer in the partnership's data: it is cancelled."
_CANCELLED = "Cancelled: "


def _removed(context: BuildContext, path: str, current: set[str]) -> list[Event]:
    """Cancelled copies of the events of the previous build's file no longer in the view.

    An event whose UID the previous build of ``path`` held (``context.previous``) but the data no
    longer gives (a meeting deleted from the data) is sent once more, cancelled: its UID, start
    and end (in UTC), SEQUENCE one higher, DTSTAMP one second later (never after the instant),
    STATUS:CANCELLED and "Cancelled: " before its summary.  One already cancelled is copied
    as it was, so rebuilding gives the same bytes.  An event stamped after the instant is left
    out: the previous build was made at a later instant (``--at`` earlier than last time), and
    the event is simply not public yet.  An unreadable previous file gives none.
    """
    previous = context.previous.get(path)
    if previous is None:
        return []
    at = context.view.at.astimezone(UTC)
    try:
        old = Calendar.from_ical(previous)
        return sorted(
            (
                _cancelled_copy(event, at)
                for event in old.walk("VEVENT")
                if str(event.get("UID", "")) not in current | {""}
                and event.decoded("DTSTAMP").astimezone(UTC) <= at
            ),
            key=lambda event: str(event["UID"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return []


def _cancelled_copy(event: Component, at: dt.datetime) -> Event:
    stamp = event.decoded("DTSTAMP").astimezone(UTC)
    sequence = int(event.get("SEQUENCE", 0))
    summary = str(event.get("SUMMARY", ""))
    if str(event.get("STATUS", "")) != "CANCELLED":
        sequence += 1
        stamp = max(stamp, min(stamp + dt.timedelta(seconds=1), at.astimezone(UTC)))
    if not summary.startswith(_CANCELLED):
        summary = _CANCELLED + summary

    def when(name: str) -> dt.date | None:
        if name not in event:
            return None
        value: dt.date = event.decoded(name)
        return value.astimezone(UTC) if isinstance(value, dt.datetime) else value

    return Event.new(
        uid=str(event["UID"]),
        stamp=stamp,
        last_modified=stamp,
        sequence=sequence,
        start=when("DTSTART"),
        end=when("DTEND"),
        summary=Text(summary),
        description=Text(_REMOVED),
        status=STATUS.CANCELLED,
        classification=CLASS.PUBLIC,
        transparency=TRANSP.TRANSPARENT,
    )


def _deadline_event(context: BuildContext, duty: Duty, description: str, *, lapsed: bool) -> Event:
    """The all-day event of a duty; a lapsed one cancelled (it never just leaves the calendar)."""
    view = context.view
    partnership = view.partnership
    stamp = view.duty_stamp(duty)
    return Event.new(
        uid=_duty_uid(partnership.id, duty),
        stamp=stamp.modified,
        last_modified=stamp.modified,
        sequence=stamp.sequence,
        start=duty.deadline,
        end=duty.deadline + dt.timedelta(days=1),
        summary=Text(("Cancelled: " if lapsed else "") + f"Due: {duty.title}"),
        description=Text(description),
        url=uri(link) if (link := _duty_link(context, duty)) else None,
        status=STATUS.CANCELLED if lapsed else STATUS.CONFIRMED,
        classification=CLASS.PUBLIC,
        transparency=TRANSP.TRANSPARENT,
    )


def _duty_link(context: BuildContext, duty: Duty) -> str | None:
    link = context.view.partnership.web
    if duty.kind in _MEETING_DUTIES:
        link = context.url(f"meetings/{duty.subject}.html") or link
    return link


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
    shown: list[tuple[Duty, DutyState | None]] = [(state.duty, state) for state in view.duties]
    shown += [(gone.duty, None) for gone in view.lapsed]
    shown.sort(key=lambda pair: (pair[0].deadline, pair[0].id))
    for duty, state in shown:
        link = _duty_link(context, duty)
        description = (
            lapsed_description(duty, link)
            if state is None
            else deadline_description(partnership, state, link)
        )
        calendar.add_component(_deadline_event(context, duty, description, lapsed=state is None))
    uids = {_duty_uid(partnership.id, duty) for duty, _ in shown}
    removed = _removed(context, path, uids)
    for event in removed:
        calendar.add_component(event)
    return OutputFile(
        path=path,
        content=calendar.to_ical(),
        media_type=MEDIA_TYPE,
        items=len(shown) + len(removed),
    )


def _duty_uid(partnership: str, duty: Duty) -> str:
    return f"{duty.id.replace('/', '-')}@{partnership}.csp-core"


def render_calendars(context: BuildContext) -> list[OutputFile]:
    """Every calendar file of the public view: see :class:`csp_ical.IcalPublisher`.

    Raises:
        ValueError: a bad option value, or a time zone whose changes one yearly VTIMEZONE rule
            cannot describe over the years of the meetings.
    """
    options = IcalOptions.of(context)
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
