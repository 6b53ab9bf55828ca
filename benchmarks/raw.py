"""csp-core's publishers side by side with the raw libraries they write with.

Run: ``python benchmarks/raw.py [--years 10] [--repeat 5] [--profile]``.

One synthetic partnership (``benchmarks/generate.py``: a board, a sub-group's ``[[series]]``, a
private group, plans, assessments, reviews; ``--years`` of meetings) is loaded, its public view
taken at the data's present, and each built-in publisher's ``render`` timed against the raw
library doing the same writing with no csp-core around it:

- **ical** against icalendar: every calendar the publisher made is read back (outside the
  timer) into plain Python values, property by property, VTIMEZONE included; the raw side then
  builds the same components with ``icalendar.Component.add`` and serialises them with
  ``to_ical``.  The same properties, values and parameters, in the same order.
- **rss** against feedgen: every Atom feed the publisher made is read back into its channel and
  entries (ids, titles, links, summaries, categories, dates); the raw side makes each feed in
  both formats with the same feedgen calls csp-rss makes (one generator per format, the RSS
  description HTML-escaped as RSS needs), with none of csp-core's derivation or cleaning.
- **html** against Jinja2: each page's template and context are captured during one render;
  the raw side renders the same compiled templates with the same contexts, leaving out
  csp-core's derivation of the contexts (and the stylesheet, a copy).

Each side is timed best of ``--repeat`` with ``time.perf_counter`` (wall) and
``time.process_time`` (CPU of this process); the view is built once, before, and timed on its
own.  The ratio is ours over raw: what csp-core adds to the library's own work.  The raw
side's bytes are compared with ours (``same bytes``): where they differ, the comparison is not
like for like, and the table says so.  ``--profile`` adds the top functions (cumulative time)
of each of our renders.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import html
import io
import pstats
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]
from icalendar import Calendar
from icalendar.cal.component_factory import ComponentFactory
from icalendar.prop import vDDDLists, vGeo

import csp_core
from csp_core import BuildContext, OutputFile, parse_options, public_view
from csp_core.plugins import publishers

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import default_now, generate

__all__ = ["compare", "main"]

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def best(step: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The best wall and CPU (process) times of ``repeat`` runs of ``step``, in seconds."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        step()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return min(walls), min(cpus)


# -- icalendar ---------------------------------------------------------------------------------

Spec = tuple[str, list[tuple[str, object, dict[str, Any]]], list[Any]]


def _plain(prop: Any) -> object:
    """A property's value as plain Python, as a caller of icalendar would hold it."""
    if isinstance(prop, vDDDLists):
        return [each.dt for each in prop.dts]
    if isinstance(prop, vGeo):
        return (prop.latitude, prop.longitude)
    for attribute in ("dt", "td", "cats"):
        if hasattr(prop, attribute):
            return getattr(prop, attribute)
    if isinstance(prop, dict):  # vRecur
        return dict(prop)
    if isinstance(prop, int):
        return int(prop)
    return str(prop)


def _ical_spec(component: Any) -> Spec:
    """A component's name, properties (name, plain value, parameters) and subcomponents."""
    properties = [
        (name, _plain(prop), dict(prop.params))
        for name, prop in component.property_items(recursive=False, sorted=False)
        if name not in {"BEGIN", "END"}
    ]
    return component.name, properties, [_ical_spec(sub) for sub in component.subcomponents]


def _ical_build(spec: Spec, factory: Any, geo: type) -> Any:
    name, properties, subcomponents = spec
    component = factory[name]()
    for key, value, parameters in properties:
        # GEO in fixed-point decimals, as csp-ical writes it (docs/ical.md).
        written = geo(value) if key == "GEO" else value
        component.add(key, written, parameters=parameters or None)
    for sub in subcomponents:
        component.add_component(_ical_build(sub, factory, geo))
    return component


def raw_ical(ours: list[OutputFile]) -> Callable[[], list[bytes]]:
    """icalendar alone making the calendars in ``ours``: the step to time."""

    class FixedGeo(vGeo):
        """GEO as ``52.219900;-0.072700``, not ``52.2199;-0.0727``."""

        def to_ical(self) -> str:
            return f"{self.latitude:.6f};{self.longitude:.6f}"

    specs = [_ical_spec(Calendar.from_ical(file.content)) for file in ours]
    factory = ComponentFactory()
    return lambda: [_ical_build(spec, factory, FixedGeo).to_ical() for spec in specs]


# -- feedgen -----------------------------------------------------------------------------------


def _text(element: ET.Element, tag: str) -> str:
    found = element.find(ATOM + tag)
    return "" if found is None or found.text is None else found.text


def _found(element: ET.Element, tag: str) -> ET.Element:
    found = element.find(ATOM + tag)
    if found is None:
        msg = f"no {tag} in {element.tag}"
        raise ValueError(msg)
    return found


def _feed_spec(atom: bytes) -> dict[str, Any]:
    """An Atom feed read back: the channel's fields and its entries."""
    root = ET.fromstring(atom)  # noqa: S314 - our own output
    links = {link.get("rel"): link for link in root.findall(ATOM + "link")}
    author = _found(root, "author")
    entries = []
    for entry in root.findall(ATOM + "entry"):
        category = _found(entry, "category")
        link = _found(entry, "link")
        entries.append(
            {
                "id": _text(entry, "id"),
                "title": _text(entry, "title"),
                "link": link.get("href"),
                "summary": _text(entry, "summary"),
                "term": category.get("term"),
                "label": category.get("label"),
                "published": dt.datetime.fromisoformat(_text(entry, "published")),
                "updated": dt.datetime.fromisoformat(_text(entry, "updated")),
            }
        )
    return {
        "id": _text(root, "id"),
        "title": _text(root, "title"),
        "subtitle": _text(root, "subtitle"),
        "language": root.get(XML_LANG),
        "author": {
            key: _text(author, key) for key in ("name", "uri", "email") if _text(author, key)
        },
        "self": links["self"].get("href") if "self" in links else None,
        "site": links["alternate"].get("href"),
        "generator": _text(root, "generator"),
        "updated": dt.datetime.fromisoformat(_text(root, "updated")),
        "entries": entries,
    }


def _feedgen(spec: dict[str, Any], *, rss: bool) -> bytes:
    """The feed written by feedgen alone, with the calls csp-rss makes."""
    generator = FeedGenerator()
    generator.id(spec["id"])
    generator.title(spec["title"])
    generator.description(html.escape(spec["subtitle"], quote=False) if rss else spec["subtitle"])
    generator.language(spec["language"])
    author = spec["author"]
    if "email" in author:
        generator.managingEditor(f"{author['email']} ({author['name']})")
    generator.author(author)
    media = "application/rss+xml" if rss else "application/atom+xml"
    if spec["self"] is not None:
        generator.link(
            href=spec["self"].replace("atom.xml", "rss.xml") if rss else spec["self"],
            rel="self",
            type=media,
        )
    generator.link(href=spec["site"], rel="alternate", type="text/html")
    generator.generator(spec["generator"])
    generator.updated(spec["updated"])
    for item in spec["entries"]:
        entry = generator.add_entry(order="append")
        entry.id(item["id"])
        entry.title(item["title"])
        entry.link(href=item["link"], rel="alternate")
        if rss:
            entry.description(html.escape(item["summary"], quote=False))
        else:
            entry.summary(item["summary"])
        entry.category(term=item["term"], label=item["label"])
        entry.published(item["published"])
        entry.updated(item["updated"])
    write = generator.rss_str if rss else generator.atom_str
    value: bytes = write(pretty=True, encoding="UTF-8", xml_declaration=True)
    return value


def raw_feeds(ours: list[OutputFile]) -> Callable[[], list[bytes]]:
    """feedgen alone making the feeds in ``ours`` (each Atom feed, and its RSS twin)."""
    specs = [_feed_spec(file.content) for file in ours if file.path.endswith("atom.xml")]
    return lambda: [_feedgen(spec, rss=rss) for spec in specs for rss in (True, False)]


def _in_raw_order(ours: list[OutputFile]) -> list[bytes]:
    """Our feeds in the order :func:`raw_feeds` makes them: each Atom feed's RSS, then it."""
    by_path = {file.path: file.content for file in ours}
    order = []
    for file in ours:
        if file.path.endswith("atom.xml"):
            order += [by_path[file.path.replace("atom.xml", "rss.xml")], file.content]
    return order


# -- Jinja2 ------------------------------------------------------------------------------------


def raw_pages(render: Callable[[], list[OutputFile]]) -> tuple[Callable[[], list[bytes]], int]:
    """Jinja2 alone rendering our pages: the same templates, given the contexts ready-made."""
    captured: list[tuple[jinja2.Template, tuple[Any, ...], dict[str, Any]]] = []
    original = jinja2.Template.render

    def record(self: jinja2.Template, *args: Any, **kwargs: Any) -> str:
        captured.append((self, args, kwargs))
        return original(self, *args, **kwargs)

    jinja2.Template.render = record  # type: ignore[method-assign]
    try:
        render()
    finally:
        jinja2.Template.render = original  # type: ignore[method-assign]
    return (
        lambda: [
            template.render(*args, **kwargs).encode("utf-8") for template, args, kwargs in captured
        ]
    ), len(captured)


# -- the comparison ------------------------------------------------------------------------------


def _profile(step: Callable[[], object], top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    step()
    profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("cumulative").print_stats(top)
    lines = [line for line in stream.getvalue().splitlines() if line.strip()]
    start = next(n for n, line in enumerate(lines) if "ncalls" in line)
    return "\n".join(lines[start:])


def compare(years: int, repeat: int, *, profile: int = 0) -> list[str]:
    """The Markdown report: one row per publisher, ours against the raw library."""
    lines = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "county"
        generate(folder, 1, years)
        (data,) = folder.iterdir()
        partnership = csp_core.load(data)
        at = default_now(years, 2025).replace(tzinfo=partnership.timezone)
    view_s = best(lambda: public_view(partnership, at), repeat)
    view = public_view(partnership, at)
    registry = publishers()
    meetings = len(view.partnership.meetings)
    lines.append(
        f"One partnership, {years} years: {len(partnership.meetings)} meetings "
        f"({meetings} public at {at:%Y-%m-%d %H:%M}); the public view "
        f"{view_s[0] * 1000:.0f} ms (not in the rows below). Best of {repeat}, "
        f"Python {sys.version.split()[0]}."
    )
    lines.append("")
    lines.append(
        "| publisher | files | ours (wall / CPU) | raw library (wall / CPU) | ratio (wall / CPU) "
        "| same bytes |"
    )
    lines.append("|---|---:|---:|---:|---:|---|")
    profiles = []
    for name, library in (("ical", "icalendar"), ("rss", "feedgen"), ("html", "Jinja2")):
        if name not in registry:
            continue
        publisher = registry[name].publisher
        context = BuildContext(
            view=view,
            options=parse_options(publisher, {}),
            base_url=partnership.site,
            languages=partnership.languages,
        )

        def ours(publisher: Any = publisher, context: BuildContext = context) -> list[OutputFile]:
            return list(publisher.render(context))

        made = ours()
        if name == "ical":
            raw = raw_ical(made)
            expected = [file.content for file in made]
            files = len(made)
        elif name == "rss":
            raw = raw_feeds(made)
            expected = _in_raw_order(made)
            files = len(made)
        else:
            raw, files = raw_pages(ours)
            expected = [file.content for file in made if file.path.endswith(".html")]
        ours_s = best(ours, repeat)
        raw_s = best(raw, repeat)
        made_raw = raw()
        same = made_raw == expected
        if not same:
            differ = sum(a != b for a, b in zip(made_raw, expected, strict=False))
            same_text = f"no: {differ} of {len(expected)} files differ"
        else:
            same_text = "yes"
        lines.append(
            f"| {name} vs {library} | {files} | {ours_s[0] * 1000:.1f} / {ours_s[1] * 1000:.1f} ms "
            f"| {raw_s[0] * 1000:.1f} / {raw_s[1] * 1000:.1f} ms "
            f"| {ours_s[0] / raw_s[0]:.2f}× / {ours_s[1] / raw_s[1]:.2f}× | {same_text} |"
        )
        if profile:
            profiles += ["", f"Profile of ours, {name} (top {profile} by cumulative time):", ""]
            profiles += ["```", _profile(ours, profile), "```"]
    return lines + profiles


def main(argv: Sequence[str] | None = None) -> None:
    """Print the comparison as Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=10, help="years of meetings (default 10)")
    parser.add_argument("--repeat", type=int, default=5, help="best of how many (default 5)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="top N functions")
    arguments = parser.parse_args(argv)
    print("\n".join(compare(arguments.years, arguments.repeat, profile=arguments.profile)))


if __name__ == "__main__":
    main()
