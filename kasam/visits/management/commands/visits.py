from __future__ import annotations

import datetime
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kasam.visits.generation import generate


class Command(BaseCommand):
    help = "Generate visits from the current plans for a period (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--start", type=datetime.date.fromisoformat, required=True)
        parser.add_argument("--end", type=datetime.date.fromisoformat, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        result = generate(options["start"], options["end"])
        self.stdout.write(
            f"{result.created} visits created, {result.removed} removed, {result.kept} kept "
            f"in {time.perf_counter() - started:.1f} s"
        )
