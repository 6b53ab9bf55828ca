// Read .ics files with Mozilla's ical.js (Thunderbird's parser) and print what it understood.
//
// Usage: node read-ics.mjs FILE.ics [FILE.ics ...]
// Prints one JSON object: {"FILE.ics": {"name": ..., "timezones": [...], "events": [...]}}.
// Each file's VTIMEZONEs are registered with ICAL.TimezoneService (reset between files) before
// any event is read, so start and end instants come from the file's own time zone definitions.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function instant(time) {
  // UTC epoch milliseconds of an ICAL.Time, using the time zone it was read with.
  return time.toUnixTime() * 1000;
}

function day(time) {
  // An all-day date as [year, month, day], or null for a date-time.
  return time.isDate ? [time.year, time.month, time.day] : null;
}

function read(path) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  ICAL.TimezoneService.reset();
  const timezones = [];
  for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
    const timezone = new ICAL.Timezone(vtimezone);
    ICAL.TimezoneService.register(timezone);
    timezones.push(timezone.tzid);
  }
  const events = root.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const zone = event.startDate.zone;
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      location: event.location,
      status: vevent.getFirstPropertyValue("status"),
      sequence: event.sequence,
      start: instant(event.startDate),
      end: instant(event.endDate),
      allDay: event.startDate.isDate,
      startDay: day(event.startDate),
      endDay: day(event.endDate),
      zone: zone ? zone.tzid : null,
      zoneFromFile: Boolean(zone && zone.component),
    };
  });
  return {
    name: root.getFirstPropertyValue("x-wr-calname"),
    timezones,
    events,
  };
}

const result = {};
for (const path of process.argv.slice(2)) {
  result[path] = read(path);
}
process.stdout.write(JSON.stringify(result));
