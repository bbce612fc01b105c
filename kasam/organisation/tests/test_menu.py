"""The start page and the menu follow the user's roles."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from kasam.conftest import _staff, login
from kasam.organisation.models import Membership

pytestmark = pytest.mark.django_db


def _menu(page: str) -> list[str]:
    nav = page[page.index('<nav aria-label="Main menu">') : page.index("</nav>")]
    return [html.unescape(label) for label in re.findall(r'<a href="[^"]+">([^<]+)', nav)]


@pytest.mark.parametrize(
    ("who", "starts_on", "sees", "does_not_see"),
    [
        ("alice", "visits:worklist", "Today's visits", "Day board"),
        ("carol", "visits:my-clients", "My clients", "Register"),
        ("dave", "organisation:today", "Today in my unit", "Register"),
        ("erin", "cases:inbox", "Register", "Today's visits"),
        ("quinn", "indicators:dashboard", "Surveys", "Cases"),
        ("nina", "visits:worklist", "Screening due", "Day board"),
        ("anna", "indicators:dashboard", "Goals", "Today's visits"),
    ],
)
def test_each_role_starts_where_its_work_is_and_sees_its_links(
    client, request, org, who, starts_on, sees, does_not_see
):
    roles = {"quinn": Membership.Role.QUALITY_LEAD, "nina": Membership.Role.NURSE}
    if who in roles:
        user = _staff(who, org["municipality" if who == "quinn" else "north"], roles[who])
    elif who == "anna":
        user = _staff("anna", org["municipality"], Membership.Role.ANALYST)
    else:
        user = request.getfixturevalue(who)
    login(client, user)
    answer = client.get(reverse("home"))
    assert answer["Location"] == reverse(starts_on)
    menu = _menu(client.get(reverse("registry:client-search")).content.decode())
    assert sees in menu
    assert does_not_see not in menu
    assert "Search" in menu
    assert "Deviations" in menu


def test_logging_in_leads_to_the_start_page(client, alice):
    from kasam.factories import TEST_PASSWORD

    answer = client.post(
        reverse("accounts:login"), {"username": "alice", "password": TEST_PASSWORD}, follow=True
    )
    assert answer.redirect_chain[-1][0] == reverse("visits:worklist")


def test_a_long_menu_shows_five_links_and_the_rest_under_more(client, dave):
    login(client, dave)
    page = client.get(reverse("registry:client-search")).content.decode()
    nav = page[page.index('<nav aria-label="Main menu">') : page.index("</nav>")]
    shown, more = nav.split('<details class="more">')
    assert len(re.findall(r"<li><a ", shown)) == 5
    assert "Emergency reviews" in more
    assert "Today in my unit" in shown


def test_a_nurse_sees_the_screenings_due_on_the_worklist(client, org, kari):
    nina = _staff("nina", org["north"], Membership.Role.NURSE)
    login(client, nina)
    page = client.get(reverse("visits:worklist")).content.decode()
    assert "1 client due for screening" in page  # Kari has never been screened
    assert reverse("screening:overdue") in page


def test_a_care_worker_is_not_shown_screenings(as_alice, kari):
    page = as_alice.get(reverse("visits:worklist")).content.decode()
    assert "due for screening" not in page
