// Read .ics files with Mozilla's ical.js (Thunderbird's parser) and print every occurrence.
//
// Usage: node read-occurrences.mjs FILE.ics [FILE.ics ...]
// Prints one JSON object: {"FILE.ics": [{"uid", "start", "end", "status", "summary", "allDay",
// "startDay", "endDay"}, ...]} with start and end as UTC epoch milliseconds.
// Each file's VTIMEZONEs are registered with ICAL.TimezoneService first.  The VEVENTs of a UID
// are one ICAL.Event: the master (no RECURRENCE-ID) with every override related to it by
// relateException, expanded by its iterator (RRULE, RDATE, EXDATE); getOccurrenceDetails
// gives each instance's own start, end and component (the override's, when it has one).
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const LIMIT = 100000; // a series is finite (COUNT or UNTIL); this only stops a runaway loop

function day(time) {
  return time.isDate ? [time.year, time.month, time.day] : null;
}

function record(uid, component, start, end) {
  return {
    uid,
    summary: component.getFirstPropertyValue("summary"),
    status: component.getFirstPropertyValue("status"),
    start: start.toUnixTime() * 1000,
    end: end.toUnixTime() * 1000,
    allDay: start.isDate,
    startDay: day(start),
    endDay: day(end),
  };
}

function read(path) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  ICAL.TimezoneService.reset();
  for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  const byUid = new Map();
  for (const vevent of root.getAllSubcomponents("vevent")) {
    const uid = vevent.getFirstPropertyValue("uid");
    if (!byUid.has(uid)) byUid.set(uid, { masters: [], overrides: [] });
    const group = byUid.get(uid);
    (vevent.hasProperty("recurrence-id") ? group.overrides : group.masters).push(vevent);
  }
  const found = [];
  for (const [uid, { masters, overrides }] of byUid) {
    for (const master of masters) {
      const event = new ICAL.Event(master);
      if (!event.isRecurring()) {
        found.push(record(uid, master, event.startDate, event.endDate));
        continue;
      }
      for (const override of overrides) {
        event.relateException(new ICAL.Event(override));
      }
      const iterator = event.iterator();
      let next;
      let count = 0;
      while ((next = iterator.next()) && count++ < LIMIT) {
        const details = event.getOccurrenceDetails(next);
        found.push(record(uid, details.item.component, details.startDate, details.endDate));
      }
    }
    if (masters.length === 0) {
      // Overrides of no master: a client shows each on its own.
      for (const override of overrides) {
        const event = new ICAL.Event(override);
        found.push(record(uid, override, event.startDate, event.endDate));
      }
    }
  }
  return found;
}

const result = {};
for (const path of process.argv.slice(2)) {
  result[path] = read(path);
}
process.stdout.write(JSON.stringify(result));
