"""Every FHIR endpoint answers bad input with a 4xx OperationOutcome, never a 5xx."""

from __future__ import annotations

import itertools

import pytest

from kasam.conftest import login
from kasam.interop.urls import urlpatterns

pytestmark = pytest.mark.django_db

BAD_IDS = ["x", "1", "00000000-0000-0000-0000-000000000000", "a" * 300, "%00", "-1-2"]
BAD_PARAMS = [
    {"_count": "-1"},
    {"_count": "1e9"},
    {"_offset": "x"},
    {"patient": "Patient/x"},
    {"patient": "00000000-0000-0000-0000-000000000000"},
    {"subject": "Organization/ü"},
    {"period": "2026M13"},
    {"date": "yesterday"},
    {"identifier": "|"},
    {"unknown": "1"},
    {"name": "\x00"},
]


def _addresses() -> list[str]:
    found = []
    for pattern in urlpatterns:
        route = str(pattern.pattern)
        if route.startswith("$") or route == "metadata":
            continue
        if "<str:public_id>" in route:
            found += [f"/fhir/r4/{route.replace('<str:public_id>', bad)}" for bad in BAD_IDS]
        else:
            found.append(f"/fhir/r4/{route}")
    return found


def test_no_fhir_endpoint_answers_5xx_to_bad_input(client, alice):
    login(client, alice)
    addresses = _addresses()
    assert len(addresses) > 60
    for address, params in itertools.product(addresses, [{}, *BAD_PARAMS]):
        if "?" in address or (params and address.count("/") > 3):
            continue  # a read takes no parameters: bad ids are enough
        answer = client.get(address, params)
        assert answer.status_code < 500, (address, params)
        if answer.status_code >= 400:
            assert answer.json()["resourceType"] == "OperationOutcome", (address, params)
