"""``csp agencies PATH``: who takes part in the partnership on a day.

An example of the ``register_commands`` hook: the core adds the command to ``csp``, gives it
its own argument parser, and turns a :class:`csp_core.CspError` (a bad ``--at``) or a
:class:`csp_core.DataError` (bad data, a path that is not a partnership) into a message and
exit code 2, without a traceback.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections.abc import Callable

import attrs

from csp_core import (
    Agency,
    Command,
    CspError,
    Membership,
    Partnership,
    Role,
    dates,
    hookimpl,
    labels,
    load,
    text,
)

__all__ = ["Agencies", "register_commands"]

# -- What a user reads: every word of this command, in one place ------------------------------

HELP = "list the agencies taking part in the partnership on a day"
DESCRIPTION = (
    "List the agencies taking part in a partnership on a day: the responsible authorities "
    "(the statutory members, Crime and Disorder Act 1998 s.5), the other members, and those "
    "who attend without being members, each with the dates of its spell. Exit 0, or 2 for bad "
    "data or a bad --at."
)
PATH_HELP = "a partnership data file, or a folder with partnership.toml"
AT_HELP = (
    "the day: an ISO date such as 2019-10-17, or a date-time (partnership time unless it has "
    "an offset); default: today"
)
FORMAT_HELP = "text for people (default), csv for a spreadsheet"
BAD_AT = "--at: {given!r} is not an ISO date such as 2019-10-17"

TITLE = "{partnership}: {agencies} on {day}"
AGENCY, AGENCIES = "agency", "agencies"
GROUPS = (
    "Responsible authorities",  # statutory members
    "Other members",
    "Attending, not members",
)
NONE = "none"
SINCE_UNKNOWN = "since before the records"
SINCE = "since {day}"
UNTIL = "until {day}"

CSV_COLUMNS = (
    "id",
    "name",
    "short_name",
    "sector",
    "responsible_authority",
    "role",
    "since",
    "until",
)


# -- The command --------------------------------------------------------------------------------


@attrs.frozen
class Agencies:
    """``csp agencies PATH [--at ISO-DATE] [--format text|csv]``."""

    name: str = "agencies"
    help: str = HELP

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """The arguments: the data, the day and the format."""
        parser.description = DESCRIPTION
        parser.add_argument("path", help=PATH_HELP)
        parser.add_argument("--at", metavar="ISO-DATE", help=AT_HELP)
        parser.add_argument("--format", choices=("text", "csv"), default="text", help=FORMAT_HELP)

    def run(self, arguments: argparse.Namespace) -> int:
        """Print the agencies on the day; 0.

        Raises:
            CspError: ``--at`` is not an ISO date or date-time.
            DataError: the data cannot be loaded (from :func:`csp_core.load`).
        """
        moment = _moment(arguments.at)
        partnership = load(arguments.path)
        day = _day(moment, partnership)
        groups = _groups(partnership, day)
        if arguments.format == "csv":
            _write_csv(groups, day)
        else:
            print("\n".join(_lines(partnership, groups, day)))
        return 0


@hookimpl
def register_commands(register: Callable[[Command], None]) -> None:
    """Add ``csp agencies``."""
    register(Agencies())


# -- How it works -------------------------------------------------------------------------------


def _moment(given: str | None) -> dt.datetime | None:
    """``--at`` read as an ISO date or date-time (checked before the data is read)."""
    if given is None:
        return None
    try:
        return dt.datetime.fromisoformat(given)
    except ValueError:
        raise CspError(BAD_AT.format(given=given)) from None


def _day(moment: dt.datetime | None, partnership: Partnership) -> dt.date:
    """The partnership's calendar day at ``moment`` (today when ``None``)."""
    if moment is None:
        moment = dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        return moment.date()
    return dates.local_day(moment, partnership.timezone)


def _groups(partnership: Partnership, day: dt.date) -> tuple[tuple[Agency, ...], ...]:
    """Responsible authorities, other members, and attendees and observers, in file order."""
    statutory = partnership.responsible_authorities_on(day)
    members = tuple(a for a in partnership.agencies_on(day, Role.MEMBER) if a not in statutory)
    others = tuple(a for a in partnership.agencies_on(day) if a.role_on(day) is not Role.MEMBER)
    return statutory, members, others


def _spell(agency: Agency, day: dt.date) -> Membership:
    """The agency's spell of membership that covers ``day``."""
    return next(spell for spell in agency.memberships if spell.covers(day))


def _words(value: str) -> str:
    """Text from the data on one line, with characters a terminal cannot show replaced."""
    return " ".join(text.clean(value).split())


def _lines(
    partnership: Partnership, groups: tuple[tuple[Agency, ...], ...], day: dt.date
) -> list[str]:
    """The title, then each group with its count and one line per agency."""
    count = labels.plural(sum(len(group) for group in groups), AGENCY, AGENCIES)
    title = TITLE.format(
        partnership=_words(partnership.name), agencies=count, day=dates.long_date(day)
    )
    lines = [title]
    for heading, agencies in zip(GROUPS, groups, strict=True):
        lines += ["", f"{heading} ({len(agencies)})"]
        lines += [f"  {_describe(agency, day)}" for agency in agencies] or [f"  {NONE}"]
    return lines


def _describe(agency: Agency, day: dt.date) -> str:
    """'Cambridgeshire Constabulary: police, since before the records'."""
    spell = _spell(agency, day)
    name = _words(agency.name)
    if agency.short_name is not None:
        name += f" ({_words(agency.short_name)})"
    parts = [_lower(labels.label(agency.sector))]
    since = (
        SINCE_UNKNOWN if spell.since is None else SINCE.format(day=dates.short_date(spell.since))
    )
    parts.append(
        since if spell.role is Role.MEMBER else f"{_lower(labels.label(spell.role))} {since}"
    )
    if spell.until is not None:
        parts.append(UNTIL.format(day=dates.short_date(spell.until)))
    return f"{name}: {', '.join(parts)}"


def _lower(label: str) -> str:
    """A sentence-case label inside a sentence: 'Fire and rescue' -> 'fire and rescue'."""
    return label[:1].lower() + label[1:]


def _write_csv(groups: tuple[tuple[Agency, ...], ...], day: dt.date) -> None:
    """One row per agency, in the order of the text, to standard output."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for group in groups:
        for agency in group:
            spell = _spell(agency, day)
            writer.writerow(
                (
                    agency.id,
                    text.clean(agency.name),
                    text.clean(agency.short_name or ""),
                    agency.sector.value,
                    "true" if agency.responsible_authority else "false",
                    spell.role.value,
                    "" if spell.since is None else spell.since.isoformat(),
                    "" if spell.until is None else spell.until.isoformat(),
                )
            )
