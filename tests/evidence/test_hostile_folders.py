"""Hostile folders: a non-UTF-8 name or a symlink out of the folder is one line, the rest is stored."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import Cli

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
