"""Deviation pages: a care worker reports from a client's page, the manager handles it; the
client's name is shown only to people with a care relationship, and reading it is logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kasam.audit.models import AuditEvent
from kasam.conftest import login
from kasam.quality.models import Deviation

pytestmark = pytest.mark.django_db


def _report(client, kari, org, **changes):
    data = {
        "category": "fall",
        "what_happened": "Found on the floor <script>alert(1)</script>",
        "occurred_at": "2026-11-20T08:15",
        "unit": org["north"].public_id,
        "severity": 2,
        "immediate_action": "Helped up.",
    }
    url = f"{reverse('quality:report')}?client={kari.public_id}"
    return client.post(url, data | changes)


def test_care_worker_reports_from_the_client_page_and_the_manager_handles(
    client, alice, dave, kari, org
):
    login(client, alice)
    assert (
        "Report a deviation"
        in client.get(reverse("registry:client-detail", args=[kari.public_id])).content.decode()
    )
    assert _report(client, kari, org, what_happened="").status_code == 400
    assert _report(client, kari, org).status_code == 302
    deviation = Deviation.objects.get()
    assert deviation.client == kari
    login(client, dave)
    listed = client.get(reverse("quality:list")).content.decode()
    assert "Fall" in listed
    assert '<span class="tag bad">1<span class="visually-hidden"> to handle' in listed  # told
    page = client.get(reverse("quality:deviation", args=[deviation.public_id])).content.decode()
    assert "&lt;script&gt;" in page  # escaped
    assert "Kari Nordmann" in page
    assert AuditEvent.objects.filter(actor=dave, client=kari, object_type="deviation").exists()
    url = reverse("quality:move", args=[deviation.public_id])
    client.post(url, {"version": 1, "target": "in_review", "assessment": "Needs a look."})
    deviation.refresh_from_db()
    assert (deviation.status, deviation.handler) == ("in_review", dave)
    answer = client.post(url, {"version": 2, "target": "closed"}, follow=True)
    assert "Write what was learnt" in answer.content.decode()


def test_outsiders_neither_report_for_a_client_nor_see_the_deviation(
    client, alice, charlie, kari, org
):
    login(client, charlie)
    assert _report(client, kari, org).status_code == 404
    login(client, alice)
    _report(client, kari, org)
    deviation = Deviation.objects.get()
    login(client, charlie)
    assert client.get(reverse("quality:deviation", args=[deviation.public_id])).status_code == 404
    assert not AuditEvent.objects.filter(actor=charlie).exists()
