"""The change history of a client's record, from django-simple-history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kasam.registry.models import Client

_HIDDEN_WHEN_PROTECTED = {"address", "postal_code", "city"}


@dataclass
class Change:
    when: datetime
    who: str
    what: str
    kind: str
    fields: list[tuple[str, str]] = field(default_factory=list)


def _changes_of(records: list[Any], label: str, protected: bool) -> list[Change]:
    changes = []
    for record in records:
        previous = record.prev_record
        changed = []
        if previous is not None:
            for delta in record.diff_against(previous).changes:
                hidden = protected and delta.field in _HIDDEN_WHEN_PROTECTED
                name = str(record.instance._meta.get_field(delta.field).verbose_name)
                changed.append((name, "•••" if hidden else str(delta.new)))
        who = record.history_user.display_name if record.history_user else ""
        changes.append(Change(record.history_date, who, label, record.history_type, changed))
    return changes


def client_changes(client: Client) -> list[Change]:
    """Every recorded change of the client, their relatives and serving units, newest first."""
    protected = client.protected_identity
    changes = _changes_of(
        list(client.history.select_related("history_user")), str(client), protected
    )
    for relative in client.relatives.all():
        records = list(relative.history.select_related("history_user"))
        changes += _changes_of(records, str(relative), protected=False)
    for link in client.service_links.select_related("unit"):
        changes += _changes_of(
            list(link.history.select_related("history_user")), str(link.unit), False
        )
    return sorted(changes, key=lambda change: change.when, reverse=True)
