"""The planner on the demo municipality: every home-care unit's day planned, a week ahead.

    .venv/bin/python bench/planner_demo.py sqlite|postgres [--seconds 30] [--days 7]
        [--units N] [--skip N] [--continuity W]

Builds (or, with KASAM_BENCH_REUSE=1, reuses) the large demo like the other benchmarks.
Per unit and day it plans with the board's code (selectors.build_day + solver.solve) and
prints wall time, visits, staff, visits left unplanned (by reason), travel against the
hand assignment the demo made, and the client's chosen staff honoured where the chosen
person works. The days are planned one after another, each knowing whom the earlier
planned days sent, as publishing would; at the end: the median number of different staff
per client over the fortnight (the planned days and, when fewer than 14 are planned, the
days before them as made: `--days 14` plans the whole fortnight), with continuity as a
soft rule and without it (travel of both), and Sweden's national measure of the unit over
the fortnight before, for comparison."""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import os
import statistics
import time
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from foundation import prepare

if TYPE_CHECKING:
    from kasam.organisation.models import OrganisationUnit
    from kasam.planner.selectors import Day


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["sqlite", "postgres"])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--units", type=int, default=0, help="at most this many units (0: all)")
    parser.add_argument("--skip", type=int, default=0, help="leave out the first units")
    parser.add_argument(
        "--continuity", type=int, default=None, help="the continuity weight (default: settings)"
    )
    args = parser.parse_args()
    prepare(args.kind)
    from kasam.organisation.models import OrganisationUnit

    print(f"load average at start: {os.getloadavg()}")
    units = list(OrganisationUnit.objects.filter(kind="home_care").order_by("path"))
    if args.continuity is not None:
        from django.conf import settings

        settings.KASAM_PLANNER_WEIGHTS = settings.KASAM_PLANNER_WEIGHTS | {
            "continuity": args.continuity
        }
    print(f"weights: {settings_weights()}")
    _ahead(args.days)
    for unit in units[args.skip :][: args.units or None]:
        aware = _week(unit, args.seconds, args.days, continuity=True)
        blind = _week(unit, args.seconds, args.days, continuity=False)
        _report(unit, aware, blind)
    print(f"load average at end: {os.getloadavg()}")


def _ahead(days: int) -> None:
    """The demo has shifts and visits for a week ahead: planning longer copies the rota of
    the week before and makes the visits of the days after it (once, kept in the database)."""
    from django.utils import timezone

    from kasam.planner.models import Shift
    from kasam.visits.generation import generate
    from kasam.visits.models import Visit

    today = timezone.localdate()
    last = today + datetime.timedelta(days=days - 1)
    if days <= 7 or Shift.objects.filter(day=last).exists():
        return
    week = list(Shift.objects.filter(day__gte=today, day__lt=today + datetime.timedelta(7)))
    fields = [f.attname for f in Shift._meta.concrete_fields if f.attname not in ("id", "day")]
    copies = [
        Shift(**{name: getattr(shift, name) for name in fields}, day=day)
        for weeks in range(1, (days + 6) // 7)
        for shift in week
        if (day := shift.day + datetime.timedelta(days=7 * weeks)) <= last
    ]
    Shift.objects.bulk_create(copies, ignore_conflicts=True)
    if not Visit.objects.filter(day=last).exists():
        generate(today + datetime.timedelta(days=7), last)
    print(f"rota and visits made up to {last}")


def settings_weights() -> dict:
    from django.conf import settings

    return settings.KASAM_PLANNER_WEIGHTS


def _week(unit: OrganisationUnit, seconds: float, days: int, *, continuity: bool) -> dict:
    from django.utils import timezone

    from kasam.planner import selectors, solver
    from kasam.planner.figures import figures

    today = timezone.localdate()
    planned: dict[int, set[str]] = defaultdict(set)  # client → staff sent by planned days
    result: dict = {"days": [], "planned": planned, "travel": 0}
    for offset in range(days):
        day = selectors.build_day(unit, today + datetime.timedelta(days=offset))
        if not day.visits:
            continue
        _knows(day, planned, continuity)
        started = time.perf_counter()
        plan = solver.solve(day.problem, seconds=seconds, seed=1)
        wall = time.perf_counter() - started
        plan.unplanned.update(day.without_place)
        found = figures(day, plan)
        current = figures(day, selectors.current_plan(day))
        result["travel"] += found["travel_minutes"]
        result["days"].append((day, wall, found, current, Counter(plan.unplanned.values())))
        for key, visit in day.visits.items():
            planned[visit.client_id] |= {w for w, _, _ in plan.starts(key)}
    return result


def _knows(day: Day, planned: dict[int, set[str]], continuity: bool) -> None:
    """The staff who know each client: the real past, and the days planned before."""
    by_key = {key: visit.client_id for key, visit in day.visits.items()}
    jobs = []
    for job in day.problem.jobs:
        client = by_key[job.key]
        known = (job.known | planned.get(client, set())) if continuity else frozenset()
        jobs.append(dataclasses.replace(job, known=frozenset(known)))
    day.problem = dataclasses.replace(day.problem, jobs=jobs)


def _report(unit: OrganisationUnit, aware: dict, blind: dict) -> None:
    from django.utils import timezone

    from kasam.visits.continuity import national_measure
    from kasam.visits.models import Visit

    print(f"\n{unit.name}")
    for day, wall, found, current, reasons in aware["days"]:
        chosen = f"{found['chosen_honoured']}/{found['chosen_asked']}"
        print(
            f"  {day.day}: {found['visits']} visits, {len(day.problem.workers)} staff, "
            f"{wall:.1f} s, unplanned {found['unplanned']} {dict(reasons)}, travel "
            f"{found['travel_minutes']} min (hand assignment {current['travel_minutes']} min, "
            f"{current['unplanned']} not assigned to staff on shift), chosen honoured {chosen}"
        )
    today = timezone.localdate()
    days = len(aware["days"])
    since = today - datetime.timedelta(days=max(0, 14 - days))  # the fortnight's days as made
    scope = {"unit__path__startswith": unit.path, "day__gte": since, "day__lt": today}
    past: dict[int, set[str]] = defaultdict(set)
    for client, staff, second in Visit.objects.filter(
        checked_in_at__isnull=False, **scope
    ).values_list("client_id", "staff__public_id", "second_staff__public_id"):
        past[client] |= {str(s) for s in (staff, second) if s}
    for name, week in (("continuity on", aware), ("continuity off", blind)):
        teams = [len(past.get(c, set()) | staff) for c, staff in week["planned"].items() if staff]
        median = statistics.median(teams) if teams else None
        print(
            f"  {name}: median different staff per client over the fortnight {median}, "
            f"travel over the {days} planned days {week['travel']} min"
        )
    scope_units = type(unit).objects.filter(path__startswith=unit.path)
    measure = national_measure(scope_units, today - datetime.timedelta(days=1))
    print(
        f"  national measure, the fortnight before (as made): mean {measure.mean}, "
        f"median {measure.median} over {measure.clients} clients"
    )


if __name__ == "__main__":
    main()
