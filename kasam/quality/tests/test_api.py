"""Deviations, feedback, participation and surveys under /api/v1/."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from kasam.audit.models import AuditEvent
from kasam.quality.models import Deviation

pytestmark = pytest.mark.django_db


def _api(user):
    api = APIClient()
    api.force_login(user)
    return api


def test_report_and_read_a_deviation_with_the_client_named_to_the_care_team_only(
    alice, dave, charlie, kari, org
):
    payload = {
        "unit": str(org["north"].public_id),
        "client": str(kari.public_id),
        "category": "medication",
        "severity": 3,
        "occurred_at": "2026-11-20T08:00:00+01:00",
        "what_happened": "Wrong dose given.",
    }
    assert _api(charlie).post("/api/v1/deviations/", payload, format="json").status_code == 404
    made = _api(alice).post("/api/v1/deviations/", payload, format="json")
    assert made.status_code == 201
    assert made.json()["client"] == str(kari.public_id)
    url = f"/api/v1/deviations/{made.json()['id']}/"
    assert _api(dave).get(url).json()["client"] == str(kari.public_id)
    assert AuditEvent.objects.filter(actor=dave, client=kari, object_type="deviation").exists()
    assert _api(charlie).get(url).status_code == 404
    future = {**payload, "occurred_at": "2099-01-01T08:00:00+01:00"}
    assert _api(alice).post("/api/v1/deviations/", future, format="json").status_code == 400
    assert Deviation.objects.count() == 1


def test_survey_results_never_give_single_answers(alice, org):
    from kasam.conftest import _staff
    from kasam.organisation.models import Membership
    from kasam.surveys import services

    quinn = _staff("quinn", org["municipality"], Membership.Role.QUALITY_LEAD)
    survey = services.from_template(user=quinn, kind="staff", year=2026, title="Staff")
    services.set_status(user=quinn, survey=survey, status="open")
    for _ in range(3):
        code = services.invite(user=quinn, survey=survey, unit=org["north"], count=1)[0]
        services.answer_with_code(code=code, answers={survey.questions.first().pk: 5})
    services.set_status(user=quinn, survey=survey, status="closed")
    body = _api(alice).get(f"/api/v1/surveys/{survey.public_id}/results/").json()
    assert body["municipality"]["hidden"] is True  # 3 answers < 5
    assert body["municipality"]["respondents"] is None
    assert "answers" not in str(_api(alice).get("/api/v1/surveys/").json())
