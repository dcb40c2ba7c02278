"""Hostile folders: a non-UTF-8 name or a symlink out of the folder is one line, the rest is stored."""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pytest

from tests.conftest import Cli
from watchkeeper.config import Settings
from watchkeeper.evidence.ingest import IngestReport, ingest_raw
from watchkeeper.sources.inputs import expand_targets, load_input
from watchkeeper.store import Store

ARTICLE = (
    "The coast guard said on Tuesday that a freighter flagged in Sierra Leone had moored off Nampo "
    "for three days in April 2024 and taken on coal from barges that came alongside at night.\n\n"
    "Officials declined to say whether the cargo had been inspected before the vessel sailed again."
)


def _items(output: str) -> list[dict]:
    rows = [json.loads(line) for line in output.splitlines() if line.strip()]
    return [r for r in rows if r["type"] == "item"]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_a_file_name_that_is_not_utf8_is_one_error_line(sqlite_cli: Cli, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    bad = os.path.join(os.fsencode(folder), b"report-\xff\xfe.txt")
    with open(bad, "wb") as fh:
        fh.write(ARTICLE.replace("Nampo", "Chongjin").encode())
    result = sqlite_cli("ingest", str(folder), "--json")
    items = _items(result.stdout)
    assert [i["status"] for i in items if i["locator"].endswith("good.txt")] == ["new"]
    errors = [i for i in items if i["status"] == "error"]
    assert len(errors) == 1 and "not valid UTF-8" in errors[0]["message"]
    json.dumps(items, ensure_ascii=False).encode("utf-8")  # every line can be printed and stored


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_out_of_the_folder_is_not_followed(sqlite_cli: Cli, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    outside = tmp_path / "private.txt"
    outside.write_text(ARTICLE.replace("Nampo", "Wonsan"), encoding="utf-8")
    (folder / "leak.txt").symlink_to(outside)
    (folder / "etc").symlink_to("/etc")
    (folder / "inside.txt").symlink_to(folder / "good.txt")  # inside the folder: an ordinary duplicate
    items = _items(sqlite_cli.ok("ingest", str(folder), "--json").stdout)
    refused = [i for i in items if i["status"] == "error"]
    assert sorted(Path(i["locator"]).name for i in refused) == ["etc", "leak.txt"]
    assert all("outside" in i["message"] for i in refused)
    assert not any("passwd" in i["locator"] for i in items)
    docs = [json.loads(line) for line in sqlite_cli.ok("docs", "list", "--json").stdout.splitlines()]
    assert len(docs) == 1


def test_a_batch_keeps_the_text_not_the_raw_bytes_in_memory(sqlite_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    padding = "<!-- " + "x" * (2 * 1024 * 1024) + " -->"  # page weight that is not text
    for n in range(6):
        body = ARTICLE.replace("three days", f"{n + 2} days")
        page = f"<html><head><title>Port call {n}</title>{padding}</head><body><p>{body}</p></body></html>"
        (folder / f"page-{n}.html").write_text(page, encoding="utf-8")
    settings = Settings(workspace=tmp_path, database_url=sqlite_store.url)
    raws = (
        load_input(target, settings) for target in expand_targets([str(folder)]) if isinstance(target, str)
    )
    tracemalloc.start()
    sources = ingest_raw(sqlite_store, settings, raws, IngestReport())
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert len(sources) == 6 and all(s.raw == b"" and s.raw_stored for s in sources)
    # six 2 MB pages read (12 MB when the batch held their bytes); the margin is for caches a run warms
    assert held < 8 * 1024 * 1024
