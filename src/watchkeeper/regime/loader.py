"""Reading the regime data files: one YAML file per resolution plus ``commodities.yaml``, validated on load.

A broken file is an :class:`InputFileError` naming the file and the field path
(``measures[3] (2397-op5).kind``); links between files (``amends``/``supersedes`` targets, duplicate ids)
are checked once all files are read.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from watchkeeper.errors import InputFileError
from watchkeeper.regime.catalogue import Regime
from watchkeeper.regime.models import Resolution

COMMODITIES_FILE = "commodities.yaml"


# The C parser when PyYAML was built with libyaml (10x faster here); the pure-Python one otherwise.
if TYPE_CHECKING:
    _SafeBase = yaml.SafeLoader  # the C loader has the same interface
else:
    _SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainLoader(_SafeBase):
    """Safe YAML loader that leaves dates as strings, so pydantic validates them and names the field."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def package_data_dir() -> Path:
    """The regime data shipped inside the package."""
    return Path(str(resources.files("watchkeeper") / "data" / "regime"))


def resolution_files(directory: Path) -> list[Path]:
    """The resolution files of a data directory (``<number>.yaml``), in number order."""
    return sorted(p for p in directory.glob("*.yaml") if p.stem.isdigit())


def data_version(directory: Path) -> str:
    """A hash of every data file's name and bytes: changes whenever the regime data changes."""
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.yaml")):
        digest.update(path.name.encode("utf-8") + b"\x00" + path.read_bytes() + b"\x00")
    return digest.hexdigest()[:16]


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_PlainLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        raise InputFileError(path, f"not valid YAML: {exc.problem}", line=line) from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        # a reader error ("special characters are not allowed") spans lines: one line for the user
        raise InputFileError(path, f"not valid YAML: {' '.join(str(exc).split())}") from exc


def _field_path(raw: dict[str, Any], loc: tuple[int | str, ...]) -> str:
    """``('measures', 3, 'kind')`` → ``measures[3] (2397-op5).kind``."""
    parts: list[str] = []
    node: Any = raw
    for step in loc:
        if isinstance(step, int):
            label = f"[{step}]"
            item = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(item, dict) and "id" in item:
                label += f" ({item['id']})"
            parts.append(label)
            node = node[step] if isinstance(node, list) and step < len(node) else None
        else:
            parts.append(f".{step}" if parts else str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return "".join(parts) or "(file)"


def load_resolution_file(path: Path) -> Resolution:
    """One resolution file, validated."""
    raw = _read_yaml(path)
    if not isinstance(raw, dict):
        raise InputFileError(path, "expected a mapping with number, adopted, title, summary and measures")
    number = raw.get("number")
    measures = raw.get("measures")
    if isinstance(measures, list):
        for item in measures:
            if isinstance(item, dict):
                item.setdefault("resolution", number)
    try:
        resolution = Resolution.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        message = error["msg"].removeprefix("Value error, ")
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise InputFileError(path, message + more, field=_field_path(raw, error["loc"])) from exc
    if path.stem != str(resolution.number):
        raise InputFileError(
            path,
            f"file holds resolution {resolution.number}; name it {resolution.number}.yaml",
            field="number",
        )
    return resolution


def load_commodities(path: Path) -> dict[str, str]:
    """The commodity vocabulary: tag → description."""
    raw = _read_yaml(path)
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in raw.items()
    ):
        raise InputFileError(path, "expected a mapping of commodity tag to description")
    return dict(raw)


def _check_links(resolutions: list[Resolution], files: dict[int, Path], commodities: dict[str, str]) -> None:
    seen: dict[str, int] = {}
    for resolution in resolutions:
        for index, measure in enumerate(resolution.measures):
            where = f"measures[{index}] ({measure.id})"
            path = files[resolution.number]
            if measure.id in seen:
                raise InputFileError(
                    path,
                    f"duplicate measure id {measure.id!r} (also in {seen[measure.id]}.yaml)",
                    field=f"{where}.id",
                )
            seen[measure.id] = resolution.number
            for tag in measure.commodities:
                if tag not in commodities:
                    raise InputFileError(
                        path,
                        f"unknown commodity tag {tag!r} (see {COMMODITIES_FILE})",
                        field=f"{where}.commodities",
                    )
    by_id = {m.id: m for r in resolutions for m in r.measures}
    for resolution in resolutions:
        for index, measure in enumerate(resolution.measures):
            for link in ("amends", "supersedes"):
                for target in getattr(measure, link):
                    if target not in by_id:
                        raise InputFileError(
                            files[resolution.number],
                            f"unknown measure {target!r}",
                            field=f"measures[{index}] ({measure.id}).{link}",
                        )
    _check_supersession_cycles(by_id, files)


def _check_supersession_cycles(by_id: dict[str, Any], files: dict[int, Path]) -> None:
    for start in by_id.values():
        stack, seen = list(start.supersedes), set()
        while stack:
            current = stack.pop()
            if current == start.id:
                raise InputFileError(
                    files[start.resolution], "supersedes links form a cycle", field=f"{start.id}.supersedes"
                )
            if current not in seen:
                seen.add(current)
                stack.extend(by_id[current].supersedes)


def read_regime(directory: Path) -> Regime:
    """Read and validate every file of a regime data directory."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputFileError(directory, "regime data directory not found")
    vocabulary_path = directory / COMMODITIES_FILE
    if not vocabulary_path.exists():
        vocabulary_path = package_data_dir() / COMMODITIES_FILE
    commodities = load_commodities(vocabulary_path)
    paths = resolution_files(directory)
    if not paths:
        raise InputFileError(directory, "no resolution files (<number>.yaml) found")
    resolutions = [load_resolution_file(p) for p in paths]
    files = {r.number: p for r, p in zip(resolutions, paths, strict=True)}
    _check_links(resolutions, files, commodities)
    return Regime(tuple(resolutions), commodities, data_version(directory), str(directory))


@lru_cache(maxsize=1)
def _package_regime() -> Regime:
    return read_regime(package_data_dir())


def load_regime(path: str | Path | None = None) -> Regime:
    """The validated regime: the package data (cached) by default, or the files of another directory."""
    if path is None:
        return _package_regime()
    return read_regime(Path(path))
