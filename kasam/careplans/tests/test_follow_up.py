"""Follow-up of the client's goals, the contact person's and the unit's lists, and the
contact person named by the agreed plan."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from kasam.access.selectors import get_client_for
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor
from kasam.careplans import services
from kasam.careplans.models import GoalReview
from kasam.careplans.selectors import overdue_reviews
from kasam.careplans.tests.test_lifecycle import TODAY, _content, _draft, agreed_plan
from kasam.conftest import login
from kasam.core.errors import Refused

pytestmark = pytest.mark.django_db
LATER = TODAY + datetime.timedelta(days=30)


@pytest.fixture
def agreed(carol, kari, decision):
    """Kari's agreed plan: review in 180 days, one goal followed up in 60 days."""
    version = agreed_plan(carol, kari, decision, review_on=TODAY + datetime.timedelta(days=180))
    return get_client_for(carol, kari.public_id), version


def _review_goal(carol, access, goal, **fields):
    data = {"reviewed_on": LATER, "progress": "on_the_way", "comment": "Walks with a stick."}
    return services.review_goal(actor=Actor(carol), access=access, goal=goal, **(data | fields))


def test_agreeing_starts_the_goals_follow_up_clock(agreed):
    _access, version = agreed
    goal = version.goals.get()
    assert goal.next_follow_up_on == TODAY + datetime.timedelta(days=60)


def test_a_goal_past_its_follow_up_date_puts_the_plan_on_the_list(agreed, carol):
    _access, version = agreed
    assert list(overdue_reviews(carol, today=TODAY)) == []
    late = list(overdue_reviews(carol, today=TODAY + datetime.timedelta(days=61)))
    assert late == [version]
    assert late[0].overdue_goals == 1


def test_goal_follow_up_moves_the_date_and_reached_ends_it(agreed, carol):
    access, version = agreed
    goal = version.goals.get()
    _review_goal(carol, access, goal, next_follow_up_on=LATER + datetime.timedelta(days=90))
    goal.refresh_from_db()
    assert goal.next_follow_up_on == LATER + datetime.timedelta(days=90)
    _review_goal(carol, access, goal, progress="reached", comment="Goes to the shop alone.")
    goal.refresh_from_db()
    assert (goal.reached_on, goal.next_follow_up_on) == (LATER, None)
    assert GoalReview.objects.filter(goal=goal).count() == 2
    assert AuditEvent.objects.filter(object_type="goalreview", actor=carol).count() == 2
    assert list(overdue_reviews(carol, today=TODAY + datetime.timedelta(days=400))) == [version]
    assert overdue_reviews(carol, today=TODAY + datetime.timedelta(days=400))[0].overdue_goals == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Set when the goal is followed up next"),
        ({"next_follow_up_on": LATER}, "must come after"),
    ],
)
def test_goal_follow_up_needs_a_later_date_unless_reached(agreed, carol, fields, message):
    access, version = agreed
    with pytest.raises(Refused, match=message):
        _review_goal(carol, access, version.goals.get(), **fields)
    assert not GoalReview.objects.exists()


def test_draft_goals_are_not_followed_up(carol, kari, decision):
    access, draft = _draft(carol, kari, decision)
    services.save_draft(
        actor=Actor(carol),
        access=access,
        version=draft,
        expected_version=1,
        content=_content(decision),
    )
    with pytest.raises(Refused, match="current plan"):
        _review_goal(carol, access, draft.goals.get(), next_follow_up_on=LATER)


def test_agreed_plan_names_the_clients_contact_person(carol, kari, decision, alice):
    kari.contact_person = None
    kari.save()
    draft = agreed_plan(alice, kari, decision)
    kari.refresh_from_db()
    assert kari.contact_person == draft.contact_person == alice
    assert kari.history.first().contact_person_id == alice.pk
    assert AuditEvent.objects.filter(object_type="client", action="update", client=kari).exists()


def test_contact_persons_list_and_the_units_list(client, agreed, carol, dave, kari):
    after = TODAY + datetime.timedelta(days=61)
    assert [v.plan.client for v in overdue_reviews(carol, today=after, mine=True)] == [kari]
    assert list(overdue_reviews(dave, today=after, mine=True)) == []
    assert [v.plan.client for v in overdue_reviews(dave, today=after)] == [kari]


def test_goal_follow_up_page(client, agreed, carol, charlie, kari):
    _access, version = agreed
    url = reverse("careplans:goal-review", args=[kari.public_id, version.number, 1])
    data = {"reviewed_on": "2026-12-23", "progress": "reached", "comment": "Shops alone."}
    login(client, charlie)
    assert client.post(url, data).status_code == 404
    login(client, carol)
    assert client.post(url.replace("/1/", "/2/"), data).status_code == 404
    page = client.post(url, {**data, "progress": "on_the_way"}, follow=True).content.decode()
    assert "Set when the goal is followed up next" in page
    client.post(url, data)
    assert version.goals.get().reached_on == datetime.date(2026, 12, 23)
    page = client.get(reverse("careplans:version", args=[kari.public_id, 1])).content.decode()
    assert "Shops alone." in page
    assert 'id="id_goal1_comment"' in page
