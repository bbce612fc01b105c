"""Deviation pages: a care worker reports from a client's page, the manager handles it; the
client's name is shown only to people with a care relationship, and reading it is logged."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

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
    told = '<span class="ds-tag" data-color="danger">1<span class="visually-hidden"> to handle'
    assert told in listed
    page = client.get(reverse("quality:deviation", args=[deviation.public_id])).content.decode()
    assert "&lt;script&gt;" in page  # escaped
    assert "Kari Nordmann" in page
    assert AuditEvent.objects.filter(actor=dave, client=kari, object_type="deviation").exists()
    url = reverse("quality:move", args=[deviation.public_id])
    client.post(url, {"version": 1, "target": "in_review", "assessment": "Needs a look."})
    deviation.refresh_from_db()
    assert (deviation.status, deviation.handler) == ("in_review", dave)
    answer = client.post(url, {"version": 2, "target": "closed", "confirmed": "yes"}, follow=True)
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


def test_a_deviation_with_a_measure_is_closed_end_to_end_by_its_pages(
    client, alice, charlie, dave, kari, org
):
    """The measure's owner (a care worker elsewhere, without a care relationship) finds it
    on the list, marks it done on the deviation's page; then the manager can close."""
    login(client, alice)
    _report(client, kari, org)
    deviation = Deviation.objects.get()
    login(client, dave)
    move = reverse("quality:move", args=[deviation.public_id])
    client.post(move, {"version": 1, "target": "in_review"})
    client.post(move, {"version": 2, "target": "investigating", "causes": ["routines"]})
    due = timezone.localdate() + datetime.timedelta(days=14)
    added = client.post(
        reverse("quality:measure-add", args=[deviation.public_id]),
        {"title": "Night light in the hall", "owner": charlie.pk, "due_on": due.isoformat()},
    )
    assert added.status_code == 302
    for version, target in ((3, "measures"), (4, "follow_up")):
        client.post(move, {"version": version, "target": target})
    closing = {"version": 5, "target": "closed", "learning": "Light helps.", "confirmed": "yes"}
    refused = client.post(move, closing)
    assert "Every measure must be done" in refused.content.decode()

    login(client, charlie)
    assert "Night light in the hall" in client.get(reverse("quality:list")).content.decode()
    page = client.get(reverse("quality:deviation", args=[deviation.public_id])).content.decode()
    assert "Mark the measure done" in page
    assert "Kari Nordmann" not in page  # no care relationship: the client is not named
    measure = deviation.measures.get()
    done = reverse("quality:measure-done", args=[deviation.public_id, measure.public_id])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for data, reason in (
        ({"done_on": tomorrow.isoformat(), "effect": "Fewer falls."}, "in the future"),
        ({"done_on": timezone.localdate().isoformat(), "effect": ""}, "This field is required"),
    ):
        answer = client.post(done, data)
        assert answer.status_code == 400
        assert reason in answer.content.decode()
    measure.refresh_from_db()
    assert measure.done_on is None
    today = timezone.localdate().isoformat()
    assert client.post(done, {"done_on": today, "effect": "No falls at night."}).status_code == 302
    assert client.post(done, {"done_on": today, "effect": "Again."}).status_code == 400

    login(client, dave)
    asked = client.post(move, closing | {"confirmed": ""})
    assert "Close the deviation?" in asked.content.decode()
    assert 'name="learning" value="Light helps."' in asked.content.decode()
    deviation.refresh_from_db()
    assert deviation.status == "follow_up"  # nothing yet: asked first
    closed = client.post(move, closing)
    assert closed.status_code == 302
    deviation.refresh_from_db()
    assert deviation.status == "closed"
    page = client.get(reverse("quality:deviation", args=[deviation.public_id])).content.decode()
    log = page[page.index("<h2>Log</h2>") :]
    assert "Reported" in log
    assert "Effect being followed up → closed" in log
    assert "Measure done: Night light in the hall" in log
    assert "in_review" not in log
    assert "follow_up" not in log
    assert "Routines and procedures" in page
    assert ">routines<" not in page


def test_only_the_owner_or_the_manager_marks_a_measure_done(client, alice, bob, dave, kari, org):
    login(client, alice)
    _report(client, kari, org)
    deviation = Deviation.objects.get()
    deviation.status = "investigating"
    deviation.save()
    due = timezone.localdate() + datetime.timedelta(days=3)
    measure = deviation.measures.create(title="Check the rails", owner=dave, due_on=due)
    done = reverse("quality:measure-done", args=[deviation.public_id, measure.public_id])
    today = {"done_on": timezone.localdate().isoformat(), "effect": "Done."}
    login(client, bob)  # sees neither the deviation nor the measure
    assert client.post(done, today).status_code == 404
    login(client, alice)  # reported it, but does not own the measure
    page = client.get(reverse("quality:deviation", args=[deviation.public_id])).content.decode()
    assert "Mark the measure done" not in page
    answer = client.post(done, today)
    assert answer.status_code == 400
    assert "owner or the manager marks it done" in answer.content.decode()
    measure.refresh_from_db()
    assert measure.done_on is None


def test_the_deviation_list_is_newest_first_with_filters_search_and_pages(client, alice, dave, org):
    from kasam.audit.services import Actor
    from kasam.quality import services

    base = timezone.now() - datetime.timedelta(days=40)
    for n in range(30):
        services.report_deviation(
            actor=Actor(alice),
            unit=org["north"],
            category="medication" if n % 3 == 0 else "fall",
            severity=2,
            occurred_at=base + datetime.timedelta(days=n),
            what_happened=f"Event number {n} in the hall",
        )
    login(client, dave)
    url = reverse("quality:list")
    page = client.get(url).content.decode()
    listed = page[page.index("Deviations you can see") :]
    assert listed.index("Event number 29") < listed.index("Event number 28")  # newest first
    assert "Event number 4 " not in listed  # 25 on a page
    assert "Page 1 of 2" in listed
    second = client.get(url, {"page": 2}).content.decode()
    assert "Event number 4 " in second
    found = client.get(url, {"q": "number 7 ", "category": "fall"}).content.decode()
    assert "Event number 7 " in found
    assert "Event number 17" not in found
    medication = client.get(url, {"category": "medication", "page": 2}).content.decode()
    assert "Page 1 of 1" not in medication  # 10 medication deviations: one page, no pager
    nothing = client.get(url, {"q": "no such words"}).content.decode()
    assert "No deviation matches" in nothing
    login(client, alice)
    assert "Event number 29" in client.get(url).content.decode()  # she reported them


def test_an_empty_deviation_list_says_how_to_start(client, bob):
    login(client, bob)
    assert "No deviations yet" in client.get(reverse("quality:list")).content.decode()
