"""A small home-care day in North: Alice (a nurse) and Bob on shift, four clients placed
around the office, Kari's visit from her plan and three more visits, one double-staffed,
one for a nurse, and one for a client whose address has no coordinates."""

from __future__ import annotations

import datetime
from typing import cast

import pytest
import time_machine
from django.utils import timezone

from kasam.careplans.tests.test_lifecycle import agreed_plan
from kasam.core.roles import Role
from kasam.factories import ClientFactory, MembershipFactory, ServiceLinkFactory
from kasam.planner.models import Coordinates, Shift, Skill
from kasam.registry.models import Client
from kasam.visits.generation import generate
from kasam.visits.models import Visit

OFFICE = (59.9139, 10.7522)


@pytest.fixture(autouse=True)
def _before_the_day_starts():
    """Planning today plans from now on: the tests plan at six in the morning."""
    with time_machine.travel(early_today(), tick=True):
        yield


def early_today() -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(6)))


@pytest.fixture
def planning_day(org, carol, kari, decision, alice, bob, dave):
    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")
    today = timezone.localdate()
    generate(today, today)
    first = Visit.objects.get()
    Coordinates.objects.create(unit=org["north"], latitude=OFFICE[0], longitude=OFFICE[1])
    Coordinates.objects.create(
        client=kari, latitude=59.92, longitude=10.76, for_address=kari.address
    )
    visits = {"kari": first}
    for index, (name, staff, competence) in enumerate(
        (("lift", 2, "any"), ("insulin", 1, "nurse"), ("nowhere", 1, "any"))
    ):
        other = cast(Client, ClientFactory(first_name=name.capitalize(), last_name="Klient"))
        ServiceLinkFactory(client=other, unit=org["north"])
        if name != "nowhere":
            Coordinates.objects.create(
                client=other,
                latitude=59.90 + index / 100,
                longitude=10.74,
                for_address=other.address,
            )
        visits[name] = Visit.objects.create(
            client=other,
            activity=first.activity,
            unit=org["north"],
            day=today,
            window_start=datetime.time(9 + index),
            window_end=datetime.time(11 + index),
            duration_minutes=30,
            staff_count=staff,
            competence=competence,
        )
    MembershipFactory(user=bob, unit=org["north"], role=Role.CARE_WORKER)  # works in all North
    Skill.objects.create(user=alice, code="nurse")
    for person in (alice, bob):
        Shift.objects.create(
            user=person,
            unit=org["north"],
            day=today,
            starts=datetime.time(7),
            ends=datetime.time(15),
            break_from=datetime.time(11),
            break_until=datetime.time(12),
            break_minutes=30,
        )
    return visits
