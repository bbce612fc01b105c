"""Moving double-staffed visits as one (`ties`), on hand-made days with known answers, and
the finished plan it leads to checked by the validator."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from kasam.planner import benchmarks, formats, solver, ties
from kasam.planner.problem import Job, Need, Plan, Problem, Stop, Worker
from kasam.planner.validator import violations

# Places: 0 the office, 1–4 clients on a line, 10 minutes (600 s) apart.
TRAVEL = np.array([[abs(a - b) * 600 for b in range(5)] for a in range(5)], dtype=np.int64)
HOUR = 3600
HALF = 1800


def at(hours: float) -> int:
    return int(hours * HOUR)


def worker(key: str) -> Worker:
    return Worker(key, at(7), at(15), 0, 0)


def visit(key: str, place: int, earliest: float, latest: float, **more: object) -> Job:
    needs = more.pop("needs", (Need("", HALF),))
    return Job(key, place, at(earliest), at(latest), needs=needs, **more)


def routes_of(problem: Problem, plan: Plan) -> tuple[solver._Model, ties.Ties]:
    jobs = problem.jobs
    placed = plan.starts_by_job()
    fixed = {(j.key, p): s for j in jobs if j.staff > 1 for _, p, s in placed.get(j.key, [])}
    model = solver._Model(problem, jobs, fixed)
    return model, ties.Ties(model, model.routes_of(plan), fixed)


def finished(problem: Problem, moves: ties.Ties) -> Plan:
    """The moved routes timed exactly, as the solver finishes every plan."""
    model = solver._Model(problem, problem.jobs, moves.fixed)
    return solver._retime(problem, model, moves.as_routes(), {})


def two_rounds() -> tuple[Problem, Plan]:
    """Ann and Bo each make an early visit far out (place 4) and a later one near the
    office (place 1). A double-staffed visit at place 4 was put after the near ones, so
    both drive out twice; right after the early visits it costs no drive at all."""
    pair = visit("pair", 4, 8, 12, needs=(Need("", HALF), Need("", HALF)))
    jobs = [
        visit("x", 4, 8, 8.25),
        visit("y", 4, 8, 8.25),
        visit("z", 1, 9.5, 10),
        visit("w", 1, 9.5, 10),
        pair,
    ]
    problem = Problem([worker("ann"), worker("bo")], jobs, {"car": TRAVEL})
    plan = Plan(
        {
            "ann": [
                Stop("x", at(8), at(8.5)),
                Stop("z", at(9.5), at(10)),
                Stop("pair", at(11), at(11.5), 0),
            ],
            "bo": [
                Stop("y", at(8), at(8.5)),
                Stop("w", at(9.5), at(10)),
                Stop("pair", at(11), at(11.5), 1),
            ],
        }
    )
    return problem, plan


def test_a_double_staffed_visit_is_moved_as_one_to_where_it_costs_least():
    problem, plan = two_rounds()
    assert violations(problem, plan) == []
    _, moves = routes_of(problem, plan)
    assert moves.total() == 2 * (2400 + 1800 + 1800 + 2400)

    assert moves.move(problem.job("pair")) == 2 * (1800 + 1800)

    assert moves.total() == 2 * (2400 + 1800 + 600)
    assert moves.fixed == {("pair", 0): at(8.5), ("pair", 1): at(8.5)}
    done = finished(problem, moves)
    assert violations(problem, done) == []
    assert [s.job for s in done.routes["ann"]] == ["x", "pair", "z"]
    assert sorted(start for _, _, start in done.starts("pair")) == [at(8.5), at(8.5)]


def test_a_move_that_saves_nothing_changes_nothing():
    problem, plan = two_rounds()
    _, moves = routes_of(problem, plan)
    moves.move(problem.job("pair"))
    before = moves.snapshot()

    assert moves.move(problem.job("pair")) == 0

    assert moves.total() == 2 * (2400 + 1800 + 600)
    assert moves.fixed == before[3]


def test_a_second_visit_within_its_gap_can_be_made_by_the_worker_who_stays():
    """Both may do both parts: one worker staying between them drives once, not twice."""
    later = visit("later", 4, 8, 12, needs=(Need("", 1200), Need("", 1200)), gap=(HALF, HOUR))
    problem = Problem([worker("ann"), worker("bo")], [later], {"car": TRAVEL})
    plan = Plan(
        {
            "ann": [Stop("later", at(8), at(8) + 1200, 0)],
            "bo": [Stop("later", at(8.75), at(8.75) + 1200, 1)],
        }
    )
    assert violations(problem, plan) == []
    _, moves = routes_of(problem, plan)

    assert moves.move(later) == 4800

    done = finished(problem, moves)
    assert violations(problem, done) == []
    (who, _, first), (again, _, second) = done.starts("later")
    assert who == again
    assert second - first == HALF


def test_parts_out_of_step_are_put_back_in_step():
    problem, plan = two_rounds()
    plan.routes["bo"][-1] = Stop("pair", at(12), at(12.5), 1)  # not with Ann any more
    assert "synchronised" in {v.rule for v in violations(problem, plan)}
    _, moves = routes_of(problem, plan)

    assert moves.repair()

    done = finished(problem, moves)
    assert violations(problem, done) == []
    assert moves.total() == 2 * (2400 + 1800 + 600)


def test_a_pair_that_fits_nowhere_is_not_put_back():
    problem, plan = two_rounds()
    busy = visit("busy", 1, 8, 8, needs=(Need("", at(6.5)),))  # Bo until 14:30
    problem = Problem(problem.workers, [*problem.jobs, busy], {"car": TRAVEL})
    plan.routes["bo"] = [Stop("busy", at(8), at(14.5))]
    plan.unplanned = {"y": "no_time", "w": "no_time"}
    plan.routes["ann"] = [Stop("x", at(8), at(8.5)), Stop("pair", at(9), at(9.5), 0)]
    plan.unplanned["z"] = "no_time"
    _, moves = routes_of(problem, plan)

    assert not moves.repair()


def test_refining_a_finished_plan_never_breaks_a_rule_nor_leaves_out_more():
    data = json.loads(Path(__file__).with_name("data").joinpath("hhcrsp-toy.json").read_text())
    problem = formats.hhcrsp(data)
    plan = solver.solve(problem, seconds=1, seed=3)
    placed = sum(len(stops) for stops in plan.routes.values())

    better = solver.refine(problem, plan, seconds=2, seed=3)

    assert violations(problem, better) == []
    assert sum(len(stops) for stops in better.routes.values()) >= placed
    assert len(better.unplanned) <= len(plan.unplanned)


def test_a_visit_the_routes_lack_is_put_where_it_fits():
    problem, plan = two_rounds()
    plan.routes["bo"] = plan.routes["bo"][:2]
    plan.routes["ann"] = plan.routes["ann"][:2]  # the pair left out
    plan.unplanned = {"pair": "no_time"}
    _, moves = routes_of(problem, plan)

    moves.place_missing()

    done = finished(problem, moves)
    assert violations(problem, done) == []
    assert done.unplanned == {}
    assert moves.total() == 2 * (2400 + 1800 + 600)


def test_lateness_counts_where_a_visit_has_a_due_time_and_pyvrp_may_not_add_to_it():
    """Benchmarks: a start past the due time costs one unit per unit, the latest start
    once more, and PyVRP (which cannot price it) may not start the visit later than it
    starts now."""
    problem, plan = two_rounds()
    late = visit("late", 1, 8, 12, due=at(9))
    problem = Problem(problem.workers, [*problem.jobs, late], {"car": TRAVEL})
    plan.routes["ann"].insert(2, Stop("late", at(10.5), at(11)))
    plan.routes["ann"][-1] = Stop("pair", at(11.5), at(12), 0)
    plan.routes["bo"][-1] = Stop("pair", at(11.5), at(12), 1)
    assert violations(problem, plan) == []
    _, moves = routes_of(problem, plan)
    assert moves.lateness() == 2 * (at(10) - at(9))  # Ann is at place 1 at ten, after z
    assert moves.caps() == {("late", 0): at(10)}

    ties.improve(moves, until=time.monotonic() + 0.5, seed=1)

    # The pair right after the early visits, the late visit after it (half an hour late,
    # no drive more), z after that: nothing cheaper when a unit late costs a unit of travel.
    assert moves.lateness() == 2 * HALF
    assert moves.total() == 2 * (2400 + 1800 + 600) + 2 * HALF
    assert violations(problem, finished(problem, moves)) == []


def test_a_visit_is_not_put_where_it_makes_the_visits_after_it_late():
    """Benchmarks: a visit put before others pushes them later. Ann's two visits at
    place 1 are due at eight and at half past; a third, due in the afternoon, costs no
    drive anywhere there, but before either of them it makes them late (half an hour
    each, and the latest once more): it goes last."""
    problem = Problem(
        [worker("ann")],
        [
            visit("a", 1, 8, 14, due=at(8)),
            visit("b", 1, 8.5, 14, due=at(8.5)),
            visit("c", 1, 8, 14, due=at(14)),
        ],
        {"car": TRAVEL},
    )
    plan = Plan({"ann": [Stop("a", at(8), at(8.5)), Stop("b", at(8.5), at(9))]})
    _, moves = routes_of(problem, plan)
    ann = moves.routes["ann"]
    c = moves.parts["c"][0]
    assert list(moves._later(ann, np.array([at(8.5), at(9), at(9.5)]), np.zeros(3))) == [
        HALF + HALF + HALF,  # before a: a and b half an hour late, the latest once more
        HALF + HALF,  # between them: b late
        0,
    ]

    assert moves.insert(moves.jobs["c"])

    assert [stop.job for stop in finished(problem, moves).routes["ann"]] == ["a", "b", "c"]
    assert moves.lateness() == 0
    assert c in moves._stops(moves.routes["ann"])


def test_a_benchmark_day_too_tight_for_its_windows_still_has_every_visit():
    """The format's windows are soft: visits that fit nowhere in time are made late."""
    data = json.loads(Path(__file__).with_name("data").joinpath("hhcrsp-toy.json").read_text())
    for patient in data["patients"]:
        patient["time_window"] = [200, 201]  # everyone at once: most must be late
    found = benchmarks.run_hhcrsp(data, seconds=4, seed=1)

    assert found["unplanned"] == []
    assert found["violations"] == []
    assert found["total_tardiness"] > 0
