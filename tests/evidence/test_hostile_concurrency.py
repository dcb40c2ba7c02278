"""Two ingests of overlapping folders at once both succeed and leave what one run leaves (both backends)."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import Backend
from watchkeeper.evidence.ingest import IngestReport, ingest
from watchkeeper.store import Store
from watchkeeper.store.models.evidence import Document, DocumentSource

PORTS = ["Nampo", "Chongjin", "Wonsan", "Hungnam", "Haeju", "Songnim", "Rajin", "Kimchaek"]


def _article(port: str, n: int) -> str:
    return (
        f"A bulk carrier was seen loading cargo number {n} at {port} late on a Thursday in March 2024, "
        f"according to satellite pictures reviewed by a research group that tracks shipping to {port}.\n\n"
        f"The group said the ship had switched off its transponder {n + 2} days before reaching the port."
    )


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    """Two folders sharing most of their files (same names and same bytes in both)."""
    left, right = tmp_path / "left", tmp_path / "right"
    for folder in (left, right):
        folder.mkdir()
    for n in range(24):
        text = _article(PORTS[n % len(PORTS)], n)
        if n < 20:
            (left / f"a{n:02d}.txt").write_text(text, encoding="utf-8")
        if n >= 4:
            (right / f"a{n:02d}.txt").write_text(text, encoding="utf-8")
    return left, right


def _counts(store: Store) -> tuple[int, int]:
    with store.session() as session:
        documents = session.scalar(select(func.count()).select_from(Document)) or 0
        sources = session.scalar(select(func.count()).select_from(DocumentSource)) or 0
    return documents, sources


def test_overlapping_ingests_at_once_both_succeed(backend: Backend, tmp_path: Path) -> None:
    left, right = _folders(tmp_path)
    reports: dict[str, IngestReport] = {}
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def run(name: str, folder: Path) -> None:
        try:
            start.wait()
            reports[name] = ingest(backend.store, backend.settings, [str(folder)])
        except BaseException as exc:  # surfaced by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(n, f)) for n, f in (("left", left), ("right", right))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures
    errors = [i.message for r in reports.values() for i in r.items if i.status == "error"]
    assert errors == []
    # one document per distinct text, one source per file path: what a single run of both folders stores
    assert _counts(backend.store) == (24, 40)
    again = ingest(backend.store, backend.settings, [str(left), str(right)])
    assert {i.status for i in again.items} == {"duplicate"}
    assert _counts(backend.store) == (24, 40)
