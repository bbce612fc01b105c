"""A quality lead's journey through the goal tree: the municipality dashboard, from a red
goal to the unit and the indicator's trend, and the committee report."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kasam.web_tests.test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def late_contact_last_month(kari, erin, org):
    """An application last month whose first personal contact came two weeks late."""
    from kasam.audit.services import Actor
    from kasam.cases.models import CaseType
    from kasam.cases.services import record_first_contact, register_case
    from kasam.indicators.selectors import last_ended_month

    month = last_ended_month(timezone.localdate())
    tz = timezone.get_current_timezone()
    access = register_case(
        actor=Actor(erin),
        case_type=CaseType.objects.get(country="NO", code="application"),
        unit=org["office"],
        client=kari,
        handler=erin,
        source="client",
        received_at=datetime.datetime(month.year, month.first_month, 5, 10, tzinfo=tz),
        channel="digital",
        request="Help at home.",
    )
    record_first_contact(
        actor=Actor(erin),
        access=access,
        expected_version=access.case.version,
        contacted_at=datetime.datetime(month.year, month.first_month, 20, 10, tzinfo=tz),
        made_by=erin,
        method="phone",
    )


def test_quality_lead_drills_from_a_red_goal_and_downloads_the_report(
    page: Page, org, late_contact_last_month
):
    from kasam.conftest import _staff
    from kasam.goals.examples import load_example
    from kasam.organisation.models import Membership

    _staff("quinn", org["municipality"], Membership.Role.QUALITY_LEAD)
    load_example("NO", org["municipality"])
    log_in(page, "quinn")

    page.get_by_role("link", name="Indicators", exact=True).click()
    expect(
        page.get_by_role("heading", name=re.compile("Indicators · Testvik kommune"))
    ).to_be_visible()
    contact = page.get_by_role(
        "row", name=re.compile(r"^Personal contact within 2 working days of an application \d")
    )
    expect(contact).to_contain_text("off target")

    page.get_by_role("link", name="Goals", exact=True).click()
    page.get_by_role("link", name="Personlig kontakt innen 2 virkedager etter søknad").click()
    expect(page.locator(".light.red")).to_be_visible()
    page.get_by_role(
        "link", name="Personal contact within 2 working days of an application"
    ).click()
    trend = page.get_by_role("tab", name="Trend against the target")
    expect(trend).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel", name="Trend against the target")).to_be_visible()
    expect(page.get_by_role("tabpanel", name="Units compared")).to_be_hidden()
    trend.focus()
    page.keyboard.press("ArrowRight")  # the tabs by keyboard, as well as by touch
    expect(page.get_by_role("tab", name="Units compared")).to_be_focused()
    expect(page.get_by_role("tabpanel", name="Trend against the target")).to_be_hidden()
    page.get_by_role("link", name="Helse og omsorg").click()
    expect(page.get_by_role("tab", name="Units compared")).to_have_attribute(
        "aria-selected", "true"
    )  # the unit's card opens on the same view
    page.get_by_role("link", name="Tildelingskontoret").click()
    expect(page.get_by_role("heading", name=re.compile("Tildelingskontoret"))).to_be_visible()
    expect(page.get_by_role("tabpanel", name="Units compared").locator("svg")).to_be_visible()

    page.get_by_role("link", name="Goals", exact=True).click()
    href = page.get_by_role("link", name="Committee report (PDF)").get_attribute("href")
    report = page.request.get(href)
    assert report.headers["content-type"] == "application/pdf"
    assert report.body().startswith(b"%PDF")
