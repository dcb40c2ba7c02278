"""Every threshold of the maritime detectors, in one object, with the published value as the default.

Defaults follow Global Fishing Watch's published definitions (re-implemented here, not their code):
- encounters: two vessels within 500 m of each other for at least 2 hours, median speed below 2 knots,
  at least 10 km from a coastal anchorage (GFW, "Encounters" data caveats; Miller et al. 2018,
  "Identifying Global Patterns of Transshipment Behavior", Frontiers in Marine Science);
- loitering: a vessel averaging under 2 knots for at least 4 hours away from port (GFW carrier loitering);
- AIS gaps: 12 hours or more without a position (GFW "AIS disabling events", Welch et al. 2022, Science
  Advances, which uses ≥ 12 h gaps away from shore);
- positions are resampled to 10-minute steps before pairing (as GFW's encounter pipeline does);
- a track segment is split where a position implies more than 50 knots (spoofed or shared MMSIs).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from watchkeeper.errors import InputFileError


@dataclass(frozen=True)
class DetectorConfig:
    """Thresholds of the track builder and the detectors (units in the names)."""

    segment_max_speed_knots: float = 50.0
    segment_noise_km: float = 1.0  # position jitter tolerated between two fixes close in time
    gap_min_hours: float = 12.0
    encounter_max_distance_m: float = 500.0
    encounter_min_hours: float = 2.0
    encounter_max_median_speed_knots: float = 2.0
    encounter_min_port_distance_km: float = 10.0
    resample_minutes: float = 10.0
    resample_max_gap_hours: float = 2.0  # no interpolated positions across a longer silence
    loitering_max_speed_knots: float = 2.0
    loitering_min_hours: float = 4.0
    loitering_min_port_distance_km: float = 10.0
    port_call_min_hours: float = 1.0
    track_excerpt_points: int = 24


def load_config(path: Path | None) -> DetectorConfig:
    """Defaults, overridden by a TOML file's ``[detectors]`` table (or top-level keys)."""
    if path is None:
        return DetectorConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputFileError(path, f"cannot read detector settings: {exc}") from exc
    table = data.get("detectors", data)
    known = {f.name: f for f in fields(DetectorConfig)}
    values: dict[str, Any] = {}  # each an int or a float, as its field says
    for key, value in table.items():
        if key not in known:
            raise InputFileError(path, f"unknown setting; known: {', '.join(known)}", field=key)
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise InputFileError(path, "must be a number", field=key)
        values[key] = int(value) if known[key].type == "int" else float(value)
    return DetectorConfig(**values)
