"""A form sent twice with the same key is saved once (OncePerSubmissionMiddleware)."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from kasam.conftest import login
from kasam.core.models import Submission
from kasam.goals.models import Action, Goal
from kasam.goals.tests.test_goals import example, quinn  # noqa: F401 - fixtures
from kasam.registry.models import Relative

pytestmark = pytest.mark.django_db


def test_a_goal_action_sent_twice_is_one_action(client, example, quinn):  # noqa: F811
    goal = Goal.objects.filter(period=example).first()
    url = reverse("goals:action-add", args=[goal.public_id])
    data = {"title": "Weekly huddle on deadlines", "_submission": str(uuid.uuid4())}
    login(client, quinn)
    first, again = client.post(url, data), client.post(url, data, follow=True)
    assert first.status_code == 302
    assert again.redirect_chain[0][0] == first["Location"]
    assert "already saved" in again.content.decode()
    assert Action.objects.filter(goal=goal, title=data["title"]).count() == 1
    other = client.post(url, {**data, "_submission": str(uuid.uuid4())})
    assert other.status_code == 302
    assert Action.objects.filter(goal=goal, title=data["title"]).count() == 2


def test_a_form_refused_for_its_input_can_be_sent_again_with_the_same_key(as_alice, kari):
    url = reverse("registry:relative-add", args=[kari.public_id])
    key = str(uuid.uuid4())
    data = {"first_name": "Eva", "last_name": "Berg", "relation": "child", "role": "other"}
    assert as_alice.post(url, {**data, "first_name": "", "_submission": key}).status_code == 400
    assert not Submission.objects.filter(key=key).exists()
    assert as_alice.post(url, {**data, "_submission": key}).status_code == 302
    assert as_alice.post(url, {**data, "_submission": key}).status_code == 302
    assert Relative.objects.filter(client=kari, first_name="Eva").count() == 1


def test_a_key_still_being_saved_is_refused(as_alice, kari):
    key = uuid.uuid4()
    Submission.objects.create(key=key, user_id=None)  # another send of it is in flight
    url = reverse("registry:relative-add", args=[kari.public_id])
    data = {"first_name": "Eva", "last_name": "Berg", "relation": "child", "role": "other"}
    assert as_alice.post(url, {**data, "_submission": str(key)}).status_code == 409
    assert not Relative.objects.filter(first_name="Eva").exists()


def test_every_page_loads_the_script_that_gives_forms_their_key(as_alice, client):
    page = as_alice.get(reverse("registry:client-search")).content.decode()
    assert "kasam/kasam.js" in page
    script = b"".join(client.get("/static/kasam/kasam.js").streaming_content).decode()
    assert "_submission" in script


def test_a_refused_action_is_answered_on_its_page_with_400_and_the_reason(
    client,
    example,  # noqa: F811
    quinn,  # noqa: F811
):
    goal = Goal.objects.filter(period=example).first()
    login(client, quinn)
    answer = client.post(reverse("goals:action-add", args=[goal.public_id]), {"title": ""})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert goal.title in page  # the goal's own page, shown again
    assert "This field is required." in page  # with the reason
    assert not Action.objects.filter(goal=goal, title="").exists()
