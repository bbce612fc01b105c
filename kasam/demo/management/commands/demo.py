from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from kasam.demo.generate import DEMO_LOGINS, DEMO_PASSWORD, SIZES, generate
from kasam.registry.models import Client


class Command(BaseCommand):
    help = "Generate a synthetic demo municipality (nobody in it is real)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", default="small", help="small (about 300 clients) or large")
        parser.add_argument("--country", default=None, help="NO or SE; must match KASAM_COUNTRY")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--if-empty", action="store_true", help="do nothing if clients exist")
        parser.add_argument("--logins", action="store_true", help="only print the demo logins")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["logins"]:
            self._print_logins()
            return
        country = (options["country"] or settings.KASAM_COUNTRY).upper()
        self._check(options["size"], country)
        if Client.objects.exists():
            if options["if_empty"]:
                return
            raise CommandError("The database already has clients; use a fresh database.")
        started = time.perf_counter()
        counts = generate(size=options["size"], country=country, seed=options["seed"])
        _analyze()
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{value} {key}" for key, value in counts.items())
        self.stdout.write(
            f"Demo municipality ({country}, {options['size']}): {summary} in {elapsed:.1f} s"
        )

    def _check(self, size: str, country: str) -> None:
        if size not in SIZES:
            raise CommandError(f"Unknown size {size!r}: use small or large.")
        if country not in ("NO", "SE"):
            raise CommandError(f"Unknown country code {country!r}: use NO or SE.")
        if country != settings.KASAM_COUNTRY:
            raise CommandError(
                f"This installation is set up for {settings.KASAM_COUNTRY}; "
                f"set KASAM_COUNTRY={country} to load a demo for {country}."
            )

    def _print_logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for username, role in DEMO_LOGINS:
            self.stdout.write(f"  {username:<16} {role.label}")
        self.stdout.write("")


def _analyze() -> None:
    """Fresh planner statistics after a bulk load: PostgreSQL's autovacuum would gather them
    later (and never where it is switched off), and until then it plans for empty tables."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
