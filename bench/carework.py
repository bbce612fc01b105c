"""Benchmark of care work on the large demo municipality.

    .venv/bin/python bench/carework.py sqlite
    .venv/bin/python bench/carework.py postgres   # needs PostgreSQL on 127.0.0.1:5432

Builds a fresh database with `kasam demo --size large` (plans, five weeks of visits, notes),
times the generation of one more week of visits for the whole municipality, then reports
p50/p95 server time of a care worker's worklist, a client page and a unit's day board.
"""

from __future__ import annotations

import datetime
import sys
import time

from foundation import _report, _timed, prepare


def main(kind: str) -> None:
    prepare(kind)
    from django.test import Client
    from django.utils import timezone

    from kasam.accounts.models import User
    from kasam.visits.generation import generate
    from kasam.visits.models import Visit

    week = timezone.localdate() + datetime.timedelta(days=7)
    started = time.perf_counter()
    result = generate(week, week + datetime.timedelta(days=6))
    print(f" one week of visits: {result.created} created in {time.perf_counter() - started:.1f} s")
    worker = User.objects.get(username="care.worker")
    today = timezone.localdate()
    mine = Visit.objects.filter(staff=worker, day=today)
    print(f" care.worker: {mine.count()} visits today; {Visit.objects.count()} visits in all")
    http = Client(HTTP_HOST="127.0.0.1")
    http.force_login(worker)
    _report("worklist (today)", _timed(http, "/visits/"))
    first = mine.first()
    assert first is not None, "the demo gives care.worker visits today"
    client = first.client
    _report("client page", _timed(http, f"/clients/{client.public_id}/"))
    manager = User.objects.get(username="unit.manager")
    http.force_login(manager)
    _report("day board (a home-care district, today)", _timed(http, "/visits/board/"))


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("sqlite", "postgres"):
        sys.exit(__doc__)
    main(sys.argv[1])
