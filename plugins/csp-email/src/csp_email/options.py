"""The publisher's options: declared with their defaults, and checked before anything renders."""

from __future__ import annotations

import attrs

from csp_core import BuildContext, Option
from csp_email.cadence import Cadence

__all__ = ["CADENCE", "DAYS", "OPTIONS", "SENDER", "EmailOptions"]


def _sender(value: str) -> str | None:
    given = value.strip()
    if not given:
        return None
    from csp_email.messages import address  # noqa: PLC0415 - the email package, when given

    address(given)  # raises ValueError naming the value
    return given


CADENCE = Option.choice(
    "cadence",
    "how often a digest is made: daily (each day's news) or weekly (Monday to Sunday)",
    default="daily",
    choices=[cadence.value for cadence in Cadence],
)
DAYS = Option.whole_number(
    "days",
    "how many days back digests are written for: the windows that ended in the last N days",
    default=28,
    low=1,
    high=366,
)
SENDER = Option(
    name="sender",
    help="the address digests come from (From:); empty for the partnership's contact email. "
    "Without either, no digest is made",
    default="",
    parse=_sender,
)
OPTIONS = (CADENCE, DAYS, SENDER)


@attrs.frozen(kw_only=True)
class EmailOptions:
    """The options, as the core parsed them."""

    cadence: Cadence
    days: int
    sender: str | None
    """The From address: the option, else the partnership's public contact email when it is one
    plain address, else none (and no digest)."""

    @classmethod
    def of(cls, context: BuildContext) -> EmailOptions:
        """The options given to this build (defaults for those not given)."""
        return cls(
            cadence=Cadence(context.value(CADENCE)),
            days=context.value(DAYS),
            sender=context.value(SENDER) or _usable(context.view.partnership.contact.email),
        )


def _usable(email: str | None) -> str | None:
    """The contact email as a sender, if it is one plain address (the model is more lenient)."""
    from csp_email.messages import address  # noqa: PLC0415 - the email package, when rendering

    if email is None:
        return None
    try:
        address(email)
    except ValueError:
        return None
    return email
