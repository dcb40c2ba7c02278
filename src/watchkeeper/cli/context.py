"""What every command receives: the resolved settings and, opened on first use, the workspace's store."""

from __future__ import annotations

from dataclasses import dataclass, field

import typer

from watchkeeper.config import Settings
from watchkeeper.store import Store, open_store


@dataclass
class AppContext:
    """Settings resolved once by the root command, and the store opened lazily."""

    settings: Settings
    _store: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.settings)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.dispose()
            self._store = None


def app_context(ctx: typer.Context) -> AppContext:
    """The AppContext of the running command (set up by the root callback)."""
    root = ctx.find_root()
    obj = root.obj
    if not isinstance(obj, AppContext):
        raise RuntimeError("the root command did not set up the application context")
    return obj
