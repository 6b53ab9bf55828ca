"""csp-html: the public web pages of a Community Safety Partnership, for csp-core.

Registers the ``html`` publisher through the ``csp_core`` entry-point group.  It renders
``index.html`` (every section of the partnership's page), a page per meeting, plan and strategic
assessment, and ``assets/site.css``, from Jinja2 templates a council can override by name with
the ``templates`` option.  See docs/html.md.
"""

from __future__ import annotations

from collections.abc import Callable

from csp_core import Checker, Publisher, hookimpl

from csp_html.check import HtmlChecker
from csp_html.publisher import HtmlPublisher

__all__ = ["HtmlChecker", "HtmlPublisher", "register_checkers", "register_publishers"]


@hookimpl
def register_publishers(register: Callable[[Publisher], None]) -> None:
    """Register the ``html`` publisher."""
    register(HtmlPublisher())


@hookimpl
def register_checkers(register: Callable[[Checker], None]) -> None:
    """Register the ``html`` checker of ``csp check``."""
    register(HtmlChecker())
