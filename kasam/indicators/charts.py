"""Charts drawn by the app as SVG: no script, no CDN. Each chart has a title and a
description for screen readers, marks its points with shapes as well as colour (circle on
target, triangle near, square off), and draws the target as a dashed line; the numbers
stand in a table beside every chart. Text is escaped; numbers are formatted here."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT, PAD = 560, 220, 36
COLOURS = {"green": "#1c7c3a", "yellow": "#8a5a00", "red": "#a4001d", "": "#4a5360"}
SYMBOLS = {"green": "✓", "yellow": "!", "red": "✗", "": ""}
DASHED = 'stroke="#1b1f24" stroke-dasharray="6 4"'
UNIT_SIGNS = {"percent": "%", "per_mille": "‰"}  # Indicator.Measure values


@dataclass(frozen=True)
class Point:
    label: str
    value: Decimal | None
    colour: str = ""


def trend(points: list[Point], *, target: Decimal | None, title: str) -> SafeString:
    """A line of values over periods, against the target."""
    known = [p.value for p in points if p.value is not None]
    if not known:
        return SafeString("")
    top = max([*known, target or Decimal(0)]) * Decimal("1.1") or Decimal(1)
    step = (WIDTH - 2 * PAD) / max(len(points) - 1, 1)

    def y(value: Decimal) -> float:
        return HEIGHT - PAD - float(value / top) * (HEIGHT - 2 * PAD)

    xy = [(PAD + n * step, y(p.value), p) for n, p in enumerate(points) if p.value is not None]
    line = " ".join(f"{x:.1f},{yy:.1f}" for x, yy, _p in xy)
    parts = [
        f'<line x1="{PAD}" x2="{WIDTH - PAD}" y1="{HEIGHT - PAD}" y2="{HEIGHT - PAD}" '
        'stroke="#c9ced6"/>',
        f'<polyline points="{line}" fill="none" stroke="#0b5cad" stroke-width="2"/>',
        *(_mark(x, yy, p.colour) for x, yy, p in xy),
        *(
            f'<text x="{PAD + n * step:.1f}" y="{HEIGHT - 10}" font-size="11" '
            f'text-anchor="middle">{escape(p.label)}</text>'
            for n, p in enumerate(points)
            if n % 2 == 0
        ),
    ]
    if target is not None:
        ty = y(target)
        parts.append(
            f'<line x1="{PAD}" x2="{WIDTH - PAD}" y1="{ty:.1f}" y2="{ty:.1f}" {DASHED}/>'
            f'<text x="{WIDTH - PAD + 2}" y="{ty + 4:.1f}" font-size="11">{number(target)}</text>'
        )
    return _svg(WIDTH + 40, HEIGHT, title, _describe(points, target), parts)


def sparkline(points: list[Point], *, title: str) -> SafeString:
    """A small line of the last periods for a dashboard row: the shape of the trend, its last
    point marked by shape as well as colour, the values in its description."""
    known = [p.value for p in points if p.value is not None]
    if len(known) < 2:
        return SafeString("")
    low, high = min(known), max(known)
    span = (high - low) or Decimal(1)
    width, height, pad = 120, 32, 5
    step = (width - 2 * pad) / max(len(points) - 1, 1)
    xy = [
        (pad + n * step, height - pad - float((p.value - low) / span) * (height - 2 * pad), p)
        for n, p in enumerate(points)
        if p.value is not None
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y, _p in xy)
    x, y, last = xy[-1]
    parts = [
        f'<polyline points="{line}" fill="none" stroke="#0b5cad" stroke-width="1.5"/>',
        _mark(x, y, last.colour),
    ]
    return _svg(width, height, title, _describe(points, None), parts, kind="spark")


def bars(points: list[Point], *, target: Decimal | None, title: str) -> SafeString:
    """Units side by side for one period (the unit comparison)."""
    known = [p.value for p in points if p.value is not None]
    if not known:
        return SafeString("")
    top = max([*known, target or Decimal(0)]) * Decimal("1.1") or Decimal(1)
    row, width = 26, WIDTH - 200
    parts = []
    for n, p in enumerate(points):
        length = float((p.value or 0) / top) * width
        shown = number(p.value) if p.value is not None else ".."
        parts.append(
            f'<text x="0" y="{n * row + 14}" font-size="12">{escape(p.label[:28])}</text>'
            f'<rect x="190" y="{n * row + 2}" width="{length:.1f}" height="16" '
            f'fill="{COLOURS[p.colour]}"/>'
            f'<text x="{194 + length:.1f}" y="{n * row + 14}" font-size="12">'
            f"{shown} {SYMBOLS[p.colour]}</text>"
        )
    height = len(points) * row + 10
    if target is not None:
        tx = 190 + float(target / top) * width
        parts.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="0" y2="{height}" {DASHED}/>')
    return _svg(WIDTH + 60, height, title, _describe(points, target), parts)


def _svg(
    width: float,
    height: float,
    title: str,
    description: str,
    parts: list[str],
    *,
    kind: str = "chart",
) -> SafeString:
    key = (
        "c" + hashlib.sha1(f"{title}{description}".encode(), usedforsecurity=False).hexdigest()[:8]
    )
    head = (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="{key}t {key}d" '
        f'class="{kind}"><title id="{key}t">{escape(title)}</title>'
        f'<desc id="{key}d">{escape(description)}</desc>'
    )
    return mark_safe(head + "".join(parts) + "</svg>")  # noqa: S308 - text escaped above


def _mark(x: float, y: float, colour: str) -> str:
    fill = COLOURS[colour]
    if colour == "red":
        return f'<rect x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9" fill="{fill}"/>'
    if colour == "yellow":
        corners = f"{x:.1f},{y - 6:.1f} {x - 5:.1f},{y + 4:.1f} {x + 5:.1f},{y + 4:.1f}"
        return f'<polygon points="{corners}" fill="{fill}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{fill}"/>'


def _describe(points: list[Point], target: Decimal | None) -> str:
    values = ", ".join(
        f"{p.label}: {number(p.value) if p.value is not None else '..'}" for p in points
    )
    if target is None:
        return values
    return f"{values}. " + _("Target: %(target)s") % {"target": number(target)}


def number(value: Decimal | None) -> str:
    """A value as the pages print it, in the reader's language: at most one decimal, grouped
    thousands ("1 234,5" in Norwegian and Swedish, "1,234.5" in English)."""
    if value is None:
        return ""
    rounded = Decimal(str(value)).quantize(Decimal("0.1"))
    places = 0 if rounded == rounded.to_integral_value() else 1
    return formats.number_format(rounded, places, use_l10n=True, force_grouping=True)


def measured(value: Decimal | None, measure: str) -> str:
    """The number with its unit where it has a sign: "45,6 %", "12 ‰"."""
    shown = number(value)
    sign = UNIT_SIGNS.get(measure, "")
    return f"{shown}\u00a0{sign}" if shown and sign else shown
