"""Formulas over imported series: a value, or no value with the reason, never a crash."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from kasam.indicators.formulas import FormulaError, evaluate, names_in
from kasam.indicators.models import Indicator, StoredValue
from kasam.indicators.tests.conftest import value

pytestmark = pytest.mark.django_db


def _series(code, unit, period, amount):
    indicator, _ = Indicator.objects.get_or_create(
        code=code,
        defaults={
            "name_nb": code,
            "name_sv": code,
            "name_en": code,
            "source": "import",
            "measure": "number",
            "direction": "lower",
            "rollup": "sum",
        },
    )
    StoredValue.objects.create(
        indicator=indicator, unit=unit, period=period, value=amount, origin="import"
    )


@pytest.fixture
def cost_per_80(db):
    return Indicator.objects.create(
        code="cost_per_80",
        name_nb="Kostnad per innbygger 80+",
        name_sv="Kostnad per invånare 80+",
        name_en="Cost per inhabitant aged 80+",
        source="import",
        measure="currency",
        direction="lower",
        rollup="sum",
        formula="cost / population_80",
    )


def test_formula_over_imported_series(org, cost_per_80):
    _series("cost", org["municipality"], "2025", Decimal(1_000_000))
    _series("population_80", org["municipality"], "2025", Decimal(200))
    found = value("cost_per_80", org["municipality"], "2025", datetime.date(2026, 3, 1))
    assert found.value == 5000


def test_division_by_zero_and_a_missing_series_give_no_value_with_the_reason(org, cost_per_80):
    _series("cost", org["municipality"], "2025", Decimal(1_000_000))
    missing = value("cost_per_80", org["municipality"], "2025", datetime.date(2026, 3, 1))
    assert missing.value is None
    assert str(missing.reason) == "population_80 has no value for this unit and period."
    _series("population_80", org["municipality"], "2025", Decimal(0))
    zero = value("cost_per_80", org["municipality"], "2025", datetime.date(2026, 3, 1))
    assert (zero.value, str(zero.reason)) == (None, "The formula divides by zero.")


@pytest.mark.parametrize(
    "formula", ["__import__('os')", "cost.real", "cost ** 2", "'text'", "cost /", "f(cost)"]
)
def test_only_arithmetic_is_allowed(formula):
    with pytest.raises(FormulaError):
        evaluate(formula, {"cost": Decimal(1)})


def test_names_and_brackets():
    assert names_in("(cost - budget) / budget * 100") == {"cost", "budget"}
    assert evaluate("-(a + 1) * 2", {"a": Decimal(2)}) == -6


def test_the_admin_refuses_a_formula_that_cannot_work(cost_per_80):
    from django.core.exceptions import ValidationError

    cost_per_80.formula = "cost / nowhere"
    with pytest.raises(ValidationError, match="Unknown series: cost, nowhere"):
        cost_per_80.clean()
    cost_per_80.formula = "cost **"
    with pytest.raises(ValidationError, match="cannot be read"):
        cost_per_80.clean()
