"""`kasam planner solomon|hhcrsp`: the public benchmarks, through the board's solver."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kasam.core.errors import Refused
from kasam.planner import benchmarks, formats, services


class Command(BaseCommand):
    help = "Plan a public benchmark instance (Solomon VRPTW or home-health-care HHCRSP)."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True)
        solomon = kinds.add_parser("solomon", help="a Solomon VRPTW instance (.txt)")
        solomon.add_argument("instance", type=Path)
        solomon.add_argument("--seconds", type=float, default=30)
        solomon.add_argument("--seed", type=int, default=1)
        care = kinds.add_parser("hhcrsp", help="a home-health-care instance (.json)")
        care.add_argument("instance", type=Path)
        care.add_argument("--seconds", type=float, default=60)
        care.add_argument("--seed", type=int, default=1)
        care.add_argument("--out", type=Path, help="where to write the solution")
        places = kinds.add_parser(
            "places", help="import coordinates (CSV: kind,key,latitude,longitude)"
        )
        places.add_argument("instance", type=Path, metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["instance"]
        if not path.is_file():
            raise CommandError(f"No such instance: {path}")
        if options["kind"] == "places":
            self._places(path)
            return
        if options["seconds"] <= 0:
            raise CommandError("--seconds must be more than 0")
        if options["kind"] == "solomon":
            found = self._solomon(path, options)
        else:
            found = self._hhcrsp(path, options)
        if found["violations"]:
            raise CommandError("The plan breaks a hard rule: " + "; ".join(found["violations"]))

    def _places(self, path: Path) -> None:
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
            count = services.import_places(rows=rows)
        except (UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"Not a CSV file in UTF-8: {error}") from error
        except Refused as refusal:
            raise CommandError(refusal.message) from refusal
        self.stdout.write(f"{count} places imported")

    def _solomon(self, path: Path, options: dict[str, Any]) -> dict[str, Any]:
        try:
            found = benchmarks.run_solomon(path, seconds=options["seconds"], seed=options["seed"])
        except (ValueError, KeyError, IndexError, RuntimeError) as error:
            raise CommandError(f"Not a Solomon instance: {error!r}") from error
        self.stdout.write(json.dumps(found))
        return found

    def _hhcrsp(self, path: Path, options: dict[str, Any]) -> dict[str, Any]:
        try:
            data = formats.read_json(path)
            found = benchmarks.run_hhcrsp(data, seconds=options["seconds"], seed=options["seed"])
        except (ValueError, KeyError, TypeError, IndexError) as error:
            raise CommandError(f"Not a home-health-care instance: {error!r}") from error
        if options["out"]:
            text = json.dumps(found["solution"], indent=1)
            options["out"].write_text(text + "\n", encoding="utf-8")
        figures = {key: value for key, value in found.items() if key != "solution"}
        self.stdout.write(json.dumps({"instance": path.name, **figures}))
        return found
