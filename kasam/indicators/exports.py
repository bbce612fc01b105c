"""The indicator export as a file (the import format, so municipalities can compare): made
in the request, or by a worker as a job (kasam.jobs) with its progress shown."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from kasam.core.exports import csv_bytes, xlsx_bytes
from kasam.indicators import selectors
from kasam.indicators.columns import headings
from kasam.indicators.periods import Period
from kasam.jobs.registry import Made
from kasam.organisation.models import OrganisationUnit

KIND = "indicator_export"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def params_of(
    unit: OrganisationUnit, period: Period, kind: str, today: datetime.date
) -> dict[str, Any]:
    return {
        "unit": str(unit.public_id),
        "period": period.code,
        "kind": kind,
        "today": today.isoformat(),
    }


def produce(params: dict[str, Any], progress: Callable[[int], None]) -> Made:
    unit = OrganisationUnit.objects.get(public_id=params["unit"])
    period = Period.parse(params["period"])
    today = datetime.date.fromisoformat(params["today"])
    rows = selectors.export_rows(unit, period, today=today)
    progress(80)
    filename = f"indicators-{period.code}.{params['kind']}"
    if params["kind"] == "xlsx":
        return Made(xlsx_bytes(_("Indicators"), headings(), rows), filename, XLSX)
    return Made(csv_bytes(headings(), rows), filename, "text/csv; charset=utf-8")
