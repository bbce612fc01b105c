"""The dashboard warm-up computes every value ahead; afterwards the dashboard's values come
from the cache, and a write still shows at once (the cache is keyed by source counters)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kasam.indicators.cache import forget
from kasam.indicators.tasks import warm_dashboard
from kasam.indicators.tests.conftest import at, value

pytestmark = pytest.mark.django_db


def test_warm_up_fills_the_cache_and_a_write_still_shows(kari, org, receive, contact):
    forget()
    today = datetime.date.today()
    last = today.replace(day=1) - datetime.timedelta(days=1)
    month = f"{last.year}M{last.month:02d}"
    receive(kari, "application", at(last.year, last.month, 2))  # never contacted: late
    assert warm_dashboard.delay().get() > 0
    with CaptureQueriesContext(connection) as warm:
        before = value("first_contact_in_time", org["office"], month, today)
    forget()
    with CaptureQueriesContext(connection) as cold:
        value("first_contact_in_time", org["office"], month, today)
    assert len(warm) < len(cold)  # the warm read computed nothing
    assert before.denominator == 1
    receive(kari, "application", at(last.year, last.month, 2))
    after = value("first_contact_in_time", org["office"], month, today)
    assert after.denominator == 2  # not the warmed-up figure


def test_with_a_worker_a_write_queues_one_warm_up_a_minute(
    kari, receive, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    queued = []
    monkeypatch.setattr(warm_dashboard, "apply_async", lambda **kw: queued.append(kw))
    settings.CELERY_TASK_ALWAYS_EAGER = False
    cache.delete("kasam-dashboard-warm-queued")
    with django_capture_on_commit_callbacks(execute=True):
        receive(kari, "application", at(2026, 11, 2))
    with django_capture_on_commit_callbacks(execute=True):
        receive(kari, "application", at(2026, 11, 3))
    assert queued == [{"countdown": 5}]
