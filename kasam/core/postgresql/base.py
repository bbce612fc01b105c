"""Django's PostgreSQL backend, with timestamps read by psycopg's C loader.

Django reads `timestamptz` with a loader of its own, a Python subclass of psycopg's Python
loader (to set the time zone it wants), so every timestamp of every row is parsed in Python:
~660 timestamps and ~16 ms of CPU for one day board on the large demo. When the connection's
time zone is UTC, as Django sets it with USE_TZ, psycopg's C loader gives the same value
(tzinfo `datetime.timezone.utc`), so Kasam's cursors use it. The C class cannot be
subclassed and lacks the `timezone` Django checks on the connection's loader, so it is
registered on each cursor, after Django's check.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.backends.postgresql import base

try:
    from psycopg_binary._psycopg import (  # type: ignore[attr-defined]
        TimestamptzLoader as CTimestamptzLoader,
    )
except ImportError:  # psycopg without its C part: Django's loader stays
    CTimestamptzLoader = None


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name: str | None = None) -> Any:
        cursor = super().create_cursor(name)
        if CTimestamptzLoader is not None and settings.USE_TZ and self.timezone_name == "UTC":
            cursor.adapters.register_loader("timestamptz", CTimestamptzLoader)
        return cursor
