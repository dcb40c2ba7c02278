"""Pages with placeholder or missing dates: nothing crashes the batch, unknown dates split no story."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

import watchkeeper.evidence.ingest as ingest_module
from tests.conftest import Backend
from watchkeeper.evidence.ingest import ingest
from watchkeeper.evidence.stories import StoryChoice
from watchkeeper.evidence.vectors import SparseVector
from watchkeeper.store.models.evidence import Document, DocumentSource

EVENT = (
    "The harbour authority of Port Sella said the tanker Blue Heron unloaded diesel from a second tanker "
    "at night, far from the coast, with its transponder switched off. Inspectors counted four hoses "
    "between the two hulls and photographed the Blue Heron leaving the anchorage at dawn.\n\n"
    "Port Sella officials said the Blue Heron had done the same twice before, and that the diesel "
    "was bound for Nampo. The owner of the Blue Heron did not answer calls."
)
OTHER = (
    "Farmers in the Vell valley began the apple harvest a week early after a warm spring, the growers' "
    "cooperative said. Pickers from three villages filled crates in the orchards while buyers from the "
    "coast waited at the cooperative's scales.\n\n"
    "The cooperative expects its best apple crop in a decade if the weather holds until October."
)
PLACEHOLDER_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
    "<meta property='article:published_time' content='0001-01-01T00:00:00Z'></head>"
    "<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
)


def _text(title: str, body: str, date: str | None = None) -> bytes:
    header = f"Title: {title}\nOutlet: Test Desk\n" + (f"Date: {date}\n" if date else "")
    return f"{header}\n{body}\n".encode()


def _documents(backend: Backend) -> dict[str, Document]:
    with backend.store.session() as session:
        return {d.title or "": d for d in session.scalars(select(Document))}


def test_placeholder_dated_pages_are_stored_undated(backend: Backend, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for number in range(3):
        title = f"Placeholder page {number}"
        body = f"Report {number}: " + (EVENT if number else OTHER).replace("\n\n", "</p><p>")
        (inbox / f"page-{number}.html").write_text(PLACEHOLDER_PAGE.format(title=title, body=body))
    (inbox / "dated.txt").write_bytes(_text("Dated report", OTHER, "2024-05-02"))
    report = ingest(backend.store, backend.settings, [str(inbox)])
    assert [item.status for item in report.items] == ["new"] * 4
    documents = _documents(backend)
    assert all(documents[f"Placeholder page {n}"].published_at is None for n in range(3))
    assert documents["Placeholder page 1"].published_precision == "unknown"
    assert documents["Dated report"].published_at is not None


def test_one_failing_document_is_one_error_and_the_batch_goes_on(
    backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_bytes(_text("Harvest", OTHER, "2024-05-02"))
    (inbox / "b.txt").write_bytes(_text("Tanker", EVENT, "2024-05-03"))
    real = ingest_module.assign_story

    def failing(session: Session, document: Document, vector: SparseVector) -> StoryChoice:
        if document.title == "Harvest":
            raise OverflowError("date value out of range")
        return real(session, document, vector)

    monkeypatch.setattr(ingest_module, "assign_story", failing)
    report = ingest(backend.store, backend.settings, [str(inbox)])
    outcomes = {Path(item.locator).name: item for item in report.items}
    assert outcomes["a.txt"].status == "error" and "OverflowError" in (outcomes["a.txt"].message or "")
    assert outcomes["b.txt"].status == "new"
    assert set(_documents(backend)) == {"Tanker"}  # the failed one left no half-stored rows
    with backend.store.session() as session:
        assert [s.locator for s in session.scalars(select(DocumentSource))] == [str(inbox / "b.txt")]
    assert report.documents == 1


def test_an_undated_report_joins_the_dated_reports_of_its_event(backend: Backend, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "1.txt").write_bytes(_text("Tanker seen", EVENT, "2024-03-28"))
    (inbox / "2.txt").write_bytes(_text("Tanker again", "Reporting from the port. " + EVENT, "2024-04-02"))
    (inbox / "3.txt").write_bytes(_text("Tanker, no date", EVENT.replace("at night", "overnight")))
    (inbox / "4.txt").write_bytes(_text("Harvest, no date", OTHER))
    report = ingest(backend.store, backend.settings, [str(inbox)])
    assert [item.status for item in report.items] == ["new"] * 4
    documents = _documents(backend)
    assert documents["Tanker, no date"].published_at is None
    assert documents["Tanker, no date"].story_id == documents["Tanker seen"].story_id
    assert documents["Tanker again"].story_id == documents["Tanker seen"].story_id
    assert documents["Harvest, no date"].story_id != documents["Tanker seen"].story_id
    assert report.stories == 2


def test_a_dated_report_joins_a_story_of_undated_ones(backend: Backend, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "undated.txt").write_bytes(_text("Tanker, no date", EVENT))
    ingest(backend.store, backend.settings, [str(first)])
    (second / "dated.txt").write_bytes(
        _text("Tanker seen", EVENT.replace("at night", "overnight"), "2019-06-01")
    )
    report = ingest(backend.store, backend.settings, [str(second)])
    documents = _documents(backend)
    assert documents["Tanker seen"].story_id == documents["Tanker, no date"].story_id
    assert report.stories == 1
