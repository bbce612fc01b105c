"""Moving a double-staffed job as one, which PyVRP cannot do: both parts taken out of their
routes and put back together, into two workers' routes at a shared start (or the second
part within its gap after the first), where that makes the day cheaper.

PyVRP sees each part as a stop of its own with its start fixed; it improves everything
around the fixed starts but never moves a pair to another time. These moves do, and PyVRP
then improves the rest around the new starts (see `solver._attempt`).

Each route's times are worked out once per change: the earliest a worker can leave each
stop, and the latest each stop may start without making a later one late. Whether a part
fits between two stops, and from when to when it could start there, then follows from the
two neighbours alone, so every place in every route is tried at once.

The benchmarks' windows are soft: a start past a visit's due time costs, one unit per
unit, and the latest start once more. PyVRP cannot price that either; these moves do, for
the visit put in and for every later stop it pushes past its due time."""

from __future__ import annotations

import dataclasses
import random
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from kasam.planner.problem import Job, Worker

if TYPE_CHECKING:
    from kasam.planner.solver import _Model

Routes = dict[str, list[tuple[int, int]]]  # worker → (copy index, start), in order
_NOT_DUE = Job("", 0, 0, 0, ())  # a break: never late
_NEVER = np.iinfo(np.int64).max // 4  # the due time of a stop that is never late


@dataclass
class _Route:
    """One worker's stops (copy indices) and the times that follow from them."""

    worker: Worker
    nodes: np.ndarray  # PyVRP locations: start depot, the stops, end depot
    ready: np.ndarray  # when the worker can leave each node but the last
    latest: np.ndarray  # the latest start at each node but the first
    cost: int  # travel and soft rules
    late: int  # starts past their due time (benchmarks), summed
    start: np.ndarray  # when each stop starts
    waited: np.ndarray  # the waiting before each stop, summed from the first
    due: np.ndarray  # each stop's due time (_NEVER: none)
    worst: int  # the latest a stop starts past its due time


@dataclass(frozen=True)
class _Spot:
    """Where one part could go: its route, the gap in it, the starts it allows, the cost."""

    route: np.ndarray
    gap: np.ndarray
    earliest: np.ndarray
    latest: np.ndarray
    cost: np.ndarray


class Ties:
    """The routes of one plan, with the fixed starts of its double-staffed jobs, as the
    moves see them. `model` is the solver's `_Model` (its copies, places and matrices)."""

    def __init__(self, model: _Model, routes: Routes, fixed: dict[tuple[str, int], int]) -> None:
        self.model = model
        self.fixed = dict(fixed)
        self.depots = len(model.places)
        copies = model.copies
        self.duration = np.array([c.duration for c in copies], dtype=np.int64)
        self.early = np.array([c.earliest for c in copies], dtype=np.int64)
        self.late = np.array([c.latest for c in copies], dtype=np.int64)
        self.parts: dict[str, list[int]] = {}
        self.jobs: dict[str, Job] = {}
        self._job_of = [copy.job or _NOT_DUE for copy in copies]
        due = [_NEVER if job.due is None else job.due for job in self._job_of]
        self.due = np.array(due, dtype=np.int64)
        self.timely = all(job.due is None for job in self._job_of)  # nothing priced as late
        for index, copy in enumerate(copies):
            if copy.job is not None:
                self.parts.setdefault(copy.job.key, []).append(index)
                self.jobs[copy.job.key] = copy.job
        for stops in routes.values():
            for index, start in stops:
                self._hold(index, start)
        problem = model.problem
        self.routes = {
            w.key: self._route(w, [i for i, _ in routes.get(w.key, [])]) for w in problem.workers
        }

    def _hold(self, index: int, start: int) -> None:
        """A double-staffed part keeps its start while the others move (PyVRP may shift a
        pair the sync rounds found in step, and lose the step)."""
        copy = self.model.copies[index]
        if copy.job is not None and copy.job.staff > 1:
            self.early[index] = self.late[index] = start
            self.fixed[(copy.job.key, copy.part)] = start

    def _route(self, worker: Worker, stops: list[int]) -> _Route:
        cost, travel = self.model.matrices_of(worker.key)
        places = self.model.places
        nodes = np.array(
            [
                places.index(worker.start_place),
                *(self.depots + i for i in stops),
                places.index(worker.end_place),
            ],
            dtype=np.int64,
        )
        legs = travel[nodes[:-1], nodes[1:]]
        ready = np.empty(len(stops) + 1, dtype=np.int64)
        ready[0] = worker.start
        start = np.empty(len(stops), dtype=np.int64)
        for k, index in enumerate(stops):
            start[k] = max(ready[k] + legs[k], self.early[index])
            ready[k + 1] = start[k] + self.duration[index]
        latest = np.empty(len(stops) + 1, dtype=np.int64)
        latest[-1] = self._day_end(worker)
        for k in range(len(stops) - 1, -1, -1):
            index = stops[k]
            latest[k] = min(self.late[index], latest[k + 1] - legs[k + 1] - self.duration[index])
        due = self.due[stops]
        late = np.maximum(0, start - due)
        return _Route(
            worker,
            nodes,
            ready,
            latest,
            int(cost[nodes[:-1], nodes[1:]].sum()),
            int(late.sum()),
            start,
            np.cumsum(start - ready[:-1] - legs[:-1]),
            due,
            int(late.max(initial=0)),
        )

    def _day_end(self, worker: Worker) -> int:
        end = worker.end + self.model.problem.weights.max_overtime
        if worker.max_work is not None:
            end = min(end, worker.start + worker.max_work)
        return end

    def total(self) -> int:
        """What the moves minimise: travel and soft rules, and lateness (benchmarks)."""
        return sum(route.cost for route in self.routes.values()) + self.lateness()

    def caps(self) -> dict[tuple[str, int], int]:
        """For each placed part with a due time: the latest start PyVRP may give it, no
        later than it starts now unless that is before it is due."""
        found = {}
        for route in self.routes.values():
            for k, index in enumerate(self._stops(route)):
                job = self._job_of[index]
                if job.due is not None:
                    part = self.model.copies[index].part
                    start = int(route.ready[k + 1] - self.duration[index])
                    due = dataclasses.replace(job, latest=job.due).window(part)[1]
                    found[(job.key, part)] = max(start, due)
        return found

    def lateness(self) -> int:
        """Lateness as the benchmarks price it: every stop's, and the worst once more."""
        return sum(route.late for route in self.routes.values()) + self._worst()

    def starts(self) -> dict[str, int]:
        """When each placed job starts (its first part)."""
        found: dict[str, int] = {}
        for route in self.routes.values():
            for index, start in zip(self._stops(route), route.start, strict=True):
                key = self._job_of[index].key
                found[key] = min(found.get(key, _NEVER), int(start))
        return found

    def route_of(self, key: str) -> list[str]:
        """The jobs in the route of `key`'s first part, in order."""
        worker = self._where().get(self.parts[key][0])
        if worker is None:
            return []
        return [self._job_of[i].key for i in self._stops(self.routes[worker])]

    def late_jobs(self) -> set[str]:
        """The jobs with a part starting past its due time."""
        found: set[str] = set()
        for route in self.routes.values():
            stops = self._stops(route)
            found.update(
                self._job_of[stops[k]].key for k in np.flatnonzero(route.start > route.due)
            )
        return found

    def _worst(self) -> int:
        return max((route.worst for route in self.routes.values()), default=0)

    def as_routes(self) -> Routes:
        """Back to the solver's shape: a tied part with its fixed start, the others with
        their earliest (their times are worked out again)."""
        return {
            key: [(i, int(self.early[i])) for i in self._stops(route)]
            for key, route in self.routes.items()
        }

    def movable(self, tied_only: bool = False) -> list[Job]:
        """The placed jobs these moves may take out (a locked start stays where it is)."""
        where = self._where()
        jobs = []
        for job in self.jobs.values():
            indices = self.parts[job.key]
            if tied_only and job.staff == 1:
                continue
            if job.locked_start is None and all(i in where for i in indices):
                jobs.append(job)
        return jobs

    def _where(self) -> dict[int, str]:
        return {i: key for key, route in self.routes.items() for i in self._stops(route)}

    def _stops(self, route: _Route) -> list[int]:
        return [int(node) - self.depots for node in route.nodes[1:-1]]

    def snapshot(self) -> tuple:
        return dict(self.routes), self.early.copy(), self.late.copy(), dict(self.fixed)

    def restore(self, state: tuple) -> None:
        routes, early, late, fixed = state
        self.routes, self.early, self.late, self.fixed = dict(routes), early, late, fixed

    def remove(self, jobs: list[Job]) -> None:
        gone = {i for job in jobs for i in self.parts[job.key]}
        for key, route in list(self.routes.items()):
            stops = self._stops(route)
            if gone.intersection(stops):
                kept = [i for i in stops if i not in gone]
                self.routes[key] = self._route(route.worker, kept)
        for job in jobs:
            for index in self.parts[job.key]:
                part = self.model.copies[index].part
                self.early[index], self.late[index] = job.window(part)
                self.fixed.pop((job.key, part), None)

    def insert(self, job: Job) -> bool:
        """Put a job taken out where it costs least; False when it fits nowhere."""
        indices = self.parts[job.key]
        if len(indices) == 1:
            spots = self._spots(job, indices[0])
            if spots is None:
                return False
            best = int(np.argmin(spots.cost))
            places = [(int(spots.route[best]), int(spots.gap[best]), None)]
        else:
            options = [self._best_pair(job, indices), self._one_worker(job, indices)]
            found = [option for option in options if option is not None]
            if not found:
                return False
            places = min(found)[1]
        keys = list(self.routes)
        for (number, gap, start), index in zip(places, indices, strict=True):
            route = self.routes[keys[number]]
            stops = self._stops(route)
            stops.insert(gap, index)
            if start is not None:
                self._hold(index, start)
            self.routes[keys[number]] = self._route(route.worker, stops)
        return True

    def repair(self) -> bool:
        """Put every double-staffed job whose parts are not in step (or not all placed)
        back in step where it costs least. False when one fits nowhere."""
        where = self._where()
        for job in self.jobs.values():
            indices = self.parts[job.key]
            if job.staff == 1 or job.locked_start is not None:
                continue
            placed = all(i in where for i in indices)
            if placed and self._in_step(job, indices, where):
                continue
            self.remove([job])
            if not self.insert(job):
                return False
            where = self._where()
        return True

    def place_missing(self) -> None:
        """Put each job the routes lack (or lack a part of) where it costs least, if it
        fits anywhere (PyVRP may leave out one it could not fit at the time)."""
        where = self._where()
        missing = [
            job
            for job in self.jobs.values()
            if job.locked_start is None and not all(i in where for i in self.parts[job.key])
        ]
        for job in sorted(missing, key=lambda job: -job.staff):  # those fitting least first
            self.remove([job])
            self.insert(job)

    def _in_step(self, job: Job, indices: list[int], where: dict[int, str]) -> bool:
        workers = {where[i] for i in indices}
        apart = job.gap is not None or len(workers) == len(indices)
        return apart and job.tied([int(self.early[i]) for i in indices])

    def move(self, job: Job) -> int:
        """Put `job`'s parts where the day costs least, if less than now: the cost saved."""
        before, state = self.total(), self.snapshot()
        self.remove([job])
        if not self.insert(job) or self.total() >= before:
            self.restore(state)
            return 0
        return before - self.total()

    def _best_pair(self, job: Job, indices: list[int]) -> tuple[int, list] | None:
        """Two workers, each part where it costs least with the starts in step."""
        first, second = (self._spots(job, i) for i in indices)
        if first is None or second is None:
            return None
        least, most = job.gap or (0, 0)
        start = np.maximum(first.earliest[:, None], second.earliest[None, :] - most)
        fits = start <= np.minimum(first.latest[:, None], second.latest[None, :] - least)
        fits &= first.route[:, None] != second.route[None, :]
        if not fits.any():
            return None
        cost = np.where(fits, first.cost[:, None] + second.cost[None, :], np.iinfo(np.int64).max)
        a, b = np.unravel_index(int(np.argmin(cost)), cost.shape)
        t0 = int(start[a, b])
        t1 = max(int(second.earliest[b]), t0 + least)
        return int(cost[a, b]), [
            (int(first.route[a]), int(first.gap[a]), t0),
            (int(second.route[b]), int(second.gap[b]), t1),
        ]

    def _one_worker(self, job: Job, indices: list[int]) -> tuple[int, list] | None:
        """A job whose second part comes a while after the first: one worker who may do
        both, staying between them (the second part right after the first)."""
        if job.gap is None:
            return None
        least, most = job.gap
        copies = [self.model.copies[i] for i in indices]
        (low0, high0), (low1, high1) = (job.window(c.part) for c in copies)
        x0, x1 = (self.depots + i for i in indices)
        best: tuple[int, list] | None = None
        for number, route in enumerate(self.routes.values()):
            if not all(self.model.may_make(route.worker.key, c) for c in copies):
                continue
            cost, travel = self.model.matrices_of(route.worker.key)
            before, after = route.nodes[:-1], route.nodes[1:]
            t0 = np.maximum(np.maximum(low0, route.ready + travel[before, x0]), low1 - most)
            t1 = np.maximum(t0 + copies[0].duration + travel[x0, x1], np.maximum(t0 + least, low1))
            last = np.minimum(high1, route.latest - travel[x1, after] - copies[1].duration)
            ok = (t0 <= high0) & (t1 <= np.minimum(last, t0 + most))
            if not ok.any():
                continue
            added = cost[before, x0] + cost[x0, x1] + cost[x1, after] - cost[before, after]
            added = np.where(ok, added, np.iinfo(np.int64).max)
            gap = int(np.argmin(added))
            if best is None or added[gap] < best[0]:
                places = [(number, gap, int(t0[gap])), (number, gap + 1, int(t1[gap]))]
                best = (int(added[gap]), places)
        return best

    def _spots(self, job: Job, index: int) -> _Spot | None:
        copy = self.model.copies[index]
        low, high = job.window(copy.part)
        node = self.depots + index
        found = []
        for number, route in enumerate(self.routes.values()):
            if not self.model.may_make(route.worker.key, copy):
                continue
            cost, travel = self.model.matrices_of(route.worker.key)
            before, after = route.nodes[:-1], route.nodes[1:]
            earliest = np.maximum(low, route.ready + travel[before, node])
            latest = np.minimum(high, route.latest - travel[node, after] - copy.duration)
            added = cost[before, node] + cost[node, after] - cost[before, after]
            if not self.timely:
                arrival = earliest + copy.duration + travel[node, after]
                added = added + self._later(route, arrival, job.lateness_at(earliest))
            ok = earliest <= latest
            if ok.any():
                gaps = np.flatnonzero(ok)
                found.append((number, gaps, earliest[ok], latest[ok], added[ok]))
        if not found:
            return None
        return _Spot(
            np.concatenate([np.full(len(g), n) for n, g, *_ in found]),
            np.concatenate([g for _, g, *_ in found]),
            np.concatenate([f[2] for f in found]),
            np.concatenate([f[3] for f in found]),
            np.concatenate([f[4] for f in found]),
        )

    def _later(self, route: _Route, arrival: np.ndarray, own: np.ndarray) -> np.ndarray:
        """Per gap, the lateness a stop put there adds (late `own`, reaching the next
        stop at `arrival`): its own, and the later stops' it pushes past their due
        time (a push shrinks by each wait it meets), the worst counted once more."""
        before = np.maximum(0, route.start - route.due)
        push = np.maximum(0, arrival[:-1] - route.start)
        waited = route.waited[None, :] - route.waited[:, None]
        pushed = np.triu(np.maximum(0, push[:, None] - waited))
        after = np.maximum(0, route.start + pushed - route.due)
        added = own.copy()
        added[:-1] += (after - before).sum(axis=1)
        worst = own.copy()
        worst[:-1] = np.maximum(worst[:-1], after.max(axis=1, initial=0))
        return added + np.maximum(0, worst - self._worst())


RUIN = 6  # at most this many nearby jobs taken out together
LEEWAY = 0.02  # how much worse than the best a day may get while searching, at first


def improve(ties: Ties, *, until: float, seed: int, wander: bool = False) -> int:
    """Until `until`: first every double-staffed job moved alone while that saves, then
    a few nearby jobs at a time (`_Pick`) taken out and put back in a shuffled order,
    kept when the day costs little more than the best seen (less and less more, towards
    the end). Ends on the best day seen; with `wander`, on the day it came to (to search
    on from elsewhere when the best one leads nowhere). Returns what it saved."""
    chance = random.Random(seed)  # a search order, not a secret
    ties.place_missing()
    first = ties.total()
    _descend(ties, chance, until)
    jobs = ties.movable()
    if len(jobs) < 2:
        return first - ties.total()
    pick = _Pick(ties, jobs, chance)
    began, best, kept = time.monotonic(), ties.total(), ties.snapshot()
    while (now := time.monotonic()) < until:
        slack = LEEWAY * best * (1 if wander else (until - now) / max(until - began, 1e-9))
        taken = pick()
        taken.sort(key=lambda job: -job.staff)  # the double-staffed first: they fit least
        state = ties.snapshot()
        ties.remove(taken)
        if not all(ties.insert(job) for job in taken) or ties.total() > best + slack:
            ties.restore(state)
        elif ties.total() < best:
            best, kept = ties.total(), ties.snapshot()
    if not wander:
        ties.restore(kept)
    return first - ties.total()


class _Pick:
    """Which few jobs to take out next: one job and those nearest it. On a late day
    (benchmarks), half the time a late job: with those nearest it in place and time, or
    with stops of its own route (the order there decides who is late)."""

    def __init__(self, ties: Ties, jobs: list[Job], chance: random.Random) -> None:
        self.ties, self.jobs, self.chance = ties, jobs, chance
        self.index = {job.key: i for i, job in enumerate(jobs)}
        self.near = _nearness(ties, jobs)
        self.near_now = self.near if ties.timely else _nearness(ties, jobs, ties.starts())

    def __call__(self) -> list[Job]:
        chance, ties, index = self.chance, self.ties, self.index
        late = [] if ties.timely or chance.random() < 0.5 else ties.late_jobs() & index.keys()
        first = index[chance.choice(sorted(late))] if late else chance.randrange(len(self.jobs))
        size = chance.randint(2, RUIN)
        if late and chance.random() < 0.5:
            mates = [index[key] for key in ties.route_of(self.jobs[first].key) if key in index]
            picked = chance.sample(mates, min(size, len(mates)))
        else:
            picked = list((self.near_now if late else self.near)[first][:size])
        taken = [self.jobs[i] for i in picked]
        chance.shuffle(taken)
        return taken


def _descend(ties: Ties, chance: random.Random, until: float) -> None:
    while time.monotonic() < until:
        jobs = ties.movable(tied_only=True)
        chance.shuffle(jobs)
        if not sum(ties.move(job) for job in jobs if time.monotonic() < until):
            return


def _nearness(ties: Ties, jobs: list[Job], starts: dict[str, int] | None = None) -> np.ndarray:
    """Per job, the jobs in order of distance from it (itself first); with `starts`, of
    distance and time apart together."""
    problem = ties.model.problem
    matrix = problem.distance
    if matrix is None:
        matrix = next(iter(problem.travel.values()))
    places = np.array([job.place for job in jobs])
    apart = matrix[np.ix_(places, places)]
    if starts is not None:
        at = np.array([starts[job.key] for job in jobs])
        apart = apart + np.abs(at[:, None] - at[None, :])
    return np.argsort(apart, axis=1, kind="stable")
