"""Deadlines of a case: computed by the working-day calendar from the case type's rules."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from kasam.cases.models import CaseDeadline, DeadlineRule
from kasam.core.workdays import WorkdayCalendar

Unit = DeadlineRule.Unit
Layer = DeadlineRule.Layer


def due_date(
    rule: DeadlineRule, received_at: datetime.datetime, calendar: WorkdayCalendar
) -> datetime.date:
    """The last day on which the milestone is met in time."""
    if rule.unit == Unit.WORKING_DAYS:
        return calendar.add_working_days(received_at, rule.amount).date()
    if rule.unit == Unit.MONTHS:
        return calendar.add_months(received_at, rule.amount).date()
    days = rule.amount * 7 if rule.unit == Unit.WEEKS else rule.amount
    return calendar.add_calendar_days(received_at, days).date()


def deadlines_for(
    rules: list[DeadlineRule], received_at: datetime.datetime, calendar: WorkdayCalendar
) -> list[CaseDeadline]:
    """One unsaved CaseDeadline per milestone, with both layers where the type has them."""
    by_milestone: dict[str, CaseDeadline] = {}
    for rule in rules:
        deadline = by_milestone.setdefault(rule.milestone, CaseDeadline(milestone=rule.milestone))
        due = due_date(rule, received_at, calendar)
        if rule.layer == Layer.STATUTORY:
            deadline.statutory_due = due
        else:
            deadline.local_due = due
    order = list(DeadlineRule.Milestone.values)
    return sorted(by_milestone.values(), key=lambda d: order.index(d.milestone))


@dataclass(frozen=True)
class DeadlineState:
    """How a deadline stands today, for the inbox's marks."""

    key: str  # met, met_late, overdue, due_today, open, stopped

    @property
    def is_alert(self) -> bool:
        return self.key in ("overdue", "due_today", "met_late")


def state_of(deadline: CaseDeadline, today: datetime.date, *, case_open: bool) -> DeadlineState:
    if deadline.met_at is not None:
        met_on = timezone.localdate(deadline.met_at)
        return DeadlineState("met" if met_on <= deadline.due else "met_late")
    if not case_open:
        return DeadlineState("stopped")
    if today > deadline.due:
        return DeadlineState("overdue")
    return DeadlineState("due_today" if today == deadline.due else "open")
