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


def test_a_closed_months_figures_outlive_the_cache_and_never_go_stale(
    org, erin, application, monkeypatch
):
    """A closed month's tallies are kept in the database: with the shared cache emptied (a
    restart, a new Redis) nothing is counted again; a write to that month's visits, or to
    who serves the client, counts anew."""
    from kasam.conftest import _staff
    from kasam.factories import ClientFactory, ServiceLinkFactory
    from kasam.indicators.models import KeptTally
    from kasam.indicators.tests.test_definitions import END, _fortnight
    from kasam.organisation.models import Membership
    from kasam.visits.tests.test_continuity import _activity

    north, today = org["north"], D(2026, 12, 4)
    team = [_staff(f"w{i}", north, Membership.Role.CARE_WORKER) for i in range(3)]
    client = ClientFactory(birth_date=D(1940, 1, 1))
    ServiceLinkFactory(client=client, unit=north, starts_on=D(2026, 1, 1))
    helped = _activity(client, north, erin, application, "practical_help")
    Visit.objects.bulk_create(_fortnight(client, helped, north, team[:2]))

    def met() -> tuple:
        found = value("staff_continuity_national", north, "2026M11", today)
        return found.numerator, found.denominator

    assert met() == (2, 1)
    assert KeptTally.objects.filter(slot__startswith="staff_continuity_national:").exists()
    _kept_through_a_lost_cache(monkeypatch, met, (2, 1))
    visit = Visit.objects.filter(client_id=client.pk, day=END).first()
    visit.staff = team[2]
    visit.save()  # November's counter goes up: the kept row no longer answers
    assert met() == (3, 1)
    link = client.service_links.get()
    link.unit = org["south"]
    link.save()  # served by another unit now: November counts there, not in the north
    assert met()[1] == 0


def test_a_figure_read_across_months_outlives_the_cache_and_never_goes_stale(
    kari, org, receive, contact, monkeypatch
):
    """An indicator counted over its whole window (cases) is kept in the database too: with
    the shared cache emptied nothing is counted again; a write to its source counts anew."""
    from kasam.indicators.models import KeptTally

    first = receive(kari, "application", at(2026, 10, 5))

    def october() -> tuple:
        found = value("first_contact_in_time", org["office"], "2026M10", D(2026, 11, 20))
        return found.numerator, found.denominator

    assert october() == (0, 1)
    assert KeptTally.objects.filter(slot="first_contact_in_time:wide").exists()
    _kept_through_a_lost_cache(monkeypatch, october, (0, 1))
    contact(first, at(2026, 10, 6))  # the cases' counter goes up: the kept row no longer answers
    assert october() == (1, 1)


def _kept_through_a_lost_cache(monkeypatch, figure, expected: tuple) -> None:
    """With the shared cache emptied, `figure` is found again without counting anything."""
    from kasam.indicators.cache import forget

    def counted_again(*args: object) -> None:
        raise AssertionError("kept tallies were counted again")

    forget()
    with monkeypatch.context() as patched:
        patched.setattr("kasam.indicators.compute._tallies", counted_again)
        assert figure() == expected
