"""Plan lifecycle: draft → agreed (current) → superseded; rules on granted services."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from kasam.access.selectors import get_client_for
from kasam.audit.models import AuditEvent
from kasam.audit.selectors import access_log_for
from kasam.audit.services import Actor
from kasam.careplans import services
from kasam.careplans.models import PlanActivity, PlanGoal, PlanVersion
from kasam.careplans.services import PlanContent
from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)
MORNING, NOON = datetime.time(8), datetime.time(12)


def _line(decision, code):
    return decision.lines.get(service__code=code)


def _content(
    decision, *, days="0,2,4", minutes=30, code="home_nursing", help_kind="", follow_up=None
):
    minutes_after = dict(
        zip(
            ("follow_up_minutes", "follow_up_after", "follow_up_within"),
            follow_up or (),
            strict=False,
        )
    )
    return PlanContent(
        goals=[
            PlanGoal(
                own_words="Walk to the shop.",
                how_we_know="I go alone.",
                follow_up_on=TODAY + datetime.timedelta(days=60),
            )
        ],
        activities=[
            PlanActivity(
                line=_line(decision, code),
                what="Wound care",
                how="Before breakfast, with the radio on.",
                days=days,
                window_start=MORNING,
                window_end=NOON,
                duration_minutes=minutes,
                help_kind=help_kind,
                **minutes_after,
            )
        ],
    )


def _draft(carol, kari, decision):
    access = get_client_for(carol, kari.public_id)
    return access, services.start_version(
        actor=Actor(carol), access=access, decision=decision, contact_person=carol
    )


def agreed_plan(user, client, decision, *, review_on=None, **content):
    """A plan drafted with `content` (see _content) and agreed by `user`."""
    access, draft = _draft(user, client, decision)
    fields = {"review_on": review_on} if review_on else {}
    services.save_draft(
        actor=Actor(user),
        access=access,
        version=draft,
        expected_version=draft.version,
        content=_content(decision, **content),
        **fields,
    )
    draft.refresh_from_db()
    return _agree(user, access, draft)


def _agree(carol, access, version):
    return services.agree(
        actor=Actor(carol),
        access=access,
        version=version,
        expected_version=version.version,
        method="paper",
        agreed_on=TODAY,
        agreed_by="Kari Nordmann",
    )


def test_lifecycle_draft_agreed_current_superseded(carol, kari, decision):
    access, first = _draft(carol, kari, decision)
    services.save_draft(
        actor=Actor(carol),
        access=access,
        version=first,
        expected_version=1,
        content=_content(decision),
    )
    first.refresh_from_db()
    assert services.current_version(kari) is None  # a draft is not the plan
    _agree(carol, access, first)
    assert services.current_version(kari) == first
    _access, second = _draft(carol, kari, decision)
    assert second.number == 2
    assert second.goals.count() == 1
    assert second.activities.count() == 1
    _agree(carol, access, second)
    first.refresh_from_db()
    assert first.status == PlanVersion.Status.SUPERSEDED
    assert services.current_version(kari) == second
    assert AuditEvent.objects.filter(object_type="planversion", actor=carol).count() >= 5


def test_activity_on_a_refused_service_is_refused(carol, kari, decision):
    access, draft = _draft(carol, kari, decision)
    with pytest.raises(Refused, match="not granted"):
        services.save_draft(
            actor=Actor(carol),
            access=access,
            version=draft,
            expected_version=1,
            content=_content(decision, code="meals"),
        )


def test_more_time_than_granted_is_a_warning(carol, kari, decision):
    access, draft = _draft(carol, kari, decision)
    warnings = services.save_draft(
        actor=Actor(carol),
        access=access,
        version=draft,
        expected_version=1,
        content=_content(decision, days="0,1,2,3,4,5,6", minutes=45),
    )
    assert warnings == ["Home nursing: the plan has 5.2 hours per week, more than the 3 granted."]
    assert draft.activities.count() == 1  # saved all the same


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"window_end": datetime.time(7)}, "ends before it starts"),
        ({"days": ""}, "choose the days"),
        ({"follow_up_minutes": 10}, "a second visit needs its minutes"),
        (
            {"follow_up_minutes": 10, "follow_up_after": 60, "follow_up_within": 30},
            "latest start comes before its earliest",
        ),
        (
            {
                "follow_up_minutes": 10,
                "follow_up_after": 30,
                "follow_up_within": 60,
                "staff_count": 2,
            },
            "two staff cannot also have a second visit",
        ),
    ],
)
def test_bad_activities(carol, kari, decision, change, message):
    access, draft = _draft(carol, kari, decision)
    content = _content(decision)
    for name, value in change.items():
        setattr(content.activities[0], name, value)
    with pytest.raises(Refused, match=message):
        services.save_draft(
            actor=Actor(carol), access=access, version=draft, expected_version=1, content=content
        )


def test_zero_minutes_is_refused(carol, kari, decision):
    from django.core.exceptions import ValidationError

    access, draft = _draft(carol, kari, decision)
    with pytest.raises(ValidationError):
        services.save_draft(
            actor=Actor(carol),
            access=access,
            version=draft,
            expected_version=1,
            content=_content(decision, minutes=0),
        )


def test_no_agreement_without_goals_and_activities(carol, kari, decision):
    access, draft = _draft(carol, kari, decision)
    with pytest.raises(Refused, match="at least one goal and one activity"):
        _agree(carol, access, draft)


def test_declined_with_reason_never_becomes_current(carol, kari, decision):
    access, draft = _draft(carol, kari, decision)
    with pytest.raises(Refused, match="Say why"):
        services.decline(
            actor=Actor(carol), access=access, version=draft, expected_version=1, reason=" "
        )
    services.decline(
        actor=Actor(carol),
        access=access,
        version=draft,
        expected_version=1,
        reason="Wants to talk to her son first.",
    )
    assert services.current_version(kari) is None


def test_two_people_editing_one_draft(carol, kari, decision):
    access, draft = _draft(carol, kari, decision)
    stale = PlanVersion.objects.get(pk=draft.pk)
    services.save_draft(
        actor=Actor(carol),
        access=access,
        version=draft,
        expected_version=1,
        content=_content(decision),
    )
    with pytest.raises(StaleEdit):
        services.save_draft(
            actor=Actor(carol),
            access=access,
            version=stale,
            expected_version=1,
            content=_content(decision, minutes=20),
        )
    assert draft.activities.get().duration_minutes == 30


def test_plan_needs_the_clients_current_decision(carol, kari, decision):
    decision.superseded_on = TODAY
    decision.save()
    with pytest.raises(Refused, match="current decision"):
        _draft(carol, kari, decision)
    assert Decimal(3) == _line(decision, "home_nursing").scope


def test_follow_up_sets_the_next_review_and_clears_the_overdue_list(carol, kari, decision):
    from kasam.careplans.selectors import overdue_reviews

    access, draft = _draft(carol, kari, decision)
    services.save_draft(
        actor=Actor(carol),
        access=access,
        version=draft,
        expected_version=1,
        content=_content(decision),
        review_on=TODAY - datetime.timedelta(days=1),
    )
    draft.refresh_from_db()
    _agree(carol, access, draft)
    assert list(overdue_reviews(carol, today=TODAY)) == [draft]
    with pytest.raises(Refused, match="must come after"):
        services.review(
            actor=Actor(carol),
            access=access,
            version=draft,
            reviewed_on=TODAY,
            went_well="Walks daily.",
            next_review_on=TODAY,
        )
    services.review(
        actor=Actor(carol),
        access=access,
        version=draft,
        reviewed_on=TODAY,
        went_well="Walks daily.",
        next_review_on=TODAY + datetime.timedelta(days=90),
    )
    assert list(overdue_reviews(carol, today=TODAY)) == []
    assert list(overdue_reviews(carol, today=TODAY + datetime.timedelta(days=91))) == [draft]


def test_overdue_page_lists_and_logs(client, carol, kari, decision, charlie):
    from django.urls import reverse

    from kasam.conftest import login

    agreed_plan(carol, kari, decision)
    login(client, carol)
    assert "Kari Nordmann" in client.get(reverse("careplans:overdue")).content.decode()
    assert access_log_for(kari).filter(actor=carol, action="search").exists()
    login(client, charlie)
    assert "Kari Nordmann" not in client.get(reverse("careplans:overdue")).content.decode()


def test_plan_api_lists_versions_and_agrees(carol, kari, decision, charlie):
    from rest_framework.test import APIClient

    access, draft = _draft(carol, kari, decision)
    services.save_draft(
        actor=Actor(carol),
        access=access,
        version=draft,
        expected_version=1,
        content=_content(decision),
    )
    api = APIClient()
    api.force_login(carol)
    listed = api.get(f"/api/v1/clients/{kari.public_id}/plan/").json()
    assert listed[0]["status"] == "draft"
    assert listed[0]["activities"][0]["weekdays"] == [0, 2, 4]
    url = f"/api/v1/plans/{draft.public_id}/agree/"
    payload = {"version": 1, "method": "digital", "agreed_on": "2026-11-23", "agreed_by": "Kari"}
    assert api.post(url, payload, format="json").status_code == 409  # saved once: version 2
    agreed = api.post(url, {**payload, "version": 2}, format="json")
    assert agreed.json()["status"] == "agreed"
    outsider = APIClient()
    outsider.force_login(charlie)
    assert outsider.get(f"/api/v1/clients/{kari.public_id}/plan/").status_code == 404
    assert outsider.post(url, payload, format="json").status_code == 404


def test_window_outside_the_units_service_hours(carol, kari, decision, org):
    north = org["north"]
    north.service_from, north.service_to = datetime.time(7), datetime.time(22)
    north.save()
    access, draft = _draft(carol, kari, decision)
    content = _content(decision)
    content.activities[0].window_start = datetime.time(6)
    with pytest.raises(
        Refused, match=r"outside Hjemmetjenesten Nord's service hours \(07:00–22:00\)"
    ):
        services.save_draft(
            actor=Actor(carol), access=access, version=draft, expected_version=1, content=content
        )
