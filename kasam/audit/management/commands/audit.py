"""`kasam audit verify`: check that no audit entry was changed, added or removed below the
application. `kasam audit seal`: seal every pending entry now (requests or a background
task do this)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kasam.audit import chain


class Command(BaseCommand):
    help = "Verify (or seal) the tamper-evident audit trail."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["verify", "seal"])

    def handle(self, *args: Any, what: str, **options: Any) -> None:
        if what == "seal":
            self.stdout.write(f"sealed {chain.seal(full=True)} entries")
            return
        findings = chain.verify()
        for problem in findings.problems:
            self.stderr.write(problem)
        summary = f"{findings.checked} entries in the chain ({findings.sealed} sealed now)"
        if not findings.intact:
            raise CommandError(
                f"audit trail NOT intact: {len(findings.problems)} problems; {summary}"
            )
        self.stdout.write(f"audit trail intact: {summary}")
