"""Broken regime data files: each gives an InputFileError naming the file and the field, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from watchkeeper.errors import InputFileError
from watchkeeper.regime import load_regime, package_data_dir


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled regime data."""
    target = tmp_path / "regime"
    shutil.copytree(package_data_dir(), target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _error(data_dir: Path) -> InputFileError:
    with pytest.raises(InputFileError) as caught:
        load_regime(data_dir)
    return caught.value


def test_copy_of_bundled_data_loads(data_dir: Path) -> None:
    regime = load_regime(data_dir)
    assert len(regime.measures) == len(load_regime().measures)
    assert regime.version == load_regime().version


def test_bad_date(data_dir: Path) -> None:
    _edit(data_dir / "2397.yaml", "effective_from: 2018-01-01", "effective_from: 2018-02-30")
    error = _error(data_dir)
    assert error.path.endswith("2397.yaml")
    assert error.field == "measures[2] (2397-op5).effective_from"
    assert "2397.yaml" in str(error) and "effective_from" in str(error)


def test_effective_to_before_from(data_dir: Path) -> None:
    _edit(data_dir / "1874.yaml", "effective_to: 2024-04-30", "effective_to: 2001-01-01")
    error = _error(data_dir)
    assert error.path.endswith("1874.yaml") and "before effective_from" in str(error)
    assert error.field.startswith("measures[") and "(1874-op26)" in error.field


def test_measure_before_adoption(data_dir: Path) -> None:
    _edit(data_dir / "2371.yaml", "adopted: 2017-08-05", "adopted: 2017-08-06")
    assert "before adoption" in str(_error(data_dir))


def test_unknown_kind(data_dir: Path) -> None:
    _edit(data_dir / "2375.yaml", "    kind: cap\n", "    kind: embargo\n")
    error = _error(data_dir)
    assert error.path.endswith("2375.yaml")
    assert error.field.endswith(".kind") and "(2375-op14)" in error.field
    assert "'ban'" in str(error)


def test_dangling_amends(data_dir: Path) -> None:
    _edit(data_dir / "2397.yaml", "amends: [2321-op30]", "amends: [2321-op99]")
    error = _error(data_dir)
    assert error.path.endswith("2397.yaml")
    assert error.field == "measures[7] (2397-op14).amends"
    assert "'2321-op99'" in str(error)


def test_dangling_supersedes(data_dir: Path) -> None:
    _edit(data_dir / "2397.yaml", "supersedes: [2375-op14]", "supersedes: [2375-op41]")
    assert _error(data_dir).field.endswith("(2397-op5).supersedes")


def test_duplicate_id(data_dir: Path) -> None:
    _edit(data_dir / "2397.yaml", "  - id: 2397-op6\n", "  - id: 2397-op5\n")
    error = _error(data_dir)
    assert "duplicate measure id '2397-op5'" in str(error)
    assert error.path.endswith("2397.yaml")


def test_id_from_another_resolution(data_dir: Path) -> None:
    _edit(data_dir / "2397.yaml", "  - id: 2397-op6\n", "  - id: 2375-op6\n")
    assert "does not start with its resolution 2397" in str(_error(data_dir))


def test_malformed_yaml_names_the_line(data_dir: Path) -> None:
    path = data_dir / "2356.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - id: [unclosed\n", encoding="utf-8")
    error = _error(data_dir)
    assert error.path.endswith("2356.yaml") and error.line is not None
    assert "not valid YAML" in str(error)


def test_unknown_commodity(data_dir: Path) -> None:
    _edit(data_dir / "2371.yaml", "commodities: [seafood]", "commodities: [sea_food]")
    error = _error(data_dir)
    assert error.field.endswith("(2371-op9).commodities") and "sea_food" in str(error)


def test_cap_without_limits(data_dir: Path) -> None:
    _edit(
        data_dir / "2397.yaml",
        "    kind: obligation\n    direction: none\n    subject: Repatriate",
        "    kind: cap\n    direction: none\n    subject: Repatriate",
    )
    assert "needs at least one entry in 'limits'" in str(_error(data_dir))


def test_unknown_field_is_rejected(data_dir: Path) -> None:
    _edit(data_dir / "2397.yaml", '    paragraph: "5"\n', '    paragraph: "5"\n    paragrahp: "5"\n')
    assert _error(data_dir).field.endswith("(2397-op5).paragrahp")


def test_supersedes_cycle(data_dir: Path) -> None:
    # 2397-op5 already supersedes 2375-op14; making 2375-op14 supersede it back closes the loop
    _edit(data_dir / "2375.yaml", "  - id: 2375-op14\n", "  - id: 2375-op14\n    supersedes: [2397-op5]\n")
    assert "cycle" in str(_error(data_dir))


def test_file_named_after_another_resolution(data_dir: Path) -> None:
    (data_dir / "2356.yaml").rename(data_dir / "2357.yaml")
    assert "name it 2356.yaml" in str(_error(data_dir))


def test_missing_directory(tmp_path: Path) -> None:
    assert "not found" in str(_error(tmp_path / "nowhere"))
