"""Importing AIS into a workspace: idempotent and resumable on both backends, bad files refused cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyais.encode import encode_dict
from sqlalchemy import func, select

from tests.conftest import Backend, shared_file
from watchkeeper.errors import InputFileError
from watchkeeper.maritime.encode import tag_block
from watchkeeper.maritime.events import run_detection
from watchkeeper.maritime.ingest import import_file
from watchkeeper.maritime.positions import read_positions, summary
from watchkeeper.maritime.provenance import synthetic_mmsis
from watchkeeper.store.models.maritime import MaritimeEvent, MaritimeImport, VesselIdentity

T0 = 1_709_251_200


def _nmea(path: Path, vessels: int = 3, reports: int = 40) -> Path:
    lines = []
    for k in range(vessels):
        mmsi = 412000100 + k
        static = encode_dict(
            {"type": 5, "mmsi": mmsi, "imo": 0, "shipname": f"WK TEST {k}", "callsign": f"BQ{k}"},
            seq_id=k % 10,
        )
        lines += [tag_block(T0 + k) + s for s in static]
        for i in range(reports):
            line = encode_dict(
                {"type": 1, "mmsi": mmsi, "lat": 36.0 + k * 0.1 + i * 0.001, "lon": 123.0, "speed": 6.0}
            )[0]
            lines.append(tag_block(T0 + 600 * i + k) + line)
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


def _counts(backend: Backend) -> tuple[int, int, int]:
    with backend.store.session() as session:
        identities = session.scalar(select(func.count()).select_from(VesselIdentity))
        events = session.scalar(select(func.count()).select_from(MaritimeEvent))
    return summary(backend.settings.maritime_dir)["positions"], identities, events


def test_import_is_idempotent(backend: Backend, tmp_path: Path) -> None:
    path = _nmea(tmp_path / "ais.nmea")
    first = import_file(backend.store, backend.settings, path)
    assert (first.positions, first.identities_added, first.already_imported) == (120, 3, False)
    run_detection(backend.settings, backend.store)
    before = _counts(backend)
    again = import_file(backend.store, backend.settings, path)
    assert again.already_imported and again.positions == 0
    run_detection(backend.settings, backend.store)
    assert _counts(backend) == before
    assert read_positions(backend.settings.maritime_dir).num_rows == 120


def test_interrupted_import_resumes(backend: Backend, tmp_path: Path) -> None:
    path = _nmea(tmp_path / "ais.nmea", vessels=4, reports=50)

    class Interrupted(Exception):
        pass

    def stop_after_two(done: int, total: int) -> None:
        stop_after_two.calls += 1  # type: ignore[attr-defined]
        if stop_after_two.calls == 2:  # type: ignore[attr-defined]
            raise Interrupted

    stop_after_two.calls = 0  # type: ignore[attr-defined]
    with pytest.raises(Interrupted):
        import_file(backend.store, backend.settings, path, batch_bytes=4096, progress=stop_after_two)
    with backend.store.session() as session:
        record = session.scalars(select(MaritimeImport)).one()
        assert (record.batches_done, record.complete) == (2, False)
    resumed = import_file(backend.store, backend.settings, path, batch_bytes=4096)
    assert resumed.batches_resumed == 2 and resumed.batches > 0
    # Every report is stored once (a type 5 split across a batch boundary may be lost, never a position).
    assert read_positions(backend.settings.maritime_dir).num_rows == 200


def test_real_sample_without_times_is_counted_not_stored(sqlite_store, tmp_path: Path) -> None:
    from watchkeeper.config import Settings

    settings = Settings(workspace=tmp_path, database_url=sqlite_store.url)
    result = import_file(sqlite_store, settings, shared_file("ais/nmea_sample.txt"))
    assert result.positions == 0
    # 762 position reports: 4 say "position not available" (lat 91 / lon 181), the rest carry no time.
    assert (result.counts["position_not_available"], result.counts["no_timestamp"]) == (4, 758)
    assert result.counts["truncated_multipart"] == 20
    assert result.as_dict()["skipped"] == {"skipped_type_15": 7, "skipped_type_20": 1, "skipped_type_4": 6}


def test_unknown_files_are_refused_with_the_path(sqlite_store, tmp_path: Path) -> None:
    from watchkeeper.config import Settings

    settings = Settings(workspace=tmp_path, database_url=sqlite_store.url)
    notes = tmp_path / "notes.txt"
    notes.write_text("hello\nworld\n")
    with pytest.raises(InputFileError, match=r"notes\.txt"):
        import_file(sqlite_store, settings, notes)
    csv = tmp_path / "bad.csv"
    csv.write_text("name,mmsi,when\nx,1,2\n")
    with pytest.raises(InputFileError, match="no column for"):
        import_file(sqlite_store, settings, csv, "csv")
    with pytest.raises(InputFileError, match="no such file"):
        import_file(sqlite_store, settings, tmp_path / "missing.nmea")


def test_csv_bad_rows_counted(sqlite_store, tmp_path: Path) -> None:
    from watchkeeper.config import Settings

    settings = Settings(workspace=tmp_path, database_url=sqlite_store.url)
    dma = tmp_path / "dma.csv"
    dma.write_text(
        "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,Heading,IMO,"
        "Callsign,"
        "Name,Ship type,Cargo type,Width,Length,Type of position fixing device,Draught,Destination,ETA,"
        "Data source type,A,B,C,D\n"
        "01/03/2024 00:00:00,Class A,219000001,55.1,12.2,Under way,0,10.2,45.0,44,9123456,OXAB2,DANA,"
        "Tanker,,20,100,GPS,6.1,AARHUS,,AIS,1,1,1,1\n"
        "01/03/2024 00:10:00,Class A,219000001,91,181,Under way,0,10.2,45.0,44,9123456,OXAB2,DANA,"
        "Tanker,,20,100,GPS,6.1,AARHUS,,AIS,1,1,1,1\n"
        "01/03/2024 00:20:00,Class A,219000001,95,12.2,Under way,0,10.2,45.0,44,9123456,OXAB2,DANA,"
        "Tanker,,20,100,GPS,6.1,AARHUS,,AIS,1,1,1,1\n"
        "32/13/2024 00:20:00,Class A,219000001,55.2,12.2,Under way,0,10.2,45.0,44,9123456,OXAB2,DANA,"
        "Tanker,,20,100,GPS,6.1,AARHUS,,AIS,1,1,1,1\n"
        "01/03/2024 00:30:00,Class A,219000001,55.3\n"
        "01/03/2024 00:30:05,Base Station,2190047,55.3,12.2,Unknown,,,,,Unknown,Unknown,,Undefined,,,,GPS,,"
        "Unknown,,AIS,,,,\n"
    )
    result = import_file(sqlite_store, settings, dma)
    assert result.format == "csv" and result.positions == 1
    assert result.as_dict()["rejected"] == {
        "bad_timestamp": 1,
        "impossible_coordinates": 1,
        "not_a_vessel": 1,
        "position_not_available": 1,
        "wrong_field_count": 1,
    }
    with sqlite_store.session() as session:
        identity = session.scalars(select(VesselIdentity)).one()
    assert (identity.name, identity.imo, identity.ship_type, identity.destination) == (
        "DANA",
        "9123456",
        80,
        "AARHUS",
    )


def test_cli_errors_are_one_line(sqlite_cli, tmp_path: Path) -> None:
    missing = sqlite_cli("maritime", "import", str(tmp_path / "missing.nmea"))
    assert missing.exit_code == 1 and "no such file" in missing.stderr and "Traceback" not in missing.stderr
    assert sqlite_cli("maritime", "events", "--kind", "meeting").exit_code == 2
    assert sqlite_cli("maritime", "map", "--out", str(tmp_path / "m.png")).exit_code == 1
    bad_config = tmp_path / "d.toml"
    bad_config.write_text("[detectors]\ngap_min_hours = 'long'\n")
    result = sqlite_cli("maritime", "detect", "--config", str(bad_config))
    assert result.exit_code == 1 and "gap_min_hours" in result.stderr


def test_a_file_flagged_synthetic_stays_synthetic_and_so_do_its_events(
    backend: Backend, tmp_path: Path
) -> None:
    real = _nmea(tmp_path / "real.nmea", vessels=1)
    invented = import_file(backend.store, backend.settings, _nmea(tmp_path / "made-up.nmea"), synthetic=True)
    assert invented.synthetic and not import_file(backend.store, backend.settings, real).synthetic
    # importing the same content again without the flag does not make it real
    again = import_file(backend.store, backend.settings, tmp_path / "made-up.nmea", synthetic=False)
    assert again.synthetic
    with backend.store.session() as session:
        flags = {row.path: row.synthetic for row in session.scalars(select(MaritimeImport))}
        invented_vessels = synthetic_mmsis(session, backend.settings.maritime_dir)
    assert flags == {str(tmp_path / "made-up.nmea"): True, str(real): False}
    # a vessel seen in a synthetic file is an invented vessel, whatever else mentions it
    assert invented_vessels == {"412000100", "412000101", "412000102"}
    run_detection(backend.settings, backend.store)
    with backend.store.session() as session:
        events = list(session.scalars(select(MaritimeEvent)))
    assert all(e.synthetic for e in events)
