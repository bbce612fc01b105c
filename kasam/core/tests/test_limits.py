"""Rate limits on the doors without an account, per real client address behind the proxies
the installation trusts."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse

from kasam.core.net import client_ip
from kasam.quality.models import Feedback
from kasam.surveys import services as surveys
from kasam.surveys.tests.test_surveys import quinn, survey  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def _small_allowances(settings):
    """Small allowances, and a clock that stands still: an allowance renews at a window
    boundary, which would otherwise fall between two requests now and then."""
    settings.KASAM_TRUSTED_PROXIES = ["10.0.0.0/24"]
    settings.KASAM_RATE_LIMITS = {
        "login": "3/m",
        "token": "3/m",
        "feedback": "2/h",
        "survey-code": "3/h",
        "survey": "100/h",
    }
    with time_machine.travel(
        datetime.datetime(2026, 12, 1, 10, 0, 30, tzinfo=datetime.UTC), tick=False
    ):
        yield


def _request(remote: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_a_client_cannot_choose_its_address_without_a_trusted_proxy():
    assert client_ip(_request("198.51.100.9", "192.0.2.1")) == "198.51.100.9"


def test_behind_a_trusted_proxy_the_rightmost_outside_address_counts():
    assert client_ip(_request(PROXY, "192.0.2.1")) == "192.0.2.1"
    # the left part is the client's own say; the proxy appended the real address
    assert client_ip(_request(PROXY, "203.0.113.5, 192.0.2.1, 10.0.0.3")) == "192.0.2.1"
    assert client_ip(_request(PROXY, "not-an-address")) == PROXY
    assert client_ip(_request(PROXY)) == PROXY


def test_login_attempts_from_one_address_are_limited(client, alice):
    url = reverse("accounts:login")
    answers = [
        client.post(url, {"username": f"someone{n}", "password": "x"}).status_code for n in range(4)
    ]
    assert answers == [200, 200, 200, 429]
    other = client.post(url, {"username": "x", "password": "x"}, REMOTE_ADDR="192.0.2.99")
    assert other.status_code == 200


def test_token_requests_are_limited_with_a_json_answer(client, alice):
    url = reverse("api-token")
    client.cookies["django_language"] = "en"
    for _ in range(3):
        client.post(url, {"username": "nobody", "password": "x"})
    answer = client.post(url, {"username": "nobody", "password": "x"})
    assert answer.status_code == 429
    assert "Too many attempts" in answer.json()["detail"]


def _feedback(client, forwarded: str):
    data = {"kind": "praise", "text": "Thank you for the help."}
    return client.post("/feedback/", data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def test_feedback_is_counted_per_person_behind_the_proxy_not_per_proxy(client):
    assert [_feedback(client, "192.0.2.1").status_code for _ in range(3)] == [200, 200, 429]
    assert _feedback(client, "192.0.2.2").status_code == 200
    assert Feedback.objects.count() == 3


def test_guessing_survey_codes_is_stopped_even_for_a_right_code(client, survey, quinn, org):  # noqa: F811
    code = surveys.invite(user=quinn, survey=survey, unit=org["north"], count=1)[0]
    for guess in ("AAAA", "BBBB", "CCCC"):
        assert client.post("/survey/", {"code": guess}).status_code == 400
    assert client.post("/survey/", {"code": code}).status_code == 429
    elsewhere = client.post("/survey/", {"code": code}, REMOTE_ADDR="192.0.2.50")
    assert elsewhere.status_code == 200


def test_a_username_longer_than_any_is_refused_before_the_login_is_tried(client):
    answer = client.post(reverse("api-token"), {"username": "x" * 10_000, "password": "x"})
    assert answer.status_code == 400
