"""Fixtures for csp-ical's tests: the repository on sys.path, and Mozilla's ical.js under node."""

from __future__ import annotations

import os
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


@pytest.fixture(scope="session")
def libical() -> Callable[[Mapping[str, bytes]], dict[str, set[ical_readers.Instance]]]:
    """A reader of occurrences with libical; a missing libical fails, unless allowed to skip.

    tools/ensure-libical.sh installs it (Debian's gir1.2-ical-3.0 and python3-gi); with
    ``CSP_ALLOW_NO_LIBICAL=1`` a machine without it skips these tests instead.
    """
    missing = ical_readers.libical_missing()
    if missing is not None:
        if os.environ.get(ical_readers.ALLOW_NO_LIBICAL) == "1":
            pytest.skip(f"libical is not installed ({missing}) and CSP_ALLOW_NO_LIBICAL=1")
        pytest.fail(
            f"libical is not installed ({missing}): run tools/ensure-libical.sh, or apt-get "
            "install gir1.2-ical-3.0 python3-gi (or set CSP_ALLOW_NO_LIBICAL=1 to skip)"
        )
    return ical_readers.occurrences_libical
