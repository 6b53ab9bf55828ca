"""The geometry of a target's progress chart, drawn by the ``chart.html`` template as inline SVG.

Only numbers and labels are computed here; the template writes the markup, so every label is
escaped like any other text.  The chart is a picture of the numbers in the table beside it
(``role="img"`` with a title and a description); it is never the only place they appear.
"""

from __future__ import annotations

import datetime as dt
import math

import attrs
from csp_core import Target, dates, i18n, labels

from csp_html import words
from csp_html.templating import compose

__all__ = ["Chart", "Point", "Tick", "chart"]

WIDTH = 640
HEIGHT = 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 84.0, 24.0, 24.0, 44.0
_MAX_TICKS = 12


@attrs.frozen(kw_only=True)
class Point:
    """One plotted value: the baseline or a reading."""

    x: float
    y: float
    label: str
    """'30.4% on 30 June 2017'."""
    baseline: bool = False


@attrs.frozen(kw_only=True)
class Tick:
    """A labelled horizontal grid line."""

    y: float
    label: str


@attrs.frozen(kw_only=True)
class Chart:
    """Everything the template needs to draw one target's chart."""

    width: int
    height: int
    left: float
    right: float
    """The x of the plot area's right edge."""
    top: float
    bottom: float
    """The y of the plot area's bottom edge."""
    points: tuple[Point, ...]
    line: str
    """The readings (baseline first) as an SVG ``points`` list: ``"84.0,120.5 160.2,118.0"``."""
    target_y: float
    target_label: str
    ticks: tuple[Tick, ...]
    first_date: str
    last_date: str
    title: str
    description: str


def chart(target: Target, language: i18n.Language = words.ENGLISH) -> Chart | None:
    """The chart of a target's baseline, readings and goal; ``None`` without readings.

    Its words (title, description, labels, dates) are in ``language``.

    ``None`` too when the values cannot be drawn on one scale (non-finite span): the table
    still gives every number.
    """
    if not target.readings:
        return None
    observed = ([target.baseline] if target.baseline else []) + list(target.readings)
    values = [reading.value for reading in observed] + [target.target]
    low, high = min(values), max(values)
    ticks = _ticks(low, high)
    if ticks is None:
        return None
    bottom_value, top_value = ticks[0], ticks[-1]
    days = [reading.on for reading in observed] + ([target.by] if target.by else [])
    first, last = min(days), max(days)
    plot_right, plot_bottom = WIDTH - _RIGHT, HEIGHT - _BOTTOM

    def x_of(day: dt.date) -> float:
        if first == last:
            return (_LEFT + plot_right) / 2
        return _LEFT + (day - first).days / (last - first).days * (plot_right - _LEFT)

    def y_of(value: float) -> float:
        share = (value - bottom_value) / (top_value - bottom_value)
        return plot_bottom - share * (plot_bottom - _TOP)

    points = tuple(
        Point(
            x=round(x_of(reading.on), 1),
            y=round(y_of(reading.value), 1),
            label=words.quantity_on(reading.value, target.unit, reading.on, language),
            baseline=index == 0 and target.baseline is not None,
        )
        for index, reading in enumerate(observed)
    )
    goal = labels.quantity(target.target, target.unit)
    readings = "; ".join(point.label for point in points if not point.baseline)
    described = [
        language.gettext("Baseline {value}.", value=points[0].label) if target.baseline else "",
        language.gettext("Readings: {values}.", values=readings),
        language.gettext(
            "Target: {goal}.",
            goal=words.goal(target.target, target.unit, target.by, language),
        ),
    ]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=_LEFT,
        right=plot_right,
        top=_TOP,
        bottom=plot_bottom,
        points=points,
        line=" ".join(f"{point.x},{point.y}" for point in points),
        target_y=round(y_of(target.target), 1),
        target_label=language.gettext("Target {value}", value=goal),
        ticks=tuple(Tick(y=round(y_of(value), 1), label=labels.number(value)) for value in ticks),
        first_date=dates.short_date(first, language),
        last_date=dates.short_date(last, language),
        title=compose(
            language, language.translations.gettext("Progress: {measure}"), measure=target.measure
        ),
        description=" ".join(part for part in described if part),
    )


def _ticks(low: float, high: float) -> list[float] | None:
    """Round grid values covering ``low`` to ``high`` (1, 2 or 5 times a power of ten apart)."""
    span = high - low
    if not math.isfinite(span):
        return None
    if span == 0:
        span = abs(high) / 5 or 1.0
        low, high = low - span, high + span
        span = high - low
        if not math.isfinite(span):
            return None
    raw = span / 4
    if raw < 1e-300:
        return None
    power = 10 ** math.floor(math.log10(raw))
    step = next(
        (power * factor for factor in (1, 2, 5, 10) if span / (power * factor) <= _MAX_TICKS - 2),
        power * 10,
    )
    start = math.floor(low / step)
    stop = math.ceil(high / step)
    if stop == start:
        stop += 1
    count = stop - start + 1
    if count > _MAX_TICKS or step == 0 or not math.isfinite(step * stop):
        return None
    return [(start + index) * step for index in range(count)]
