from __future__ import annotations

import pytest
from django.db import DatabaseError
from django.urls import reverse

from kasam.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_client_page_read_writes_exactly_the_expected_entry(as_alice, alice, kari, org):
    as_alice.get(reverse("registry:client-detail", args=[kari.public_id]), REMOTE_ADDR="10.1.2.3")
    event = AuditEvent.objects.get()
    assert (event.actor, event.client, event.action) == (alice, kari, AuditEvent.Action.READ)
    assert (event.actor_role, event.actor_unit, event.basis) == (
        "care_worker",
        org["north"],
        "unit",
    )
    assert (event.object_type, event.object_id) == ("client", str(kari.public_id))
    assert event.ip_address == "10.1.2.3"
    assert event.emergency_access is None


def test_search_writes_one_entry_listing_every_hit(as_alice, alice, kari):
    from kasam.audit.models import AuditHit
    from kasam.audit.selectors import access_log_for

    as_alice.get(reverse("registry:client-search"), {"q": "kari"})
    event = AuditEvent.objects.get()
    assert (event.client, event.action) == (None, AuditEvent.Action.SEARCH)
    hit = AuditHit.objects.get(event=event)
    assert (hit.client, hit.basis) == (kari, "unit")
    assert event.changes["shown"] == [hit.signed()]  # signed with the entry
    shown = access_log_for(kari).get()
    assert (shown.pk, shown.seen_basis, shown.seen_unit_name) == (
        event.pk,
        "unit",
        "Hjemmetjenesten Nord",
    )


def test_search_without_hits_writes_nothing(as_charlie, kari):
    as_charlie.get(reverse("registry:client-search"), {"q": "kari"})
    assert not AuditEvent.objects.exists()


def test_access_log_page_shows_who_read_the_record(as_alice, kari):
    as_alice.get(reverse("registry:client-detail", args=[kari.public_id]))
    page = as_alice.get(reverse("audit:access-log", args=[kari.public_id])).content.decode()
    assert "Alice Test" in page
    assert "Hjemmetjenesten Nord" in page


def test_access_log_csv_export_is_audited_and_lists_reads(as_alice, kari):
    as_alice.get(reverse("registry:client-detail", args=[kari.public_id]))
    response = as_alice.get(reverse("audit:access-log-csv", args=[kari.public_id]))
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert body.count("Alice Test") == 2  # the read, and the export itself
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count() == 1


def test_access_log_pdf_is_a_pdf_and_audited_as_print(as_alice, kari):
    response = as_alice.get(reverse("audit:access-log-pdf", args=[kari.public_id]))
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PRINT, client=kari).count() == 1


def test_with_a_worker_the_access_log_pdf_is_a_job_for_the_asker_only(
    client, alice, bob, kari, settings, django_capture_on_commit_callbacks
):
    from kasam.conftest import login
    from kasam.jobs.models import Job

    settings.KASAM_BACKGROUND_EXPORTS = True
    login(client, alice)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.get(reverse("audit:access-log-pdf", args=[kari.public_id]))
    job = Job.objects.get(owner=alice)
    assert answer.url == reverse("jobs:job", args=[job.public_id])
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PRINT, client=kari).count() == 1
    download = client.get(reverse("jobs:download", args=[job.public_id]))
    assert download.content.startswith(b"%PDF")
    other = login(client, bob).get(reverse("jobs:download", args=[job.public_id]))
    assert other.status_code == 404


def test_access_log_shows_no_emergency_reasons(client, charlie, alice, kari):
    from kasam.conftest import login

    login(client, charlie).post(
        reverse("access:emergency-access"),
        {"national_id": kari.national_id, "reason": "Secret reason about the fall"},
    )
    page = login(client, alice).get(reverse("audit:access-log", args=[kari.public_id]))
    assert "Secret reason" not in page.content.decode()
    assert "Charlie Test" in page.content.decode()


def test_if_the_audit_write_fails_the_read_fails(as_alice, kari, monkeypatch):
    def broken_save(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(AuditEvent, "save", broken_save)
    response = as_alice.get(reverse("registry:client-detail", args=[kari.public_id]))
    assert response.status_code == 503
    assert "Nordmann" not in response.content.decode()


def test_audit_entries_cannot_be_changed_or_deleted(as_alice, kari):
    as_alice.get(reverse("registry:client-detail", args=[kari.public_id]))
    event = AuditEvent.objects.get()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(action="read")
    assert AuditEvent.objects.count() == 1


def test_a_page_showing_a_client_writes_its_entry_without_a_savepoint(as_alice, kari):
    """The entry joins the request's transaction (no SAVEPOINT/RELEASE round trips): if it
    cannot be written, the whole request is undone (test above)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = as_alice.get(reverse("registry:client-detail", args=[kari.public_id]))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(client=kari).exists()
    sql = [q["sql"] for q in captured]
    insert = 'INSERT INTO "audit_auditevent"'
    entry = next(i for i, text in enumerate(sql) if text.startswith(insert))
    opened = sum(text.startswith("SAVEPOINT") for text in sql[:entry])
    released = sum(text.startswith("RELEASE SAVEPOINT") for text in sql[:entry])
    assert opened - released == 1  # the request's own (a savepoint in the test's transaction)


@pytest.mark.parametrize(
    ("language", "words"),
    [("sv", "Vem har tagit del av din journal"), ("en", "Who has accessed your record")],
)
def test_the_access_log_pdf_is_in_the_clients_language_with_letterhead_and_tagged(
    as_alice, kari, settings, language, words
):
    from kasam.conftest import pdf_catalogue, pdf_text

    settings.KASAM_BRAND_NAME = "Testvik kommune"
    kari.preferred_language = language
    kari.save()
    answer = as_alice.get(reverse("audit:access-log-pdf", args=[kari.public_id]))
    text = pdf_text(answer.content)
    assert "Testvik kommune" in text
    assert words in text
    assert pdf_catalogue(answer.content)["/Lang"] == language
