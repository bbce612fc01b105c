"""Fixtures shared with other apps' tests."""

from kasam.indicators.tests.conftest import contact, receive  # noqa: F401 (fixtures)
