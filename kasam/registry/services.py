"""Registering and changing clients and relatives. Every write is audited in its transaction."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kasam.access.selectors import AccessBasis, Basis, ClientAccess
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.core.concurrency import claim_version
from kasam.core.errors import Refused
from kasam.core.national_id import NationalId
from kasam.core.signals import serving_changed, source_changed
from kasam.organisation.models import Membership, OrganisationUnit
from kasam.registry.models import (
    Client,
    ClientWarning,
    HomeAccess,
    Relative,
    ServiceLink,
    Stay,
    home_after_start,
)

Action = AuditEvent.Action


@dataclass(frozen=True)
class ClientDetails:
    """What staff write about a client (the ID number and birth date come from the number)."""

    first_name: str
    last_name: str
    preferred_language: str
    address: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    interpreter_needed: bool = False
    status: str = Client.Status.ACTIVE
    status_since: datetime.date | None = None
    protected_identity: bool = False

    @classmethod
    def of(cls, client: Client) -> ClientDetails:
        return cls(**{f.name: getattr(client, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class RelativeDetails:
    first_name: str
    last_name: str
    relation: str
    role: str
    consent_to_information: bool = False
    phone: str = ""
    email: str = ""
    address: str = ""

    @classmethod
    def of(cls, relative: Relative) -> RelativeDetails:
        return cls(**{f.name: getattr(relative, f.name) for f in fields(cls)})


def _apply(record: Client | Relative, details: ClientDetails | RelativeDetails) -> None:
    for field in fields(details):
        setattr(record, field.name, getattr(details, field.name))


@transaction.atomic
def register_client(
    *, actor: Actor, national_id: NationalId, unit: OrganisationUnit, details: ClientDetails
) -> ClientAccess:
    """A new client, served by `unit` from today; the actor registers on that unit's behalf."""
    client = create_client(national_id=national_id, details=details)
    ServiceLink.objects.create(client=client, unit=unit)
    role = _role_in(actor, unit)
    access = ClientAccess(client, AccessBasis(Basis.REGISTRATION, role, unit))
    record_access(actor=actor, access=access, action=Action.CREATE)
    return access


def create_client(*, national_id: NationalId, details: ClientDetails) -> Client:
    """The record alone; the caller links it to a unit or a case and audits the creation."""
    client = Client(national_id=national_id.number, birth_date=national_id.birth_date)
    _apply(client, details)
    client.refresh_search_name()
    client.full_clean()
    client.save()
    return client


def _role_in(actor: Actor, unit: OrganisationUnit) -> str:
    membership = Membership.objects.current().filter(user=actor.user, unit=unit).first()
    return membership.role if membership else ""


@transaction.atomic
def update_client(
    *, actor: Actor, access: ClientAccess, expected_version: int, details: ClientDetails
) -> Client:
    """Refused (StaleEdit) if someone saved the client since `expected_version` was read."""
    client = access.client
    claim_version(client, expected_version)
    status_before = (client.status, client.status_since)
    _apply(client, details)
    client.refresh_search_name()
    client.full_clean()
    client.save()
    record_access(actor=actor, access=access, action=Action.UPDATE)
    if (client.status, client.status_since) != status_before:
        source_changed.send(sender=Client, source="client_status")
        if client.status in Client.GONE and client.status_since is not None:
            _end_services(client, client.status_since)
        _serving_changed(client, status_before[1], client.status_since)
    return client


def _end_services(client: Client, since: datetime.date) -> None:
    """A client gone from `since` is served until the day before: their service links end
    then (kept in history)."""
    last = since - datetime.timedelta(days=1)
    for link in client.service_links.exclude(ends_on__lt=since):
        link.ends_on = max(last, link.starts_on)
        link.save(update_fields=["ends_on", "updated_at"])


def _serving_changed(client: Client, *days: datetime.date | None) -> None:
    """Tell the visits app from which day the client's visits may have to change."""
    known = [day for day in days if day is not None]
    since = min(known) if known else timezone.localdate()
    serving_changed.send(sender=Client, client_id=client.pk, since=since)


@transaction.atomic
def record_stay(
    *,
    actor: Actor,
    access: ClientAccess,
    kind: str,
    starts_on: datetime.date,
    home_on: datetime.date | None = None,
) -> Stay:
    """The client is away from home (in hospital, on a short-term stay) from `starts_on`;
    their home visits of those days are cancelled, and come back when they are home."""
    stay = Stay(client=access.client, kind=kind, starts_on=starts_on, home_on=home_on)
    stay.full_clean()
    _refuse_overlap(stay)
    stay.save()
    record_access(actor=actor, access=access, action=Action.CREATE, target=stay)
    _serving_changed(access.client, starts_on)
    return stay


@transaction.atomic
def end_stay(*, actor: Actor, access: ClientAccess, stay: Stay, home_on: datetime.date) -> Stay:
    """The client is home again from `home_on`: the visits from that day come back."""
    stay = Stay.objects.select_for_update().get(pk=stay.pk, client=access.client)
    if home_on <= stay.starts_on:
        raise Refused(home_after_start())
    stay.home_on = home_on
    _refuse_overlap(stay)
    stay.save(update_fields=["home_on", "updated_at"])
    record_access(actor=actor, access=access, action=Action.UPDATE, target=stay)
    _serving_changed(access.client, stay.starts_on)
    return stay


def _refuse_overlap(stay: Stay) -> None:
    others = Stay.objects.filter(client=stay.client).exclude(pk=stay.pk)
    if stay.home_on is not None:
        others = others.filter(starts_on__lt=stay.home_on)
    if others.filter(models.Q(home_on=None) | models.Q(home_on__gt=stay.starts_on)).exists():
        raise Refused(_("The client is already away on some of those days."))


@transaction.atomic
def add_relative(*, actor: Actor, access: ClientAccess, details: RelativeDetails) -> Relative:
    relative = Relative(client=access.client)
    _apply(relative, details)
    relative.full_clean()
    relative.save()
    record_access(actor=actor, access=access, action=Action.CREATE, target=relative)
    return relative


@transaction.atomic
def update_relative(
    *,
    actor: Actor,
    access: ClientAccess,
    relative: Relative,
    expected_version: int,
    details: RelativeDetails,
) -> Relative:
    claim_version(relative, expected_version)
    _apply(relative, details)
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


@transaction.atomic
def save_home_access(
    *, actor: Actor, access: ClientAccess, entrance: str, key_box_code: str
) -> HomeAccess:
    """How staff get in at the door (the code itself is kept out of the change history)."""
    home, _created = HomeAccess.objects.select_for_update().get_or_create(client=access.client)
    home.entrance, home.key_box_code = entrance.strip(), key_box_code.strip()
    home.full_clean()
    home.save()
    record_access(actor=actor, access=access, action=Action.UPDATE, target=home)
    return home


@transaction.atomic
def add_warning(*, actor: Actor, access: ClientAccess, kind: str, text: str) -> ClientWarning:
    warning = ClientWarning(client=access.client, kind=kind, text=text.strip())
    warning.full_clean()
    warning.save()
    record_access(actor=actor, access=access, action=Action.CREATE, target=warning)
    return warning


@transaction.atomic
def archive_warning(*, actor: Actor, access: ClientAccess, warning: ClientWarning) -> ClientWarning:
    """A warning no longer true is archived, never deleted."""
    warning.archived_at = timezone.now()
    warning.save(update_fields=["archived_at", "updated_at"])
    record_access(actor=actor, access=access, action=Action.UPDATE, target=warning)
    return warning
