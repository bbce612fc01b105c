"""Improvement work in plan–do–study–act cycles gathering deviations, and the statistics."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from kasam.conftest import login
from kasam.core.errors import Refused
from kasam.quality import improvement
from kasam.quality.models import Improvement
from kasam.quality.tests.test_deviations import _report

pytestmark = pytest.mark.django_db
Phase = Improvement.Phase


def test_a_cycle_gathers_deviations_and_goes_plan_do_study_act(alice, dave, org):
    falls = [_report(alice, org) for _ in range(2)]
    work = improvement.start(
        user=dave,
        unit=org["north"],
        title="Fewer falls at night",
        aim="Halve falls.",
        deviations=falls,
    )
    assert set(work.deviations.all()) == set(falls)
    with pytest.raises(Refused, match="Write what this phase found"):
        improvement.advance(user=dave, work=work, target=Phase.DO, expected_version=1)
    with pytest.raises(Refused, match="plan → do → study → act"):
        improvement.advance(user=dave, work=work, target=Phase.ACT, expected_version=1, plan="x")
    steps = [
        (Phase.DO, "plan", "Night lights."),
        (Phase.STUDY, "do", "Installed."),
        (Phase.ACT, "study", "Falls halved."),
        (Phase.DONE, "act", "Keep the lights."),
    ]
    for target, name, text in steps:
        work = improvement.advance(
            user=dave, work=work, target=target, expected_version=work.version, **{name: text}
        )
    assert work.phase == Phase.DONE
    improvement.measure(user=dave, work=work, measured_on=datetime.date(2026, 11, 1), value=3)
    assert work.measurements.count() == 1
    action = improvement.add_action(
        user=dave,
        work=work,
        title="Buy night lights",
        owner=alice,
        due_on=datetime.date(2026, 12, 1),
    )
    improvement.finish_action(user=alice, action=action, done_on=datetime.date(2026, 11, 20))
    assert work.actions.get().done_on == datetime.date(2026, 11, 20)


def test_only_the_units_manager_leads_it(alice, charlie, org):
    for user in (alice, charlie):
        with pytest.raises(Refused, match="unit's manager"):
            improvement.start(user=user, unit=org["north"], title="x", aim="y")


def test_pages_and_statistics(client, alice, dave, charlie, org):
    _report(alice, org)
    login(client, dave)
    client.post(
        reverse("quality:improvements"),
        {"title": "Fewer falls", "unit": org["north"].public_id, "aim": "Halve them."},
    )
    work = Improvement.objects.get()
    page = client.get(reverse("quality:improvement", args=[work.public_id])).content.decode()
    assert "Fewer falls" in page
    stats = client.get(reverse("quality:statistics")).content.decode()
    assert "1 deviation in the last 12 months" in stats
    login(client, charlie)
    assert client.get(reverse("quality:improvement", args=[work.public_id])).status_code == 404
