"""The /maritime SVG map: land paths inside the frame, ports named, small, and the page without script."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.web.conftest import Workbench
from watchkeeper.web.maritime import MAP_H, MAP_W, PAD, map_svg


def record(lat: float, lon: float, designated: bool = False) -> dict[str, Any]:
    return {
        "id": f"ev-{lat}-{lon}",
        "kind": "encounter",
        "start_at": datetime(2024, 6, 1, tzinfo=UTC),
        "lat": lat,
        "lon": lon,
        "vessels": [{"mmsi": "477000001", "name": "NEW CONCORD"}],
        "designation_ids": ["KPs.001"] if designated else [],
        "track": [{"mmsi": 477000001, "lat": lat - 0.1 * i, "lon": lon - 0.1 * i} for i in range(3)],
    }


def land_group(svg: str) -> str:
    return svg[svg.index('<g class="land"') : svg.index("</g>")]


def test_land_paths_stay_inside_the_frame_under_the_tracks() -> None:
    svg = str(map_svg([record(38.6, 124.9, designated=True), record(36.5, 123.5)]))
    land = land_group(svg)
    assert land.count("<path d=") >= 3  # mainland Korea, China and islands
    numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", " ".join(re.findall(r'd="([^"]+)"', land)))]
    xs, ys = numbers[0::2], numbers[1::2]
    assert min(xs) >= PAD - 0.1 and max(xs) <= MAP_W - PAD + 0.1
    assert min(ys) >= PAD - 0.1 and max(ys) <= MAP_H - PAD + 0.1
    assert svg.index('<g class="land"') < svg.index("<polyline") < svg.index("<circle")
    assert ">Nampo</text>" in svg and ">Incheon</text>" in svg
    assert len(svg) < 60_000


def test_a_single_event_at_sea_still_shows_the_nearest_coast() -> None:
    svg = str(map_svg([record(30.9, 123.1)]))  # 120 km off the Yangtze mouth
    assert land_group(svg).count("<path d=") >= 1 and ">Shanghai</text>" in svg


def test_no_land_drawn_outside_the_bundled_region() -> None:
    svg = str(map_svg([record(20.0, 160.0)]))
    assert "<path" not in land_group(svg) and "<circle" in svg


@pytest.mark.slow  # the sample workbench's setup, when no other test has built it
def test_maritime_page_draws_land_without_script(sqlite_sample_bench: Workbench) -> None:
    viewer, _ = sqlite_sample_bench.signed_in("viewer")
    response = viewer.get("/maritime")
    assert response.status_code == 200
    assert land_group(response.text).count("<path d=") >= 1
    assert "<script" not in response.text and "script-src" in response.headers["content-security-policy"]
