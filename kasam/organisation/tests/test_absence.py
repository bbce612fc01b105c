"""Staff away (#15): the manager records who is away; the day is planned without them, their
visits today are counted for the manager to give to someone else, and today's page says how
many are away. Only the staff member's own manager records it; every change is audited."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kasam.audit.models import AuditEvent
from kasam.careplans.tests.test_lifecycle import agreed_plan
from kasam.conftest import login
from kasam.organisation.models import Absence
from kasam.organisation.tests.test_today import _figures
from kasam.planner.models import Shift
from kasam.planner.selectors import on_shift, staff_on_shift
from kasam.visits.generation import generate
from kasam.visits.models import Visit

pytestmark = pytest.mark.django_db


def _record(client, who, **fields):
    today = timezone.localdate()
    form = {"user": who.pk, "kind": "sick", "starts_on": today.isoformat(), "ends_on": ""}
    form.update(fields)
    return client.post("/units/away/", form)


def test_the_manager_records_a_sick_worker_and_the_day_is_planned_without_them(
    client, dave, alice, carol, kari, decision, org
):
    today = timezone.localdate()
    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")
    generate(today, today)
    Visit.objects.update(staff=alice)
    Shift.objects.create(
        user=alice, unit=org["north"], day=today, starts=datetime.time(7), ends=datetime.time(15)
    )
    login(client, dave)
    assert _record(client, alice).status_code == 302
    absence = Absence.objects.get()
    assert (absence.user, absence.kind, absence.ends_on, absence.registered_by) == (
        alice,
        "sick",
        None,
        dave,
    )
    logged = AuditEvent.objects.get(actor=dave, action="create", object_type="absence")
    assert logged.changes["kind"] == {"old": None, "new": "sick"}
    page = client.get("/units/away/").content.decode()
    assert "Alice Test" in page
    assert "not known yet" in page
    figures = _figures(client.get("/units/today/").content.decode())
    assert figures["staff away today"] == 1
    assert figures["visits given to someone away"] == Visit.objects.filter(day=today).count()
    north = org["north"].__class__.objects.filter(pk=org["north"].pk)
    assert not on_shift(north, today).exists()  # the planner leaves her out
    assert alice not in staff_on_shift(north, today)  # and offers her for no visit


def test_back_at_work_ends_the_absence_the_day_before(client, dave, alice):
    today = timezone.localdate()
    login(client, dave)
    _record(client, alice, starts_on=(today - datetime.timedelta(days=3)).isoformat())
    absence = Absence.objects.get()
    answer = client.post(f"/units/away/{absence.public_id}/back/", {"back_on": today.isoformat()})
    assert answer.status_code == 302
    absence.refresh_from_db()
    assert absence.ends_on == today - datetime.timedelta(days=1)
    assert not Absence.objects.on(today).exists()
    assert AuditEvent.objects.filter(action="update", object_type="absence").exists()
    early = client.post(
        f"/units/away/{absence.public_id}/back/",
        {"back_on": (today - datetime.timedelta(days=5)).isoformat()},
    )
    assert early.status_code == 400
    assert "Back before the absence began" in early.content.decode()
    for bad in ("0001-01-01", "9999-12-31", "soon"):
        answer = client.post(f"/units/away/{absence.public_id}/back/", {"back_on": bad})
        assert answer.status_code == 400


def test_only_their_manager_records_it_and_bad_dates_are_refused(
    client, dave, alice, charlie, carol
):
    today = timezone.localdate()
    login(client, dave)
    assert _record(client, charlie).status_code == 400  # South's worker: not dave's staff
    ends_before = _record(client, alice, ends_on=(today - datetime.timedelta(1)).isoformat())
    assert ends_before.status_code == 400
    assert "ends on or after the day it starts" in ends_before.content.decode()
    for bad in ("tomorrow", "2026-02-30", "\x00", "0001-01-01", "9999-12-31"):
        assert _record(client, alice, starts_on=bad).status_code == 400
    assert _record(client, alice, kind="hangover").status_code == 400
    assert not Absence.objects.exists()
    _record(client, alice)
    twice = _record(client, alice, starts_on=(today + datetime.timedelta(2)).isoformat())
    assert twice.status_code == 400
    assert "already recorded as away" in twice.content.decode()
    assert Absence.objects.count() == 1

    login(client, carol)  # not a manager: told what the page is for, and can record no one
    page = client.get("/units/away/")
    assert "This page is for unit managers" in page.content.decode()
    assert _record(client, alice).status_code == 400
    absence = Absence.objects.get()
    answer = client.post(f"/units/away/{absence.public_id}/back/", {"back_on": today.isoformat()})
    assert answer.status_code == 404
    assert Absence.objects.count() == 1


def test_the_planners_week_counts_no_shift_of_someone_away(client, dave, alice, org):
    from kasam.planner.selectors import week

    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    for day in (today, tomorrow):
        Shift.objects.create(
            user=alice, unit=org["north"], day=day, starts=datetime.time(7), ends=datetime.time(15)
        )
    login(client, dave)
    _record(client, alice, ends_on=today.isoformat())  # away today only
    days = week(org["north"], [today, tomorrow])
    assert [d.on_shift for d in days] == [0, 1]
