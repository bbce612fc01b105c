"""The benchmark runs behind `kasam planner solomon|hhcrsp`, through the board's solver."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any

from kasam.planner import formats, solver, validator
from kasam.planner.problem import Plan, Problem

LATE_STEPS = (0.05, 0.2, 1.0, 4.0, 32.0)  # how far windows may stretch, × their length


def run_solomon(path: Path, *, seconds: float, seed: int = 1) -> dict[str, Any]:
    problem = formats.solomon(path)
    began = time.monotonic()
    plan = solver.solve(problem, seconds=seconds, seed=seed)
    return {
        "instance": path.stem,
        "distance": formats.solomon_distance(problem, plan),
        "vehicles": sum(1 for stops in plan.routes.values() if stops),
        "unplanned": len(plan.unplanned),
        "violations": [str(v) for v in validator.violations(problem, plan)],
        "seconds": round(time.monotonic() - began, 1),
    }


def run_hhcrsp(data: dict[str, Any], *, seconds: float, seed: int = 1) -> dict[str, Any]:
    """The format's windows are soft (lateness costs): plan with the windows as they are;
    when visits do not fit, stretch every window, a little more at each step, lateness
    then costing as in the format (a day that needs a few visits a little late gets
    them, not a few very late); the plan found is improved for the time left."""
    problem = formats.hhcrsp(data)
    deadline = time.monotonic() + seconds
    plan = solver.solve(problem, seconds=seconds * 0.7, seed=seed)
    relaxed = problem
    every = {job.key for job in problem.jobs}
    for index, step in enumerate(LATE_STEPS):
        if not plan.unplanned:
            break
        relaxed = _stretched(problem, problem, every, step)
        left = max(2.0, (deadline - time.monotonic()) / (len(LATE_STEPS) - index + 1))
        plan = solver.solve(relaxed, seconds=left, seed=seed)
    if plan.unplanned:  # still left out: any time of the day, put in by the moves below
        relaxed = _stretched(relaxed, problem, set(plan.unplanned), None)
    left = deadline - time.monotonic()
    if left >= solver.MIN_ROUND or plan.unplanned:
        plan = solver.refine(relaxed, plan, seconds=max(left, 0), seed=seed)
    solution = formats.hhcrsp_solution(relaxed, plan)
    return {
        "solution": solution,
        "unplanned": sorted(plan.unplanned),
        "violations": [str(v) for v in validator.violations(relaxed, plan)],
        **formats.hhcrsp_cost(data, solution),
    }


def _stretched(current: Problem, original: Problem, late: set[str], step: float | None) -> Problem:
    """The windows of the `late` visits stretched by `step` × their length past their
    end (None: to the end of the day); lateness is counted from the end."""
    day_end = max(worker.end for worker in original.workers)
    jobs = []
    for job in current.jobs:
        if job.key in late:
            first = original.job(job.key)
            length = max(first.latest - first.earliest, 1)
            latest = first.latest + int(length * step) if step else day_end - job.needs[0].duration
            job = dataclasses.replace(job, latest=max(latest, first.latest), due=first.latest)
        jobs.append(job)
    return dataclasses.replace(current, jobs=jobs)


__all__ = ["Plan", "run_hhcrsp", "run_solomon"]
