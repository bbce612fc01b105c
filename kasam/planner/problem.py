"""What the planner plans, without Django: the workers of a day, the jobs (visits), the
places and the travel between them, and the weights of the soft rules. Times are whole
units from a day's start (the care planner uses seconds, the benchmarks their own units).

The same types carry the Solomon and home-health-care benchmark instances, so the
benchmarks go through the same solver as the planning board."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

BREAK = "break:"  # the key of a worker's break stop: "break:<worker key>"


@dataclass(frozen=True)
class Break:
    """A break to be taken starting between `earliest` and `latest`, for `length` units."""

    earliest: int
    latest: int
    length: int


@dataclass(frozen=True)
class Worker:
    key: str
    start: int
    end: int
    start_place: int
    end_place: int
    skills: frozenset[str] = frozenset()
    mode: str = "car"
    breaks: tuple[Break, ...] = ()
    capacity: int = 0  # 0: nothing is carried (the care planner)
    max_work: int | None = None  # longest working time, travel and waiting included


@dataclass(frozen=True)
class Need:
    """One worker's share of a job: the skill it takes ("" for anyone) and how long."""

    skill: str
    duration: int


@dataclass(frozen=True)
class Job:
    """A visit to plan. Two needs without a `gap`: two different workers starting at the
    same unit (double-staffed). With a `gap` (least, most): the second part starts that
    long after the first, by anyone qualified. The window is for the (first) start."""

    key: str
    place: int
    earliest: int
    latest: int  # the latest start
    needs: tuple[Need, ...]
    gap: tuple[int, int] | None = None
    chosen: frozenset[str] = frozenset()  # the client's own choice (soft)
    known: frozenset[str] = frozenset()  # workers who already know the client (soft)
    locked: tuple[str, ...] = ()  # these workers, and no others (hard)
    may: frozenset[str] | None = None  # only these may take it (who may see the client)
    locked_start: int | None = None
    demand: int = 0
    every_part_in_window: bool = False  # benchmarks: each part's start must be in the window
    due: int | None = None  # benchmarks: a start after this costs, one unit per unit late

    def lateness_at(self, starts: np.ndarray) -> np.ndarray:
        """How late each of `starts` would be (benchmarks; never for the board's jobs)."""
        return np.maximum(0, starts - self.due) if self.due is not None else np.zeros_like(starts)

    @property
    def staff(self) -> int:
        return len(self.needs)

    def honoured_by(self, workers: Iterable[str]) -> bool:
        """One of the client's chosen staff is among the workers who make it."""
        return any(worker in self.chosen for worker in workers)

    def tied(self, starts: list[int]) -> bool:
        """The parts start together, or the second within the gap after the first."""
        if len(starts) < 2:
            return True
        least, most = self.gap or (0, 0)
        return least <= starts[1] - starts[0] <= most

    def window(self, part: int) -> tuple[int, int]:
        """When this part may start, before the parts are tied to each other."""
        if self.gap is None:
            return self.earliest, self.latest
        if self.every_part_in_window:
            if part == 0:
                return self.earliest, self.latest - self.gap[0]
            return self.earliest + self.gap[0], self.latest
        if part == 0:
            return self.earliest, self.latest
        return self.earliest + self.gap[0], self.latest + self.gap[1]


@dataclass(frozen=True)
class Weights:
    """How much a soft rule costs, in the units of travel time. An installation sets them."""

    chosen: int = 3600  # a visit by someone other than the client's chosen staff
    continuity: int = 300  # a visit by someone who does not know the client yet
    overtime: int = 4  # per unit of time past the shift's end
    max_overtime: int = 0  # how far past the shift's end a plan may go
    workload: int = 0  # per unit of a worker's day past a fair share (when no overtime)


@dataclass
class Problem:
    workers: list[Worker]
    jobs: list[Job]
    travel: dict[str, np.ndarray]  # per travel mode: time between places
    distance: np.ndarray | None = None  # the cost of a leg; travel time when None
    weights: Weights = field(default_factory=Weights)
    all_required: bool = False  # benchmarks: no job may be left out

    def job(self, key: str) -> Job:
        return self._jobs_by_key[key]

    def find_job(self, key: str) -> Job | None:
        return self._jobs_by_key.get(key)

    def worker(self, key: str) -> Worker:
        return self._workers_by_key[key]

    def __post_init__(self) -> None:
        self._jobs_by_key = {job.key: job for job in self.jobs}
        self._workers_by_key = {worker.key: worker for worker in self.workers}

    def leg(self, worker: Worker, frm: int, to: int) -> int:
        return int(self.travel[worker.mode][frm, to])

    def cost_of_leg(self, worker: Worker, frm: int, to: int) -> int:
        matrix = self.distance if self.distance is not None else self.travel[worker.mode]
        return int(matrix[frm, to])

    def could_take(self, worker: Worker, job: Job) -> bool:
        """The worker's shift holds the job's window (its first part) and they may do it."""
        fits = worker.start <= job.latest and job.earliest + job.needs[0].duration <= worker.end
        return fits and self.may_do(worker, job, 0)

    def may_do(self, worker: Worker, job: Job, part: int) -> bool:
        """The hard rules between one worker and one part of a job: skill and lock."""
        if job.locked and worker.key not in job.locked:
            return False
        if job.may is not None and worker.key not in job.may:
            return False
        skill = job.needs[part].skill
        return not skill or skill in worker.skills


@dataclass(frozen=True)
class Stop:
    job: str  # a job's key, or BREAK + worker key
    start: int
    end: int
    part: int = 0  # which of the job's needs


@dataclass
class Plan:
    routes: dict[str, list[Stop]]  # per worker, in order
    unplanned: dict[str, str] = field(default_factory=dict)  # job key → reason code

    def starts(self, key: str) -> list[tuple[str, int, int]]:
        """Who starts which part of the job when: (worker, part, start), by part."""
        return self.starts_by_job().get(key, [])

    def starts_by_job(self) -> dict[str, list[tuple[str, int, int]]]:
        """`starts` for every job at once, in one pass over the routes."""
        found: dict[str, list[tuple[str, int, int]]] = {}
        for worker, stops in self.routes.items():
            for stop in stops:
                found.setdefault(stop.job, []).append((worker, stop.part, stop.start))
        return {key: sorted(rows, key=lambda item: item[1]) for key, rows in found.items()}


class Reason:
    """Why a job is not in the plan. The board shows each in the user's language."""

    NO_QUALIFIED = "no_qualified"  # nobody working that day may do it
    TOO_FEW_QUALIFIED = "too_few"  # it needs two, fewer than two may do it
    OUTSIDE_SHIFTS = "outside_shifts"  # its window lies outside every qualified shift
    WINDOW = "window"  # the window ends before it starts
    NO_TIME = "no_time"  # the qualified staff are busy: nothing fits
