"""csp-opendata: a Community Safety Partnership's public view as open data, for csp-core.

Installed, it registers the ``opendata`` publisher through the ``csp_core`` entry-point group:
Popolo / Open Civic Data JSON (``opendata/popolo.json``), CSV of meetings, documents and
agencies, and a JSON Feed 1.1 of the RSS feed's items, each JSON file with its JSON Schema
(:func:`schema`).  See ``docs/opendata.md``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from typing import Any

from csp_core import Publisher, hookimpl
from csp_opendata.publisher import OpendataPublisher

__all__ = ["SCHEMAS", "OpendataPublisher", "register_publishers", "schema"]

SCHEMAS = {"popolo.json": "popolo.schema.json", "feed.json": "feed.schema.json"}
"""The JSON Schema (draft 2020-12) of each JSON file, in ``csp_opendata/schemas/``."""


def schema(name: str) -> Any:
    """The JSON Schema of the file ``name`` (``popolo.json`` or ``feed.json``), parsed."""
    text = resources.files("csp_opendata").joinpath("schemas", SCHEMAS[name]).read_text("utf-8")
    return json.loads(text)


@hookimpl
def register_publishers(register: Callable[[Publisher], None]) -> None:
    """Register the ``opendata`` publisher.

    Args:
        register: the core's callback, called once with the publisher.
    """
    register(OpendataPublisher())
