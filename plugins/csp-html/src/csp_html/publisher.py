"""The ``html`` publisher: the partnership's public web pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from csp_core import BuildContext, CombinedContext, Option, OutputFile

from csp_html.links import STYLESHEET_PATH
from csp_html.options import OPTIONS, HtmlOptions

if TYPE_CHECKING:
    import jinja2

    from csp_html.site import Page

# The pages, Jinja2 and Babel are imported when the publisher renders, not when the plugin
# loads for every ``csp`` command (docs/performance.md, "Start-up").

__all__ = ["HTML_MEDIA_TYPE", "HtmlPublisher"]

HTML_MEDIA_TYPE = "text/html; charset=utf-8"
CSS_MEDIA_TYPE = "text/css; charset=utf-8"


class HtmlPublisher:
    """Renders index.html, a page per meeting, plan and strategic assessment, and a stylesheet.

    Pure: the same public view, options and base address give the same bytes.  Only what the
    public view holds is shown, so nothing private can reach a page.
    """

    @property
    def name(self) -> str:
        """``html``."""
        return "html"

    @property
    def description(self) -> str:
        """One line for ``csp plugins``."""
        return "the partnership's public web pages: plan, assessments, meetings, members"

    @property
    def outputs(self) -> tuple[str, ...]:
        """The files it makes, as patterns."""
        return (
            "index.html",
            "meetings/{meeting}.html",
            "plans/{plan}.html",
            "assessments/{assessment}.html",
            STYLESHEET_PATH,
        )

    @property
    def options(self) -> tuple[Option[Any], ...]:
        """``templates``, ``calendars``, ``deadlines_calendar``, ``feeds``, ``map_links``."""
        return OPTIONS

    def render(self, context: BuildContext) -> Iterable[OutputFile]:
        """Render every page and the stylesheet.

        Raises:
            ValueError: a template is missing or broken (the message names the template and
                line).  The options were checked by the core before any publisher ran.
        """
        from csp_html.pages import (  # noqa: PLC0415 - see the imports
            assessment_page,
            index_page,
            meeting_page,
            plan_page,
        )
        from csp_html.site import site_for  # noqa: PLC0415
        from csp_html.templating import environment  # noqa: PLC0415

        options = HtmlOptions.of(context)
        view = context.view
        partnership = view.partnership
        env = environment(options.templates, view.language.tag)
        site = site_for(context, options)
        map_links = options.map_links
        pages = [index_page(site, view, map_links=map_links)]
        pages += [
            meeting_page(site, view, meeting, map_links=map_links)
            for meeting in sorted(partnership.meetings, key=lambda m: m.id)
        ]
        pages += [plan_page(site, view, plan) for plan in sorted(partnership.plans, key=_id)]
        pages += [
            assessment_page(site, view, assessment)
            for assessment in sorted(partnership.assessments, key=_id)
        ]
        files = [_render(env, page) for page in pages]
        files.append(_stylesheet(env))
        return files

    def combine(self, context: CombinedContext) -> list[OutputFile]:
        """The county index page of partnerships built together, and its stylesheet.

        ``index.html`` lists every partnership with its area, next public meeting and links to
        its own pages, calendar and feeds, and offers the county calendar and feeds
        (docs/county.md).  Made from each partnership's public view alone.

        Raises:
            ValueError: a template is missing or broken (the message names it and the line).
        """
        from csp_html.pages.county import county_page  # noqa: PLC0415 - see the imports
        from csp_html.templating import environment  # noqa: PLC0415

        options = HtmlOptions.of(context)
        env = environment(options.templates, context.language)
        return [_render(env, county_page(context, options)), _stylesheet(env)]


def _id(item: object) -> str:
    return str(getattr(item, "id", ""))


def _stylesheet(env: jinja2.Environment) -> OutputFile:
    import jinja2  # noqa: PLC0415 - see the imports

    from csp_html.templating import stylesheet  # noqa: PLC0415

    try:
        css = stylesheet(env)
    except jinja2.TemplateNotFound as error:
        msg = f"template {error.name!r} not found"
        raise ValueError(msg) from error
    return OutputFile(path=STYLESHEET_PATH, content=css.encode("utf-8"), media_type=CSS_MEDIA_TYPE)


def _render(env: jinja2.Environment, page: Page) -> OutputFile:
    import jinja2  # noqa: PLC0415 - see the imports

    try:
        html = env.get_template(page.template).render(page.context)
    except jinja2.TemplateSyntaxError as error:
        msg = f"template {error.name or page.template!r}, line {error.lineno}: {error.message}"
        raise ValueError(msg) from error
    except jinja2.TemplateError as error:
        msg = f"template {page.template!r} for {page.path}: {error}"
        raise ValueError(msg) from error
    return OutputFile(
        path=page.path, content=html.encode("utf-8"), media_type=HTML_MEDIA_TYPE, items=1
    )
