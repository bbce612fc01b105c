"""Optimistic locking: a save based on an old copy is refused instead of overwriting."""

from __future__ import annotations

from enum import Enum
from typing import Any

from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _


class StaleEdit(Exception):
    """Someone else saved in between; the caller shows the fresh copy and keeps the input."""

    def __init__(self, message: str = "") -> None:
        self.message = message or _(
            "Someone else saved changes while you were editing. Nothing of yours is lost: "
            "check their changes below, then save again."
        )
        super().__init__(self.message)


def claim_version(obj: models.Model, expected: int) -> None:
    """Move `obj` to the next version if it is still at `expected`; otherwise StaleEdit."""
    model = type(obj)
    updated = model._default_manager.filter(pk=obj.pk, version=expected).update(
        version=F("version") + 1
    )
    if not updated:
        raise StaleEdit
    obj.version = expected + 1  # type: ignore[attr-defined]


class Keep(Enum):
    """A partial change's "leave this field as it is" (None may be a real value)."""

    KEEP = "keep"


KEEP = Keep.KEEP


def apply_given(obj: models.Model, given: dict[str, Any]) -> None:
    """Set the fields of a partial change on `obj`, leaving those given as KEEP."""
    for name, value in given.items():
        if value is not KEEP:
            setattr(obj, name, value)
