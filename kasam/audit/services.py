"""Writing audit entries. Callers run inside the transaction of the read or write they log,
so that if the entry cannot be written, the read or write fails too. For the same reason an
entry is written without a savepoint of its own (two round trips on every page that shows a
person): a failed entry undoes the whole transaction, never only itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from django.db import DatabaseError, connection, models, transaction

from kasam.accounts.models import User
from kasam.audit.chain import seal_after_commit, sign
from kasam.audit.errors import AuditUnavailable
from kasam.audit.models import AuditEvent, AuditHit
from kasam.core.net import client_ip

Action = AuditEvent.Action


class _Request(Protocol):
    """A Django HttpRequest or a REST framework Request: both carry these."""

    @property
    def user(self) -> Any: ...

    @property
    def META(self) -> Mapping[str, Any]: ...  # noqa: N802 - Django's name

    @property
    def method(self) -> str | None: ...


@dataclass(frozen=True)
class Actor:
    """Who is acting, and from where."""

    user: User
    ip_address: str | None = None

    @classmethod
    def from_request(cls, request: _Request) -> Actor:
        user = request.user
        assert isinstance(user, User)
        return cls(user=user, ip_address=client_ip(request) or None)


class _Basis(Protocol):
    """Why the actor may see the client (kasam.access.bases.AccessBasis)."""

    @property
    def kind(self) -> str: ...

    @property
    def role(self) -> str: ...

    @property
    def unit(self) -> Any: ...

    @property
    def emergency(self) -> Any: ...


class ClientSeen(Protocol):
    """A client and the basis on which the actor sees them (kasam.access ClientAccess)."""

    @property
    def client(self) -> Any: ...

    @property
    def basis(self) -> _Basis: ...


def _event(
    actor: Actor, access: ClientSeen, action: str, target: models.Model | None
) -> AuditEvent:
    basis = access.basis
    target = target if target is not None else access.client
    return AuditEvent(
        actor=actor.user,
        actor_role=basis.role,
        actor_unit=basis.unit,
        client=access.client,
        action=action,
        object_type=target._meta.model_name or "",
        object_id=str(getattr(target, "public_id", target.pk)),
        basis=basis.kind,
        emergency_access=basis.emergency,
        ip_address=actor.ip_address,
    )


def _store(event: AuditEvent) -> AuditEvent:
    """Sign and save one entry, to be sealed once the transaction commits; no entry, no
    read or write (AuditUnavailable)."""
    sign(event)
    try:
        event.save()
    except DatabaseError as error:
        raise AuditUnavailable from error
    seal_after_commit()
    return event


@transaction.atomic(savepoint=False)
def record_access(
    *, actor: Actor, access: ClientSeen, action: str, target: models.Model | None = None
) -> AuditEvent:
    return _store(_event(actor, access, action, target))


@transaction.atomic(savepoint=False)
def record_hits(
    *, actor: Actor, accesses: Iterable[ClientSeen], action: str = Action.SEARCH
) -> int:
    """A search result or list (or a bulk export): one signed entry listing every client
    shown with the basis they were seen on, and one narrow index row per client (AuditHit),
    so that each client's access log still shows every hit. Returns how many were logged."""
    shown = [_shown(access) for access in {a.client.pk: a for a in accesses}.values()]
    if not shown:
        return 0
    event = AuditEvent(
        actor=actor.user,
        action=action,
        object_type="client",
        ip_address=actor.ip_address,
        changes={"shown": shown},
    )
    _store(event)
    try:
        with connection.cursor() as cursor:  # a list page's rows, without a model each
            cursor.executemany(_INSERT_HIT, [(event.pk, *hit) for hit in shown])
    except DatabaseError as error:
        raise AuditUnavailable from error
    return len(shown)


def _shown(access: ClientSeen) -> list[Any]:
    """One client of a list as the entry signs it (in the order of AuditHit.SIGNED)."""
    basis = access.basis
    unit, emergency = basis.unit, basis.emergency
    return [
        access.client.pk,
        basis.kind,
        basis.role,
        unit.pk if unit is not None else None,
        emergency.pk if emergency is not None else None,
    ]


def _insert_hit() -> str:
    names = ("event_id", *AuditHit.SIGNED)
    fields = {field.attname: field for field in AuditHit._meta.concrete_fields}
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(fields[name].column)) for name in names)
    values = ", ".join(["%s"] * len(names))
    return f"INSERT INTO {quote(AuditHit._meta.db_table)} ({columns}) VALUES ({values})"  # noqa: S608


_INSERT_HIT = _insert_hit()  # names from the model, values as parameters


def _plain(value: Any) -> Any:
    """A value as the audit entry keeps it (JSON): numbers, dates and objects as text."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, models.Model):
        return str(getattr(value, "public_id", value.pk))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 7.5000 as stored and 7.5 as typed are one value
    return str(value)


@transaction.atomic(savepoint=False)
def record_change(
    *,
    user: User,
    action: str,
    target: models.Model,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
) -> AuditEvent:
    """An entry for a write that is not a person's record: an official figure, a goal, a
    survey. `changes` maps each field to its (old, new) value."""
    event = AuditEvent(
        actor=user,
        action=action,
        object_type=target._meta.model_name or "",
        object_id=str(getattr(target, "public_id", None) or getattr(target, "code", target.pk)),
        changes={
            k: {"old": _plain(old), "new": _plain(new)} for k, (old, new) in (changes or {}).items()
        },
    )
    return _store(event)


def changed(before: Mapping[str, Any], obj: models.Model) -> dict[str, tuple[Any, Any]]:
    """The fields of `obj` whose values differ from `before` (read before the change)."""
    return {k: (old, getattr(obj, k)) for k, old in before.items() if old != getattr(obj, k)}


def values_of(obj: models.Model, *names: str) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}
