"""The regime in the store: sync is an idempotent upsert on both backends, and exports carry stable keys."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import func, select

from watchkeeper.export import iter_records
from watchkeeper.regime import load_regime, package_data_dir, sync_regime
from watchkeeper.regime.export import MEASURE_KEYS, RESOLUTION_KEYS
from watchkeeper.regime.sync import VERSION_KEY, stored_version
from watchkeeper.store import Store
from watchkeeper.store.models.core import WorkspaceMeta
from watchkeeper.store.models.regime import MeasureRow, ResolutionRow


def _count(store: Store, model: type) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_sync_inserts_then_changes_nothing(store: Store) -> None:
    regime = load_regime()
    with store.session() as session:
        first = sync_regime(session, regime)
    assert first.inserted == len(regime.resolutions) + len(regime.measures)
    assert first.previous_version is None and first.changed
    with store.session() as session:
        meta_before = session.get(WorkspaceMeta, VERSION_KEY).updated_at
        second = sync_regime(session, regime)
    assert (second.inserted, second.updated, second.removed) == (0, 0, 0)
    assert second.unchanged == first.inserted and not second.changed
    with store.session() as session:
        assert stored_version(session) == regime.version
        assert session.get(WorkspaceMeta, VERSION_KEY).updated_at == meta_before
        row = session.get(MeasureRow, "2397-op5")
        assert row.limits[0]["value"] == 500_000 and row.supersedes == ["2375-op14"]
        assert row.effective_from.isoformat() == "2018-01-01" and row.removed is False
        assert session.get(ResolutionRow, 2397).vote == {"in_favour": 15, "against": 0, "abstentions": 0}
    assert _count(store, MeasureRow) == len(regime.measures)


def test_changed_and_removed_data(store: Store, tmp_path: Path) -> None:
    with store.session() as session:
        sync_regime(session, load_regime())
    data = tmp_path / "regime"
    shutil.copytree(package_data_dir(), data)
    (data / "2356.yaml").unlink()
    path = data / "2397.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      - value: 500000\n", "      - value: 450000\n"))
    changed = load_regime(data)
    with store.session() as session:
        result = sync_regime(session, changed)
    assert (result.inserted, result.updated, result.removed) == (0, 1, 2)  # 2397-op5; 2356 and its measure
    assert result.previous_version == load_regime().version != result.version
    with store.session() as session:
        assert session.get(MeasureRow, "2397-op5").limits[0]["value"] == 450_000
        assert session.get(MeasureRow, "2356-annexes").removed is True
        assert session.get(ResolutionRow, 2356).removed is True
    with store.session() as session:  # restoring the file brings the rows back
        restored = sync_regime(session, load_regime())
    assert (restored.updated, restored.removed) == (3, 0)


def test_export_records(store: Store) -> None:
    with store.session() as session:
        sync_regime(session, load_regime())
    with store.session() as session:
        records = list(iter_records(session, {"measure", "resolution"}))
    resolutions = [r for r in records if r["type"] == "resolution"]
    measures = [r for r in records if r["type"] == "measure"]
    assert [r["number"] for r in resolutions][:2] == [1695, 1718]
    assert all(list(r) == ["type", *RESOLUTION_KEYS] for r in resolutions)
    assert all(list(m) == ["type", *MEASURE_KEYS] for m in measures)
    cap = next(m for m in measures if m["id"] == "2397-op4")
    assert cap["limits"][0]["alternatives"] == [{"value": 525000, "unit": "tonnes"}]
