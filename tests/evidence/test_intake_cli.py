"""Ingest through the CLI on both backends: idempotent reruns, bad input per item, incremental copies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import Cli
from watchkeeper.evidence.scoring import corpus_dir

ARTICLES = corpus_dir() / "articles"
SAMPLE = [
    "veto-01-global-press-agency.txt",
    "veto-02-meridian-courier.html",
    "veto-04-han-river-dispatch.html",
    "missile-10-northern-policy-digest.pdf",
]


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _sample(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(ARTICLES / name, folder / name)
    return folder


def test_ingest_is_idempotent(cli: Cli, tmp_path: Path) -> None:
    folder = _sample(tmp_path, SAMPLE)
    first = _lines(cli.ok("ingest", str(folder), "--json").stdout)
    assert [r["status"] for r in first if r["type"] == "item"] == ["new"] * 4
    totals = first[-1]
    assert totals["type"] == "totals" and totals["documents"] == 4 and totals["copy_groups"] == 1
    second = _lines(cli.ok("ingest", str(folder), "--json").stdout)
    assert [r["status"] for r in second if r["type"] == "item"] == ["duplicate"] * 4
    assert {k: second[-1][k] for k in ("documents", "copy_groups", "stories")} == {
        k: totals[k] for k in ("documents", "copy_groups", "stories")
    }
    docs = _lines(cli.ok("docs", "list", "--json").stdout)
    assert len(docs) == 4 and {d["outlet_id"] for d in docs} >= {"global-press-agency", "meridian-courier"}
    pdf = next(d for d in docs if d["content_type"] == "application/pdf")
    assert pdf["pages"] and pdf["published_at"].startswith("2025-02-12")
    text = cli.ok("docs", "text", docs[0]["id"]).stdout
    assert len(text) > 200
    stories = _lines(cli.ok("stories", "list", "--json").stdout)
    veto = next(s for s in stories if "global-press-agency" in s["outlets"])
    shown = json.loads(cli.ok("stories", "show", veto["id"], "--json").stdout)
    assert len(shown["documents"]) == shown["document_count"] == veto["document_count"] >= 2
    wire_docs = _lines(cli.ok("docs", "list", "--json", "--story", veto["id"]).stdout)
    assert len(wire_docs) == veto["document_count"]
    assert "Evidence base: 4 documents" in cli.ok("ingest", str(folder)).stdout


def test_same_text_from_two_places_is_one_document(cli: Cli, tmp_path: Path) -> None:
    folder = _sample(tmp_path, SAMPLE[:1])
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copy(ARTICLES / SAMPLE[0], other / "renamed.txt")
    cli.ok("ingest", str(folder))
    result = _lines(cli.ok("ingest", str(other / "renamed.txt"), "--json").stdout)
    assert result[0]["status"] == "duplicate" and result[-1]["documents"] == 1


def test_bad_inputs_reported_per_item_and_the_batch_goes_on(cli: Cli, tmp_path: Path) -> None:
    folder = _sample(tmp_path, SAMPLE[:1])
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 16)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes(
        "Title: Café\nOutlet: Pacific Signal\nDate: 2 April 2024\n\nA report from Tokyo about a café near "
        "the port, written in Latin-1, with enough words to count as a document.".encode("latin-1")
    )
    (folder / "utf16.txt").write_bytes(
        "Title: BOM\nDate: 3 April 2024\n\nUTF-16 with a byte-order mark: 북한 and enough words to be a "
        "document of its own here.".encode("utf-16")
    )
    (folder / "page.html").write_bytes(b"<html><body><nav>Home</nav></body></html>")
    result = _lines(cli.ok("ingest", str(folder), str(tmp_path / "missing.txt"), "--json").stdout)
    status = {Path(r["locator"]).name: r["status"] for r in result if r["type"] == "item"}
    assert status == {
        "junk.bin": "error",
        "empty.txt": "error",
        "page.html": "error",
        "missing.txt": "error",
        "latin1.txt": "new",
        "utf16.txt": "new",
        SAMPLE[0]: "new",
    }
    messages = " ".join(r["message"] for r in result if r.get("status") == "error")
    assert "binary" in messages and "empty" in messages and "no such file" in messages
    texts = " ".join(
        cli.ok("docs", "text", r["document_id"]).stdout for r in result if r.get("status") == "new"
    )
    assert "café" in texts and "북한" in texts
    rerun = _lines(cli.ok("ingest", str(folder), "--json").stdout)
    assert not [r for r in rerun if r.get("status") == "new"]


def test_interrupted_ingest_resumes(cli: Cli, tmp_path: Path) -> None:
    folder = _sample(tmp_path, SAMPLE[:2])
    cli.ok("ingest", str(folder))
    folder = _sample(tmp_path, SAMPLE)
    result = _lines(cli.ok("ingest", str(folder), "--json").stdout)
    assert sorted(r["status"] for r in result if r["type"] == "item") == ["duplicate"] * 2 + ["new"] * 2


def test_trimmed_rewritten_copy_joins_the_group(cli: Cli, tmp_path: Path) -> None:
    original = (ARTICLES / SAMPLE[0]).read_text(encoding="utf-8")
    _header, _, body = original.partition("\n\n")
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    kept = paragraphs[: max(3, int(len(paragraphs) * 0.7))]
    copy = (
        "Title: A different headline on the veto\nOutlet: Pacific Signal\nDate: 29 March 2024\n\n"
        + "\n\n".join(kept)
        + "\n\nPacific Signal carries wire reports from GPA. Subscribe for more."
    )
    folder = _sample(tmp_path, SAMPLE[:1])
    cli.ok("ingest", str(folder))
    (tmp_path / "copy.txt").write_text(copy, encoding="utf-8")
    cli.ok("ingest", str(tmp_path / "copy.txt"))
    docs = _lines(cli.ok("docs", "list", "--json").stdout)
    assert len(docs) == 2
    assert docs[0]["copy_group_id"] and docs[0]["copy_group_id"] == docs[1]["copy_group_id"]
    assert docs[0]["story_id"] == docs[1]["story_id"]
    copy_doc = next(d for d in docs if d["outlet_id"] == "pacific-signal")
    assert copy_doc["wire_id"] == "global-press-agency"


def test_unknown_ids_are_user_errors(cli: Cli) -> None:
    result = cli("docs", "text", "doc-nope")
    assert result.exit_code == 1 and "no document" in result.stderr
    assert cli("stories", "show", "story-nope").exit_code == 1
