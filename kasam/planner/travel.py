"""Travel time and distance between places, from a pluggable source: straight-line distance
× a detour factor at a speed per travel mode (the default, needs nothing), or the table API
of an OSRM routing engine (`KASAM_TRAVEL_OSRM_URL`). Matrices are cached by their points."""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from kasam.core.errors import Refused

EARTH_RADIUS_M = 6_371_000
OSRM_PROFILES = {"car": "driving", "bike": "cycling", "walk": "foot"}
TIMEOUT_SECONDS = 10
CACHE_SECONDS = 24 * 3600

Point = tuple[float, float]  # latitude, longitude


@dataclass(frozen=True)
class Matrices:
    seconds: np.ndarray
    metres: np.ndarray


def matrices(points: list[Point], mode: str) -> Matrices:
    """Travel between every pair of points, cached; a refusal when the engine fails."""
    key = _cache_key(points, mode)
    found = cache.get(key)
    if found is None:
        found = (
            _osrm(points, mode) if settings.KASAM_TRAVEL_OSRM_URL else straight_line(points, mode)
        )
        cache.set(key, found, CACHE_SECONDS)
    return found


def straight_line(points: list[Point], mode: str) -> Matrices:
    """Great-circle distance × the detour factor, at the mode's speed."""
    radians = np.radians(np.asarray(points, dtype=float).reshape(-1, 2))
    lat, lon = radians[:, 0:1], radians[:, 1:2]
    half = (
        np.sin((lat - lat.T) / 2) ** 2
        + np.cos(lat) * np.cos(lat.T) * np.sin((lon - lon.T) / 2) ** 2
    )
    metres = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(half)) * settings.KASAM_TRAVEL_DETOUR
    speed = settings.KASAM_TRAVEL_SPEEDS[mode] * 1000 / 3600  # metres per second
    return Matrices(np.rint(metres / speed).astype(np.int64), np.rint(metres).astype(np.int64))


def _osrm(points: list[Point], mode: str) -> Matrices:
    """OSRM's table service: durations (s) and distances (m) between all points."""
    where = ";".join(f"{lon:.6f},{lat:.6f}" for lat, lon in points)
    base = settings.KASAM_TRAVEL_OSRM_URL.rstrip("/")
    url = f"{base}/table/v1/{OSRM_PROFILES[mode]}/{where}?annotations=duration,distance"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
            body = json.load(answer)
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        raise Refused(_("The travel time service does not answer. Try again later.")) from error
    if body.get("code") != "Ok" or None in _flat(body.get("durations")):
        raise Refused(_("The travel time service found no road between some of the places."))
    return Matrices(
        np.rint(np.asarray(body["durations"], dtype=float)).astype(np.int64),
        np.rint(np.asarray(body["distances"], dtype=float)).astype(np.int64),
    )


def _flat(rows: list[list[float | None]] | None) -> list[float | None]:
    return [value for row in rows or [[None]] for value in row]


def _cache_key(points: list[Point], mode: str) -> str:
    source = settings.KASAM_TRAVEL_OSRM_URL or f"line:{settings.KASAM_TRAVEL_DETOUR}"
    text = json.dumps([source, mode, [(round(a, 6), round(b, 6)) for a, b in points]])
    return "planner:travel:" + hashlib.sha256(text.encode()).hexdigest()
