"""The staff member behind a request (a Django or a REST framework request)."""

from __future__ import annotations

from typing import Any

from kasam.accounts.models import User


def staff_user(request: Any) -> User:
    """The logged-in user; every view that calls this is behind login."""
    user = request.user
    assert isinstance(user, User)
    return user
