"""What the dashboards and indicator cards show."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kasam.access.selectors import clients_visible_to
from kasam.accounts.models import User
from kasam.core.national_id import legal_gender
from kasam.indicators.charts import Point
from kasam.indicators.compute import Computation, Value, months_read, value_of
from kasam.indicators.definitions import DEFINITION_VERSION
from kasam.indicators.facts import Fact, Window, monthly
from kasam.indicators.live import LIVE
from kasam.indicators.models import ClosedPeriod, Indicator, StoredValue
from kasam.indicators.periods import Kind, Period
from kasam.indicators.tally import Tally, month_of
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client


def last_ended_month(today: datetime.date) -> Period:
    return Period.containing(Kind.MONTH, today).shift(-1)


def dashboard_units() -> QuerySet[OrganisationUnit]:
    """Levels a dashboard can be shown for: the municipality, its areas and units."""
    return OrganisationUnit.objects.filter(archived_at__isnull=True).exclude(
        kind=OrganisationUnit.Kind.TEAM
    )


@dataclass(frozen=True)
class Row:
    indicator: Indicator
    value: Value
    previous: Value
    points: list[Point]

    @property
    def arrow(self) -> str:
        """The change since the previous period, with a dead band (trend, not target)."""
        now, before = self.value.value, self.previous.value
        if now is None or before is None:
            return ""
        band = Decimal("1") if self.indicator.measure == "percent" else Decimal("0.5")
        if abs(now - before) <= band:
            return "→"
        return "↑" if now > before else "↓"

    @property
    def better(self) -> bool | None:
        if self.arrow in ("", "→"):
            return None
        return (self.arrow == "↑") == (self.indicator.direction == Indicator.Direction.HIGHER)


def dashboard(unit: OrganisationUnit, period: Period, *, today: datetime.date) -> list[Row]:
    """Every active indicator for one unit: the period, the one before, and 12 for the trend."""
    indicators = list(Indicator.objects.filter(active=True))
    periods = period.last(12)
    values = Computation(indicators, [unit], periods, today=today).run()
    rows = []
    for indicator in indicators:
        series = [values[(indicator.code, unit.pk, p.code)] for p in periods]
        points = [
            Point(p.short_label, v.value, v.colour) for p, v in zip(periods, series, strict=True)
        ]
        rows.append(Row(indicator, series[-1], series[-2], points))
    return rows


def comparison(
    indicator: Indicator, unit: OrganisationUnit, period: Period, *, today: datetime.date
) -> list[tuple[OrganisationUnit, Value]]:
    """The units right under `unit` side by side for one period, and the unit itself."""
    children = list(dashboard_units().filter(parent=unit).order_by("name"))
    units = [unit, *children]
    values = Computation([indicator], units, [period], today=today).run()
    return [(u, values[(indicator.code, u.pk, period.code)]) for u in units]


def other_municipalities(indicator: Indicator, period: Period) -> QuerySet[StoredValue]:
    return StoredValue.objects.filter(indicator=indicator, period=period.code).exclude(
        municipality=""
    )


def subtree_ids(unit: OrganisationUnit) -> set[int]:
    """The unit and every unit under it."""
    below = OrganisationUnit.objects.filter(path__startswith=unit.path)
    return set(below.values_list("pk", flat=True))


@dataclass(frozen=True)
class Record:
    client: Client
    in_numerator: bool


@dataclass(frozen=True)
class Records:
    shown: list[Record]
    hidden: int  # behind the number, but the user has no care relationship with them


def records_behind(
    user: User,
    indicator: Indicator,
    unit: OrganisationUnit,
    period: Period,
    *,
    today: datetime.date,
) -> Records:
    """The clients behind a live number, limited to those the user may see."""
    live = LIVE.get(indicator.code)
    if live is None:
        return Records([], 0)
    months, _ended = months_read(indicator.rollup, period, today)
    units = subtree_ids(unit)
    window = Window(months[0], months[-1], today)
    hits: dict[int, bool] = {}
    for fact in live.facts(window):
        counted = [m for m in months if m in fact.months]
        if fact.client_id is None or fact.unit_id not in units or not counted:
            continue
        inside = any(m in fact.in_numerator for m in counted)
        hits[fact.client_id] = hits.get(fact.client_id, False) or inside
    visible = clients_visible_to(user).filter(pk__in=hits.keys()).order_by("last_name")
    shown = [Record(client, hits[client.pk]) for client in visible]
    return Records(shown, len(hits) - len(shown))


def export_rows(
    unit: OrganisationUnit, period: Period, *, today: datetime.date
) -> list[list[object]]:
    """One row per indicator, unit (the level and the units right under it) and period."""
    indicators = list(Indicator.objects.filter(active=True))
    units = [unit, *dashboard_units().filter(parent=unit).order_by("name")]
    periods = period.last(12)
    values = Computation(indicators, units, periods, today=today).run()
    rows: list[list[object]] = []
    for indicator in indicators:
        for u in units:
            for p in periods:
                found = values[(indicator.code, u.pk, p.code)]
                rows.append(
                    [
                        indicator.code,
                        indicator.name,
                        u.name,
                        "",
                        p.code,
                        _as_shown(found.value),
                        _as_shown(found.numerator),
                        _as_shown(found.denominator),
                        found.status,
                        DEFINITION_VERSION,
                    ]
                )
    return rows


def _as_shown(number: Decimal | float | None) -> Decimal | None:
    """Rounded as the card shows it (one decimal at most): never 28 decimals."""
    if number is None:
        return None
    rounded = Decimal(str(number)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral() else rounded


def closable(period: Period, *, today: datetime.date | None = None) -> bool:
    """An ended period that is not closed yet."""
    ended = period.end < (today or timezone.localdate())
    return ended and not ClosedPeriod.objects.filter(period=period.code).exists()


AGE_BANDS = [(0, 66, "0–66"), (67, 79, "67–79"), (80, 89, "80–89"), (90, 200, "90+")]


@dataclass(frozen=True)
class Group:
    label: str
    value: Value


def breakdown(
    indicator: Indicator, unit: OrganisationUnit, period: Period, *, today: datetime.date
) -> tuple[list[Group], list[Group]]:
    """The indicator by legal gender and by age band at the period's end (live indicators
    whose records are people), for the unit with its subtree."""
    live = LIVE.get(indicator.code)
    if live is None or not (indicator.by_gender or indicator.by_age):
        return [], []
    months = [month_of(m.start) for m in period.months()]
    window = Window(months[0], months[-1], today)
    units = subtree_ids(unit)
    facts = [f for f in live.facts(window) if f.unit_id in units and f.client_id is not None]
    people = {
        pk: (legal_gender(number), born)
        for pk, number, born in Client.objects.filter(
            pk__in={f.client_id for f in facts}
        ).values_list("pk", "national_id", "birth_date")
    }
    genders = [("F", _("women")), ("M", _("men"))] if indicator.by_gender else []
    bands = AGE_BANDS if indicator.by_age else []
    unknown: tuple[str, datetime.date | None] = ("", None)
    person = [(fact, *people.get(fact.client_id or 0, unknown)) for fact in facts]
    by_gender = [
        Group(label, _value(indicator, [f for f, g, _b in person if g == code], window, period))
        for code, label in genders
    ]
    by_age = [
        Group(
            label,
            _value(
                indicator,
                [f for f, _g, born in person if _in_band(born, period, low, high)],
                window,
                period,
            ),
        )
        for low, high, label in bands
    ]
    return by_gender, by_age


def _in_band(born: datetime.date | None, period: Period, low: int, high: int) -> bool:
    if born is None:
        return False
    end = period.end
    age = end.year - born.year - ((end.month, end.day) < (born.month, born.day))
    return low <= age <= high


def _value(indicator: Indicator, facts: list[Fact], window: Window, period: Period) -> Value:
    """One group's value: its facts summed (per unit, then over the units) and divided."""
    months, ended = months_read(indicator.rollup, period, window.today)
    tally = Tally()
    for (_unit, month), part in monthly(facts, window).items():
        if month in months:
            tally.add(part)
    return value_of(indicator, tally, preliminary=not ended)
