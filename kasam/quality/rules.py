"""When a deviation falls under the country's reporting duty, and by when it must be sent.
Both are defaults to check against the authorities' current guidance (see
shared/reference/indicators-deviations-surveys.md)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from kasam.core.workdays import calendar_for
from kasam.quality.models import Deviation

# Norway: serious events to the county governor and Ukom within 5 working days (proposed
# scheme, check). Sweden: lex Sarah — serious cases to IVO as soon as possible; 14 days is
# this installation's default for "as soon as possible" (check).
CLOSE_WITHIN_DAYS = 30  # a local promise: deviations closed within 30 days of the report


def falls_under_reporting_duty(deviation: Deviation) -> bool:
    return deviation.severity >= Deviation.Severity.SERIOUS


def report_due(reported_at: datetime.datetime) -> datetime.date:
    local = timezone.localtime(reported_at)
    if settings.KASAM_COUNTRY == "NO":
        return timezone.localdate(calendar_for().add_working_days(local, 5))
    return local.date() + datetime.timedelta(days=14)


# The municipality's promise for answering feedback (a local setting to check).
ANSWER_WITHIN_WORKING_DAYS = 15


def answer_due(received: datetime.datetime) -> datetime.date:
    local = timezone.localtime(received)
    return timezone.localdate(calendar_for().add_working_days(local, ANSWER_WITHIN_WORKING_DAYS))
