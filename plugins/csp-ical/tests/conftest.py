"""Fixtures for csp-ical's tests: the repository on sys.path, and Mozilla's ical.js under node."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
for _path in (ROOT, HERE):  # `tests.strategies` from the core; `ical_readers` from here
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import ical_readers  # noqa: E402


@pytest.fixture(scope="session")
def ical_js() -> Callable[[Mapping[str, bytes]], dict[str, list[ical_readers.Read]]]:
    """A reader of calendars with ical.js: ``npm ci`` in tests/js first if it is not installed."""
    ical_readers.install_ical_js()
    return ical_readers.read_ical_js
