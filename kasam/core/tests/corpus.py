"""Bad input that every form, filter and API write must answer with a 4xx, never a 5xx.

The whole corpus runs on SQLite; the second database run of the test command sets
KASAM_WALK_QUICK=1 and sends the values that reach the database differently (NUL bytes,
overflowing numbers and dates, malformed ids, long text), to keep the suite's time down."""

from __future__ import annotations

import os

# Values sent as a form field, a query parameter or a JSON string.
TEXT = [
    "",
    " ",
    "-1",
    "99999999999999999999999999999999",
    "1e309",
    "NaN",
    "0000-00-00",
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "9999-12-31T23:59",
    "２０２６-１１-０１",  # full-width digits
    "１２",
    "a\x00b",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "00000000-0000-0000-0000-000000000000",
    "0" * 36,
    "not-a-uuid",
    "2026M13",
    "x" * 10_000,
    "unknown-choice",
]
# A field alone gets these (the rest of the form stays valid), so the value reaches the
# service behind the form.
SINGLE = ["9999-12-31", "0001-01-01", "99999999999999999999", "-1", "a\x00b", "x" * 10_000]
HUGE = "x" * 1_000_000

# Values sent as JSON (beside every string above).
JSON_VALUES: list[object] = [
    None,
    True,
    -1,
    10**40,
    1.5e308,
    [],
    {},
    ["x"] * 3,
    {"a": {"b": {}}},
]


def deep_json(depth: int = 5000) -> str:
    return "[" * depth + "]" * depth


# Raw bodies that are not what they claim to be.
RAW_BODIES: list[tuple[bytes, str]] = [
    (b"{", "application/json"),
    (b'{"a": 1,}', "application/json"),
    (deep_json().encode(), "application/json"),
    (('{"a":' * 5000 + "1" + "}" * 5000).encode(), "application/json"),
    (b"\xff\xfe\x00garbage", "application/json"),
    (b'{"text": "a\\u0000b"}', "application/json"),
    (b"<xml/>", "application/xml"),
    (b"plain text", "text/plain"),
    (b"a=%ff%fe&b=\x00", "application/x-www-form-urlencoded"),
    (b"--x\r\nbroken", "multipart/form-data; boundary=x"),
]


QUICK = [
    "",
    "-1",
    "99999999999999999999999999999999",
    "0000-00-00",
    "9999-12-31",
    "0001-01-01",
    "a\x00b",
    "0" * 36,
    "not-a-uuid",
    "x" * 10_000,
]


def text() -> list[str]:
    """The values to send: all of them, or the quick set (KASAM_WALK_QUICK=1)."""
    return QUICK if os.environ.get("KASAM_WALK_QUICK") == "1" else TEXT
