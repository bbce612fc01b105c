"""Nutrition and fall-risk screening: risk from the tool, due dates, overdue list, trend."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.urls import reverse

from kasam.audit.models import AuditEvent
from kasam.screening import rules
from kasam.screening.models import Screening
from kasam.screening.selectors import overdue, weight_trend

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("tool", "score", "risk"),
    [
        ("mna_sf", 12, False),
        ("mna_sf", 11, True),
        ("mna_sf", 7, True),
        ("must", 0, False),
        ("must", 1, True),
        ("downton", 2, False),
        ("downton", 3, True),
    ],
)
def test_risk_limits(tool, score, risk):
    assert rules.at_risk(tool, score) is risk


def _post(client, kari, **data):
    payload = {
        "kind": "nutrition",
        "measured_on": "2026-11-01",
        "tool": "mna_sf",
        "score": 10,
        "weight_kg": "61.5",
        "submission_key": str(uuid.uuid4()),
        **data,
    }
    return client.post(reverse("screening:screening", args=[kari.public_id]), payload)


def test_screening_page_stores_once_and_sets_the_due_date(as_alice, alice, kari):
    key = str(uuid.uuid4())
    assert _post(as_alice, kari, submission_key=key).status_code == 302
    assert _post(as_alice, kari, submission_key=key).status_code == 302
    screening = Screening.objects.get()
    assert screening.at_risk
    assert screening.next_due_on == datetime.date(2026, 12, 1)
    assert AuditEvent.objects.filter(actor=alice, object_type="screening").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"tool": "downton"}, "does not screen for this"),
        ({"tool": "must", "score": 9}, "at most 6"),
    ],
)
def test_wrong_tool_or_score(as_alice, kari, data, message):
    response = _post(as_alice, kari, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Screening.objects.exists()


def test_overdue_list(client, alice, kari, charlie):
    from kasam.conftest import login

    assert list(overdue(alice, today=TODAY)) == [kari]  # never screened
    for kind, tool, score in (("nutrition", "mna_sf", 13), ("fall", "downton", 1)):
        Screening.objects.create(
            client=kari,
            kind=kind,
            measured_on=TODAY,
            tool=tool,
            score=score,
            at_risk=False,
            next_due_on=TODAY + datetime.timedelta(days=90),
            made_by=alice,
            submission_key=uuid.uuid4(),
        )
    assert list(overdue(alice, today=TODAY)) == []
    assert list(overdue(alice, today=TODAY + datetime.timedelta(days=91))) == [kari]
    assert list(overdue(charlie, today=TODAY + datetime.timedelta(days=91))) == []
    login(client, alice)
    assert client.get(reverse("screening:overdue")).status_code == 200


def test_weight_trend_points_are_labelled(alice, kari):
    rows = [
        Screening(
            client=kari,
            kind="nutrition",
            measured_on=TODAY - datetime.timedelta(days=d),
            tool="must",
            score=0,
            weight_kg=w,
            at_risk=False,
            next_due_on=TODAY,
            made_by=alice,
            submission_key=uuid.uuid4(),
        )
        for d, w in ((0, 60), (30, 62), (60, 64))
    ]
    points = weight_trend(rows)
    assert [p.label for p in points] == ["24.09: 64.0 kg", "24.10: 62.0 kg", "23.11: 60.0 kg"]
    assert points[0].y == 0
    assert points[-1].y == 100


def test_outsider_gets_404(as_charlie, kari):
    assert as_charlie.get(reverse("screening:screening", args=[kari.public_id])).status_code == 404


def test_the_due_list_is_paged_and_logs_only_the_page_shown(client, alice, kari, org, monkeypatch):
    from kasam.audit.models import AuditHit
    from kasam.conftest import login
    from kasam.factories import ClientFactory, ServiceLinkFactory
    from kasam.screening import views

    for name in ("Anne", "Berit"):
        ServiceLinkFactory(client=ClientFactory(first_name=name), unit=org["north"])
    monkeypatch.setattr(views, "DUE_PER_PAGE", 2)
    login(client, alice)
    first = client.get(reverse("screening:overdue")).content.decode()
    assert "Page 1 of 2" in first
    assert AuditHit.objects.count() == 2  # the two people shown, not all three
    second = client.get(reverse("screening:overdue"), {"page": 2}).content.decode()
    assert "Page 2 of 2" in second
    assert AuditHit.objects.count() == 3
