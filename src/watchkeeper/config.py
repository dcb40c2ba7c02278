"""Settings: the workspace directory and the database URL, from flags, environment or the workspace file.

Precedence, highest first: command-line flags, environment variables (``WATCHKEEPER_WORKSPACE``,
``WATCHKEEPER_DATABASE_URL``, ``WATCHKEEPER_ALLOW_PRIVATE_URLS``), the workspace's ``watchkeeper.toml``
(``[watchkeeper]`` table), built-in defaults.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from watchkeeper.errors import ConfigError

DEFAULT_WORKSPACE = Path("watchkeeper-data")
CONFIG_FILE_NAME = "watchkeeper.toml"
DATABASE_FILE_NAME = "watchkeeper.sqlite"

_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """Where a workspace lives and how to reach its database."""

    workspace: Path
    database_url: str
    allow_private_urls: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def raw_dir(self) -> Path:
        """Directory of the raw bytes of ingested documents."""
        return self.workspace / "raw"

    @property
    def maritime_dir(self) -> Path:
        """Directory of AIS positions as Parquet."""
        return self.workspace / "maritime"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def with_overrides(self, **changes: Any) -> Settings:
        """These settings with some fields replaced (``workspace=...``, ``database_url=...``)."""
        return replace(self, **changes)


def default_database_url(workspace: Path) -> str:
    return f"sqlite:///{(workspace / DATABASE_FILE_NAME).resolve()}"


def _read_workspace_file(workspace: Path) -> dict[str, object]:
    path = workspace / CONFIG_FILE_NAME
    if not path.exists():
        return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    section = data.get("watchkeeper", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [watchkeeper] must be a table")
    return section


def load_settings(
    workspace: str | Path | None = None,
    database_url: str | None = None,
    allow_private_urls: bool | None = None,
) -> Settings:
    """Resolve the settings from flags, environment and the workspace file."""
    ws = Path(workspace or os.environ.get("WATCHKEEPER_WORKSPACE") or DEFAULT_WORKSPACE)
    file_settings = _read_workspace_file(ws)
    url = (
        database_url
        or os.environ.get("WATCHKEEPER_DATABASE_URL")
        or file_settings.pop("database_url", None)
        or default_database_url(ws)
    )
    if not isinstance(url, str) or "://" not in url:
        raise ConfigError(f"database URL {url!r} is not a SQLAlchemy URL (e.g. postgresql+psycopg://...)")
    if allow_private_urls is None:
        env = os.environ.get("WATCHKEEPER_ALLOW_PRIVATE_URLS")
        allow_private_urls = (
            env.lower() in _TRUE if env is not None else bool(file_settings.pop("allow_private_urls", False))
        )
    return Settings(
        workspace=ws, database_url=url, allow_private_urls=allow_private_urls, extra=file_settings
    )
