"""Scores as FHIR Observations: nutrition and fall-risk screenings (score, weight, at risk)
and the function scores of an assessment (IPLOS in Norway, IBIC in Sweden), one per item.

The scales' items are coded in a Kasam code system per scale (`urn:kasam:scale:<code>`):
TO VERIFY against the national code lists (IPLOS variables, IBIC life areas) an installation's
partners use before exchanging them."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.observation import Observation

from kasam.assessments.models import ItemScore
from kasam.interop.resources import checked, staff_ref
from kasam.screening.models import Screening

CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
UCUM = "http://unitsofmeasure.org"


def _category(code: str) -> list[dict[str, Any]]:
    return [{"coding": [{"system": CATEGORY, "code": code}]}]


def screening(found: Screening) -> dict[str, Any]:
    """A screening's score by its tool; at risk as an abnormal interpretation."""
    tool = found.get_tool_display()
    data: dict[str, Any] = {
        "resourceType": "Observation",
        "id": str(found.public_id),
        "status": "final",
        "category": _category("survey"),
        "code": {"text": f"{found.get_kind_display()} ({tool})"},
        "subject": {"reference": f"Patient/{found.client.public_id}"},
        "effectiveDateTime": found.measured_on.isoformat(),
        "performer": [staff_ref(found.made_by)],
        "valueInteger": found.score,
        "interpretation": [
            {
                "coding": [{"system": INTERPRETATION, "code": "A" if found.at_risk else "N"}],
                "text": "at risk" if found.at_risk else "not at risk",
            }
        ],
    }
    if found.weight_kg is not None:
        weight = {"value": float(found.weight_kg), "unit": "kg", "system": UCUM, "code": "kg"}
        data["component"] = [{"code": {"text": "body weight"}, "valueQuantity": weight}]
    return checked(Observation, data)


def item_score_id(score: ItemScore) -> str:
    return f"{score.assessment.public_id}-{score.pk}"


def item_score(score: ItemScore) -> dict[str, Any]:
    """One item of a function assessment (IPLOS, IBIC) and its level."""
    assessment, scale = score.assessment, score.item.scale
    data: dict[str, Any] = {
        "resourceType": "Observation",
        "id": item_score_id(score),
        "status": "final",
        "category": _category("survey"),
        "code": {
            "coding": [{"system": f"urn:kasam:scale:{scale.code}", "code": score.item.code}],
            "text": f"{scale.name}: {score.item.name}",
        },
        "subject": {"reference": f"Patient/{assessment.case.client.public_id}"},
        "effectiveDateTime": assessment.created_at.isoformat(),
        "performer": [staff_ref(assessment.made_by)],
        "valueInteger": score.level.value if score.level else None,
        "focus": [{"reference": f"EpisodeOfCare/{assessment.case.public_id}"}],
    }
    if scale.describes_needs and (score.needs or score.goals):
        data["note"] = [{"text": text} for text in (score.needs, score.goals) if text]
    return checked(Observation, data)
