"""Tracks and detectors on small hand-made tracks, and vessel matching against designations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import pyarrow as pa
import pytest

from watchkeeper.errors import InputFileError
from watchkeeper.maritime.config import DetectorConfig, load_config
from watchkeeper.maritime.detectors import detect_gaps, detect_loitering, detect_port_calls
from watchkeeper.maritime.encounters import detect_encounters
from watchkeeper.maritime.geo import load_ports
from watchkeeper.maritime.identity import detect_identity_changes, flag_of, normalise_name
from watchkeeper.maritime.matching import Broadcast, match_broadcast, match_vessel
from watchkeeper.maritime.tracks import build_tracks
from watchkeeper.store.models.maritime import VesselIdentity

T0 = 1_709_251_200  # 2024-03-01T00:00:00Z
CFG = DetectorConfig()
PORTS = load_ports()
OPEN_SEA = (36.2, 123.6)
NAMPO = (38.727, 125.385)


def _table(rows: list[tuple[int, float, float, float, float]]) -> pa.Table:
    a = np.array(rows, dtype=np.float64).reshape(-1, 5)
    return pa.table(
        {
            "mmsi": a[:, 0].astype(np.int64),
            "ts": a[:, 1].astype(np.int64),
            "lat": a[:, 2],
            "lon": a[:, 3],
            "sog": a[:, 4],
        }
    )


def _still(
    mmsi: int, at: tuple[float, float], hours: float, start_h: float = 0, every_s: int = 300, sog: float = 0.3
) -> list:
    return [
        (mmsi, T0 + start_h * 3600 + t, at[0], at[1], sog) for t in range(0, int(hours * 3600) + 1, every_s)
    ]


def _sailing(
    mmsi: int, frm: tuple[float, float], hours: float, knots: float, start_h: float = 0, every_s: int = 300
) -> list:
    rows = []
    for t in range(0, int(hours * 3600) + 1, every_s):
        rows.append((mmsi, T0 + start_h * 3600 + t, frm[0] + knots * 1.852 * t / 3600 / 111.2, frm[1], knots))
    return rows


def test_duplicates_and_out_of_order_fixes() -> None:
    rows = _sailing(412000001, OPEN_SEA, 1, 10)
    tracks = build_tracks(_table(rows[::-1] + rows[:5]), CFG)
    assert len(tracks) == len(rows)
    assert np.all(np.diff(tracks.ts) > 0)


def test_shared_mmsi_becomes_two_segments() -> None:
    far = (31.2, 122.5)
    rows = _sailing(412009999, OPEN_SEA, 3, 10) + _sailing(412009999, far, 3, 10, start_h=0.01)
    tracks = build_tracks(_table(rows), CFG)
    assert int(tracks.segment.max()) + 1 == 2
    assert detect_gaps(tracks, CFG, PORTS) == []


def test_gap_with_distance_and_implied_speed() -> None:
    rows = _sailing(613005678, OPEN_SEA, 2, 10) + _sailing(613005678, (36.6, 123.6), 2, 10, start_h=20)
    found = detect_gaps(build_tracks(_table(rows), CFG), CFG, PORTS)
    assert len(found) == 1
    gap = found[0]
    assert gap.details["hours"] == pytest.approx(18, abs=0.01)
    assert gap.details["distance_km"] == pytest.approx(7.4, abs=0.3)
    assert gap.details["implied_speed_knots"] < 1
    assert detect_gaps(build_tracks(_table(rows), CFG), DetectorConfig(gap_min_hours=24), PORTS) == []


def test_loitering_at_sea_but_not_in_port() -> None:
    rows = _sailing(538008901, (35.0, 125.0), 2, 11) + _still(538008901, (35.2, 125.0), 6, start_h=2.1)
    rows += _still(538000002, NAMPO, 8)
    found = detect_loitering(build_tracks(_table(rows), CFG), CFG, PORTS)
    assert [(d.mmsis, round(d.details["hours"])) for d in found] == [((538008901,), 6)]
    short = _still(538000003, OPEN_SEA, 3)
    assert detect_loitering(build_tracks(_table(short), CFG), CFG, PORTS) == []


def test_port_call_at_nampo() -> None:
    rows = _sailing(445112000, (38.50, 125.385), 1, 9) + _still(445112000, NAMPO, 10, start_h=1.5)
    found = detect_port_calls(build_tracks(_table(rows), CFG), CFG, PORTS)
    assert len(found) == 1
    assert (found[0].port, found[0].port_country) == ("Nampo", "PRK")
    assert found[0].details["hours"] == pytest.approx(10, abs=0.1)


def test_encounter_at_sea() -> None:
    rows = _still(352001234, OPEN_SEA, 5) + _still(445201000, (OPEN_SEA[0] + 0.002, OPEN_SEA[1]), 5)
    found = detect_encounters(build_tracks(_table(rows), CFG), CFG, PORTS)
    assert len(found) == 1
    enc = found[0]
    assert enc.mmsis == (352001234, 445201000)
    assert enc.details["median_distance_m"] == pytest.approx(222, abs=5)
    assert enc.details["hours"] >= 4.5


@pytest.mark.parametrize(
    ("second", "why"),
    [
        ((OPEN_SEA[0] + 0.006, OPEN_SEA[1]), "667 m apart"),
        ("short", "only 1.5 hours"),
        ("fast", "both sailing at 10 knots"),
    ],
)
def test_no_encounter(second: object, why: str) -> None:
    if second == "short":
        rows = _still(1, OPEN_SEA, 5) + _still(2, (OPEN_SEA[0] + 0.002, OPEN_SEA[1]), 1.5)
    elif second == "fast":
        rows = _sailing(1, OPEN_SEA, 5, 10) + _sailing(2, (OPEN_SEA[0], OPEN_SEA[1] + 0.003), 5, 10)
    else:
        rows = _still(1, OPEN_SEA, 5) + _still(2, second, 5)  # type: ignore[arg-type]
    assert detect_encounters(build_tracks(_table(rows), CFG), CFG, PORTS) == [], why


def test_crowded_anchorage_gives_no_encounter() -> None:
    anchorage = (35.99, 120.48)
    rows = []
    for k in range(12):
        rows += _still(413000100 + k, (anchorage[0] + 0.0027 * (k // 4), anchorage[1] + 0.0033 * (k % 4)), 24)
    tracks = build_tracks(_table(rows), CFG)
    assert detect_encounters(tracks, CFG, PORTS) == []
    # The same crowd far out at sea would be many encounters: the port rule is what keeps the anchorage quiet.
    assert len(detect_encounters(tracks, DetectorConfig(encounter_min_port_distance_km=0), PORTS)) > 10


@dataclass
class _Identity:
    mmsi: str
    name: str | None
    imo: str | None
    call_sign: str | None
    first_seen: datetime
    last_seen: datetime
    id: str = field(default="x")


def _at(hour: float) -> datetime:
    return datetime.fromtimestamp(T0 + hour * 3600, tz=UTC)


def test_identity_changes_rename_and_reflag() -> None:
    rows = [
        _Identity("577006789", "GOLDEN LIGHT", "9055773", "YJGL5", _at(0), _at(19), "a"),
        _Identity("577006789", "SUN FLOWER 8", "9055773", None, _at(20), _at(40), "b"),
        _Identity("341007890", "SUN FLOWER 8", "9055773", "V4SF8", _at(42), _at(90), "c"),
        _Identity("412000001", "HAI XING 6", None, None, _at(0), _at(90), "d"),
        _Identity("412000001", "Hai-Xing 6", None, None, _at(1), _at(90), "e"),
    ]
    found = detect_identity_changes(rows)  # type: ignore[arg-type]
    fields = sorted((d.details["field"], d.mmsis) for d in found)
    assert fields == [("mmsi", (341007890, 577006789)), ("name", (577006789,))]
    reflag = next(d for d in found if d.details["field"] == "mmsi")
    assert (reflag.details["old_flag"], reflag.details["new_flag"]) == ("VUT", "KNA")


def test_flags_and_names() -> None:
    assert flag_of(445112000) == "PRK"
    assert flag_of("273123456") == "RUS"
    assert flag_of("970012345") is None  # a search-and-rescue transmitter, not a ship
    assert normalise_name(" Yu Jong-2 ") == normalise_name("YU JONG 2")


@dataclass
class _Designated:
    designation_id: str
    reference: str
    name: str
    imo: str | None
    mmsi: str | None = None
    aliases: tuple[str, ...] = ()


DESIGNATED = [
    _Designated("un-1718:IMO9562233", "", "PETREL 8", "9562233"),
    _Designated("un-1718:IMO8705539", "", "KUM UN SAN 3", "8705539", aliases=("KUMUNSAN 3",)),
    _Designated("un-1718:NOIMO", "", "CHON MA SAN", None, mmsi="445999000"),
]


def test_match_by_imo_even_under_another_name() -> None:
    [m] = match_broadcast(Broadcast("511000001", "OCEAN GRACE", "8705539"), DESIGNATED)
    assert m.designation_id == "un-1718:IMO8705539" and m.score == 1.0
    assert "IMO 8705539" in m.as_dict()["explanation"]


def test_same_name_different_valid_imo_is_not_a_match() -> None:
    assert match_broadcast(Broadcast("477009001", "PETREL 8", "9443217"), DESIGNATED) == []


def test_name_match_without_imo_and_by_alias_and_mmsi() -> None:
    assert [m.designation_id for m in match_broadcast(Broadcast("1", "Petrel-8"), DESIGNATED)] == [
        "un-1718:IMO9562233"
    ]
    assert [m.designation_id for m in match_broadcast(Broadcast("1", "kumunsan 3"), DESIGNATED)] == [
        "un-1718:IMO8705539"
    ]
    assert [m.designation_id for m in match_broadcast(Broadcast("445999000"), DESIGNATED)] == [
        "un-1718:NOIMO"
    ]
    # An invalid broadcast IMO (bad check digit) is no evidence either way: the name decides.
    assert [m.designation_id for m in match_broadcast(Broadcast("1", "PETREL 8", "9562234"), DESIGNATED)] == [
        "un-1718:IMO9562233"
    ]


def test_former_name_matches_after_a_rename() -> None:
    history = [Broadcast("577006789", "KUM UN SAN 3"), Broadcast("577006789", "SUN FLOWER 8")]
    assert [m.designation_id for m in match_vessel(history, DESIGNATED)] == ["un-1718:IMO8705539"]


def test_config_file(tmp_path) -> None:
    path = tmp_path / "detectors.toml"
    path.write_text("[detectors]\ngap_min_hours = 6\ntrack_excerpt_points = 10\n")
    config = load_config(path)
    assert (config.gap_min_hours, config.track_excerpt_points, config.encounter_max_distance_m) == (
        6.0,
        10,
        500.0,
    )
    path.write_text("[detectors]\ngap_hours = 6\n")
    with pytest.raises(InputFileError, match="gap_hours"):
        load_config(path)


def test_vessel_identity_model_is_what_detectors_read() -> None:
    row = VesselIdentity(
        id="v", mmsi="1", name="A", imo=None, call_sign=None, first_seen=_at(0), last_seen=_at(1)
    )
    assert detect_identity_changes([row]) == []


def test_incident_rules_from_data() -> None:
    from watchkeeper.maritime.detectors import Detection
    from watchkeeper.maritime.events import incident_for

    def event(kind: str, mmsis: tuple[int, ...], **extra: object) -> Detection:
        return Detection(kind, mmsis, T0, T0 + 3600, 36.0, 123.0, **extra)  # type: ignore[arg-type]

    dprk = incident_for(event("encounter", (445201000, 352001234)), designated=False)
    assert dprk["incident_kind"] == "ship_to_ship_transfer" and "2397-op5" in dprk["measure_hints"]
    plain = incident_for(event("encounter", (511003456, 667004567)), designated=False)
    assert plain["measure_hints"] == ["2375-op11"]
    nampo = incident_for(event("port_call", (352001234,), port="Nampo", port_country="PRK"), designated=False)
    assert nampo["incident_kind"] == "port_call" and "2397-op5" in nampo["measure_hints"]
    dalian = incident_for(
        event("port_call", (352001234,), port="Dalian", port_country="CHN"), designated=True
    )
    assert dalian["incident_kind"] == "designated_vessel_port_entry" and "2375-op6" in dalian["measure_hints"]
    assert (
        incident_for(event("port_call", (1,), port="Dalian", port_country="CHN"), False)["measure_hints"]
        == []
    )
    reflag = incident_for(event("identity_change", (1, 2), details={"new_flag": "PRK"}), designated=False)
    assert reflag["measure_hints"] == ["2270-op20"]
    assert incident_for(event("gap", (1,)), designated=False)["incident_kind"] == "ais_disabled"
