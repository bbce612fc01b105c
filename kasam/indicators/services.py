"""Writes on indicators: closing a period, entering a value by hand."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kasam.access.selectors import leads
from kasam.accounts.models import User
from kasam.audit.models import AuditEvent
from kasam.audit.services import changed, record_change, values_of
from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused
from kasam.indicators.compute import Computation
from kasam.indicators.models import ClosedPeriod, Indicator, StoredValue
from kasam.indicators.periods import BadPeriod, Period
from kasam.organisation.models import OrganisationUnit
from kasam.organisation.selectors import keeps_strategy


def parse_period(code: str) -> Period:
    try:
        return Period.parse(code)
    except BadPeriod as error:
        raise Refused(
            _("“%(code)s” is not a period: write 2026, 2026H1, 2026T2, 2026Q3 or 2026M05.")
            % {"code": code}
        ) from error


@transaction.atomic
def close_period(*, user: User, code: str, today: datetime.date | None = None) -> int:
    """Store every indicator's value for every unit: the period's figures stop changing."""
    if not keeps_strategy(user):
        raise Refused(_("Only the quality lead can close a period."))
    period = parse_period(code)
    today = today or timezone.localdate()
    if period.end >= today:
        raise Refused(_("A period can be closed only after it has ended."))
    if ClosedPeriod.objects.filter(period=period.code).exists():
        raise Refused(_("The period %(code)s is already closed.") % {"code": period.code})
    indicators = list(Indicator.objects.filter(active=True, source=Indicator.Source.LIVE))
    units = list(OrganisationUnit.objects.filter(archived_at__isnull=True))
    values = Computation(indicators, units, [period], today=today).run()
    by_code = {indicator.code: indicator for indicator in indicators}
    rows = [
        StoredValue(
            indicator=by_code[code_],
            unit_id=unit_id,
            period=period.code,
            numerator=_decimal(found.numerator),
            denominator=_decimal(found.denominator),
            value=found.value,
            origin=StoredValue.Origin.CLOSED,
            entered_by=user,
        )
        for (code_, unit_id, _period), found in values.items()
    ]
    StoredValue.objects.bulk_create(rows, batch_size=2000)
    closed = ClosedPeriod.objects.create(period=period.code, closed_by=user)
    record_change(
        user=user,
        action=AuditEvent.Action.CREATE,
        target=closed,
        changes={"period": (None, period.code), "values_stored": (None, len(rows))},
    )
    return len(rows)


def _decimal(number: float | None) -> Decimal | None:
    return None if number is None else Decimal(str(number))


@transaction.atomic
def enter_value(
    *,
    user: User,
    indicator: Indicator,
    unit: OrganisationUnit,
    code: str,
    value: Decimal,
    comment: str,
    replace: bool = False,
) -> StoredValue:
    """A value entered by hand, with a comment and who entered it. A value already entered
    for the unit and period is replaced only when the user says so (`replace`), so that two
    people entering at once do not silently overwrite each other; the audit trail keeps the
    earlier value."""
    if not leads(user, unit.pk):
        raise Refused(_("Only the unit's manager or the quality lead can enter its values."))
    period = parse_period(code)
    if indicator.source != Indicator.Source.MANUAL:
        raise Refused(_("Values of this indicator come from its source, not by hand."))
    if not comment.strip():
        raise Refused(_("Say where the value comes from."))
    if ClosedPeriod.objects.filter(period=period.code).exists():
        raise Refused(_("The period %(code)s is closed.") % {"code": period.code})
    key: dict[str, Any] = {
        "indicator": indicator,
        "unit": unit,
        "municipality": "",
        "period": period.code,
    }
    earlier = StoredValue.objects.filter(**key, origin=StoredValue.Origin.MANUAL).first()
    if earlier is not None and not replace:
        raise StaleEdit(
            _(
                "A value is already entered for %(unit)s in %(period)s: %(value)s (%(by)s). "
                "Tick “replace” to change it."
            )
            % {
                "unit": unit.name,
                "period": period.code,
                "value": format(earlier.value.normalize(), "f") if earlier.value else "–",
                "by": earlier.entered_by.display_name if earlier.entered_by else "–",
            }
        )
    before = values_of(earlier, "value", "comment") if earlier else {"value": None, "comment": ""}
    stored, _created = StoredValue.objects.update_or_create(
        **key,
        origin=StoredValue.Origin.MANUAL,
        defaults={"value": value, "comment": comment, "entered_by": user},
    )
    changes: dict[str, tuple[Any, Any]] = {
        "indicator": (None, indicator.code),
        "unit": (None, unit),
        "period": (None, period.code),
    }
    changes |= changed(before, stored)
    record_change(user=user, action=AuditEvent.Action.UPDATE, target=stored, changes=changes)
    return stored
