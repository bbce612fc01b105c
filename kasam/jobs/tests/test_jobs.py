"""A job is made once, shows its progress to the one who asked, and a failure says so and
can be tried again; nobody else sees it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kasam.conftest import login
from kasam.jobs import registry, services
from kasam.jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def producers(monkeypatch):
    """A kind that writes a small file, and one that fails until it is mended."""
    broken = {"yes": True}

    def letters(params, progress):
        progress(50)
        return registry.Made(params["text"].encode(), "letters.txt", "text/plain")

    def flaky(params, progress):
        if broken["yes"]:
            raise RuntimeError("printer on fire")
        return registry.Made(b"ok", "ok.txt", "text/plain")

    monkeypatch.setitem(registry.PRODUCERS, "letters", letters)
    monkeypatch.setitem(registry.PRODUCERS, "flaky", flaky)
    return broken


def _start(owner, kind, capture, text="hei"):
    with capture(execute=True):
        return services.start_job(owner=owner, kind=kind, title="Letters", params={"text": text})


def test_a_job_is_made_after_commit_and_downloaded_by_its_owner_only(
    client, alice, charlie, producers, django_capture_on_commit_callbacks
):
    job = _start(alice, "letters", django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert (job.status, job.progress, bytes(job.result)) == ("done", 100, b"hei")
    login(client, alice)
    page = client.get(reverse("jobs:job", args=[job.public_id])).content.decode()
    assert reverse("jobs:download", args=[job.public_id]) in page
    assert "hx-trigger" not in page  # finished: no more polling
    download = client.get(reverse("jobs:download", args=[job.public_id]))
    assert download.content == b"hei"
    assert download["Content-Disposition"] == 'attachment; filename="letters.txt"'
    login(client, charlie)
    for name in ("jobs:job", "jobs:download"):
        assert client.get(reverse(name, args=[job.public_id])).status_code == 404


def test_a_running_job_shows_its_progress_and_keeps_asking(client, alice, producers):
    job = Job.objects.create(owner=alice, kind="letters", title="Letters", status="running")
    Job.objects.filter(pk=job.pk).update(progress=40)
    login(client, alice)
    url = reverse("jobs:job", args=[job.public_id])
    page = client.get(url).content.decode()
    assert 'value="40"' in page
    assert 'hx-trigger="every 1s"' in page
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="job-status"')
    assert client.get(reverse("jobs:download", args=[job.public_id])).status_code == 404


def test_a_failed_job_says_so_and_is_made_when_tried_again(
    client, alice, producers, django_capture_on_commit_callbacks
):
    job = _start(alice, "flaky", django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == "failed"
    assert "printer" not in job.message  # no technical detail shown to people
    login(client, alice)
    url = reverse("jobs:job", args=[job.public_id])
    assert reverse("jobs:retry", args=[job.public_id]) in client.get(url).content.decode()
    producers["yes"] = False
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("jobs:retry", args=[job.public_id])).status_code == 302
    job.refresh_from_db()
    assert (job.status, bytes(job.result)) == ("done", b"ok")
    assert client.post(reverse("jobs:retry", args=[job.public_id])).status_code == 400


def test_running_a_finished_job_again_changes_nothing(alice, producers):
    job = Job.objects.create(
        owner=alice, kind="letters", title="Letters", status="done", result=b"first"
    )
    services.run(job.pk)  # a redelivered task
    job.refresh_from_db()
    assert bytes(job.result) == b"first"
