"""Test data shared by the core's and the plugins' tests: where the example is, and the
opening lines every small hand-written partnership file starts with.

The example partnership itself comes from the ``cambridge`` fixture of the root conftest.py.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

__all__ = ["CAMBRIDGE", "ROOT", "partnership_header", "toml_string"]

ROOT = Path(__file__).resolve().parents[1]
"""The repository."""
CAMBRIDGE = ROOT / "examples" / "cambridge"
"""The Cambridge example's folder, for the command line; the ``cambridge`` fixture loads it."""


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string, quoted and escaped (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def partnership_header(
    area: str = "Testshire",
    *,
    id: str | None = None,
    name: str | None = None,
    town: str = "Testford",
    postcode: str = "CB1 0JH",
    board: str = "Board",
    contact: Mapping[str, str] | None = None,
    **fields: str,
) -> str:
    """The start of a partnership file in TOML: who it is, its contact, and one body ``board``.

    Append the rest (agencies, meetings, plans, ...) as TOML text; the header ends with the
    board's table, so what follows starts with a ``[[...]]`` header of its own.

    Args:
        area: the partnership's area; the id and the name are made from it unless given.
        id: the partnership's id; by default the area in lower case.
        name: by default "AREA Community Safety Partnership".
        town: the second line of the contact address, after "Town Hall".
        postcode: the contact postcode.
        board: the name of the body ``board``.
        contact: further fields of the contact table (``email``, ``phone``, ...).
        **fields: further top-level fields, in order (``timezone``, ``nation``, ``site``).
    """
    top = {
        "id": id if id is not None else area.lower().replace(" ", "-"),
        "name": name if name is not None else f"{area} Community Safety Partnership",
        "area": area,
        **fields,
    }
    lines = [f"{key} = {toml_string(value)}" for key, value in top.items()]
    lines += [
        "",
        "[contact]",
        f"address = [{toml_string('Town Hall')}, {toml_string(town)}]",
        f"postcode = {toml_string(postcode)}",
        *(f"{key} = {toml_string(value)}" for key, value in (contact or {}).items()),
    ]
    lines += ["", "[[bodies]]", 'id = "board"', f"name = {toml_string(board)}", ""]
    return "\n".join(lines)


#: A Welsh partnership publishing in Welsh and English (Welsh first), in TOML: two bodies and
#: meetings of 2019-20 (one postponed), for the calendar and feed language tests.
PROFDREF = """\
id = "profdref"
name = "Partneriaeth Diogelwch Cymunedol Profdref"
area = "Profdref"
nation = "wales"
languages = ["cy", "en-GB"]
web = "https://www.profdref.example.cymru/pdc"

[contact]
address = ["Neuadd y Dref", "Profdref"]
postcode = "CF10 1AA"
email = "pdc@profdref.example.cymru"

[[bodies]]
id = "bwrdd"
name = "Bwrdd y Bartneriaeth"

[[bodies]]
id = "tasgio"
name = "Grŵp Tasgio"
kind = "sub-group"

[[meetings]]
id = "2019-10-17"
body = "bwrdd"
title = "Cyfarfod y Bartneriaeth"
start = 2019-10-17T10:00:00
end = 2019-10-17T12:00:00
attendance = "in-person"
previous_start = 2019-10-10T10:00:00
status = "rescheduled"
announced = 2019-08-01T09:00:00
changes = [{ at = 2019-09-02T09:00:00, what = ["time", "status"] }]

[meetings.venue]
name = "Siambr y Cyngor"
address = ["Neuadd y Dref", "Profdref"]
postcode = "CF10 1AA"

[meetings.questions]
how = "Anfonwch eich cwestiwn drwy e-bost."
email = "pdc@profdref.example.cymru"
deadline = 2019-10-16T10:00:00

[[meetings.agenda]]
number = "1"
title = "Croeso ac ymddiheuriadau"
presenter = "Cadeirydd"

[[meetings.agenda]]
number = "2"
title = "Achosion unigol"
exempt = true
exemption = 13

[[meetings.documents]]
id = "2019-10-17-agenda"
kind = "agenda"
title = "Agenda a phapurau"
url = "https://www.profdref.example.cymru/pdc/2019-10-17-agenda.pdf"
published = 2019-10-09T09:00:00

[[meetings.documents]]
id = "2019-10-17-adroddiad"
kind = "report"
title = "Adroddiad ar ddiogelwch y canol"
url = "https://www.profdref.example.cymru/pdc/2019-10-17-adroddiad.pdf"
published = 2019-10-09T09:00:00
availability = "on-request"

[[meetings.documents]]
id = "2019-10-17-cofnodion"
kind = "minutes"
title = "Cofnodion"
url = "https://www.profdref.example.cymru/pdc/2019-10-17-cofnodion.pdf"
published = 2019-11-05T09:00:00

[[meetings]]
id = "2019-11-14"
body = "tasgio"
title = "Cyfarfod y Grŵp Tasgio"
start = 2019-11-14T14:00:00
status = "cancelled"
announced = 2019-08-01T09:00:00
changes = [{ at = 2019-11-01T09:00:00, what = ["status"] }]

[[meetings]]
id = "2019-11-28"
body = "tasgio"
title = "Cyfarfod y Grŵp Tasgio"
start = 2019-11-28T14:00:00
status = "postponed"
announced = 2019-08-01T09:00:00
changes = [{ at = 2019-11-20T09:00:00, what = ["status"] }]

[[meetings]]
id = "2020-01-16"
body = "bwrdd"
title = "Cyfarfod y Bartneriaeth"
start = 2020-01-16T10:00:00
attendance = "mixed"
announced = 2019-11-01T09:00:00
"""
