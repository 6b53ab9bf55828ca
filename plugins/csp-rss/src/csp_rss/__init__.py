"""csp-rss: RSS 2.0 and Atom news feeds of a Community Safety Partnership, for csp-core.

Installed, it registers the ``rss`` publisher through the ``csp_core`` entry-point group; see
``docs/feeds.md`` for the files it makes, every element in them, its ids and its options.
"""

from __future__ import annotations

from collections.abc import Callable

from csp_core import Checker, Publisher, hookimpl
from csp_rss.check import RssChecker
from csp_rss.publisher import RssPublisher

__all__ = ["RssChecker", "RssPublisher", "register_checkers", "register_publishers"]


@hookimpl
def register_publishers(register: Callable[[Publisher], None]) -> None:
    """Register the ``rss`` publisher.

    Args:
        register: the core's callback, called once with the publisher.
    """
    register(RssPublisher())


@hookimpl
def register_checkers(register: Callable[[Checker], None]) -> None:
    """Register the ``rss`` checker of ``csp check``.

    Args:
        register: the core's callback, called once with the checker.
    """
    register(RssChecker())
