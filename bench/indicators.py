"""Benchmark of the goal tree's indicators on the large demo municipality.

    .venv/bin/python bench/indicators.py sqlite
    .venv/bin/python bench/indicators.py postgres   # needs PostgreSQL on 127.0.0.1:5432

Times computing the whole dashboard from live data (every shipped indicator × 36 months ×
every unit: cold, again after the shared cache was emptied, cached, after writes) and
reports p50/p95 server time of the municipality dashboard, an indicator card and the goal
tree. KASAM_BENCH_REUSE=1 reuses an earlier run's database.
"""

from __future__ import annotations

import sys
import time

from foundation import _report, _timed, prepare

REPEAT = 20


def main(kind: str) -> None:
    prepare(kind)
    from django.test import Client
    from django.utils import timezone

    from kasam.accounts.models import User
    from kasam.goals.examples import load_example
    from kasam.goals.models import PlanPeriod
    from kasam.indicators.cache import forget, month_source, touch
    from kasam.indicators.compute import Computation
    from kasam.indicators.models import Indicator, KeptTally
    from kasam.indicators.periods import Kind, Period
    from kasam.organisation.models import OrganisationUnit

    if not PlanPeriod.objects.exists():
        load_example("NO", OrganisationUnit.objects.get(parent__isnull=True))
    indicators = list(Indicator.objects.filter(active=True))
    units = list(OrganisationUnit.objects.all())
    months = Period.containing(Kind.MONTH, timezone.localdate()).shift(-1).last(36)
    KeptTally.objects.all().delete()
    forget()
    for indicator in indicators:  # cold: nothing cached
        started = time.perf_counter()
        Computation([indicator], units, months).run()
        print(f"   {indicator.code:<28} cold {time.perf_counter() - started:.2f} s")
    KeptTally.objects.all().delete()
    forget()
    started = time.perf_counter()
    values = Computation(indicators, units, months).run()
    cold = time.perf_counter() - started
    forget()  # a restart that lost the shared cache: closed months are kept in the database
    started = time.perf_counter()
    Computation(indicators, units, months).run()
    restarted = time.perf_counter() - started
    started = time.perf_counter()
    Computation(indicators, units, months).run()
    warm = time.perf_counter() - started
    touch("cases", month_source("visits", timezone.localdate()))  # a day's work goes on
    started = time.perf_counter()
    Computation(indicators, units, months).run()
    after_writes = time.perf_counter() - started
    print(
        f" whole dashboard: {len(indicators)} indicators × {len(months)} months × {len(units)}"
        f" units = {len(values)} values; cold {cold:.2f} s, after the shared cache was lost"
        f" {restarted:.2f} s, cached {warm:.2f} s,"
        f" after new case and visit writes {after_writes:.2f} s"
    )
    http = Client(HTTP_HOST="127.0.0.1")
    http.force_login(User.objects.get(username="quality.lead"))
    _report("municipality dashboard", _timed(http, "/indicators/", REPEAT))
    _report(
        "indicator card (first contact)", _timed(http, "/indicators/first_contact_in_time/", REPEAT)
    )
    _report("goal tree with traffic lights", _timed(http, "/goals/", REPEAT))


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("sqlite", "postgres"):
        sys.exit(__doc__)
    main(sys.argv[1])
