from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.urls import reverse

from kasam.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2(alice):
    assert identify_hasher(alice.password).algorithm == "argon2"


def test_login_works_with_the_right_password(client, alice):
    response = client.post(
        reverse("accounts:login"), {"username": "alice", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302


def test_login_is_locked_after_repeated_failures(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"})
    response = client.post(
        reverse("accounts:login"), {"username": "alice", "password": TEST_PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_idle_session_times_out_and_is_renewed_at_most_every_five_minutes(settings, client):
    import time_machine
    from django.contrib.sessions.models import Session

    from kasam.conftest import login
    from kasam.factories import UserFactory

    assert settings.SESSION_COOKIE_AGE <= 60 * 60
    settings.SESSION_COOKIE_AGE = 30 * 60
    with time_machine.travel("2026-12-01 08:00 +0000", tick=False) as clock:
        login(client, UserFactory(username="idle"))
        key = client.session.session_key

        def expiry():
            return Session.objects.get(session_key=key).expire_date

        client.get("/healthz")
        first = expiry()
        clock.shift(20)
        client.get(reverse("registry:client-search"))
        assert expiry() == first  # within five minutes: not written again
        clock.shift(250)
        client.get(reverse("registry:client-search"))
        assert expiry() == first
        clock.shift(40)
        client.get(reverse("registry:client-search"))
        assert expiry() > first  # renewed
        clock.shift(31 * 60)
        response = client.get(reverse("registry:client-search"))
    assert response.status_code == 302  # idle for longer than the timeout: logged out


def test_pages_send_security_headers(client):
    response = client.get(reverse("accounts:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "cdn" not in response.content.decode().lower()
    assert response["X-Content-Type-Options"] == "nosniff"


def test_healthz_answers_200_with_json(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    from django.db import DatabaseError
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    assert client.get("/healthz").status_code == 503


def test_user_language_is_stored_on_the_account(client, alice):
    client.force_login(alice)
    client.post(reverse("accounts:language"), {"language": "sv", "next": "/clients/"})
    alice.refresh_from_db()
    assert alice.language == "sv"
    assert client.get(reverse("registry:client-search"))["Content-Language"] == "sv"


def test_unknown_language_is_ignored(client, alice):
    client.force_login(alice)
    client.post(reverse("accounts:language"), {"language": "xx"})
    alice.refresh_from_db()
    assert alice.language == "en"


def test_installation_language_wins_over_the_browser(client, settings):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US")
    assert response["Content-Language"] == settings.LANGUAGE_CODE == "nb"
    assert "Logg inn" in response.content.decode()


def test_language_chosen_on_login_page_is_used(client):
    client.post("/i18n/setlang/", {"language": "sv", "next": "/accounts/login/"})
    assert "Logga in" in client.get(reverse("accounts:login")).content.decode()
