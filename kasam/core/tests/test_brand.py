"""The municipality's name, logo and colour over Designsystemet's neutral theme."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kasam.conftest import login

pytestmark = pytest.mark.django_db


def test_a_municipality_sets_its_name_and_colour(client, alice, settings):
    settings.KASAM_BRAND_NAME = "Testvik kommune"
    settings.KASAM_BRAND_COLOUR = "#7A1F5C"
    login(client, alice)
    page = client.get(reverse("registry:client-search")).content.decode()
    assert "· Testvik kommune" in page
    assert f"{reverse('brand-css')}?c=7A1F5C" in page
    css = client.get(reverse("brand-css"))
    assert "--ds-color-accent-base-default:#7A1F5C" in css.content.decode()
    assert css["Cache-Control"] == "public, max-age=86400"
    assert client.get(reverse("registry:client-search"))["Cache-Control"] == "no-store, private"


def test_without_a_colour_the_neutral_theme_stands(client, alice, settings):
    settings.KASAM_BRAND_COLOUR = ""
    login(client, alice)
    assert (
        reverse("brand-css") not in client.get(reverse("registry:client-search")).content.decode()
    )
    assert client.get(reverse("brand-css")).content == b""


def test_the_logo_stands_in_the_header_beside_kasams_name(client, alice, settings):
    settings.KASAM_BRAND_LOGO = "brand/logo.svg"
    login(client, alice)
    page = client.get(reverse("registry:client-search")).content.decode()
    assert '<img src="/static/brand/logo.svg" alt="" height="32"> Kasam' in page
