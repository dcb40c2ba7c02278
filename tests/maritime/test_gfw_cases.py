"""Encounter cases in the style of Global Fishing Watch's pipeline tests, rebuilt from their description.

Two vessels drifting together across the antimeridian; a track whose positions jump between two places
10 degrees apart beside a vessel at rest; three vessels whose pairing changes; loitering that an encounter
already explains; and the AIS imports behind them (a static message across a batch boundary, a bad CSV).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pyais.encode import encode_dict
from sqlalchemy import select

from tests.maritime.test_detectors import _table
from watchkeeper.config import Settings
from watchkeeper.errors import InputFileError
from watchkeeper.maritime.config import DetectorConfig
from watchkeeper.maritime.detectors import detect_loitering
from watchkeeper.maritime.encode import tag_block
from watchkeeper.maritime.encounters import detect_encounters
from watchkeeper.maritime.events import detect_in_tracks
from watchkeeper.maritime.geo import load_ports
from watchkeeper.maritime.ingest import import_file
from watchkeeper.maritime.positions import read_positions
from watchkeeper.maritime.tracks import build_tracks
from watchkeeper.store.models.maritime import MaritimeImport, VesselIdentity

T0 = 1_717_200_000  # 2024-06-01T00:00:00Z
CFG = DetectorConfig()
PORTS = load_ports()
SEA = (20.5, 150.0)  # open Pacific, far from any port we ship


def _drift(
    mmsi: int, lat: float, lon: float, hours: float, east_deg_per_h: float = 0.0, start_h: float = 0
) -> list:
    """A fix every 5 minutes of a vessel drifting east, longitudes kept in [-180, 180)."""
    rows = []
    for t in range(0, int(hours * 3600) + 1, 300):
        x = (lon + east_deg_per_h * t / 3600 + 180.0) % 360.0 - 180.0
        rows.append((mmsi, T0 + start_h * 3600 + t, lat, x, 0.3))
    return rows


@pytest.mark.parametrize(
    ("first", "second", "east"),
    [((-12.0, 179.9985), (-12.0, -179.9985), 0.0), ((-12.0, 179.985), (-12.003, 179.985), 0.005)],
    ids=["either-side-of-the-line", "drifting-across-it"],
)
def test_side_by_side_across_the_antimeridian_is_one_encounter_near_180(
    first: tuple[float, float], second: tuple[float, float], east: float
) -> None:
    rows = _drift(416000111, *first, 6, east) + _drift(416000222, *second, 6, east)
    found = detect_encounters(build_tracks(_table(rows), CFG), CFG, PORTS)
    assert [d.mmsis for d in found] == [(416000111, 416000222)]
    assert found[0].details["hours"] >= 5.5
    assert found[0].details["median_distance_m"] < 500
    assert abs(abs(found[0].lon) - 180.0) < 0.05  # the mean on the circle, not 0


def test_a_track_jumping_between_two_places_meets_nobody() -> None:
    jumping = [
        (431000333, T0 + 600 * k, SEA[0], SEA[1] + (10.0 if k % 2 else 0.0), 0.5) for k in range(6 * 8 + 1)
    ]
    resting = _drift(431000444, SEA[0] + 0.002, SEA[1], 8)
    found = detect_encounters(build_tracks(_table(jumping + resting), CFG), CFG, PORTS)
    assert found == []


def test_encounters_follow_a_changing_pairing_of_three_vessels() -> None:
    a = _drift(511000001, *SEA, 8)
    # B lies beside A for four hours, then 5 km off; C lies 5 km off, then beside A.
    b = _drift(511000002, SEA[0] + 0.002, SEA[1], 4) + _drift(
        511000002, SEA[0] + 0.045, SEA[1], 3.9, start_h=4.1
    )
    c = _drift(511000003, SEA[0], SEA[1] + 0.05, 4) + _drift(
        511000003, SEA[0], SEA[1] + 0.0025, 3.9, start_h=4.1
    )
    found = detect_encounters(build_tracks(_table(a + b + c), CFG), CFG, PORTS)
    got = sorted((d.mmsis, round((d.start - T0) / 3600), round((d.end - T0) / 3600)) for d in found)
    assert got == [((511000001, 511000002), 0, 4), ((511000001, 511000003), 4, 8)]


def test_no_loitering_for_the_hours_of_an_encounter() -> None:
    rows = _drift(352000555, *SEA, 6) + _drift(667000666, SEA[0] + 0.002, SEA[1], 6)
    tracks = build_tracks(_table(rows), CFG)
    assert len(detect_loitering(tracks, CFG, PORTS)) == 2  # each alone would be loitering
    assert sorted(d.kind for d in detect_in_tracks(tracks, CFG, PORTS)) == ["encounter"]
    # Loitering that goes on well after the meeting is still reported.
    rows += _drift(352000555, SEA[0], SEA[1], 6, start_h=6.1)
    kinds = sorted(d.kind for d in detect_in_tracks(build_tracks(_table(rows), CFG), CFG, PORTS))
    assert kinds == ["encounter", "loitering"]


@pytest.mark.parametrize("lons", [(179.9, -179.9), (-179.95, 179.95, 179.99)])
def test_mean_longitude_on_the_circle(lons: tuple[float, ...]) -> None:
    from watchkeeper.maritime.geo import mean_lon

    assert abs(abs(mean_lon(np.array(lons))) - 180.0) < 0.05


def _statics_and_reports(path: Path, vessels: int = 12) -> Path:
    """An NMEA log where every vessel's static report (two sentences) is followed by a few positions."""
    lines = []
    for k in range(vessels):
        mmsi = 538000100 + k
        static = encode_dict(
            {"type": 5, "mmsi": mmsi, "imo": 0, "shipname": f"WK BOUNDARY {k}", "callsign": f"V7B{k}"},
            seq_id=k % 10,
        )
        assert len(static) == 2
        lines += [tag_block(T0 + 60 * k) + s for s in static]
        for i in range(3):
            report = {"type": 1, "mmsi": mmsi, "lat": 20.0 + k * 0.1, "lon": 150.0 + i * 0.001, "speed": 5.0}
            lines.append(tag_block(T0 + 60 * k + 10 * i + 1) + encode_dict(report)[0])
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


@pytest.mark.parametrize("batch_bytes", [300, 450, 700])
def test_static_messages_survive_every_batch_boundary_and_a_resume(
    sqlite_store, tmp_path: Path, batch_bytes: int
) -> None:
    settings = Settings(workspace=tmp_path, database_url=sqlite_store.url)
    path = _statics_and_reports(tmp_path / "ais.nmea")

    class Interrupted(Exception):
        pass

    def stop_after_three(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == 3:
            raise Interrupted

    calls: list[int] = []
    with pytest.raises(Interrupted):
        import_file(sqlite_store, settings, path, batch_bytes=batch_bytes, progress=stop_after_three)
    result = import_file(sqlite_store, settings, path, batch_bytes=batch_bytes)
    assert result.batches_resumed == 3 and result.counts["truncated_multipart"] == 0
    with sqlite_store.session() as session:
        names = {i.name for i in session.scalars(select(VesselIdentity))}
    assert names == {f"WK BOUNDARY {k}" for k in range(12)}
    assert read_positions(settings.maritime_dir).num_rows == 36


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b"MMSI,BaseDateTime,LAT,LON\n1,2024-03-01T00:00:00,20.5,150.0\n" + bytes(range(256)) * 16, 3),
        (bytes(range(256)) * 12, 1),
        (b"vessel,when,where\nA,noon,sea\n", 1),
    ],
    ids=["binary-row", "binary-file", "unknown-columns"],
)
def test_a_bad_ais_csv_is_one_line_naming_the_line_and_leaves_no_import(
    sqlite_store, tmp_path: Path, content: bytes, line: int
) -> None:
    settings = Settings(workspace=tmp_path, database_url=sqlite_store.url)
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    with pytest.raises(InputFileError) as refused:
        import_file(sqlite_store, settings, path, "csv")
    message = str(refused.value)
    assert "\n" not in message and message.startswith(f"{path}, line {line}: ")
    with sqlite_store.session() as session:
        assert session.scalars(select(MaritimeImport)).all() == []


def test_one_stray_far_position_does_not_hide_a_real_encounter() -> None:
    rows = _drift(431000555, *SEA, 6) + _drift(431000666, SEA[0] + 0.002, SEA[1], 6)
    rows.append((431000555, T0 + 3 * 3600 + 30, SEA[0], SEA[1] + 10.0, 0.5))  # a lone glitch 10 degrees east
    found = detect_encounters(build_tracks(_table(rows), CFG), CFG, PORTS)
    assert [d.mmsis for d in found] == [(431000555, 431000666)]


def test_a_batch_ends_before_an_unfinished_message_even_when_messages_interleave() -> None:
    from watchkeeper.maritime.ingest import _unfinished_tail

    first = b"!AIVDM,2,1,3,A,AAAA,0*00\n"
    other = b"!AIVDM,2,1,4,B,BBBB,0*00\n"
    second = b"!AIVDM,2,2,3,A,CCCC,2*00\n"
    single = b"!AIVDM,1,1,,A,DDDD,0*00\n"
    assert _unfinished_tail(single + first + other + second) == len(single + first)
    assert _unfinished_tail(single + first + second) == len(single + first + second)


def test_an_encounter_with_no_port_known_has_no_port_distance() -> None:
    # JSON has no Infinity: "no port in range" is stored as null, not as an infinite distance
    rows = _drift(416000333, *SEA, 6) + _drift(416000444, SEA[0], SEA[1] + 0.001, 6)
    (found,) = detect_encounters(build_tracks(_table(rows), CFG), CFG, ())
    assert found.details["port_distance_km"] is None
