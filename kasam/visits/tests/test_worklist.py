"""A care worker's day: worklist, check-in/out (idempotent), outcomes, access and audit."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from kasam.audit.models import AuditEvent
from kasam.audit.selectors import access_log_for
from kasam.careplans.tests.test_lifecycle import agreed_plan
from kasam.visits.generation import generate
from kasam.visits.models import Visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def todays_visit(carol, kari, decision, alice):
    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")
    today = timezone.localdate()
    generate(today, today)
    visit = Visit.objects.get()
    visit.staff = alice
    visit.save()
    return visit


def test_worklist_check_in_twice_and_out(as_alice, alice, todays_visit):
    page = as_alice.get(reverse("visits:worklist")).content.decode()
    assert "Kari Nordmann" in page
    assert "Wound care" in page
    assert "Before breakfast" in page
    url = reverse("visits:check-in", args=[todays_visit.public_id])
    as_alice.post(url)
    first = Visit.objects.get().checked_in_at
    as_alice.post(url)  # the phone sent it again
    assert Visit.objects.get().checked_in_at == first
    out = reverse("visits:check-out", args=[todays_visit.public_id])
    refused = as_alice.post(out, {"outcome": "partly"})
    assert refused.status_code == 400
    page = refused.content.decode()
    reason = page[page.index('<div class="ds-field field has-error">') :]
    assert reason.index('id="id_reason"') < reason.index("Say why it was not done")
    assert '<option value="partly" selected>' in page  # what was chosen stays chosen
    assert 'data-color="danger" role="alert"' in page
    assert not Visit.objects.get().checked_out_at
    as_alice.post(out, {"outcome": "partly", "reason": "declined"})
    visit = Visit.objects.get()
    assert (visit.outcome, visit.reason) == ("partly", "declined")
    assert AuditEvent.objects.filter(actor=alice, object_type="visit", action="update").count() == 2
    assert access_log_for(visit.client).filter(actor=alice, action="search").exists()


def test_outsider_cannot_open_the_visit(as_charlie, todays_visit):
    url = reverse("visits:visit", args=[todays_visit.public_id])
    assert as_charlie.get(url).status_code == 404
    assert (
        as_charlie.post(reverse("visits:check-in", args=[todays_visit.public_id])).status_code
        == 404
    )


def test_manager_assigns_on_the_day_board(client, dave, alice, carol, kari, decision):
    from kasam.careplans.models import StaffChoice
    from kasam.conftest import login

    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")
    today = timezone.localdate()
    generate(today, today)
    StaffChoice.objects.create(client=kari, kind="personal_hygiene", staff=alice)
    visit = Visit.objects.get()
    login(client, dave)
    board = client.get(reverse("visits:board")).content.decode()
    assert "Kari Nordmann" in board
    assert "Alice Test" in board
    client.post(reverse("visits:assign", args=[visit.public_id]), {"staff": str(alice.public_id)})
    visit.refresh_from_db()
    assert visit.staff == alice
    client.post(reverse("visits:assign", args=[visit.public_id]), {"staff": "not-a-uuid"})
    visit.refresh_from_db()
    assert visit.staff is None  # nobody
    login(client, alice)  # a care worker is no manager
    assert (
        client.post(
            reverse("visits:assign", args=[visit.public_id]), {"staff": str(alice.public_id)}
        ).status_code
        == 404
    )
    assert "for unit managers" in client.get(reverse("visits:board")).content.decode()


def test_nobody_is_given_a_visit_to_a_client_they_cannot_open(
    client, dave, alice, bob, carol, kari, decision
):
    from kasam.conftest import login

    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")
    today = timezone.localdate()
    generate(today, today)
    visit = Visit.objects.get()
    visit.staff = alice
    visit.save()
    login(client, dave)  # Bob works in team A; Kari is served by North itself
    answer = client.post(
        reverse("visits:assign", args=[visit.public_id]), {"staff": str(bob.public_id)}, follow=True
    )
    assert "Bob Test does not work with this client" in answer.content.decode()
    visit.refresh_from_db()
    assert visit.staff == alice


def test_the_visit_page_has_what_is_needed_at_the_door(as_alice, alice, kari, todays_visit):
    import uuid

    from kasam.journal.models import JournalNote

    kari.phone = "+47 22 00 00 00"
    kari.save()
    JournalNote.objects.create(
        client=kari,
        author=alice,
        category="daily_care",
        text="Slept well.",
        submission_key=uuid.uuid4(),
    )
    url = reverse("visits:visit", args=[todays_visit.public_id])
    as_alice.post(reverse("visits:check-in", args=[todays_visit.public_id]))
    page = as_alice.get(url).content.decode()
    assert 'href="tel:+47 22 00 00 00"' in page
    assert "openstreetmap.org/search?query=" in page
    assert "Checked in at" in page
    goal = todays_visit.activity.plan_version.goals.first()
    assert goal.own_words in page  # what matters to the client, in their words
    assert "Slept well." in page
    kari.protected_identity = True
    kari.save()
    hidden = as_alice.get(url).content.decode()
    assert kari.address not in hidden
    assert "openstreetmap" not in hidden


def test_my_clients_lists_the_people_i_am_contact_person_for_or_visit_and_logs_them(
    client, alice, carol, charlie, kari, todays_visit
):
    from kasam.conftest import login

    for user in (carol, alice):  # contact person; the care worker with today's visit
        login(client, user)
        page = client.get(reverse("visits:my-clients")).content.decode()
        assert "Kari Nordmann" in page
        assert access_log_for(kari).filter(actor=user, action="search").exists()
    login(client, charlie)
    page = client.get(reverse("visits:my-clients")).content.decode()
    assert "Kari Nordmann" not in page
    assert "Nobody yet" in page
