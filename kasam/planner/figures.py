"""A plan's figures on the board, the same for the optimiser's plan and the current one:
travel, visits in their window, the client's chosen staff honoured, projected continuity
over a fortnight, overtime. What needs only the problem comes from validator.summary."""

from __future__ import annotations

import statistics
from collections import defaultdict

from kasam.planner.problem import Plan
from kasam.planner.selectors import Day
from kasam.planner.validator import summary


def figures(day: Day, plan: Plan) -> dict[str, float | int | None]:
    problem = day.problem
    base = summary(problem, plan)
    starts = plan.starts_by_job()
    in_window = sum(
        1
        for job in problem.jobs
        if job.key in starts and job.earliest <= starts[job.key][0][2] <= job.latest
    )
    first_of = {str(second.public_id): first for first, second in day.follow_ups.items()}
    planned = sum(1 for key in day.visits if first_of.get(key, key) in starts)
    return {
        "travel_minutes": round(base["travel"] / 60),
        "visits": len(day.visits),
        "planned": planned,
        "in_window": in_window,
        "unplanned": len(day.visits) - planned,
        "chosen_asked": base["chosen_asked"],
        "chosen_honoured": base["chosen_honoured"],
        "continuity_median": _continuity(day, starts),
        "overtime_minutes": round(base["overtime"] / 60),
        "work_spread_minutes": round(base["work_spread"] / 60),
    }


def _continuity(day: Day, starts: dict[str, list[tuple[str, int, int]]]) -> float | None:
    """Median different staff per client over the fortnight ending with this day."""
    team: dict[int, set[str]] = defaultdict(set)
    for job in day.problem.jobs:
        client = day.visits[job.key].client_id
        team[client] |= day.history.get(str(client), set())
        team[client] |= {w for w, _, _ in starts.get(job.key, [])}
    sizes = [len(staff) for staff in team.values() if staff]
    return statistics.median(sizes) if sizes else None
