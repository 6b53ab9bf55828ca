"""The ``email`` publisher: the archive copy of every digest, as ``.eml`` files."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from csp_core import BuildContext, Option, OutputFile
from csp_email.options import OPTIONS, EmailOptions

__all__ = ["MEDIA_TYPE", "EmailPublisher", "digest_path"]

MEDIA_TYPE = "message/rfc822"


def digest_path(list_id: str, day: str) -> str:
    """``email/kinds/minutes/2019-10-15.eml``."""
    return f"email/{list_id}/{day}.eml"


class EmailPublisher:
    """Writes each digest of the last ``days`` days as an email without a recipient.

    Pure: the same public view and options give the same bytes (a digest's date is its
    window's end, its MIME boundary is made from its content).  ``csp email-send`` sends
    each subscriber their copy of the same digests.
    """

    @property
    def name(self) -> str:
        """``email``."""
        return "email"

    @property
    def description(self) -> str:
        """One line for ``csp plugins``."""
        return "email digests of what was published, per list and day or week (.eml files)"

    @property
    def outputs(self) -> tuple[str, ...]:
        """The files it makes, as patterns."""
        return ("email/{list}/{date}.eml",)

    @property
    def options(self) -> tuple[Option[Any], ...]:
        """``cadence``, ``days``, ``sender``."""
        return OPTIONS

    def render(self, context: BuildContext) -> Iterator[OutputFile]:
        """One ``.eml`` file per digest; none without a sender address."""
        from csp_email.digests import digests  # noqa: PLC0415 - the email package: when rendering
        from csp_email.messages import message  # noqa: PLC0415

        settings = EmailOptions.of(context)
        if settings.sender is None:
            return
        for digest in digests(context.view, settings.cadence, settings.days):
            found = message(context, digest, sender=settings.sender, cadence=settings.cadence)
            yield OutputFile(
                path=digest_path(digest.list, digest.day.isoformat()),
                content=found.as_bytes(),
                media_type=MEDIA_TYPE,
                items=len(digest.events),
            )
