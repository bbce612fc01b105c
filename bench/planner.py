"""The planner on the public benchmarks, through `kasam planner` (the board's solver).

    .venv/bin/python bench/planner.py solomon [--seconds 30] [--only C101 R101 ...]
    .venv/bin/python bench/planner.py mankowska [--seconds 60] [--size 100]

Solomon: all 56 instances (or those named), DIMACS convention, gap to the best-known distance in
../shared/bench/solomon_bks.json. Mankowska: the instances of one size, cost as in the
published tables against ../shared/bench/hhcrsp/mankowska_best.md. One instance at a time
(the solver uses one core); the machine's load is printed with the figures."""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KASAM_BENCH_DATA", ROOT.parent / "shared" / "bench"))
KASAM = [sys.executable, "-m", "kasam.manage", "planner"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("set", choices=["solomon", "mankowska"])
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--only", nargs="*", default=[], help="instance names")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}")
    if args.set == "solomon":
        solomon(args.seconds or 30, args.only)
    else:
        mankowska(args.seconds or 60, args.size)
    print(f"load average at end: {os.getloadavg()}")


def _run(*args: str) -> dict:
    done = subprocess.run(  # noqa: S603 - our own command, arguments from this script
        [*KASAM, *args], capture_output=True, text=True, cwd=ROOT, check=False
    )
    if done.returncode:
        return {"error": (done.stderr or done.stdout).strip().splitlines()[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def solomon(seconds: float, names: list[str]) -> None:
    best = json.loads((SHARED / "solomon_bks.json").read_text())["distance_only_floor10"]
    gaps = []
    for name in names or sorted(best):
        found = _run("solomon", str(SHARED / "solomon" / f"{name}.txt"), "--seconds", str(seconds))
        if "error" in found:
            print(f"{name}: {found['error']}")
            continue
        known = best[name]["bks"] / 10
        gap = 100 * (found["distance"] - known) / known
        gaps.append(gap)
        print(
            f"{name}: {found['distance']:.1f} (best known {known:.1f}, gap {gap:+.2f} %, "
            f"{found['vehicles']} vehicles, unplanned {found['unplanned']}, "
            f"violations {len(found['violations'])})",
            flush=True,
        )
    print(
        f"Solomon, {len(gaps)} instances at {seconds:g} s: mean gap {statistics.mean(gaps):.3f} %"
    )


def mankowska(seconds: float, size: int) -> None:
    table = (SHARED / "hhcrsp" / "mankowska_best.md").read_text()
    pattern = r"\|\s*(Instanz\w+_(\d+)_\d+)\.json\s*\|[^|]*\|[^|]*\|[^|]*\|\s*([\d.]+)"
    best = {m[1]: float(m[3]) for m in re.finditer(pattern, table) if int(m[2]) == size}
    costs, knowns, infeasible = [], [], 0
    for name in sorted(best, key=lambda n: int(n.rsplit("_", 1)[1])):
        path = SHARED / "hhcrsp" / "mankowska" / f"{name}.json"
        found = _run("hhcrsp", str(path), "--seconds", str(seconds))
        if "error" in found or found["unplanned"]:
            infeasible += 1
            print(f"{name}: not feasible: {found.get('error') or found['unplanned']}", flush=True)
            continue
        costs.append(found["cost"])
        knowns.append(best[name])
        gap = 100 * (found["cost"] - best[name]) / best[name]
        print(
            f"{name}: cost {found['cost']:.1f} (best known {best[name]:.1f}, {gap:+.1f} %)",
            flush=True,
        )
    if costs:
        mean, known = statistics.mean(costs), statistics.mean(knowns)
        print(
            f"Mankowska {size}, {len(costs)} feasible of {len(best)} at {seconds:g} s: mean cost "
            f"{mean:.1f} (best-known mean {known:.1f}, {100 * (mean - known) / known:+.1f} %)"
        )


if __name__ == "__main__":
    main()
