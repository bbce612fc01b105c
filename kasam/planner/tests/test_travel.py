"""Travel times: straight line by default, an OSRM or Valhalla engine's matrix when configured
(tested against answers in each engine's format), cached, and a clear refusal when it fails."""

from __future__ import annotations

import io
import json
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

    def answer(question, timeout):
        asked.append(question.full_url)
        return io.BytesIO((DATA / "osrm-table.json").read_bytes())

    monkeypatch.setattr(travel.urllib.request, "urlopen", answer)
    found = travel.matrices(OSLO, "car")
    assert found.seconds[0, 1] == 312
    assert found.metres[2, 0] == 5390
    assert asked[0].startswith("http://osrm.example:5000/table/v1/driving/10.752200,59.913900;")
    travel.matrices(OSLO, "car")
    assert len(asked) == 1  # the second time from the cache


def test_a_valhalla_matrix_is_asked_for_the_modes_costing_and_read_in_metres(settings, monkeypatch):
    settings.KASAM_TRAVEL_VALHALLA_URL = "http://valhalla.example:8002/"
    asked: list[tuple[str, dict]] = []

    def answer(question, timeout):
        asked.append((question.full_url, json.loads(question.data)))
        return io.BytesIO((DATA / "valhalla-matrix.json").read_bytes())

    monkeypatch.setattr(travel.urllib.request, "urlopen", answer)
    found = travel.matrices(OSLO, "bike")
    assert found.seconds[0, 1] == 318
    assert found.seconds[2, 1] == 403
    assert found.metres[2, 0] == 5442  # 5.442 km
    url, question = asked[0]
    assert url == "http://valhalla.example:8002/sources_to_targets"
    assert question["costing"] == "bicycle"
    assert question["sources"][1] == {"lat": 59.928, "lon": 10.7301}
    assert question["targets"] == question["sources"]
    travel.matrices(OSLO, "bike")
    assert len(asked) == 1


def test_a_valhalla_pair_without_a_road_is_a_clear_refusal(settings, monkeypatch):
    settings.KASAM_TRAVEL_VALHALLA_URL = "http://valhalla.example:8002"
    cell = {"from_index": 0, "to_index": 1, "time": None, "distance": None}
    body = json.dumps({"sources_to_targets": [[{"time": 0, "distance": 0}, cell]] * 2})
    monkeypatch.setattr(
        travel.urllib.request, "urlopen", lambda q, timeout: io.BytesIO(body.encode())
    )
    with pytest.raises(Refused, match="no road"):
        travel.matrices(OSLO[:2], "walk")


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
