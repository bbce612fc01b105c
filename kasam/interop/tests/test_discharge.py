"""Hospital messages in (#16): a discharge notice as a FHIR Bundle becomes a referral case
on the right unit's inbox with its deadlines, matched to a client by national ID number or
registered as a new person; an invalid bundle is refused and stores nothing."""

from __future__ import annotations

import json

import pytest

from kasam.cases.models import Case
from kasam.conftest import login
from kasam.core.national_id import IdKind
from kasam.interop.identifiers import SYSTEMS
from kasam.registry.models import Client

pytestmark = pytest.mark.django_db
URL = "/fhir/r4/$process-message"
NEW_PERSON = "15858912382"  # a synthetic Norwegian test number (month + 80)


def _bundle(number: str, *, performer: str = "", ask: str = "Home nursing twice a day.") -> dict:
    request: dict = {
        "resourceType": "ServiceRequest",
        "status": "active",
        "intent": "order",
        "subject": {"reference": "urn:uuid:patient"},
        "code": {"text": ask},
    }
    if performer:
        request["performer"] = [{"reference": performer}]
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "fullUrl": "urn:uuid:patient",
                "resource": {
                    "resourceType": "Patient",
                    "identifier": [{"system": SYSTEMS[IdKind.FODSELSNUMMER], "value": number}],
                    "name": [{"family": "Testesen", "given": ["Turid"]}],
                },
            },
            {
                "resource": {
                    "resourceType": "Encounter",
                    "status": "finished",
                    "class": {"code": "IMP"},
                    "serviceProvider": {"display": "Testvik sykehus"},
                }
            },
            {"resource": request},
        ],
    }


def _post(client, body) -> object:
    text = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, text, content_type="application/fhir+json")


def test_a_discharge_for_a_new_person_is_a_referral_on_the_office_inbox(client, erin, org):
    login(client, erin)
    answer = _post(client, _bundle(NEW_PERSON))
    assert answer.status_code == 201
    case = Case.objects.get()
    assert answer.json()["issue"][0]["diagnostics"].endswith(f"{case.number}.")
    assert case.unit == org["office"]
    assert case.case_type.code == "discharge"
    assert (case.source, case.channel) == ("hospital", "electronic_message")
    assert case.source_name == "Testvik sykehus"
    assert case.request == "Home nursing twice a day."
    assert case.deadlines.exists()
    assert Client.objects.get(national_id=NEW_PERSON).last_name == "Testesen"


def test_a_discharge_for_a_known_client_is_matched_by_national_id(client, erin, kari, org):
    login(client, erin)
    performer = f"Organization/{org['office'].public_id}"
    assert _post(client, _bundle(kari.national_id, performer=performer)).status_code == 201
    assert Case.objects.get().client == kari
    assert Client.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        {"resourceType": "Patient"},
        {"resourceType": "Bundle", "type": "collection", "entry": []},
        {"resourceType": "Bundle", "type": "nonsense"},
        _bundle("12345678901"),
        _bundle(NEW_PERSON, ask=""),
        _bundle(NEW_PERSON, performer="Organization/not-a-unit"),
        _bundle(NEW_PERSON, ask="Home nursing\x00 twice a day."),
        _bundle(NEW_PERSON) | {"entry": [{"resource": {"resourceType": "Observation"}}]},
        '{"a":' * 5000 + "1" + "}" * 5000,  # nested 5,000 deep
    ],
    ids=lambda body: str(body)[:40],
)
def test_an_invalid_bundle_is_refused_and_stores_nothing(client, erin, body):
    login(client, erin)
    answer = _post(client, body)
    assert answer.status_code == 400
    assert answer.json()["resourceType"] == "OperationOutcome"
    assert not Case.objects.exists()
    assert not Client.objects.filter(national_id=NEW_PERSON).exists()


def test_a_message_of_10_mb_is_refused_as_too_large(client, erin):
    login(client, erin)
    answer = _post(client, json.dumps(_bundle(NEW_PERSON) | {"padding": "x" * 10_000_000}))
    assert answer.status_code == 413
    assert answer.json()["resourceType"] == "OperationOutcome"
    assert not Case.objects.exists()


def test_only_those_who_receive_referrals_for_the_unit_may_send(client, alice, erin, org):
    login(client, alice)  # a care worker
    assert _post(client, _bundle(NEW_PERSON)).status_code == 403
    login(client, erin)  # the office's case handler, for a home-care unit outside the office
    performer = f"Organization/{org['north'].public_id}"
    assert _post(client, _bundle(NEW_PERSON, performer=performer)).status_code == 403
    assert not Case.objects.exists()
