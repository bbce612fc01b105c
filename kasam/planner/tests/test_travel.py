"""Travel times: straight line by default, an OSRM engine's table when configured (tested
against a response in OSRM's table format), cached, and a clear refusal when it fails."""

from __future__ import annotations

import io
import urllib.error
from pathlib import Path

import pytest

from kasam.core.errors import Refused
from kasam.planner import travel

DATA = Path(__file__).parent / "data"
OSLO = [(59.9139, 10.7522), (59.9280, 10.7301), (59.9301, 10.7801)]


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()


def test_straight_line_is_the_great_circle_times_the_detour_at_the_modes_speed(settings):
    settings.KASAM_TRAVEL_DETOUR = 1.3
    found = travel.straight_line([(60.0, 10.0), (61.0, 10.0)], "car")
    assert found.metres[0, 1] == pytest.approx(111_195 * 1.3, rel=1e-3)  # one degree north
    assert found.seconds[0, 1] == pytest.approx(111_195 * 1.3 / (35 / 3.6), rel=1e-3)
    assert found.seconds[1, 0] == found.seconds[0, 1]
    walking = travel.straight_line([(60.0, 10.0), (61.0, 10.0)], "walk")
    assert walking.seconds[0, 1] > found.seconds[0, 1]


def test_an_osrm_table_is_read_and_cached(settings, monkeypatch):
    settings.KASAM_TRAVEL_OSRM_URL = "http://osrm.example:5000"
    asked: list[str] = []

    def answer(url, timeout):
        asked.append(url)
        return io.BytesIO((DATA / "osrm-table.json").read_bytes())

    monkeypatch.setattr(travel.urllib.request, "urlopen", answer)
    found = travel.matrices(OSLO, "car")
    assert found.seconds[0, 1] == 312
    assert found.metres[2, 0] == 5390
    assert asked[0].startswith("http://osrm.example:5000/table/v1/driving/10.752200,59.913900;")
    travel.matrices(OSLO, "car")
    assert len(asked) == 1  # the second time from the cache


def test_an_engine_that_does_not_answer_is_a_clear_refusal(settings, monkeypatch):
    settings.KASAM_TRAVEL_OSRM_URL = "http://osrm.example:5000"

    def down(url, timeout):
        raise urllib.error.URLError("connection refused")

    monkeypatch.setattr(travel.urllib.request, "urlopen", down)
    with pytest.raises(Refused, match="does not answer"):
        travel.matrices(OSLO, "car")


def test_a_place_without_a_road_is_a_clear_refusal(settings, monkeypatch):
    settings.KASAM_TRAVEL_OSRM_URL = "http://osrm.example:5000"
    body = b'{"code": "Ok", "durations": [[0, null], [null, 0]], "distances": [[0, 1], [1, 0]]}'
    monkeypatch.setattr(travel.urllib.request, "urlopen", lambda url, timeout: io.BytesIO(body))
    with pytest.raises(Refused, match="no road"):
        travel.matrices(OSLO[:2], "bike")
