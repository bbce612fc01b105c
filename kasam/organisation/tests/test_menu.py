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
        ("dave", "visits:board", "Day board", "Register"),
        ("erin", "cases:inbox", "Register", "Today's visits"),
        ("quinn", "goals:tree", "Surveys", "Cases"),
    ],
)
def test_each_role_starts_where_its_work_is_and_sees_its_links(
    client, request, org, who, starts_on, sees, does_not_see
):
    if who == "quinn":
        user = _staff("quinn", org["municipality"], Membership.Role.QUALITY_LEAD)
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
    assert "Day board" in shown
