"""Planning honours the client's choice of staff: new visits go to the chosen person, and
the day board and assignment say when a visit goes to someone else."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kasam.careplans.models import StaffChoice
from kasam.careplans.tests.test_lifecycle import agreed_plan
from kasam.conftest import login
from kasam.visits.generation import generate
from kasam.visits.models import Visit
from kasam.visits.tests.test_generation import APRIL

pytestmark = pytest.mark.django_db


def test_new_visits_go_to_the_chosen_staff_member(carol, kari, decision, alice):
    StaffChoice.objects.create(client=kari, kind="personal_hygiene", staff=alice)
    agreed_plan(carol, kari, decision, days="0", help_kind="personal_hygiene")
    generate(*APRIL)
    assert set(Visit.objects.values_list("staff", flat=True)) == {alice.pk}


def test_a_choice_outside_the_visits_unit_or_for_another_kind_is_not_applied(
    carol, kari, decision, charlie, alice
):
    StaffChoice.objects.create(client=kari, kind="personal_hygiene", staff=charlie)  # South
    StaffChoice.objects.create(client=kari, kind="conversation", staff=alice)
    agreed_plan(carol, kari, decision, days="0", help_kind="personal_hygiene")
    generate(*APRIL)
    assert set(Visit.objects.values_list("staff", flat=True)) == {None}


def test_a_member_of_the_units_team_counts_as_working_there(carol, kari, decision, bob):
    StaffChoice.objects.create(client=kari, kind="own_time", staff=bob)  # North team A
    agreed_plan(carol, kari, decision, days="0", help_kind="own_time")
    generate(*APRIL)
    assert set(Visit.objects.values_list("staff", flat=True)) == {bob.pk}


def test_board_flags_a_visit_against_the_choice_and_assigning_warns(
    client, carol, kari, decision, alice, dave
):
    StaffChoice.objects.create(client=kari, kind="personal_hygiene", staff=alice)
    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6", help_kind="personal_hygiene")
    today = timezone.localdate()
    generate(today, today)
    visit = Visit.objects.get()
    assert visit.staff == alice
    login(client, dave)
    assert "not the client" not in client.get(reverse("visits:board")).content.decode()
    answer = client.post(
        reverse("visits:assign", args=[visit.public_id]),
        {"staff": str(dave.public_id)},
        follow=True,
    )
    assert "Kari Nordmann has chosen Alice Test for personal hygiene." in answer.content.decode()
    assert "not the client" in client.get(reverse("visits:board")).content.decode()


def test_board_shows_one_shift_at_a_time(client, carol, kari, decision, dave):
    import datetime

    from kasam.visits.selectors import shift_of

    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")  # 08:00
    today = timezone.localdate()
    generate(today, today)
    login(client, dave)
    url = reverse("visits:board")
    page = client.get(url).content.decode()
    assert "Kari Nordmann" in page  # the day shift by default
    assert "08:00–12:00" in page  # the visit's window, and its box named for a screen reader:
    assert 'aria-label="Choose the visit 08:00 to Kari Nordmann"' in page
    assert "Kari Nordmann" not in client.get(url, {"shift": "evening"}).content.decode()
    assert "Kari Nordmann" in client.get(url, {"shift": "all"}).content.decode()
    assert [shift_of(datetime.time(h)) for h in (6, 7, 14, 15, 22, 23)] == [
        "night",
        "day",
        "day",
        "evening",
        "evening",
        "night",
    ]


def test_manager_gives_ticked_visits_to_one_person_and_the_list_of_staff_is_sent_once(
    client, carol, kari, decision, dave, alice, charlie
):
    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")
    today = timezone.localdate()
    generate(today, today + datetime.timedelta(days=1))
    ticked = [str(v.public_id) for v in Visit.objects.all()]
    login(client, dave)
    page = client.get(reverse("visits:board")).content.decode()
    assert page.count(f'value="{alice.public_id}"') == 1  # one staff list for the board
    client.post(reverse("visits:assign-many"), {"visits": ticked, "staff": str(alice.public_id)})
    assert set(Visit.objects.values_list("staff", flat=True)) == {alice.pk}
    login(client, charlie)  # no manager: nothing changes
    client.post(reverse("visits:assign-many"), {"visits": ticked, "staff": ""})
    assert set(Visit.objects.values_list("staff", flat=True)) == {alice.pk}
