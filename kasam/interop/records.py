"""The record about the record: a client's access log as FHIR AuditEvents, and indicator
values as MeasureReports (per unit and period; figures on too few people are suppressed
as on the dashboard)."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone
from django.utils.crypto import salted_hmac
from fhir.resources.R4B.auditevent import AuditEvent as FhirAuditEvent
from fhir.resources.R4B.measurereport import MeasureReport

from kasam.audit.models import AuditEvent
from kasam.indicators.compute import Value
from kasam.indicators.models import Indicator
from kasam.indicators.periods import Period
from kasam.interop.resources import checked, staff_ref
from kasam.organisation.models import OrganisationUnit
from kasam.registry.models import Client

# DICOM's "Patient Record" event: someone read or changed a person's record.
PATIENT_RECORD = {
    "system": "http://dicom.nema.org/resources/ontology/DCM",
    "code": "110110",
    "display": "Patient Record",
}
ACTIONS = {
    AuditEvent.Action.READ: "R",
    AuditEvent.Action.SEARCH: "R",
    AuditEvent.Action.CREATE: "C",
    AuditEvent.Action.UPDATE: "U",
    AuditEvent.Action.EXPORT: "R",
    AuditEvent.Action.PRINT: "R",
}


def audit_event_id(event: AuditEvent) -> str:
    """Stable, and not the row's number (never exposed): a keyed hash of it."""
    return salted_hmac("kasam.interop.auditevent", str(event.pk)).hexdigest()[:32]


def audit_event(event: AuditEvent, client: Client) -> dict[str, Any]:
    """One entry of the client's access log: who (role, unit), what, when, on what basis."""
    agent: dict[str, Any] = {"who": staff_ref(event.actor), "requestor": True}
    if event.seen_role_label:
        agent["role"] = [{"text": event.seen_role_label}]
    if event.seen_unit_name:
        agent["name"] = event.seen_unit_name
    data: dict[str, Any] = {
        "resourceType": "AuditEvent",
        "id": audit_event_id(event),
        "type": PATIENT_RECORD,
        "subtype": [{"code": event.action, "display": str(event.get_action_display())}],
        "action": ACTIONS[AuditEvent.Action(event.action)],
        "recorded": event.occurred_at.isoformat(),
        "outcome": "0",
        "agent": [agent],
        "source": {"observer": {"display": "Kasam"}},
        "entity": [
            {"what": {"reference": f"Patient/{client.public_id}"}, "name": event.object_type}
        ],
    }
    if event.seen_basis_label:
        data["purposeOfEvent"] = [{"text": event.seen_basis_label}]
    return checked(FhirAuditEvent, data)


def measure_report(
    indicator: Indicator, unit: OrganisationUnit, period: Period, value: Value
) -> dict[str, Any]:
    """An indicator's value for a unit and period, with its numerator and denominator; a
    suppressed or missing value has no score, and a period not yet ended is pending."""
    coding = [{"system": "urn:kasam:indicator", "code": indicator.code}]
    if indicator.external_code:  # the national key figure (Kolada, KOSTRA)
        coding.append({"system": "urn:kasam:national-key-figure", "code": indicator.external_code})
    group: dict[str, Any] = {"code": {"coding": coding, "text": indicator.name}}
    if not value.suppressed:
        counts = [("numerator", value.numerator), ("denominator", value.denominator)]
        group["population"] = [
            {"code": {"text": name}, "count": int(count)}
            for name, count in counts
            if count is not None
        ]
        if value.value is not None:
            group["measureScore"] = {"value": float(value.value)}
    data: dict[str, Any] = {
        "resourceType": "MeasureReport",
        "id": str(uuid.uuid5(unit.public_id, f"{indicator.code}.{period.code}")),
        "status": "pending" if value.preliminary else "complete",
        "type": "summary",
        "measure": f"urn:kasam:indicator:{indicator.code}",
        "subject": {"reference": f"Organization/{unit.public_id}"},
        "date": timezone.now().isoformat(),
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "group": [group],
    }
    return checked(MeasureReport, data)
