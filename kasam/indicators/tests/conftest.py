"""Helpers for hand-made indicator data: cases received and contacted at given times, and
reading one indicator's value for one unit and period."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

from kasam.audit.services import Actor
from kasam.cases.models import CaseType
from kasam.cases.services import record_first_contact, register_case
from kasam.indicators.compute import Computation, Value
from kasam.indicators.models import Indicator
from kasam.indicators.periods import Period

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def at(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=OSLO)


def value(code: str, unit, period: str, today: datetime.date) -> Value:
    indicator = Indicator.objects.get(code=code)
    found = Computation([indicator], [unit], [Period.parse(period)], today=today).run()
    return found[(code, unit.pk, period)]


@pytest.fixture
def receive(erin, org):
    """receive(client, "application", when) → the case, received by the case office."""

    def make(client, code: str, when: datetime.datetime):
        return register_case(
            actor=Actor(erin),
            case_type=CaseType.objects.get(country="NO", code=code),
            unit=org["office"],
            client=client,
            handler=erin,
            source="client",
            received_at=when,
            channel="digital",
            request="Help at home.",
        )

    return make


@pytest.fixture
def contact(erin):
    def make(access, when: datetime.datetime) -> None:
        record_first_contact(
            actor=Actor(erin),
            access=access,
            expected_version=access.case.version,
            contacted_at=when,
            made_by=erin,
            method="phone",
        )

    return make
