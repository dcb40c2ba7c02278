"""Where the package's data files live, and the one way to override them.

Every stage reads its data (``data/<stage>/<file>``) from the package, unless ``WATCHKEEPER_DATA_DIR`` names a
directory laid out the same way: a file present there is read instead of the packaged one, a file absent there
is read from the package. A test adds an incident kind by writing two files into a temporary directory.

Loaders of these files cache what they read (:func:`cached`); :func:`clear_caches` forgets all of it, so that
a changed override (or none) is read afresh.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast

import yaml
from pydantic import BaseModel, ValidationError

from watchkeeper.errors import ConfigError, InputFileError

ENV_VAR = "WATCHKEEPER_DATA_DIR"

_F = TypeVar("_F", bound=Callable[..., Any])
_M = TypeVar("_M", bound=BaseModel)
_CACHE_CLEARERS: list[Callable[[], None]] = []


def packaged_data_dir() -> Path:
    """The data directory shipped inside the package."""
    return Path(str(resources.files("watchkeeper") / "data"))


def override_dir() -> Path | None:
    """The directory ``WATCHKEEPER_DATA_DIR`` names, or None when it is unset or empty."""
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_dir():
        raise ConfigError(
            f"{ENV_VAR}={value!r} is not a directory (it should be laid out like the package's data/)"
        )
    return path


def data_file(*parts: str) -> Path:
    """A data file by its path under ``data/`` (``data_file("assess", "grading.yaml")``), override first."""
    override = override_dir()
    if override is not None and (override.joinpath(*parts)).is_file():
        return override.joinpath(*parts)
    return packaged_data_dir().joinpath(*parts)


def cached(func: _F) -> _F:
    """``functools.cache`` for a loader of data files, registered so :func:`clear_caches` forgets it."""
    wrapped = functools.cache(func)
    _CACHE_CLEARERS.append(wrapped.cache_clear)
    return cast(_F, wrapped)


def clear_caches() -> None:
    """Forget everything the data-file loaders cached (after changing ``WATCHKEEPER_DATA_DIR``)."""
    for clear in _CACHE_CLEARERS:
        clear()


def read_yaml(path: Path) -> Any:
    """A YAML file's content; a missing or malformed file is an InputFileError naming it (and the line)."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputFileError(path, "file not found") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputFileError(path, f"not valid YAML: {exc}", line=mark.line + 1 if mark else None) from exc


def read_model(model: type[_M], path: Path) -> _M:
    """A YAML file validated by a pydantic model; the first error names the file and the field path."""
    raw = read_yaml(path)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(step) for step in error["loc"]) or "(file)"
        message = error["msg"].removeprefix("Value error, ")
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise InputFileError(path, message + more, field=where) from None
