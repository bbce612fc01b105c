"""The participation model: views, then the staff's response, then the closing meeting."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from kasam.conftest import login
from kasam.core.errors import Refused
from kasam.quality import participation
from kasam.quality.models import ParticipationSession

pytestmark = pytest.mark.django_db


def test_a_session_runs_views_response_closing(dave, alice, org):
    session = participation.start_session(
        user=dave,
        unit=org["north"],
        theme="Mealtimes",
        group="clients",
        participants=6,
        guides=[alice],
        started_on=datetime.date(2026, 10, 1),
    )
    with pytest.raises(Refused, match="participants' views"):
        participation.record(user=dave, session=session, expected_version=1)
    participation.record(
        user=dave, session=session, expected_version=1, views="Dinner is too early."
    )
    with pytest.raises(Refused, match="actions agreed"):
        participation.record(
            user=dave,
            session=session,
            expected_version=2,
            staff_response="We can move it.",
            closing_meeting_on=datetime.date(2026, 11, 1),
        )
    participation.record(
        user=dave,
        session=session,
        expected_version=2,
        staff_response="We can move it.",
        closing_meeting_on=datetime.date(2026, 11, 1),
        agreed_actions="Dinner at 16:30.",
    )
    assert session.stage == "closed"
    with pytest.raises(Refused, match="closed"):
        participation.record(user=dave, session=session, expected_version=3, views="More.")
    with pytest.raises(Refused, match="unit's manager"):
        participation.start_session(
            user=alice,
            unit=org["north"],
            theme="x",
            group="staff",
            participants=3,
            started_on=datetime.date(2026, 10, 1),
        )


def test_sessions_show_on_the_units_page(client, dave, alice, org):
    login(client, dave)
    data = {
        "unit": org["north"].public_id,
        "theme": "Mealtimes",
        "group": "clients",
        "participants": 6,
        "started_on": "2026-10-01",
    }
    assert client.post(reverse("quality:sessions"), data).status_code == 400  # no guide
    client.post(reverse("quality:sessions"), {**data, "guides": [alice.public_id]})
    session = ParticipationSession.objects.get()
    assert (
        "Mealtimes"
        in client.get(
            reverse("quality:unit-sessions", args=[org["north"].public_id])
        ).content.decode()
    )
    unit_page = client.get(reverse("organisation:unit-detail", args=[org["north"].public_id]))
    assert (
        reverse("quality:unit-sessions", args=[org["north"].public_id])
        in unit_page.content.decode()
    )
    step = reverse("quality:session-step", args=[session.public_id])
    assert client.post(step, {"views": " ", "version": 1}).status_code == 400
    client.post(step, {"views": "Too early.", "version": 1})
    session.refresh_from_db()
    assert session.views == "Too early."
    stale = client.post(step, {"staff_response": "We agree.", "version": 1})
    assert stale.status_code == 409
    assert "We agree." in stale.content.decode()
    session.refresh_from_db()
    assert (session.staff_response, session.version) == ("", 2)
