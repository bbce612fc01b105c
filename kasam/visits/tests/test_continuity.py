"""Continuity on a hand-made fortnight with known answers."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

from kasam.careplans.models import CarePlan, PlanActivity, PlanVersion
from kasam.conftest import _staff
from kasam.decisions.models import Decision, DecisionLine, Service
from kasam.factories import ClientFactory
from kasam.organisation.models import Membership, OrganisationUnit
from kasam.registry.models import Client
from kasam.visits.continuity import national_measure, staff_count
from kasam.visits.models import Visit

pytestmark = pytest.mark.django_db
END = datetime.date(2026, 11, 22)  # a Sunday; the fortnight starts Monday 9 November
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def _activity(client, unit, erin, application, code):
    decision = Decision.objects.create(
        case=application, status="made", justification="x", valid_from=END, drafted_by=erin
    )
    line = DecisionLine.objects.create(
        decision=decision,
        service=Service.objects.get(country="NO", code=code),
        outcome="granted",
        scope=7,
        starts_on=END,
        provider=unit,
    )
    plan, _created = CarePlan.objects.get_or_create(client=client)
    version = PlanVersion.objects.create(
        plan=plan,
        number=plan.versions.count() + 1,
        decision=decision,
        contact_person=erin,
        created_by=erin,
        status="agreed",
    )
    return PlanActivity.objects.create(
        plan_version=version, line=line, what=code, days="0,1,2,3,4,5,6", duration_minutes=20
    )


def _visits(client, activity, unit, staff_for_day, hour=8, per_day=2, reason=""):
    for offset in range(14):
        day = END - datetime.timedelta(days=13 - offset)
        for n in range(per_day):
            Visit.objects.create(
                client=client,
                activity=activity,
                unit=unit,
                day=day,
                duration_minutes=20,
                staff=staff_for_day(offset, n),
                competence="any",
                outcome="done",
                checked_in_at=datetime.datetime.combine(day, datetime.time(hour + n * 6), OSLO),
                reason=reason,
            )


def test_hand_made_fortnight(org, erin, application):
    north = org["north"]
    team = [_staff(f"w{i}", north, Membership.Role.CARE_WORKER) for i in range(6)]
    old = ClientFactory(birth_date=datetime.date(1940, 1, 1))
    older = ClientFactory(birth_date=datetime.date(1935, 5, 5))
    young = ClientFactory(birth_date=datetime.date(1980, 1, 1))
    once_a_day = ClientFactory(birth_date=datetime.date(1938, 1, 1))
    help_for = {
        c: _activity(c, north, erin, application, "practical_help")
        for c in (old, older, young, once_a_day)
    }
    _visits(old, help_for[old], north, lambda day, n: team[n])  # 2 staff
    _visits(older, help_for[older], north, lambda day, n: team[(day + n) % 6])  # all 6
    _visits(young, help_for[young], north, lambda day, n: team[0])  # under 65
    _visits(once_a_day, help_for[once_a_day], north, lambda day, n: team[1], per_day=1)
    alarm = _activity(old, north, erin, application, "safety_alarm")
    _visits(old, alarm, north, lambda day, n: team[5], hour=12, per_day=1)  # left out
    assert staff_count(old, END) == 3  # the alarm visits count for the client's own figure
    measure = national_measure(OrganisationUnit.objects.filter(pk=north.pk), END)
    assert (measure.clients, measure.mean, measure.median) == (2, 4.0, 4.0)


def test_a_client_away_is_left_out(org, erin, application):
    north = org["north"]
    worker = _staff("w", north, Membership.Role.CARE_WORKER)
    client = ClientFactory(birth_date=datetime.date(1940, 1, 1))
    activity = _activity(client, north, erin, application, "practical_help")
    _visits(client, activity, north, lambda day, n: worker, reason="hospital")
    measure = national_measure(OrganisationUnit.objects.filter(pk=north.pk), END)
    assert measure.clients == 0
    assert measure.mean is None


def test_the_national_rule_at_its_edges(org, erin, application):
    """65 on the last day counts, a day short does not; a visit begun at 22:00, one not done
    and one of home nursing do not count towards a day's two."""
    north = org["north"]
    team = [_staff(f"w{i}", north, Membership.Role.CARE_WORKER) for i in range(3)]
    just_65 = ClientFactory(birth_date=END.replace(year=END.year - 65))
    not_yet = ClientFactory(birth_date=END.replace(year=END.year - 65) + datetime.timedelta(1))
    late, undone, nursed = (_old() for _ in "abc")
    for client in (just_65, not_yet, late, undone):
        help_ = _activity(client, north, erin, application, "practical_help")
        _visits(client, help_, north, lambda day, n: team[n])
    _visits(nursed, _activity(nursed, north, erin, application, "practical_help"), north,
            lambda day, n: team[0], per_day=1)  # fmt: skip
    _visits(nursed, _activity(nursed, north, erin, application, "home_nursing"), north,
            lambda day, n: team[2], hour=10, per_day=1)  # fmt: skip
    last_day = Visit.objects.filter(day=END)
    last_day.filter(client_id=late.pk, checked_in_at__hour__gte=12).update(
        checked_in_at=datetime.datetime.combine(END, datetime.time(22), OSLO)
    )
    last_day.filter(client_id=undone.pk, checked_in_at__hour__lt=12).update(outcome="not_done")
    measure = national_measure(OrganisationUnit.objects.filter(pk=north.pk), END)
    assert (measure.clients, measure.mean) == (1, 2.0)  # just_65 only


def _old() -> Client:
    return ClientFactory(birth_date=datetime.date(1940, 1, 1))
