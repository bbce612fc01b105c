from __future__ import annotations

import json

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kasam.audit.models import AuditEvent
from kasam.registry.models import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(alice):
    http = APIClient()
    http.force_authenticate(alice)
    return http


@pytest.fixture
def outsider_api(charlie):
    http = APIClient()
    http.force_authenticate(charlie)
    return http


def _urls(kari):
    base = f"/api/v1/clients/{kari.public_id}/"
    return [base, base + "relatives/", base + "access-log/"]


def test_outsider_gets_404_for_every_client_object(outsider_api, kari):
    for url in _urls(kari):
        assert outsider_api.get(url).status_code == 404, url
    assert outsider_api.patch(_urls(kari)[0], {"first_name": "X"}).status_code == 404
    assert not AuditEvent.objects.exists()


def test_team_member_reads_client_and_each_read_is_audited(api, kari):
    for url in _urls(kari):
        assert api.get(url).status_code == 200, url
    assert AuditEvent.objects.filter(client=kari, action="read").count() == 3


def test_list_is_scoped_and_audited_per_hit(api, outsider_api, kari):
    assert [c["last_name"] for c in api.get("/api/v1/clients/", {"q": "kari"}).json()] == [
        "Nordmann"
    ]
    assert outsider_api.get("/api/v1/clients/", {"q": "kari"}).json() == []
    assert AuditEvent.objects.filter(action="search").count() == 1


def test_unknown_ordering_is_refused(api, kari):
    response = api.get("/api/v1/clients/", {"ordering": "national_id"})
    assert response.status_code == 400
    assert "ordering" in response.json()


def test_protected_identity_address_is_not_exported(api, kari):
    kari.protected_identity = True
    kari.save()
    data = api.get(f"/api/v1/clients/{kari.public_id}/").json()
    assert (data["address"], data["postal_code"], data["city"]) == (None, None, None)


def _new_client(unit):
    return {
        "national_id": "15858912382",
        "first_name": "Per",
        "last_name": "Hansen",
        "preferred_language": "nb",
        "unit": str(unit.public_id),
    }


def test_create_client_validates_number_and_unit(api, org):
    payload = _new_client(org["north"])
    assert api.post("/api/v1/clients/", payload, format="json").status_code == 201
    assert Client.objects.get().national_id == "15858912382"
    again = api.post("/api/v1/clients/", payload, format="json")
    assert again.status_code == 400
    assert "national_id" in again.json()
    bad = api.post(
        "/api/v1/clients/", payload | {"national_id": "１５８５８９１２３８２"}, format="json"
    )
    assert bad.status_code == 400


def test_create_client_for_foreign_unit_is_refused(api, org):
    payload = _new_client(org["south"])
    assert api.post("/api/v1/clients/", payload, format="json").status_code == 400
    assert not Client.objects.exists()


def test_patch_with_script_in_name_is_refused(api, kari):
    response = api.patch(
        f"/api/v1/clients/{kari.public_id}/",
        {"first_name": "<script>", "version": 1},
        format="json",
    )
    assert response.status_code == 400
    kari.refresh_from_db()
    assert kari.first_name == "Kari"


def test_add_relative_via_api(api, kari):
    payload = {"first_name": "Eva", "last_name": "Berg", "relation": "child", "role": "guardian"}
    assert (
        api.post(f"/api/v1/clients/{kari.public_id}/relatives/", payload, format="json").status_code
        == 201
    )
    assert kari.relatives.filter(first_name="Eva").exists()


def test_token_authentication(alice, kari):
    token = Token.objects.create(user=alice)
    http = APIClient()
    http.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert http.get(f"/api/v1/clients/{kari.public_id}/").status_code == 200


def test_units_and_staff_are_listed(api, alice):
    assert len(api.get("/api/v1/units/").json()["results"]) == 6
    staff = api.get("/api/v1/staff/").json()["results"]
    assert staff[0]["memberships"][0]["role"] == "care_worker"


def test_openapi_schema_and_docs_are_served_locally(client, alice):
    client.force_login(alice)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/clients/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "cdn" not in docs.lower()


def test_patch_needs_the_version_read_and_refuses_a_stale_one(api, kari):
    url = f"/api/v1/clients/{kari.public_id}/"
    assert api.get(url).json()["version"] == 1
    assert api.patch(url, {"city": "Bergen"}, format="json").status_code == 400
    assert api.patch(url, {"city": "Bergen", "version": 1}, format="json").status_code == 200
    stale = api.patch(url, {"phone": "+47 33333333", "version": 1}, format="json")
    assert stale.status_code == 409
    kari.refresh_from_db()
    assert (kari.city, kari.phone, kari.version) == ("Bergen", "", 2)


def test_patch_a_status_of_someone_gone_needs_its_day(api, kari):
    url = f"/api/v1/clients/{kari.public_id}/"
    refused = api.patch(url, {"status": "moved", "version": 1}, format="json")
    assert refused.status_code == 400
    assert "status_since" in refused.json()
    done = api.patch(
        url, {"status": "moved", "status_since": "2026-11-01", "version": 1}, format="json"
    )
    assert done.status_code == 200
    assert done.json()["status_since"] == "2026-11-01"


@pytest.mark.parametrize("code", ["home\x00nursing", "home\ud800nursing"])
def test_text_no_database_can_store_is_a_400_and_nothing_is_saved(erin, application, code):
    from kasam.decisions.models import Decision

    http = APIClient()
    http.force_authenticate(erin)
    line = {"service": code, "outcome": "refused", "starts_on": "2026-12-01"}
    body = {"valid_from": "2026-12-01", "justification": "Needs help.", "lines": [line]}
    response = http.post(
        f"/api/v1/cases/{application.public_id}/decisions/",
        data=json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert (
        response.json()["detail"] == "JSON-innholdet har tegn som ikke kan lagres."
    )  # Erin reads bokmål
    assert not Decision.objects.exists()
