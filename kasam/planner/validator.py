"""Checks every hard rule on any plan: the solver's, a hand-made one, or the current
assignments before they are compared. Used by the tests, the benchmarks and before
publishing. A plan is valid when this finds nothing."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from kasam.planner.problem import BREAK, Job, Plan, Problem, Stop, Worker


@dataclass(frozen=True)
class Violation:
    rule: str
    job: str
    worker: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.job} / {self.worker}: {self.detail}"


def violations(problem: Problem, plan: Plan) -> list[Violation]:
    found = _coverage(problem, plan)
    for worker in problem.workers:
        found += _route(problem, worker, plan.routes.get(worker.key, []))
    for key in plan.routes:
        if key not in {worker.key for worker in problem.workers}:
            found.append(Violation("unknown_worker", "", key, "the plan names no such worker"))
    return found


def _coverage(problem: Problem, plan: Plan) -> list[Violation]:
    """Every job planned as often as it needs staff, by different workers, at one start;
    or listed as unplanned with a reason. Nothing dropped silently."""
    found: list[Violation] = []
    placed = plan.starts_by_job()
    for job in problem.jobs:
        starts = placed.get(job.key, [])
        if job.key in plan.unplanned:
            if starts:
                found.append(Violation("both", job.key, "", "planned and listed as unplanned"))
            continue
        parts = [part for _, part, _ in starts]
        if parts != list(range(job.staff)):
            detail = f"parts planned {parts}, needs {job.staff}"
            found.append(Violation("coverage", job.key, "", detail))
            continue
        together = job.staff > 1 and job.gap is None
        if together and len({worker for worker, _, _ in starts}) != len(starts):
            found.append(Violation("same_worker", job.key, "", "one worker on two parts"))
        found += _tied(job, [start for _, _, start in starts])
    return found


def _tied(job: Job, starts: list[int]) -> list[Violation]:
    """Both parts at the same start, or the second within the gap after the first."""
    if not job.tied(starts):
        return [Violation("synchronised", job.key, "", f"starts {starts}, gap {job.gap}")]
    return []


def _route(problem: Problem, worker: Worker, stops: list[Stop]) -> list[Violation]:
    found: list[Violation] = []
    ready, place = worker.start, worker.start_place
    first_start: int | None = None
    for stop in stops:
        if stop.job.startswith(BREAK):
            found += _break(worker, stop, ready)
            ready = max(ready, stop.end)
            continue
        job = problem.job(stop.job)
        arrival = ready + problem.leg(worker, place, job.place)
        if first_start is None:
            first_start = stop.start - problem.leg(worker, worker.start_place, job.place)
        found += _visit(problem, worker, job, stop, arrival)
        ready, place = stop.end, job.place
    home = ready + problem.leg(worker, place, worker.end_place)
    if stops and home > worker.end + problem.weights.max_overtime:
        found.append(Violation("shift", "", worker.key, f"back at {home}, shift ends {worker.end}"))
    if (
        worker.max_work is not None
        and first_start is not None
        and home - first_start > worker.max_work
    ):
        found.append(Violation("max_work", "", worker.key, f"works {home - first_start}"))
    taken = sum(1 for stop in stops if stop.job.startswith(BREAK))
    if stops and taken != len(worker.breaks):
        found.append(Violation("break", "", worker.key, f"{taken} of {len(worker.breaks)} taken"))
    load = sum(problem.job(s.job).demand for s in stops if not s.job.startswith(BREAK))
    if worker.capacity and load > worker.capacity:
        found.append(Violation("capacity", "", worker.key, f"carries {load}"))
    return found


def _visit(problem: Problem, worker: Worker, job: Job, stop: Stop, arrival: int) -> list[Violation]:
    found: list[Violation] = []

    def broken(rule: str, detail: str) -> None:
        found.append(Violation(rule, job.key, worker.key, detail))

    if not 0 <= stop.part < job.staff:
        broken("coverage", f"no part {stop.part}")
        return found
    need = job.needs[stop.part]
    if not problem.may_do(worker, job, stop.part):
        broken("qualified", f"needs {need.skill or 'a locked worker'}")
    if stop.start < arrival:
        broken("travel", f"starts {stop.start}, cannot arrive before {arrival}")
    low, high = job.window(stop.part) if job.every_part_in_window else (job.earliest, job.latest)
    if (stop.part == 0 or job.every_part_in_window) and not low <= stop.start <= high:
        broken("window", f"starts {stop.start}, window {low}–{high}")
    if job.locked_start is not None and stop.part == 0 and stop.start != job.locked_start:
        broken("locked", f"starts {stop.start}, locked at {job.locked_start}")
    if stop.end != stop.start + need.duration:
        broken("duration", f"lasts {stop.end - stop.start}, needs {need.duration}")
    return found


def _break(worker: Worker, stop: Stop, ready: int) -> list[Violation]:
    fits = [b for b in worker.breaks if b.earliest <= stop.start <= b.latest]
    if not fits or stop.end - stop.start != fits[0].length or stop.start < ready:
        detail = f"break {stop.start}–{stop.end} does not fit {worker.breaks}"
        return [Violation("break", stop.job, worker.key, detail)]
    return []


def summary(problem: Problem, plan: Plan) -> dict[str, int]:
    """The plan's figures that need only the problem: travel and overtime (units of time),
    planned and unplanned jobs, the client's chosen staff asked for and honoured (asked:
    a chosen worker whose shift holds the job and who may do it), and how far apart the
    busiest and the least busy worker's days are (visits and travel)."""
    travel = overtime = 0
    work = []
    for worker in problem.workers:
        stops = [s for s in plan.routes.get(worker.key, []) if _is_job(s)]
        if not stops:
            work.append(0)
            continue
        places = [worker.start_place, *(problem.job(s.job).place for s in stops), worker.end_place]
        legs = [problem.leg(worker, a, b) for a, b in itertools.pairwise(places)]
        travel += sum(legs)
        overtime += max(0, stops[-1].end + legs[-1] - worker.end)
        work.append(sum(legs) + sum(s.end - s.start for s in stops))
    placed = plan.starts_by_job()
    asked = honoured = 0
    for job in problem.jobs:
        if any(problem.could_take(w, job) for w in problem.workers if w.key in job.chosen):
            asked += 1
            honoured += job.honoured_by(w for w, _, _ in placed.get(job.key, []))
    return {
        "travel": travel,
        "overtime": overtime,
        "planned": sum(1 for job in problem.jobs if job.key in placed),
        "unplanned": sum(1 for job in problem.jobs if job.key not in placed),
        "chosen_asked": asked,
        "chosen_honoured": honoured,
        "work_spread": max(work) - min(work) if work else 0,  # visits and travel
    }


def _is_job(stop: Stop) -> bool:
    return not stop.job.startswith(BREAK)
