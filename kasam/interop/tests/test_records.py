"""FHIR R4 (#16): the client's access log as AuditEvents, and indicator values per unit and
period as MeasureReports."""

from __future__ import annotations

import pytest
from fhir.resources.R4B.auditevent import AuditEvent as FhirAuditEvent
from fhir.resources.R4B.measurereport import MeasureReport

from kasam.audit.models import AuditEvent
from kasam.conftest import login
from kasam.indicators.tests.conftest import at

pytestmark = pytest.mark.django_db


def test_the_access_log_lists_who_read_the_record_and_is_itself_logged(client, alice, erin, kari):
    login(client, erin)
    client.get(f"/fhir/r4/Patient/{kari.public_id}")
    login(client, alice)
    found = client.get("/fhir/r4/AuditEvent", {"patient": str(kari.public_id)}).json()
    assert found["total"] >= 2  # Erin's read, and Alice's reading of the log
    for entry in found["entry"]:
        FhirAuditEvent.model_validate(entry["resource"])
        assert not entry["resource"]["id"].isdigit()  # never the row's number
    readers = [e["resource"]["agent"][0]["who"]["display"] for e in found["entry"]]
    assert erin.display_name in readers
    assert AuditEvent.objects.filter(actor=alice, client=kari, action="read").exists()


def test_an_outsider_cannot_read_the_access_log(client, charlie, kari):
    login(client, charlie)
    answer = client.get("/fhir/r4/AuditEvent", {"patient": str(kari.public_id)})
    assert answer.status_code == 404
    assert answer.json()["resourceType"] == "OperationOutcome"


def test_indicator_values_per_unit_and_period(client, alice, org, kari, receive, contact):
    contact(receive(kari, "application", at(2026, 10, 5)), at(2026, 10, 6))
    receive(kari, "application", at(2026, 10, 6))  # never contacted
    login(client, alice)
    query = {
        "subject": f"Organization/{org['municipality'].public_id}",
        "period": "2026M10",
        "measure": "urn:kasam:indicator:first_contact_in_time",
    }
    found = client.get("/fhir/r4/MeasureReport", query).json()
    assert found["total"] == 1
    report = found["entry"][0]["resource"]
    MeasureReport.model_validate(report)
    assert report["period"] == {"start": "2026-10-01", "end": "2026-10-31"}
    group = report["group"][0]
    assert group["measureScore"]["value"] == 50
    assert [p["count"] for p in group["population"]] == [1, 2]
    every = client.get("/fhir/r4/MeasureReport", {"period": "2026M10", "_count": 5}).json()
    assert every["total"] > 5
    assert [link["relation"] for link in every["link"]] == ["self", "next"]
    for bad in ({"period": "october"}, {"subject": "Organization/x"}, {"colour": "red"}):
        assert client.get("/fhir/r4/MeasureReport", bad).status_code in (400, 404), bad


def test_the_open_data_as_a_bundle_of_measure_reports(client, alice, org, kari, receive, contact):
    from fhir.resources.R4B.bundle import Bundle

    from kasam.indicators.models import Indicator

    contact(receive(kari, "application", at(2026, 10, 5)), at(2026, 10, 6))
    login(client, alice)
    area = org["area"]
    query = {"subject": f"Organization/{area.public_id}", "period": "2026M10"}
    answer = client.get("/fhir/r4/MeasureReport/$open-data", query)
    assert "attachment" in answer["Content-Disposition"]
    bundle = answer.json()
    Bundle.model_validate(bundle)
    assert bundle["type"] == "collection"
    units = 1 + area.children.filter(archived_at__isnull=True).exclude(kind="team").count()
    indicators = Indicator.objects.filter(active=True).count()
    assert len(bundle["entry"]) == indicators * units * 12  # as the CSV: 12 periods
    dashboard = client.get("/indicators/", {"unit": area.public_id, "period": "2026M10"})
    assert "/fhir/r4/MeasureReport/$open-data?" in dashboard.content.decode()
