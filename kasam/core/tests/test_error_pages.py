"""Error pages in Kasam's design and the user's language: a record without access is "not
found" (never Django's technical page, not even with DEBUG on) and points to emergency
access; a crash says that nothing was saved."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from kasam.conftest import login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("debug", [False, True])
def test_a_record_without_access_is_not_found_and_offers_emergency_access(
    client, charlie, kari, settings, debug
):
    settings.DEBUG = debug
    charlie.language = "nb"
    charlie.save()
    login(client, charlie)
    answer = client.get(reverse("registry:client-detail", args=[kari.public_id]))
    page = answer.content.decode()
    assert answer.status_code == 404
    assert "Ikke funnet" in page
    assert reverse("access:emergency-access") in page
    assert "URLconf" not in page
    assert "Kari" not in page


def test_a_page_that_is_not_a_record_does_not_offer_emergency_access(client, charlie):
    login(client, charlie)
    answer = client.get(reverse("quality:deviation", args=["00000000-0000-4000-8000-000000000000"]))
    assert answer.status_code == 404
    assert reverse("access:emergency-access") not in answer.content.decode()


def test_a_crash_says_nothing_was_saved_in_the_users_language():
    with translation.override("sv"):
        answer = server_error(RequestFactory().get("/"))
    assert answer.status_code == 500
    assert "Inget sparades" in answer.content.decode()
