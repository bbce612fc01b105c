"""Assessments: the person's words first, national scale as data, versions, start-up period."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from kasam.assessments.models import Assessment, Scale, StartupPeriod
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor
from kasam.cases.selectors import get_case_for
from kasam.cases.services import record_first_contact
from kasam.conftest import _staff, login
from kasam.factories import UnitFactory
from kasam.organisation.models import Membership, OrganisationUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacted(application, erin):
    record_first_contact(
        actor=Actor(erin),
        access=get_case_for(erin, application.public_id),
        expected_version=1,
        contacted_at=timezone.now(),
        made_by=erin,
        method="home_visit",
    )
    application.refresh_from_db()
    return application


@pytest.fixture
def as_erin(client, erin):
    return login(client, erin)


def _new(case):
    return reverse("assessments:assessment-new", args=[case.public_id])


def test_scales_ship_as_data():
    iplos = Scale.objects.get(code="iplos", country="NO")
    assert iplos.items.count() == 17
    assert list(iplos.levels.values_list("value", flat=True)) == [1, 2, 3, 4, 5, 9]
    ibic = Scale.objects.get(code="ibic", country="SE")
    assert ibic.items.count() == 11
    assert ibic.describes_needs
    assert list(ibic.levels.values_list("value", flat=True)) == [0, 1, 2, 3, 4, 8, 9]


def test_assessment_versions_never_overwrite(as_erin, contacted):
    iplos = Scale.objects.get(code="iplos")
    level3 = iplos.levels.get(value=3)
    data = {"what_matters": "To walk to the shop myself.", "level_hygiene": level3.pk}
    assert as_erin.post(_new(contacted), data).status_code == 302
    contacted.refresh_from_db()
    assert contacted.status == "under_assessment"
    assert contacted.deadlines.filter(milestone="first_contact", met_at__isnull=False).exists()
    # the form for version 2 starts from version 1's words
    assert "To walk to the shop myself." in as_erin.get(_new(contacted)).content.decode()
    as_erin.post(_new(contacted), {**data, "what_matters": "To garden again."})
    first, second = Assessment.objects.order_by("version")
    assert (first.version, first.what_matters) == (1, "To walk to the shop myself.")
    assert (second.version, second.what_matters) == (2, "To garden again.")
    assert first.scores.get().level == level3
    page = as_erin.get(reverse("assessments:assessment-detail", args=[contacted.public_id, 1]))
    assert "To walk to the shop myself." in page.content.decode()
    assert AuditEvent.objects.filter(object_type="assessment", action="create").count() == 2


def test_what_matters_is_required_and_scores_are_checked(as_erin, contacted):
    response = as_erin.post(_new(contacted), {"what_matters": "", "level_hygiene": "999999"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert "Select a valid choice" in response.content.decode()
    assert not Assessment.objects.exists()


def test_no_assessment_before_first_contact(as_erin, application):
    response = as_erin.post(_new(application), {"what_matters": "Something"})
    assert response.status_code == 400
    assert "Record the first contact before the assessment." in response.content.decode()


@override_settings(KASAM_COUNTRY="SE")
def test_swedish_installation_uses_ibic_with_needs_per_area(as_erin, contacted):
    html = as_erin.get(_new(contacted)).content.decode()
    assert "Känsla av trygghet" in html or "Sense of security" in html
    assert 'name="needs_mobility"' in html


def test_start_up_team_maps_and_sees_the_client(client, as_erin, contacted, org):
    team = UnitFactory(name="HUR", kind=OrganisationUnit.Kind.STARTUP_TEAM, parent=org["area"])
    therapist = _staff("tina", team, Membership.Role.NURSE)
    today = timezone.localdate()
    url = reverse("assessments:startup-new", args=[contacted.public_id])
    response = as_erin.post(url, {"team": team.pk, "starts_on": today.isoformat(), "weeks": 3})
    assert response.status_code == 302
    period = StartupPeriod.objects.get()
    assert period.ends_on == today + datetime.timedelta(days=20)
    login(client, therapist)
    mapping = reverse("assessments:startup-mapping", args=[contacted.public_id, period.public_id])
    assert client.get(mapping).status_code == 200
    client.post(mapping, {"observations": "Showers alone with a stool.", "complete": "on"})
    period.refresh_from_db()
    assert period.completed_at is not None
    response = client.post(mapping, {"observations": "Changed later"})
    assert "can no longer be changed" in response.content.decode()
    login(client, contacted.handler)
    client.post(_new(contacted), {"what_matters": "Home.", "startup_period": period.pk})
    assessment = Assessment.objects.get()
    assert assessment.startup_period == period
    detail = client.get(reverse("assessments:assessment-detail", args=[contacted.public_id, 1]))
    assert "Showers alone with a stool." in detail.content.decode()


def test_outsider_cannot_open_assessments(as_charlie, contacted):
    assert as_charlie.get(_new(contacted)).status_code == 404


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_start_up_period_on_a_date_no_care_record_can_mean_is_refused(
    as_erin, contacted, org, day
):
    team = UnitFactory(name="HUR", kind=OrganisationUnit.Kind.STARTUP_TEAM, parent=org["area"])
    url = reverse("assessments:startup-new", args=[contacted.public_id])
    response = as_erin.post(url, {"team": team.pk, "starts_on": day, "weeks": 3})
    assert response.status_code == 400
    assert not StartupPeriod.objects.exists()
