"""How often a digest is made (its own module: the options need it when the plugin loads)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Cadence"]


class Cadence(StrEnum):
    """How often a digest is made: each day, or each week from Monday."""

    DAILY = "daily"
    WEEKLY = "weekly"
