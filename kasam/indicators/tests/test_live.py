"""Each shipped live indicator on a small hand-made data set with a known answer."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine

from kasam.access.models import EmergencyAccess
from kasam.careplans.models import CarePlan, PlanReview, PlanVersion
from kasam.cases.models import CaseDeadline
from kasam.decisions.models import Decision, DecisionLine, Service
from kasam.factories import ClientFactory, ServiceLinkFactory
from kasam.indicators.tests.conftest import at, value
from kasam.visits.models import Visit

pytestmark = pytest.mark.django_db
D = datetime.date


def test_first_contact_in_time_around_easter(kari, org, receive, contact):
    # Wednesday 1 April 2026: Maundy Thursday, Good Friday and Easter Monday are holidays,
    # so "2 working days" ends on Wednesday 8 April.
    on_the_day, late, _never = (receive(kari, "application", at(2026, 4, 1)) for _ in range(3))
    assert on_the_day.case.deadlines.get(milestone="first_contact").due == D(2026, 4, 8)
    contact(on_the_day, at(2026, 4, 8, 15))  # exactly at the deadline: in time
    contact(late, at(2026, 4, 9, 8))
    pending = receive(kari, "application", at(2026, 4, 30))  # due Tuesday 5 May (1 May holiday)
    april = value("first_contact_in_time", org["municipality"], "2026M04", D(2026, 5, 4))
    assert (april.numerator, april.denominator) == (1, 3)  # the pending one is left out
    assert round(april.value, 2) == Decimal("33.33")
    after = value("first_contact_in_time", org["office"], "2026M04", D(2026, 5, 6))
    assert (after.numerator, after.denominator) == (1, 4)  # now overdue: counted as late
    assert value("first_contact_in_time", org["north"], "2026M04", D(2026, 5, 6)).value is None
    assert pending.case.pk


def test_concern_screened_within_five_working_days(kari, org, receive):
    met, late = receive(kari, "concern", at(2026, 3, 2)), receive(kari, "concern", at(2026, 3, 2))
    deadline = CaseDeadline.objects.get(case=met.case, milestone="screening")
    assert deadline.due == D(2026, 3, 9)  # the local promise (5 working days) is stricter
    CaseDeadline.objects.filter(pk=deadline.pk).update(met_at=at(2026, 3, 9, 15))
    CaseDeadline.objects.filter(case=late.case, milestone="screening").update(
        met_at=at(2026, 3, 10)
    )
    march = value("concern_screened_in_time", org["municipality"], "2026M03", D(2026, 4, 1))
    assert (march.numerator, march.denominator, march.value) == (1, 2, 50)
    assert march.colour == "red"


def _decision(case, erin, decided, *, review=None, superseded_on=None, provider=None):
    decision = Decision.objects.create(
        case=case,
        status=Decision.Status.MADE,
        justification="Needs help.",
        valid_from=decided.date(),
        drafted_by=erin,
        decided_by=erin,
        decided_at=decided,
        superseded_on=superseded_on,
    )
    DecisionLine.objects.create(
        decision=decision,
        service=Service.objects.get(country="NO", code="home_nursing"),
        outcome="granted",
        scope=3,
        starts_on=decided.date(),
        review_on=review,
        provider=provider,
    )
    return decision


def test_median_working_days_from_application_to_decision(kari, erin, org, receive):
    cases = [receive(kari, "application", at(2026, 12, 22)).case for _ in range(3)]
    # 23, 24 (an ordinary day in Norway), 28, 29, 30, 31 Dec, 4 Jan: 7 working days
    _decision(cases[0], erin, at(2027, 1, 4))
    _decision(cases[1], erin, at(2027, 1, 5))  # 8
    _decision(cases[2], erin, at(2027, 1, 20))  # 19
    january = value("days_to_decision", org["municipality"], "2027M01", D(2027, 2, 1))
    assert (january.value, january.denominator) == (8, 3)
    assert january.colour == "green"


def test_decisions_past_their_review_date(kari, erin, org, receive):
    case = receive(kari, "application", at(2026, 5, 4)).case
    _decision(case, erin, at(2026, 6, 1), review=D(2026, 10, 15))
    _decision(case, erin, at(2026, 6, 1), review=D(2027, 6, 1))
    _decision(case, erin, at(2026, 6, 1), review=D(2026, 1, 1), superseded_on=D(2026, 9, 1))
    today = D(2026, 12, 1)
    assert value("decisions_past_review", org["office"], "2026M09", today).value == 0
    october = value("decisions_past_review", org["office"], "2026M10", today)
    assert (october.numerator, october.denominator, october.value) == (1, 2, 50)
    august = value("decisions_past_review", org["office"], "2026M08", today)
    assert (august.numerator, august.denominator) == (1, 3)  # the superseded one still counted


def _plan(client, carol, decision, agreed, *, review=None, number=1, superseded_on=None):
    plan, _ = CarePlan.objects.get_or_create(client=client)
    return PlanVersion.objects.create(
        plan=plan,
        number=number,
        status="superseded" if superseded_on else "agreed",
        decision=decision,
        contact_person=carol,
        created_by=carol,
        agreed_on=agreed,
        review_on=review,
        superseded_on=superseded_on,
    )


@pytest.fixture
def served(kari, org):
    """Kari and Ola served by North since January 2026."""
    kari.service_links.update(starts_on=D(2026, 1, 1))
    ola = ClientFactory(first_name="Ola")
    ServiceLinkFactory(client=ola, unit=org["north"], starts_on=D(2026, 1, 1))
    return kari, ola


def test_plan_and_contact_person_at_the_end_of_each_month(served, carol, decision, org):
    kari, _ola = served
    _plan(kari, carol, decision, D(2026, 11, 23), number=1, superseded_on=D(2026, 12, 10))
    _plan(kari, carol, decision, D(2026, 12, 10), number=2)
    today = D(2027, 1, 5)
    assert value("plan_and_contact", org["north"], "2026M10", today).value == 0
    november = value("plan_and_contact", org["north"], "2026M11", today)
    assert (november.numerator, november.denominator, november.value) == (1, 2, 50)
    year = value("plan_and_contact", org["municipality"], "2026", today)
    assert (year.numerator, year.denominator) == (1, 2)  # the year's end: version 2 in force
    assert not year.preliminary
    assert value("plan_and_contact", org["south"], "2026M11", today).value is None


def test_plans_followed_up_by_their_review_date(served, carol, decision, org):
    kari, _ola = served
    version = _plan(kari, carol, decision, D(2026, 9, 1), review=D(2026, 12, 1))
    PlanReview.objects.create(
        plan_version=version,
        reviewed_on=D(2026, 12, 1),  # on the day: in time
        went_well="Walks daily.",
        next_review_on=D(2027, 1, 10),
        reviewed_by=carol,
    )
    today = D(2027, 1, 20)
    assert value("plans_followed_up", org["north"], "2026M12", today).value == 100
    january = value("plans_followed_up", org["north"], "2027M01", today)
    assert (january.numerator, january.denominator) == (0, 1)
    assert value("plans_followed_up", org["north"], "2027M01", D(2027, 1, 9)).value is None


def _help(client, carol, decision):
    """An activity of an agreed plan, for visits to be made by."""
    from kasam.careplans.models import PlanActivity

    version = _plan(client, carol, decision, D(2026, 9, 1))
    return PlanActivity.objects.create(
        plan_version=version,
        line=decision.lines.first(),
        what="Help",
        days="0",
        duration_minutes=30,
    )


def _visit(client, activity, unit, day, staff, *, checked_in=True):
    return Visit(
        client=client,
        activity=activity,
        unit=unit,
        day=day,
        duration_minutes=30,
        competence="any",
        staff=staff,
        checked_in_at=at(day.year, day.month, day.day, 9) if checked_in else None,
    )


def test_staff_continuity_mean_over_the_last_fourteen_days(
    served, carol, decision, org, alice, bob, dave
):
    kari, ola = served
    activity = _help(kari, carol, decision)
    north = org["north"]
    Visit.objects.bulk_create(
        [
            _visit(kari, activity, north, D(2026, 11, 17), alice),  # first day of the fortnight
            _visit(kari, activity, north, D(2026, 11, 20), bob),
            _visit(kari, activity, north, D(2026, 11, 30), dave),
            _visit(kari, activity, north, D(2026, 11, 30), alice),
            _visit(kari, activity, north, D(2026, 11, 16), carol),  # before the fortnight
            _visit(kari, activity, north, D(2026, 11, 29), carol, checked_in=False),  # not made
            _visit(ola, activity, north, D(2026, 11, 25), alice),
        ]
    )
    november = value("staff_continuity", org["municipality"], "2026M11", D(2026, 12, 2))
    assert (november.numerator, november.denominator, november.value) == (4, 2, 2)


def test_emergency_accesses_not_reviewed_within_seven_days(kari, alice, dave, org):
    def grant(day, reviewed=None):
        return EmergencyAccess.objects.create(
            user=alice,
            unit=org["north"],
            client=kari,
            reason="Fall at night.",
            granted_at=at(2026, 11, day),
            expires_at=at(2026, 11, day, 14),
            reviewed_at=reviewed,
            reviewed_by=dave if reviewed else None,
        )

    grant(2, reviewed=at(2026, 11, 5))  # in time
    grant(3, reviewed=at(2026, 11, 11))  # 8 days
    grant(4)  # never
    grant(27)  # not yet a week old
    with time_machine.travel(at(2026, 11, 30), tick=False):
        november = value("emergency_unreviewed", org["north"], "2026M11", D(2026, 11, 30))
    assert november.value == 2
    assert november.colour == "yellow"  # green at 0, yellow up to 2


def test_breakdown_by_gender_and_age_band(kari, erin, org, receive, contact):
    from kasam.indicators.models import Indicator
    from kasam.indicators.periods import Period
    from kasam.indicators.selectors import breakdown

    kari.national_id, kari.birth_date = "15108695088", D(1936, 10, 15)  # a woman, 90 in 2026
    kari.save()
    ola = ClientFactory(first_name="Ola", birth_date=D(1950, 1, 1), national_id="01015012345")
    contact(receive(kari, "application", at(2026, 10, 5)), at(2026, 10, 6))
    receive(ola, "application", at(2026, 10, 5))  # never contacted
    indicator = Indicator.objects.get(code="first_contact_in_time")
    by_gender, by_age = breakdown(
        indicator, org["municipality"], Period.parse("2026M10"), today=D(2026, 11, 20)
    )
    women = next(g for g in by_gender if g.label == "women")
    assert (women.value.numerator, women.value.denominator) == (1, 1)
    ages = {group.label: group.value.denominator for group in by_age}
    assert ages == {"0–66": 0, "67–79": 1, "80–89": 0, "90+": 1}


# The faults found by recomputing the figures from the raw tables (issue 17)


def test_an_application_received_after_office_hours_counts_from_the_next_day(
    kari, erin, org, receive
):
    # Monday 7 December 2026 at 16:30: counted from Tuesday, as its deadlines are
    late = receive(kari, "application", at(2026, 12, 7, 16)).case
    late.received_at = at(2026, 12, 7, 16).replace(minute=30)
    late.save()
    early = receive(kari, "application", at(2026, 12, 7, 10)).case
    _decision(late, erin, at(2026, 12, 10))  # Tue, Wed, Thu: 2 working days after Tuesday
    _decision(early, erin, at(2026, 12, 10))  # 3 working days after Monday
    december = value("days_to_decision", org["municipality"], "2026M12", D(2027, 1, 4))
    assert (december.value, december.denominator) == (Decimal("2.5"), 2)


def test_a_concern_screened_out_in_time_is_in_time_and_a_withdrawn_application_left_out(
    kari, erin, org, receive
):
    from kasam.audit.services import Actor
    from kasam.cases.services import change_status

    concern = receive(kari, "concern", at(2026, 3, 2))
    with time_machine.travel(at(2026, 3, 3), tick=False):
        change_status(
            actor=Actor(erin),
            access=concern,
            target="withdrawn",
            expected_version=1,
            note="Decided not to investigate.",
        )
    application = receive(kari, "application", at(2026, 3, 2))
    with time_machine.travel(at(2026, 3, 2, 12), tick=False):
        change_status(actor=Actor(erin), access=application, target="withdrawn", expected_version=1)
    screened = value("concern_screened_in_time", org["municipality"], "2026M03", D(2026, 4, 1))
    assert (screened.numerator, screened.denominator) == (1, 1)
    contacted = value("first_contact_in_time", org["municipality"], "2026M03", D(2026, 4, 1))
    assert contacted.denominator == 0


def test_a_plan_whose_client_no_care_unit_serves_counts_for_the_deciding_office(
    carol, decision, org
):
    child = ClientFactory(first_name="Nora")  # served by no care unit at all
    version = _plan(child, carol, decision, D(2026, 9, 1), review=D(2026, 11, 10))
    assert version.plan.client.service_links.count() == 0
    today = D(2026, 12, 1)
    office = value("plans_followed_up", org["office"], "2026M11", today)
    assert (office.numerator, office.denominator) == (0, 1)
    whole = value("plans_followed_up", org["municipality"], "2026M11", today)
    assert (whole.numerator, whole.denominator) == (0, 1)


def test_a_client_visited_by_a_team_and_its_unit_is_one_client(
    served, carol, decision, org, alice, bob
):
    kari, _ola = served
    activity = _help(kari, carol, decision)
    Visit.objects.bulk_create(
        [
            _visit(kari, activity, org["north"], D(2026, 11, 20), alice),
            _visit(kari, activity, org["team_a"], D(2026, 11, 24), alice),  # the same person
            _visit(kari, activity, org["team_a"], D(2026, 11, 25), bob),
        ]
    )
    november = value("staff_continuity", org["municipality"], "2026M11", D(2026, 12, 2))
    assert (november.numerator, november.denominator) == (2, 1)
    north = value("staff_continuity", org["north"], "2026M11", D(2026, 12, 2))
    assert (north.numerator, north.denominator) == (2, 1)  # her home unit, teams included


def test_an_emergency_access_by_someone_of_no_unit_counts_where_the_client_is_served(
    kari, org, dave
):
    from kasam.accounts.models import User

    analyst = User.objects.create_user(username="ann", password="a long synthetic one")
    EmergencyAccess.objects.create(
        user=analyst,
        unit=None,
        client=kari,
        reason="Checking a complaint.",
        granted_at=at(2026, 11, 2),
        expires_at=at(2026, 11, 2, 14),
    )
    with time_machine.travel(at(2026, 11, 30), tick=False):
        north = value("emergency_unreviewed", org["north"], "2026M11", D(2026, 11, 30))
        whole = value("emergency_unreviewed", org["municipality"], "2026M11", D(2026, 11, 30))
    assert (north.numerator, whole.numerator) == (1, 1)


def test_a_client_who_dies_mid_month_counts_no_more_from_that_month(
    served, carol, decision, erin, org, receive
):
    kari, ola = served
    _plan(kari, carol, decision, D(2026, 9, 1))
    ola.status, ola.status_since = "deceased", D(2026, 11, 15)
    ola.save()
    today = D(2027, 1, 5)
    october = value("plan_and_contact", org["north"], "2026M10", today)
    assert (october.numerator, october.denominator) == (1, 2)  # alive at the month's end
    november = value("plan_and_contact", org["north"], "2026M11", today)
    assert (november.numerator, november.denominator) == (1, 1)
    case = receive(ola, "application", at(2026, 5, 4)).case
    _decision(case, erin, at(2026, 6, 1), review=D(2026, 8, 1))
    assert value("decisions_past_review", org["office"], "2026M10", today).denominator == 1
    assert value("decisions_past_review", org["office"], "2026M11", today).denominator == 0
