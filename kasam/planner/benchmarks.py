"""The benchmark runs behind `kasam planner solomon|hhcrsp`, through the board's solver."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any

from kasam.planner import formats, solver, validator
from kasam.planner.problem import Plan, Problem

FIRST_SHARE = 0.3  # of the time: a plan keeping every window, before any is opened


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
    when visits do not fit, every window is opened to the end of the day, lateness then
    costing as in the format, and the visits left out are put where they cost least.
    The plan found is improved for the time left."""
    problem = formats.hhcrsp(data)
    deadline = time.monotonic() + seconds
    plan = solver.solve(problem, seconds=seconds * FIRST_SHARE, seed=seed)
    relaxed = _opened(problem) if plan.unplanned else problem
    plan = solver.refine(relaxed, plan, seconds=max(deadline - time.monotonic(), 0), seed=seed)
    solution = formats.hhcrsp_solution(relaxed, plan)
    return {
        "solution": solution,
        "unplanned": sorted(plan.unplanned),
        "violations": [str(v) for v in validator.violations(relaxed, plan)],
        **formats.hhcrsp_cost(data, solution),
    }


def _opened(problem: Problem) -> Problem:
    """Every window open to the end of the day; lateness is counted from its end."""
    day_end = max(worker.end for worker in problem.workers)
    jobs = [
        dataclasses.replace(
            job, latest=max(day_end - job.needs[0].duration, job.latest), due=job.latest
        )
        for job in problem.jobs
    ]
    return dataclasses.replace(problem, jobs=jobs)


__all__ = ["Plan", "run_hhcrsp", "run_solomon"]
