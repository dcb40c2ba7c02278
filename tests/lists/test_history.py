"""Imports into the store: idempotence, history of amendments, removals and relistings, atomicity."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import REPO_ROOT
from watchkeeper.errors import InputFileError
from watchkeeper.lists import iter_designated_names
from watchkeeper.lists.history import import_parsed
from watchkeeper.lists.queries import designation_record, find_designation
from watchkeeper.lists.un_xml import parse_un_xml
from watchkeeper.store import Store
from watchkeeper.store.models.lists import Designation, DesignationChange, DesignationName, ListSnapshot


def _import(store: Store, path: Path, **kwargs):
    with store.session() as session:
        return import_parsed(session, parse_un_xml(path), **kwargs)


def _counts(store: Store) -> tuple[int, ...]:
    with store.session() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model))
            for model in (ListSnapshot, Designation, DesignationName, DesignationChange)
        )


def test_reimport_of_the_same_file_changes_nothing(store: Store, dprk_files: dict[str, Path]) -> None:
    first = _import(store, dprk_files["2024"])
    assert (first.added, first.amended, first.removed, first.already_imported) == (155, 0, 0, False)
    before = _counts(store)
    again = _import(store, dprk_files["2024"])
    assert again.already_imported and again.snapshot_id == first.snapshot_id
    assert _counts(store) == before
    assert before[:2] == (1, 155)


def test_history_of_a_newer_list(store: Store, dprk_2018: Path, dprk_files: dict[str, Path]) -> None:
    assert _import(store, dprk_2018).added == 155
    newer = _import(store, dprk_files["2024-without-KPe.020"])
    assert (newer.added, newer.amended, newer.removed, newer.unchanged) == (0, 72, 1, 82)
    with store.session() as session:
        record = designation_record(session, find_designation(session, "KPe.056"))
        assert [h["kind"] for h in record["history"]] == ["added", "amended"]
        change = record["history"][1]["changes"]["details.imo_company_numbers"]
        assert change == {"before": None, "after": ["5571322"]}
        omm = designation_record(session, find_designation(session, "un-1718:KPe.020"))
        assert omm["removed_at"] is not None and [h["kind"] for h in omm["history"]] == ["added", "removed"]
        assert not any(n.reference == "KPe.020" for n in iter_designated_names(session, "un-1718"))
    relisted = _import(store, dprk_files["2024"])
    assert (relisted.added, relisted.amended, relisted.removed, relisted.unchanged) == (1, 0, 0, 154)
    with store.session() as session:
        omm = designation_record(session, find_designation(session, "KPe.020"))
        assert omm["removed_at"] is None
        assert [h["kind"] for h in omm["history"]] == ["added", "removed", "added"]
        assert "removed_at" in omm["history"][2]["changes"]
        assert "names" in omm["history"][2]["changes"]  # OMM gained its aliases while off the list
        assert any(n.name == "East Sea Shipping Company" for n in iter_designated_names(session))


def test_an_older_list_after_a_newer_one_is_refused(
    store: Store, dprk_2018: Path, dprk_files: dict[str, Path], tmp_path: Path
) -> None:
    _import(store, dprk_files["2024"])
    older = tmp_path / "older.xml"
    older.write_bytes(dprk_2018.read_bytes() + b"\n<!-- another copy -->\n")
    before = _counts(store)
    with pytest.raises(InputFileError, match="older than"):
        _import(store, older)
    assert _counts(store) == before


class Interrupted(Exception):
    """Stands for anything that stops an import half-way."""


def test_an_interrupted_import_leaves_the_store_as_it_was(store: Store, dprk_files: dict[str, Path]) -> None:
    seen = []

    def stop_half_way(entry: object) -> None:
        seen.append(entry)
        if len(seen) == 100:
            raise Interrupted

    with pytest.raises(Interrupted):
        _import(store, dprk_files["2024"], on_entry=stop_half_way)
    assert _counts(store) == (0, 0, 0, 0)
    rerun = _import(store, dprk_files["2024"])
    assert (rerun.added, rerun.already_imported) == (155, False)


KILLED_IMPORT = """
import sys, time
from watchkeeper.store import Store
from watchkeeper.lists.history import import_parsed
from watchkeeper.lists.un_xml import parse_un_xml

store = Store(sys.argv[1])
count = 0

def pause(entry):
    global count
    count += 1
    if count == 120:
        session.flush()
        print("half-way", flush=True)
        time.sleep(120)

with store.session() as session:
    import_parsed(session, parse_un_xml(sys.argv[2]), on_entry=pause)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_an_import_killed_by_sigkill_leaves_the_store_as_it_was(
    sqlite_store: Store, dprk_files: dict[str, Path]
) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT, sqlite_store.url, str(dprk_files["2024"])],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")},
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "half-way"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    assert _counts(sqlite_store) == (0, 0, 0, 0)
    rerun = _import(sqlite_store, dprk_files["2024"])
    assert rerun.added == 155
    assert _counts(sqlite_store)[:2] == (1, 155)
