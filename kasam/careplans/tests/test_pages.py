"""Care plan pages: start, draft with goals and activities, agree; access and audit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kasam.audit.models import AuditEvent
from kasam.careplans.models import PlanVersion
from kasam.conftest import login

pytestmark = pytest.mark.django_db


def _form(decision, **overrides):
    line = decision.lines.get(service__code="home_nursing")
    data = {
        "version": 1,
        "review_on": "2027-02-01",
        "goals-TOTAL_FORMS": 1,
        "goals-INITIAL_FORMS": 0,
        "goals-0-own_words": "Walk to the shop.",
        "goals-0-how_we_know": "I go alone.",
        "goals-0-follow_up_on": "2027-01-15",
        "activities-TOTAL_FORMS": 1,
        "activities-INITIAL_FORMS": 0,
        "activities-0-line": line.pk,
        "activities-0-what": "Wound care",
        "activities-0-weekdays": ["0", "3"],
        "activities-0-window_start": "08:00",
        "activities-0-window_end": "10:00",
        "activities-0-duration_minutes": 30,
        "activities-0-staff_count": 1,
        "activities-0-competence": "nurse",
    }
    return {**data, **overrides}


def test_contact_person_writes_and_agrees_a_plan(client, carol, kari, decision):
    login(client, carol)
    plan_url = reverse("careplans:plan", args=[kari.public_id])
    assert "There is no agreed plan yet." in client.get(plan_url).content.decode()
    client.post(
        reverse("careplans:start", args=[kari.public_id]),
        {"decision": decision.pk, "contact_person": carol.pk},
    )
    url = reverse("careplans:version", args=[kari.public_id, 1])
    bad = client.post(url, _form(decision, **{"activities-0-window_end": "07:00"}))
    assert bad.status_code == 400
    assert "ends before it starts" in bad.content.decode()
    assert client.post(url, _form(decision)).status_code == 302
    version = PlanVersion.objects.get()
    assert version.activities.get().weekdays == [0, 3]
    client.post(
        reverse("careplans:agree", args=[kari.public_id, 1]),
        {
            "version": version.version + 0,
            "method": "paper",
            "agreed_on": "2026-11-23",
            "agreed_by": "Kari Nordmann",
        },
    )
    version.refresh_from_db()
    assert version.status == "agreed"
    page = client.get(plan_url).content.decode()
    assert "Current plan: version 1" in page
    client.post(
        reverse("careplans:review", args=[kari.public_id, 1]),
        {"reviewed_on": "2026-11-23", "went_well": "Walks daily.", "next_review_on": "2027-03-01"},
    )
    shown = client.get(reverse("careplans:version", args=[kari.public_id, 1])).content.decode()
    assert "Walks daily." in shown
    assert AuditEvent.objects.filter(actor=carol, object_type="planversion").exists()


def test_outsider_cannot_open_the_plan(as_charlie, kari):
    assert as_charlie.get(reverse("careplans:plan", args=[kari.public_id])).status_code == 404


def test_the_clients_choice_of_staff(client, carol, kari, alice, charlie):
    from kasam.careplans.models import StaffChoice

    login(client, carol)
    url = reverse("careplans:choose", args=[kari.public_id])
    client.post(url, {"kind": "personal_hygiene", "staff": alice.pk})
    client.post(url, {"kind": "personal_hygiene", "staff": alice.pk})  # same again: one
    assert StaffChoice.objects.filter(ended_at__isnull=True).count() == 1
    outsider = client.post(url, {"kind": "conversation", "staff": charlie.pk}, follow=True)
    assert "a staff member of the client" in outsider.content.decode()
    page = client.get(reverse("careplans:plan", args=[kari.public_id])).content.decode()
    assert "Personal hygiene" in page
    assert "Alice Test" in page
    choice = StaffChoice.objects.get()
    client.post(reverse("careplans:unchoose", args=[kari.public_id, choice.public_id]))
    choice.refresh_from_db()
    assert choice.ended_at is not None
    assert AuditEvent.objects.filter(object_type="staffchoice").count() == 2


@pytest.mark.parametrize(
    ("days", "language", "shown"),
    [
        ("0,3", "en", "Mon, Thu"),
        ("0,1,2,3,4", "en", "Mon–Fri"),
        ("0,1,2,3,4,5,6", "en", "Every day"),
        ("0,3", "nb", "Man, tor"),
        ("0,1,2,3,4", "sv", "Mån–fre"),
    ],
)
def test_the_plan_shows_its_days_by_name(client, carol, kari, decision, days, language, shown):
    from kasam.careplans.tests.test_lifecycle import agreed_plan

    agreed_plan(carol, kari, decision, days=days)
    carol.language = language
    carol.save()
    login(client, carol)
    page = client.get(reverse("careplans:version", args=[kari.public_id, 1])).content.decode()
    activity = page[page.index("<h2>") :]
    assert shown in activity
    assert f"{days} " not in activity


def test_the_plan_prints_for_the_client_in_their_language_and_the_print_is_logged(
    client, carol, kari, decision, charlie
):
    from kasam.careplans.tests.test_lifecycle import agreed_plan
    from kasam.conftest import pdf_catalogue, pdf_text

    agreed_plan(carol, kari, decision, days="0,3")
    kari.preferred_language = "sv"
    kari.save()
    login(client, carol)
    answer = client.get(reverse("careplans:version-pdf", args=[kari.public_id, 1]))
    assert answer["Content-Type"] == "application/pdf"
    text = pdf_text(answer.content)
    for expected in ("Din genomförandeplan", "Kari Nordmann", "Mån, tor", "Dina egna mål"):
        assert expected in text, expected
    assert pdf_catalogue(answer.content)["/Lang"] == "sv"
    assert AuditEvent.objects.filter(
        actor=carol, client=kari, action="print", object_type="planversion"
    ).exists()
    login(client, charlie)  # no care relationship
    assert client.get(reverse("careplans:version-pdf", args=[kari.public_id, 1])).status_code == 404
