"""AIS encoding (the inverse of ``decode``), for scenario files: position reports and static data as NMEA."""

from __future__ import annotations

from functools import reduce
from operator import xor


def _six_bit_text(text: str, n_chars: int) -> list[tuple[int, int]]:
    fields = []
    for ch in (text.upper() + "@" * n_chars)[:n_chars]:
        code = ord(ch) if 32 <= ord(ch) < 96 else ord("?")
        fields.append((6, code - 64 if code >= 64 else code))
    return fields


def _armour(fields: list[tuple[int, int]]) -> tuple[str, int]:
    """Pack (width, value) fields into 6-bit armoured text; returns the payload and its fill bits."""
    value, n_bits = 0, 0
    for width, field in fields:
        value = (value << width) | (field & ((1 << width) - 1))
        n_bits += width
    fill = (-n_bits) % 6
    value <<= fill
    chars = []
    for i in range((n_bits + fill) // 6 - 1, -1, -1):
        v = (value >> (6 * i)) & 0x3F
        chars.append(chr(v + 48 if v < 40 else v + 56))
    return "".join(chars), fill


def position_report(
    mmsi: int, lat: float, lon: float, sog: float, cog: float, heading: int, second: int, status: int = 0
) -> str:
    """Payload of a class A position report (type 1)."""
    fields = [
        (6, 1),
        (2, 0),
        (30, mmsi),
        (4, status),
        (8, -128),
        (10, round(sog * 10)),
        (1, 1),
        (28, round(lon * 600000)),
        (27, round(lat * 600000)),
        (12, round(cog * 10)),
        (9, heading),
        (6, second),
        (2, 0),
        (3, 0),
        (1, 0),
        (19, 0),
    ]
    return _armour(fields)[0]


def static_report(
    mmsi: int, imo: int, call_sign: str, name: str, ship_type: int, draught: float, destination: str
) -> tuple[str, int]:
    """Payload and fill bits of a class A static and voyage report (type 5)."""
    fields = [
        (6, 5),
        (2, 0),
        (30, mmsi),
        (2, 0),
        (30, imo),
        *_six_bit_text(call_sign, 7),
        *_six_bit_text(name, 20),
        (8, ship_type),
        (9, 100),
        (9, 20),
        (6, 8),
        (6, 8),
        (4, 1),
        (4, 0),
        (5, 0),
        (5, 24),
        (6, 60),
        (8, round(draught * 10)),
        *_six_bit_text(destination, 20),
        (1, 0),
        (1, 0),
    ]
    return _armour(fields)


def checksum(body: str) -> str:
    return f"{reduce(xor, body.encode('ascii'), 0):02X}"


def sentences(
    payload: str, fill: int, seq_id: int | None, channel: str = "A", max_chars: int = 60
) -> list[str]:
    """The ``!AIVDM`` sentences carrying one payload (split into fragments when longer than ``max_chars``)."""
    parts = [payload[i : i + max_chars] for i in range(0, len(payload), max_chars)] or [""]
    seq = "" if len(parts) == 1 or seq_id is None else str(seq_id)
    out = []
    for n, part in enumerate(parts, start=1):
        body = f"AIVDM,{len(parts)},{n},{seq},{channel},{part},{fill if n == len(parts) else 0}"
        out.append(f"!{body}*{checksum(body)}")
    return out


def tag_block(epoch: int, source: str = "wk-rx1") -> str:
    """An NMEA 4.0 tag block giving the receiver and the UNIX time."""
    body = f"s:{source},c:{epoch}"
    return f"\\{body}*{checksum(body)}\\"
