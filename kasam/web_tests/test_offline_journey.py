"""The care worker's day without a signal (#15), in Chromium on a phone: the phone keeps
today's visits; offline the worker checks in, documents two activities (one done, one
partly, with its reason), writes a note tied to a goal; a
visit cancelled meanwhile comes back as a conflict; back online, the server has each thing
exactly once, audited, and the worklist shows it sent."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kasam.audit.models import AuditEvent
from kasam.careplans.models import PlanActivity
from kasam.careplans.tests.test_lifecycle import agreed_plan
from kasam.journal.models import JournalNote
from kasam.visits.generation import generate
from kasam.visits.models import Visit
from kasam.web_tests.checks import PHONE_WIDTH, assert_accessible_on_a_phone, widest
from kasam.web_tests.conftest import SerialWSGIServer
from kasam.web_tests.test_journeys import log_in

pytestmark = pytest.mark.browser

KEPT = "caches.open('kasam-today').then((c) => c.keys()).then((k) => k.map((r) => r.url))"


def _signal(page: Page, *, on: bool) -> None:
    """The phone loses or regains its signal: the browser is offline, and the server answers
    nobody meanwhile (so that nothing the service worker asks can get through either)."""
    SerialWSGIServer.cut = not on
    page.context.set_offline(not on)


def _kept(page: Page, at_least: int) -> list[str]:
    """The pages the phone keeps, once there are `at_least` (polled from Python: the page's
    Content-Security-Policy forbids the eval that wait_for_function needs)."""
    for _try in range(100):
        urls: list[str] = page.evaluate(KEPT)
        if len(urls) >= at_least:
            return urls
        page.wait_for_timeout(100)
    raise AssertionError(f"the phone kept only {urls}")


def test_a_care_worker_works_without_a_signal(page: Page, alice, carol, kari, decision):
    plan = agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6", follow_up=(10, 30, 60))
    shower = plan.activities.get()
    breakfast = PlanActivity.objects.create(
        plan_version=plan, line=shower.line, what="Breakfast", days="0,1,2,3,4,5,6",
        window_start=datetime.time(11), window_end=datetime.time(12), duration_minutes=20,
    )  # fmt: skip
    today = timezone.localdate()
    generate(today, today)
    Visit.objects.update(staff=alice)
    first, second = Visit.objects.filter(activity=shower).order_by("part")
    meal = Visit.objects.get(activity=breakfast)
    log_in(page, "alice")
    page.goto("/visits/")
    assert_accessible_on_a_phone(page)
    kept = _kept(page, 4)  # the worklist and its three visits
    assert any(url.endswith(f"/visits/{second.public_id}/") for url in kept)

    _signal(page, on=False)
    page.goto(f"/visits/{first.public_id}/")
    page.get_by_role("button", name="Check in").click()
    outbox = page.locator("#outbox")
    expect(outbox).to_contain_text("Not yet sent")
    expect(outbox).to_contain_text("(1)")
    page.get_by_label("What was done").select_option("done")
    page.get_by_role("button", name="Check out").click()
    expect(outbox).to_contain_text("(2)")
    page.get_by_role("textbox", name="Note").fill("Kari walked to the window herself.")
    page.get_by_label("Goal").select_option(label="Walk to the shop.")
    page.get_by_role("button", name="Save the note").click()
    expect(outbox).to_contain_text("(3)")
    page.goto(f"/visits/{meal.public_id}/")  # a second activity, partly done
    page.get_by_role("button", name="Check in").click()
    expect(outbox).to_contain_text("(4)")
    page.get_by_label("What was done").select_option("partly")
    page.get_by_label("Why not (if not done)").select_option("declined")
    page.get_by_role("button", name="Check out").click()
    expect(outbox).to_contain_text("(5)")
    page.goto(f"/visits/{second.public_id}/")
    page.get_by_role("button", name="Check in").click()
    expect(outbox).to_contain_text("(6)")
    expect(outbox).to_contain_text("Check in: Kari Nordmann")
    assert_accessible_on_a_phone(page)  # with the outbox shown
    assert not Visit.objects.exclude(checked_in_at=None).exists()  # nothing sent yet

    Visit.objects.filter(pk=second.pk).update(cancelled_because="hospital", version=9)
    _signal(page, on=True)
    expect(outbox).to_contain_text("Not saved: The visit is cancelled", timeout=15_000)
    expect(outbox).to_contain_text("(0)")
    page.wait_for_load_state()  # the page shown again as the server has it now

    done = Visit.objects.get(pk=first.pk)
    assert done.checked_in_at is not None
    assert done.outcome == "done"
    partly = Visit.objects.get(pk=meal.pk)
    assert (partly.outcome, partly.reason) == ("partly", "declined")
    assert Visit.objects.get(pk=second.pk).checked_in_at is None  # not saved as done
    note = JournalNote.objects.get()
    assert note.goal.own_words == "Walk to the shop."
    logged = AuditEvent.objects.filter(actor=alice, object_type="visit", action="update")
    assert logged.count() == 4  # two check-ins and two check-outs, once each

    page.get_by_role("button", name="I have seen this").click()
    expect(outbox).to_be_hidden()
    page.goto("/visits/")
    expect(page.get_by_text(re.compile("^done$"))).to_be_visible()
    expect(page.get_by_text(re.compile("^partly done$"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Kari Nordmann"))).to_have_count(2)


def _large_text_fits(page: Page) -> None:
    """The phone's large-text setting (text at twice its size) still fits the screen."""
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url}: {width} px with large text: {widest(page)}"


def test_the_days_pages_are_accessible_and_take_large_text(
    page: Page, alice, dave, carol, kari, decision
):
    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")
    today = timezone.localdate()
    generate(today, today)
    Visit.objects.update(staff=alice)
    visit = Visit.objects.get()
    log_in(page, "alice")
    for address in ("/visits/", f"/visits/{visit.public_id}/", "/visits/handover/"):
        page.goto(address)
        assert_accessible_on_a_phone(page)
        _large_text_fits(page)
    page.context.clear_cookies()
    log_in(page, "dave")
    for address in ("/units/today/", "/visits/board/"):
        page.goto(address)
        assert_accessible_on_a_phone(page)
        _large_text_fits(page)


@pytest.mark.parametrize(
    ("who", "heading"),
    [
        ("alice", "Today's visits"),
        ("carol", "My clients"),
        ("dave", "Today in my unit"),
        ("erin", "Case inbox"),
    ],
)
def test_each_role_lands_on_its_start_page_on_a_phone(page: Page, request, who, heading):
    request.getfixturevalue(who)
    log_in(page, who)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    assert_accessible_on_a_phone(page)
