"""Agencies and their membership of the partnership over time."""

from __future__ import annotations

import datetime as dt

import attrs

from csp_core.model import _checks
from csp_core.model._checks import fail, long_date
from csp_core.model.enums import Role, Sector

__all__ = ["Agency", "Membership"]

#: Sectors whose bodies cannot be responsible authorities under s.5 Crime and Disorder Act 1998.
NEVER_STATUTORY = frozenset({Sector.EDUCATION, Sector.BUSINESS, Sector.VOLUNTARY})


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


@attrs.frozen(kw_only=True)
class Membership:
    """One spell of an agency's part in the partnership, with inclusive dates.

    ``until`` is the last day of the spell: a Clinical Commissioning Group that ended when its
    Integrated Care Board took over on 1 July 2022 has ``until = 2022-06-30``.
    """

    role: Role = Role.MEMBER
    since: dt.date | None = None
    """First day; ``None`` when the spell began before the records."""
    until: dt.date | None = None
    """Last day; ``None`` while it continues."""

    def __attrs_post_init__(self) -> None:
        if self.since is not None and self.until is not None and self.until < self.since:
            fail(
                "until",
                f"{long_date(self.until)} is before the membership began ({long_date(self.since)})",
            )

    def covers(self, day: dt.date) -> bool:
        """Whether this spell includes ``day``."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


@attrs.frozen(kw_only=True)
class Agency:
    """A body that takes part in the partnership.

    ``responsible_authority`` marks the statutory members named in s.5 of the Crime and Disorder
    Act 1998 (councils, police, fire and rescue, probation, ICBs or Local Health Boards).
    """

    id: str = attrs.field(validator=_checks.slug)
    name: str = attrs.field(validator=_checks.text)
    short_name: str | None = attrs.field(default=None, validator=_checks.text)
    sector: Sector
    responsible_authority: bool = False
    web: str | None = attrs.field(default=None, validator=_checks.web)
    memberships: tuple[Membership, ...]
    """Spells in date order, not overlapping."""

    def __attrs_post_init__(self) -> None:
        if self.responsible_authority and self.sector in NEVER_STATUTORY:
            fail(
                "responsible_authority",
                f"{_article(self.sector.value)} {self.sector.value} body cannot be a "
                "responsible authority (Crime and Disorder Act 1998, s.5)",
            )
        if not self.memberships:
            fail("memberships", "give at least one membership (role, and since/until dates)")
        for index, membership in enumerate(self.memberships):
            if self.responsible_authority and membership.role is not Role.MEMBER:
                fail(
                    f"memberships[{index}].role",
                    f"a responsible authority is a member by law, not an {membership.role.value}",
                )
        for index, (earlier, later) in enumerate(
            zip(self.memberships, self.memberships[1:], strict=False), start=1
        ):
            if earlier.until is None or later.since is None or later.since <= earlier.until:
                fail(
                    f"memberships[{index}].since",
                    "overlaps the membership before it: list spells in date order, each "
                    "starting after the previous one ends",
                )

    @property
    def label(self) -> str:
        """The short name if there is one, else the name."""
        return self.short_name or self.name

    def role_on(self, day: dt.date) -> Role | None:
        """The agency's role on ``day``, or ``None`` if it was not part of the partnership."""
        for membership in self.memberships:
            if membership.covers(day):
                return membership.role
        return None
