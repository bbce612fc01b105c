"""Journal notes: stored once per submission, corrected only by a new note, audited."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from kasam.audit.models import AuditEvent
from kasam.journal.models import JournalNote

pytestmark = pytest.mark.django_db


def _url(kari):
    return reverse("journal:journal", args=[kari.public_id])


def test_a_note_sent_twice_is_stored_once(as_alice, alice, kari):
    key = str(uuid.uuid4())
    data = {"category": "nutrition", "text": "Ate half the dinner.", "submission_key": key}
    assert as_alice.post(_url(kari), data).status_code == 302
    assert as_alice.post(_url(kari), data).status_code == 302
    assert JournalNote.objects.count() == 1
    assert AuditEvent.objects.filter(actor=alice, object_type="journalnote").count() == 1
    assert "Ate half the dinner." in as_alice.get(_url(kari)).content.decode()


def test_correction_marks_the_old_note_and_keeps_it(as_alice, kari):
    as_alice.post(
        _url(kari),
        {"category": "fall", "text": "Fell in the kitchen.", "submission_key": str(uuid.uuid4())},
    )
    wrong = JournalNote.objects.get()
    url = reverse("journal:correct", args=[kari.public_id, wrong.public_id])
    assert as_alice.get(url).status_code == 200
    as_alice.post(
        url,
        {"category": "fall", "text": "Fell in the bathroom.", "submission_key": str(uuid.uuid4())},
    )
    wrong.refresh_from_db()
    assert wrong.entered_in_error
    assert wrong.text == "Fell in the kitchen."
    html = as_alice.get(_url(kari)).content.decode()
    assert "entered in error" in html
    assert "Fell in the bathroom." in html
    again = as_alice.post(
        url, {"category": "fall", "text": "x", "submission_key": str(uuid.uuid4())}, follow=True
    )
    assert "already been corrected" in again.content.decode()
    assert JournalNote.objects.count() == 2


def test_bad_note_is_refused(as_alice, kari):
    response = as_alice.post(
        _url(kari), {"category": "nonsense", "text": "", "submission_key": "x"}
    )
    assert response.status_code == 400
    assert not JournalNote.objects.exists()


def test_outsider_gets_404(as_charlie, kari):
    assert as_charlie.get(_url(kari)).status_code == 404


def test_the_journal_shows_the_newest_notes_a_page_at_a_time(as_alice, alice, kari):
    JournalNote.objects.bulk_create(
        JournalNote(
            client=kari,
            author=alice,
            category="daily_care",
            text=f"Note number {n}.",
            submission_key=uuid.uuid4(),
        )
        for n in range(30)
    )
    first = as_alice.get(_url(kari)).content.decode()
    assert "Note number 29." in first
    assert "Note number 4." not in first
    assert "?page=2" in first
    older = as_alice.get(_url(kari) + "?page=2").content.decode()
    assert "Note number 4." in older
    assert "Note number 29." not in older
    assert as_alice.get(_url(kari) + "?page=nonsense").status_code == 200
