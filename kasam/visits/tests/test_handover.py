"""The shift handover (#15): the last shift's notes, visits not done and deviations of a
unit, for the next shift to read first; every client shown logged, nothing about clients
the reader does not work with."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kasam.access.selectors import get_client_for
from kasam.audit.services import Actor
from kasam.careplans.tests.test_lifecycle import agreed_plan
from kasam.journal.models import JournalNote
from kasam.quality.services import report_deviation
from kasam.visits.generation import generate
from kasam.visits.handover import previous_shift
from kasam.visits.models import Visit

pytestmark = pytest.mark.django_db
ZONE = timezone.get_current_timezone()


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), ZONE)


def test_the_previous_shift_is_the_one_that_ended_last():
    day = datetime.date(2026, 12, 7)
    assert previous_shift(_at(day, 7, 30)) == (day - datetime.timedelta(days=1), "night")
    assert previous_shift(_at(day, 15, 30)) == (day, "day")
    assert previous_shift(_at(day, 23, 10)) == (day, "evening")
    assert previous_shift(_at(day, 3)) == (day - datetime.timedelta(days=1), "evening")


def test_the_handover_shows_the_shifts_notes_visits_not_done_and_deviations(
    as_alice, alice, carol, kari, decision, org
):
    from kasam.audit.selectors import access_log_for

    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")  # 08:00–12:00: the day shift
    day = timezone.localdate() - datetime.timedelta(days=1)
    generate(day, day)
    Visit.objects.update(staff=alice, outcome="not_done", reason="not_home")
    note = JournalNote.objects.create(
        client=kari,
        author=carol,
        category="daily_care",
        text="Tired, slept late.",
        submission_key="6f1c2b1e-61b4-4b0e-9d0f-3c4f4b4a0a01",
    )
    JournalNote.objects.filter(pk=note.pk).update(created_at=_at(day, 10))
    access = get_client_for(alice, kari.public_id)
    deviation = report_deviation(
        actor=Actor(alice),
        unit=org["north"],
        access=access,
        category="fall",
        severity=2,
        occurred_at=_at(day, 9),
        what_happened="Kari slipped in the bathroom.",
    )
    url = reverse("visits:handover") + f"?unit={org['north'].public_id}&day={day}&shift=day"
    page = as_alice.get(url).content.decode()
    assert "Tired, slept late." in page
    assert "Not done" in page
    assert "not at home" in page
    assert "Kari slipped in the bathroom." in page
    assert access_log_for(kari).filter(actor=alice, action="search").exists()
    evening = as_alice.get(url.replace("shift=day", "shift=evening")).content.decode()
    assert "Tired, slept late." not in evening
    assert "No deviations in this shift." in evening
    assert deviation.pk


def test_the_handover_hides_clients_the_reader_does_not_work_with(
    client, charlie, alice, carol, kari, decision, org
):
    from kasam.conftest import login

    day = timezone.localdate() - datetime.timedelta(days=1)
    access = get_client_for(alice, kari.public_id)
    report_deviation(
        actor=Actor(alice),
        unit=org["south"],
        access=access,
        category="fall",
        severity=2,
        occurred_at=_at(day, 8),
        what_happened="Kari slipped in the bathroom.",
    )
    login(client, charlie)  # works in South, not with Kari
    url = reverse("visits:handover") + f"?unit={org['south'].public_id}&day={day}&shift=day"
    page = client.get(url).content.decode()
    assert "Kari" not in page
    assert "About a client you do not work with." in page


def test_bad_input_and_other_units_are_refused(as_alice, org):
    url = reverse("visits:handover")
    assert as_alice.get(url).status_code == 200  # the last shift of the user's unit
    assert as_alice.get(url + "?unit=nonsense&day=x&shift=y").status_code == 400
    other = as_alice.get(url + f"?unit={org['south'].public_id}&day=2026-12-01&shift=day")
    assert other.status_code == 400  # not the user's unit
