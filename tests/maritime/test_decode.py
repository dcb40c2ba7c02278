"""Decoding agrees with pyais on every real sentence; framing, times and bad input are counted, not fatal."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pyais import decode as pyais_decode
from pyais.encode import encode_dict

from tests.conftest import shared_file
from watchkeeper.maritime.decode import decode
from watchkeeper.maritime.encode import checksum, tag_block
from watchkeeper.maritime.nmea import frame

POSITION_FIELDS = (
    "mmsi",
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
)


def _decode_lines(lines: list[str]):
    framed = frame(("\n".join(lines) + "\n").encode("ascii"))
    return framed, decode(framed)


def _same(mine: object, theirs: object) -> bool:
    if isinstance(mine, float) and math.isnan(mine):
        return theirs is None
    return float(mine) == float(theirs)  # type: ignore[arg-type]


def test_every_real_sentence_agrees_with_pyais() -> None:
    lines = shared_file("ais/nmea_sample.txt").read_text(encoding="ascii").splitlines()
    framed, decoded = _decode_lines(lines)
    checked = 0
    for i, line_no in enumerate(decoded.positions["line"].tolist()):
        theirs = pyais_decode(lines[line_no - 1])
        for name in POSITION_FIELDS:
            value = getattr(theirs, name, None)
            if name == "status" and value is None:
                continue  # class B reports have no navigational status: we write -1
            if name == "turn" and value is None:
                continue  # class B reports have no rate of turn: we write NaN
            assert _same(decoded.positions[name][i], value), (
                line_no,
                name,
                decoded.positions[name][i],
                value,
            )
        checked += 1
    for i, line_no in enumerate(decoded.statics["line"].tolist()):
        theirs = pyais_decode(lines[line_no - 1]).asdict()
        assert decoded.statics["mmsi"][i] == theirs["mmsi"]
        assert (decoded.statics["name"][i] or "") == theirs.get("shipname", "")
        assert (decoded.statics["call_sign"][i] or "") == theirs.get("callsign", "")
        for name in ("ship_type", "to_bow", "to_stern", "to_port", "to_starboard"):
            if name in theirs:
                assert decoded.statics[name][i] == theirs[name], (line_no, name)
        checked += 1
    # Every sentence is accounted for: decoded, skipped by type, or refused with a reason.
    accounted = checked + sum(decoded.skipped_types.values()) + sum(framed.counts.values())
    assert accounted == len(lines)
    assert checked == 764
    assert framed.counts["empty_payload"] == 100
    assert framed.counts["truncated_multipart"] == 20  # the sample keeps only the first half of its type 5s
    assert dict(decoded.skipped_types) == {4: 6, 15: 7, 20: 1}


@pytest.mark.parametrize(
    "message",
    [
        {
            "type": 1,
            "mmsi": 445000001,
            "status": 5,
            "turn": -20,
            "speed": 0.3,
            "lon": 125.385,
            "lat": 38.727,
            "course": 359.9,
            "heading": 12,
            "second": 59,
        },
        {
            "type": 3,
            "mmsi": 352001234,
            "status": 1,
            "turn": 127,
            "speed": 102.3,
            "lon": 181,
            "lat": 91,
            "course": 360,
            "heading": 511,
            "second": 60,
        },
        {
            "type": 18,
            "mmsi": 412000112,
            "speed": 5.5,
            "lon": -120.5,
            "lat": -36.0,
            "course": 10,
            "heading": 11,
            "second": 5,
        },
        {
            "type": 19,
            "mmsi": 367123456,
            "speed": 10.1,
            "lon": 124.5,
            "lat": 36.2,
            "course": 90.5,
            "heading": 91,
            "second": 30,
            "shipname": "WK TEST",
            "ship_type": 70,
            "to_bow": 50,
        },
        {
            "type": 27,
            "mmsi": 445000001,
            "status": 0,
            "lon": 125.38,
            "lat": 38.72,
            "speed": 9,
            "course": 200,
            "accuracy": 1,
        },
    ],
)
def test_position_types_agree_with_pyais(message: dict) -> None:
    lines = encode_dict(message)
    _, decoded = _decode_lines(lines)
    theirs = pyais_decode(*lines)
    assert len(decoded.positions["mmsi"]) == 1
    for name in POSITION_FIELDS:
        value = getattr(theirs, name, None)
        if value is None:
            continue
        assert _same(decoded.positions[name][0], value), (name, decoded.positions[name][0], value)


def test_static_reports_agree_with_pyais_including_multipart() -> None:
    messages = [
        {
            "type": 5,
            "mmsi": 412000113,
            "imo": 9134563,
            "callsign": "BQAB",
            "shipname": "HAI WANG 3",
            "ship_type": 80,
            "draught": 7.2,
            "destination": "NAMPO",
            "to_bow": 90,
            "to_stern": 20,
            "to_port": 8,
            "to_starboard": 9,
        },
        {"type": 24, "mmsi": 412000111, "partno": 0, "shipname": "HAI XING 6"},
        {"type": 24, "mmsi": 412000111, "partno": 1, "ship_type": 70, "callsign": "BQHX6", "to_bow": 10},
    ]
    lines = [s for k, m in enumerate(messages) for s in encode_dict(m, seq_id=k)]
    _, decoded = _decode_lines(lines)
    s = decoded.statics
    assert list(s["msg_type"]) == [5, 24, 24]
    assert (s["mmsi"][0], s["imo"][0], s["call_sign"][0], s["name"][0]) == (
        412000113,
        9134563,
        "BQAB",
        "HAI WANG 3",
    )
    assert (s["ship_type"][0], s["draught"][0], s["destination"][0]) == (80, 7.2, "NAMPO")
    assert (s["to_bow"][0], s["to_stern"][0], s["to_port"][0], s["to_starboard"][0]) == (90, 20, 8, 9)
    assert (s["part"][1], s["name"][1]) == (0, "HAI XING 6")
    assert (s["part"][2], s["call_sign"][2], s["ship_type"][2], s["to_bow"][2]) == (1, "BQHX6", 70, 10)


def test_multipart_interleaved_on_two_channels_and_truncated() -> None:
    a = encode_dict({"type": 5, "mmsi": 412000001, "shipname": "ALPHA"}, seq_id=1, radio_channel="A")
    b = encode_dict({"type": 5, "mmsi": 412000002, "shipname": "BRAVO"}, seq_id=1, radio_channel="B")
    c = encode_dict({"type": 5, "mmsi": 412000003, "shipname": "CHARLIE"}, seq_id=2)
    framed, decoded = _decode_lines([a[0], b[0], a[1], b[1], c[0]])
    assert sorted(decoded.statics["name"].tolist()) == ["ALPHA", "BRAVO"]
    assert framed.counts["truncated_multipart"] == 1


def test_tag_block_and_trailing_receiver_times() -> None:
    line = encode_dict({"type": 1, "mmsi": 445000001, "lat": 38.7, "lon": 125.3})[0]
    ms = "s:rx2,c:1700000000123"
    lines = [
        tag_block(1700000000) + line,
        f"\\{ms}*{checksum(ms)}\\{line}",
        f"{line},1700000100",
        f"{line} 1700000200",
        line,
    ]
    _, decoded = _decode_lines(lines)
    assert decoded.positions["ts"].tolist() == [1700000000, 1700000000, 1700000100, 1700000200, -1]


def test_bad_input_is_counted_per_reason() -> None:
    good = encode_dict({"type": 1, "mmsi": 445000001, "lat": 38.7, "lon": 125.3})[0]
    body = good[1 : good.index("*")]
    lines = [
        good,
        good[:-2] + ("00" if good[-2:] != "00" else "11"),  # bad checksum
        "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47",  # not AIS
        "complete rubbish",
        "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0",  # no checksum
        "!" + body.replace(",A,", ",A,,") + "*" + checksum(body.replace(",A,", ",A,,")),  # wrong field count
        "!" + body.replace(",A,1", ",A,1\x7f") + "*" + checksum(body.replace(",A,1", ",A,1\x7f")),  # bad char
        "!AIVDM,1,1,,A,13u?etPv2;0n,0*" + checksum("AIVDM,1,1,,A,13u?etPv2;0n,0"),  # too short
        "\\c:17000*00\\" + good,  # tag block with a bad checksum
        "",
    ]
    framed, decoded = _decode_lines(lines)
    counts = {**framed.counts, **decoded.counts}
    assert len(decoded.positions["mmsi"]) == 1
    assert counts["bad_checksum"] == 2
    assert counts["not_ais"] == 1
    assert counts["not_a_sentence"] == 1
    assert counts["no_checksum"] == 1
    assert counts["wrong_field_count"] == 1
    assert counts["bad_payload_character"] == 1
    assert counts["short_payload"] == 1


def test_not_available_positions_are_dropped_with_reasons() -> None:
    from collections import Counter

    from watchkeeper.maritime.positions import clean_positions

    lines = [
        encode_dict({"type": 1, "mmsi": 445000001, "lat": 91, "lon": 181, "speed": 102.3, "course": 360})[0],
        encode_dict(
            {
                "type": 1,
                "mmsi": 445000001,
                "lat": 38.7,
                "lon": 125.3,
                "speed": 102.3,
                "course": 360,
                "heading": 511,
            }
        )[0],
        encode_dict({"type": 1, "mmsi": 0, "lat": 38.7, "lon": 125.3})[0],
    ]
    _, decoded = _decode_lines([f"{line},1700000000" for line in lines] + [lines[1]])
    counts: Counter[str] = Counter()
    table = clean_positions(decoded.positions, counts)
    assert table.num_rows == 1
    row = table.to_pylist()[0]
    assert np.isnan(row["sog"]) and np.isnan(row["cog"]) and row["heading"] == -1
    assert counts["position_not_available"] == 1
    assert counts["invalid_mmsi"] == 1
    assert counts["no_timestamp"] == 1
