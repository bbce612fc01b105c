"""Cached figures never outlive their data: every write raises its source's counter."""

from __future__ import annotations

import datetime

import pytest

from kasam.careplans.tests.test_lifecycle import agreed_plan
from kasam.indicators.cache import month_source, versions
from kasam.indicators.tests.conftest import at, value
from kasam.visits.generation import generate
from kasam.visits.models import Visit

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_write_after_a_cached_figure_changes_the_figure(kari, org, receive, contact):
    first = receive(kari, "application", at(2026, 10, 5))
    october = value("first_contact_in_time", org["office"], "2026M10", D(2026, 11, 20))
    assert october.denominator == 1
    assert october.numerator == 0
    contact(first, at(2026, 10, 6))  # a service write: signals raise the counter
    october = value("first_contact_in_time", org["office"], "2026M10", D(2026, 11, 20))
    assert october.numerator == 1


def test_visits_raise_only_their_own_months_counter(carol, kari, decision, alice):
    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")
    generate(D(2026, 10, 1), D(2026, 11, 30))
    october, november = (
        month_source("visits", D(2026, 10, 1)),
        month_source("visits", D(2026, 11, 1)),
    )
    before = dict(versions([october, november]))
    assert None not in before.values()  # the bulk generation raised both months
    visit = Visit.objects.filter(day=D(2026, 11, 23)).first()
    visit.staff = alice
    visit.save()
    after = dict(versions([october, november]))
    assert after[october] == before[october]
    assert after[november] == (before[november] or 0) + 1
