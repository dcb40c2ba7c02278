"""Provenance of AIS data: which imported files are synthetic, and which vessels only such files describe.

``maritime scenario`` writes ``provenance.json`` beside its files, naming each by SHA-256; an import of a file
so named is flagged synthetic (``maritime_import.synthetic``), and every event detected on a vessel seen in
a synthetic file is synthetic too (``maritime_event.synthetic``), so reports can leave it out (issue 13).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.maritime.positions import connect, positions_dir
from watchkeeper.store.models.maritime import MaritimeImport

PROVENANCE_FILE = "provenance.json"


def write_provenance(out_dir: Path, names: list[str], seed: int) -> None:
    """Mark these files as synthetic by content hash, so a renamed or copied file is still recognised."""
    files = {name: hashlib.sha256((out_dir / name).read_bytes()).hexdigest() for name in names}
    record = {
        "synthetic": True,
        "generator": "watchkeeper maritime scenario",
        "seed": seed,
        "note": "demonstration data: invented vessels and tracks, not observations",
        "files": files,
    }
    (out_dir / PROVENANCE_FILE).write_text(json.dumps(record, indent=1), encoding="utf-8")


def is_synthetic_file(path: Path, sha256: str) -> bool:
    """Whether a ``provenance.json`` beside the file names its content as synthetic."""
    manifest = path.parent / PROVENANCE_FILE
    if not manifest.is_file():
        return False
    try:
        record = json.loads(manifest.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return False
    files = record.get("files") if isinstance(record, dict) else None
    return bool(record.get("synthetic")) and isinstance(files, dict) and sha256 in files.values()


def synthetic_mmsis(session: Session, maritime_dir: Path) -> set[str]:
    """MMSIs with positions in a synthetic import: any event involving them rests on invented tracks."""
    ids = list(session.scalars(select(MaritimeImport.id).where(MaritimeImport.synthetic.is_(True))))
    globs = [str(positions_dir(maritime_dir) / i / "*.parquet") for i in ids]
    globs = [g for g in globs if any(Path(g).parent.glob("*.parquet"))]
    if not globs:
        return set()
    rows = connect().execute(f"SELECT DISTINCT mmsi FROM read_parquet({globs!r})").fetchall()
    return {str(row[0]) for row in rows}
