"""The solver: a care day (or a benchmark instance) handed to PyVRP, with the care rules on
top.

- Hard rules PyVRP holds itself: windows, shift times, capacity. Skills and locks are held
  by giving every worker (or group of alike workers) a routing profile in which the jobs
  they may not do are out of reach (a travel time no window allows).
- Soft rules (chosen staff, continuity) are costs on the edges into a job in that profile.
- A double-staffed job is two stops that must start at the same unit: the solver first
  places both freely, then puts each pair back in step where it costs least (`ties`) and
  fixes both windows to that start (when one fits nowhere: both windows fixed to the later
  of the two starts and solved again, until every pair starts together or is listed as
  unplanned). Then, in turns, pairs and groups of nearby jobs are moved to cheaper places
  and starts (`ties`) and PyVRP improves the rest around the new starts.
- A break is a stop only its worker may make, with no travel to or from it; the exact
  times are then worked out again on each route (`_retime`), and a job that no longer fits
  is listed as unplanned, so that what comes out always passes the validator.
- A job that cannot be planned is listed with its reason, never dropped silently."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pyvrp
from pyvrp.stop import MaxRuntime

from kasam.planner import ties
from kasam.planner.problem import BREAK, Job, Plan, Problem, Reason, Stop, Weights, Worker
from kasam.planner.validator import violations

OUT_OF_REACH = 200_000  # two days of travel: no window allows it, the job is not theirs
PRIZE = 2_000_000  # what leaving a job unplanned costs: more than any day's travel and penalties
SYNC_ROUNDS = 8  # at most this many solves to tie the parts of double-staffed jobs
ATTEMPTS = 20  # fresh starts at most, when ties fail
MIN_ROUND = 1.0  # seconds: less gives PyVRP no time to repair
FREE_SHARE = 0.2  # of the time: the first solve, double-staffed parts placed freely
ROUND_SHARE = 1 / 8  # of the time left: a turn of PyVRP after moving pairs for half that
TRAVEL_ALLOWANCE = 1.3  # a day's work with its travel, for the fair share of it


@dataclass(frozen=True)
class _Copy:
    """One stop for PyVRP: a worker's share of a job, or a worker's break."""

    job: Job | None
    worker: Worker | None  # for a break
    part: int
    earliest: int
    latest: int
    duration: int


class _Model:
    """The problem as PyVRP data. Rebuilt when the double-staffed windows are fixed."""

    def __init__(
        self, problem: Problem, jobs: list[Job], fixed: Fixed, caps: Fixed | None = None
    ) -> None:
        self.problem = problem
        self.copies = _copies(problem, jobs, fixed, caps or {})
        self.places = sorted({p for w in problem.workers for p in (w.start_place, w.end_place)})
        self.views, self.view_of = _views(problem)
        self.fair = _fair_share(problem, jobs)
        self.costs = _SoftCosts.of(problem)
        self.types, self.type_workers = self._vehicle_types()
        self.matrices = [self._matrices(view) for view in self.views]
        self.data = self._data()

    def matrices_of(self, worker: str) -> tuple[np.ndarray, np.ndarray]:
        """The worker's cost and travel between PyVRP's locations."""
        cost, travel = self.matrices[self.views.index(self.view_of[worker])]
        return cost, travel

    def may_make(self, worker: str, copy: _Copy) -> bool:
        return _Viewer(*self.view_of[worker]).may_make(copy)

    def _data(self) -> pyvrp.ProblemData:
        depots = len(self.places)
        locations = [pyvrp.Location(0, 0) for _ in range(depots + len(self.copies))]
        carries = any(w.capacity for w in self.problem.workers)
        clients = [
            pyvrp.Client(
                location=depots + index,
                delivery=[c.job.demand if c.job else 0] if carries else [],
                service_duration=c.duration,
                tw_early=c.earliest,
                tw_late=c.latest,
                required=self.problem.all_required,
                prize=0 if self.problem.all_required else PRIZE + self.costs.at_stake(c.job),
            )
            for index, c in enumerate(self.copies)
        ]
        depot_list = [pyvrp.Depot(location=i) for i in range(depots)]
        distances, durations = zip(*self.matrices, strict=True)
        return pyvrp.ProblemData(
            locations, clients, depot_list, self.types, list(distances), list(durations)
        )

    def _matrices(self, view: tuple[str, frozenset[str], str | None]) -> tuple[np.ndarray, ...]:
        mode, skills, personal = view
        places = np.array(self.places + [_place(c) for c in self.copies])
        travel = self.problem.travel[mode][np.ix_(places, places)].astype(np.int64)
        cost_source = self.problem.distance if self.problem.distance is not None else None
        cost = (
            cost_source[np.ix_(places, places)].astype(np.int64)
            if cost_source is not None
            else travel.copy()
        )
        breaks = [len(self.places) + i for i, c in enumerate(self.copies) if c.job is None]
        if breaks:
            # No travel into a break; out of it, the longest leg into the next stop, so that
            # the break and the real leg around it always fit (see _retime).
            others = [i for i in range(len(places)) if i not in set(breaks)]
            travel[breaks, :] = travel[others, :].max(axis=0)
            travel[:, breaks] = 0
        cost[breaks, :] = 0
        cost[:, breaks] = 0
        worker = _Viewer(mode, skills, personal)
        for index, copy in enumerate(self.copies):
            column = len(self.places) + index
            if not worker.may_make(copy):
                travel[:, column] = OUT_OF_REACH
            elif copy.job is not None:
                cost[:, column] += worker.penalty(copy.job, self.costs)
        np.fill_diagonal(travel, 0)
        np.fill_diagonal(cost, 0)
        return cost, travel

    def _vehicle_types(self) -> tuple[list[pyvrp.VehicleType], list[list[str]]]:
        groups: dict[tuple, list[Worker]] = {}
        for worker in self.problem.workers:
            shape = (
                self.view_of[worker.key],
                worker.start,
                worker.end,
                worker.start_place,
                worker.end_place,
                worker.capacity,
                worker.max_work,
                worker.breaks,
            )
            groups.setdefault(shape, []).append(worker)
        weights = self.problem.weights
        carries = any(w.capacity for w in self.problem.workers)
        types = []
        for shape, workers in groups.items():
            first = workers[0]
            length, overtime, overtime_cost = _working_time(first, weights, self.fair)
            types.append(
                pyvrp.VehicleType(
                    num_available=len(workers),
                    capacity=[first.capacity or 10**9] if carries else [],
                    start_depot=self.places.index(first.start_place),
                    end_depot=self.places.index(first.end_place),
                    tw_early=first.start,
                    tw_late=first.end + weights.max_overtime,
                    shift_duration=length,
                    max_overtime=overtime,
                    unit_overtime_cost=overtime_cost,
                    profile=self.views.index(shape[0]),
                )
            )
        return types, [[w.key for w in workers] for workers in groups.values()]

    def plan(self, solution: pyvrp.Solution) -> dict[str, list[tuple[int, int]]]:
        """Per worker: (copy index, start) in route order."""
        spare = [list(keys) for keys in self.type_workers]
        routes: dict[str, list[tuple[int, int]]] = {}
        for route in solution.routes():
            worker = spare[route.vehicle_type()].pop(0)
            routes[worker] = [
                (activity.idx, activity.start_time)
                for activity in route.schedule()
                if activity.is_client()
            ]
        return routes

    def routes_of(self, plan: Plan) -> dict[str, list[tuple[int, int]]]:
        """A plan's routes as (copy index, start)."""
        index = {(c.job.key, c.part): i for i, c in enumerate(self.copies) if c.job is not None}
        breaks: dict[str, list[int]] = {}
        for i, copy in enumerate(self.copies):
            if copy.worker is not None:
                breaks.setdefault(copy.worker.key, []).append(i)
        routes: dict[str, list[tuple[int, int]]] = {}
        for worker, stops in plan.routes.items():
            own = iter(breaks.get(worker, []))
            routes[worker] = [
                (next(own) if s.job.startswith(BREAK) else index[s.job, s.part], s.start)
                for s in stops
            ]
        return routes

    def cost(self, routes: dict[str, list[tuple[int, int]]]) -> int:
        """What PyVRP's objective says the routes cost (soft rules, working time and left-out
        jobs included; a very large number when they break a rule)."""
        evaluator = pyvrp.CostEvaluator([0] * self.data.num_load_dimensions, 0, 0)
        return int(evaluator.cost(self.warm_start(routes)))

    def warm_start(self, routes: dict[str, list[tuple[int, int]]]) -> pyvrp.Solution:
        where = {key: t for t, keys in enumerate(self.type_workers) for key in keys}
        return pyvrp.Solution(
            self.data,
            [
                pyvrp.Route(self.data, [index for index, _ in stops], where[worker])
                for worker, stops in routes.items()
                if stops
            ],
        )


@dataclass(frozen=True)
class _Viewer:
    """What one profile sees: the hard and soft rules of a worker, or of alike workers."""

    mode: str
    skills: frozenset[str]
    key: str | None  # None: any of several alike workers no job names

    def may_make(self, copy: _Copy) -> bool:
        if copy.job is None:
            return copy.worker is not None and copy.worker.key == self.key
        job = copy.job
        if job.locked and self.key not in job.locked:
            return False
        if job.may is not None and self.key not in job.may:
            return False
        skill = job.needs[copy.part].skill
        return not skill or skill in self.skills

    def penalty(self, job: Job, costs: _SoftCosts) -> int:
        cost = 0
        if job.chosen and self.key not in job.chosen:
            cost += costs.chosen
        if job.known and self.key not in job.known:
            cost += costs.continuity
        return cost


@dataclass(frozen=True)
class _SoftCosts:
    """What the soft rules charge for one job, in the solver's units."""

    chosen: int
    continuity: int

    @classmethod
    def of(cls, problem: Problem) -> _SoftCosts:
        """The client's choice comes before an even workload: a visit given to someone else
        costs the chosen weight and more than the evenness rule could charge for the wait it
        spares the chosen worker (at most their longest shift)."""
        weights = problem.weights
        longest = max((w.end - w.start for w in problem.workers), default=0)
        return cls(weights.chosen + weights.workload * longest, weights.continuity)

    def at_stake(self, job: Job | None) -> int:
        """The most the soft rules could charge for the job: leaving it out costs that on
        top of the prize, so that a full day leaves out someone else's visit rather than
        one with a chosen or familiar worker."""
        if job is None:
            return 0
        return (self.chosen if job.chosen else 0) + (self.continuity if job.known else 0)


def _views(problem: Problem) -> tuple[list[tuple[str, frozenset[str], str | None]], dict]:
    named = {
        key
        for job in problem.jobs
        for key in (*job.chosen, *job.known, *job.locked, *(job.may or ()))
    }
    view_of = {
        w.key: (w.mode, w.skills, w.key if (w.key in named or w.breaks) else None)
        for w in problem.workers
    }
    views = list(dict.fromkeys(view_of.values()))
    return views, view_of


Fixed = dict[tuple[str, int], int]  # (job key, part) → the start both parts are tied to


def _copies(problem: Problem, jobs: list[Job], fixed: Fixed, caps: Fixed) -> list[_Copy]:
    """PyVRP's stops. `caps`: the latest start PyVRP may give a part that has a due time
    (PyVRP cannot price lateness; the moves in `ties` can, and set these)."""
    copies: list[_Copy] = []
    for job in jobs:
        for part, need in enumerate(job.needs):
            start = fixed.get((job.key, part))
            if job.locked_start is not None and part == 0:
                start = job.locked_start
            earliest, latest = (start, start) if start is not None else job.window(part)
            latest = min(latest, caps.get((job.key, part), latest))
            copies.append(_Copy(job, None, part, earliest, latest, need.duration))
    for worker in problem.workers:
        for pause in worker.breaks:
            copies.append(_Copy(None, worker, 0, pause.earliest, pause.latest, pause.length))
    return copies


def _place(copy: _Copy) -> int:
    if copy.job is not None:
        return copy.job.place
    assert copy.worker is not None
    return copy.worker.start_place  # never travelled to: its rows and columns are zero


def solve(
    problem: Problem,
    *,
    seconds: float,
    seed: int = 1,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Plan:
    """The best plan found in about `seconds`: every job planned, or listed with a reason.
    When double-staffed jobs could not be tied, the ties are tried again from a fresh
    start (another seed) while time is left; the plan leaving out the fewest jobs wins."""
    deadline = time.monotonic() + seconds
    unplanned = {job.key: why for job in problem.jobs if (why := _cannot(problem, job))}
    jobs = [job for job in problem.jobs if job.key not in unplanned]
    best: Plan | None = None
    for attempt in range(ATTEMPTS):
        left = deadline - time.monotonic()
        share = left if attempt == 0 and not _any_tied(jobs) else left * 0.7
        stop = _Stop(cancelled)
        plan = _attempt(problem, jobs, unplanned, share, seed + 1000 * attempt, progress, stop)
        if best is None or len(plan.unplanned) < len(best.unplanned):
            best = plan
        if len(best.unplanned) == len(unplanned) or deadline - time.monotonic() < MIN_ROUND:
            break
        if stop.cancelled:
            break
    assert best is not None
    return best


def refine(problem: Problem, plan: Plan, *, seconds: float, seed: int = 1) -> Plan:
    """Improve a finished plan for `seconds` more: the jobs it left out put in where they
    fit, its double-staffed jobs keep their starts until moved as one (`ties`), the rest
    is improved around them. Returned only when it leaves out no more jobs than `plan`."""
    deadline = time.monotonic() + seconds
    cannot = {job.key: why for job in problem.jobs if (why := _cannot(problem, job))}
    jobs = [job for job in problem.jobs if job.key not in cannot]
    model = _Model(problem, jobs, {})
    moves = ties.Ties(model, model.routes_of(plan), {})  # holds the pairs' starts
    moves.place_missing()
    fixed = moves.fixed
    model = _Model(problem, jobs, fixed)
    routes = moves.as_routes()
    search = _Search(problem, jobs, deadline, seed, _Stop(None))
    model, routes = _move_ties(search, model, routes, fixed)
    better = _honour_choices(problem, model, routes, cannot)
    return better if len(better.unplanned) <= len(plan.unplanned) else plan


class _Stop:
    """PyVRP's stopping criterion: the time is up, or the person who asked cancelled
    (asked at most once a second)."""

    def __init__(self, cancelled: Callable[[], bool] | None) -> None:
        self._ask = cancelled
        self._asked = time.monotonic()
        self._runtime = MaxRuntime(1)
        self.cancelled = False

    def after(self, seconds: float) -> _Stop:
        self._runtime = MaxRuntime(max(seconds, 0.01))
        return self

    def __call__(self, best_cost: int) -> bool:
        if self._runtime(best_cost) or self.cancelled:
            return True
        if self._ask is not None and time.monotonic() - self._asked >= 1:
            self._asked = time.monotonic()
            self.cancelled = self._ask()
        return self.cancelled


def _any_tied(jobs: list[Job]) -> bool:
    return any(job.staff > 1 for job in jobs)


def _attempt(
    problem: Problem,
    jobs: list[Job],
    unplanned: dict[str, str],
    seconds: float,
    seed: int,
    progress: Callable[[int], None] | None,
    stop: _Stop,
) -> Plan:
    search = _Search(problem, jobs, time.monotonic() + seconds, seed, stop)
    tied = [job for job in jobs if job.staff > 1]
    fixed: Fixed = {}
    model = _Model(problem, jobs, fixed)
    first = seconds * (FREE_SHARE if tied else 1.0)
    result = pyvrp.solve(model.data, stop.after(first), seed=seed)
    routes = model.plan(result.best)
    repaired = _repair(model, routes) if tied else None
    if repaired is not None:
        fixed.update(repaired.fixed)
        model, routes = _Model(problem, jobs, fixed), repaired.as_routes()
    else:
        model, routes = _sync_rounds(search, model, routes, fixed)
    if progress:
        progress(60)
    if tied and not stop.cancelled:
        model, routes = _move_ties(search, model, routes, fixed)
    return _honour_choices(problem, model, routes, unplanned)


@dataclass(frozen=True)
class _Search:
    """What the phases of one attempt share."""

    problem: Problem
    jobs: list[Job]
    deadline: float
    seed: int
    stop: _Stop


def _repair(model: _Model, routes: Routes) -> ties.Ties | None:
    """Every double-staffed job put back with its parts in step, each where it costs least
    (`ties`); None when one fits nowhere."""
    moves = ties.Ties(model, routes, {})
    return moves if moves.repair() else None


def _sync_rounds(
    search: _Search, model: _Model, routes: Routes, fixed: Fixed
) -> tuple[_Model, Routes]:
    """Tie the parts by solving again: both windows fixed to the later of the two starts,
    until every pair is in step (or left out, then placed freely again)."""
    problem, jobs, stop = search.problem, search.jobs, search.stop
    tied = [job for job in jobs if job.staff > 1]
    for round_ in range(1, SYNC_ROUNDS + 1):
        starts = _starts(model, routes)
        released = _released(tied, starts, fixed)
        moved = {
            key: t
            for job in tied
            for key, t in _together(job, starts).items()
            if key not in released
        }
        left = search.deadline - time.monotonic()
        if not (moved or released) or left <= 0 or stop.cancelled:
            break
        for key in released:
            del fixed[key]
        fixed.update(moved)
        model = _Model(problem, jobs, fixed)
        share = min(left, max(MIN_ROUND, left / 3))
        result = pyvrp.solve(model.data, stop.after(share), seed=search.seed + round_)
        routes = model.plan(result.best)
    return model, routes


def _move_ties(
    search: _Search, model: _Model, routes: Routes, fixed: Fixed
) -> tuple[_Model, Routes]:
    """With every pair in step, in turns until the time is up: move pairs, and groups of
    nearby jobs, to cheaper places and starts (`ties`), then let PyVRP improve the rest
    around the new starts. When a turn ends no better than the best plan, the next one
    searches on from where it came to, not from the best; the best plan is returned."""
    problem, jobs, deadline, stop = search.problem, search.jobs, search.deadline, search.stop
    best: tuple[int, _Model, Routes] | None = None
    turn = 0
    while deadline - time.monotonic() >= MIN_ROUND and not stop.cancelled:
        turn += 1
        moves = ties.Ties(model, routes, fixed)
        cost = model.cost(routes) + moves.lateness()
        stuck = best is not None and cost >= best[0]
        if not stuck:
            best = (cost, model, routes)
        until = time.monotonic() + _turn(deadline) / 2
        ties.improve(moves, until=until, seed=search.seed + turn, wander=stuck)
        fixed = moves.fixed
        model = _Model(problem, jobs, fixed, moves.caps())
        routes = _polish(model, moves.as_routes(), _turn(deadline), search.seed + turn, stop)
    last = model.cost(routes) + ties.Ties(model, routes, fixed).lateness()
    if best is not None and best[0] < last:
        _, model, routes = best
    return model, routes


def _turn(deadline: float) -> float:
    left = deadline - time.monotonic()
    return min(left, max(MIN_ROUND, left * ROUND_SHARE))


def _polish(
    model: _Model, routes: dict[str, list[tuple[int, int]]], left: float, seed: int, stop: _Stop
) -> dict[str, list[tuple[int, int]]]:
    """With every tie fixed, improve the whole plan from where it is for the time left;
    kept only when it leaves out no more than before."""
    if left < MIN_ROUND:
        return routes
    warm = model.warm_start(routes)
    result = pyvrp.solve(model.data, stop.after(left), seed=seed, initial_solution=warm)
    better = model.plan(result.best)
    placed = sum(len(stops) for stops in routes.values())
    return better if sum(len(stops) for stops in better.values()) >= placed else routes


Routes = dict[str, list[tuple[int, int]]]  # worker → (copy index, solver's start), in order


def _honour_choices(problem: Problem, model: _Model, routes: Routes, unplanned: dict) -> Plan:
    """PyVRP's search can leave a chosen worker's free hour empty while someone else makes
    the visit they were chosen for (seen on the large demo), and on a full day it weighs
    the choice against travel only. For each visit whose chosen worker could take it but
    does not, try it between two of that worker's stops, then in place of one of theirs
    (which goes where the visit was); a move is kept when the plan stays valid and leaves
    out no more visits."""
    plan = _retime(problem, model, routes, unplanned)
    if not problem.weights.chosen:
        return plan
    routes = model.routes_of(plan)  # what was kept, at its times: each trial starts from it
    placed = plan.starts_by_job()
    for index, copy in enumerate(model.copies):
        job = copy.job
        if job is None or job.staff > 1 or not job.chosen or _honoured(job, placed):
            continue
        holder = next((w for w, _, _ in placed.get(job.key, [])), None)
        for trial in _moves(model, routes, job, index, holder):
            found = _retime(problem, model, trial, unplanned)
            fewer_out = len(found.unplanned) <= len(plan.unplanned)
            moved = found.starts_by_job()
            if fewer_out and _honoured(job, moved) and not violations(problem, found):
                routes, plan, placed = trial, found, moved
                break
    return plan


def _honoured(job: Job, placed: dict[str, list[tuple[str, int, int]]]) -> bool:
    return job.honoured_by(w for w, _, _ in placed.get(job.key, []))


def _moves(
    model: _Model, routes: Routes, job: Job, index: int, holder: str | None
) -> Iterator[Routes]:
    """The routes with `job` (copy `index`, made by `holder` or nobody) moved between two
    stops of a chosen worker who could take it; then, in place of one of that worker's
    visits not chosen for them, which `holder` makes instead (or nobody)."""
    problem = model.problem
    chosen = [w for w in problem.workers if w.key in job.chosen and problem.could_take(w, job)]
    for worker in chosen:
        route = routes.get(worker.key, [])
        for position in range(len(route) + 1):
            trial = _without(routes, holder, index)
            trial[worker.key] = [*route[:position], (index, job.earliest), *route[position:]]
            yield trial
    for worker in chosen:
        route = routes.get(worker.key, [])
        for position, (other, start) in enumerate(route):
            if not _may_give_away(model.copies[other].job, worker):
                continue
            trial = _without(routes, holder, index)
            trial[worker.key] = [*route[:position], (index, job.earliest), *route[position + 1 :]]
            if holder is not None:
                spot = [i for i, _ in routes[holder]].index(index)
                trial[holder].insert(spot, (other, start))
            yield trial


def _may_give_away(job: Job | None, worker: Worker) -> bool:
    """A visit its worker may hand over to honour another's choice: one person's, not
    locked, and not one they were chosen for themselves."""
    if job is None or job.staff > 1 or job.locked_start is not None:
        return False
    return not job.honoured_by([worker.key])


def _without(routes: Routes, holder: str | None, index: int) -> Routes:
    trial = {key: list(stops) for key, stops in routes.items()}
    if holder is not None:
        trial[holder] = [stop for stop in trial[holder] if stop[0] != index]
    return trial


def _cannot(problem: Problem, job: Job) -> str | None:
    """Why a job cannot be planned whatever the others do; None when it might be."""
    if any(high < low for low, high in map(job.window, range(job.staff))):
        return Reason.WINDOW
    if job.gap and job.gap[1] < job.gap[0]:
        return Reason.WINDOW
    able = [{w.key for w in problem.workers if problem.may_do(w, job, p)} for p in range(job.staff)]
    if not all(able):
        return Reason.NO_QUALIFIED
    if len(set().union(*able)) < job.staff:
        return Reason.TOO_FEW_QUALIFIED
    fitting = [_fitting(problem, job, part, keys) for part, keys in enumerate(able)]
    if not all(fitting):
        return Reason.OUTSIDE_SHIFTS
    if job.gap is None and len(set().union(*fitting)) < job.staff:
        return Reason.TOO_FEW_QUALIFIED  # not two qualified on shift at that time
    return None


def _fitting(problem: Problem, job: Job, part: int, keys: set[str]) -> set[str]:
    """The qualified workers whose shift can hold this part of the job."""
    first, last = job.window(part)
    length = job.needs[part].duration
    workers = [problem.worker(key) for key in keys]
    return {w.key for w in workers if w.start <= last and first + length <= w.end}


Starts = dict[str, list[tuple[str, int, int]]]  # job key → (worker, part, start) by part


def _starts(model: _Model, routes: dict[str, list[tuple[int, int]]]) -> Starts:
    starts: Starts = {}
    for worker, stops in routes.items():
        for index, start in stops:
            copy = model.copies[index]
            if copy.job is not None:
                starts.setdefault(copy.job.key, []).append((worker, copy.part, start))
    return {key: sorted(found, key=lambda item: item[1]) for key, found in starts.items()}


def _in_step(job: Job, found: list[tuple[str, int, int]]) -> bool:
    return (
        [part for _, part, _ in found] == list(range(job.staff))
        and (job.gap is not None or len({worker for worker, _, _ in found}) == job.staff)
        and job.tied([start for _, _, start in found])
    )


def _released(tied: list[Job], starts: Starts, fixed: Fixed) -> list[tuple[str, int]]:
    """The ties to undo: a tied job the solver then left out, to be placed freely again."""
    return [
        (job.key, part)
        for job in tied
        if len(starts.get(job.key, [])) < job.staff
        for part in range(job.staff)
        if (job.key, part) in fixed
    ]


def _together(job: Job, starts: Starts) -> dict[tuple[str, int], int]:
    """Where the parts should start to be tied, when they are not yet; {} when they are
    (or when the solver left the job out)."""
    found = starts.get(job.key, [])
    if _in_step(job, found) or not found:
        return {}
    times = {part: start for _, part, start in found}
    least, most = job.gap or (0, 0)
    if job.gap is None:
        first = min(max(times.values()), job.latest)
        return {(job.key, part): first for part in range(job.staff)}
    low, high = job.window(0)
    first = min(max(times.get(0, low), times.get(1, 0) - most, low), high)
    second = min(max(times.get(1, first + least), first + least), first + most, job.window(1)[1])
    return {(job.key, 0): first, (job.key, 1): second}


def _retime(
    problem: Problem,
    model: _Model,
    routes: dict[str, list[tuple[int, int]]],
    unplanned: dict[str, str],
) -> Plan:
    """Exact start times on each route (earliest possible, double-staffed at their shared
    start); a job that no longer fits, or whose partner did not, is listed as unplanned."""
    dropped = set(unplanned)
    while True:
        before = len(dropped)
        plan = Plan({w: _timed(problem, model, w, stops, dropped) for w, stops in routes.items()})
        starts = plan.starts_by_job()
        dropped |= {job.key for job in problem.jobs if not _complete(job, starts.get(job.key))}
        if len(dropped) == before:
            break
    plan.unplanned = dict(unplanned)
    for key in dropped - set(unplanned):
        plan.unplanned[key] = Reason.NO_TIME
    placed = plan.starts_by_job()
    for job in problem.jobs:
        if job.key not in plan.unplanned and job.key not in placed:
            plan.unplanned[job.key] = Reason.NO_TIME
    return plan


def _complete(job: Job, found: list[tuple[str, int, int]] | None) -> bool:
    return not found or _in_step(job, found)  # never placed: listed as unplanned


def _timed(
    problem: Problem,
    model: _Model,
    key: str,
    stops: list[tuple[int, int]],
    dropped: set[str],
) -> list[Stop]:
    worker = problem.worker(key)
    ready, place = worker.start, worker.start_place
    timed: list[Stop] = []
    for index, solver_start in stops:
        copy = model.copies[index]
        if copy.job is None:
            start = max(ready, copy.earliest)
            if start > copy.latest:
                continue  # the break is not taken: the validator says so
            timed.append(Stop(BREAK + key, start, start + copy.duration))
            ready = start + copy.duration
            continue
        job = copy.job
        if job.key in dropped:
            continue
        arrival = ready + problem.leg(worker, place, job.place)
        start = max(arrival, copy.earliest)
        if job.staff > 1:
            start = max(start, solver_start)  # tied to the other part's start
        if start > copy.latest:
            dropped.add(job.key)
            continue
        timed.append(Stop(job.key, start, start + copy.duration, copy.part))
        ready, place = start + copy.duration, job.place
    return timed


def _fair_share(problem: Problem, jobs: list[Job]) -> int:
    """Each worker's share of the day's visits, travel allowed for, breaks not counted."""
    work = sum(need.duration for job in jobs for need in job.needs)
    return int(work * TRAVEL_ALLOWANCE / max(1, len(problem.workers)))


def _working_time(worker: Worker, weights: Weights, fair: int) -> tuple[int, int, int]:
    """How long the worker's day may be before it costs, how much longer it may be, and
    what each unit past the first costs. Overtime past the shift's end never makes the day
    longer than the worker's longest working time. Where no overtime is allowed, the cost
    past a fair share of the day's work keeps the workload even."""
    length = worker.end - worker.start
    room = weights.max_overtime
    if worker.max_work is not None:
        length = min(length, worker.max_work)
        room = max(0, min(room, worker.max_work - length))
    share = fair + sum(pause.length for pause in worker.breaks)
    if weights.workload and not room and share < length:
        return share, length - share, weights.workload
    return length, room, weights.overtime
