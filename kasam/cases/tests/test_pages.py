"""Case pages: intake of a new person, access by relationship, inbox marks, bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from kasam.audit.models import AuditEvent
from kasam.audit.selectors import access_log_for
from kasam.cases.models import Case, CaseType
from kasam.conftest import _staff, login
from kasam.core.synthetic_ids import generate
from kasam.organisation.models import Membership
from kasam.registry.models import Client

pytestmark = pytest.mark.django_db


def _detail(case):
    return reverse("cases:case-detail", args=[case.public_id])


def _intake(org, national_id, **overrides):
    data = {
        "case_type": CaseType.objects.get(country="NO", code="application").pk,
        "unit": org["office"].pk,
        "national_id": national_id,
        "first_name": "Nora",
        "last_name": "Testesen",
        "preferred_language": "nb",
        "source": "relative",
        "source_name": "Per Testesen",
        "received_at": "2026-11-20T10:15",
        "channel": "phone",
        "request": "Help at home after a fall.",
        "urgency": "normal",
    }
    return {**data, **overrides}


@pytest.fixture
def as_erin(client, erin):
    return login(client, erin)


def test_register_an_application_for_a_new_person(as_erin, org, erin):
    from faker import Faker

    number = generate("NO", Faker("no_NO"), birth_year=1940)
    response = as_erin.post(reverse("cases:case-register"), _intake(org, number, handler=erin.pk))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(case)
    assert (case.client.first_name, case.client.national_id) == ("Nora", number)
    assert case.deadlines.get(milestone="first_contact").local_due.isoformat() == "2026-11-24"
    assert AuditEvent.objects.filter(object_type="case", action="create", basis="registration")
    page = as_erin.get(_detail(case))
    assert "Nora Testesen" in page.content.decode()
    assert "24.11.2026" in page.content.decode()


def test_register_for_an_existing_client_by_number(as_erin, org, kari):
    data = _intake(org, kari.national_id, first_name="", last_name="", preferred_language="")
    as_erin.post(reverse("cases:case-register"), data)
    assert Case.objects.get().client == kari
    assert Client.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("national_id", "12345678901", "check digit"),
        ("first_name", "", "Needed for a person not registered before."),
        ("received_at", "2099-01-01T10:00", "cannot be in the future"),
        ("request", "", "This field is required."),
    ],
)
def test_bad_intake_is_refused_with_a_message(as_erin, org, field, value, message):
    from faker import Faker

    number = generate("NO", Faker("no_NO"), birth_year=1950)
    response = as_erin.post(reverse("cases:case-register"), {**_intake(org, number), field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Case.objects.exists()


def test_handler_unit_colleague_and_care_team_see_the_case(client, application, org, alice):
    colleague = _staff("fiona", org["office"], Membership.Role.CASE_HANDLER)
    for user in (colleague, alice):
        login(client, user)
        assert client.get(_detail(application)).status_code == 200, user
        assert AuditEvent.objects.filter(actor=user, object_type="case", action="read").exists()


def test_outsider_gets_404_and_an_empty_inbox(as_charlie, application):
    assert as_charlie.get(_detail(application)).status_code == 404
    page = as_charlie.get(reverse("cases:inbox"), {"handler": ""})
    assert application.client.full_name not in page.content.decode()


def test_case_office_sees_the_client_it_has_a_case_for(client, application, org):
    colleague = _staff("fiona", org["office"], Membership.Role.CASE_HANDLER)
    login(client, colleague)
    url = reverse("registry:client-detail", args=[application.client.public_id])
    assert client.get(url).status_code == 200
    event = AuditEvent.objects.filter(actor=colleague, action="read").latest("id")
    assert (event.basis, event.actor_unit) == ("unit", org["office"])


def test_inbox_marks_and_logs_each_client_listed(as_erin, application, erin):
    page = as_erin.get(reverse("cases:inbox"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kari Nordmann" in html
    assert "overdue" in html
    assert access_log_for(application.client).filter(actor=erin, action="search")


def test_inbox_filters(as_erin, application, org):
    concern = CaseType.objects.get(country="NO", code="concern")
    page = as_erin.get(reverse("cases:inbox"), {"case_type": concern.code, "handler": ""})
    assert "Kari Nordmann" not in page.content.decode()
    page = as_erin.get(reverse("cases:inbox"), {"unit": org["office"].public_id, "handler": ""})
    assert "Kari Nordmann" in page.content.decode()
    assert as_erin.get(reverse("cases:inbox"), {"status": "nonsense"}).status_code == 400


def test_the_inbox_is_paged_and_keeps_its_filter(as_erin, erin, application, org):
    from kasam.audit.models import AuditHit
    from kasam.audit.services import Actor
    from kasam.cases.services import register_case
    from kasam.factories import ClientFactory

    for number in range(30):
        register_case(
            actor=Actor(erin),
            case_type=application.case_type,
            unit=org["office"],
            client=ClientFactory(first_name=f"Person{number:02}", last_name="Test"),
            handler=erin,
            source="client",
            received_at=application.received_at,
            channel="digital",
            request="Help.",
        )
    first = as_erin.get(reverse("cases:inbox")).content.decode()
    assert "31 cases, soonest deadline first." in first
    assert first.count('class="ds-card card') == 25
    assert "Page 1 of 2" in first
    assert "handler=me" in first  # the next page keeps "my cases"
    second = as_erin.get(reverse("cases:inbox"), {"handler": "me", "page": "2"})
    assert second.content.decode().count('class="ds-card card') == 6
    logged = AuditEvent.objects.filter(actor=erin, action="search").order_by("-pk").first()
    assert AuditHit.objects.filter(event=logged).count() == 6  # only the people shown
    assert as_erin.get(reverse("cases:inbox"), {"page": "x"}).status_code == 200  # the first


def test_status_change_refused_with_a_message(as_erin, application):
    url = reverse("cases:case-status", args=[application.public_id])
    response = as_erin.post(url, {"target": "closed", "version": 1}, follow=True)
    assert "cannot become" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "received"


def test_forwarding_needs_a_destination(as_erin, application):
    url = reverse("cases:case-status", args=[application.public_id])
    response = as_erin.post(url, {"target": "forwarded", "version": 1}, follow=True)
    assert "Say where the case was forwarded." in response.content.decode()
    as_erin.post(url, {"target": "forwarded", "version": 1, "forwarded_to": "Nabokommune"})
    application.refresh_from_db()
    assert (application.status, application.forwarded_to) == ("forwarded", "Nabokommune")


def test_first_contact_page(as_erin, application):
    url = reverse("cases:first-contact", args=[application.public_id])
    assert as_erin.get(url).status_code == 200
    before = {"contacted_at": "2026-10-01T10:00", "method": "phone", "version": 1}
    response = as_erin.post(url, before)
    assert "cannot come before" in response.content.decode()
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = as_erin.post(url, {**before, "contacted_at": now})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "first_contact"


def test_two_handlers_editing_at_once(as_erin, application, erin):
    url = reverse("cases:case-edit", args=[application.public_id])
    form = {
        "handler": erin.pk,
        "source": "client",
        "source_name": "",
        "channel": "digital",
        "received_at": "2026-11-02T09:00",
        "urgency": "normal",
        "version": 1,
    }
    assert as_erin.post(url, {**form, "request": "First edit"}).status_code == 302
    response = as_erin.post(url, {**form, "request": "Second edit"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved changes" in html
    assert "Second edit" in html
    assert "First edit" in html
    application.refresh_from_db()
    assert application.request == "First edit"


def test_the_case_page_shows_the_sections_other_apps_add(as_erin, application):
    page = as_erin.get(reverse("cases:case-detail", args=[application.public_id]))
    text = page.content.decode()
    assert 'id="assessment-h"' in text
    assert 'id="decision-h"' in text
