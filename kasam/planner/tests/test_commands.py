"""`kasam planner solomon|hhcrsp` read the public formats, go through the board's solver and
write what the published tables compare."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

DATA = Path(__file__).parent / "data"


def run(*args: str) -> dict:
    out = StringIO()
    call_command("planner", *args, stdout=out)
    return json.loads(out.getvalue())


def test_solomon_c101_is_solved_to_the_best_known_distance():
    found = run("solomon", str(DATA / "C101.txt"), "--seconds", "2")
    assert found["unplanned"] == 0
    assert found["violations"] == []
    assert found["distance"] == pytest.approx(827.3, abs=0.05)  # DIMACS best known


def test_hhcrsp_toy_writes_a_solution_in_the_format(tmp_path):
    out = tmp_path / "solution.json"
    found = run("hhcrsp", str(DATA / "hhcrsp-toy.json"), "--seconds", "3", "--out", str(out))
    assert found["unplanned"] == []
    assert found["violations"] == []
    solution = json.loads(out.read_text())
    served = [
        (s["patient_id"], s["service_id"]) for r in solution["routes"] for s in r["locations"]
    ]
    instance = json.loads((DATA / "hhcrsp-toy.json").read_text())
    wanted = [
        (p["id"], r["service"]) for p in instance["patients"] for r in p["required_caregivers"]
    ]
    assert sorted(served) == sorted(wanted)
    abilities = {c["id"]: set(c["abilities"]) for c in instance["caregivers"]}
    for route in solution["routes"]:
        assert all(s["service_id"] in abilities[route["caregiver_id"]] for s in route["locations"])
    starts = {
        (s["patient_id"], s["service_id"]): s["arrival_time"]
        for r in solution["routes"]
        for s in r["locations"]
    }
    assert starts[("p4", "s2")] == starts[("p4", "s3")]  # simultaneous
    assert 30 <= starts[("p5", "s3")] - starts[("p5", "s1")] <= 45  # sequential


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["hhcrsp", "/no/such.json"], "No such instance"),
        (["hhcrsp", str(DATA / "C101.txt")], "Not a home-health-care instance"),
        (["solomon", str(DATA / "C101.txt"), "--seconds", "0"], "--seconds"),
        (["solomon", str(DATA / "hhcrsp-toy.json")], "Not a Solomon instance"),
    ],
)
def test_bad_instances_get_a_clear_message(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("planner", *args, stdout=StringIO())


@pytest.mark.django_db
def test_places_are_imported_all_or_nothing(tmp_path, kari, alice, org):
    from kasam.planner.models import Coordinates

    good = tmp_path / "places.csv"
    good.write_text(
        "kind,key,latitude,longitude\n"
        f"client,{kari.national_id},59.92,10.76\n"
        "unit,Hjemmetjenesten Nord,59.91,10.75\n"
        "home,alice,59.95,10.70\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("planner", "places", str(good), stdout=out)
    assert "3 places imported" in out.getvalue()
    assert Coordinates.objects.get(client=kari).for_address == kari.address
    for third_line, refusal in (
        ("client,nobody,95,10", "Line 3"),
        ("home,alice,60.1,10.0", "Line 3: this place is already listed above"),
    ):
        bad = tmp_path / "bad.csv"
        bad.write_text(
            f"kind,key,latitude,longitude\nhome,alice,60.0,10.0\n{third_line}\n",
            encoding="utf-8",
        )
        with pytest.raises(CommandError, match=refusal):
            call_command("planner", "places", str(bad), stdout=StringIO())
    assert Coordinates.objects.get(home_of=alice).latitude == 59.95  # nothing of it saved
