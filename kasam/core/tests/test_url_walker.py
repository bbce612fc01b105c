"""Walk every URL pattern anonymously: only an explicit allow-list may answer without login."""

from __future__ import annotations

import pytest

from kasam.core.tests.routes import all_urls as _all_urls
from kasam.core.tests.routes import view_name as _view_name

pytestmark = pytest.mark.django_db

# Views that answer without login, and why.
ALLOW_LIST = {
    "kasam.core.views.healthz",  # load balancers
    "kasam.core.views.brand_css",  # the municipality's colour, on the login page too
    "kasam.accounts.views.LoginView",  # the way in
    "kasam.accounts.views.LogoutView",  # logging out is harmless (and clears the phone)
    "kasam.core.views.service_worker",  # the phone's offline mode: code, no data
    "kasam.core.views.manifest",  # the app's name, colour and icons for the home screen
    "kasam.interop.views.Metadata",  # FHIR's CapabilityStatement: what the API serves
    "kasam.accounts.views.choose_language",  # choosing the language on the login page
    "kasam.api.views.TokenView",  # checks the password itself
    "django.contrib.admin.sites.AdminSite.login",  # Django admin's own login form
    "kasam.quality.feedback_views.public_feedback",  # the public's praise and complaints
    "kasam.surveys.views.answer",  # anonymous respondents answer with a one-time code
}


def test_walker_covers_pages_and_api():
    urls = _all_urls()
    assert any(u.startswith("/api/v1/clients/") for u in urls)
    assert any(u.startswith("/clients/") and u.endswith("/access-log/") for u in urls)
    assert len(urls) > 40


def test_every_url_needs_login_unless_allow_listed(client):
    open_urls = []
    for url in _all_urls():
        response = client.get(url)
        if _view_name(url) in ALLOW_LIST:
            continue
        if url.startswith(("/api/", "/fhir/")):
            assert response.status_code in (401, 403), url
        elif response.status_code in (301, 302):
            assert "login" in response["Location"], url
        else:
            open_urls.append((url, response.status_code))
    assert not open_urls, f"answer without login: {open_urls}"


def test_allow_listed_views_exist():
    names = {_view_name(url) for url in _all_urls()}
    assert names >= ALLOW_LIST


def test_client_records_are_not_in_the_admin():
    from django.contrib import admin

    from kasam.audit.models import AuditEvent
    from kasam.cases.models import Case
    from kasam.registry.models import Client, Relative

    for model in (Client, Relative, AuditEvent, Case):
        assert not admin.site.is_registered(model)
