"""The nightly task generates the coming weeks' visits, and running it again changes nothing
(a task may run twice when a worker dies before acknowledging it)."""

from __future__ import annotations

import pytest
import time_machine

from kasam.careplans.tests.test_lifecycle import agreed_plan
from kasam.config.celery import app
from kasam.visits.models import Visit
from kasam.visits.tasks import generate_coming_visits

pytestmark = pytest.mark.django_db


def test_the_nightly_task_plans_the_coming_weeks_and_is_idempotent(carol, kari, decision, settings):
    settings.KASAM_VISITS_WEEKS_AHEAD = 2
    agreed_plan(carol, kari, decision, days="0,2,4")
    with time_machine.travel("2026-04-01 02:00 +0200", tick=False):  # a Wednesday
        first = generate_coming_visits.delay().get()
        again = generate_coming_visits.delay().get()
    assert first["created"] == Visit.objects.count() == 7  # 1–15 April: W F M W F M W
    assert (again["created"], again["removed"]) == (0, 0)


def test_tasks_are_acknowledged_only_when_done_and_scheduled_nightly():
    assert app.conf.task_acks_late
    assert app.conf.task_reject_on_worker_lost
    assert app.conf.worker_prefetch_multiplier == 1
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert scheduled == {
        "kasam.visits.tasks.generate_coming_visits",
        "kasam.indicators.tasks.warm_dashboard",
        "kasam.audit.tasks.seal_chain",
    }
