"""Goals and indicators under /api/v1/: same rules as the pages."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from kasam.conftest import _staff
from kasam.goals.examples import load_example
from kasam.indicators.models import Indicator, StoredValue
from kasam.indicators.tests.conftest import at
from kasam.organisation.models import Membership

pytestmark = pytest.mark.django_db


def _api(user):
    api = APIClient()
    api.force_login(user)
    return api


def test_goal_tree_with_nested_goals_indicators_and_actions(alice, org):
    load_example("SE", org["municipality"])
    body = _api(alice).get("/api/v1/goals/").json()
    assert body["period"]["name"] == "Vård- och omsorgsnämndens mål"
    first = body["goals"][0]
    assert first["level"] == "direction"
    effects = [g for sf in first["children"] for g in sf["children"]]
    assert any("first_contact_in_time" in g["indicators"] for g in effects)


def test_indicator_values_for_a_unit_and_the_units_under_it(alice, org, kari, receive, contact):
    contact(receive(kari, "application", at(2026, 10, 5)), at(2026, 10, 6))
    api = _api(alice)
    assert any(i["code"] == "plan_and_contact" for i in api.get("/api/v1/indicators/").json())
    url = "/api/v1/indicators/first_contact_in_time/values/"
    rows = api.get(url, {"period": "2026M10", "count": 2}).json()
    mine = [r for r in rows if r["unit_name"] == "Testvik kommune" and r["period"] == "2026M10"]
    assert mine[0]["numerator"] == 1
    assert mine[0]["status"] == ""
    assert api.get(url, {"count": "x"}).status_code == 400
    assert api.get("/api/v1/indicators/nope/values/").status_code == 404


def test_import_through_the_api_previews_and_imports_for_the_quality_lead(alice, org):
    Indicator.objects.create(
        code="sick_leave",
        name_nb="S",
        name_sv="S",
        name_en="Sick leave",
        source="import",
        measure="percent",
        direction="lower",
        rollup="last",
    )
    text = "indicator;unit;period;value\nsick_leave;Hjemmetjenesten Nord;2026M10;7,5\nx;y;z;1\n"
    assert _api(alice).post("/api/v1/indicators/imports/", {"text": text}).status_code == 404
    quinn = _staff("quinn", org["municipality"], Membership.Role.QUALITY_LEAD)
    api = _api(quinn)
    preview = api.post("/api/v1/indicators/imports/", {"text": text, "preview_only": True})
    assert [line["number"] for line in preview.json()["lines"]] == [3]
    assert not StoredValue.objects.exists()
    refused = api.post("/api/v1/indicators/imports/", {"text": text})
    assert refused.status_code == 400
    done = api.post("/api/v1/indicators/imports/", {"text": text, "only_valid": True}).json()
    assert (done["imported"], done["skipped"]) == (1, 1)
