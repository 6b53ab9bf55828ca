// Read the CONFERENCE properties (RFC 7986) of each event with Mozilla's ical.js.
//
// Usage: node read-conference.mjs FILE.ics
// Prints one JSON object: {"UID": {"location": ..., "conferences": [[uri, feature, label], ...]}}.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const root = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
const result = {};
for (const vevent of root.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(vevent);
  result[event.uid] = {
    location: event.location,
    conferences: vevent.getAllProperties("conference").map((property) => {
      const feature = property.getParameter("feature");
      return [
        property.getFirstValue(),
        Array.isArray(feature) ? feature.join(",") : feature,
        property.getParameter("label"),
        property.type,
      ];
    }),
  };
}
process.stdout.write(JSON.stringify(result));
