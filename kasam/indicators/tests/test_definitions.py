"""The boundaries each card's definition names, on hand-made data with known numerators and
denominators per unit and month (issue 17): receipt at 16:00, the national continuity
population, visits not done, and the office's figures counted by serving unit."""

from __future__ import annotations

import datetime

import pytest

from kasam.conftest import _staff
from kasam.factories import ClientFactory, ServiceLinkFactory
from kasam.indicators.tests.conftest import OSLO, at, value
from kasam.indicators.tests.test_live import _decision
from kasam.organisation.models import Membership
from kasam.visits.models import Visit
from kasam.visits.tests.test_continuity import _activity

pytestmark = pytest.mark.django_db
D = datetime.date
END = D(2026, 11, 30)  # the fortnight of November 2026: 17–30 November


def _pair(value_found) -> tuple[float | None, float | None]:
    return value_found.numerator, value_found.denominator


def test_received_at_16_00_counts_from_the_next_working_day_and_15_59_from_the_same(
    kari, erin, org, receive, contact
):
    # Monday 7 December 2026: the office closes at 16:00
    before = receive(kari, "application", at(2026, 12, 7, 15).replace(minute=59))
    closing = receive(kari, "application", at(2026, 12, 7, 16))
    assert before.case.deadlines.get(milestone="first_contact").due == D(2026, 12, 9)
    assert closing.case.deadlines.get(milestone="first_contact").due == D(2026, 12, 10)
    contact(before, at(2026, 12, 9, 15))  # on the deadline day: in time
    contact(closing, at(2026, 12, 10, 9))  # a day later, but so is its deadline
    _decision(before.case, erin, at(2026, 12, 10))  # Tue, Wed, Thu: 3 working days
    _decision(closing.case, erin, at(2026, 12, 10))  # Wed, Thu: 2
    today = D(2027, 1, 4)
    assert _pair(value("first_contact_in_time", org["office"], "2026M12", today)) == (2, 2)
    median = value("days_to_decision", org["office"], "2026M12", today)
    assert (median.value, median.denominator) == (2.5, 2)


def test_the_office_figures_by_serving_unit_count_where_the_client_is_served(
    kari, erin, org, receive, contact
):
    new = ClientFactory(first_name="Nils")  # not served by any unit yet
    contact(receive(kari, "application", at(2026, 11, 2)), at(2026, 11, 3))  # Kari: North
    receive(new, "application", at(2026, 11, 2))  # never contacted: late
    today = D(2026, 12, 4)
    assert _pair(value("first_contact_in_time", org["office"], "2026M11", today)) == (1, 2)
    assert _pair(value("first_contact_in_time", org["north"], "2026M11", today)) == (0, 0)
    served = "first_contact_in_time_served"
    assert _pair(value(served, org["north"], "2026M11", today)) == (1, 1)
    assert _pair(value(served, org["office"], "2026M11", today)) == (0, 1)  # the new client
    assert _pair(value(served, org["municipality"], "2026M11", today)) == (1, 2)
    case = receive(kari, "application", at(2026, 5, 4)).case
    _decision(case, erin, at(2026, 6, 1), review=D(2026, 10, 15))
    past = "decisions_past_review_served"
    assert _pair(value(past, org["north"], "2026M11", today)) == (1, 1)
    assert _pair(value(past, org["office"], "2026M11", today)) == (0, 0)
    assert _pair(value("decisions_past_review", org["office"], "2026M11", today)) == (1, 1)


def _day_of_visits(client, activity, unit, day, staff, *, hours=(8, 20), **fields):
    return [
        Visit(
            client=client,
            activity=activity,
            unit=unit,
            day=day,
            duration_minutes=30,
            competence="any",
            staff=staff[(day.day + n) % len(staff)],
            checked_in_at=datetime.datetime.combine(day, datetime.time(hour), OSLO),
            outcome=fields.get("outcome", "done"),
            reason=fields.get("reason", ""),
        )
        for n, hour in enumerate(hours)
    ]


def _fortnight(client, activity, unit, staff, **fields):
    days = [END - datetime.timedelta(days=n) for n in range(14)]
    return [v for day in days for v in _day_of_visits(client, activity, unit, day, staff, **fields)]


def test_national_continuity_counts_its_population_only(org, erin, application):
    north = org["north"]
    team = [_staff(f"w{i}", north, Membership.Role.CARE_WORKER) for i in range(5)]
    old, young, late_evenings, away = (
        ClientFactory(birth_date=D(1940, 1, 1)),
        ClientFactory(birth_date=D(1980, 1, 1)),
        ClientFactory(birth_date=D(1941, 1, 1)),
        ClientFactory(birth_date=D(1942, 1, 1)),
    )
    for client in (old, young, late_evenings, away):
        ServiceLinkFactory(client=client, unit=north, starts_on=D(2026, 1, 1))
    helps = {c: _activity(c, north, erin, application, "practical_help") for c in (old, young)}
    alarm = _activity(old, north, erin, application, "safety_alarm")
    late = _activity(late_evenings, north, erin, application, "practical_help")
    gone = _activity(away, north, erin, application, "practical_help")
    Visit.objects.bulk_create(
        _fortnight(old, helps[old], north, team[:3])  # 3 staff, morning and evening
        + _day_of_visits(old, alarm, north, END, [team[3]], hours=(12,))  # an alarm: left out
        + _day_of_visits(old, helps[old], north, END, [team[4]], hours=(14,), outcome="not_done")
        + _fortnight(young, helps[young], north, team[:2])  # under 65
        + _fortnight(late_evenings, late, north, team[:2], hours=(8, 22))  # 22:00: outside
        + _fortnight(away, gone, north, team[:2])
        + _day_of_visits(away, gone, north, END, [team[0]], hours=(12,), reason="hospital")
    )
    today = D(2026, 12, 4)
    national = value("staff_continuity_national", org["north"], "2026M11", today)
    assert (national.numerator, national.denominator, national.value) == (3, 1, 3)
    whole = value("staff_continuity_national", org["municipality"], "2026M11", today)
    assert _pair(whole) == (3, 1)
    # Kasam's own measure: every age and hour; the alarm visit counts, the visit not done not
    own = value("staff_continuity", org["north"], "2026M11", today)
    assert _pair(own) == (4 + 2 + 2 + 2, 4)


def test_every_live_indicator_states_its_definition_on_its_card():
    from kasam.indicators.definitions import DEFINITIONS
    from kasam.indicators.live import LIVE

    assert set(LIVE) <= set(DEFINITIONS)
    assert all(len(texts) == 3 and all(texts) for texts in DEFINITIONS.values())


def test_the_figures_command_prints_numerator_and_denominator(kari, org, receive, contact):
    import io

    from django.core.management import CommandError, call_command

    contact(receive(kari, "application", at(2026, 11, 2)), at(2026, 11, 3))
    receive(kari, "application", at(2026, 11, 2))
    out = io.StringIO()
    call_command("figures", period="2026M11", today="2026-12-04", stdout=out)
    line = next(x for x in out.getvalue().splitlines() if x.startswith("first_contact_in_time "))
    assert line.split()[1:6] == ["1", "/", "2", "=", "50.0"]
    for wrong in ({"period": "2026M13"}, {"period": "2026M11", "unit": "Nowhere"}):
        with pytest.raises(CommandError):
            call_command("figures", **wrong, stdout=out)
