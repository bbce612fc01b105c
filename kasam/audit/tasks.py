"""Background work for the audit trail: sealing new entries into the hash chain every few
seconds (and the whole trail hourly), so that requests do not wait for it (chain.py)."""

from __future__ import annotations

from celery import shared_task

from kasam.audit import chain


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def seal_chain(full: bool = False) -> int:
    """Seal the committed entries not yet in the chain; safe to run twice or at once."""
    return chain.seal(full=full)
