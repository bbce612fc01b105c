"""The public benchmark formats, read into the planner's own problem and written back:
Solomon's VRPTW instances (read with vrplib) and the home-health-care routing format of
iolab-uniud/hhcrsp (Mankowska et al.)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import numpy as np
import vrplib

from kasam.planner.problem import Job, Need, Plan, Problem, Weights, Worker

SOLOMON_SCALE = 10  # DIMACS: distances floored to one decimal, kept as tenths


def solomon(path: Path, vehicles: int | None = None) -> Problem:
    """A Solomon instance in tenths; depot is place 0, customer i is place i."""
    data = vrplib.read_instance(str(path), instance_format="solomon")
    coords = np.asarray(data["node_coord"], dtype=float)
    gaps = coords[:, None, :] - coords[None, :, :]
    travel = np.floor(np.sqrt((gaps**2).sum(axis=2)) * SOLOMON_SCALE).astype(np.int64)
    windows = np.asarray(data["time_window"]) * SOLOMON_SCALE
    service = np.asarray(data["service_time"]) * SOLOMON_SCALE
    day_end = int(windows[0][1])
    workers = [
        Worker(f"v{i + 1}", 0, day_end, 0, 0, capacity=int(data["capacity"]))
        for i in range(vehicles or int(data["vehicles"]))
    ]
    jobs = [
        Job(
            key=str(i),
            place=i,
            earliest=int(windows[i][0]),
            latest=int(windows[i][1]),
            needs=(Need("", int(service[i])),),
            demand=int(data["demand"][i]),
        )
        for i in range(1, len(coords))
    ]
    return Problem(workers, jobs, {"car": travel}, weights=Weights(), all_required=True)


def solomon_distance(problem: Problem, plan: Plan) -> float:
    """Total distance in the instance's own units (one decimal)."""
    total = 0
    for worker in problem.workers:
        places = [0, *(problem.job(s.job).place for s in plan.routes.get(worker.key, [])), 0]
        if len(places) > 2:
            total += sum(problem.leg(worker, a, b) for a, b in itertools.pairwise(places))
    return total / SOLOMON_SCALE


def read_json(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        result: dict[str, Any] = json.load(handle)
    return result


HHCRSP_SCALE = 100  # the format's minutes and distances have decimals: kept as hundredths


def hhcrsp(data: dict[str, Any]) -> Problem:
    """A home-health-care instance: the office is place 0, patient i place i (1-based)."""
    travel = np.rint(np.asarray(data["distances"], dtype=float) * HHCRSP_SCALE).astype(np.int64)
    patients = data["patients"]
    horizon = int(max(p["time_window"][1] for p in patients) * HHCRSP_SCALE) * 4
    workers = [
        Worker(c["id"], 0, horizon, 0, 0, skills=frozenset(c["abilities"]))
        for c in data["caregivers"]
    ]
    return Problem(workers, [_patient(i + 1, p) for i, p in enumerate(patients)], {"car": travel})


def _patient(place: int, patient: dict[str, Any]) -> Job:
    earliest, latest = (round(t * HHCRSP_SCALE) for t in patient["time_window"])
    needs = tuple(
        Need(r["service"], round(r["duration"] * HHCRSP_SCALE))
        for r in patient["required_caregivers"]
    )
    sync = patient.get("synchronization") or {}
    gap = None
    if sync.get("type") == "sequential":
        least, most = sync.get("distance", [0, 0])
        gap = (round(least * HHCRSP_SCALE), round(most * HHCRSP_SCALE))
    return Job(patient["id"], place, earliest, latest, needs, gap=gap, every_part_in_window=True)


def hhcrsp_solution(problem: Problem, plan: Plan) -> dict[str, Any]:
    routes = []
    for worker in problem.workers:
        stops = plan.routes.get(worker.key, [])
        routes.append(
            {
                "caregiver_id": worker.key,
                "locations": [
                    {
                        "patient_id": stop.job,
                        "service_id": problem.job(stop.job).needs[stop.part].skill,
                        "arrival_time": stop.start / HHCRSP_SCALE,
                        "departure_time": stop.end / HHCRSP_SCALE,
                    }
                    for stop in stops
                ],
            }
        )
    return {"routes": routes}


def hhcrsp_cost(data: dict[str, Any], solution: dict[str, Any]) -> dict[str, float]:
    """As in the published tables: (distance + total tardiness + max tardiness) / 3, read
    from the instance and the written solution alone."""
    matrix = data["distances"]
    place = {p["id"]: i + 1 for i, p in enumerate(data["patients"])}
    latest = {p["id"]: p["time_window"][1] for p in data["patients"]}
    distance = 0.0
    tardiness: list[float] = []
    for route in solution["routes"]:
        places = [0, *(place[s["patient_id"]] for s in route["locations"]), 0]
        if len(places) > 2:
            distance += sum(matrix[a][b] for a, b in itertools.pairwise(places))
        tardiness += [
            max(0.0, s["arrival_time"] - latest[s["patient_id"]]) for s in route["locations"]
        ]
    total, most = sum(tardiness), max(tardiness, default=0.0)
    return {
        "distance": distance,
        "total_tardiness": total,
        "max_tardiness": most,
        "cost": (distance + total + most) / 3,
    }
