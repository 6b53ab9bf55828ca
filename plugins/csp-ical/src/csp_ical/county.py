"""The county calendar: every public meeting of every partnership built together.

``calendar.ics`` at the top of the output folder (see docs/county.md).  Each partnership's
events are exactly those of its own ``calendar.ics`` (the same UIDs, which name the
partnership, so they are unique across the set); every partnership in one time zone shares
one VTIMEZONE, made to cover all their instants.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs
from icalendar import Calendar, Component
from icalendar.prop import vDuration, vUri

from csp_core import BuildContext, CombinedContext, OutputFile, i18n, text
from csp_ical import describe
from csp_ical.calendars import MEDIA_TYPE, PRODID, _meeting_calendar, _removed, clock_instants
from csp_ical.options import IcalOptions
from csp_ical.text import Text

__all__ = ["PATH", "render_county"]

PATH = "calendar.ics"


def _owner(uid: str) -> str:
    """The partnership id a UID names: ``m1@cambridge.csp-core``, ``s@series.x.csp-core``."""
    domain = uid.rpartition("@")[2].removesuffix(".csp-core")
    return domain.removeprefix("series.")


def _only(previous: bytes | None, keep: Sequence[str]) -> bytes | None:
    """The previous county calendar with only the events of the partnerships ``keep``."""
    if previous is None:
        return None
    try:
        old = Calendar.from_ical(previous)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    kept = Calendar()
    owners = set(keep)  # looked up once per event
    for component in old.subcomponents:
        if component.name == "VTIMEZONE" or (
            component.name == "VEVENT" and _owner(str(component.get("UID", ""))) in owners
        ):
            kept.add_component(component)
    data: bytes = kept.to_ical()
    return data


def _header(context: CombinedContext, options: IcalOptions, language: i18n.Language) -> Calendar:
    members = [member.view.partnership for member in context.members]
    names = ", ".join(partnership.name for partnership in members)
    calendar = Calendar.new(
        uid=f"{PATH}@{'+'.join(partnership.id for partnership in members)}.csp-core",
        prodid=PRODID,
        method="PUBLISH",
        calscale="GREGORIAN",
        name=Text(language.gettext("Public meetings: {partnerships}", partnerships=names)),
        description=Text(
            language.gettext(
                "Public meetings of these partnerships in one calendar: {partnerships}. When "
                "and where, agendas, papers and how to ask a question.",
                partnerships=names,
            )
        ),
        color=options.color,
    )
    zones = sorted({partnership.timezone.key for partnership in members})
    if len(zones) == 1:
        calendar.add("X-WR-TIMEZONE", Text(zones[0]))
    calendar.add("REFRESH-INTERVAL", options.refresh_interval, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(options.refresh_interval))
    source = context.url(PATH)
    if source is not None:
        calendar.add("SOURCE", vUri(text.clean_url(source)), parameters={"VALUE": "URI"})
    return calendar


def render_county(context: CombinedContext) -> list[OutputFile]:
    """The county calendar of ``context``: the same context always gives the same bytes."""
    if not context.members:
        return []
    previous = context.previous.get(PATH)
    ids = [member.view.partnership.id for member in context.members]
    members: list[BuildContext] = []
    for member in context.members:
        own = _only(previous, [member.view.partnership.id])
        members.append(attrs.evolve(member, previous={} if own is None else {PATH: own}))
    options = IcalOptions.of(members[0])
    # One VTIMEZONE per zone, covering every instant of every partnership in it.
    covered: dict[str, list[dt.datetime]] = {}
    for member in members:
        key = member.view.partnership.timezone.key
        covered.setdefault(key, []).extend(
            clock_instants(member, options, PATH, list(member.view.meetings()))
        )
    language = i18n.language(context.language, describe.CATALOGUE)
    calendar = _header(context, options, language)
    zones: dict[str, Component] = {}
    events: list[Component] = []
    for member in members:
        partnership = member.view.partnership
        made_file = _meeting_calendar(
            member,
            options,
            path=PATH,
            name=partnership.name,
            description=partnership.name,
            meetings=member.view.meetings(),
            also=covered[partnership.timezone.key],
        )
        made = Calendar.from_ical(made_file.content)
        for component in made.subcomponents:
            if component.name == "VTIMEZONE":
                zones.setdefault(str(component["TZID"]), component)
            else:
                events.append(component)
    # The events of a partnership no longer in the set, sent once more, cancelled.
    left = sorted({_owner(uid) for uid in _uids(previous)} - set(ids))
    gone = _only(previous, left) if left else None
    if gone is not None:
        events += _removed(attrs.evolve(members[0], previous={PATH: gone}), PATH, set())
    for key in sorted(zones):
        calendar.add_component(zones[key])
    for event in events:
        calendar.add_component(event)
    return [
        OutputFile(path=PATH, content=calendar.to_ical(), media_type=MEDIA_TYPE, items=len(events))
    ]


def _uids(previous: bytes | None) -> list[str]:
    if previous is None:
        return []
    try:
        return [str(event.get("UID", "")) for event in Calendar.from_ical(previous).walk("VEVENT")]
    except (ValueError, KeyError, TypeError, AttributeError):
        return []
