"""Importing AIS files: NMEA logs or CSV exports into Parquet positions and the identity history.

A file is known by its content hash. NMEA is read in batches of whole lines (``batch_bytes``); each batch's
Parquet file is written first, then its identities and the checkpoint (batches done, counts so far) are
committed in one transaction. A rerun after an interruption continues at the first batch not committed; a
rerun of a finished file adds nothing. A batch never ends inside a multi-sentence message: the trailing
fragments of one not yet complete move to the next batch, so a static report (type 5, two sentences) survives
the boundary and a resume.

A file is synthetic when the caller says so or when a ``provenance.json`` beside it (written by ``maritime
scenario``) names its hash; the flag is stored on the import and carried to every event detected from it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from watchkeeper.config import Settings
from watchkeeper.errors import InputFileError
from watchkeeper.maritime.csvformats import CsvBatch, read_csv
from watchkeeper.maritime.decode import decode
from watchkeeper.maritime.identity import observations_from_reports, upsert_identities
from watchkeeper.maritime.nmea import frame
from watchkeeper.maritime.positions import clean_positions, write_batch
from watchkeeper.maritime.provenance import is_synthetic_file
from watchkeeper.store import Store
from watchkeeper.store.models.maritime import MaritimeImport

FORMATS = ("auto", "nmea", "csv")
BATCH_BYTES = 64 * 1024 * 1024
Progress = Callable[[int, int], None]


class ImportRecord(TypedDict):
    """An import's result as the CLI prints it (``--json``)."""

    path: str
    file_id: str
    format: str
    batches: int
    batches_resumed: int
    positions: int
    identities_added: int
    already_imported: bool
    synthetic: bool
    rejected: dict[str, int]
    skipped: dict[str, int]


@dataclass
class ImportResult:
    """What one import did: batches written now and before, positions and identities, refusals by reason."""

    path: str
    file_id: str
    format: str
    batches: int = 0
    batches_resumed: int = 0
    positions: int = 0
    identities_added: int = 0
    already_imported: bool = False
    synthetic: bool = False
    counts: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> ImportRecord:
        """The result as plain data, refusals split into rejected lines and skipped message types."""
        return {
            "path": self.path,
            "file_id": self.file_id,
            "format": self.format,
            "batches": self.batches,
            "batches_resumed": self.batches_resumed,
            "positions": self.positions,
            "identities_added": self.identities_added,
            "already_imported": self.already_imported,
            "synthetic": self.synthetic,
            "rejected": {k: v for k, v in sorted(self.counts.items()) if v and not k.startswith("skipped_")},
            "skipped": {k: v for k, v in sorted(self.counts.items()) if v and k.startswith("skipped_")},
        }


def file_hash(path: Path) -> str:
    """The file's SHA-256, hex."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def detect_format(path: Path) -> str:
    """``nmea`` when the first non-empty line is a sentence or a tag block, ``csv`` when it is a header."""
    with path.open("rb") as fh:
        for raw in fh:
            line = raw.strip()
            if not line:
                continue
            if line[:1] in (b"!", b"$", b"\\"):
                return "nmea"
            if b"," in line and b"mmsi" in line.lower():
                return "csv"
            break
    raise InputFileError(path, "neither NMEA sentences nor an AIS CSV header; give --format", line=1)


_MAX_FRAGMENTS = 9  # an AIS message has at most 9 sentences
_TAIL_LINES = 4 * _MAX_FRAGMENTS  # how far back a batch's end is searched for an unfinished message


def _fragment(line: bytes) -> tuple[int, int, bytes, bytes] | None:
    """(count, number, sequence id, channel) of a multi-sentence AIS line, or None for any other line."""
    bang = line.find(b"!")
    if bang < 0:
        return None
    fields = line[bang:].split(b",", 5)
    if len(fields) < 6 or not (fields[1].isdigit() and fields[2].isdigit()):
        return None
    count, number = int(fields[1]), int(fields[2])
    if count < 2:
        return None
    return count, number, fields[3], fields[4]


def _unfinished_tail(body: bytes) -> int:
    """Offset in ``body`` (whole lines) where a multi-sentence message still missing fragments begins."""
    starts = [0]
    pos = len(body) - 1
    while len(starts) <= _TAIL_LINES and pos > 0:
        pos = body.rfind(b"\n", 0, pos)
        if pos < 0:
            break
        starts.append(pos + 1)
    if len(starts) <= _TAIL_LINES:
        starts.append(0)
    offsets = sorted(set(starts[1:]))
    open_at: dict[
        tuple[int, bytes, bytes], tuple[int, int]
    ] = {}  # key -> (offset of fragment 1, last number)
    for k, at in enumerate(offsets):
        end = offsets[k + 1] if k + 1 < len(offsets) else len(body)
        part = _fragment(body[at:end])
        if part is None:
            continue
        count, number, seq, chan = part
        key = (count, seq, chan)
        if number == 1:
            open_at[key] = (at, 1)
        elif key in open_at and open_at[key][1] == number - 1:
            open_at[key] = (open_at[key][0], number)
        else:
            open_at.pop(key, None)
            continue
        if number == count:
            del open_at[key]
    return min((at for at, _ in open_at.values()), default=len(body))


def _batches(path: Path, batch_bytes: int) -> Iterator[tuple[int, bytes, int]]:
    """(first line number, bytes) of each batch of whole lines, and the byte offset after it."""
    line_no, offset, rest = 1, 0, b""
    with path.open("rb") as fh:
        while True:
            chunk = fh.read(batch_bytes)
            data = rest + chunk
            if not chunk:
                if data:
                    yield line_no, data, offset + len(data)
                return
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                rest = data
                continue
            # An unfinished multi-sentence message at the end starts the next batch instead.
            cut = _unfinished_tail(data[:cut]) or cut
            body, rest = data[:cut], data[cut:]
            offset += len(body)
            yield line_no, body, offset
            line_no += body.count(b"\n")


def import_file(
    store: Store,
    settings: Settings,
    path: Path,
    fmt: str = "auto",
    *,
    batch_bytes: int = BATCH_BYTES,
    progress: Progress | None = None,
    synthetic: bool | None = None,
) -> ImportResult:
    """Import one AIS file (resumable, idempotent); returns what was done and what was refused.

    ``synthetic`` None: synthetic when a ``provenance.json`` beside the file names its hash (see scenario).
    """
    if fmt not in FORMATS:
        raise InputFileError(path, f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not path.is_file():
        raise InputFileError(path, "no such file")
    fmt = detect_format(path) if fmt == "auto" else fmt
    digest = file_hash(path)
    file_id = digest[:32]
    if synthetic is None:
        synthetic = is_synthetic_file(path, digest)
    parsed = None
    if fmt == "csv":
        with store.session() as session:
            known = session.get(MaritimeImport, file_id)
            finished = known is not None and known.complete
        # Read before any row is written: a CSV that cannot be read leaves no import behind.
        parsed = None if finished else read_csv(path)
    with store.session() as session:
        record = session.get(MaritimeImport, file_id)
        if record is None:
            record = MaritimeImport(
                id=file_id, path=str(path), format=fmt, batches_done=0, complete=False, counts={}
            )
            session.add(record)
        # once synthetic, always: a later plain import of the same content does not launder it
        record.synthetic = bool(record.synthetic) or synthetic
        done, complete, counts = record.batches_done, record.complete, Counter(record.counts or {})
        synthetic = record.synthetic
    result = ImportResult(str(path), file_id, fmt, batches_resumed=done, counts=counts, synthetic=synthetic)
    if complete:
        result.already_imported = True
        return result
    total = path.stat().st_size
    if parsed is not None:
        _import_csv(store, settings, parsed, result)
    else:
        for batch, (first_line, data, end) in enumerate(_batches(path, batch_bytes)):
            if batch >= done:
                _import_nmea_batch(store, settings, data, first_line, batch, result)
            if progress:
                progress(end, total)
    with store.session() as session:
        record = session.get_one(MaritimeImport, file_id)
        record.complete = True
        record.counts = dict(result.counts)
    if progress:
        progress(total, total)
    return result


def _commit_batch(store: Store, result: ImportResult, batch: int, reports: dict) -> None:
    with store.session() as session:
        result.identities_added += upsert_identities(session, observations_from_reports(reports))
        record = session.get_one(MaritimeImport, result.file_id)
        record.batches_done = batch + 1
        record.counts = dict(result.counts)


def _import_nmea_batch(
    store: Store, settings: Settings, data: bytes, first_line: int, batch: int, result: ImportResult
) -> None:
    framed = frame(data, first_line=first_line)
    decoded = decode(framed)
    result.counts.update(framed.counts)
    result.counts.update(decoded.counts)
    result.counts.update({f"skipped_type_{t}": n for t, n in decoded.skipped_types.items()})
    table = clean_positions(decoded.positions, result.counts)
    write_batch(table, settings.maritime_dir, result.file_id, batch)
    result.positions += table.num_rows
    result.batches += 1
    _commit_batch(store, result, batch, decoded.statics)


def _import_csv(store: Store, settings: Settings, batch: CsvBatch, result: ImportResult) -> None:
    result.counts.update(batch.counts)
    write_batch(batch.positions, settings.maritime_dir, result.file_id, 0)
    result.positions += batch.positions.num_rows
    result.batches += 1
    _commit_batch(store, result, 0, batch.identities)
