"""How values are printed: at most one decimal, lights with a word, counts behind a share."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from kasam.indicators.charts import Point, measured, number, sparkline
from kasam.indicators.compute import Value
from kasam.indicators.models import Indicator

register = template.Library()


@register.filter
def figure(value: Decimal | None, indicator: Indicator | None = None) -> str:
    """The value in the reader's number format, with the indicator's unit sign if given."""
    return measured(value, indicator.measure) if indicator is not None else number(value)


@register.filter
def trend_line(points: list[Point], name: str) -> str:
    """The indicator's last periods as a small line (dashboard)."""
    return sparkline(points, title=_("%(name)s, the last 12 periods") % {"name": name})


@register.filter
def light(colour: str) -> str:
    """The traffic light in words, so that colour is never the only sign."""
    return {"green": _("✓ on target"), "yellow": _("! close"), "red": _("✗ off target")}.get(
        colour, ""
    )


@register.simple_tag
def counts(indicator: Indicator, value: Value) -> str:
    """'16 of 20' behind a share; the number of records behind a median."""
    if value.denominator is None:
        return ""
    if not indicator.ratio:
        return ""
    shares = (Indicator.Measure.PERCENT, Indicator.Measure.PER_MILLE)
    if indicator.rollup == Indicator.Rollup.MEDIAN or indicator.measure not in shares:
        return _("%(n)s records") % {"n": number(Decimal(str(value.denominator)))}
    if value.numerator is None:
        return ""
    return _("%(numerator)s of %(denominator)s") % {
        "numerator": number(Decimal(str(value.numerator))),
        "denominator": number(Decimal(str(value.denominator))),
    }


@register.filter
def counts_of(indicator: Indicator, value: Value) -> str:
    """counts, as a filter, to use inside {% with %}."""
    return counts(indicator, value)


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key, []) if isinstance(mapping, dict) else []
