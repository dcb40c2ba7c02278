"""Fuzz every input parser: any bytes must either parse or end in the project's own one-line error.

Usage: PYTHONPATH=src python bench/fuzz.py [--inputs 10000] [--quick] [--seed 1] [--only NAME]

Per parser it prints inputs tried, tracebacks (exceptions that are not a WatchkeeperError, or a
WatchkeeperError whose message spans lines), hangs (over --hang seconds) and the peak traced memory of
one input. Inputs are random bytes and mutations (byte flips, truncation, duplication, NUL and
non-UTF-8 bytes) of a small valid sample of each format, written here for this harness.
tests/test_fuzz_parsers.py runs a short deterministic sample of the same targets with hypothesis.
"""

from __future__ import annotations

import argparse
import gzip
import io
import random
import signal
import tempfile
import time
import tracemalloc
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from watchkeeper.errors import WatchkeeperError

UN_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2024-01-02T03:04:05.000-05:00">
<INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>SAMPLE</FIRST_NAME><SECOND_NAME>PERSON</SECOND_NAME>
<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER><LISTED_ON>2017-08-05</LISTED_ON>
<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>SAMPLE ALIAS</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1960-01-01</DATE></INDIVIDUAL_DATE_OF_BIRTH>
</INDIVIDUAL></INDIVIDUALS>
<ENTITIES><ENTITY><DATAID>2</DATAID><FIRST_NAME>SAMPLE TRADING CO</FIRST_NAME>
<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPe.999</REFERENCE_NUMBER><LISTED_ON>2016-03-02</LISTED_ON>
<COMMENTS1>A made-up company, IMO 1234567.</COMMENTS1></ENTITY></ENTITIES>
</CONSOLIDATED_LIST>
"""
VESSELS_CSV = (
    b"name,imo,mmsi,flag,call_sign,vessel_type,owner,designated_on,legal_basis,reference,aliases,notes\n"
    b"SAMPLE STAR,9000003,445000001,kp,HMAA,tanker,Sample Shipping,2018-03-30,res. 2397 (2017) para. 6,"
    b"V1,STAR ONE|STAR 1,a made-up vessel\n"
    b'OTHER SAMPLE,,,,,cargo ship,,2017-10-03,res. 2371 (2017) para. 6,V2,,"note, with comma"\n'
)
FTM_JSONL = (
    b'{"id": "v1", "schema": "Vessel", "properties": {"name": ["SAMPLE"], "imoNumber": ["IMO9000003"]}}\n'
    b'{"id": "c1", "schema": "Company", "properties": {"name": ["Sample Holdings"], "country": ["kp"]}}\n'
    b'{"id": "s1", "schema": "Sanction", "properties": {"entity": ["c1"], "startDate": ["2020-01-01"]}}\n'
)
CAPS_CSV = (
    b"year,month,period,reporting_state,commodity,quantity,unit,reported_on,source\n"
    b"2021,3,2021-03,Exampleland,refined_petroleum,1200,barrels,2021-04-20,made-up row\n"
    b"2022,,2022,Exampleland,crude_oil,5000,tonnes,,made-up row\n"
)


def _sentence(body: str, tag: str = "") -> bytes:
    """One NMEA line with correct checksums, so the valid sample decodes before it is mutated."""

    def checked(text: str) -> str:
        total = 0
        for char in text:
            total ^= ord(char)
        return f"{text}*{total:02X}"

    block = f"\\{checked(tag)}\\" if tag else ""
    return f"{block}!{checked(body)}\n".encode()


NMEA = b"".join(
    [
        _sentence("AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0", "s:sample,c:1700000000"),
        _sentence("AIVDM,2,1,3,B,55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E53,0", "c:1700000030"),
        _sentence("AIVDM,2,2,3,B,1@0000000000000,2", "c:1700000030"),
        _sentence("AIVDM,1,1,,B,B6CdCm0t3`tba35f@V9faHi7kP06,0", "c:1700000060"),
    ]
)
AIS_CSV = (
    b"MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Draft\n"
    b"445000001,2024-03-04T10:00:00,38.9,124.1,0.2,10.0,511,SAMPLE STAR,IMO9000003,HMAA,80,7.5\n"
    b"445000001,2024-03-04T10:10:00,38.91,124.11,0.3,12.0,511,SAMPLE STAR,IMO9000003,HMAA,80,7.5\n"
)
SCREENING_CSV = b"name,imo\nSAMPLE STAR,9000003\nSample Holdings,\n"
REGIME_YAML = b"""number: 2999
adopted: 2030-01-02
title: A made-up resolution for fuzzing
summary: Nothing real.
measures:
  - id: 2999-op1
    paragraph: "1"
    kind: obligation
    direction: none
    subject: a made-up measure
    commodities: []
    description: Nothing real.
    effective_from: 2030-01-02
    confidence: R
    verified: Made up for the fuzz harness.
"""
FEED = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Sample feed</title>'
    b"<link>https://example.org/</link><item><title>Made-up item</title><link>https://example.org/a</link>"
    b"<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;A made-up story.&lt;/p&gt;"
    b"</description></item></channel></rss>"
)
TEXT = b"Pyongyang, 3 March. A made-up tanker met another vessel at sea, officials said.\n\nMore text.\n"
HTML = (
    b"<!doctype html><html><head><title>Sample</title><meta charset='utf-8'></head><body><article>"
    b"<h1>Made-up headline</h1><p>A made-up tanker met another vessel, officials said on Monday.</p>"
    b"<p>Second paragraph <a href='https://example.org/x'>link</a>.</p></article></body></html>"
)


def _pdf() -> bytes:
    """A one-page PDF with one line of text, its cross-reference offsets computed."""
    stream = b"BT /F1 12 Tf 72 720 Td (A made-up tanker met another vessel.) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("note.txt", TEXT)
        archive.writestr("page.html", HTML)
    return buffer.getvalue()


def _zip_variant(flag: int = 0, method: int | None = None) -> bytes:
    """The sample zip with its members marked encrypted (flag bit 0) or stored with an unknown method."""
    data = bytearray(_zip())
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        start = data.find(signature)
        while start >= 0:
            data[start + flag_at] |= flag
            if method is not None:
                data[start + method_at : start + method_at + 2] = method.to_bytes(2, "little")
            start = data.find(signature, start + 4)
    return bytes(data)


PDF = _pdf()
ZIP = _zip()
GZIP = gzip.compress(TEXT, mtime=0)


def _file(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def _un_xml(data: bytes, tmp: Path) -> object:
    from watchkeeper.lists.un_xml import parse_un_xml

    return parse_un_xml(_file(tmp, "list.xml", data))


def _vessels(data: bytes, tmp: Path) -> object:
    from watchkeeper.lists.vessels_csv import parse_vessels_csv

    return parse_vessels_csv(_file(tmp, "vessels.csv", data))


def _ftm(data: bytes, tmp: Path) -> object:
    from watchkeeper.lists.ftm import parse_ftm_file

    return parse_ftm_file(_file(tmp, "entities.json", data))


def _nmea(data: bytes, tmp: Path) -> object:
    from watchkeeper.maritime.decode import decode
    from watchkeeper.maritime.nmea import frame

    return decode(frame(data))


def _ais_csv(data: bytes, tmp: Path) -> object:
    from watchkeeper.maritime.csvformats import read_csv

    return read_csv(_file(tmp, "positions.csv", data))


def _reader(data: bytes, tmp: Path) -> object:
    from watchkeeper.sources.reader import read_bytes

    items = read_bytes(data, "fuzz-input", "file")
    for item in items:  # a bad member is returned as an error item: it too must be one line
        if isinstance(item, WatchkeeperError) and "\n" in str(item):
            raise item
    return items


def _feed(data: bytes, tmp: Path) -> object:
    from watchkeeper.sources.feeds import parse_feed

    return parse_feed(data, "fuzz-feed")


def _screening(data: bytes, tmp: Path) -> object:
    from watchkeeper.web.screening import names_from_csv

    return names_from_csv(data)


def _regime(data: bytes, tmp: Path) -> object:
    from watchkeeper.regime.loader import load_resolution_file

    return load_resolution_file(_file(tmp, "2999.yaml", data))


_STORES: dict[str, Any] = {}


def _caps(data: bytes, tmp: Path) -> object:
    """The caps CSV goes straight into a table: import into a scratch SQLite store, then roll back."""
    from watchkeeper.assess.ledger import import_notifications
    from watchkeeper.store import Store

    if "caps" not in _STORES:
        scratch = Path(tempfile.mkdtemp(prefix="wk-fuzz-")) / "fuzz.sqlite"
        _STORES["caps"] = Store(f"sqlite:///{scratch}")
        _STORES["caps"].migrate()
    with _STORES["caps"].session() as session:
        try:
            return import_notifications(session, _file(tmp, "caps.csv", data))
        finally:
            session.rollback()


@dataclass(frozen=True)
class Target:
    """One parser: its name, how to call it on bytes, and valid samples to mutate."""

    name: str
    parse: Callable[[bytes, Path], object]
    samples: tuple[bytes, ...]


TARGETS = (
    Target("un_xml", _un_xml, (UN_XML,)),
    Target("vessels_csv", _vessels, (VESSELS_CSV,)),
    Target("ftm_jsonl", _ftm, (FTM_JSONL,)),
    Target("caps_csv", _caps, (CAPS_CSV,)),
    Target("nmea", _nmea, (NMEA,)),
    Target("ais_csv", _ais_csv, (AIS_CSV,)),
    Target("reader_text", _reader, (TEXT,)),
    Target("reader_html", _reader, (HTML,)),
    Target("reader_pdf", _reader, (PDF,)),
    Target("reader_zip_gz", _reader, (ZIP, GZIP, _zip_variant(flag=1), _zip_variant(method=99))),
    Target("feed", _feed, (FEED,)),
    Target("screening_csv", _screening, (SCREENING_CSV,)),
    Target("regime_yaml", _regime, (REGIME_YAML,)),
)
NASTY = (
    b"\x00",
    b"\xff",
    b"\xfe\xff",
    b"\xc3",
    b"\xe9",
    b"\xed\xa0\x80",
    b"\r",
    b'"',
    b"<",
    b"[" * 64,
    b"9",
    b'{"a": ',
)
OPS = ("flip", "truncate", "duplicate", "insert", "delete", "blowup")


def mutate(data: bytes, ops: list[tuple[str, int, bytes]]) -> bytes:
    """Apply (operation, position, payload) edits in order; positions wrap around the current length."""
    out = bytearray(data)
    for op, position, payload in ops:
        at = position % (len(out) + 1)
        if op == "flip" and out:
            out[at % len(out)] ^= payload[0] or 1
        elif op == "truncate":
            del out[at:]
        elif op == "duplicate":
            end = min(len(out), at + 1 + payload[0] * 4)
            out[at:at] = out[at:end] * (1 + payload[-1] % 8)
        elif op == "insert":
            out[at:at] = payload
        elif op == "blowup":  # deep nesting, a 100k-digit field, a very long line
            out[at:at] = payload[:2] * (1000 + 1000 * (payload[-1] % 50))
        elif op == "delete":
            del out[at : at + 1 + payload[0] % 32]
    return bytes(out)


def is_traceback(exc: BaseException) -> bool:
    """Anything but the project's own error, or one of its errors that is more than one line."""
    return not isinstance(exc, WatchkeeperError) or "\n" in str(exc)


def _random_input(rng: random.Random, target: Target) -> bytes:
    roll = rng.random()
    if roll < 0.2:
        return rng.randbytes(rng.randint(0, 2000))
    sample = rng.choice(target.samples)
    ops = []
    for _ in range(rng.randint(1, 6)):
        payload = rng.choice(NASTY) if rng.random() < 0.5 else rng.randbytes(rng.randint(1, 16))
        ops.append((rng.choice(OPS), rng.randrange(len(sample) + 1), payload))
    return mutate(sample, ops)


class Hang(Exception):
    """Raised by the alarm when one input runs past the limit."""


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: FrameType | None) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _classify(exc: BaseException | None, elapsed: float, hang: float) -> str | None:
    """What went wrong with one input: "hang", an exception label, or None when the parser behaved."""
    if isinstance(exc, Hang) or elapsed >= hang:  # the alarm may surface as the library's own error
        return "hang"
    if exc is None or not is_traceback(exc):
        return None
    return ("multi-line " if isinstance(exc, WatchkeeperError) else "") + type(exc).__name__


def run(target: Target, inputs: int, seed: int, hang: float, show: int, save: Path | None) -> dict[str, Any]:
    """Fuzz one target; return its row of the table and the first few failures."""
    rng = random.Random(f"{seed}:{target.name}")
    kinds: Counter[str] = Counter()
    examples: list[str] = []
    peak, slowest = 0, 0.0
    with tempfile.TemporaryDirectory(prefix="wk-fuzz-") as tmp:
        target.parse(target.samples[0], Path(tmp))  # warm up: imports and the scratch store are not timed
        for index in range(inputs):
            data = _random_input(rng, target)
            caught: BaseException | None = None
            tracemalloc.start()
            started = time.perf_counter()
            try:
                with _alarm(hang):
                    target.parse(data, Path(tmp))
            except (Hang, Exception) as exc:
                caught = exc
            elapsed = time.perf_counter() - started
            peak = max(peak, tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
            slowest = max(slowest, elapsed)
            label = _classify(caught, elapsed, hang)
            if label is None:
                continue
            kinds[label] += 1
            if save is not None:
                save.mkdir(parents=True, exist_ok=True)
                (save / f"{target.name}-{index}.bin").write_bytes(data)
            if len(examples) < show:
                message = str(caught).splitlines()[0][:100] if caught is not None and str(caught) else ""
                examples.append(
                    f"{label}({message}) after {elapsed:.1f} s on {len(data)} bytes: {data[:60]!r}"
                )
    hangs = kinds.pop("hang", 0)
    return {
        "name": target.name,
        "inputs": inputs,
        "tracebacks": sum(kinds.values()),
        "kinds": dict(kinds),
        "hangs": hangs,
        "slowest_s": slowest,
        "peak_mb": peak / 1e6,
        "examples": examples[:show],
    }


def main() -> None:
    """Fuzz the chosen parsers and print one table row per parser, then the first failures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="inputs per parser")
    parser.add_argument("--quick", action="store_true", help="300 inputs per parser")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hang", type=float, default=10.0, help="seconds before one input counts as a hang")
    parser.add_argument("--only", action="append", help="parser name (repeatable)")
    parser.add_argument("--show", type=int, default=3, help="failing inputs shown per parser")
    parser.add_argument("--save", type=Path, help="write every failing input to this folder")
    args = parser.parse_args()
    inputs = 300 if args.quick else args.inputs
    rows = [
        run(t, inputs, args.seed, args.hang, args.show, args.save)
        for t in TARGETS
        if not args.only or t.name in args.only
    ]
    print(
        f"{'parser':<15} {'inputs':>7} {'tracebacks':>10} {'hangs':>5} {'slowest s':>9} {'peak MB':>8}  kinds"
    )
    for row in rows:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(row["kinds"].items()))
        print(
            f"{row['name']:<15} {row['inputs']:>7} {row['tracebacks']:>10} {row['hangs']:>5} "
            f"{row['slowest_s']:>9.2f} {row['peak_mb']:>8.1f}  {kinds}"
        )
    for row in rows:
        for example in row["examples"]:
            print(f"  {row['name']}: {example}")


if __name__ == "__main__":
    main()
