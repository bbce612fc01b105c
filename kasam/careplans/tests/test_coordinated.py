"""The coordinated individual plan (SIP): one coordinator, the services and units involved."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from kasam.access.selectors import get_client_for
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor
from kasam.careplans import coordinated
from kasam.careplans.models import CoordinatedPlan
from kasam.conftest import login
from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def sip(carol, kari, org, decision):
    access = get_client_for(carol, kari.public_id)
    return coordinated.start_coordinated_plan(
        actor=Actor(carol),
        access=access,
        coordinator=carol,
        started_on="2026-11-23",
        overall_goal="Live at home and see my grandchildren.",
        external_parties="GP Dr. Lege; the hospital's geriatric ward",
        other_units=[org["south"]],
    )


def test_plan_lists_services_and_units_involved(sip, kari, org):
    involved = coordinated.involved_in(kari, sip)
    assert [line.service.code for line in involved.services] == ["home_nursing"]
    assert [unit.name for unit in involved.units] == ["Hjemmetjenesten Nord", "Hjemmetjenesten Sør"]
    assert AuditEvent.objects.filter(object_type="coordinatedplan", action="create").exists()


def test_one_open_plan_per_client(sip, carol, kari):
    access = get_client_for(carol, kari.public_id)
    with pytest.raises(Refused, match="already has a coordinated plan"):
        coordinated.start_coordinated_plan(
            actor=Actor(carol),
            access=access,
            coordinator=carol,
            started_on="2026-11-24",
            overall_goal="Another.",
        )


def test_changes_keep_history_and_refuse_stale_saves(sip, carol, erin, kari):
    access = get_client_for(carol, kari.public_id)
    coordinated.update_coordinated_plan(
        actor=Actor(carol), access=access, plan=sip, expected_version=1, coordinator=erin
    )
    with pytest.raises(StaleEdit):
        coordinated.update_coordinated_plan(
            actor=Actor(carol), access=access, plan=sip, expected_version=1, coordinator=carol
        )
    assert CoordinatedPlan.objects.get().coordinator == erin
    assert (sip.history.first().coordinator, sip.history.last().coordinator) == (erin, carol)
    assert [unit.name for unit in sip.other_units.all()] == ["Hjemmetjenesten Sør"]


def test_ending_before_start_is_refused(sip, carol, kari):
    import datetime

    access = get_client_for(carol, kari.public_id)
    with pytest.raises(Refused, match="cannot end before it started"):
        coordinated.update_coordinated_plan(
            actor=Actor(carol),
            access=access,
            plan=sip,
            expected_version=1,
            ended_on=datetime.date(2026, 11, 1),
        )


def test_page_starts_and_shows_the_plan(client, carol, charlie, kari, decision):
    url = reverse("careplans:coordinated", args=[kari.public_id])
    login(client, charlie)
    assert client.get(url).status_code == 404
    login(client, carol)
    bad = client.post(url, {"coordinator": carol.pk, "started_on": "2026-11-23"})
    assert bad.status_code == 400
    assert not CoordinatedPlan.objects.exists()
    data = {"coordinator": carol.pk, "started_on": "2026-11-23", "overall_goal": "Stay home."}
    assert client.post(url, data).status_code == 302
    page = client.get(url).content.decode()
    assert "Stay home." in page
    assert "Home nursing" in page
    assert AuditEvent.objects.filter(actor=carol, client=kari, action="read").exists()


def test_api_gives_the_plan_to_the_care_team_only(sip, carol, charlie, kari):
    api = APIClient()
    url = f"/api/v1/clients/{kari.public_id}/coordinated-plan/"
    api.force_login(charlie)
    assert api.get(url).status_code == 404
    api.force_login(carol)
    body = api.get(url).json()
    assert body["plan"]["overall_goal"] == "Live at home and see my grandchildren."
    assert body["services"][0]["service"] == "home_nursing"
    assert "Hjemmetjenesten Sør" in body["units"]
