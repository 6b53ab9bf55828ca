"""A custom publisher: ``next-meetings.txt``, the next public meetings, one a line."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from csp_core import BuildContext, Option, OutputFile, Publisher, dates, hookimpl, labels, text

HOW_MANY = Option.whole_number("count", "how many meetings to list", default=5, low=1, high=50)


@attrs.frozen
class NextMeetings:
    """The publisher: ``csp build --only next-meetings --option next-meetings.count=3``."""

    name: str = "next-meetings"
    description: str = "the next public meetings as plain text"
    outputs: tuple[str, ...] = ("next-meetings.txt",)
    options: tuple[Option[int], ...] = (HOW_MANY,)

    def render(self, context: BuildContext) -> list[OutputFile]:
        """The next meetings of the view, in its language (the build puts each in its folder)."""
        view, zone = context.view, context.view.partnership.timezone
        meetings = view.upcoming()[: context.value(HOW_MANY)]
        lines = [
            f"{dates.time_span(m.start, m.end, zone, view.language)}: {text.clean(m.title)}"
            + ("" if view.goes_ahead(m) else f" ({labels.label(m.status, view.language)})")
            for m in meetings
        ]
        content = "".join(line + "\n" for line in lines).encode()
        kind, path = "text/plain; charset=utf-8", self.outputs[0]
        return [OutputFile(path=path, content=content, media_type=kind, items=len(lines))]


@hookimpl
def register_publishers(register: Callable[[Publisher], None]) -> None:
    """csp-core's hook: add the publisher."""
    register(NextMeetings())
