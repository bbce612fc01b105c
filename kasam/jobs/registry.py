"""What each kind of job makes. An app registers its producer when it starts (apps.py), so
this app never imports the apps above it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Made:
    body: bytes
    filename: str
    content_type: str


# A producer gets the job's parameters and a way to report progress (per cent).
Producer = Callable[[dict[str, Any], Callable[[int], None]], Made]
PRODUCERS: dict[str, Producer] = {}


def register(kind: str, producer: Producer) -> None:
    PRODUCERS[kind] = producer
