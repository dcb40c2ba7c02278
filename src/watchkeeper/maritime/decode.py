"""AIS payload decoding, vectorised: 6-bit armour by a lookup table, bit fields by shifts over 2-D arrays.

Payloads of one message type are gathered into a matrix of 6-bit values (one row per message, zero beyond a
row's end); a field is the columns it spans shifted together and masked. Values follow pyais's conventions
(lat/lon rounded to 1e-6 degree, 91/181 and speed 102.3 "not available" left as they are); turning those into
missing values is :func:`watchkeeper.maritime.positions.clean_positions`'s job.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from watchkeeper.maritime.nmea import Framed, windows

ARMOUR = np.full(256, 255, dtype=np.uint8)
for _c in range(48, 88):
    ARMOUR[_c] = _c - 48
for _c in range(96, 120):
    ARMOUR[_c] = _c - 56

POSITION_TYPES = (1, 2, 3, 18, 19, 27)
STATIC_TYPES = (5, 19, 24)
# Bits a message must have for the fields we read (a shorter payload is refused, not guessed).
REQUIRED_BITS = {1: 143, 2: 143, 3: 143, 18: 139, 19: 302, 27: 94, 5: 420, 24: 160}
POSITION_COLUMNS = (
    "mmsi",
    "ts",
    "msg_type",
    "status",
    "turn",
    "speed",
    "accuracy",
    "lon",
    "lat",
    "course",
    "heading",
    "second",
    "line",
)
STATIC_COLUMNS = (
    "mmsi",
    "ts",
    "msg_type",
    "part",
    "imo",
    "call_sign",
    "name",
    "ship_type",
    "draught",
    "destination",
    "to_bow",
    "to_stern",
    "to_port",
    "to_starboard",
    "line",
)


@dataclass
class Decoded:
    """Decoded messages of one batch: position reports and static reports as columns."""

    positions: dict[str, np.ndarray]
    statics: dict[str, np.ndarray]
    counts: Counter[str]
    skipped_types: Counter[int]


def sixbit_matrix(
    buf: np.ndarray, start: np.ndarray, length: np.ndarray, width: int
) -> tuple[np.ndarray, np.ndarray]:
    """Rows of 6-bit values, ``width`` columns, zero past each payload's end; rows with a bad character."""
    # One row gather of fixed-width windows, the armour table over it, then column-major for the field reads.
    if len(start) and int(start.max()) + width > len(buf):
        buf = np.concatenate((buf, np.zeros(width, dtype=np.uint8)))  # a long payload near the end
    raw = windows(buf, width)[start]
    values = ARMOUR[raw]
    inside = np.arange(width)[None, :] < length[:, None]
    bad = ((values == 255) & inside).any(axis=1)
    short = np.flatnonzero(length < width)
    if len(short):
        values[short] = np.where(inside[short], values[short], 0)
    return np.asfortranarray(values), bad


def bits(v: np.ndarray, start: int, width: int, signed: bool = False) -> np.ndarray:
    """The unsigned (or two's-complement signed) integer at bit ``start`` of each row, ``width`` bits wide."""
    first, last = start // 6, (start + width - 1) // 6
    acc = v[:, first].astype(np.uint64)
    for col in range(first + 1, last + 1):
        acc = (acc << np.uint64(6)) | v[:, col]
    shift = (last - first + 1) * 6 - (start - first * 6) - width
    value = ((acc >> np.uint64(shift)) & np.uint64((1 << width) - 1)).astype(np.int64)
    if signed:
        value = np.where(value >= 1 << (width - 1), value - (1 << width), value)
    return value


def text(v: np.ndarray, start: int, n_chars: int) -> np.ndarray:
    """6-bit ASCII text (stops at the first ``@``, trimmed), as an object array of str."""
    codes = np.stack([bits(v, start + 6 * i, 6) for i in range(n_chars)], axis=1)
    codes = np.where(codes < 32, codes + 64, codes).astype(np.uint8)
    raw = codes.view(f"S{n_chars}").ravel()
    return np.array([s.decode("ascii").partition("@")[0].strip() for s in raw], dtype=object)


def _lat_lon(raw: np.ndarray, per_degree: int) -> np.ndarray:
    # Same rounding as pyais: nearest 1e-6 degree computed in integers, then one IEEE division.
    if per_degree == 600000:
        return ((10 * raw + 3) // 6) / 1e6
    return ((10000 * raw + 3) // 6) / 1e6


def _turn(raw: np.ndarray) -> np.ndarray:
    rate = np.copysign(np.round((raw / 4.733) ** 2), raw)
    rate = np.where(raw == 0, 0.0, rate)
    return np.where(np.abs(raw) >= 127, raw.astype(np.float64), rate)


def _class_a(v: np.ndarray) -> dict[str, np.ndarray]:
    return {
        "status": bits(v, 38, 4),
        "turn": _turn(bits(v, 42, 8, signed=True)),
        "speed": bits(v, 50, 10) / 10.0,
        "accuracy": bits(v, 60, 1).astype(bool),
        "lon": _lat_lon(bits(v, 61, 28, signed=True), 600000),
        "lat": _lat_lon(bits(v, 89, 27, signed=True), 600000),
        "course": bits(v, 116, 12) / 10.0,
        "heading": bits(v, 128, 9),
        "second": bits(v, 137, 6),
    }


def _class_b(v: np.ndarray) -> dict[str, np.ndarray]:
    n = v.shape[0]
    return {
        "status": np.full(n, -1, dtype=np.int64),
        "turn": np.full(n, np.nan),
        "speed": bits(v, 46, 10) / 10.0,
        "accuracy": bits(v, 56, 1).astype(bool),
        "lon": _lat_lon(bits(v, 57, 28, signed=True), 600000),
        "lat": _lat_lon(bits(v, 85, 27, signed=True), 600000),
        "course": bits(v, 112, 12) / 10.0,
        "heading": bits(v, 124, 9),
        "second": bits(v, 133, 6),
    }


def _long_range(v: np.ndarray) -> dict[str, np.ndarray]:
    n = v.shape[0]
    return {
        "status": bits(v, 40, 4),
        "turn": np.full(n, np.nan),
        "speed": bits(v, 79, 6).astype(np.float64),
        "accuracy": bits(v, 38, 1).astype(bool),
        "lon": _lat_lon(bits(v, 44, 18, signed=True), 600),
        "lat": _lat_lon(bits(v, 62, 17, signed=True), 600),
        "course": bits(v, 85, 9).astype(np.float64),
        "heading": np.full(n, 511, dtype=np.int64),
        "second": np.full(n, 60, dtype=np.int64),
    }


def _dimensions(v: np.ndarray, start: int) -> dict[str, np.ndarray]:
    return {
        "to_bow": bits(v, start, 9),
        "to_stern": bits(v, start + 9, 9),
        "to_port": bits(v, start + 18, 6),
        "to_starboard": bits(v, start + 24, 6),
    }


def _static(v: np.ndarray, msg_type: int) -> dict[str, np.ndarray]:
    n = v.shape[0]
    none = np.full(n, None, dtype=object)
    if msg_type == 5:
        return {
            "part": np.full(n, -1),
            "imo": bits(v, 40, 30),
            "call_sign": text(v, 70, 7),
            "name": text(v, 112, 20),
            "ship_type": bits(v, 232, 8),
            **_dimensions(v, 240),
            "draught": bits(v, 294, 8) / 10.0,
            "destination": text(v, 302, 20),
        }
    if msg_type == 19:
        return {
            "part": np.full(n, -1),
            "imo": np.full(n, -1),
            "call_sign": none,
            "name": text(v, 143, 20),
            "ship_type": bits(v, 263, 8),
            **_dimensions(v, 271),
            "draught": np.full(n, np.nan),
            "destination": none,
        }
    part = bits(v, 38, 2)
    a = part == 0
    name = np.where(a, text(v, 40, 20), none)
    call_sign = np.where(a, none, text(v, 90, 7))
    dims = {k: np.where(a, -1, col) for k, col in _dimensions(v, 132).items()}
    return {
        "part": part,
        "imo": np.full(n, -1),
        "call_sign": call_sign,
        "name": name,
        "ship_type": np.where(a, -1, bits(v, 40, 8)),
        **dims,
        "draught": np.full(n, np.nan),
        "destination": none,
    }


_POSITION_DECODERS = {1: _class_a, 2: _class_a, 3: _class_a, 18: _class_b, 19: _class_b, 27: _long_range}


def _concat(parts: list[dict[str, np.ndarray]], columns: tuple[str, ...]) -> dict[str, np.ndarray]:
    if not parts:
        return {
            c: np.zeros(0, dtype=object if c in ("call_sign", "name", "destination") else np.int64)
            for c in columns
        }
    return {c: np.concatenate([p[c] for p in parts]) for c in columns}


def _count_spoiled(buf: np.ndarray, start: np.ndarray, length: np.ndarray, counts: Counter[str]) -> None:
    """A payload character outside the armour alphabet spoils the message; a comma means a field too many."""
    for s, n in zip(start.tolist(), length.tolist(), strict=True):
        counts["wrong_field_count" if b"," in buf[s : s + n].tobytes() else "bad_payload_character"] += 1


def decode(framed: Framed) -> Decoded:
    """Decode every framed payload of the supported types; count refused and skipped ones."""
    counts: Counter[str] = Counter()
    skipped: Counter[int] = Counter()
    buf, start, length = framed.buf, framed.payload_start, framed.payload_len
    first = ARMOUR[buf[start]] if len(start) else np.zeros(0, dtype=np.uint8)
    _count_spoiled(buf, start[first == 255], length[first == 255], counts)
    msg_type = first.astype(np.int64)
    positions: list[dict[str, np.ndarray]] = []
    statics: list[dict[str, np.ndarray]] = []
    n_bits = length * 6 - framed.fill
    for mt in sorted(set(np.unique(msg_type).tolist()) - {255}):
        rows = np.flatnonzero(msg_type == mt)
        if mt not in _POSITION_DECODERS and mt not in STATIC_TYPES:
            skipped[mt] += len(rows)
            continue
        short = n_bits[rows] < REQUIRED_BITS[mt]
        counts["short_payload"] += int(short.sum())
        rows = rows[~short]
        if not len(rows):
            continue
        # Grouped by payload length in practice: one width covers a type's longest payload.
        v, bad = sixbit_matrix(buf, start[rows], length[rows], int(length[rows].max()))
        if bad.any():
            _count_spoiled(buf, start[rows[bad]], length[rows[bad]], counts)
            rows, v = rows[~bad], v[~bad]
        if not len(rows):
            continue
        common = {
            "mmsi": bits(v, 8, 30),
            "ts": framed.ts[rows],
            "msg_type": np.full(len(rows), mt),
            "line": framed.line[rows],
        }
        if mt in _POSITION_DECODERS:
            positions.append({**common, **_POSITION_DECODERS[mt](v)})
        if mt in STATIC_TYPES:
            statics.append({**common, **_static(v, mt)})
    return Decoded(_concat(positions, POSITION_COLUMNS), _concat(statics, STATIC_COLUMNS), counts, skipped)
