"""The publisher's options: declared with their defaults, and checked before anything renders."""

from __future__ import annotations

import datetime as dt

import attrs

from csp_core import BuildContext, Option

__all__ = [
    "COLOR",
    "CSS_COLOUR_NAMES",
    "DEADLINES",
    "DEFAULT_DURATION",
    "OPTIONS",
    "REFRESH_INTERVAL",
    "SERIES",
    "SERIES_FORMS",
    "IcalOptions",
]

#: The CSS named colours (CSS Color Module Level 4, section 6.1): RFC 7986's COLOR takes one.
CSS_COLOUR_NAMES = frozenset(
    [
        "aliceblue",
        "antiquewhite",
        "aqua",
        "aquamarine",
        "azure",
        "beige",
        "bisque",
        "black",
        "blanchedalmond",
        "blue",
        "blueviolet",
        "brown",
        "burlywood",
        "cadetblue",
        "chartreuse",
        "chocolate",
        "coral",
        "cornflowerblue",
        "cornsilk",
        "crimson",
        "cyan",
        "darkblue",
        "darkcyan",
        "darkgoldenrod",
        "darkgray",
        "darkgreen",
        "darkgrey",
        "darkkhaki",
        "darkmagenta",
        "darkolivegreen",
        "darkorange",
        "darkorchid",
        "darkred",
        "darksalmon",
        "darkseagreen",
        "darkslateblue",
        "darkslategray",
        "darkslategrey",
        "darkturquoise",
        "darkviolet",
        "deeppink",
        "deepskyblue",
        "dimgray",
        "dimgrey",
        "dodgerblue",
        "firebrick",
        "floralwhite",
        "forestgreen",
        "fuchsia",
        "gainsboro",
        "ghostwhite",
        "gold",
        "goldenrod",
        "gray",
        "green",
        "greenyellow",
        "grey",
        "honeydew",
        "hotpink",
        "indianred",
        "indigo",
        "ivory",
        "khaki",
        "lavender",
        "lavenderblush",
        "lawngreen",
        "lemonchiffon",
        "lightblue",
        "lightcoral",
        "lightcyan",
        "lightgoldenrodyellow",
        "lightgray",
        "lightgreen",
        "lightgrey",
        "lightpink",
        "lightsalmon",
        "lightseagreen",
        "lightskyblue",
        "lightslategray",
        "lightslategrey",
        "lightsteelblue",
        "lightyellow",
        "lime",
        "limegreen",
        "linen",
        "magenta",
        "maroon",
        "mediumaquamarine",
        "mediumblue",
        "mediumorchid",
        "mediumpurple",
        "mediumseagreen",
        "mediumslateblue",
        "mediumspringgreen",
        "mediumturquoise",
        "mediumvioletred",
        "midnightblue",
        "mintcream",
        "mistyrose",
        "moccasin",
        "navajowhite",
        "navy",
        "oldlace",
        "olive",
        "olivedrab",
        "orange",
        "orangered",
        "orchid",
        "palegoldenrod",
        "palegreen",
        "paleturquoise",
        "palevioletred",
        "papayawhip",
        "peachpuff",
        "peru",
        "pink",
        "plum",
        "powderblue",
        "purple",
        "rebeccapurple",
        "red",
        "rosybrown",
        "royalblue",
        "saddlebrown",
        "salmon",
        "sandybrown",
        "seagreen",
        "seashell",
        "sienna",
        "silver",
        "skyblue",
        "slateblue",
        "slategray",
        "slategrey",
        "snow",
        "springgreen",
        "steelblue",
        "tan",
        "teal",
        "thistle",
        "tomato",
        "turquoise",
        "violet",
        "wheat",
        "white",
        "whitesmoke",
        "yellow",
        "yellowgreen",
    ]
)


def _colour(value: str) -> str | None:
    text = value.strip().lower()
    if not text:
        return None
    if text not in CSS_COLOUR_NAMES:
        msg = (
            f"{value!r} is not a CSS colour name (RFC 7986 COLOR takes one, "
            "for example darkblue or teal)"
        )
        raise ValueError(msg)
    return text


REFRESH_INTERVAL = Option.duration(
    "refresh_interval",
    "how often subscribers should fetch the calendars again "
    "(REFRESH-INTERVAL and X-PUBLISHED-TTL), as an RFC 5545 duration such as PT12H",
    default="PT12H",
)
DEFAULT_DURATION = Option.duration(
    "default_duration",
    "how long a meeting without an end time is shown to last "
    "(DTEND = start + this), as an RFC 5545 duration such as PT2H",
    default="PT2H",
)
DEADLINES = Option.flag(
    "deadlines",
    "whether to make deadlines.ics, the calendar of publication deadlines (true or false)",
    default=True,
)
COLOR = Option(
    name="color",
    help="a CSS colour name for the calendars (COLOR), such as darkblue; empty for none",
    default="",
    parse=_colour,
)
#: How a repeating meeting (a series of the data) is written: ``expanded``, every occurrence
#: an event of its own; ``rrule``, one event with an RRULE and an override for each occurrence
#: that differs from it.  See docs/ical.md, 'Repeating meetings', for why ``expanded`` is the
#: default.
SERIES_FORMS = ("expanded", "rrule")
SERIES = Option.choice(
    "series",
    "how a repeating meeting is written: expanded (every occurrence an event of its own, "
    "which every client shows alike) or rrule (one event with an RRULE, EXDATE for the dates "
    "without a meeting, and a RECURRENCE-ID override for each occurrence that differs)",
    default="expanded",
    choices=SERIES_FORMS,
)
OPTIONS = (REFRESH_INTERVAL, DEFAULT_DURATION, DEADLINES, COLOR, SERIES)


@attrs.frozen(kw_only=True)
class IcalOptions:
    """The options, as the core parsed them."""

    refresh_interval: dt.timedelta
    default_duration: dt.timedelta
    deadlines: bool
    color: str | None
    series: str
    """``expanded`` or ``rrule`` (:data:`SERIES_FORMS`)."""

    @classmethod
    def of(cls, context: BuildContext) -> IcalOptions:
        """The options given to this build (defaults for those not given)."""
        return cls(
            refresh_interval=context.value(REFRESH_INTERVAL),
            default_duration=context.value(DEFAULT_DURATION),
            deadlines=context.value(DEADLINES),
            color=context.value(COLOR),
            series=context.value(SERIES),
        )
