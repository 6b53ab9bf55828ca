"""The bounds csp-core holds every input to, and the messages that refuse what lies outside.

Every date, moment, number and file a partnership's data can hold is bounded, so that whatever
``csp validate`` accepts, ``csp status`` and ``csp build`` can process at every instant in the
bounds (no overflow, no runaway recursion, no unbounded memory).  The bounds are documented in
docs/data-files.md and docs/validate.md; the messages here are the ones users see.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_ID_CHARS",
    "MAX_SERIES_MEETINGS",
    "MAX_TEXT_CHARS",
    "MAX_YEAR",
    "MIN_YEAR",
    "POLICY_MAXIMA",
    "day_out_of_range",
    "moment_out_of_range",
    "one_line",
    "shown",
]

MIN_YEAR = 1900
"""The earliest year of any date or date-time in the data, and of ``--at``."""
MAX_YEAR = 2200
"""The latest year of any date or date-time in the data, and of ``--at``."""
FIRST_DAY = dt.date(MIN_YEAR, 1, 1)
LAST_DAY = dt.date(MAX_YEAR, 12, 31)

MAX_FILE_BYTES = 10 * 1024 * 1024
"""The largest data file read: 10 MiB (the Cambridge example's biggest file is under 20 KiB)."""
MAX_DEPTH = 32
"""Lists and tables nested deeper than this are refused (the format itself needs 9 levels)."""
MAX_TEXT_CHARS = 100_000
"""The longest text value: about 15,000 words."""
MAX_ID_CHARS = 100
"""The longest id: ids become file names and URLs."""
MAX_SERIES_MEETINGS = 1000
"""The most meetings a repeating series' rule may give: weekly for 19 years, monthly for 83."""

#: The largest value of each whole-number policy field (the smallest is in docs/rules.md).
POLICY_MAXIMA: dict[str, int] = {
    "clear_working_days": 60,
    "draft_agenda_days": 366,
    "agenda_days": 366,
    "minutes_working_days": 260,
    "online_months": 1200,
    "retention_years": 100,
    "background_papers_years": 100,
    "plan_check_months": 120,
    "assessment_months": 120,
    "annual_review_months": 120,
}

_SHOWN_CHARS = 60
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")

# -- the messages ------------------------------------------------------------------------------

TOO_BIG = f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB, the most csp-core reads"
EMPTY = "the file is empty"
NOT_A_FILE = "is not a regular file ({kind}); give a data file or a folder"
FOLDER_NOT_FILE = "is a folder, not a data file"
LINK_OUTSIDE = (
    "is a symbolic link to {target}, outside the data folder: copy the file into the folder instead"
)
BROKEN_LINK = "is a symbolic link to {target}, which does not exist"
LINK_LOOP = "is a symbolic link that leads back to itself"
CANNOT_READ = "cannot read: {reason}"
NOT_UTF8 = "not UTF-8 text (byte {byte}){hint}: save it as UTF-8"
UTF16_HINT = ", it looks like UTF-16"
NUL_BYTE = "contains a NUL byte (line {line}, column {column}): is it a binary file?"
TOO_DEEP = f"lists and tables are nested more than {MAX_DEPTH} levels deep"
NUMBER_TOO_LONG = "a number has too many digits (at most 4300)"
YAML_ALIAS = "aliases (*name) are not allowed: write the value out in full"
YAML_KEY = "a key must be text, not {what}"
TEXT_TOO_LONG = f"is {{length}} characters long; at most {MAX_TEXT_CHARS} are allowed"
ID_TOO_LONG = f"is {{length}} characters long; an id has at most {MAX_ID_CHARS}"
SURROGATE = "contains U+{code:04X}, half of a UTF-16 pair, which is not a character"
URL_CONTROL = "{value} contains a control character (U+{code:04X})"


def shown(value: object) -> str:
    """``repr(value)`` for a message, cut to a readable length: never a wall of text."""
    text = repr(value) if isinstance(value, str) else str(value)
    if len(text) <= _SHOWN_CHARS:
        return text
    return f"{text[: _SHOWN_CHARS - 1]}… ({len(text)} characters)"


def one_line(text: str) -> str:
    """``text`` safe to print as one line of UTF-8: line breaks, controls, surrogates escaped."""
    if text.isprintable() and not any(ch in _LINE_BREAKS for ch in text):
        return text
    out: list[str] = []
    for ch in text:
        if ch in _LINE_BREAKS or unicodedata.category(ch) in {"Cc", "Cs"}:
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def day_out_of_range(day: dt.date) -> str | None:
    """The problem with a date outside the bounds, if it is."""
    if MIN_YEAR <= day.year <= MAX_YEAR:
        return None
    return f"{day.isoformat()} is outside the years {MIN_YEAR} to {MAX_YEAR} that csp-core handles"


def moment_out_of_range(moment: dt.datetime) -> str | None:
    """The problem with a date-time outside the bounds, if it is."""
    if MIN_YEAR <= moment.year <= MAX_YEAR:
        return None
    return (
        f"{moment.isoformat()} is outside the years {MIN_YEAR} to {MAX_YEAR} that csp-core handles"
    )


URL_OUTSIDE = (
    "{url} leads outside the data folder through a symbolic link: copy the file in instead"
)
YAML_CHARACTER = "character U+{code:04X} is not allowed in YAML (character {position} of the file)"
