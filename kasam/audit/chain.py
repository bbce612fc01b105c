"""A tamper-evident audit trail.

Each entry carries a digest: an HMAC of its fields with the installation's audit key
(KASAM_AUDIT_KEY, else derived from SECRET_KEY), which the database does not hold, so a row
changed or added below the application does not match. After each request that wrote entries
(or every few seconds in a Celery task, when a broker is configured:
KASAM_AUDIT_SEAL_IN_REQUEST), `seal()` appends them to a hash chain (ChainLink: position,
entry, hash of the previous link and the entry's digest) in commit order, under a lock held
only for the sealing. It looks only at the entries near the chain's end (LOOKBACK), so its
cost does not grow with the trail; `seal(full=True)` — hourly, and before every verify —
also finds an entry whose transaction committed later than that. `verify()` walks the chain
and the entries: a changed entry, an added entry or a missing one is reported. On PostgreSQL
the database itself refuses UPDATE and DELETE on both tables (trigger in migration 0002);
run the application as a role without those privileges (docs/operations.md).
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils.crypto import salted_hmac

from kasam.audit.models import AuditEvent, AuditHit, ChainLink

GENESIS = "0" * 64
BATCH = 5000
_LOCK = 7_340_011  # PostgreSQL advisory lock key for sealing
LOOKBACK = 1000  # entry ids behind the chain's end that an ordinary seal still looks at


def canonical(event: AuditEvent) -> str:
    """The entry's fields in one fixed text form (what the digest signs)."""
    ip = ipaddress.ip_address(event.ip_address).compressed if event.ip_address else ""
    fields = [
        event.occurred_at.isoformat(),
        event.actor_id,
        event.actor_role,
        event.actor_unit_id,
        event.client_id,
        event.action,
        event.object_type,
        event.object_id,
        event.basis,
        event.emergency_access_id,
        ip,
        event.changes,
    ]
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)


def digest_of(event: AuditEvent) -> str:
    key = settings.KASAM_AUDIT_KEY or settings.SECRET_KEY
    return salted_hmac("kasam.audit", canonical(event), secret=key, algorithm="sha256").hexdigest()


def sign(event: AuditEvent) -> AuditEvent:
    """Set the digest of a new entry (before it is saved)."""
    event.digest = digest_of(event)
    return event


def link_hash(previous: str, event_id: int, digest: str) -> str:
    return hashlib.sha256(f"{previous}:{event_id}:{digest}".encode()).hexdigest()


@transaction.atomic
def seal(*, full: bool = False) -> int:
    """Append every committed, unsealed entry whose digest is right to the chain (with
    `full`, in the whole trail; else near its end). An entry with a wrong digest is left
    out (verify reports it). Returns how many were sealed."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
    last = ChainLink.objects.order_by("-position").first()
    position, previous = (last.position, last.chain) if last else (0, GENESIS)
    pending = AuditEvent.objects.filter(link__isnull=True)
    if last is not None and not full:
        pending = pending.filter(id__gt=last.event_id - LOOKBACK)
    pending = pending.order_by("id")[:BATCH]
    links = []
    for event in pending:
        if event.digest != digest_of(event):
            continue
        position += 1
        previous = link_hash(previous, event.pk, event.digest)
        links.append(ChainLink(position=position, event=event, chain=previous))
    ChainLink.objects.bulk_create(links)
    return len(links) + (seal(full=full) if len(pending) == BATCH and links else 0)


def seal_after_commit() -> None:
    """Called by every write of audit entries: seal once the request's transaction commits
    (once, however many entries the transaction wrote) — unless a background task seals."""
    if not settings.KASAM_AUDIT_SEAL_IN_REQUEST:
        return
    queued = getattr(connection, "run_on_commit", [])
    if not any(len(item) > 1 and item[1] is _seal_now for item in queued):
        transaction.on_commit(_seal_now)


def _seal_now() -> None:
    seal()


@dataclass
class Findings:
    checked: int = 0
    sealed: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def verify() -> Findings:
    """Seal what is pending, then check every link and every entry."""
    findings = Findings(sealed=seal(full=True))
    previous, expected = GENESIS, 1
    links = ChainLink.objects.select_related("event").order_by("position")
    for link in links.iterator(chunk_size=2000):
        findings.checked += 1
        if link.position != expected:
            findings.problems.append(
                f"missing: chain positions {expected}–{link.position - 1} are gone"
            )
        if link.chain != link_hash(previous, link.event_id, link.event.digest):
            findings.problems.append(
                f"broken chain at position {link.position} (entry {link.event_id}): an entry "
                "before it or its own link was removed, added or changed"
            )
        elif link.event.digest != digest_of(link.event):
            findings.problems.append(f"changed: entry {link.event_id} differs from its digest")
        previous, expected = link.chain, link.position + 1
    for event in AuditEvent.objects.filter(link__isnull=True).order_by("id"):
        findings.problems.append(
            f"inserted or changed: entry {event.pk} has no valid digest and is not in the chain"
        )
    findings.problems += _hit_problems()
    return findings


def _hit_problems() -> list[str]:
    """A list entry's index rows (AuditHit) must be exactly the clients it signed."""
    rows: dict[int, dict[int, list[Any]]] = defaultdict(dict)
    for hit in AuditHit.objects.order_by("event_id").iterator(chunk_size=5000):
        rows[hit.event_id][hit.client_id] = hit.signed()
    problems = []
    lists = AuditEvent.objects.filter(action=AuditEvent.Action.SEARCH, client__isnull=True)
    for pk, changes in lists.values_list("pk", "changes").iterator(chunk_size=2000):
        signed = {shown[0]: shown for shown in (changes or {}).get("shown", [])}
        if signed != rows.pop(pk, {}):
            problems.append(f"changed: the clients indexed for list entry {pk} differ from it")
    problems += [f"inserted: client hits of entry {pk}, which lists none" for pk in rows]
    return problems
