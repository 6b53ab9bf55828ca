"""The publisher's options: declared with their defaults, and checked before anything renders."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import attrs

from csp_core import Option

__all__ = ["CSS_COLOUR_NAMES", "OPTIONS", "IcalOptions", "parse_options"]

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

OPTIONS = (
    Option(
        name="refresh_interval",
        help="how often subscribers should fetch the calendars again "
        "(REFRESH-INTERVAL and X-PUBLISHED-TTL), as an RFC 5545 duration such as PT12H",
        default="PT12H",
    ),
    Option(
        name="default_duration",
        help="how long a meeting without an end time is shown to last "
        "(DTEND = start + this), as an RFC 5545 duration such as PT2H",
        default="PT2H",
    ),
    Option(
        name="deadlines",
        help="whether to make deadlines.ics, the calendar of publication deadlines (true or false)",
        default="true",
    ),
    Option(
        name="color",
        help="a CSS colour name for the calendars (COLOR), such as darkblue; empty for none",
        default="",
    ),
)

# RFC 5545 section 3.3.6: a positive dur-value ("P1W", "P1D", "P1DT2H", "PT12H", "PT90M").
_DURATION = re.compile(
    r"P(?:(?P<weeks>\d+)W|(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?)",
    re.ASCII,
)


@attrs.frozen(kw_only=True)
class IcalOptions:
    """The options, checked and converted."""

    refresh_interval: dt.timedelta
    default_duration: dt.timedelta
    deadlines: bool
    color: str | None


def _duration(name: str, value: str) -> dt.timedelta:
    """A positive RFC 5545 duration (``PT12H``, ``P1D``, ``P1W``) as a timedelta."""
    text = value.strip().upper()
    found = _DURATION.fullmatch(text)
    if found is None or text.endswith(("P", "T")):
        msg = (
            f"ical option {name}: {value!r} is not an RFC 5545 duration "
            "(for example PT12H, PT90M, P1D or P1W)"
        )
        raise ValueError(msg)
    amounts = {unit: int(amount) for unit, amount in found.groupdict().items() if amount}
    try:
        duration = dt.timedelta(**amounts)
    except OverflowError:
        msg = f"ical option {name}: {value!r} is too long a duration"
        raise ValueError(msg) from None
    if duration <= dt.timedelta(0):
        msg = f"ical option {name}: {value!r} must be longer than zero"
        raise ValueError(msg)
    return duration


def _boolean(name: str, value: str) -> bool:
    text = value.strip().lower()
    if text not in {"true", "false"}:
        msg = f"ical option {name}: {value!r} is not true or false"
        raise ValueError(msg)
    return text == "true"


def _colour(name: str, value: str) -> str | None:
    text = value.strip().lower()
    if not text:
        return None
    if text not in CSS_COLOUR_NAMES:
        msg = (
            f"ical option {name}: {value!r} is not a CSS colour name (RFC 7986 COLOR takes one, "
            "for example darkblue or teal)"
        )
        raise ValueError(msg)
    return text


def parse_options(options: Mapping[str, str]) -> IcalOptions:
    """Check and convert the options; a missing option takes its default.

    Raises:
        ValueError: an unknown option or a bad value, with a message naming it.
    """
    known = {option.name: option.default for option in OPTIONS}
    unknown = sorted(set(options) - set(known))
    if unknown:
        msg = f"ical has no option {unknown[0]!r} (options: {', '.join(known)})"
        raise ValueError(msg)
    values = {**known, **options}
    return IcalOptions(
        refresh_interval=_duration("refresh_interval", values["refresh_interval"]),
        default_duration=_duration("default_duration", values["default_duration"]),
        deadlines=_boolean("deadlines", values["deadlines"]),
        color=_colour("color", values["color"]),
    )
