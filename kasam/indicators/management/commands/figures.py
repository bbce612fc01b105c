"""`kasam figures --period 2026M11 [--unit NAME] [--today 2026-12-04]`: every live indicator's
numerator, denominator and value for one unit (default: the municipality) and period, so a
figure can be checked by hand against the records and the card's definition."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kasam.indicators.compute import Computation
from kasam.indicators.definitions import DEFINITION_VERSION, DEFINITIONS
from kasam.indicators.models import Indicator
from kasam.indicators.periods import Period
from kasam.organisation.models import OrganisationUnit


class Command(BaseCommand):
    help = "Print each live indicator's numerator, denominator and value for a unit and period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help="2026, 2026H1, 2026T2, 2026Q3, 2026M11")
        parser.add_argument("--unit", default="", help="the unit's name (default: the top)")
        parser.add_argument("--today", default="", help="read as of this day (YYYY-MM-DD)")

    def handle(self, *args: Any, period: str, unit: str, today: str, **options: Any) -> None:
        try:
            asked = Period.parse(period)
        except (ValidationError, ValueError) as error:
            raise CommandError(
                f"--period {period!r}: write 2026, 2026H1, 2026Q3 or 2026M11"
            ) from error
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today {today!r}: write the day as YYYY-MM-DD") from error
        units = OrganisationUnit.objects.filter(**({"name": unit} if unit else {"parent": None}))
        found = units.first()
        if found is None:
            raise CommandError(f"no unit named {unit!r}")
        indicators = list(Indicator.objects.filter(code__in=DEFINITIONS).order_by("code"))
        values = Computation(indicators, [found], [asked], today=day).run()
        self.stdout.write(
            f"{found.name}, {asked.code}, as of {day}, definitions {DEFINITION_VERSION}"
        )
        for indicator in indicators:
            value = values[(indicator.code, found.pk, asked.code)]
            shown = "–" if value.value is None else f"{value.value:.1f}"
            self.stdout.write(
                f"{indicator.code:30} {_number(value.numerator):>8} / "
                f"{_number(value.denominator):>8} = {shown:>6} {value.status}"
            )


def _number(amount: float | None) -> str:
    return "–" if amount is None else f"{amount:g}"
