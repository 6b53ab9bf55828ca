"""The calendars: every public meeting, each body's meetings, and the publication deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import attrs
from icalendar import Calendar, Component, Event, Parameters
from icalendar.enums import CLASS, STATUS, TRANSP
from icalendar.prop import vDuration, vGeo, vUri

from csp_core import (
    Attendance,
    BuildContext,
    Duty,
    DutyState,
    Meeting,
    MeetingStatus,
    OnlineLink,
    OutputFile,
    Partnership,
    PublicView,
    dates,
    i18n,
    labels,
    language_of,
    text,
)
from csp_ical import describe, series
from csp_ical.options import IcalOptions
from csp_ical.text import Text
from csp_ical.vtimezone import ZoneRule, ZoneRuleError, zone_rule

__all__ = ["MEDIA_TYPE", "PRODID", "meeting_uid", "render_calendars"]

PRODID = "-//csp-core//csp-ical//EN"
"""No version in it: the same data must give the same bytes in every release."""
MEDIA_TYPE = "text/calendar; charset=utf-8"

#: iCalendar's STATUS of each meeting status (RFC 5545 section 3.8.1.11).
_STATUS = {
    MeetingStatus.SCHEDULED: STATUS.CONFIRMED,
    MeetingStatus.RESCHEDULED: STATUS.CONFIRMED,
    MeetingStatus.POSTPONED: STATUS.TENTATIVE,
    MeetingStatus.CANCELLED: STATUS.CANCELLED,
}


#: RFC 7986 FEATURE of each online link: joining is taking part; a webcast or a recording is
#: watched.
_FEATURES = {
    OnlineLink.JOIN: ("AUDIO", "VIDEO"),
    OnlineLink.WEBCAST: ("VIDEO",),
    OnlineLink.RECORDING: ("VIDEO",),
}


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
        moment = dates.utc(instant).replace(microsecond=0)
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
        url=text.clean_url(partnership.web) if partnership.web else None,
        color=options.color,
    )
    calendar.add("X-WR-TIMEZONE", Text(partnership.timezone.key))
    calendar.add("REFRESH-INTERVAL", options.refresh_interval, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(options.refresh_interval))
    source = context.url(path)
    if source is not None:
        calendar.add("SOURCE", vUri(text.clean_url(source)), parameters={"VALUE": "URI"})
    return calendar


def _end(meeting: Meeting, options: IcalOptions) -> dt.datetime:
    """When the meeting's event ends: its end, else ``default_duration`` after its start."""
    return meeting.end or dates.utc(meeting.start) + options.default_duration


def _event(*properties: tuple[str, object]) -> Event:
    """An event of ``properties`` (name, value), ``None`` values left out.

    ``Event.add`` for each: the same bytes as ``Event.new`` (icalendar writes properties in its
    own order), without its attribute setters, which make an event a fifth slower to build
    (docs/performance.md, "Against the raw libraries").
    """
    event = Event()
    for name, value in properties:
        if value is not None:
            event.add(name, value)
    return event


def _meeting_event(
    context: BuildContext,
    options: IcalOptions,
    clock: _Clock,
    meeting: Meeting,
    link: str | None = None,
) -> Event:
    """The meeting's event; ``link`` instead of its own page for a series' master."""
    view = context.view
    partnership = view.partnership
    link = link or context.url(f"meetings/{meeting.id}.html") or partnership.web
    stamp = view.stamp(meeting)
    venue = meeting.venue
    location = _location(view, meeting)
    event = _event(
        ("UID", meeting_uid(partnership, meeting)),
        ("DTSTAMP", stamp.modified),
        ("LAST-MODIFIED", stamp.modified),
        ("CREATED", dates.utc(meeting.announced) if meeting.announced else None),
        ("SEQUENCE", stamp.sequence),
        ("DTSTART", clock.value(meeting.start)),
        ("DTEND", clock.value(_end(meeting, options))),
        ("SUMMARY", Text(describe.meeting_summary(view, meeting))),
        ("LOCATION", Text(location) if location else None),
        ("URL", text.clean_url(link) if link else None),
        ("DESCRIPTION", Text(describe.meeting_description(view, meeting, link, context.link))),
        ("STATUS", _STATUS[meeting.status]),
        ("CLASS", CLASS.PUBLIC),
        ("TRANSP", TRANSP.OPAQUE),
    )
    if venue is not None and venue.coordinates is not None:
        point = venue.coordinates
        event.add("GEO", _Geo((point.latitude, point.longitude)))
    for kind, address in meeting.online.links() if meeting.online else ():
        # RFC 7986 section 5.11: how to take part or watch, with what and in words.
        event.add(
            "CONFERENCE",
            vUri(text.clean_url(address)),
            parameters=Parameters(
                VALUE="URI", FEATURE=list(_FEATURES[kind]), LABEL=labels.label(kind, view.language)
            ),
        )
    # A text the data lacks in this calendar's language is shown in another: say which (the
    # summary only when it is the title alone, not the title after a status in this language).
    if view.goes_ahead(meeting):
        _mark_language(event, "SUMMARY", meeting.title, view)
    if venue is not None:
        _mark_language(event, "LOCATION", venue.name, view)
    return event


def _location(view: PublicView, meeting: Meeting) -> str | None:
    """LOCATION: the venue; for an online meeting without one, 'Online'.

    Never a link (the links are in CONFERENCE), so it does not change when one becomes public.
    """
    if meeting.venue is not None:
        return meeting.venue.one_line
    if meeting.attendance is Attendance.ONLINE:
        return labels.label(Attendance.ONLINE, view.language)
    return None


def _mark_language(event: Event, name: str, value: str, view: PublicView) -> None:
    """Give ``name`` RFC 5545 ``LANGUAGE`` when ``value`` falls back to another language."""
    lang = language_of(value)
    if lang is not None and lang != view.language.tag and name in event:
        event[name].params["LANGUAGE"] = lang


def _used_tzids(calendar: Component) -> set[str]:
    """Every TZID parameter in ``calendar``: what ``Calendar.get_used_tzids`` finds.

    Read from each property's parameters directly, in under half the time
    ``get_used_tzids`` takes going through ``property_items`` (docs/performance.md).
    """
    used: set[str] = set()
    for component in calendar.walk():
        for value in component.values():
            for each in value if isinstance(value, list) else (value,):
                tzid = getattr(each, "params", {}).get("TZID")
                if tzid is not None:
                    used.add(str(tzid))
    return used


def _add_timezones(calendar: Calendar, clock: _Clock) -> None:
    """Put a VTIMEZONE for every TZID the events use before the events."""
    used = sorted(_used_tzids(calendar))
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
    also: Iterable[dt.datetime] = (),
) -> OutputFile:
    """A calendar of ``meetings`` (in the view's time order).

    ``also``: other instants its VTIMEZONE must cover (a county calendar's other members').
    """
    shown = list(meetings)
    partnership = context.view.partnership
    zone = partnership.timezone
    groups = series.groups(context.view, shown) if options.series == "rrule" else []
    instants = clock_instants(context, options, path, shown) + list(also)
    clock = _Clock.for_instants(zone, instants)
    calendar = _calendar(context, options, path, name, description)
    events = _series_events(context, options, clock, path, groups)
    written = [group for group in groups if group.series.id in events]
    grouped = {meeting.id for group in written for meeting in group.meetings}
    uids = {series.series_uid(partnership, group.series) for group in written}
    for meeting in shown:
        if meeting.id in grouped:
            assert meeting.series is not None  # noqa: S101 - grouped meetings are occurrences
            # The series' events, where its first occurrence in this calendar would be.
            for event in events.pop(meeting.series.series, []):
                calendar.add_component(event)
            continue
        calendar.add_component(_meeting_event(context, options, clock, meeting))
        uids.add(meeting_uid(partnership, meeting))
    removed = _removed(context, path, uids, clock)
    for event in removed:
        calendar.add_component(event)
    count = len(calendar.subcomponents)  # its VEVENTs: the VTIMEZONE comes next
    _add_timezones(calendar, clock)
    return OutputFile(
        path=path,
        content=calendar.to_ical(),
        media_type=MEDIA_TYPE,
        items=count,
    )


def clock_instants(
    context: BuildContext, options: IcalOptions, path: str, shown: list[Meeting]
) -> list[dt.datetime]:
    """Every instant a calendar of ``shown`` at ``path`` writes: what its VTIMEZONE covers."""
    groups = series.groups(context.view, shown) if options.series == "rrule" else []
    ends = [_end(meeting, options) for meeting in shown]
    instants = [meeting.start for meeting in shown] + ends
    for group in groups:
        length = series.duration(group, options.default_duration)
        instants += [moment for start in group.starts for moment in (start, start + length)]
    # A series of the previous build that may be sent once more, cancelled, in local time.
    instants += series.Previous.read(context.previous.get(path)).instants()
    return instants


def _series_events(
    context: BuildContext,
    options: IcalOptions,
    clock: _Clock,
    path: str,
    groups: list[series.Group],
) -> dict[str, list[Event]]:
    """The master and overrides of each series the clock can write as local times, by series id.

    An RRULE expands in DTSTART's zone, so its instants must be local times with the TZID:
    a series with any instant the clock writes in UTC (the hour the clocks go back, no
    VTIMEZONE) stays expanded.
    """
    rule = clock.rule
    if rule is None:
        return {}
    view = context.view
    previous = series.Previous.read(context.previous.get(path))
    at = dates.utc(view.at)
    language = describe.words(view)
    link = context.url("index.html") or view.partnership.web

    def render(meeting: Meeting, link: str | None) -> Event:
        return _meeting_event(context, options, clock, meeting, link)

    found: dict[str, list[Event]] = {}
    for group in groups:
        length = series.duration(group, options.default_duration)
        instants = [moment for start in group.starts for moment in (start, start + length)]
        if not all(rule.writes_exactly(dates.utc(moment)) for moment in instants):
            continue
        found[group.series.id] = series.series_events(
            group,
            view=view,
            render=render,
            value=clock.value,
            link=link,
            default=options.default_duration,
            previous=previous,
            cancel=lambda event: _cancelled_copy(event, at, language, clock),
        )
    return found


def _removed(
    context: BuildContext, path: str, current: set[str], clock: _Clock | None = None
) -> list[Event]:
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
    uids = series.uids(previous)
    if uids is not None and uids <= current:
        return []  # every event is still there: no need to parse the file
    at = dates.utc(context.view.at)
    try:
        old = Calendar.from_ical(previous)
        language = describe.words(context.view)
        known = current | {""}  # once, not once per event
        return sorted(
            (
                _cancelled_copy(event, at, language, clock)
                for event in old.walk("VEVENT")
                if str(event.get("UID", "")) not in known
                and dates.utc(event.decoded("DTSTAMP")) <= at
            ),
            key=lambda event: (str(event["UID"]), "RECURRENCE-ID" in event, _recurrence(event)),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return []


def _recurrence(event: Component) -> dt.datetime:
    """An override's RECURRENCE-ID in UTC (the earliest instant for any other event)."""
    if "RECURRENCE-ID" not in event:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    return dates.utc(event.decoded("RECURRENCE-ID"))


def _cancelled_copy(
    event: Component, at: dt.datetime, language: i18n.Language, clock: _Clock | None = None
) -> Event:
    """The cancelled copy of an event of the previous build (see :func:`_removed`).

    A series' master stays a series, every occurrence cancelled, and an override stays its
    occurrence's: with ``clock`` (a meeting calendar's), in local time with the TZID as
    before when the clock writes every one of its instants so; else in UTC, the master's
    starts written out (RDATE), since an RRULE from a UTC DTSTART would expand in UTC, an hour
    off in summer (ical.js then drops DTSTART from the occurrences: docs/ical.md).
    """
    stamp = dates.utc(event.decoded("DTSTAMP"))
    sequence = int(event.get("SEQUENCE", 0))
    # Our own copy from an earlier build is copied as it was; anything else (a meeting that
    # was cancelled before it left the data among them) changes, so it moves on.
    copied = str(event.get("STATUS", "")) == "CANCELLED" and str(
        event.get("DESCRIPTION", "")
    ) == describe.removed(language)
    if not copied:
        sequence += 1
        stamp = max(stamp, min(stamp + dt.timedelta(seconds=1), at))

    def when(name: str) -> dt.date | None:
        if name not in event:
            return None
        value: dt.date = event.decoded(name)
        return dates.utc(value) if isinstance(value, dt.datetime) else value

    copy = Event.new(
        uid=str(event["UID"]),
        stamp=stamp,
        last_modified=stamp,
        sequence=sequence,
        start=when("DTSTART"),
        end=when("DTEND"),
        summary=Text(describe.cancelled(str(event.get("SUMMARY", "")), language)),
        description=Text(describe.removed(language)),
        status=STATUS.CANCELLED,
        classification=CLASS.PUBLIC,
        transparency=TRANSP.TRANSPARENT,
    )
    if "RRULE" in event or "RDATE" in event or "RECURRENCE-ID" in event:
        _recurring_copy(copy, event, clock)
    return copy


def _recurring_copy(copy: Event, event: Component, clock: _Clock | None) -> None:
    """The recurrence of a master or an override, in ``copy`` (see :func:`_cancelled_copy`)."""
    starts = series.instances(event) if "RECURRENCE-ID" not in event else []
    first = dates.utc(event.decoded("DTSTART"))
    end = dates.utc(event.decoded("DTEND")) if "DTEND" in event else None
    moments = [first, *starts] + ([end] if end else [])
    if "RECURRENCE-ID" in event:
        moments.append(dates.utc(event.decoded("RECURRENCE-ID")))
    rule = clock.rule if clock is not None else None
    local = clock is not None and rule is not None and all(map(rule.writes_exactly, moments))
    if local and clock is not None:
        for name, moment in (("DTSTART", first), ("DTEND", end)):
            if moment is not None:
                copy.pop(name)
                copy.add(name, clock.value(moment))
        if "RRULE" in event:
            copy.add("RRULE", event["RRULE"])
            every = series.instances(_without_exdates(event))
            gone = sorted(set(every) - set(starts))
            if gone:
                copy.add("EXDATE", [clock.value(start) for start in gone])
        if "RECURRENCE-ID" in event:
            copy.add("RECURRENCE-ID", clock.value(dates.utc(event.decoded("RECURRENCE-ID"))))
        return
    if "RECURRENCE-ID" in event:
        copy.add("RECURRENCE-ID", dates.utc(event.decoded("RECURRENCE-ID")))
        return
    if first not in starts:
        copy.add("EXDATE", [first])
    others = [start for start in starts if start != first]
    if others:
        copy.add("RDATE", others)


def _without_exdates(event: Component) -> Component:
    """``event`` without its EXDATEs: every start its RRULE and RDATEs give."""
    copy = Event()
    for name, value in event.property_items(recursive=False):
        if name not in {"BEGIN", "END", "EXDATE"}:
            copy.add(name, value, encode=False)
    return copy


def _deadline_event(context: BuildContext, duty: Duty, description: str, *, lapsed: bool) -> Event:
    """The all-day event of a duty; a lapsed one cancelled (it never just leaves the calendar)."""
    view = context.view
    partnership = view.partnership
    stamp = view.duty_stamp(duty)
    language = describe.words(view)
    summary = describe.deadline_summary(duty, language)
    return _event(
        ("UID", _duty_uid(partnership.id, duty)),
        ("DTSTAMP", stamp.modified),
        ("LAST-MODIFIED", stamp.modified),
        ("SEQUENCE", stamp.sequence),
        ("DTSTART", duty.deadline),
        ("DTEND", duty.deadline + dt.timedelta(days=1)),
        ("SUMMARY", Text(describe.cancelled(summary, language) if lapsed else summary)),
        ("DESCRIPTION", Text(description)),
        ("URL", text.clean_url(link) if (link := _duty_link(context, duty)) else None),
        ("STATUS", STATUS.CANCELLED if lapsed else STATUS.CONFIRMED),
        ("CLASS", CLASS.PUBLIC),
        ("TRANSP", TRANSP.TRANSPARENT),
    )


def _duty_link(context: BuildContext, duty: Duty) -> str | None:
    """The meeting's page for a meeting's duty, else the partnership's web site."""
    link = context.view.partnership.web
    meeting = context.view.meeting_of(duty)
    if meeting is not None:
        link = context.url(f"meetings/{meeting}.html") or link
    return link


def _deadline_calendar(context: BuildContext, options: IcalOptions) -> OutputFile:
    view = context.view
    partnership = view.partnership
    language = describe.words(view)
    path = "deadlines.ics"
    calendar = _calendar(
        context,
        options,
        path,
        describe.deadlines_name(partnership, language),
        describe.deadlines_description(partnership, language),
    )
    shown: list[tuple[Duty, DutyState | None]] = [(state.duty, state) for state in view.duties]
    shown += [(gone.duty, None) for gone in view.lapsed]
    shown.sort(key=lambda pair: (pair[0].deadline, pair[0].id))
    for duty, state in shown:
        link = _duty_link(context, duty)
        description = (
            describe.lapsed_description(duty, link, language)
            if state is None
            else describe.deadline_description(view, state, link)
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

    Instants are written in local time with the zone's VTIMEZONE when one yearly rule
    describes the zone over the years of the meetings, in UTC otherwise.

    Raises:
        ZoneRuleError: an event would use a TZID the calendar has no VTIMEZONE for (a bug).
    """
    options = IcalOptions.of(context)
    language = describe.words(context.view)
    partnership = context.view.partnership
    meetings = context.view.meetings()
    files = [
        _meeting_calendar(
            context,
            options,
            path="calendar.ics",
            name=partnership.name,
            description=describe.calendar_description(partnership, language),
            meetings=meetings,
        )
    ]
    for body in context.view.public_bodies():  # a private body has no calendar
        files.append(
            _meeting_calendar(
                context,
                options,
                path=f"bodies/{body.id}.ics",
                name=describe.body_name(partnership, body, language),
                description=describe.body_description(body, language),
                meetings=[meeting for meeting in meetings if meeting.body == body.id],
            )
        )
    if options.deadlines:
        files.append(_deadline_calendar(context, options))
    return files
