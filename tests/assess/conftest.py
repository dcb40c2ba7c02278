"""Fixtures of the assess tests: a data directory overriding the packaged data files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from watchkeeper.datafiles import ENV_VAR, clear_caches, packaged_data_dir


@dataclass
class DataOverride:
    """A temporary ``WATCHKEEPER_DATA_DIR``: write a changed copy of a packaged file into it."""

    root: Path

    def edit(self, relative: str, old: str, new: str) -> Path:
        """A copy of the packaged file ``relative`` with ``old`` (which must occur) replaced by ``new``."""
        text = (packaged_data_dir() / relative).read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {relative}"
        return self.write(relative, text.replace(old, new, 1))

    def append(self, relative: str, extra: str) -> Path:
        """A copy of the packaged file ``relative`` with ``extra`` added at its end."""
        text = (packaged_data_dir() / relative).read_text(encoding="utf-8")
        return self.write(relative, text.rstrip("\n") + "\n" + extra)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        clear_caches()
        return path


@pytest.fixture
def data_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DataOverride]:
    """Data files read from a temporary directory first; the caches are cleared before and after."""
    root = tmp_path / "data"
    root.mkdir()
    monkeypatch.setenv(ENV_VAR, str(root))
    clear_caches()
    yield DataOverride(root)
    monkeypatch.delenv(ENV_VAR, raising=False)
    clear_caches()
