from __future__ import annotations

import pytest

from kasam.access.selectors import clients_visible_to, get_client_for
from kasam.audit.models import AuditEvent
from kasam.factories import MembershipFactory, ServiceLinkFactory

pytestmark = pytest.mark.django_db


def test_member_of_serving_unit_sees_the_client(alice, kari):
    assert list(clients_visible_to(alice)) == [kari]
    assert get_client_for(alice, kari.public_id).basis.kind == AuditEvent.Basis.UNIT


def test_contact_person_and_case_handler_see_the_client(carol, erin, kari):
    assert get_client_for(carol, kari.public_id).basis.kind == AuditEvent.Basis.CONTACT_PERSON
    assert get_client_for(erin, kari.public_id).basis.kind == AuditEvent.Basis.CASE_HANDLER


def test_unit_manager_sees_clients_of_the_unit_and_its_teams(dave, kari, org):
    other = ServiceLinkFactory(unit=org["team_a"]).client
    assert set(clients_visible_to(dave)) == {kari, other}


def test_team_member_does_not_see_clients_served_by_the_parent_unit_only(bob, kari):
    assert list(clients_visible_to(bob)) == []


def test_outsider_sees_nothing(charlie, kari):
    assert list(clients_visible_to(charlie)) == []


def test_ended_membership_gives_no_access(org, kari):
    membership = MembershipFactory(unit=org["north"])
    membership.ends_on = membership.starts_on
    membership.save()
    assert list(clients_visible_to(membership.user)) == []


def test_quality_lead_at_municipality_level_sees_no_records(org, kari):
    lead = MembershipFactory(unit=org["municipality"], role="quality_lead").user
    assert list(clients_visible_to(lead)) == []


def test_archived_client_is_not_visible(alice, kari):
    kari.archived_at = kari.created_at
    kari.save()
    assert list(clients_visible_to(alice)) == []
