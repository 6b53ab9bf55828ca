"""Hostile text in every text field comes out of every publisher escaped for its format.

The Cambridge example is rewritten so that every text field of the model — names, titles,
venues, notes, agenda items, plans, targets, assessments, reviews, change notes… — holds the
same hostile payload between two unique markers (``QX017S`` … ``QX017E``); addresses and email
addresses get hostile but valid values of their own.  Every installed publisher is built with
:func:`csp_core.build.build` at several instants, and each output is read back with a real
parser of its format:

- RSS and Atom with lxml (strict: no recovery, no entities) and feedparser (``bozo == 0``);
  the RSS ``description`` (channel and item) is HTML, so it is parsed once more as HTML;
- iCalendar with icalendar and vobject (and Mozilla's ical.js under node when installed);
- HTML with lxml.html: only the templates' elements, no event handler attributes, no script
  but JSON-LD, which parses with :func:`json.loads`.

Wherever a marker appears in a parsed text, the payload between it and its end marker is
exactly the payload written, after the one rule every publisher applies to control characters
(docs/plugins.md, "Escaping"): CR LF and a lone CR become LF; C0 controls but tab and LF, DEL,
C1 controls, lone surrogates and noncharacters become U+FFFD.  So nothing is double-escaped,
nothing is left unescaped, ``{{ 7*7 }}`` never becomes ``49``, and no field can inject markup.
"""

from __future__ import annotations

import csv
import datetime as dt
import email
import email.policy
import html
import importlib.util
import io
import itertools
import json
import re
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import attrs
import feedparser
import icalendar
import lxml.etree
import lxml.html
import pytest

from csp_core import (
    Action,
    ActionUpdate,
    Agency,
    AgendaItem,
    AnnualReview,
    Attendee,
    Body,
    CommunitySafetyPlan,
    Contact,
    Decision,
    Declaration,
    Document,
    LeadOfficer,
    Meeting,
    MeetingChange,
    Partnership,
    PartnershipTexts,
    Priority,
    Questions,
    Reading,
    Recommendation,
    Revision,
    StrategicAssessment,
    Target,
    Venue,
)
from csp_core.build import build
from csp_core.plugins import load_plugins
from csp_core.text import clean

ROOT = Path(__file__).parents[1]
BASE_URL = "https://csp.example.org/"
UTC = dt.UTC

#: The hostile strings, all in one payload.
HOSTILE = (
    "</script><script>alert(1)</script>",
    "]]>",
    "<![CDATA[",
    "&amp;",
    "&lt;b&gt;",
    "\"'><img src=x onerror=alert(1)>",
    "<!-- -->",
    "\\;,\\n\\N C:\\New",
    "a;b,c",
    "line\nbreak",
    "{{ 7*7 }}",
    "{% if true %}x{% endif %}",
    "%s %(x)s {0}",
    "\u202eevil\u202c",
    "\u2028\u2029",
    "\U0001f600 \u0174yl S\u00e0bhailteachd",
    "\t",
)
#: Control characters, a lone surrogate and a noncharacter: they go through the one rule.
CONTROLS = "\x00\x07\x1b\x7f\x85\x9f\r\n\rend\ud800\ufdd0\U0001fffe"
PAYLOAD = " ".join(HOSTILE) + " " + CONTROLS

#: The text fields of each model class (ids, references, addresses and enums are not text).
TEXT_FIELDS: dict[type, tuple[str, ...]] = {
    Partnership: ("name", "area", "purpose", "key_roles"),
    PartnershipTexts: (
        "plan_name",
        "assessment_name",
        "introduction",
        "plan",
        "priorities",
        "assessments",
        "meetings",
        "members",
    ),
    Contact: ("address", "phone"),
    Body: ("name", "description"),
    Agency: ("name", "short_name"),
    LeadOfficer: ("name", "role", "phone"),
    Reading: ("note",),
    Target: ("measure", "unit"),
    Priority: ("title", "summary", "aims"),
    Revision: ("note",),
    Document: ("title",),
    CommunitySafetyPlan: ("title", "summary"),
    Recommendation: ("text",),
    StrategicAssessment: ("title", "prepared_by", "topics", "sources"),
    AnnualReview: ("title", "summary"),
    Venue: ("name", "address"),
    Questions: ("how",),
    AgendaItem: ("number", "title", "presenter", "summary"),
    MeetingChange: ("note",),
    Meeting: ("title", "status_note"),
    Attendee: ("name", "role", "on_behalf_of"),
    Declaration: ("name", "interest"),
    Decision: ("resolution",),
    Action: ("title", "owner_role"),
    ActionUpdate: ("note",),
}
#: Fields holding a web address, and fields holding an email address.
URL_FIELDS: dict[type, tuple[str, ...]] = {
    Partnership: ("web",),
    Contact: ("web",),
    Agency: ("web",),
    Questions: ("url",),
}
EMAIL_FIELDS: dict[type, tuple[str, ...]] = {
    Contact: ("email",),
    LeadOfficer: ("email",),
    Questions: ("email",),
}
#: str fields that are not free text: ids, references, postcodes, digests, paths.
NOT_TEXT = {
    "id",
    "body",
    "agency",
    "priority",
    "replaced_by",
    "postcode",
    "sha256",
    "url",
    "papers",
    "site",  # the publishing address: --base-url overrides it in these builds
    "languages",  # language tags, checked against the catalogues
    "owner_agency",
    "raised",  # an action's meeting
    "meeting",  # an action update's meeting
}

MARKED = re.compile(r"QX(\d{3})S(.*?)(?:QX\1E|\Z)", re.DOTALL)
START = re.compile(r"QX\d{3}S")
INSTANTS = (
    dt.datetime(2018, 3, 1, 12, 0, tzinfo=UTC),
    dt.datetime(2019, 10, 1, 8, 0, tzinfo=UTC),
    dt.datetime(2020, 6, 1, 12, 0, tzinfo=UTC),
)

#: The elements the built-in templates write; anything else would have come from the data.
# fmt: off
ELEMENTS = {
    "html", "head", "meta", "title", "link", "script", "body", "a", "header", "p", "nav",
    "ul", "ol", "li", "main", "footer", "h1", "h2", "h3", "h4", "section", "strong", "span",
    "time", "dl", "dt", "dd", "address", "br", "div", "figure", "figcaption", "svg", "desc",
    "line", "text", "polyline", "circle", "table", "caption", "thead", "tbody", "tr", "th", "td",
    "hr",
}
# fmt: on
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}
SCHEMES = {"http", "https", "mailto", "tel", "webcal"}


def _forbidden(character: str) -> bool:
    code = ord(character)
    return (
        (code < 0x20 and character not in "\t\n")
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFE == 0xFFFE
    )


def by_the_rule(text: str) -> str:
    """``text`` as every publisher writes it: line breaks LF, forbidden code points U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join("\ufffd" if _forbidden(character) else character for character in text)


EXPECTED = by_the_rule(PAYLOAD)


@attrs.define
class Spiker:
    """Rewrites a partnership with the payload in every text field, a marker per field."""

    counter: Iterator[int] = attrs.field(factory=lambda: itertools.count(1))
    fields: dict[str, str] = attrs.field(factory=dict)
    """Marker number -> the field's path."""

    def text(self, path: str) -> str:
        number = next(self.counter)
        self.fields[f"{number:03d}"] = path
        return f"QX{number:03d}S{PAYLOAD}QX{number:03d}E"

    def url(self, path: str) -> str:
        number = next(self.counter)
        self.fields[f"{number:03d}"] = path
        return (
            f"https://example.org/QX{number:03d}U/<x>?a=1&b=\"'><img/src=x/onerror=alert(1)>#\u00e9"
        )

    def email(self, path: str) -> str:
        number = next(self.counter)
        self.fields[f"{number:03d}"] = path
        return f"QX{number:03d}U\"<b>&'?cc=x@example.org"

    def spike(self, value: Any, path: str = "partnership") -> Any:
        if isinstance(value, tuple):
            return tuple(self.spike(item, f"{path}[{index}]") for index, item in enumerate(value))
        if not attrs.has(type(value)):
            return value
        kind = type(value)
        changes: dict[str, Any] = {}
        for field in attrs.fields(kind):
            current = getattr(value, field.name)
            where = f"{path}.{field.name}"
            if field.name in TEXT_FIELDS.get(kind, ()) and (current, field.name) != (
                None,
                "on_behalf_of",  # only a substitute's: kept unset elsewhere
            ):
                if isinstance(current, tuple):
                    count = max(len(current), 2)
                    changes[field.name] = tuple(self.text(f"{where}[{i}]") for i in range(count))
                else:
                    changes[field.name] = self.text(where)
            elif field.name in URL_FIELDS.get(kind, ()):
                changes[field.name] = self.url(where)
            elif field.name in EMAIL_FIELDS.get(kind, ()):
                changes[field.name] = self.email(where)
            elif field.name == "public" and kind is LeadOfficer:
                changes[field.name] = True
            elif isinstance(current, tuple) or attrs.has(type(current)):
                changes[field.name] = self.spike(current, where)
        if kind is Meeting:
            _renumber_record(value, changes)
        elif kind is Partnership:
            _renumber_actions(value, changes)
        return attrs.evolve(value, **changes)


def _renumbered(meeting: Meeting, agenda: tuple[AgendaItem, ...]) -> dict[str | None, str | None]:
    """Each item number of ``meeting`` and the spiked number of the same item."""
    return {old.number: new.number for old, new in zip(meeting.agenda, agenda, strict=True)}


def _renumber_record(meeting: Meeting, changes: dict[str, Any]) -> None:
    """The record's declarations and decisions point at the spiked items' numbers."""
    record = changes.get("record")
    if record is None:
        return
    numbers = _renumbered(meeting, changes["agenda"])
    changes["record"] = attrs.evolve(
        record,
        declarations=tuple(attrs.evolve(d, item=numbers[d.item]) for d in record.declarations),
        decisions=tuple(attrs.evolve(d, item=numbers[d.item]) for d in record.decisions),
    )


def _renumber_actions(partnership: Partnership, changes: dict[str, Any]) -> None:
    """Each action raised under an item points at the spiked item's number."""
    spiked = {meeting.id: meeting for meeting in changes["meetings"]}
    actions: list[Action] = []
    for action in changes.get("actions", partnership.actions):
        if action.item is not None:
            raised = partnership.meeting(action.raised)
            numbers = _renumbered(raised, spiked[raised.id].agenda)
            action = attrs.evolve(action, item=numbers[action.item])  # noqa: PLW2901
        actions.append(action)
    changes["actions"] = tuple(actions)


def _enums(values: tuple[Any, ...]) -> bool:
    return bool(values) and all(isinstance(value, Enum) for value in values)


def unmarked_text_fields(value: Any, path: str = "partnership") -> Iterator[str]:
    """Paths of str fields that hold no marker and are not known to be other than text."""
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from unmarked_text_fields(item, f"{path}[{index}]")
        return
    if not attrs.has(type(value)):
        return
    for field in attrs.fields(type(value)):
        current = getattr(value, field.name)
        where = f"{path}.{field.name}"
        if field.name in NOT_TEXT:
            continue
        if isinstance(current, Enum) or (isinstance(current, tuple) and _enums(current)):
            continue
        if isinstance(current, str):
            if "QX" not in current:
                yield where
        elif isinstance(current, tuple) and current and isinstance(current[0], str):
            if not all("QX" in item for item in current):
                yield where
        else:
            yield from unmarked_text_fields(current, where)


@pytest.fixture(scope="module")
def hostile(cambridge: Partnership) -> tuple[Partnership, dict[str, str]]:
    """The Cambridge example with the payload in every text field, and the markers' fields."""
    spiker = Spiker()
    partnership = spiker.spike(cambridge)
    assert isinstance(partnership, Partnership)
    assert list(unmarked_text_fields(partnership)) == []
    return partnership, spiker.fields


@pytest.fixture(scope="module")
def outputs(
    hostile: tuple[Partnership, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> dict[dt.datetime, dict[str, bytes]]:
    """Every file of every installed publisher at each instant, by path."""
    partnership, _ = hostile
    built: dict[dt.datetime, dict[str, bytes]] = {}
    for at in INSTANTS:
        out = tmp_path_factory.mktemp("out") / "site"
        result = build(partnership, out, at, base_url=BASE_URL)
        assert result.failures == (), result.failures
        built[at] = {written.path: (out / written.path).read_bytes() for written in result.written}
    return built


# -- the checks ---------------------------------------------------------------------------------


def check_marked(text: str, where: str, found: set[str]) -> None:
    """Each marked payload in ``text`` reads back exactly as written (after the rule)."""
    for match in MARKED.finditer(text):
        number, payload = match.groups()
        assert payload == EXPECTED, f"{where}: field QX{number} reads back as {payload!r}"
        assert match.group(0).endswith(f"QX{number}E"), f"{where}: QX{number} cut short"
        found.add(number)


def check_url(address: str, where: str) -> None:
    """A link: an allowed scheme (or a relative path), nothing a URI may not hold."""
    assert not re.search(r"[\s<>\"`\\{}|^\x00-\x1f\x7f]", address), f"{where}: {address!r}"
    assert address.isascii(), f"{where}: {address!r}"
    scheme = urlsplit(address).scheme.lower()
    assert scheme in SCHEMES or (not scheme and ":" not in address.partition("/")[0]), (
        f"{where}: {address!r}"
    )
    if scheme == "mailto":
        query = urlsplit(address).query
        assert set(re.findall(r"(?:^|&)([^=&]*)=", query)) <= {"subject"}, f"{where}: {address!r}"


def html_text(fragment: str, where: str) -> str:
    """The text of an HTML fragment (an RSS description), which must hold no element."""
    if not fragment:
        return ""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    assert len(root) == 0, f"{where}: markup in HTML text: {fragment[:200]!r}"
    return str(root.text_content())


# XML


def _xml_strings(content: bytes, name: str) -> Iterator[tuple[str, str, bool]]:
    """(where, text, is an address) of every text and attribute of a feed."""
    parser = lxml.etree.XMLParser(
        recover=False, resolve_entities=False, no_network=True, load_dtd=False
    )
    root = lxml.etree.fromstring(content, parser=parser)
    for element in root.iter():
        assert isinstance(element.tag, str), f"{name}: {element!r} (comment or PI)"
        local = lxml.etree.QName(element).localname
        parent = element.getparent()
        in_rss = root.tag == "rss"
        for attribute, value in element.attrib.items():
            yield f"{name} <{local} {attribute}>", value, attribute in {"href", "uri"}
        text = element.text or ""
        if local == "description" and in_rss:
            text = html_text(text, f"{name} <description>")
        is_address = local in {"link", "uri", "docs"} and (in_rss or local == "uri")
        if len(element) == 0:
            yield (
                f"{name} <{local}> in <{parent.tag if parent is not None else ''}>",
                text,
                (is_address),
            )


def check_feed(content: bytes, name: str, found: set[str]) -> None:
    assert b"<![CDATA[" not in content, f"{name}: a CDATA section"
    for where, text, address in _xml_strings(content, name):
        if address:
            check_url(text, where)
        else:
            check_marked(text, where, found)
    parsed = feedparser.parse(content)
    assert parsed.bozo == 0, f"{name}: {parsed.get('bozo_exception')}"
    details = [parsed.feed.get("title_detail"), parsed.feed.get("subtitle_detail")]
    for entry in parsed.entries:
        details += [entry.get("title_detail"), entry.get("summary_detail")]
    for detail in details:
        if detail is None:
            continue
        value = detail["value"]
        if detail["type"] == "text/html":
            value = html_text(value, f"{name} (feedparser)")
        check_marked(value, f"{name} (feedparser)", found)


# Open data (csp-opendata): JSON and CSV

#: JSON keys and CSV columns holding an address.
_ADDRESS_KEYS = {"url", "home_page_url", "feed_url", "join_url", "webcast_url", "recording_url"}
_ADDRESS_KEYS |= {"web"}


def _data_strings(value: Any, where: str, key: str = "") -> Iterator[tuple[str, str, bool]]:
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _data_strings(item, f"{where}.{name}", name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _data_strings(item, f"{where}[{index}]", key)
    elif isinstance(value, str):
        yield where, value, key in _ADDRESS_KEYS


def check_json(content: bytes, name: str, found: set[str]) -> None:
    """Open data JSON: every string reads back as written; addresses are addresses."""
    for where, text, address in _data_strings(json.loads(content.decode("utf-8")), name):
        if address:
            check_url(text, where)
        else:
            check_marked(text, where, found)


def check_csv(content: bytes, name: str, found: set[str]) -> None:
    """Open data CSV, read back by the csv module: every cell as written."""
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    header = rows[0]
    for number, row in enumerate(rows[1:], 2):
        assert len(row) == len(header), f"{name} row {number}: {len(row)} cells"
        for column, cell in zip(header, row, strict=True):
            where = f"{name} row {number} {column}"
            if column in _ADDRESS_KEYS:
                if cell:
                    check_url(cell, where)
            else:
                check_marked(cell, where, found)


# Email digests (csp-email): RFC 5322, read back by the standard library


def check_email(content: bytes, name: str, found: set[str]) -> None:
    """A digest: only our headers (data cannot add one), each text as written on one line;
    the HTML part as a page, the plain part as written with its white space collapsed."""
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    assert not message.defects, f"{name}: {message.defects}"
    ours = {"From", "Subject", "Date", "Message-ID", "List-Id", "Auto-Submitted"}
    ours |= {"MIME-Version", "Content-Type", "Content-Language"}
    assert set(message.keys()) <= ours, f"{name}: headers {message.keys()}"
    one_line = " ".join(EXPECTED.split())

    def collapsed(value: str, where: str) -> None:
        for match in MARKED.finditer(value):
            number, payload = match.groups()
            assert " ".join(payload.split()) == one_line, f"{where}: QX{number} as {payload!r}"
            found.add(number)

    collapsed(message["From"].addresses[0].display_name, f"{name} From")
    collapsed(str(message["Subject"]), f"{name} Subject")
    collapsed(str(message["List-Id"]), f"{name} List-Id")
    plain = message.get_body(preferencelist=("plain",))
    markup = message.get_body(preferencelist=("html",))
    assert plain is not None
    assert markup is not None
    collapsed(plain.get_content(), f"{name} text/plain")
    check_page(markup.get_content().encode("utf-8"), f"{name} text/html", found)


# iCalendar


def _unescape_text(value: str) -> str:
    """RFC 5545 TEXT unescaping, for properties icalendar does not type (NAME, X-WR-*)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _calendar_value(value: Any, key: str, where: str, found: set[str]) -> None:
    if key in {"URL", "SOURCE"}:
        check_url(value.to_ical().decode("utf-8"), where)
    elif isinstance(value, icalendar.vText):
        check_marked(str(value), where, found)
    elif isinstance(value, str):
        check_marked(_unescape_text(str(value)), where, found)
    for parameter in getattr(value, "params", {}).values():
        assert "QX" not in str(parameter), f"{where}: data in a parameter"


def _vobject_lines(component: Any) -> Iterator[Any]:
    yield from component.lines()
    for sub in component.components():
        yield from _vobject_lines(sub)


def check_calendar(content: bytes, name: str, found: set[str]) -> None:
    calendar = icalendar.Calendar.from_ical(content)
    for component in calendar.walk():
        assert not getattr(component, "errors", None), f"{name}: {component.errors}"
        for key, value in component.property_items(recursive=False):
            if key not in {"BEGIN", "END"}:
                _calendar_value(value, key, f"{name} {component.name}.{key}", found)
    vobject = pytest.importorskip("vobject")
    # vobject unescapes every TEXT property, NAME and X-WR-CALNAME included.
    for line in _vobject_lines(vobject.readOne(content.decode("utf-8"))):
        if isinstance(line.value, str) and line.name not in {"URL", "SOURCE", "UID"}:
            check_marked(line.value, f"{name} (vobject) {line.name}", found)


# HTML


def _json_strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _json_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _json_strings(value)


def check_page(content: bytes, name: str, found: set[str]) -> None:
    text = content.decode("utf-8")
    page = lxml.html.document_fromstring(text)
    scripts = 0
    for element in page.iter():
        if not isinstance(element.tag, str):
            assert not isinstance(element, lxml.html.HtmlComment), f"{name}: a comment"
            continue
        tag = element.tag.split("}")[-1]
        assert tag in ELEMENTS, f"{name}: injected <{tag}>"
        for attribute, value in element.attrib.items():
            where = f"{name} <{tag} {attribute}>"
            assert not attribute.lower().startswith("on"), f"{where}: event handler"
            assert attribute not in {"src", "style", "srcdoc", "formaction"}, where
            if attribute in URL_ATTRIBUTES:
                check_url(value, where)
            else:
                check_marked(value, where, found)
        if tag == "script":
            scripts += 1
            assert dict(element.attrib) == {"type": "application/ld+json"}, f"{name}: script"
            source = element.text or ""
            for closing in ("</", "<!--", "\u2028", "\u2029"):
                assert closing not in source, f"{name}: {closing!r} in JSON-LD"
            for string in _json_strings(json.loads(source)):
                check_marked(string, f"{name} JSON-LD", found)
            continue
        for piece in (element.text, element.tail):
            if piece:
                check_marked(piece, f"{name} <{tag}>", found)
    assert text.count("</script>") == scripts, f"{name}: a script closed early"
    assert text.lower().count("<script") == scripts, f"{name}: an injected script"


# -- the tests ------------------------------------------------------------------------------


def _ical_readers() -> ModuleType:
    path = ROOT / "plugins" / "csp-ical" / "tests" / "ical_readers.py"
    spec = importlib.util.spec_from_file_location("csp_ical_test_readers", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class TestEveryFieldEveryPublisher:
    def test_every_text_field_is_hostile(self, hostile: tuple[Partnership, dict[str, str]]) -> None:
        """The rewrite reached every text field of the model (so the rest cannot pass vacuously)."""
        partnership, fields = hostile
        assert list(unmarked_text_fields(partnership)) == []
        assert len(fields) > 300

    def test_the_publishers_are_installed(self) -> None:
        """The four built-in publishers are the ones under test here."""
        assert {"ical", "rss", "html", "opendata"} <= set(load_plugins().publishers)

    def test_every_output_reads_back_exactly(
        self,
        outputs: dict[dt.datetime, dict[str, bytes]],
        hostile: tuple[Partnership, dict[str, str]],
    ) -> None:
        """Every feed, calendar and page parses, and every marked text reads back as written."""
        _, fields = hostile
        kinds = ("feed", "calendar", "page", "data", "email")
        found: dict[str, set[str]] = {kind: set() for kind in kinds}
        for files in outputs.values():
            for name, content in files.items():
                if name.endswith(".xml"):
                    check_feed(content, name, found["feed"])
                elif name.endswith(".ics"):
                    check_calendar(content, name, found["calendar"])
                elif name.endswith(".html"):
                    check_page(content, name, found["page"])
                elif name.endswith(".json"):
                    check_json(content, name, found["data"])
                elif name.endswith(".csv"):
                    check_csv(content, name, found["data"])
                elif name.endswith(".eml"):
                    check_email(content, name, found["email"])
                else:
                    assert b"QX" not in content, f"{name}: data in a file of unknown format"
        shown = {kind: {fields[number] for number in numbers} for kind, numbers in found.items()}
        for kind in kinds:
            assert "partnership.name" in shown[kind], kind
            # The digests hold the last 28 days' news only: meeting 0's papers at these instants.
            meeting = 0 if kind == "email" else 5
            assert f"partnership.meetings[{meeting}].title" in shown[kind], kind
        for path in (
            "partnership.area",
            "partnership.purpose",
            "partnership.contact.address[0]",
            "partnership.contact.phone",
            "partnership.bodies[0].name",
            "partnership.agencies[0].name",
            "partnership.meetings[5].venue.name",
            "partnership.meetings[5].questions.how",
            "partnership.meetings[5].agenda[0].title",
            "partnership.meetings[5].agenda[0].summary",
            "partnership.meetings[4].status_note",
            "partnership.plans[0].title",
            "partnership.plans[0].priorities[0].title",
            "partnership.plans[0].priorities[0].aims[0]",
            "partnership.plans[0].priorities[0].lead.name",
            "partnership.plans[0].priorities[0].lead.role",
            "partnership.plans[0].priorities[0].targets[0].measure",
            "partnership.plans[0].priorities[0].targets[0].unit",
            "partnership.assessments[0].title",
            "partnership.assessments[0].topics[0]",
            "partnership.assessments[0].recommendations[0].text",
            "partnership.annual_reviews[0].title",
            "partnership.texts.plan_name",
            "partnership.texts.assessment_name",
            "partnership.texts.introduction[1]",
            "partnership.texts.plan[0]",
            "partnership.texts.priorities",
            "partnership.texts.assessments[0]",
            "partnership.texts.meetings[1]",
            "partnership.texts.members[0]",
        ):
            assert path in shown["page"], f"{path} is not on any page"
        assert len(shown["page"]) > 150
        assert any(".location" not in path and "venue" in path for path in shown["calendar"])
        assert any("documents" in path for path in shown["feed"])

    def test_ical_js_reads_the_same_text(
        self,
        outputs: dict[dt.datetime, dict[str, bytes]],
    ) -> None:
        """Mozilla's ical.js reads every SUMMARY, LOCATION and DESCRIPTION as written."""
        readers = _ical_readers()
        readers.install_ical_js()  # npm ci from the pinned lock file, as the ical tests do
        files = outputs[INSTANTS[1]]
        calendars = {name: content for name, content in files.items() if name.endswith(".ics")}
        found: set[str] = set()
        for name, events in readers.read_ical_js(calendars).items():
            for event in events:
                for value in (event.summary, event.description, event.location):
                    if value is not None:
                        check_marked(value, f"{name} (ical.js)", found)
        assert found


class TestOneRuleForControlCharacters:
    def test_the_one_cleaner_follows_the_rule(self) -> None:
        """Every code point gets the rule's treatment from csp_core.text.clean, the cleaner all
        publishers use (their outputs are held to the same rule by the read-back tests above)."""
        every = "".join(chr(code) for code in range(0x110000))
        assert clean(every) == by_the_rule(every)
        for sample in ("a\r\nb", "a\rb", "a\n\rb", "\r\r\n"):
            assert clean(sample) == by_the_rule(sample)

    def test_a_mailto_link_adds_no_header(self) -> None:
        """A hostile address cannot add a header field; a subject stays on one line."""
        from csp_html.links import mailto

        link = mailto('a?cc=evil@x.org&bcc=y"<b>@example.org', "Request: a\r\nBcc: z@x.org\x00")
        assert link.startswith("mailto:a%3Fcc%3Devil@x.org%26bcc%3Dy%22%3Cb%3E@example.org?")
        assert link.endswith("?subject=Request%3A%20a%20Bcc%3A%20z%40x.org%EF%BF%BD")

    def test_html_escape_of_the_payload_is_not_the_payload(self) -> None:
        """The payload really is hostile: escaping changes it in every format."""
        assert html.escape(PAYLOAD) != PAYLOAD
        for hostile in ("<script>", "]]>", "\\;", "{{ 7*7 }}", "\u2028"):
            assert hostile in PAYLOAD
