"""Case work gives sight of the client a case concerns: the case's handler, and members of
the unit that received it. Registered with the access rule in CasesConfig.ready()."""

from __future__ import annotations

from kasam.access.bases import AccessBasis, Basis, Relationship
from kasam.access.rule import Sight, in_subtree, name
from kasam.accounts.models import User
from kasam.cases.models import Case
from kasam.organisation.models import Membership
from kasam.registry.models import Client


def case_work(user: User, memberships: list[Membership]) -> list[Sight]:
    """The handler of a case, and the unit that received it, see the client it concerns."""
    sights = [Sight(_CASES.format(row="{row}", more=f"c.{name(Case, 'handler')} = %s"), (user.pk,))]
    received = in_subtree(f"c.{name(Case, 'unit')}", (m.unit.path for m in memberships))
    if received is not None:
        sights.append(Sight(_CASES.format(row="{row}", more=received.sql), received.params))
    return sights


_CASES = (  # names from the models; values are parameters
    f"EXISTS (SELECT 1 FROM {name(Case)} c WHERE c.{name(Case, 'client')} = "  # noqa: S608
    f"{{row}}.{name(Client, 'id')} AND {{more}})"
)


def case_bases(
    user: User, clients: list[Client], memberships: list[Membership]
) -> dict[int, AccessBasis]:
    by_client = _case_units(clients)
    found = {}
    for client_id, cases in by_client.items():
        basis = _case_basis(user, cases, memberships)
        if basis is not None:
            found[client_id] = basis
    return found


def _case_basis(
    user: User, cases: list[tuple[int | None, str]], memberships: list[Membership]
) -> AccessBasis | None:
    if any(handler_id == user.pk for handler_id, _path in cases):
        return AccessBasis(Basis.CASE_HANDLER, Membership.Role.CASE_HANDLER)
    for membership in memberships:
        if any(path.startswith(membership.unit.path) for _handler_id, path in cases):
            return AccessBasis(Basis.UNIT, membership.role, membership.unit)
    return None


def _case_units(clients: list[Client]) -> dict[int, list[tuple[int | None, str]]]:
    """For each client: (handler id, receiving unit's path) of each of their cases."""
    found: dict[int, list[tuple[int | None, str]]] = {}
    rows = Case.objects.filter(client__in=clients).values_list(
        "client_id", "handler_id", "unit__path"
    )
    for client_id, handler_id, path in rows:
        found.setdefault(client_id, []).append((handler_id, path))
    return found


CASE_WORK = Relationship(name="case work", sights=case_work, bases=case_bases)
