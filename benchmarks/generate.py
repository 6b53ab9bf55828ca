"""A synthetic county (or nation) of partnerships, deterministic from a seed.

Run: ``python benchmarks/generate.py OUT [--partnerships 3] [--years 1] [--seed 16]``.

It writes ``OUT`` as a folder of partnership folders, the layout ``csp build OUT`` takes as a
county (docs/county.md), each folder one partnership that ``csp validate`` accepts
(docs/data-files.md).  The same arguments always give the same files, byte for byte.  Each
partnership is realistic in shape rather than in detail:

- a board meeting four times a year, one file per meeting (``meetings/<id>.toml``), with a
  venue, public questions, an agenda with papers (now and then an exempt item, its paper
  withheld), a draft agenda, an agenda, reports and minutes; from 2020 hybrid, webcast and
  recorded; some meetings cancelled, some moved a week (each with its change record);
- a public sub-group meeting every other month, written as one ``[[series]]`` a year
  (``series/<year>.toml``) with its occurrences' agendas and minutes, one cancelled or moved
  now and then;
- in every other partnership, a private officers' group (never public) with its notes;
- agencies, the responsible authorities among them, with the probation (2021) and health
  (2022) changeovers and voluntary members joining and leaving;
- a three-year community safety plan with priorities, targets and quarterly readings, a
  strategic assessment every year recommending the priorities, and an annual review;
- every eighth partnership in Wales, publishing in English and Welsh (its repeated titles in
  both languages).

The data's present is ``--now`` (default 1 October of the last year, 09:00): documents not yet
published by then are left out, as a council's data would not have them, and meetings after it
are announced with no papers yet.  Build at the same instant: ``csp build OUT --at NOW``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["default_now", "generate", "main"]

PREFIXES = (
    "ash", "brook", "castle", "dun", "east", "fair", "green", "high", "king", "lang", "mill",
    "north", "oak", "red", "south", "stan", "thorn", "west", "whit", "wood", "ald", "bel",
    "carr", "hal",
)  # fmt: skip
SUFFIXES = (
    "bury", "field", "ford", "ham", "ley", "minster", "mouth", "port", "stead", "stow", "ton",
    "wick", "worth", "by", "dale", "holm",
)  # fmt: skip
OUTWARD = ("CB", "NR", "IP", "LE", "NG", "DE", "ST", "WS", "SY", "PE")
INWARD = "ABDEFGHJLNPQRSTUWXYZ"
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
MISOEDD = (
    "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
    "Hydref", "Tachwedd", "Rhagfyr",
)  # fmt: skip
#: Priorities a plan picks from: id, English title, Welsh title.
PRIORITIES = (
    ("domestic-abuse", "Domestic abuse and sexual violence", "Cam-drin domestig a thrais rhywiol"),
    ("substance-misuse", "Substance misuse", "Camddefnyddio sylweddau"),
    ("reoffending", "Reoffending", "Aildroseddu"),
    ("asb", "Anti-social behaviour", "Ymddygiad gwrthgymdeithasol"),
    ("young-people", "Reoffending among young people", "Aildroseddu ymhlith pobl ifanc"),
)

Text = str | dict[str, str]


# -- TOML ------------------------------------------------------------------------------------


def _key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else json.dumps(name)


def _value(value: object, *, inline: bool = False) -> str:
    """``value`` as TOML; a list of tables spans lines unless it sits in an inline table."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        if not inline and any(isinstance(item, dict) for item in value):
            return "[\n" + "".join(f"    {_value(item, inline=True)},\n" for item in value) + "]"
        return "[" + ", ".join(_value(item, inline=True) for item in value) + "]"
    if isinstance(value, dict):
        pairs = ", ".join(f"{_key(k)} = {_value(v, inline=True)}" for k, v in value.items())
        return "{ " + pairs + " }"
    msg = f"cannot write {value!r} as TOML"
    raise TypeError(msg)


def _table(header: str, item: Mapping[str, object]) -> str:
    lines = [f"[[{header}]]"] + [f"{_key(k)} = {_value(v)}" for k, v in item.items()]
    return "\n".join(lines) + "\n"


def _document(fields: Mapping[str, object]) -> str:
    return "\n".join(f"{_key(k)} = {_value(v)}" for k, v in fields.items()) + "\n"


# -- dates -----------------------------------------------------------------------------------


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``th ``weekday`` (0 Monday) of the month."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute)


def default_now(years: int, last: int) -> dt.datetime:
    """The data's present: 1 October of the last year, 09:00."""
    del years
    return dt.datetime(last, 10, 1, 9)


# -- one partnership ---------------------------------------------------------------------------


class _Partnership:
    """The files of partnership number ``index``."""

    def __init__(
        self, index: int, pid: str, *, seed: int, first: int, last: int, now: dt.datetime
    ) -> None:
        self.rng = random.Random(f"{seed}:{index}")  # noqa: S311 - data, not secrets
        self.id = pid
        self.area = pid.capitalize()
        self.welsh = index % 8 == 7
        self.first, self.last, self.now = first, last, now
        self.site = f"https://{pid}-csp.example.org/"
        self.files: dict[str, str] = {}
        self.priorities: dict[int, list[str]] = {}  # plan start year -> priority ids

    # Texts: a table of English and Welsh in a Welsh partnership, else English.
    def text(self, english: str, welsh: str | None = None) -> Text:
        if self.welsh and welsh is not None:
            return {"en-GB": english, "cy": welsh}
        return english

    def dated(self, english: str, welsh: str, day: dt.date) -> Text:
        when_en = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        when_cy = f"{day.day} {MISOEDD[day.month - 1]} {day.year}"
        return self.text(f"{english}, {when_en}", f"{welsh}, {when_cy}")

    def postcode(self) -> str:
        outward = "LL" if self.welsh else self.rng.choice(OUTWARD)
        letters = "".join(self.rng.choice(INWARD) for _ in range(2))
        return f"{outward}{self.rng.randint(1, 9)} {self.rng.randint(1, 9)}{letters}"

    def published(self, moment: dt.datetime) -> bool:
        return moment <= self.now

    def url(self, document: str) -> str:
        return f"{self.site}papers/{document}.pdf"

    def document(self, did: str, kind: str, title: Text, moment: dt.datetime) -> dict[str, Any]:
        return {"id": did, "kind": kind, "title": title, "url": self.url(did), "published": moment}

    # -- partnership.toml -------------------------------------------------------------------

    def write(self) -> dict[str, str]:
        self.partnership()
        self.plans()
        self.assessments()
        self.reviews()
        for year in range(self.first, self.last + 1):
            self.board(year)
            self.series(year)
            if self.tasking:
                self.tasking_group(year)
        return self.files

    def partnership(self) -> None:
        rng = self.rng
        self.tasking = rng.random() < 0.5
        head: dict[str, object] = {
            "id": self.id,
            "name": self.text(
                f"{self.area} Community Safety Partnership",
                f"Partneriaeth Diogelwch Cymunedol {self.area}",
            ),
            "area": self.area,
            "purpose": "Agencies working together to reduce crime, disorder and substance misuse.",
            "web": f"https://www.{self.id}.gov.uk/community-safety",
            "site": self.site,
            "nation": "wales" if self.welsh else "england",
        }
        if self.welsh:
            head["languages"] = ["en-GB", "cy"]
        parts = [_document(head)]
        if rng.random() < 0.5:
            parts.append('\n[policy]\naccess = "statutory"\n')
        contact = {
            "address": ["Community Safety Team", "Town Hall", self.area],
            "postcode": self.postcode(),
            "email": f"community.safety@{self.id}.gov.uk",
        }
        parts.append("\n[contact]\n" + _document(contact))
        bodies: list[dict[str, object]] = [
            {
                "id": "board",
                "name": self.text(
                    f"{self.area} Community Safety Partnership Board",
                    f"Bwrdd Partneriaeth Diogelwch Cymunedol {self.area}",
                ),
                "kind": "board",
            },
            {
                "id": "asb-group",
                "name": self.text(
                    "Anti-social Behaviour Task and Finish Group",
                    "Grŵp Gorchwyl a Gorffen Ymddygiad Gwrthgymdeithasol",
                ),
                "kind": "sub-group",
                "parent": "board",
            },
        ]
        if self.tasking:
            bodies.append(
                {
                    "id": "tasking",
                    "name": self.text("Officers' Tasking Group", "Grŵp Tasgio Swyddogion"),
                    "kind": "sub-group",
                    "parent": "board",
                    "public": False,
                }
            )
        parts += ["\n" + _table("bodies", body) for body in bodies]
        parts += ["\n" + _table("agencies", agency) for agency in self.agencies()]
        self.files["partnership.toml"] = "".join(parts)

    def agencies(self) -> list[dict[str, object]]:
        rng, area, first, last = self.rng, self.area, self.first, self.last
        agencies: list[dict[str, object]] = [
            {
                "id": "council",
                "name": f"{area} Council",
                "sector": "council",
                "responsible_authority": True,
                "memberships": [{"role": "member"}],
            },
            {
                "id": "police",
                "name": f"{area} Police",
                "sector": "police",
                "responsible_authority": True,
                "memberships": [{"role": "member"}],
            },
            {
                "id": "fire",
                "name": f"{area} Fire and Rescue Service",
                "sector": "fire-and-rescue",
                "responsible_authority": True,
                "memberships": [{"role": "member"}],
            },
        ]
        if not self.welsh and rng.random() < 0.5:
            agencies.append(
                {
                    "id": "county-council",
                    "name": f"{area}shire County Council",
                    "sector": "council",
                    "responsible_authority": True,
                    "memberships": [{"role": "member"}],
                }
            )
        # Probation: the Community Rehabilitation Company until 25 June 2021, then the
        # Probation Service; health: in England the CCG until 30 June 2022, then the ICB.
        changeovers = [("crc", "probation", dt.date(2021, 6, 25), "Community Rehabilitation")]
        if not self.welsh:
            changeovers.append(("ccg", "icb", dt.date(2022, 6, 30), "Clinical Commissioning"))
        for old, new, ended, words in changeovers:
            after = ended + dt.timedelta(days=1)
            sector = "probation" if old == "crc" else "health"
            newname = "Probation Service" if old == "crc" else f"{area} Integrated Care Board"
            if first <= ended.year:
                agencies.append(
                    {
                        "id": old,
                        "name": f"{area} {words} {'Company' if old == 'crc' else 'Group'}",
                        "sector": sector,
                        "responsible_authority": True,
                        "memberships": [{"role": "member", "until": ended}],
                    }
                )
                spell: dict[str, object] = {"role": "member", "since": after}
            else:
                spell = {"role": "member"}
            agencies.append(
                {
                    "id": new,
                    "name": newname,
                    "sector": sector,
                    "responsible_authority": True,
                    "memberships": [spell],
                }
            )
        if self.welsh:
            agencies.append(
                {
                    "id": "health-board",
                    "name": f"{area} University Health Board",
                    "sector": "health",
                    "responsible_authority": True,
                    "memberships": [{"role": "member"}],
                }
            )
        # Voluntary and business members joining and leaving.
        for aid, name, sector in (
            ("cvs", f"{area} Council for Voluntary Service", "voluntary"),
            ("housing", f"{area} Homes", "other"),
            ("bid", f"{area} Business Improvement District", "business"),
        ):
            joined = dt.date(rng.randint(first, last), rng.randint(1, 12), 1)
            spells: list[dict[str, object]] = [{"role": "member", "since": joined}]
            if rng.random() < 0.5:
                left = joined + dt.timedelta(days=rng.randint(200, 1500))
                spells[0]["until"] = left
                if rng.random() < 0.5:
                    back = left + dt.timedelta(days=rng.randint(100, 700))
                    spells.append({"role": "member", "since": back})
            agencies.append(
                {
                    "id": aid,
                    "name": name,
                    "sector": sector,
                    "responsible_authority": False,
                    "memberships": spells,
                }
            )
        agencies.append(
            {
                "id": "pcc-office",
                "name": f"Office of the {area} Police and Crime Commissioner",
                "sector": "police",
                "memberships": [{"role": "attendee"}],
            }
        )
        return agencies

    # -- plans, assessments, reviews ----------------------------------------------------------

    def plans(self) -> None:
        rng, parts = self.rng, []
        for start in range(self.first, self.last + 1, 3):
            span = f"{start}–{start + 3}"
            chosen = rng.sample(PRIORITIES, 3)
            self.priorities[start] = [f"{pid}-{start}" for pid, _, _ in chosen]
            plan: dict[str, object] = {
                "id": f"plan-{start}",
                "title": self.text(
                    f"Community Safety Plan {span}", f"Cynllun Diogelwch Cymunedol {span}"
                ),
                "period": {"start": dt.date(start, 4, 1), "end": dt.date(start + 3, 3, 31)},
                "in_force_from": dt.date(start, 4, 1),
            }
            priorities = []
            for pid, english, welsh in chosen:
                targets = []
                baseline = round(rng.uniform(20, 80), 1)
                readings = []
                day = dt.date(start, 6, 30)
                while day <= dt.date(start + 3, 3, 31) and _at(day, 9) <= self.now:
                    readings.append(
                        {"on": day, "value": round(baseline * rng.uniform(0.8, 1.1), 1)}
                    )
                    day = (dt.date(day.year, day.month, 1) + dt.timedelta(days=95)).replace(day=1)
                    day -= dt.timedelta(days=1)
                targets.append(
                    {
                        "id": f"{pid}-{start}-target",
                        "measure": f"{english}: incidents per 10,000 people",
                        "unit": "per 10,000",
                        "baseline": {"on": dt.date(start, 3, 31), "value": baseline},
                        "target": round(baseline * 0.9, 1),
                        "by": dt.date(start + 3, 3, 31),
                        "readings": readings,
                    }
                )
                priorities.append(
                    {
                        "id": f"{pid}-{start}",
                        "title": self.text(english, welsh),
                        "lead": {
                            "name": "Priority lead",
                            "role": "Community safety manager",
                            "agency": "council",
                        },
                        "aims": [f"Reduce the harm caused by {english.lower()}"],
                        "targets": targets,
                    }
                )
            plan["priorities"] = priorities
            published = _at(dt.date(start, 4, 3), 10)
            if self.published(published):
                title = self.text(
                    f"Community Safety Plan {span}", f"Cynllun Diogelwch Cymunedol {span}"
                )
                plan["documents"] = [self.document(f"plan-{start}", "plan", title, published)]
            parts.append(_table("plans", plan))
        self.files["plans.toml"] = "\n".join(parts)

    def _plan_start(self, year: int) -> int:
        return max(start for start in self.priorities if start <= year)

    def assessments(self) -> None:
        parts = []
        for year in range(self.first, self.last + 1):
            published_on = dt.date(year, 1, 15)
            if _at(published_on, 9) > self.now:
                continue
            title = self.text(f"Strategic Assessment {year}", f"Asesiad Strategol {year}")
            priorities = self.priorities[self._plan_start(max(year, self.first))]
            assessment: dict[str, object] = {
                "id": f"assessment-{year}",
                "title": title,
                "period": {"start": dt.date(year - 2, 10, 1), "end": dt.date(year - 1, 9, 30)},
                "published_on": published_on,
                "prepared_by": f"{self.area} Council research team",
                "topics": ["Crime and disorder", "Anti-social behaviour", "Substance misuse"],
                "sources": ["Police recorded crime", "Anti-social behaviour casework"],
                "recommendations": [
                    {"kind": "priority", "text": "Keep this a priority.", "priority": pid}
                    for pid in priorities
                ]
                + [{"kind": "information-requirement", "text": "Obtain health data on assaults."}],
                "documents": [
                    self.document(
                        f"assessment-{year}", "strategic-assessment", title, _at(published_on, 10)
                    )
                ],
            }
            parts.append(_table("assessments", assessment))
        self.files["assessments.toml"] = "\n".join(parts)

    def reviews(self) -> None:
        parts = []
        for year in range(self.first, self.last + 1):
            published = _at(dt.date(year + 1, 6, 30), 10)
            if not self.published(published):
                continue
            title = self.text(f"Annual Review {year}", f"Adolygiad Blynyddol {year}")
            review = {
                "id": f"annual-review-{year}",
                "year": year,
                "title": title,
                "published_on": published.date(),
                "document": self.document(
                    f"annual-review-{year}", "annual-review", title, published
                ),
            }
            parts.append(_table("annual_reviews", review))
        self.files["annual-reviews.toml"] = "\n".join(parts)

    # -- meetings -------------------------------------------------------------------------------

    def venue(self) -> dict[str, object]:
        index = self.rng.randrange(3)
        names = ("Town Hall", "Civic Centre", "Police Headquarters")
        rng = random.Random(f"{self.id}:{index}")  # noqa: S311 - the same venue, the same address
        return {
            "name": names[index],
            "address": [f"{rng.randint(1, 99)} High Street", self.area],
            "postcode": f"{'LL' if self.welsh else 'CB'}{index + 1} {index + 2}AB",
            "coordinates": {"latitude": 52.0 + index / 10, "longitude": -1.0 - index / 10},
        }

    def board(self, year: int) -> None:
        rng = self.rng
        announced = dt.datetime(year - 1, 12, 1, 12)
        for month in (3, 6, 9, 12):
            planned = _nth_weekday(year, month, 3, 2)  # the second Thursday
            mid = planned.isoformat()
            meeting: dict[str, object] = {
                "id": mid,
                "body": "board",
                "title": self.text(
                    f"{self.area} Community Safety Partnership Board meeting",
                    f"Cyfarfod Bwrdd Partneriaeth Diogelwch Cymunedol {self.area}",
                ),
            }
            start = _at(planned, 10)
            fate = rng.random()
            if fate < 0.05:  # moved a week on
                start = _at(planned + dt.timedelta(days=7), 10)
            meeting["start"] = start
            meeting["end"] = start + dt.timedelta(hours=2)
            meeting["venue"] = self.venue()
            hybrid = year >= 2020
            meeting["attendance"] = "mixed" if hybrid else "in-person"
            meeting["announced"] = announced
            if hybrid:
                online: dict[str, object] = {
                    "webcast": f"https://webcast.example.org/{self.id}/{mid}"
                }
                recorded = start + dt.timedelta(days=7)
                if self.published(recorded):
                    online["recording"] = f"https://webcast.example.org/{self.id}/{mid}/recording"
                    online["recording_from"] = recorded
                meeting["online"] = online
            meeting["questions"] = {
                "how": "Send your question by email by 10am on the day before the meeting.",
                "email": f"community.safety@{self.id}.gov.uk",
                "deadline": start - dt.timedelta(days=1),
            }
            if fate < 0.05:
                meeting["status"] = "rescheduled"
                meeting["previous_start"] = _at(planned, 10)
                meeting["status_note"] = "Moved a week so that more partners can attend."
                meeting["changes"] = [
                    {"at": _at(planned - dt.timedelta(days=21), 12), "what": ["time"]}
                ]
            elif fate < 0.09:
                meeting["status"] = "cancelled"
                meeting["status_note"] = self.text(
                    "Meeting cancelled: too few partners could attend to make a quorum.",
                    "Cyfarfod wedi'i ganslo: ni allai digon o bartneriaid ddod i'r cyfarfod "
                    "i gael cworwm.",
                )
                meeting["changes"] = [
                    {"at": _at(planned - dt.timedelta(days=10), 12), "what": ["status"]}
                ]
            documents, agenda = self.papers(mid, start, cancelled=fate >= 0.05 and fate < 0.09)
            if agenda:
                meeting["agenda"] = agenda
            if documents:
                meeting["documents"] = documents
                meeting["last_changed"] = max(d["published"] for d in documents)
                if "changes" in meeting:
                    at = meeting["changes"][0]["at"]  # type: ignore[index]
                    meeting["last_changed"] = max(meeting["last_changed"], at)
            self.files[f"meetings/{mid}.toml"] = _table("meetings", meeting)

    def papers(
        self, mid: str, start: dt.datetime, *, cancelled: bool, items: int = 0
    ) -> tuple[list[dict[str, Any]], list[dict[str, object]]]:
        """A meeting's documents published by now, and its agenda once the agenda is out."""
        rng, day = self.rng, start.date()
        documents: list[dict[str, Any]] = []
        draft = _at(day - dt.timedelta(days=14), 9, 30)
        if self.published(draft):
            title = self.dated("Draft agenda", "Agenda ddrafft", day)
            documents.append(self.document(f"{mid}-draft-agenda", "draft-agenda", title, draft))
        agenda_at = _at(day - dt.timedelta(days=8), 9, 30)
        if cancelled or not self.published(agenda_at):
            return documents, []
        documents.append(
            self.document(
                f"{mid}-agenda",
                "agenda",
                self.dated("Agenda and papers", "Agenda a phapurau", day),
                agenda_at,
            )
        )
        agenda: list[dict[str, object]] = [
            {
                "number": "1",
                "title": self.text("Welcome and apologies", "Croeso ac ymddiheuriadau"),
            },
            {"number": "2", "title": self.text("Public questions", "Cwestiynau gan y cyhoedd")},
            {
                "number": "3",
                "title": self.text(
                    "Minutes of the previous meeting for approval",
                    "Cofnodion y cyfarfod blaenorol i'w cymeradwyo",
                ),
            },
        ]
        reports = items or rng.randint(2, 4)
        for n in range(reports):
            _, english, welsh = PRIORITIES[(n + day.month) % len(PRIORITIES)]
            did = f"{mid}-report-{n + 1}"
            documents.append(
                self.document(did, "report", self.text(f"Report: {english}", None), agenda_at)
            )
            agenda.append(
                {
                    "number": str(4 + n),
                    "title": self.text(english, welsh),
                    "presenter": self.text("Priority leads", "Arweinwyr y blaenoriaethau"),
                    "minutes_allowed": 15,
                    "papers": [did],
                }
            )
        if rng.random() < 0.15:  # an exempt item, its paper withheld
            did = f"{mid}-exempt"
            documents.append(
                {
                    "id": did,
                    "kind": "report",
                    "title": "Confidential report",
                    "published": agenda_at,
                    "availability": "withheld",
                }
            )
            agenda.append(
                {
                    "number": str(4 + reports),
                    "title": self.text(
                        "Police operational briefing", "Briff gweithredol yr heddlu"
                    ),
                    "exempt": True,
                    "exemption": 18 if self.welsh else 7,
                    "papers": [did],
                }
            )
        minutes = _at(day + dt.timedelta(days=rng.randint(20, 45)), 9, 30)
        if self.published(minutes):
            title = self.dated("Minutes", "Cofnodion", day)
            documents.append(self.document(f"{mid}-minutes", "minutes", title, minutes))
        return documents, agenda

    def series(self, year: int) -> None:
        """The sub-group's year: a meeting every other month, second Tuesday, 14:00."""
        rng = self.rng
        sid = f"asb-group-{year}"
        first = _nth_weekday(year, 1, 1, 2)
        series: dict[str, object] = {
            "id": sid,
            "body": "asb-group",
            "title": self.text(
                "Anti-social Behaviour Task and Finish Group meeting",
                "Cyfarfod y Grŵp Gorchwyl a Gorffen Ymddygiad Gwrthgymdeithasol",
            ),
            "start": _at(first, 14),
            "end": _at(first, 15, 30),
            "rule": f"FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU;UNTIL={year}1231",
            "attendance": "online",
            "online": {"join": f"https://meet.example.org/{self.id}/asb-group"},
            "questions": {
                "how": "Email your question to the address below before the meeting.",
                "email": f"community.safety@{self.id}.gov.uk",
            },
            "announced": dt.datetime(year - 1, 12, 1, 12),
        }
        occurrences = []
        for month in (1, 3, 5, 7, 9, 11):
            day = _nth_weekday(year, month, 1, 2)
            occurrence: dict[str, object] = {"date": day}
            start = _at(day, 14)
            fate = rng.random()
            cancelled = fate < 0.06
            if cancelled:
                occurrence["status"] = "cancelled"
                occurrence["changes"] = [
                    {"at": _at(day - dt.timedelta(days=7), 12), "what": ["status"]}
                ]
            elif fate < 0.10:
                start = _at(day + dt.timedelta(days=2), 14)
                occurrence["start"] = start
                occurrence["changes"] = [
                    {"at": _at(day - dt.timedelta(days=14), 12), "what": ["time"]}
                ]
            documents, agenda = self.papers(
                f"{sid}-{day.isoformat()}", start, cancelled=cancelled, items=1
            )
            if agenda:
                occurrence["agenda"] = agenda
            if documents:
                occurrence["documents"] = documents
            if len(occurrence) > 1:
                occurrences.append(occurrence)
        parts = [_table("series", series)]
        parts += ["\n" + _table("series.occurrences", occurrence) for occurrence in occurrences]
        self.files[f"series/{year}.toml"] = "".join(parts)

    def tasking_group(self, year: int) -> None:
        """The private officers' group: every quarter, its notes never public."""
        parts = []
        for month in (1, 4, 7, 10):
            day = _nth_weekday(year, month, 2, 1)  # the first Wednesday
            mid = f"tasking-{day.isoformat()}"
            meeting: dict[str, object] = {
                "id": mid,
                "body": "tasking",
                "title": self.text("Officers' Tasking Group", "Grŵp Tasgio Swyddogion"),
                "start": _at(day, 9, 30),
                "end": _at(day, 11),
            }
            notes = _at(day + dt.timedelta(days=3), 9)
            if self.published(notes):
                meeting["documents"] = [
                    self.document(f"{mid}-notes", "other", f"Tasking notes, {day:%B %Y}", notes)
                ]
            parts.append(_table("meetings", meeting))
        self.files[f"meetings/tasking-{year}.toml"] = "\n".join(parts)


def _ids(count: int, seed: int) -> list[str]:
    """``count`` distinct partnership ids, the same for the same seed."""
    names = [prefix + suffix for prefix in PREFIXES for suffix in SUFFIXES]
    random.Random(f"{seed}:names").shuffle(names)  # noqa: S311 - data, not secrets
    return [
        names[n % len(names)] + ("" if n < len(names) else f"-{n // len(names) + 1}")
        for n in range(count)
    ]


def generate(
    out: Path,
    partnerships: int,
    years: int,
    *,
    seed: int = 16,
    last: int = 2025,
    now: dt.datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write ``partnerships`` partnership folders of ``years`` years (to ``last``) into ``out``.

    ``out`` must not exist or be empty.  Returns the partnership folders, in order of id.
    """
    if out.exists() and any(out.iterdir()):
        msg = f"{out} is not empty"
        raise FileExistsError(msg)
    now = now or default_now(years, last)
    first = last - years + 1
    folders = []
    for index, pid in enumerate(_ids(partnerships, seed)):
        folder = out / pid
        for name, content in sorted(
            _Partnership(index, pid, seed=seed, first=first, last=last, now=now).write().items()
        ):
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8", newline="\n")
        folders.append(folder)
        if progress is not None:
            progress(pid)
    return sorted(folders)


def main(argv: Sequence[str] | None = None) -> None:
    """``generate.py OUT --partnerships P --years M --seed S``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the county folder to write (new or empty)")
    parser.add_argument("--partnerships", type=int, default=3)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--last", type=int, default=2025, help="the last year (default 2025)")
    arguments = parser.parse_args(argv)
    folders = generate(
        arguments.out,
        arguments.partnerships,
        arguments.years,
        seed=arguments.seed,
        last=arguments.last,
    )
    now = default_now(arguments.years, arguments.last)
    files = sum(1 for folder in folders for path in folder.rglob("*") if path.is_file())
    print(f"{len(folders)} partnerships, {files} files in {arguments.out}")
    print(f"build with: csp build {arguments.out} --out OUT --at {now:%Y-%m-%dT%H:%M}")


if __name__ == "__main__":
    main()
