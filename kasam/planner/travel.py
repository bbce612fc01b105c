"""Travel time and distance between places, from a pluggable source: straight-line distance
× a detour factor at a speed per travel mode (the default, needs nothing), the table API of
an OSRM routing engine (`KASAM_TRAVEL_OSRM_URL`) or the matrix API of a Valhalla engine
(`KASAM_TRAVEL_VALHALLA_URL`). Matrices are cached by their points."""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from kasam.core.errors import Refused

EARTH_RADIUS_M = 6_371_000
OSRM_PROFILES = {"car": "driving", "bike": "cycling", "walk": "foot"}
VALHALLA_COSTINGS = {"car": "auto", "bike": "bicycle", "walk": "pedestrian"}
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
        found = _source()(points, mode)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _source() -> Callable[[list[Point], str], Matrices]:
    if settings.KASAM_TRAVEL_VALHALLA_URL:
        return _valhalla
    if settings.KASAM_TRAVEL_OSRM_URL:
        return _osrm
    return straight_line


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
    body = _ask(url)
    if body.get("code") != "Ok":
        raise NoRoad
    return _whole(body.get("durations"), body.get("distances"), metres_per_unit=1)


def _valhalla(points: list[Point], mode: str) -> Matrices:
    """Valhalla's matrix service (verbose answer): time (s) and distance (km) per pair."""
    places = [{"lat": round(lat, 6), "lon": round(lon, 6)} for lat, lon in points]
    question = {
        "sources": places,
        "targets": places,
        "costing": VALHALLA_COSTINGS[mode],
        "units": "kilometers",
        "verbose": True,
    }
    url = settings.KASAM_TRAVEL_VALHALLA_URL.rstrip("/") + "/sources_to_targets"
    body = _ask(url, question)
    rows = body.get("sources_to_targets")
    if not isinstance(rows, list):
        raise NoRoad
    seconds = [[cell.get("time") for cell in row] for row in rows]
    kilometres = [[cell.get("distance") for cell in row] for row in rows]
    return _whole(seconds, kilometres, metres_per_unit=1000)


class NoRoad(Refused):
    def __init__(self) -> None:
        super().__init__(_("The travel time service found no road between some of the places."))


def _ask(url: str, question: dict[str, Any] | None = None) -> dict[str, Any]:
    """The engine's JSON answer to a GET, or to a POST of `question`."""
    if not url.startswith(("http://", "https://")):
        raise ImproperlyConfigured("The travel time service's URL must be http or https.")
    data = json.dumps(question).encode() if question is not None else None
    headers = {"Content-Type": "application/json"} if data else {}
    request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 - checked
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
            body = json.load(answer)
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        raise Refused(_("The travel time service does not answer. Try again later.")) from error
    return body if isinstance(body, dict) else {}


def _whole(
    seconds: list[list[float | None]] | None,
    distances: list[list[float | None]] | None,
    *,
    metres_per_unit: int,
) -> Matrices:
    """Both matrices as whole seconds and metres; a refusal when a pair has no road."""
    if not seconds or not distances or None in _flat(seconds) or None in _flat(distances):
        raise NoRoad
    return Matrices(
        np.rint(np.asarray(seconds, dtype=float)).astype(np.int64),
        np.rint(np.asarray(distances, dtype=float) * metres_per_unit).astype(np.int64),
    )


def _flat(rows: list[list[float | None]]) -> list[float | None]:
    return [value for row in rows for value in row]


def source_name() -> str:
    """Where travel times come from: the engine's address, or the straight line's detour."""
    return (
        settings.KASAM_TRAVEL_VALHALLA_URL
        or settings.KASAM_TRAVEL_OSRM_URL
        or f"line × {settings.KASAM_TRAVEL_DETOUR}"
    )


def _cache_key(points: list[Point], mode: str) -> str:
    text = json.dumps([source_name(), mode, [(round(a, 6), round(b, 6)) for a, b in points]])
    return "planner:travel:" + hashlib.sha256(text.encode()).hexdigest()
