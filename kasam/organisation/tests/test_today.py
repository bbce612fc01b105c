"""Today in my unit (#15): the unit manager's start page counts the day's work in the units
they manage, each number linked to the page that shows it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kasam.access.selectors import get_client_for
from kasam.access.services import grant_emergency_access
from kasam.audit.services import Actor
from kasam.careplans.tests.test_lifecycle import agreed_plan
from kasam.conftest import login
from kasam.quality.services import report_deviation
from kasam.registry.services import record_stay
from kasam.visits.generation import generate
from kasam.visits.models import Visit

pytestmark = pytest.mark.django_db


def _figures(page: str) -> dict[str, int]:
    import re

    found = re.findall(r'<strong class="figure">(\d+)</strong> <span>([^<]+)</span>', page)
    return {label: int(count) for count, label in found}


def test_the_manager_sees_the_day_in_numbers(client, dave, alice, carol, kari, decision, org):
    from kasam.factories import ClientFactory, ServiceLinkFactory

    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")
    today = timezone.localdate()
    generate(today, today + datetime.timedelta(days=1))
    access = get_client_for(carol, kari.public_id)
    report_deviation(
        actor=Actor(alice),
        unit=org["north"],
        access=access,
        category="medication",
        severity=1,
        occurred_at=timezone.now(),
        what_happened="A dose was given an hour late.",
    )
    other = ClientFactory(first_name="Per", last_name="Hansen")
    ServiceLinkFactory(client=other, unit=org["north"])
    grant_emergency_access(actor=Actor(alice), client=other, reason="The client fell at home.")
    login(client, dave)
    assert client.get(reverse("home"))["Location"] == reverse("organisation:today")
    page = client.get(reverse("organisation:today")).content.decode()
    figures = _figures(page)
    assert figures["visits still to make today"] == 1
    assert figures["visits nobody is given"] == 1
    assert figures["visits cancelled: the client is away or gone"] == 0
    assert figures["open deviations"] == 1
    assert figures["emergency accesses to review"] == 1
    assert figures["staff on shift today"] == 0
    assert "Hjemmetjenesten Nord" in page
    assert reverse("access:review-list") in page
    record_stay(actor=Actor(carol), access=access, kind="hospital", starts_on=today)
    Visit.objects.update(staff=alice)
    figures = _figures(client.get(reverse("organisation:today")).content.decode())
    assert figures["visits still to make today"] == 0
    assert figures["visits nobody is given"] == 0
    assert figures["visits cancelled: the client is away or gone"] == 1


def test_someone_who_manages_no_unit_is_told_what_the_page_is_for(as_alice):
    page = as_alice.get(reverse("organisation:today"))
    assert page.status_code == 200
    assert "This page is for unit managers" in page.content.decode()
