"""Praise, suggestions and complaints: the public page (rate limit, spam, scripts, size),
staff registration, answers, and a complaint about a decision routed to its appeal."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from kasam.conftest import _staff, login
from kasam.decisions.models import Appeal
from kasam.organisation.models import Membership
from kasam.quality.models import Feedback

pytestmark = pytest.mark.django_db
URL = "/feedback/"


@pytest.fixture(autouse=True)
def _no_earlier_floods():
    cache.clear()


def _send(client, **changes):
    data = {"kind": "suggestion", "text": "More walks outside, please.", "sender_name": "Ola"}
    client.cookies["django_language"] = "en"  # as chosen on the page
    return client.post(URL, data | changes, REMOTE_ADDR="192.0.2.7")


def test_anyone_sends_a_suggestion_without_logging_in(client, org):
    assert client.get(URL).status_code == 200
    answer = _send(client, unit=org["north"].pk)
    assert "Thank you" in answer.content.decode()
    item = Feedback.objects.get()
    assert (item.channel, item.unit, item.status) == ("web", org["north"], "received")
    assert item.reply_due_on > item.created_at.date()


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "Click <a href='x'>here</a>", "javascript:alert(1)"],
)
def test_scripts_and_markup_are_refused_with_a_message(client, text):
    answer = _send(client, text=text)
    assert answer.status_code == 400
    assert "plain text" in answer.content.decode()
    assert not Feedback.objects.exists()


def test_oversized_input_is_refused(client):
    answer = _send(client, text="x" * 4001)
    assert answer.status_code == 400
    assert not Feedback.objects.exists()


def test_a_filled_hidden_field_stores_nothing(client):
    assert "Thank you" in _send(client, website="http://spam.example").content.decode()
    assert not Feedback.objects.exists()


def test_floods_are_stopped_with_429(client):
    for _ in range(5):
        _send(client)
    answer = _send(client)
    assert answer.status_code == 429
    assert "Too many messages" in answer.content.decode()
    assert Feedback.objects.count() == 5


def test_the_manager_answers_and_outsiders_do_not_see_it(client, org, dave, charlie):
    _send(
        client,
        unit=org["north"].pk,
        text="Thanks <b>a lot</b>".replace("<b>", "").replace("</b>", ""),
    )
    item = Feedback.objects.get()
    login(client, charlie)
    assert client.get(reverse("quality:feedback", args=[item.public_id])).status_code == 404
    login(client, dave)
    assert "Thanks a lot" in client.get(reverse("quality:feedback-list")).content.decode()
    url = reverse("quality:feedback-answer", args=[item.public_id])
    empty = client.post(url, {"reply": " ", "version": 1})
    assert empty.status_code == 400
    assert "Write the answer" in empty.content.decode() or "required" in empty.content.decode()
    client.post(url, {"reply": "Glad to hear.", "version": 1})
    item.refresh_from_db()
    assert (item.status, item.handler, item.reply) == ("answered", dave, "Glad to hear.")
    second = client.post(url, {"reply": "We are glad too!", "version": 1})
    assert second.status_code == 409
    assert "Saved meanwhile: Glad to hear." in second.content.decode()
    assert "We are glad too!" in second.content.decode()
    item.refresh_from_db()
    assert item.reply == "Glad to hear."


def test_staff_register_a_phone_complaint_and_send_it_to_the_appeal(client, org, erin, decision):
    import datetime

    decision.appeal_deadline = datetime.date(2026, 12, 21)
    decision.save()
    quinn = _staff("quinn", org["municipality"], Membership.Role.QUALITY_LEAD)
    login(client, erin)
    data = {"kind": "complaint", "channel": "phone", "text": "I need more help than granted."}
    client.post(reverse("quality:feedback-register"), data)
    item = Feedback.objects.get()
    assert item.registered_by == erin
    login(client, quinn)
    url = reverse("quality:feedback-appeal", args=[item.public_id])
    answer = client.post(url, {"case_number": "2026-99999"}, follow=True)
    assert "No case with that number" in answer.content.decode()
    login(client, erin)  # the case handler sees the case (the quality lead does not)
    client.post(reverse("quality:feedback-register"), data)
    mine = Feedback.objects.filter(registered_by=erin).latest("pk")
    mine.handler = erin
    mine.save()
    client.post(
        reverse("quality:feedback-appeal", args=[mine.public_id]),
        {"case_number": decision.case.number},
    )
    mine.refresh_from_db()
    assert mine.status == "appeal"
    assert Appeal.objects.get().grounds == "I need more help than granted."


def test_the_feedback_list_narrows_by_kind_and_words_and_pages_what_was_answered(
    client, org, dave, monkeypatch
):
    from django.utils import timezone

    from kasam.quality import feedback_views

    for n, kind in enumerate(["praise", "complaint", "suggestion"]):
        Feedback.objects.create(
            kind=kind,
            text=f"Message number {n}",
            unit=org["north"],
            reply_due_on=timezone.localdate(),
        )
    for n in range(3):
        Feedback.objects.create(
            kind="praise",
            text=f"Answered {n}",
            unit=org["north"],
            status=Feedback.Status.ANSWERED,
            replied_at=timezone.now() - datetime.timedelta(days=n),
            reply_due_on=timezone.localdate(),
        )
    monkeypatch.setattr(feedback_views, "ANSWERED_PER_PAGE", 2)
    login(client, dave)
    url = reverse("quality:feedback-list")
    page = client.get(url).content.decode()
    assert "Page 1 of 2" in page
    assert page.index("Answered 0") < page.index("Answered 1")  # newest first
    complaints = client.get(url, {"kind": "complaint"}).content.decode()
    assert "Message number 1" in complaints
    assert "Message number 0" not in complaints
    words = client.get(url, {"q": "number 2"}).content.decode()
    assert "Message number 2" in words
    assert "Message number 1" not in words
