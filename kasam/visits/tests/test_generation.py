"""Visit generation over a month with holidays, a plan change mid-month, idempotent reruns."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kasam.careplans.tests.test_lifecycle import agreed_plan
from kasam.visits.generation import generate
from kasam.visits.models import Visit

pytestmark = pytest.mark.django_db
APRIL = (datetime.date(2026, 4, 1), datetime.date(2026, 4, 30))


def test_a_month_with_easter_and_idempotent_rerun(carol, kari, decision):
    agreed_plan(carol, kari, decision, days="0,2,4")  # Mon, Wed, Fri
    result = generate(*APRIL)
    days = sorted(Visit.objects.values_list("day", flat=True))
    assert result.created == len(days) == 13  # April 2026: 4 Mon + 5 Wed + 4 Fri
    assert datetime.date(2026, 4, 3) in days  # Good Friday: care goes on
    assert datetime.date(2026, 4, 6) in days  # Easter Monday
    stamps = sorted(Visit.objects.values_list("updated_at", flat=True))
    again = generate(*APRIL)
    assert (again.created, again.removed, Visit.objects.count()) == (0, 0, 13)
    assert sorted(Visit.objects.values_list("updated_at", flat=True)) == stamps  # nothing written


def test_plan_change_mid_month_keeps_what_is_documented(carol, kari, decision, alice):
    agreed_plan(carol, kari, decision, days="0,2,4")
    generate(*APRIL)
    done = Visit.objects.get(day=datetime.date(2026, 4, 1))
    done.staff, done.checked_in_at, done.outcome = alice, timezone.now(), "done"
    done.save()
    agreed_plan(carol, kari, decision, days="1,3", minutes=45)  # now Tue, Thu
    result = generate(datetime.date(2026, 4, 1), APRIL[1])
    days = set(Visit.objects.values_list("day", flat=True))
    assert datetime.date(2026, 4, 1) in days  # documented Wednesday kept
    assert datetime.date(2026, 4, 8) not in days  # undocumented Wednesday gone
    assert datetime.date(2026, 4, 2) in days  # new Thursday
    assert result.removed == 12
    assert Visit.objects.get(day=datetime.date(2026, 4, 2)).duration_minutes == 45
    assert Visit.objects.get(day=datetime.date(2026, 4, 1)).duration_minutes == 30
    assert generate(datetime.date(2026, 4, 1), APRIL[1]).created == 0


def test_no_visits_made_or_services_after_a_client_is_gone(carol, kari, decision, alice):
    from kasam.access.selectors import get_client_for
    from kasam.audit.services import Actor
    from kasam.registry.services import ClientDetails, update_client

    agreed_plan(carol, kari, decision, days="0,2,4")
    generate(*APRIL)
    done = Visit.objects.get(day=datetime.date(2026, 4, 15))
    done.staff, done.checked_in_at, done.outcome = alice, timezone.now(), "done"
    done.save()
    died = datetime.date(2026, 4, 15)
    details = ClientDetails(
        first_name="Kari",
        last_name="Nordmann",
        preferred_language="nb",
        status="deceased",
        status_since=died,
    )
    access = get_client_for(carol, kari.public_id)
    update_client(actor=Actor(carol), access=access, expected_version=1, details=details)
    planned = Visit.objects.filter(cancelled_because="")
    assert max(planned.values_list("day", flat=True)) == died  # documented that day: stays
    assert datetime.date(2026, 4, 13) in set(planned.values_list("day", flat=True))
    cancelled = Visit.objects.exclude(cancelled_because="")
    assert min(cancelled.values_list("day", flat=True)) == datetime.date(2026, 4, 17)
    assert set(cancelled.values_list("cancelled_because", flat=True)) == {"deceased"}
    assert generate(*APRIL).created == 0  # and generation makes none again
    assert list(kari.service_links.values_list("ends_on", flat=True)) == [
        datetime.date(2026, 4, 14)
    ]


def test_an_activity_with_a_second_visit_gets_two_tied_visits_a_day(carol, kari, decision):
    agreed_plan(carol, kari, decision, days="0", follow_up=(10, 30, 60))  # Mondays
    result = generate(*APRIL)
    assert result.created == 8  # four Mondays, two visits each
    second = Visit.objects.filter(part=1).select_related("follows").first()
    assert second.follows.part == 0
    assert second.follows.day == second.day
    assert (second.window_start, second.window_end) == (datetime.time(8, 30), datetime.time(12, 40))
    assert (second.duration_minutes, second.staff_count) == (10, 1)
    again = generate(*APRIL)
    assert (again.created, again.removed) == (0, 0)
    agreed_plan(carol, kari, decision, days="0")  # the second visit is no longer needed
    assert generate(*APRIL).removed == 4
    assert not Visit.objects.filter(part=1).exists()
