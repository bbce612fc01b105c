"""Why a staff member may see a client, and the relationships other apps contribute.

The care chain's apps (cases: the handler and the receiving unit see the client their case
concerns) register a Relationship when they start (apps.ready), so that the access rule
never imports the apps built on it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kasam.audit.models import AuditEvent

if TYPE_CHECKING:
    from kasam.access.models import EmergencyAccess
    from kasam.access.rule import Sight
    from kasam.accounts.models import User
    from kasam.organisation.models import Membership, OrganisationUnit
    from kasam.registry.models import Client

Basis = AuditEvent.Basis


@dataclass(frozen=True)
class AccessBasis:
    """Why a user may see a client: written onto every audit entry."""

    kind: str
    role: str = ""
    unit: OrganisationUnit | None = None
    emergency: EmergencyAccess | None = None


@dataclass(frozen=True)
class ClientAccess:
    client: Client
    basis: AccessBasis


@dataclass(frozen=True)
class Relationship:
    """`sights(user, memberships)`: the ways the relationship gives sight of clients (SQL
    conditions on a client's row, kasam.access.rule);
    `bases(user, clients, memberships)`: the basis for each of `clients` it covers."""

    name: str
    sights: Callable[[User, list[Membership]], list[Sight]]
    bases: Callable[[User, list[Client], list[Membership]], dict[int, AccessBasis]]


_RELATIONSHIPS: dict[str, Relationship] = {}


def register(relationship: Relationship) -> None:
    _RELATIONSHIPS[relationship.name] = relationship


def relationships() -> tuple[Relationship, ...]:
    return tuple(_RELATIONSHIPS.values())
