"""Indicator values for periods and units, on demand.

Live indicators are summed per unit and month from their facts, rolled up the organisation
tree and over the period, and divided last. A closed period answers with its stored value,
with today's recomputation beside it when that differs."""

from __future__ import annotations

import datetime
import hashlib
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property, partial

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kasam.indicators import formulas
from kasam.indicators.cache import (
    MONTHLY_SOURCES,
    Wanted,
    block_digest,
    keep_many,
    month_source,
    read_many,
    remembered_many,
    rolled_key,
    versions,
)
from kasam.indicators.facts import Window, monthly
from kasam.indicators.live import LIVE, Live
from kasam.indicators.models import ClosedPeriod, Indicator, StoredValue, Target
from kasam.indicators.periods import Period
from kasam.indicators.tally import Monthly, Tally, month_end, month_of, month_start
from kasam.organisation.models import OrganisationUnit

Key = tuple[str, int, str]  # indicator code, unit id, period code
NO_RECORDS = _("No records in the period.")
NOTHING_ENTERED = _("No value entered or imported.")


@dataclass(slots=True)
class Value:
    numerator: float | None
    denominator: float | None
    value: Decimal | None
    reason: str | Promise = ""  # why there is no value
    preliminary: bool = False  # the period has not ended
    colour: str = ""  # green, yellow, red; empty without a target
    target: Decimal | None = None
    stored: bool = False
    recomputed: Value | None = None  # for a closed period: today's figure when it differs
    suppressed: bool = False  # too few records to show (anonymity)

    @property
    def status(self) -> str:
        """Statistics Norway's marks: '..' missing, ':' suppressed, '*' preliminary."""
        if self.suppressed:
            return ":"
        if self.value is None:
            return ".."
        return "*" if self.preliminary else ""


def months_read(rollup: str, period: Period, today: datetime.date) -> tuple[list[int], bool]:
    """The months a value of `period` reads, and whether the period has ended: every month
    for flows and medians; for a stock, its last month that has ended (or the first, read as
    it stands). A month's last day is not its end: that day's visits are still being made."""
    months = [month_of(m.start) for m in period.months()]
    ended = month_end(months[-1]) < today
    if rollup == Indicator.Rollup.LAST:
        due = [m for m in months if month_end(m) < today] or months[:1]
        months = due[-1:]
    return months, ended


def value_of(indicator: Indicator, tally: Tally | None, *, preliminary: bool = False) -> Value:
    """Divide last: the value of summed numerator and denominator (or the median)."""
    tally = tally or Tally()
    if indicator.rollup == Indicator.Rollup.MEDIAN:
        if not tally.samples:
            return Value(None, 0, None, NO_RECORDS, preliminary)
        median = Decimal(str(statistics.median(tally.samples)))
        return Value(None, tally.denominator, median, "", preliminary)
    if not indicator.ratio:
        amount = Decimal(str(tally.numerator)) * indicator.factor
        return Value(tally.numerator, tally.denominator, amount, "", preliminary)
    if not tally.denominator:
        return Value(tally.numerator, 0, None, NO_RECORDS, preliminary)
    share = Decimal(str(tally.numerator)) / Decimal(str(tally.denominator)) * indicator.factor
    return Value(tally.numerator, tally.denominator, share, "", preliminary)


def colour_of(indicator: Indicator, value: Decimal | None) -> str:
    if value is None or indicator.green_from is None:
        return ""
    better = (lambda a, b: a >= b) if indicator.direction == "higher" else (lambda a, b: a <= b)
    if better(value, indicator.green_from):
        return "green"
    if indicator.yellow_from is not None and better(value, indicator.yellow_from):
        return "yellow"
    return "red"


class Computation:
    """Values of `indicators` for `units` (each with its subtree) and `periods`."""

    def __init__(
        self,
        indicators: Iterable[Indicator],
        units: Iterable[OrganisationUnit],
        periods: Iterable[Period],
        *,
        today: datetime.date | None = None,
    ) -> None:
        self.indicators = list(indicators)
        self.units = list(units)
        self.periods = list(periods)
        self.today = today or timezone.localdate()
        self._closed = set(ClosedPeriod.objects.values_list("period", flat=True))

    def run(self) -> dict[Key, Value]:
        months = [m for p in self.periods for m in p.months()]
        window = Window(
            month_of(min(m.start for m in months)), month_of(max(m.end for m in months)), self.today
        )
        self._read_versions(window)
        stored = self._stored()
        targets = self._targets()
        results: dict[Key, Value] = {}
        for indicator in self.indicators:
            values = self._values_of(indicator, window, stored)
            for key, computed in values.items():
                found = computed if not computed.stored else _with(computed)  # a fresh copy
                found.target = targets.get(key, indicator.target)
                found.colour = colour_of(indicator, computed.value)
                results[key] = found
        return results

    def _values_of(
        self, indicator: Indicator, window: Window, stored: dict[Key, Value]
    ) -> dict[Key, Value]:
        """One indicator for every unit and period: live, by formula, or as stored."""
        live = LIVE.get(indicator.code)  # other apps (surveys) may register theirs
        rolled = self._monthly(live, window) if live else {}
        series = self._series(indicator) if live is None and indicator.formula else None
        found: dict[Key, Value] = {}
        for unit in self.units:
            for period in self.periods:
                key = (indicator.code, unit.pk, period.code)
                if series is not None:
                    found[key] = _formula_value(indicator, series, unit.pk, period.code)
                elif live is None:
                    found[key] = stored.get(key) or Value(None, None, None, NOTHING_ENTERED)
                else:
                    computed = _small_groups_hidden(
                        self._live_value(indicator, rolled, unit.pk, period), live.min_group
                    )
                    found[key] = _closed_or(computed, stored.get(key), period.code in self._closed)
        return found

    def _monthly(self, live: Live, window: Window) -> Monthly:
        """The live indicator's tallies, rolled up the tree, for the units asked about.

        Tallies come in blocks (one month, or the standard window for indicators that read
        across months), each keyed by the source counters it reads. Every block's rolled-up
        tallies for the units asked about are read in one round trip; the blocks missing any
        are rolled up for every unit and stored together, so that the next page for another
        unit finds them too."""
        blocks = self._blocks(live, window)
        digests = {block: block_digest((block, self._tree)) for block in blocks}
        names = {
            (block, unit.pk): rolled_key(digests[block], unit.pk)
            for block in blocks
            for unit in self.units
        }
        found = read_many(names.values())
        missing = [b for b in blocks if any(names[b, u.pk] not in found for u in self.units)]
        raw = remembered_many({block: blocks[block] for block in missing})
        fresh: dict[str, dict[int, Tally]] = {}
        for block in missing:
            fresh |= self._rolled(digests[block], raw[block])
        keep_many(fresh)
        found |= fresh
        rolled: Monthly = {}
        for block in blocks:
            for unit in self.units:
                part: dict[int, Tally] = found.get(names[block, unit.pk], {})
                rolled.update({(unit.pk, month): tally for month, tally in part.items()})
        return rolled

    def _blocks(self, live: Live, window: Window) -> Wanted[Monthly]:
        """Each block's cache key (with its source counters), how to compute its raw tallies
        per unit (themselves cached, so a new rollup does not recount the facts) and the
        slot they are kept in in the database (a closed month, or the whole window)."""
        if not live.per_month:
            wide = self._wide(window)
            whole = (live.code, wide.first, wide.last, wide.today, self._versions(live.sources))
            return {whole: (partial(_tallies, live, wide), f"{live.code}:wide")}
        due = month_of(window.today)  # a month is read once it has ended
        blocks: Wanted[Monthly] = {}
        for month in range(window.first, window.last + 1):
            one = Window(month, month, window.today)
            key = (live.code, month, month < due, self._versions(_month_sources(live, month)))
            slot = f"{live.code}:{month}" if month < due else ""  # closed: kept in the database
            blocks[key] = (partial(_tallies, live, one), slot)
        return blocks

    def _rolled(self, block: str, per_unit: Monthly) -> dict[str, dict[int, Tally]]:
        """Each unit's tallies added to itself and every unit above it, under the cache key
        of every unit's sums."""
        sums: dict[int, dict[int, Tally]] = {pk: {} for pk in self._paths}
        for (unit_id, month), tally in per_unit.items():
            for ancestor in _ancestors(self._paths.get(unit_id, "")):
                if ancestor in sums:
                    sums[ancestor].setdefault(month, Tally()).add(tally)
        return {rolled_key(block, pk): part for pk, part in sums.items()}

    @cached_property
    def _tree(self) -> str:
        """The organisation tree's shape: a moved unit rolls up elsewhere."""
        return hashlib.sha256(repr(sorted(self._paths.items())).encode()).hexdigest()[:16]

    @staticmethod
    def _wide(window: Window) -> Window:
        """One standard window (four years up to this month) unless more is asked for, so
        that the dashboard, the cards and the goal tree share one cached result."""
        now = month_of(window.today)
        return Window(min(window.first, now - 47), max(window.last, now), window.today)

    def _read_versions(self, window: Window) -> None:
        """Every source counter this computation's cache keys need, in one query."""
        names: set[str] = set()
        for indicator in self.indicators:
            live = LIVE.get(indicator.code)
            if live is None:
                continue
            if not live.per_month:
                names.update(live.sources)
                continue
            for month in range(window.first, window.last + 1):
                names.update(_month_sources(live, month))
        self._known = dict(versions(names))

    def _versions(self, names: Iterable[str]) -> tuple[tuple[str, int | None], ...]:
        return tuple((name, self._known.get(name)) for name in sorted(set(names)))

    def _live_value(
        self, indicator: Indicator, rolled: Monthly, unit_id: int, period: Period
    ) -> Value:
        months, ended = self._read(indicator.rollup, period)
        tally = Tally()
        for month in months:
            part = rolled.get((unit_id, month))
            if part is not None:
                tally.add(part)
        return value_of(indicator, tally, preliminary=not ended)

    @cached_property
    def _paths(self) -> dict[int, str]:
        return dict(OrganisationUnit.objects.values_list("pk", "path"))

    @cache  # noqa: B019 - one Computation lives for one request
    def _read(self, rollup: str, period: Period) -> tuple[list[int], bool]:
        return months_read(rollup, period, self.today)

    def _series(self, indicator: Indicator) -> dict[tuple[str, int, str], Decimal | None]:
        """The stored values of the series a formula reads, for these units and periods."""
        try:
            names = formulas.names_in(indicator.formula)
        except formulas.FormulaError:
            return {}
        rows = StoredValue.objects.filter(
            indicator__code__in=names,
            unit__in=self.units,
            period__in=[p.code for p in self.periods],
            municipality="",
        ).values_list("indicator__code", "unit_id", "period", "value")
        return {(code, unit_id, period): value for code, unit_id, period, value in rows}

    def _stored(self) -> dict[Key, Value]:
        codes = [p.code for p in self.periods]
        rows = StoredValue.objects.filter(
            indicator__in=self.indicators, unit__in=self.units, period__in=codes, municipality=""
        ).select_related("indicator")
        return {
            (row.indicator.code, row.unit_id or 0, row.period): Value(
                float(row.numerator) if row.numerator is not None else None,
                float(row.denominator) if row.denominator is not None else None,
                row.value,
                "" if row.value is not None else NOTHING_ENTERED,
                stored=True,
            )
            for row in rows
        }

    def _targets(self) -> dict[Key, Decimal]:
        """Targets set for a unit (and its subtree) or a period override the indicator's."""
        found: dict[Key, Decimal] = {}
        paths = {unit.pk: unit.path for unit in self.units}
        rows = Target.objects.filter(indicator__in=self.indicators).select_related(
            "indicator", "unit"
        )
        for row in sorted(rows, key=lambda t: (t.unit.path if t.unit else "", t.period)):
            for unit_id, path in paths.items():
                if row.unit is not None and not path.startswith(row.unit.path):
                    continue
                for period in self.periods:
                    if not row.period or row.period == period.code:
                        found[(row.indicator.code, unit_id, period.code)] = row.value
        return found


def _month_sources(live: Live, month: int) -> list[str]:
    """The counters a month's tallies read: visits and deviations by month (the fortnight
    may begin in the month before), the rest (links, client status …) whole, as their
    writes raise them."""
    names = []
    for source in live.sources:
        if source in MONTHLY_SOURCES:
            names += [month_source(source, month_start(m)) for m in (month - 1, month)]
        else:
            names.append(source)
    return names


def _small_groups_hidden(value: Value, minimum: int) -> Value:
    """Survey values from fewer respondents than the minimum are not shown at all."""
    if not minimum or not value.denominator or value.denominator >= minimum:
        return value
    reason = _("Fewer than %(n)s answers: not shown.") % {"n": minimum}
    return Value(None, None, None, reason, value.preliminary, suppressed=True)


def _closed_or(computed: Value, kept: Value | None, closed: bool) -> Value:
    """A closed period shows its stored value, with today's figure beside it if it differs."""
    if not closed or kept is None:
        return computed
    return _with(kept, recomputed=computed if computed.value != kept.value else None)


def _formula_value(
    indicator: Indicator, series: dict[tuple[str, int, str], Decimal | None], unit: int, period: str
) -> Value:
    """The formula over the series' values for one unit and period; no value, with the
    reason, when it divides by zero or a series has no value."""
    try:
        names = formulas.names_in(indicator.formula)
        values = {name: series.get((name, unit, period)) for name in names}
        return Value(None, None, formulas.evaluate(indicator.formula, values))
    except formulas.FormulaError as error:
        return Value(None, None, None, str(error))


def _tallies(live: Live, window: Window) -> Monthly:
    return monthly(live.facts(window), window)


def _ancestors(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def _with(value: Value, **changes: object) -> Value:
    from dataclasses import replace

    return replace(value, **changes)  # type: ignore[arg-type]
