"""One test per user journey, in a phone-sized window."""

from __future__ import annotations

import re

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
    # wait until the login has landed, so that the next page is not asked for while the
    # login is still under way (seen in CI: the list opened logged out, behind the login)
    page.wait_for_url(lambda url: "/accounts/login" not in url)


def test_care_worker_finds_a_client_and_sees_the_access_log(page: Page, alice, kari):
    log_in(page, "alice")
    expect(page.get_by_role("heading", name=re.compile("^Today's visits"))).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="Search", exact=True).click()
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
    page.get_by_role("navigation").get_by_role("link", name="Sök", exact=True).click()
    page.get_by_label("Namn eller personnummer").fill("Kari")
    page.get_by_role("button", name="Sök", exact=True).click()
    page.get_by_role("link", name="Kari Nordmann").click()
    log = page.get_by_role("region", name="Vem har tagit del av denna journal")
    expect(log.get_by_role("cell", name="läst")).to_be_visible()


def test_outsider_sees_not_found(page: Page, charlie, kari):
    log_in(page, "charlie")
    page.goto(f"/clients/{kari.public_id}/")
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()


def test_case_handler_takes_an_application_from_intake_to_letter(page: Page, erin, org):
    import datetime

    from django.utils import timezone
    from faker import Faker

    from kasam.core.synthetic_ids import generate

    earlier = timezone.localtime() - datetime.timedelta(hours=1)
    log_in(page, "erin")
    page.get_by_role("link", name="Cases").click()
    page.get_by_role("link", name="Register a case").click()
    page.get_by_label("Case type").select_option(label="Application for health and care services")
    page.locator("#id_national_id").fill(generate("NO", Faker("no_NO"), birth_year=1941))
    page.get_by_label("First name").fill("Sigrid")
    page.get_by_label("Last name").fill("Testdatter")
    page.get_by_label("Preferred language").select_option("en")
    page.get_by_label("Applied or reported by").select_option("relative")
    page.get_by_label("Received").fill(earlier.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Channel").select_option("phone")
    page.get_by_label("What is asked for").fill("Help in the mornings.")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("The case is registered.")).to_be_visible()

    page.get_by_role("link", name="Record first contact").click()
    page.get_by_label("Contacted").fill(earlier.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("How").select_option("home_visit")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("First contact is recorded.")).to_be_visible()

    page.get_by_role("link", name="Start the assessment").click()
    page.get_by_label("What matters to you?").fill("To make my own breakfast.")
    page.get_by_label("Personal hygiene").select_option(
        label="3 · Medium need: does parts, helper may come and go"
    )
    page.get_by_role("button", name="Save assessment").click()
    expect(page.get_by_text("The assessment is saved as version 1.")).to_be_visible()

    page.get_by_role("link", name="Draft a decision").click()
    page.get_by_label("Reasons").fill("Sigrid needs help to get going in the mornings.")
    today = timezone.localdate().isoformat()
    for index, service in enumerate(["Home nursing", "Safety alarm"]):
        page.locator(f"#id_lines-{index}-service").select_option(label=service)
        page.locator(f"#id_lines-{index}-outcome").select_option("granted")
        page.locator(f"#id_lines-{index}-starts_on").fill(today)
    page.locator("#id_lines-0-scope").fill("3")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("button", name="Make the decision…").click()
    expect(page.get_by_role("heading", name="Make the decision?")).to_be_visible()
    page.get_by_label("Send the letter in").select_option("en")
    page.get_by_role("button", name="Make the decision and create the letter").click()
    expect(page.get_by_text("The decision is made and the letter is ready.")).to_be_visible()

    link = page.get_by_role("link", name="Decision letter")
    letter = page.request.get(link.get_attribute("href"))
    assert letter.headers["content-type"] == "application/pdf"
    assert letter.body().startswith(b"%PDF")

    page.get_by_role("link", name="Cases").click()
    page.get_by_label("Status").select_option("decided")
    page.get_by_role("button", name="Show").click()
    card = page.locator(".inbox .card", has_text="Sigrid Testdatter")
    expect(card).to_contain_text("Decided")


@pytest.fixture
def granted(application, erin, org):
    import datetime

    from kasam.decisions.models import Decision, DecisionLine, Service

    decision = Decision.objects.create(
        case=application,
        status="made",
        justification="Needs help.",
        drafted_by=erin,
        valid_from=datetime.date(2026, 11, 1),
        decided_by=erin,
    )
    for code, scope in (("home_nursing", 5), ("practical_help", 3)):
        DecisionLine.objects.create(
            decision=decision,
            service=Service.objects.get(country="NO", code=code),
            outcome="granted",
            scope=scope,
            starts_on=decision.valid_from,
            provider=org["north"],
        )
    return decision


def _activity(page: Page, index: int, service: str, what: str, days: list[int]) -> None:
    prefix = f"#id_activities-{index}"
    page.locator(f"{prefix}-line").select_option(label=service)
    page.locator(f"{prefix}-what").fill(what)
    for day in days:
        page.locator(f"{prefix}-weekdays_{day}").check()
    page.locator(f"{prefix}-window_start").fill("08:00")
    page.locator(f"{prefix}-window_end").fill("10:00")
    page.locator(f"{prefix}-duration_minutes").fill("20")


def test_contact_person_writes_and_agrees_a_plan(page: Page, carol, kari, granted):
    log_in(page, "carol")
    page.goto(f"/clients/{kari.public_id}/plan/")
    page.get_by_role("button", name="Start the plan").click()
    for index, (words, know) in enumerate(
        [("Walk to the shop myself.", "I go alone."), ("Cook dinner.", "I cook twice a week.")]
    ):
        page.locator(f"#id_goals-{index}-own_words").fill(words)
        page.locator(f"#id_goals-{index}-how_we_know").fill(know)
        page.locator(f"#id_goals-{index}-follow_up_on").fill("2027-02-01")
    _activity(page, 0, "Home nursing", "Wound care", [0, 3])
    _activity(page, 1, "Practical help", "Cleaning", [2])
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("The draft is saved.")).to_be_visible()
    _activity(page, 2, "Home nursing", "Medicines", [1, 4])
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("The draft is saved.")).to_be_visible()
    page.get_by_role("button", name="Record as agreed").click()
    expect(page.get_by_text("The plan is agreed and is now the current plan.")).to_be_visible()
    expect(page.locator(".card", has_text="Medicines")).to_be_visible()
    expect(page.locator(".card", has_text="Cook dinner.")).to_be_visible()


def test_care_worker_documents_the_day_on_a_phone(page: Page, alice, carol, kari, granted):
    import datetime

    from django.utils import timezone

    from kasam.careplans.models import CarePlan, PlanActivity, PlanGoal, PlanVersion
    from kasam.visits.generation import generate
    from kasam.visits.models import Visit

    version = PlanVersion.objects.create(
        plan=CarePlan.objects.create(client=kari),
        number=1,
        decision=granted,
        contact_person=carol,
        created_by=carol,
        status="agreed",
    )
    PlanGoal.objects.create(
        plan_version=version,
        own_words="Stay at home.",
        how_we_know="x",
        follow_up_on=datetime.date(2027, 1, 1),
    )
    PlanActivity.objects.create(
        plan_version=version,
        line=granted.lines.get(service__code="home_nursing"),
        what="Wound care",
        how="Radio on, coffee first.",
        days="0,1,2,3,4,5,6",
        window_start=datetime.time(8),
        window_end=datetime.time(10),
        duration_minutes=20,
    )
    today = timezone.localdate()
    generate(today, today)
    Visit.objects.update(staff=alice)
    log_in(page, "alice")
    page.get_by_role("link", name="Today's visits").click()
    page.get_by_role("link", name="Kari Nordmann").click()
    expect(page.get_by_text("Radio on, coffee first.")).to_be_visible()
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text("Checked in.")).to_be_visible()
    page.get_by_label("What was done").select_option("done")
    page.get_by_role("button", name="Check out").click()
    expect(page.get_by_text("Checked out.")).to_be_visible()
    page.get_by_role("link", name="Kari Nordmann").click()
    page.get_by_role("textbox", name="Note").fill("Wound is healing; ate breakfast.")
    page.get_by_role("button", name="Save the note").click()  # written at the door
    expect(page.get_by_text("The note is saved.")).to_be_visible()
    expect(page.get_by_text("Wound is healing; ate breakfast.")).to_be_visible()


def test_a_form_sent_twice_on_a_flaky_connection_is_saved_once(page: Page, alice, kari):
    log_in(page, "alice")
    expect(page.locator("main")).to_be_visible()
    page.goto(f"/clients/{kari.public_id}/relatives/new/")
    page.get_by_label("First name").or_(page.get_by_label("Fornavn")).fill("Eva")
    page.get_by_label("Last name").or_(page.get_by_label("Etternavn")).fill("Berg")
    page.locator("#id_relation").select_option("child")
    page.locator("#id_role").select_option("other")
    statuses = page.evaluate(
        """async () => {
            const form = document.querySelector("#id_first_name").form;
            const send = () => fetch(form.action || location.href,
                {method: "POST", body: new FormData(form)});
            const first = await send();
            const again = await send();  // the answer to the first was lost: tap again
            return [first.status, again.status, first.url === again.url];
        }"""
    )
    assert statuses == [200, 200, True]  # both led to the client's page
    assert kari.relatives.filter(first_name="Eva").count() == 1
