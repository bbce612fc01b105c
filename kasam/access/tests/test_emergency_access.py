from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from kasam.access.models import EmergencyAccess
from kasam.audit.models import AuditEvent
from kasam.audit.selectors import access_log_for
from kasam.conftest import login

pytestmark = pytest.mark.django_db
REASON = "Client fell at the day centre and needs help now"


def _break_glass(http, client, reason=REASON):
    return http.post(
        reverse("access:emergency-access"),
        {"national_id": client.national_id, "reason": reason},
    )


def test_emergency_access_opens_the_record_and_is_flagged_on_every_entry(as_charlie, charlie, kari):
    response = _break_glass(as_charlie, kari)
    assert response.status_code == 302
    assert (
        as_charlie.get(reverse("registry:client-detail", args=[kari.public_id])).status_code == 200
    )
    events = AuditEvent.objects.filter(actor=charlie, client=kari)
    assert events.count() == 2
    assert {e.basis for e in events} == {AuditEvent.Basis.EMERGENCY}
    assert all(e.emergency_access_id for e in events)


def test_emergency_access_expires(as_charlie, charlie, kari, settings):
    _break_glass(as_charlie, kari)
    later = timezone.now() + datetime.timedelta(
        hours=settings.KASAM_EMERGENCY_ACCESS_HOURS, minutes=1
    )
    with time_machine.travel(later):
        login(as_charlie, charlie)  # the idle timeout has logged charlie out meanwhile
        response = as_charlie.get(reverse("registry:client-detail", args=[kari.public_id]))
    assert response.status_code == 404


def test_emergency_access_needs_a_reason(as_charlie, kari):
    response = _break_glass(as_charlie, kari, reason="   ")
    assert response.status_code == 400
    assert not EmergencyAccess.objects.exists()


def test_emergency_access_to_unknown_number_says_so(as_charlie, kari):
    response = as_charlie.post(
        reverse("access:emergency-access"), {"national_id": "15858912382", "reason": REASON}
    )
    assert response.status_code == 400
    assert not EmergencyAccess.objects.exists()


def test_manager_reviews_emergency_access_with_a_comment(client, charlie, dave, kari):
    _break_glass(login(client, charlie), kari)
    login(client, dave)
    page = client.get(reverse("access:review-list"))
    assert REASON in page.content.decode()
    grant = EmergencyAccess.objects.get()
    response = client.post(
        reverse("access:review", args=[grant.public_id]), {"comment": "Justified."}
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert (grant.reviewed_by, grant.review_comment) == (dave, "Justified.")
    assert REASON not in client.get(reverse("access:review-list")).content.decode()


def test_review_without_comment_is_refused(client, charlie, dave, kari):
    _break_glass(login(client, charlie), kari)
    login(client, dave)
    grant = EmergencyAccess.objects.get()
    response = client.post(reverse("access:review", args=[grant.public_id]), {"comment": ""})
    assert response.status_code == 400
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_staff_member_cannot_review_own_access_or_others_units(client, charlie, alice, kari):
    _break_glass(login(client, charlie), kari)
    grant = EmergencyAccess.objects.get()
    login(client, alice)
    response = client.post(reverse("access:review", args=[grant.public_id]), {"comment": "ok"})
    assert response.status_code == 404


def test_review_list_logs_each_client_it_names(client, charlie, dave, kari):
    _break_glass(login(client, charlie), kari)
    login(client, dave).get(reverse("access:review-list"))
    event = access_log_for(kari).get(actor=dave)
    assert (event.action, event.seen_basis) == ("search", "oversight")


def test_a_search_hit_through_emergency_access_is_indexed_with_that_basis(
    as_charlie, charlie, kari
):
    """A list's hit seen only through an emergency access carries that basis and the access
    itself, both on the signed entry and on the client's index row."""
    from kasam.audit.models import AuditHit

    _break_glass(as_charlie, kari)
    grant = EmergencyAccess.objects.get(user=charlie, client=kari)
    response = as_charlie.get(reverse("registry:client-search"), {"q": kari.last_name})
    assert response.status_code == 200
    hit = AuditHit.objects.get(client=kari, event__actor=charlie)
    assert (hit.basis, hit.emergency_access_id) == (AuditEvent.Basis.EMERGENCY, grant.pk)
    assert hit.event.changes["shown"] == [hit.signed()]
