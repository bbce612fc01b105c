"""Period codes, closing a period, and what a closed period shows afterwards."""

from __future__ import annotations

import datetime

import pytest

from kasam.audit.models import AuditEvent
from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused
from kasam.indicators import services
from kasam.indicators.models import StoredValue
from kasam.indicators.periods import BadPeriod, Period
from kasam.indicators.tests.conftest import at, value

D = datetime.date


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2026", D(2026, 1, 1), D(2026, 12, 31)),
        ("2026H2", D(2026, 7, 1), D(2026, 12, 31)),
        ("2026T1", D(2026, 1, 1), D(2026, 4, 30)),
        ("2026Q3", D(2026, 7, 1), D(2026, 9, 30)),
        ("2028M02", D(2028, 2, 1), D(2028, 2, 29)),
    ],
)
def test_period_codes(code, start, end):
    period = Period.parse(code)
    assert (period.start, period.end, period.code) == (start, end, code)


def test_bad_codes_and_shifting():
    for bad in ("2026Q5", "2026M13", "26", "2026X1", "2026T0"):
        with pytest.raises(BadPeriod):
            Period.parse(bad)
    assert [p.code for p in Period.parse("2026M02").last(3)] == ["2025M12", "2026M01", "2026M02"]
    assert Period.containing("T", D(2026, 5, 1)).code == "2026T2"


@pytest.mark.django_db
def test_closing_freezes_values_and_shows_a_later_recomputation_beside(
    kari, org, receive, contact, dave
):
    from kasam.conftest import _staff
    from kasam.organisation.models import Membership

    quinn = _staff("quinn", org["municipality"], Membership.Role.QUALITY_LEAD)
    contact(receive(kari, "application", at(2026, 3, 2)), at(2026, 3, 3))
    today = D(2026, 4, 15)
    with pytest.raises(Refused, match="Only the quality lead"):
        services.close_period(user=dave, code="2026M03", today=today)
    with pytest.raises(Refused, match="after it has ended"):
        services.close_period(user=quinn, code="2026M04", today=today)
    stored = services.close_period(user=quinn, code="2026M03", today=today)
    entry = AuditEvent.objects.get(object_type="closedperiod")
    assert (entry.actor, entry.action) == (quinn, "create")
    assert entry.changes == {
        "period": {"old": None, "new": "2026M03"},
        "values_stored": {"old": None, "new": stored},
    }
    with pytest.raises(Refused, match="already closed"):
        services.close_period(user=quinn, code="2026M03", today=today)
    assert StoredValue.objects.filter(period="2026M03", indicator__code="first_contact_in_time")
    receive(kari, "application", at(2026, 3, 30))  # registered late, never contacted
    march = value("first_contact_in_time", org["municipality"], "2026M03", today)
    assert (march.value, march.stored) == (100, True)
    assert march.recomputed is not None
    assert march.recomputed.value == 50


@pytest.mark.django_db
def test_manual_values_need_a_comment_and_an_open_period(dave, org):
    from decimal import Decimal

    from kasam.indicators.models import Indicator

    sick_leave = Indicator.objects.create(
        code="sick_leave",
        name_nb="Sykefravær",
        name_sv="Sjukfrånvaro",
        name_en="Sick leave",
        source="manual",
        measure="percent",
        direction="lower",
        rollup="last",
    )
    args = {"user": dave, "indicator": sick_leave, "unit": org["north"], "code": "2026M01"}
    with pytest.raises(Refused, match="where the value comes from"):
        services.enter_value(**args, value=Decimal("7.5"), comment=" ")
    services.enter_value(**args, value=Decimal("7.5"), comment="From the payroll system.")
    with pytest.raises(StaleEdit, match=r"already entered for .* 2026M01: 7.5"):
        services.enter_value(**args, value=Decimal("7.1"), comment="Someone else's figure.")
    services.enter_value(**args, value=Decimal("7.1"), comment="Corrected figure.", replace=True)
    correction = AuditEvent.objects.filter(object_type="storedvalue").order_by("id").last()
    assert correction.actor == dave
    assert correction.changes["value"] == {"old": "7.5", "new": "7.1"}
    assert correction.changes["comment"]["old"] == "From the payroll system."
    assert value("sick_leave", org["north"], "2026M01", D(2026, 3, 1)).value == Decimal("7.1")
    with pytest.raises(Refused, match="not a period"):
        services.enter_value(**{**args, "code": "January"}, value=Decimal(1), comment="x")
    with pytest.raises(Refused, match="unit's manager or the quality lead"):
        services.enter_value(**{**args, "unit": org["south"]}, value=Decimal(1), comment="x")


@pytest.mark.parametrize(
    ("code", "language", "label"),
    [
        ("2026M11", "nb", "november 2026"),
        ("2026M11", "sv", "november 2026"),
        ("2026M11", "en", "November 2026"),
        ("2026T2", "nb", "2. tertial 2026"),
        ("2026Q3", "sv", "kvartal 3 2026"),
        ("2026H1", "en", "half-year 1 2026"),
        ("2026", "nb", "2026"),
    ],
)
def test_a_period_is_named_as_people_write_it(code, language, label):
    from django.utils import translation

    with translation.override(language):
        assert Period.parse(code).label == label


def test_the_period_picker_offers_recent_periods_and_keeps_an_older_choice():
    from kasam.indicators.periods import picker

    old = Period.parse("2019M03")
    groups = dict(picker(old, D(2026, 12, 7)))
    months = groups["month"]
    assert months[0] == Period.parse("2026M12")
    assert len(months) == 25  # 24 recent months and the older one chosen
    assert months[-1] == old
    assert groups["year"][0] == Period.parse("2026")
