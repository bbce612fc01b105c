"""Every resource type Kasam serves, made from the demo municipality, round-trips through the
FHIR R4 models of fhir.resources: read back into the model and written out again, it is the
same resource."""

from __future__ import annotations

import importlib
import json

import pytest
from django.core.management import call_command

from kasam.accounts.models import User
from kasam.conftest import login

pytestmark = pytest.mark.django_db
EXPORTED = "Patient,RelatedPerson,EpisodeOfCare,ServiceRequest,CarePlan,Goal,CareTeam,Observation"


@pytest.fixture
def demo(settings):
    settings.KASAM_COUNTRY = "NO"
    call_command("demo", size="small", seed=3)


def _model(resource_type: str):
    module = importlib.import_module(f"fhir.resources.R4B.{resource_type.lower()}")
    return getattr(module, resource_type)


def _round_trips(resource: dict) -> None:
    model = _model(resource["resourceType"])
    again = model.model_validate(resource).model_dump(mode="json", exclude_none=True)
    assert again == resource, resource["resourceType"]


def _bundle_entries(client, address: str, params: dict) -> list[dict]:
    answer = client.get(address, params)
    assert answer.status_code == 200, (address, answer.content[:300])
    bundle = answer.json()
    _round_trips(bundle)
    return [entry["resource"] for entry in bundle.get("entry", [])]


def test_every_resource_type_from_the_demo_round_trips(
    client, demo, django_capture_on_commit_callbacks
):
    director = User.objects.get(username="director")
    login(client, director)
    asked = {"_type": f"{EXPORTED},Encounter", "_since": "2026-01-01"}
    with django_capture_on_commit_callbacks(execute=True):
        started = client.get("/fhir/r4/$export", asked, HTTP_PREFER="respond-async")
    manifest = client.get(started["Content-Location"]).json()
    seen: dict[str, int] = {}
    for item in manifest["output"]:
        for line in client.get(item["url"]).content.decode().splitlines():
            resource = json.loads(line)
            _round_trips(resource)
            seen[resource["resourceType"]] = seen.get(resource["resourceType"], 0) + 1
    assert set(seen) == set(asked["_type"].split(",")), seen
    worker = User.objects.get(username="care.worker")
    login(client, worker)
    for address in ("/fhir/r4/Organization", "/fhir/r4/Practitioner", "/fhir/r4/PractitionerRole"):
        found = _bundle_entries(client, address, {"_count": 5})
        assert found, address
        seen[found[0]["resourceType"]] = len(found)
    patient = next(
        r for r in _bundle_entries(client, "/fhir/r4/Patient", {"name": "a", "_count": 1})
    )
    log = _bundle_entries(client, "/fhir/r4/AuditEvent", {"patient": patient["id"]})
    assert log  # the search just made is in it
    seen["AuditEvent"] = len(log)
    lead = User.objects.get(username="quality.lead")
    login(client, lead)
    reports = _bundle_entries(client, "/fhir/r4/MeasureReport", {"_count": 5})
    assert reports
    seen["MeasureReport"] = len(reports)
    assert len(seen) == 14, seen
