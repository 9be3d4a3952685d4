"""The overview's bar chart, an inline SVG drawn on the server: stamps given and rewards redeemed
per day. No script, and no ``style`` attribute or element (the pages' Content-Security-Policy
allows neither): every colour comes from the classes ``bar-stamps``, ``bar-redeems``, ``grid``
and ``axis`` of ``static/style.css``. Each bar carries a ``<title>`` with its day and number
(shown on hover, read by screen readers); the overview also lists the numbers in a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

WIDTH = 720
HEIGHT = 260
LEFT = 48
RIGHT = 8
TOP = 12
BOTTOM = 46
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM
MAX_TICKS = 5
LABEL_EVERY = 7
"""Every 7th day (counted back from the last) gets a date under the axis."""
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class ChartDay:
    """One day of the chart."""

    day: date
    stamps: int
    redeems: int


def short_date(day: date) -> str:
    """``15 Jun``, the same whatever the server's locale."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def scale(peak: int) -> tuple[int, int]:
    """(top of the axis, step between grid lines) for values up to ``peak``: a step of 1, 2 or
    5 times a power of ten, at most ``MAX_TICKS`` steps."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if step * (MAX_TICKS - 1) >= peak:
                return max(step, -(-peak // step) * step), step
        magnitude *= 10


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _bar(css: str, x: float, width: float, value: int, *, top: int, title: str) -> str:
    height = PLOT_HEIGHT * value / top
    y = TOP + PLOT_HEIGHT - height
    return (
        f'<rect class="{css}" x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" '
        f'height="{_n(height)}"><title>{escape(title)}</title></rect>'
    )


def render_chart(
    days: Sequence[ChartDay], *, title: str, description: str, zone_name: str = "UTC"
) -> Markup:
    """The SVG of ``days`` (oldest first): two bars a day on one scale; the axis names the time
    zone (``zone_name``) whose calendar days the bars are."""
    peak = max([0, *(d.stamps for d in days), *(d.redeems for d in days)])
    top, step = scale(peak)
    slot = PLOT_WIDTH / max(1, len(days))
    bar = slot * 0.38
    base = TOP + PLOT_HEIGHT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'role="img" aria-labelledby="chart-title chart-desc" focusable="false">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
    ]
    for value in range(0, top + 1, step):
        y = base - PLOT_HEIGHT * value / top
        parts.append(
            f'<line class="grid" x1="{LEFT}" y1="{_n(y)}" x2="{WIDTH - RIGHT}" y2="{_n(y)}"/>'
        )
        parts.append(
            f'<text class="tick" x="{LEFT - 6}" y="{_n(y + 4)}" text-anchor="end">{value}</text>'
        )
    for index, day in enumerate(days):
        x = LEFT + slot * index
        when = day.day.isoformat()
        if day.stamps:
            text = f"{when}: {day.stamps} stamp{'s' if day.stamps != 1 else ''} given"
            parts.append(_bar("bar-stamps", x + slot * 0.1, bar, day.stamps, top=top, title=text))
        if day.redeems:
            text = f"{when}: {day.redeems} reward{'s' if day.redeems != 1 else ''} redeemed"
            parts.append(
                _bar("bar-redeems", x + slot * 0.52, bar, day.redeems, top=top, title=text)
            )
        if (len(days) - 1 - index) % LABEL_EVERY == 0:
            parts.append(
                f'<text class="tick" x="{_n(x + slot / 2)}" y="{base + 16}" '
                f'text-anchor="middle">{escape(short_date(day.day))}</text>'
            )
    parts += [
        f'<line class="axis" x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}"/>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base}"/>',
        f'<text class="axis-title" x="{_n(LEFT + PLOT_WIDTH / 2)}" y="{HEIGHT - 6}" '
        f'text-anchor="middle">Day ({escape(zone_name)})</text>',
        f'<text class="axis-title" x="12" y="{_n(TOP + PLOT_HEIGHT / 2)}" text-anchor="middle" '
        f'transform="rotate(-90 12 {_n(TOP + PLOT_HEIGHT / 2)})">Number per day</text>',
        "</svg>",
    ]
    return Markup("\n".join(parts))  # noqa: S704 - every text in it is escaped above
