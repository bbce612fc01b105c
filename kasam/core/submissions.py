"""Idempotent submissions from phones on flaky networks: the form carries a key made when it
was shown; the same key sent again finds the record stored the first time."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from kasam.core.errors import Refused

M = TypeVar("M", bound=models.Model)


def earlier(model: type[M], submission_key: uuid.UUID, client: Any) -> M | None:
    """The record this key already stored for `client`; refused if it was another person's."""
    found = model._default_manager.filter(submission_key=submission_key).first()
    if found is not None and found.client_id != client.pk:  # type: ignore[attr-defined]
        raise Refused(_("This submission was already used for another record."))
    return found


def save_once(obj: M) -> tuple[M, bool]:
    """Save `obj` (already validated); if the same key won a race, return that record."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        key = obj.submission_key  # type: ignore[attr-defined]
        stored = earlier(type(obj), key, obj.client)  # type: ignore[attr-defined]
        if stored is None:
            raise
        return stored, False
    return obj, True
