"""A plan's figures on the board, the same for the optimiser's plan and the current one:
travel, visits in their window, the client's chosen staff honoured, projected continuity
over a fortnight, overtime."""

from __future__ import annotations

import itertools
import statistics
from collections import defaultdict

from kasam.planner.problem import BREAK, Plan
from kasam.planner.selectors import Day


def figures(day: Day, plan: Plan) -> dict[str, float | int | None]:
    problem = day.problem
    travel = overtime = 0
    for worker in problem.workers:
        stops = [s for s in plan.routes.get(worker.key, []) if not s.job.startswith(BREAK)]
        if not stops:
            continue
        places = [worker.start_place, *(problem.job(s.job).place for s in stops), worker.end_place]
        legs = [problem.leg(worker, a, b) for a, b in itertools.pairwise(places)]
        travel += sum(legs)
        overtime += max(0, stops[-1].end + legs[-1] - worker.end)
    starts = {key: plan.starts(key) for key in (job.key for job in problem.jobs)}
    in_window = sum(
        1
        for job in problem.jobs
        if starts[job.key] and job.earliest <= starts[job.key][0][2] <= job.latest
    )
    return {
        "travel_minutes": round(travel / 60),
        "visits": len(day.visits),
        "planned": sum(1 for found in starts.values() if found),
        "in_window": in_window,
        "unplanned": len(day.visits) - sum(1 for found in starts.values() if found),
        **_chosen(day, starts),
        "continuity_median": _continuity(day, starts),
        "overtime_minutes": round(overtime / 60),
    }


def _chosen(day: Day, starts: dict[str, list[tuple[str, int, int]]]) -> dict[str, int]:
    """Visits whose client chose someone who works then (a shift that holds the window, and
    may do the visit), and how many got them."""
    problem = day.problem
    asked = honoured = 0
    for job in problem.jobs:
        able = [
            w
            for w in problem.workers
            if w.key in job.chosen
            and problem.may_do(w, job, 0)
            and w.start <= job.latest
            and job.earliest + job.needs[0].duration <= w.end
        ]
        if able:
            asked += 1
            honoured += any(worker in job.chosen for worker, _, _ in starts[job.key])
    return {"chosen_asked": asked, "chosen_honoured": honoured}


def _continuity(day: Day, starts: dict[str, list[tuple[str, int, int]]]) -> float | None:
    """Median different staff per client over the fortnight ending with this day."""
    team: dict[int, set[str]] = defaultdict(set)
    for key, found in starts.items():
        client = day.visits[key].client_id
        team[client] |= day.history.get(str(client), set()) | {w for w, _, _ in found}
    sizes = [len(staff) for staff in team.values() if staff]
    return statistics.median(sizes) if sizes else None
