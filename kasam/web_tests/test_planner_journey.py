"""The planner's journey: a manager plans the day, moves and locks a visit, plans again,
publishes, and the care worker's worklist on the phone shows the new order."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kasam.planner.tests.conftest import (  # noqa: F401 - the fixtures
    _before_the_day_starts,
    planning_day,
)
from kasam.web_tests.checks import assert_accessible_on_a_phone
from kasam.web_tests.test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_plans_locks_replans_and_publishes(page: Page, planning_day, org):  # noqa: F811
    log_in(page, "dave")
    page.goto(f"/planner/?unit={org['north'].public_id}&day={timezone.localdate().isoformat()}")
    expect(page.get_by_role("heading", name="The current plan")).to_be_visible()
    page.get_by_label("Seconds to plan").fill("2")
    page.get_by_role("button", name="Plan the day").click()
    expect(page.get_by_role("heading", name="The optimised plan")).to_be_visible()
    assert_accessible_on_a_phone(page)

    row = page.get_by_role("row").filter(has_text="Kari Nordmann")
    row.get_by_label("Staff member").select_option(label="Bob Test")
    row.get_by_label("Start").fill("08:15")
    row.get_by_label("Lock").check()
    row.get_by_role("button", name="Move").click()
    expect(page.get_by_text("The visit is moved.")).to_be_visible()

    page.get_by_label("Seconds to plan").fill("2")
    page.get_by_role("button", name="Plan the day").click()
    page.get_by_role("button", name="Publish to the worklists").click()
    expect(page.get_by_text("The plan is published")).to_be_visible()
    page.context.clear_cookies()

    log_in(page, "bob")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.goto("/visits/")
    expect(page.get_by_text("Your day was re-planned")).to_be_visible()
    first = page.locator("ol.cards > li").first
    expect(first).to_contain_text("08:15")
    expect(first).to_contain_text("Kari Nordmann")
