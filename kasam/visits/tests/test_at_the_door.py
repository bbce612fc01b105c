"""The visit page has what is needed at the door (#15): warnings first, the entrance, the
key box code only for the staff given the visit around its time (each showing logged),
relatives who consented and can be called."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kasam.access.selectors import get_client_for
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor
from kasam.careplans.tests.test_lifecycle import agreed_plan
from kasam.conftest import login
from kasam.registry import services
from kasam.registry.models import ClientWarning, HomeAccess
from kasam.visits.generation import generate
from kasam.visits.models import Visit
from kasam.visits.selectors import may_see_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(carol, kari, decision, alice) -> Visit:
    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")
    today = timezone.localdate()
    generate(today, today)
    Visit.objects.update(staff=alice)
    access = get_client_for(carol, kari.public_id)
    services.save_home_access(
        actor=Actor(carol), access=access, entrance="Back door, ring twice.", key_box_code="4711"
    )
    services.add_warning(actor=Actor(carol), access=access, kind="allergy", text="Penicillin.")
    kari.relatives.update(consent_to_information=True, phone="+4791234567")
    return Visit.objects.get()


def test_the_visit_page_shows_warnings_entrance_and_relatives(as_alice, visit):
    page = as_alice.get(reverse("visits:visit", args=[visit.public_id])).content.decode()
    assert page.index("Penicillin.") < page.index("Back door, ring twice.")
    assert "Allergy:" in page
    assert 'href="tel:+4791234567"' in page
    assert "4711" not in page  # the code only when asked for
    assert "Show the key box code" in page


def test_the_key_box_code_is_shown_to_the_visits_staff_and_logged(as_alice, alice, visit):
    zone = timezone.get_current_timezone()
    window = datetime.datetime.combine(visit.day, visit.window_start, zone)
    assert may_see_key(alice, visit, window - datetime.timedelta(minutes=59))
    assert not may_see_key(alice, visit, window - datetime.timedelta(minutes=61))
    visit.window_start = timezone.localtime().time().replace(second=0, microsecond=0)
    visit.window_end = visit.window_start
    visit.save()
    url = reverse("visits:visit", args=[visit.public_id]) + "?key=1"
    shown = as_alice.get(url)
    assert '<strong class="key-code">4711</strong>' in shown.content.decode()
    assert "X-Kasam-Offline" not in shown  # never kept on the phone with the code
    logged = AuditEvent.objects.filter(actor=alice, action="read", object_type="homeaccess")
    assert logged.count() == 1


def test_the_key_box_code_is_not_shown_to_others_or_at_other_times(client, visit, dave, alice):
    url = reverse("visits:visit", args=[visit.public_id]) + "?key=1"
    login(client, dave)  # the manager sees the visit, but is not given it
    page = client.get(url).content.decode()
    assert "4711" not in page
    assert "shown only to the staff given this visit" in page
    assert not AuditEvent.objects.filter(object_type="homeaccess", action="read").exists()
    tomorrow = visit.day + datetime.timedelta(days=1)
    late = datetime.datetime.combine(tomorrow, visit.window_start, timezone.get_current_timezone())
    assert not may_see_key(alice, visit, late)


def test_the_door_page_records_entrance_and_warnings(client, carol, kari, charlie):
    login(client, carol)
    door = reverse("registry:client-door", args=[kari.public_id])
    assert client.post(door, {"entrance": "Front door.", "key_box_code": "1234"}).status_code == 302
    assert HomeAccess.objects.get(client=kari).key_box_code == "1234"
    add = reverse("registry:warning-add", args=[kari.public_id])
    assert client.post(add, {"kind": "nonsense", "text": "x"}).status_code == 400
    mrsa = {"kind": "infection", "text": "MRSA: gloves and apron."}
    assert client.post(add, mrsa).status_code == 302
    warning = ClientWarning.objects.get()
    page = client.get(reverse("registry:client-detail", args=[kari.public_id])).content.decode()
    assert "MRSA: gloves and apron." in page
    archive = reverse("registry:warning-archive", args=[kari.public_id, warning.public_id])
    assert client.post(archive).status_code == 302
    assert ClientWarning.objects.get().archived_at is not None
    history = HomeAccess.history.model.objects.values_list("entrance", flat=True)
    assert "Front door." in list(history)
    assert not hasattr(HomeAccess.history.model, "key_box_code")  # the code is not in history
    login(client, charlie)
    assert client.get(door).status_code == 404
    assert client.post(add, {"kind": "risk", "text": "x"}).status_code == 404


def test_the_visit_page_shows_the_clients_choice_and_the_screenings_due(
    as_alice, alice, visit, kari
):
    from kasam.careplans.models import StaffChoice

    kind = visit.activity.help_kind or "personal_hygiene"
    type(visit.activity).objects.filter(pk=visit.activity_id).update(help_kind=kind)
    StaffChoice.objects.create(client=kari, kind=kind, staff=alice)
    page = as_alice.get(reverse("visits:visit", args=[visit.public_id])).content.decode()
    assert "The client's choice" in page
    assert "Alice Test" in page
    assert "Nutrition, fall risk" in page  # never screened
