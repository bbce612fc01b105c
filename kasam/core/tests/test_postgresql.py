"""Kasam's PostgreSQL backend reads timestamps in C and gives what Django's own loader gives."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the backend is PostgreSQL's"),
]


def test_cursors_read_timestamps_with_the_c_loader():
    from kasam.core.postgresql.base import CTimestamptzLoader

    with connection.cursor() as cursor:
        loader = cursor.cursor.adapters.get_loader(1184, 0)  # timestamptz, text
    assert CTimestamptzLoader is not None
    assert loader is CTimestamptzLoader


def test_a_timestamp_comes_back_as_the_same_utc_moment():
    moment = datetime.datetime(2026, 3, 29, 1, 30, 15, 123456, tzinfo=datetime.UTC)
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::timestamptz, now()", [moment])
        back, now = cursor.fetchone()
    assert back == moment
    assert back.tzinfo is datetime.UTC
    assert now.tzinfo is datetime.UTC


def test_a_model_timestamp_round_trips(admin_user):
    admin_user.last_login = datetime.datetime(2026, 10, 25, 0, 45, tzinfo=datetime.UTC)
    admin_user.save(update_fields=["last_login"])
    admin_user.refresh_from_db()
    assert admin_user.last_login == datetime.datetime(2026, 10, 25, 0, 45, tzinfo=datetime.UTC)
    assert admin_user.last_login.tzinfo is datetime.UTC
