"""Facts behind the live indicators: one per record (a case, a decision, a plan review, a
client's plan period, a client's fortnight of visits), with the unit it belongs to, the
months it counts in and whether it counts in the numerator.

The same facts give the numbers (`monthly`) and the list of records behind a number (the
drill-down), so that the list always matches the number."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kasam.indicators.tally import Monthly, Tally


@dataclass(frozen=True)
class Fact:
    unit_id: int
    client_id: int | None
    months: range  # the months (indices) whose value the record counts in
    in_numerator: range  # within `months`: where it also counts in the numerator
    sample: float | None = None  # for medians
    weight: float = 1  # what it adds to the numerator
    denominator: float = 1  # what it adds to the denominator (a count of visits, say)


def flow(unit_id: int, client_id: int | None, month: int, hit: bool, **kw: float) -> Fact:
    """A record that counts once, in the month it happened."""
    months = range(month, month + 1)
    return Fact(unit_id, client_id, months, months if hit else range(0), **kw)


@dataclass
class Window:
    """The months asked for, and today (what is not yet due is left out)."""

    first: int
    last: int
    today: datetime.date
    cache: dict[str, object] = field(default_factory=dict)

    def remember(self, key: str, make: Callable[[], object]) -> object:
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]


def monthly(facts: Iterable[Fact], window: Window) -> Monthly:
    """Sum the facts per unit and month. Long ranges (stocks) go through difference arrays,
    so a client with a plan over three years costs two additions, not thirty-six."""
    size = window.last - window.first + 2
    numerators: dict[int, list[float]] = {}
    denominators: dict[int, list[float]] = {}
    result: Monthly = {}
    for fact in facts:
        if fact.sample is not None:
            for month in fact.months:
                tally = result.setdefault((fact.unit_id, month), Tally())
                tally.samples.append(fact.sample)
                tally.denominator += 1
            continue
        _spread(denominators, fact.unit_id, fact.months, window.first, size, fact.denominator)
        _spread(numerators, fact.unit_id, fact.in_numerator, window.first, size, fact.weight)
    for unit_id in denominators.keys() | numerators.keys():
        dens = _accumulate(denominators.get(unit_id), size)
        nums = _accumulate(numerators.get(unit_id), size)
        for offset in range(size - 1):
            if dens[offset] or nums[offset]:
                tally = result.setdefault((unit_id, window.first + offset), Tally())
                tally.denominator += dens[offset]
                tally.numerator += nums[offset]
    return result


def _spread(
    diffs: dict[int, list[float]], unit_id: int, months: range, first: int, size: int, amount: float
) -> None:
    if not months:
        return
    diff = diffs.setdefault(unit_id, [0.0] * size)
    diff[months.start - first] += amount
    diff[months.stop - first] -= amount


def _accumulate(diff: list[float] | None, size: int) -> list[float]:
    if diff is None:
        return [0.0] * size
    running, out = 0.0, []
    for step in diff:
        running += step
        out.append(running)
    return out


def clip(months: range, window: Window) -> range:
    return range(max(months.start, window.first), min(months.stop, window.last + 1))


def intersect(a: range, b: range) -> range:
    return range(max(a.start, b.start), max(min(a.stop, b.stop), max(a.start, b.start)))
