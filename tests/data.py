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
