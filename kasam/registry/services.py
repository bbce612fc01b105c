"""Registering and changing clients and relatives. Every write is audited in its transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from kasam.access.selectors import AccessBasis, Basis, ClientAccess
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.core.national_id import NationalId
from kasam.organisation.models import Membership, OrganisationUnit
from kasam.registry.models import Client, Relative, ServiceLink

Action = AuditEvent.Action


@transaction.atomic
def register_client(
    *, actor: Actor, national_id: NationalId, unit: OrganisationUnit, **fields: Any
) -> ClientAccess:
    """A new client, served by `unit` from today; the actor registers on that unit's behalf."""
    client = create_client(national_id=national_id, **fields)
    ServiceLink.objects.create(client=client, unit=unit)
    role = _role_in(actor, unit)
    access = ClientAccess(client, AccessBasis(Basis.REGISTRATION, role, unit))
    record_access(actor=actor, access=access, action=Action.CREATE)
    return access


def create_client(*, national_id: NationalId, **fields: Any) -> Client:
    """The record alone; the caller links it to a unit or a case and audits the creation."""
    client = Client(national_id=national_id.number, birth_date=national_id.birth_date, **fields)
    client.refresh_search_name()
    client.full_clean()
    client.save()
    return client


def _role_in(actor: Actor, unit: OrganisationUnit) -> str:
    membership = Membership.objects.current().filter(user=actor.user, unit=unit).first()
    return membership.role if membership else ""


@transaction.atomic
def update_client(*, actor: Actor, access: ClientAccess, **changes: Any) -> Client:
    client = access.client
    for name, value in changes.items():
        setattr(client, name, value)
    client.refresh_search_name()
    client.full_clean()
    client.save()
    record_access(actor=actor, access=access, action=Action.UPDATE)
    return client


@transaction.atomic
def add_relative(*, actor: Actor, access: ClientAccess, **fields: Any) -> Relative:
    relative = Relative(client=access.client, **fields)
    relative.full_clean()
    relative.save()
    record_access(actor=actor, access=access, action=Action.CREATE, target=relative)
    return relative


@transaction.atomic
def update_relative(
    *, actor: Actor, access: ClientAccess, relative: Relative, **changes: Any
) -> Relative:
    for name, value in changes.items():
        setattr(relative, name, value)
    relative.full_clean()
    relative.save()
    record_access(actor=actor, access=access, action=Action.UPDATE, target=relative)
    return relative


@transaction.atomic
def archive_relative(*, actor: Actor, access: ClientAccess, relative: Relative) -> Relative:
    """Relatives are archived, never deleted: the history stays readable."""
    relative.archived_at = timezone.now()
    relative.save(update_fields=["archived_at", "updated_at"])
    record_access(actor=actor, access=access, action=Action.UPDATE, target=relative)
    return relative
