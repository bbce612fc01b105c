"""FHIR bulk export (#16): a unit's manager exports the clients the unit serves as ndjson,
made by the worker as a job, each client logged as exported; nobody else may."""

from __future__ import annotations

import json

import pytest
from fhir.resources.R4B.patient import Patient

from kasam.audit.models import AuditEvent, AuditHit
from kasam.conftest import login
from kasam.factories import ClientFactory, ServiceLinkFactory

pytestmark = pytest.mark.django_db
ASYNC = {"HTTP_PREFER": "respond-async"}


def _kick_off(client, address, params=None, capture=None):
    with capture(execute=True):
        return client.get(address, params or {}, **ASYNC)


def test_a_manager_exports_the_unit_and_each_client_is_logged(
    client, dave, kari, org, decision, django_capture_on_commit_callbacks
):
    elsewhere = ClientFactory(first_name="Per", last_name="Sør")
    ServiceLinkFactory(client=elsewhere, unit=org["south"])
    login(client, dave)
    address = f"/fhir/r4/Group/{org['north'].public_id}/$export"
    answer = _kick_off(client, address, capture=django_capture_on_commit_callbacks)
    assert answer.status_code == 202
    status = client.get(answer["Content-Location"])
    assert status.status_code == 200
    manifest = status.json()
    kinds = [item["type"] for item in manifest["output"]]
    assert "Patient" in kinds
    assert "Encounter" not in kinds  # visits only when asked for, with _since
    patients = client.get(manifest["output"][kinds.index("Patient")]["url"])
    assert patients["Content-Type"].startswith("application/fhir+ndjson")
    lines = [json.loads(line) for line in patients.content.decode().splitlines()]
    assert [p["id"] for p in lines] == [str(kari.public_id)]  # not the south unit's client
    Patient.model_validate(lines[0])
    requests = client.get(manifest["output"][kinds.index("ServiceRequest")]["url"])
    assert len(requests.content.decode().splitlines()) == 2
    exported = AuditEvent.objects.get(actor=dave, action="export", object_type="client")
    assert list(AuditHit.objects.filter(event=exported).values_list("client", flat=True)) == [
        kari.pk
    ]


def test_visits_with_since_and_bad_requests_refused(
    client, dave, kari, org, django_capture_on_commit_callbacks
):
    login(client, dave)
    address = f"/fhir/r4/Group/{org['north'].public_id}/$export"
    asked = {"_type": "Patient,Encounter", "_since": "2026-11-01"}
    answer = _kick_off(client, address, asked, capture=django_capture_on_commit_callbacks)
    manifest = client.get(answer["Content-Location"]).json()
    assert [item["type"] for item in manifest["output"]] == ["Patient", "Encounter"]
    for params in (
        {"_type": "Encounter"},  # visits without _since
        {"_type": "Appointment"},
        {"_since": "last week"},
        {"_outputFormat": "text/csv"},
        {"colour": "red"},
    ):
        refused = client.get(address, params, **ASYNC)
        assert refused.status_code == 400, params
        assert refused.json()["resourceType"] == "OperationOutcome"
    assert client.get(address).status_code == 400  # without Prefer: respond-async


def test_only_the_units_manager_exports_and_only_the_owner_polls(
    client, alice, dave, kari, org, django_capture_on_commit_callbacks
):
    login(client, alice)
    address = f"/fhir/r4/Group/{org['north'].public_id}/$export"
    assert client.get(address, **ASYNC).status_code == 403
    login(client, dave)
    assert client.get("/fhir/r4/$export", **ASYNC).status_code == 403  # not the municipality
    answer = _kick_off(client, address, capture=django_capture_on_commit_callbacks)
    login(client, alice)
    assert client.get(answer["Content-Location"]).status_code == 404
    assert not AuditEvent.objects.filter(actor=alice, action="export").exists()


def test_the_top_manager_exports_every_client_of_the_municipality(
    client, kari, org, decision, django_capture_on_commit_callbacks
):
    """The municipality's manager cares for no one, yet exports everyone: each client is
    logged on the basis of the manager's bulk export, not a care relationship."""
    from kasam.conftest import _staff
    from kasam.core.roles import Role

    mona = _staff("mona", org["municipality"], Role.UNIT_MANAGER)
    elsewhere = ClientFactory(first_name="Per", last_name="Sør")
    ServiceLinkFactory(client=elsewhere, unit=org["south"])
    login(client, mona)
    asked = {"_type": "Patient,ServiceRequest,EpisodeOfCare"}
    answer = _kick_off(client, "/fhir/r4/$export", asked, django_capture_on_commit_callbacks)
    manifest = client.get(answer["Content-Location"]).json()
    files = {item["type"]: client.get(item["url"]).content.decode() for item in manifest["output"]}
    patients = [json.loads(line)["id"] for line in files["Patient"].splitlines()]
    assert patients == [str(kari.public_id), str(elsewhere.public_id)]
    assert len(files["ServiceRequest"].splitlines()) == 2  # Kari's decision, both lines
    assert len(files["EpisodeOfCare"].splitlines()) == 1
    exported = AuditEvent.objects.get(actor=mona, action="export", object_type="client")
    hits = AuditHit.objects.filter(event=exported)
    assert {h.client_id for h in hits} == {kari.pk, elsewhere.pk}
    assert {h.basis for h in hits} == {"bulk_export"}
    assert {h.actor_unit_id for h in hits} == {org["municipality"].pk}
