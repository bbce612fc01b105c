"""The server's side of working without a signal (#15): which pages a phone may keep, the
service worker and manifest, a change made meanwhile refused with a reason, nothing stored
twice, everything cleared at logout, and the offline bundle's size."""

from __future__ import annotations

import datetime
import gzip
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from kasam.careplans.tests.test_lifecycle import agreed_plan
from kasam.conftest import login
from kasam.journal.models import JournalNote
from kasam.visits.generation import generate
from kasam.visits.models import Visit

pytestmark = pytest.mark.django_db
HEADER = "X-Kasam-Offline"


@pytest.fixture
def two_days(carol, kari, decision, alice) -> list[Visit]:
    """Kari's visits today and tomorrow, both Alice's."""
    agreed_plan(carol, kari, decision, days="0,1,2,3,4,5,6")
    today = timezone.localdate()
    generate(today, today + datetime.timedelta(days=1))
    Visit.objects.update(staff=alice)
    return list(Visit.objects.order_by("day"))


def test_only_the_users_visits_of_today_may_be_kept_on_the_phone(as_alice, two_days, kari):
    today, tomorrow = two_days
    worklist = as_alice.get(reverse("visits:worklist"))
    assert worklist[HEADER] == timezone.localdate().isoformat()
    page = as_alice.get(reverse("visits:visit", args=[today.public_id]))
    assert page[HEADER] == timezone.localdate().isoformat()
    assert HEADER not in as_alice.get(reverse("visits:visit", args=[tomorrow.public_id]))
    report = as_alice.get(reverse("quality:report") + f"?visit={today.public_id}")
    assert report[HEADER] == timezone.localdate().isoformat()
    assert HEADER not in as_alice.get(reverse("registry:client-detail", args=[kari.public_id]))
    for kept in (worklist, page, report):
        text = kept.content.decode()
        assert kari.national_id not in text
        assert kari.national_id_display not in text


def test_a_visit_given_to_someone_else_is_not_kept_on_my_phone(client, two_days, bob):
    from kasam.organisation.models import Membership

    Membership.objects.filter(user=bob).update(unit=two_days[0].unit)
    login(client, bob)
    assert HEADER not in client.get(reverse("visits:visit", args=[two_days[0].public_id]))


def test_the_service_worker_and_the_manifest_are_served_by_the_app(client):
    worker = client.get("/sw.js")
    assert worker.status_code == 200
    assert worker["Content-Type"].startswith("text/javascript")
    assert worker["Service-Worker-Allowed"] == "/"
    body = worker.content.decode()
    assert "/static/vendor/workbox/workbox-routing.prod.js" in body
    assert "/static/vendor/idb-keyval.js" in body
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert sizes == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        name = icon["src"].removeprefix(settings.STATIC_URL)
        assert (Path(settings.BASE_DIR) / "static" / name).exists()


def test_logging_out_clears_the_phone(as_alice):
    answer = as_alice.post(reverse("accounts:logout"))
    assert answer["Clear-Site-Data"] == '"cache", "storage"'


def test_a_check_in_from_a_page_read_before_a_change_is_refused_with_the_reason(
    as_alice, two_days, dave
):
    visit = two_days[0]
    old = visit.version
    Visit.objects.filter(pk=visit.pk).update(version=old + 1)  # re-planned meanwhile
    url = reverse("visits:check-in", args=[visit.public_id])
    refused = as_alice.post(url, {"version": str(old)})
    assert refused.status_code == 400
    assert "The visit was changed after your page was loaded" in refused.content.decode()
    out = reverse("visits:check-out", args=[visit.public_id])
    refused = as_alice.post(out, {"version": str(old), "outcome": "not_done", "reason": "other"})
    assert refused.status_code == 400
    assert Visit.objects.get(pk=visit.pk).checked_in_at is None
    assert as_alice.post(url, {"version": str(old + 1)}).status_code == 302
    assert Visit.objects.get(pk=visit.pk).checked_in_at is not None


def test_a_check_in_on_a_cancelled_visit_is_a_conflict_not_a_crash(as_alice, two_days):
    visit = two_days[0]
    Visit.objects.filter(pk=visit.pk).update(cancelled_because="hospital")
    refused = as_alice.post(reverse("visits:check-in", args=[visit.public_id]))
    assert refused.status_code == 400
    assert "The visit is cancelled: the client is in hospital." in refused.content.decode()
    assert Visit.objects.get(pk=visit.pk).checked_in_at is None


def test_a_note_written_at_the_door_is_stored_once_however_often_it_is_sent(
    as_alice, two_days, kari
):
    visit = two_days[0]
    page = as_alice.get(reverse("visits:visit", args=[visit.public_id])).content.decode()
    assert "data-fresh-key" in page
    key = str(uuid.uuid4())
    goal = visit.activity.plan_version.goals.first()
    note = {
        "submission_key": key,
        "category": "daily_care",
        "text": "Kari walked to the window herself.",
        "goal": str(goal.pk),
        "next": reverse("visits:visit", args=[visit.public_id]),
        "_submission": str(uuid.uuid4()),
    }
    url = reverse("journal:journal", args=[kari.public_id])
    first = as_alice.post(url, note)
    assert first["Location"] == note["next"]
    again = as_alice.post(url, {**note, "_submission": str(uuid.uuid4())})  # sent again
    assert again.status_code == 302
    stored = JournalNote.objects.get()
    assert stored.goal == goal
    fresh = {"submission_key": str(uuid.uuid4()), "_submission": str(uuid.uuid4())}
    away = as_alice.post(url, {**note, **fresh, "next": "//evil"})
    assert away["Location"] == url  # only back to a visit page of this site


def test_the_offline_bundle_is_small():
    static = Path(settings.BASE_DIR) / "static"
    files = [
        static / "kasam" / "offline.js",
        static / "vendor" / "idb-keyval.js",
        *(static / "vendor" / "workbox").glob("*.prod.js"),
    ]
    assert len(files) == 5
    size = sum(len(gzip.compress(path.read_bytes())) for path in files)
    assert size < 100_000, size
