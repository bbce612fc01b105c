"""The validator on hand-made days with known answers, and each hard rule held by the
solver on small days."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from kasam.planner import solver
from kasam.planner.problem import (
    Break,
    Job,
    Need,
    Plan,
    Problem,
    Reason,
    Stop,
    Weights,
    Worker,
)
from kasam.planner.validator import summary, violations

# Places: 0 the office, 1–4 clients on a line, 10 minutes (600 s) apart.
TRAVEL = np.array([[abs(a - b) * 600 for b in range(5)] for a in range(5)], dtype=np.int64)
HOUR = 3600


def worker(key: str, skills: tuple[str, ...] = (), **more: object) -> Worker:
    shape = {"start": 7 * HOUR, "end": 15 * HOUR, "start_place": 0, "end_place": 0}
    return Worker(key, skills=frozenset(skills), **(shape | more))


def job(key: str, place: int, at: float, **more: object) -> Job:
    needs = more.pop("needs", (Need("", 1800),))
    window = int(at * HOUR), int(at * HOUR) + HOUR
    return Job(key, place, *window, needs=needs, **more)


def day(workers: list[Worker], jobs: list[Job]) -> Problem:
    return Problem(workers, jobs, {"car": TRAVEL})


def test_a_hand_made_valid_plan_passes():
    problem = day([worker("ann")], [job("a", 1, 8), job("b", 2, 9)])
    plan = Plan(
        {"ann": [Stop("a", 8 * HOUR, 8 * HOUR + 1800), Stop("b", 9 * HOUR, 9 * HOUR + 1800)]}
    )
    assert violations(problem, plan) == []
    assert summary(problem, plan)["travel"] == 600 + 600 + 1200


@pytest.mark.parametrize(
    ("stops", "rule"),
    [
        ([Stop("a", 10 * HOUR, 10 * HOUR + 1800)], "window"),  # after the window
        ([Stop("a", 8 * HOUR, 8 * HOUR + 600)], "duration"),
        ([Stop("a", 7 * HOUR, 7 * HOUR + 1800)], "window"),
        ([], "coverage"),  # dropped silently
    ],
)
def test_the_validator_finds_each_broken_rule(stops, rule):
    problem = day([worker("ann")], [job("a", 1, 8)])
    found = violations(problem, Plan({"ann": stops}))
    assert rule in {v.rule for v in found}


def test_the_validator_finds_travel_that_cannot_be_made():
    problem = day([worker("ann")], [job("a", 4, 8), job("b", 1, 8.5)])
    plan = Plan(
        {"ann": [Stop("a", 8 * HOUR, 8 * HOUR + 1800), Stop("b", 8 * HOUR + 1800, 8 * HOUR + 3600)]}
    )
    assert [v.rule for v in violations(problem, plan)] == ["travel"]


def test_the_validator_finds_a_double_staffed_visit_not_together_and_a_missing_skill():
    two = (Need("hoist", 1800), Need("hoist", 1800))
    problem = day([worker("ann", ("hoist",)), worker("bo")], [job("a", 1, 8, needs=two)])
    plan = Plan(
        {
            "ann": [Stop("a", 8 * HOUR, 8 * HOUR + 1800, 0)],
            "bo": [Stop("a", 8 * HOUR + 300, 8 * HOUR + 2100, 1)],
        }
    )
    assert {v.rule for v in violations(problem, plan)} == {"synchronised", "qualified"}


def test_the_solver_starts_a_double_staffed_visit_with_two_workers_at_the_same_minute():
    two = (Need("", 1800), Need("", 1800))
    jobs = [job("lift", 2, 8, needs=two), job("a", 1, 8), job("b", 3, 8), job("c", 4, 9)]
    problem = day([worker("ann"), worker("bo"), worker("cy")], jobs)
    plan = solver.solve(problem, seconds=2)
    assert violations(problem, plan) == []
    starts = plan.starts("lift")
    assert len({w for w, _, _ in starts}) == 2
    assert len({t for _, _, t in starts}) == 1
    assert plan.unplanned == {}


def test_a_second_visit_follows_the_first_within_its_gap():
    parts = (Need("", 1200), Need("", 900))
    jobs = [job("pair", 1, 8, needs=parts, gap=(1800, 3600)), job("a", 3, 8)]
    problem = day([worker("ann"), worker("bo")], jobs)
    plan = solver.solve(problem, seconds=2)
    assert violations(problem, plan) == []
    first, second = (t for _, _, t in plan.starts("pair"))
    assert 1800 <= second - first <= 3600


def test_competences_locks_and_breaks_are_held():
    jobs = [
        job("insulin", 1, 8, needs=(Need("nurse", 900),)),
        job("locked", 2, 9, locked=("bo",), locked_start=9 * HOUR + 600),
        *(job(f"v{i}", 1 + i % 4, 7 + i * 0.5) for i in range(10)),
    ]
    lunch = (Break(11 * HOUR, 12 * HOUR, 1800),)
    workers = [worker("ann", ("nurse",), breaks=lunch), worker("bo", breaks=lunch)]
    problem = day(workers, jobs)
    plan = solver.solve(problem, seconds=2)
    assert violations(problem, plan) == []
    assert [w for w, _, _ in plan.starts("insulin")] == ["ann"]
    assert plan.starts("locked") == [("bo", 0, 9 * HOUR + 600)]
    for key in ("ann", "bo"):
        assert any(stop.job == "break:" + key for stop in plan.routes[key])


def test_the_chosen_staff_member_gets_the_visit_when_they_work():
    jobs = [job(f"v{i}", 1 + i % 4, 8 + i, chosen=frozenset({"bo"})) for i in range(4)]
    problem = day([worker("ann"), worker("bo")], jobs)
    plan = solver.solve(problem, seconds=2)
    assert summary(problem, plan)["chosen_honoured"] == 4


@pytest.mark.parametrize("rule", ["chosen", "known"])
def test_a_full_day_leaves_out_a_visit_without_a_chosen_or_familiar_worker(rule):
    """Only one of two visits at the same time fits. Leaving out the one the client chose
    Bo for (or that Bo already knows) would save travel; it must not save the rule's cost."""
    mine = job("mine", 2, 8, **{rule: frozenset({"bo"})})
    other = job("other", 1, 8)  # nearer: the cheaper visit to make
    bo = worker("bo", start=8 * HOUR, end=int(9.5 * HOUR))
    weights = Weights(chosen=HOUR, continuity=HOUR)  # each more than the 20 minutes saved
    problem = Problem([bo], [mine, other], {"car": TRAVEL}, weights=weights)
    plan = solver.solve(problem, seconds=1)
    assert violations(problem, plan) == []
    assert plan.unplanned == {"other": Reason.NO_TIME}


def test_the_chosen_worker_gets_the_visit_even_when_it_leaves_them_waiting():
    """Bo's chosen visits are early and late: a long day with a wait between. Spreading the
    work evenly must not hand one of them to Ann."""
    early, late = job("early", 1, 7), job("late", 1, 14)
    chosen = [dataclasses.replace(j, chosen=frozenset({"bo"})) for j in (early, late)]
    problem = Problem(
        [worker("ann"), worker("bo")], chosen, {"car": TRAVEL}, weights=Weights(workload=1)
    )
    plan = solver.solve(problem, seconds=1)
    assert summary(problem, plan)["chosen_honoured"] == 2


def test_a_visit_the_search_left_with_someone_else_goes_to_the_free_chosen_worker():
    """What PyVRP's search sometimes hands back on the large demo: Ann makes the visit the
    client chose Bo for, while Bo's morning is free. The plan that comes out gives it to Bo."""
    mine = job("mine", 1, 8, chosen=frozenset({"bo"}))
    problem = day([worker("ann"), worker("bo")], [mine, job("other", 2, 9)])
    model = solver._Model(problem, problem.jobs, {})
    routes = {"ann": [(0, 8 * HOUR), (1, 9 * HOUR)], "bo": []}
    plan = solver._honour_choices(problem, model, routes, {})
    assert violations(problem, plan) == []
    assert [w for w, _, _ in plan.starts("mine")] == ["bo"]
    assert [w for w, _, _ in plan.starts("other")] == ["ann"]


def test_a_full_chosen_worker_hands_over_a_visit_to_make_the_one_they_were_chosen_for():
    """A full day: Bo and Ann each have time for one visit at eight. Ann makes the visit
    the client chose Bo for, Bo one nobody chose: they swap, and nothing is left out."""
    mine = job("mine", 1, 8, chosen=frozenset({"bo"}))
    short = {"start": 7 * HOUR, "end": 9 * HOUR}
    problem = day([worker("ann", **short), worker("bo", **short)], [mine, job("other", 2, 8)])
    model = solver._Model(problem, problem.jobs, {})
    routes = {"ann": [(0, 8 * HOUR)], "bo": [(1, 8 * HOUR)]}
    plan = solver._honour_choices(problem, model, routes, {})
    assert violations(problem, plan) == []
    assert [w for w, _, _ in plan.starts("mine")] == ["bo"]
    assert [w for w, _, _ in plan.starts("other")] == ["ann"]
    assert plan.unplanned == {}


def test_a_visit_chosen_for_its_worker_is_not_handed_over():
    """Bo was chosen for both visits and has time for one: the other stays with Ann."""
    mine, also = (job(key, 1, 8, chosen=frozenset({"bo"})) for key in ("mine", "also"))
    short = {"start": 7 * HOUR, "end": 9 * HOUR}
    problem = day([worker("ann", **short), worker("bo", **short)], [mine, also])
    model = solver._Model(problem, problem.jobs, {})
    routes = {"ann": [(0, 8 * HOUR)], "bo": [(1, 8 * HOUR)]}
    plan = solver._honour_choices(problem, model, routes, {})
    assert [w for w, _, _ in plan.starts("mine")] == ["ann"]
    assert [w for w, _, _ in plan.starts("also")] == ["bo"]


def test_what_cannot_be_planned_is_listed_with_its_reason_never_dropped():
    jobs = [
        job("nurse", 1, 8, needs=(Need("nurse", 900),)),
        job("two", 1, 8, needs=(Need("", 900), Need("", 900))),
        job("night", 1, 20),
        Job("backwards", 1, 9 * HOUR, 8 * HOUR, needs=(Need("", 900),)),
        job("a", 1, 8, needs=(Need("", 3 * HOUR),)),
        job("b", 4, 8, needs=(Need("", 3 * HOUR),)),
    ]
    problem = day([worker("ann")], jobs)
    plan = solver.solve(problem, seconds=1)
    assert violations(problem, plan) == []
    assert plan.unplanned["nurse"] == Reason.NO_QUALIFIED
    assert plan.unplanned["two"] == Reason.TOO_FEW_QUALIFIED
    assert plan.unplanned["night"] == Reason.OUTSIDE_SHIFTS
    assert plan.unplanned["backwards"] == Reason.WINDOW
    assert len({"a", "b"} & set(plan.unplanned)) == 1
    assert plan.unplanned.get("a", plan.unplanned.get("b")) == Reason.NO_TIME


def test_every_part_in_the_window_when_the_format_says_so():
    parts = (Need("", 600), Need("", 600))
    pair = job("pair", 1, 8, needs=parts, gap=(1800, 2400), every_part_in_window=True)
    problem = day([worker("ann"), worker("bo")], [pair])
    plan = solver.solve(problem, seconds=1)
    assert violations(problem, plan) == []
    first, second = (t for _, _, t in plan.starts("pair"))
    assert pair.earliest <= first
    assert second <= pair.latest
    assert 1800 <= second - first <= 2400


def test_nobody_works_longer_than_the_longest_working_day_overtime_included():
    from dataclasses import replace

    long_shift = worker("ann", end=22 * HOUR, max_work=6 * HOUR)
    problem = day([long_shift], [job("morning", 1, 7), job("evening", 1, 20)])
    problem = replace(problem, weights=replace(problem.weights, max_overtime=HOUR))
    plan = solver.solve(problem, seconds=1)
    assert violations(problem, plan) == []
    assert len(plan.unplanned) == 1
    assert plan.unplanned.popitem()[1] == Reason.NO_TIME
    works_long = Plan(
        {
            "ann": [
                Stop("morning", 7 * HOUR, 7 * HOUR + 1800),
                Stop("evening", 20 * HOUR, 20 * HOUR + 1800),
            ]
        }
    )
    assert "max_work" in {v.rule for v in violations(problem, works_long)}


def test_the_days_work_is_shared_evenly_when_a_weight_asks_for_it():
    from dataclasses import replace

    jobs = [job(f"v{i}", 1, 8, needs=(Need("", 1800),)) for i in range(4)]
    jobs = [replace(j, latest=12 * HOUR) for j in jobs]
    problem = day([worker("ann"), worker("bo")], jobs)
    alone = solver.solve(problem, seconds=1)
    assert summary(problem, alone)["work_spread"] == 4 * 1800 + 1200  # one does it all
    even = replace(problem, weights=replace(problem.weights, workload=1))
    shared = solver.solve(even, seconds=1)
    assert violations(even, shared) == []
    assert summary(even, shared)["work_spread"] == 0
