"""The client's status drives the visits (#15): death, moving away, a stay in hospital or a
short-term stay and a service's end cancel the visits from that day, kept with the reason,
off every worklist, shown as cancelled on the board; a stay's end brings them back."""

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
from kasam.core.errors import Refused
from kasam.registry import services as registry
from kasam.registry.models import Stay
from kasam.visits import services
from kasam.visits.generation import generate
from kasam.visits.models import Visit
from kasam.visits.selectors import worklist

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def fortnight(carol, kari, decision, alice) -> datetime.date:
    """Daily visits to Kari for the next fourteen days, all given to Alice; returns today."""
    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")
    today = timezone.localdate()
    generate(today, today + 13 * DAY)
    Visit.objects.update(staff=alice)
    return today


def _status(user, client, status: str, since: datetime.date | None) -> None:
    access = get_client_for(user, client.public_id)
    details = registry.ClientDetails.of(client)
    details = registry.ClientDetails(
        **{**details.__dict__, "status": status, "status_since": since}
    )
    client.refresh_from_db()
    registry.update_client(
        actor=Actor(user), access=access, expected_version=client.version, details=details
    )
    client.refresh_from_db()


def _cancelled() -> dict[datetime.date, str]:
    return dict(Visit.objects.exclude(cancelled_because="").values_list("day", "cancelled_because"))


def test_a_client_who_dies_has_no_visit_on_any_worklist_from_that_day(
    fortnight, carol, kari, alice
):
    today = fortnight
    died = today + 3 * DAY
    _status(carol, kari, "deceased", died)
    assert Visit.objects.count() == 14  # kept, not deleted
    cancelled = _cancelled()
    assert set(cancelled) == {died + n * DAY for n in range(11)}
    assert set(cancelled.values()) == {"deceased"}
    assert all(v.cancelled_at for v in Visit.objects.exclude(cancelled_because=""))
    for n in range(14):
        on_list = worklist(alice, today + n * DAY)
        assert len(on_list) == (1 if today + n * DAY < died else 0)
    assert generate(today, today + 20 * DAY).created == 0  # none made after death
    assert Visit.objects.count() == 14


def test_a_death_recorded_late_cancels_the_past_days_not_yet_documented(
    carol, kari, decision, alice
):
    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")
    today = timezone.localdate()
    generate(today - 5 * DAY, today + 2 * DAY)
    made = Visit.objects.get(day=today - 4 * DAY)
    made.staff, made.checked_in_at, made.outcome = alice, timezone.now(), "done"
    made.save()
    _status(carol, kari, "deceased", today - 5 * DAY)
    assert Visit.objects.count() == 8
    assert set(_cancelled()) == {today - 5 * DAY + n * DAY for n in range(8)} - {today - 4 * DAY}
    assert Visit.objects.get(pk=made.pk).outcome == "done"  # what was documented stays


def test_a_status_set_by_mistake_and_undone_brings_the_visits_back(fortnight, carol, kari):
    _status(carol, kari, "moved", fortnight + 2 * DAY)
    assert set(_cancelled().values()) == {"moved"}
    _status(carol, kari, "active", None)
    assert _cancelled() == {}
    assert Visit.objects.count() == 14


def test_a_hospital_stay_cancels_its_days_and_the_visits_come_back_home(
    fortnight, carol, kari, alice
):
    today = fortnight
    access = get_client_for(carol, kari.public_id)
    stay = registry.record_stay(
        actor=Actor(carol), access=access, kind="hospital", starts_on=today + 2 * DAY
    )
    assert set(_cancelled()) == {today + n * DAY for n in range(2, 14)}
    assert set(_cancelled().values()) == {"hospital"}
    assert worklist(alice, today + 2 * DAY) == []
    generate(today, today + 20 * DAY)  # the nightly run makes the coming days cancelled too
    assert set(_cancelled()) == {today + n * DAY for n in range(2, 21)}
    registry.end_stay(actor=Actor(carol), access=access, stay=stay, home_on=today + 5 * DAY)
    assert set(_cancelled()) == {today + 2 * DAY, today + 3 * DAY, today + 4 * DAY}
    assert len(worklist(alice, today + 5 * DAY)) == 1
    assert Visit.objects.filter(day=today + 5 * DAY).get().cancelled_at is None
    logged = AuditEvent.objects.filter(actor=carol, client=kari, object_type="stay")
    assert sorted(logged.values_list("action", flat=True)) == ["create", "update"]


def test_stays_may_not_overlap_and_come_home_after_they_start(fortnight, carol, kari):
    today = fortnight
    access = get_client_for(carol, kari.public_id)
    stay = registry.record_stay(
        actor=Actor(carol),
        access=access,
        kind="short_stay",
        starts_on=today,
        home_on=today + 7 * DAY,
    )
    with pytest.raises(Refused):
        registry.record_stay(
            actor=Actor(carol), access=access, kind="hospital", starts_on=today + 6 * DAY
        )
    with pytest.raises(Refused):
        registry.end_stay(actor=Actor(carol), access=access, stay=stay, home_on=today)
    assert Stay.objects.count() == 1
    assert set(_cancelled().values()) == {"short_stay"}


def test_a_cancelled_visit_cannot_be_documented_or_assigned(fortnight, carol, kari, alice, dave):
    today = fortnight
    access = get_client_for(alice, kari.public_id)
    phone_copy = Visit.objects.get(day=today + DAY)  # read before the cancellation
    _status(carol, kari, "moved", today + DAY)
    with pytest.raises(Refused, match="cancelled"):
        services.check_in(actor=Actor(alice), access=access, visit=phone_copy)
    with pytest.raises(Refused, match="cancelled"):
        services.check_out(actor=Actor(alice), access=access, visit=phone_copy, outcome="done")
    with pytest.raises(Refused, match="cancelled"):
        services.assign(actor=Actor(dave), access=access, visit=phone_copy, staff=alice)
    assert Visit.objects.get(pk=phone_copy.pk).checked_in_at is None


def test_a_service_ended_by_its_decision_gets_no_visits_after_its_end(carol, kari, decision, alice):
    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")
    today = timezone.localdate()
    generate(today, today + 9 * DAY)
    decision.lines.filter(outcome="granted").update(ends_on=today + 4 * DAY)
    generate(today, today + 13 * DAY)
    assert Visit.objects.count() == 10  # none made after the end
    assert set(_cancelled()) == {today + n * DAY for n in range(5, 10)}
    assert set(_cancelled().values()) == {"ended"}


def test_pages_record_a_stay_show_it_and_cancelled_visits_on_the_board(
    client, fortnight, carol, kari, dave
):
    today = fortnight
    login(client, carol)
    add = reverse("registry:stay-add", args=[kari.public_id])
    assert client.get(add).status_code == 200
    for bad in (
        {"kind": "hospital", "starts_on": "2026-13-01"},
        {"kind": "hospital", "starts_on": "", "home_on": "9999-12-31"},
        {"kind": "prison", "starts_on": str(today)},
    ):
        assert client.post(add, bad).status_code == 400
    late = {"kind": "hospital", "starts_on": str(today + DAY), "home_on": str(today)}
    refused = client.post(add, late)
    assert refused.status_code == 400
    assert "The day home again comes after the first day away." in refused.content.decode()
    assert not Stay.objects.exists()
    saved = client.post(add, {"kind": "hospital", "starts_on": str(today)})
    assert saved.status_code == 302
    page = client.get(reverse("registry:client-detail", args=[kari.public_id])).content
    assert "In hospital" in page.decode()
    stay = Stay.objects.get()
    end = reverse("registry:stay-end", args=[kari.public_id, stay.public_id])
    assert client.post(end, {"home_on": str(today)}).status_code == 400
    assert client.post(end, {"home_on": "soon"}).status_code == 400
    login(client, dave)
    board = client.get(reverse("visits:board") + f"?day={today}&shift=all").content.decode()
    assert "the client is in hospital" in board
    assert 'class="cancelled"' in board
    login(client, carol)
    assert client.post(end, {"home_on": str(today + DAY)}).status_code == 302
    assert set(_cancelled()) == {today}
    visit = Visit.objects.get(day=today)
    page = client.get(reverse("visits:visit", args=[visit.public_id])).content.decode()
    assert "This visit is cancelled: the client is in hospital." in page
    assert reverse("visits:check-in", args=[visit.public_id]) not in page


def test_outsiders_cannot_record_or_end_a_stay(client, fortnight, kari, charlie, carol):
    access = get_client_for(carol, kari.public_id)
    stay = registry.record_stay(
        actor=Actor(carol), access=access, kind="hospital", starts_on=fortnight
    )
    login(client, charlie)
    add = reverse("registry:stay-add", args=[kari.public_id])
    assert client.get(add).status_code == 404
    assert client.post(add, {"kind": "hospital", "starts_on": str(fortnight)}).status_code == 404
    end = reverse("registry:stay-end", args=[kari.public_id, stay.public_id])
    assert client.post(end, {"home_on": str(fortnight + DAY)}).status_code == 404
    assert Stay.objects.get().home_on is None
