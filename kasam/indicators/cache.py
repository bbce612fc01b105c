"""Cached indicator figures, invalidated by the source counters (models.SourceVersion).

Every save and delete of a record the live indicators read raises its source's counter
(signals connected in apps.py, so no write path can forget it); bulk writes, which send no
signals, call `touch` themselves (visit generation). Visits are counted per month, so that
today's check-ins leave the figures of past months cached."""

from __future__ import annotations

import datetime
import hashlib
import pickle
import secrets
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import F

from kasam.indicators.models import KeptTally, SourceVersion

T = TypeVar("T")
CACHE = "indicators"
# Sources whose writes raise a counter per month ("visits:2026-11"), not one for all time.
MONTHLY_SOURCES = ("visits", "deviations")


def touch(*names: str) -> None:
    for name in names:
        raised = SourceVersion.objects.filter(name=name).update(version=F("version") + 1)
        if not raised:
            SourceVersion.objects.get_or_create(
                name=name, defaults={"version": secrets.randbits(62)}
            )
    warm_soon()


def warm_soon() -> None:
    """With a worker, compute the dashboard again shortly after a write (at most once a
    minute), so that the next person to open it does not wait for the changed figures."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return  # no worker: the next request computes what changed
    if caches["default"].add("kasam-dashboard-warm-queued", 1, timeout=60):
        transaction.on_commit(_queue_warm_up)


def _queue_warm_up() -> None:
    from kasam.indicators.tasks import warm_dashboard

    warm_dashboard.apply_async(countdown=5)


def touch_months(source: str, first: datetime.date, last: datetime.date) -> None:
    """Raise the counters of every month from `first` to `last`."""
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        touch(f"{source}:{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def month_source(source: str, day: datetime.date) -> str:
    return f"{source}:{day.year}-{day.month:02d}"


def versions(names: Iterable[str]) -> tuple[tuple[str, int | None], ...]:
    names = sorted(set(names))
    found = dict(SourceVersion.objects.filter(name__in=names).values_list("name", "version"))
    return tuple((name, found.get(name)) for name in names)


Wanted = dict[tuple[Any, ...], tuple[Callable[[], T], str]]  # key → (compute, slot or "")


def remembered_many(wanted: Wanted[T]) -> dict[tuple[Any, ...], T]:
    """The cached result for each key (which includes the source counters), or a fresh one:
    one round trip to the shared cache, one query for the rows kept in the database of
    those with a slot (a closed month of one indicator, or the window of one that reads
    across months) that the shared cache has lost, one round trip to store them again."""
    digests = {key: block_digest(key) for key in wanted}
    cached = caches[CACHE].get_many([f"ind:{digest}" for digest in digests.values()])
    found = {key: cached[f"ind:{d}"] for key, d in digests.items() if f"ind:{d}" in cached}
    lost = [key for key in wanted if key not in found]
    kept = _kept({wanted[key][1]: digests[key] for key in lost if wanted[key][1]})
    fresh = {}
    for key in lost:
        compute, slot = wanted[key]
        value = kept.get(slot) if slot else None
        if value is None:
            value = compute()
            if slot:
                _keep(slot, digests[key], value)
        found[key] = fresh[f"ind:{digests[key]}"] = value
    if fresh:
        caches[CACHE].set_many(fresh, timeout=None)
    return found


def _kept(digests: dict[str, str]) -> dict[str, Any]:
    """The kept tallies of these slots, where they were kept under the digest asked for."""
    if not digests:
        return {}
    rows = KeptTally.objects.filter(slot__in=digests).values_list("slot", "digest", "tallies")
    return {
        slot: pickle.loads(pickled)  # noqa: S301 - written by _keep
        for slot, digest, pickled in rows
        if digests[slot] == digest
    }


def _keep(slot: str, digest: str, value: object) -> None:
    """Insert or replace the slot's row in one statement (two workers may compute it)."""
    KeptTally.objects.bulk_create(
        [KeptTally(slot=slot, digest=digest, tallies=pickle.dumps(value))],
        update_conflicts=True,
        unique_fields=["slot"],
        update_fields=["digest", "tallies", "computed_at"],
    )


def rolled_key(block: str, unit_id: int) -> str:
    """The cache key of one unit's rolled-up tallies of a block (`block_digest`)."""
    return f"roll:{block}:{unit_id}"


def block_digest(key: tuple[Any, ...]) -> str:
    return hashlib.sha256(repr(key).encode()).hexdigest()


def read_many(keys: Iterable[str]) -> dict[str, Any]:
    """Many cached values in one round trip (missing keys are left out)."""
    return caches[CACHE].get_many(list(keys))


def keep_many(values: dict[str, Any]) -> None:
    caches[CACHE].set_many(values, timeout=None)


def forget() -> None:
    caches[CACHE].clear()
