"""Addresses, venues and contact details."""

from __future__ import annotations

import attrs

from csp_core.model import _checks
from csp_core.model._checks import fail

__all__ = ["Contact", "Coordinates", "Venue"]


@attrs.frozen(kw_only=True)
class Coordinates:
    """A point in WGS 84 decimal degrees, for maps and calendar GEO."""

    latitude: float
    longitude: float

    def __attrs_post_init__(self) -> None:
        if not -90 <= self.latitude <= 90:
            fail("latitude", f"{self.latitude} is not between -90 and 90")
        if not -180 <= self.longitude <= 180:
            fail("longitude", f"{self.longitude} is not between -180 and 180")


@attrs.frozen(kw_only=True)
class Venue:
    """Where a meeting takes place."""

    name: str = attrs.field(validator=_checks.text)
    address: tuple[str, ...] = attrs.field(default=(), validator=_checks.texts)
    """Street address lines after the venue name, town last; the postcode goes in ``postcode``."""
    postcode: str | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(_checks.normalise_postcode),
        validator=attrs.validators.optional(_checks.postcode),
    )
    coordinates: Coordinates | None = None

    @property
    def one_line(self) -> str:
        """'South Cambridgeshire Hall, Cambourne Business Park, Cambourne CB23 6EA'."""
        parts = [self.name, *self.address]
        line = ", ".join(parts)
        return f"{line} {self.postcode}" if self.postcode else line


@attrs.frozen(kw_only=True)
class Contact:
    """How the public reaches the partnership, or one council's office of a joint partnership."""

    address: tuple[str, ...] = attrs.field(validator=_checks.texts)
    """Postal address lines, town last; the postcode goes in ``postcode``."""
    postcode: str = attrs.field(converter=_checks.normalise_postcode, validator=_checks.postcode)
    email: str | None = attrs.field(default=None, validator=_checks.email)
    phone: str | None = attrs.field(default=None, validator=_checks.text)
    web: str | None = attrs.field(default=None, validator=_checks.web)
    agency: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_checks.slug)
    )
    """Id of the agency whose office this is (a council of a joint partnership), if any.

    Required for each of :attr:`Partnership.contacts <csp_core.model.Partnership.contacts>`;
    optional for the partnership's main contact.
    """

    def __attrs_post_init__(self) -> None:
        if not self.address:
            fail("address", "give at least one address line")
