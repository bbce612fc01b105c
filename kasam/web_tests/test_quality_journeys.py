"""Quality journeys on a phone: a care worker reports a deviation from a client's page, the
manager handles it and plans a measure, the care worker marks the measure done and the
manager closes it; a relative sends a suggestion and a handler answers."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kasam.web_tests.checks import assert_accessible_on_a_phone
from kasam.web_tests.test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_deviation_with_a_measure_is_handled_and_closed(page: Page, alice, dave, kari):
    log_in(page, "alice")
    page.goto(f"/clients/{kari.public_id}/")
    page.get_by_role("link", name="Report a deviation").click()
    page.get_by_label("Category").select_option("fall")
    page.get_by_label("What happened").fill("Found on the bathroom floor at 07:30.")
    page.get_by_label("What was done at once").fill("Helped up, called the nurse.")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_text("the deviation is reported to the unit's manager")).to_be_visible()
    page.context.clear_cookies()

    log_in(page, "dave")
    page.goto("/quality/deviations/")
    page.get_by_role("link", name="Fall").first.click()
    expect(page.get_by_text("Kari Nordmann")).to_be_visible()
    for target in ("in_review", "investigating"):
        _step(page, target)
    page.get_by_role("textbox", name=re.compile("^Measure")).fill("Night light in the bathroom")
    page.get_by_label("Owner").select_option(label="Alice Test")
    page.get_by_label("Deadline").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("The measure is added.")).to_be_visible()
    for target in ("measures", "follow_up"):
        _step(page, target)
    assert_accessible_on_a_phone(page)
    page.context.clear_cookies()

    log_in(page, "alice")
    page.goto("/quality/deviations/")
    page.get_by_role("link", name="Night light in the bathroom").click()
    page.get_by_text("Mark done", exact=True).click()
    page.get_by_label("Effect seen").fill("No falls at night since.")
    page.get_by_role("button", name="Mark the measure done").click()
    expect(page.get_by_text("The measure is marked done.")).to_be_visible()
    assert_accessible_on_a_phone(page)
    page.context.clear_cookies()

    log_in(page, "dave")
    page.goto("/quality/deviations/")
    page.get_by_role("link", name="Fall").first.click()
    page.get_by_label("Next step").select_option("closed")
    page.get_by_label("What we learnt (needed to close)").fill("Night light in the bathroom.")
    page.get_by_role("button", name="Save the step").click()
    expect(page.get_by_role("heading", name="Close the deviation?")).to_be_visible()
    assert_accessible_on_a_phone(page)
    page.get_by_role("button", name="Close the deviation").click()
    expect(page.get_by_text(re.compile("^Closed"))).to_be_visible()
    expect(page.get_by_text("Measure done: Night light in the bathroom")).to_be_visible()


def _step(page: Page, target: str) -> None:
    page.get_by_label("Next step").select_option(target)
    page.get_by_role("button", name="Save the step").click()
    expect(page.get_by_text("The deviation is moved on.")).to_be_visible()


def test_a_relative_sends_a_suggestion_and_a_handler_answers(page: Page, dave, org):
    page.goto("/feedback/")
    page.locator("#public-lang").select_option("en")  # the page opens in Norwegian
    page.locator("form.language button").click()
    assert_accessible_on_a_phone(page)  # the hidden anti-robot field is out of the tab order
    page.get_by_label("What it is").select_option("suggestion")
    page.get_by_label("Your message").fill("My mother would love music in the afternoons.")
    page.get_by_label("Which service it is about").select_option(label="Hjemmetjenesten Nord")
    page.get_by_label("Email or phone, if you want an answer").fill("ola@example.org")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()

    log_in(page, "dave")
    page.goto("/quality/feedback/")
    page.get_by_role("link", name="Suggestion").click()
    page.locator("#id_reply").fill("Thank you: we start on Thursday.")
    page.get_by_role("button", name="Save the answer").click()
    expect(page.get_by_text("The answer is saved.")).to_be_visible()
    expect(page.get_by_text("Thank you: we start on Thursday.")).to_be_visible()
    assert_accessible_on_a_phone(page)
