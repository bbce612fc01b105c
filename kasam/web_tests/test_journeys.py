"""One test per user journey, in a phone-sized window."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from kasam.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").or_(page.get_by_label("Brukernavn")).or_(
        page.get_by_label("Användarnamn")
    ).fill(username)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").first.click()


def test_care_worker_finds_a_client_and_sees_the_access_log(page: Page, alice, kari):
    log_in(page, "alice")
    page.get_by_label("Name or national ID number").fill("Kari")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("link", name="Kari Nordmann").click()
    expect(page.get_by_role("heading", name="Kari Nordmann")).to_be_visible()
    log = page.get_by_role("region", name="Who has accessed this record")
    expect(log.get_by_role("cell", name="Alice Test")).to_have_count(2)  # search hit and read


def test_the_same_journey_in_swedish(page: Page, alice, kari):
    alice.language = "sv"
    alice.save()
    log_in(page, "alice")
    page.get_by_label("Namn eller personnummer").fill("Kari")
    page.get_by_role("button", name="Sök", exact=True).click()
    page.get_by_role("link", name="Kari Nordmann").click()
    log = page.get_by_role("region", name="Vem har tagit del av denna journal")
    expect(log.get_by_role("cell", name="läst")).to_be_visible()


def test_outsider_sees_not_found(page: Page, charlie, kari):
    log_in(page, "charlie")
    page.goto(f"/clients/{kari.public_id}/")
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()
