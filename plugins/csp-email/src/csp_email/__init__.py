"""csp-email: alert digests of what a Community Safety Partnership published, for csp-core.

Installed, it registers through the ``csp_core`` entry-point group the ``email`` publisher
(each digest as an ``.eml`` file under ``email/``) and the ``csp email-send`` command (each
subscriber's copy over SMTP, never twice).  See ``docs/email.md``.
"""

from __future__ import annotations

from collections.abc import Callable

from csp_core import Command, Publisher, hookimpl
from csp_email.command import SendCommand
from csp_email.publisher import EmailPublisher

__all__ = ["EmailPublisher", "SendCommand", "register_commands", "register_publishers"]


@hookimpl
def register_publishers(register: Callable[[Publisher], None]) -> None:
    """Register the ``email`` publisher."""
    register(EmailPublisher())


@hookimpl
def register_commands(register: Callable[[Command], None]) -> None:
    """Register ``csp email-send``."""
    register(SendCommand())
