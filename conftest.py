"""Shared by every test of the repository, core and plugins: Hypothesis profiles and fixtures.

Hypothesis profiles, chosen with the environment variable ``HYPOTHESIS_PROFILE``:

- ``dev`` (the default): fewer examples, for a quick run while working;
- ``ci``: the full number of examples each test asks for, no deadline (a loaded CI machine
  is slow, not wrong), and the failing example's reproduction blob printed.

Tests state only what they need beyond the profile (usually nothing); settings a test states
itself win over the profile's.  A test that wants its own number of examples (expensive ones
fewer, cheap ones more) asks through ``tests.strategies.examples(n)``: ``ci`` runs ``n``, ``dev``
no more than its own 20.  ``tox`` runs the ``ci`` profile (tox.ini); a plain ``pytest`` the
``dev`` one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import csp_core

ROOT = Path(__file__).resolve().parent
CAMBRIDGE = ROOT / "examples" / "cambridge"

settings.register_profile(
    "ci",
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def cambridge() -> csp_core.Partnership:
    """The Cambridge example partnership, loaded once."""
    return csp_core.load(CAMBRIDGE)


@pytest.fixture(autouse=True)
def _own_plugin_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with every installed plugin chosen; a test narrows it itself."""
    monkeypatch.delenv("CSP_LOAD_PLUGINS", raising=False)
