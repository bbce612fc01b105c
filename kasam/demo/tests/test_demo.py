from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from kasam.access.selectors import clients_visible_to
from kasam.accounts.models import User
from kasam.core.national_id import parse_national_id
from kasam.registry.models import Client

pytestmark = pytest.mark.django_db


def _made_with(seed: int) -> list[tuple[str, str, str, int]]:
    """The people a demo made with `seed`, and how many cases each has; then undone."""
    with transaction.atomic():
        call_command("demo", size="small", seed=seed)
        people = sorted(
            (c.national_id, c.first_name, c.last_name, c.cases.count())
            for c in Client.objects.prefetch_related("cases")
        )
        transaction.set_rollback(True)
    return people


def test_small_demo_uses_test_numbers_and_gives_the_care_worker_clients(settings):
    call_command("demo", size="small", seed=7)
    numbers = list(Client.objects.values_list("national_id", flat=True))
    assert len(numbers) == 300
    assert all(parse_national_id(n, country=settings.KASAM_COUNTRY).is_test_number for n in numbers)
    care_worker = User.objects.get(username="care.worker")
    assert clients_visible_to(care_worker).exists()
    from kasam.visits.models import Visit

    second = Visit.objects.filter(part=1).select_related("follows").first()
    assert second is not None  # some nursing has a second visit, tied to its first
    assert (second.follows.client_id, second.follows.day) == (second.client_id, second.day)


def test_the_same_seed_makes_the_same_municipality_and_another_seed_another():
    first, again, other = _made_with(7), _made_with(7), _made_with(8)
    assert first == again
    assert first != other


def test_demo_refuses_unknown_country_and_size():
    with pytest.raises(CommandError, match="Unknown country"):
        call_command("demo", country="DK")
    with pytest.raises(CommandError, match="Unknown size"):
        call_command("demo", size="huge")


def test_demo_refuses_other_country_than_installation(settings):
    settings.KASAM_COUNTRY = "NO"
    with pytest.raises(CommandError, match="KASAM_COUNTRY=SE"):
        call_command("demo", country="SE")


def test_swedish_demo(settings):
    settings.KASAM_COUNTRY = "SE"
    call_command("demo", size="small", country="SE", seed=1)
    number = Client.objects.first().national_id
    assert parse_national_id(number, country="SE").is_test_number


def test_the_demo_plans_no_visits_or_services_for_clients_after_they_are_gone(settings):
    from django.db.models import F

    from kasam.registry.models import ServiceLink
    from kasam.visits.models import Visit

    call_command("demo", size="small", seed=4)
    gone = Client.objects.filter(status__in=Client.GONE)
    assert gone.exists()
    assert not gone.filter(status_since=None).exists()
    assert not Visit.objects.filter(client__in=gone, day__gte=F("client__status_since")).exists()
    links = ServiceLink.objects.filter(client__in=gone)
    assert not links.filter(ends_on=None).exists()
    from kasam.cases.models import Case
    from kasam.decisions.models import Decision

    assert not Case.objects.filter(
        client__in=gone, received_at__date__gte=F("client__status_since")
    )
    decided = Decision.objects.filter(case__client__in=gone)
    assert not decided.filter(decided_at__date__gte=F("case__client__status_since")).exists()


def test_the_demo_has_clients_away_whose_visits_are_on_no_worklist(settings):
    from django.utils import timezone

    from kasam.accounts.models import User
    from kasam.visits.models import Visit
    from kasam.visits.selectors import worklist

    call_command("demo", size="small", seed=4)
    today = timezone.localdate()
    cancelled = Visit.objects.exclude(cancelled_because="")
    assert cancelled.exists()
    assert set(cancelled.values_list("cancelled_because", flat=True)) <= {"hospital", "short_stay"}
    assert not cancelled.exclude(checked_in_at=None).exists()  # none documented
    staff = User.objects.filter(visits__day=today).distinct()
    shown = {v.pk for user in staff for v in worklist(user, today)}
    assert shown
    assert not shown & set(cancelled.values_list("pk", flat=True))
    gone = Client.objects.filter(status__in=Client.GONE)
    assert not Visit.objects.filter(pk__in=shown, client__in=gone).exists()


def test_the_demo_has_staff_away_whom_the_day_is_planned_without(settings, client):
    from django.utils import timezone

    from kasam.accounts.models import User
    from kasam.organisation.models import Absence, OrganisationUnit
    from kasam.planner.selectors import on_shift

    call_command("demo", size="small", seed=4)
    today = timezone.localdate()
    away = Absence.objects.on(today)
    assert away.count() == OrganisationUnit.objects.filter(kind="home_care").count()
    assert all(a.user.username.startswith("staff.") for a in away)  # never a demo login
    units = OrganisationUnit.objects.filter(kind__in=["home_care", "team"])
    assert not on_shift(units, today).filter(user__in=away.values("user")).exists()
    client.force_login(User.objects.get(username="unit.manager"))
    page = client.get("/units/today/").content.decode()  # in the manager's Norwegian
    assert '<strong class="figure">1</strong> <span>ansatte borte i dag</span>' in page


@pytest.mark.parametrize(
    "built_on",
    # today, the last day of a month (its own day not yet documented), late in a month
    # (last month's last fortnight is before the four weeks) and New Year's Day
    [None, "2027-03-31", "2027-09-19", "2027-01-01"],
)
def test_every_shipped_indicator_has_demo_data_this_year(built_on):
    """Concerns, revisions, plan reviews, emergency accesses, surveys of clients and staff,
    morning-and-evening help: no card of the demo municipality is empty for the year,
    whatever day the demo is built."""
    import contextlib
    import datetime

    import time_machine

    at = datetime.datetime.fromisoformat(f"{built_on}T10:00+00:00") if built_on else None
    with time_machine.travel(at, tick=False) if at else contextlib.nullcontext():
        assert _empty_cards_this_year() == []


def _empty_cards_this_year() -> list[str]:
    from django.utils import timezone

    from kasam.indicators.compute import Computation
    from kasam.indicators.definitions import DEFINITIONS
    from kasam.indicators.models import Indicator
    from kasam.indicators.periods import Period
    from kasam.organisation.models import OrganisationUnit

    call_command("demo", size="small", seed=1)
    top = OrganisationUnit.objects.get(parent=None)
    shipped = list(Indicator.objects.filter(code__in=DEFINITIONS))
    assert len(shipped) == len(DEFINITIONS)
    today = timezone.localdate()
    year = Period.parse(str(today.year if today.month > 1 else today.year - 1))
    found = Computation(shipped, [top], [year], today=today).run()
    return [i.code for i in shipped if not found[(i.code, top.pk, year.code)].denominator]
