"""Errors a user can act on. The CLI prints them without a traceback and exits with code 1."""

from __future__ import annotations

from pathlib import Path


class WatchkeeperError(Exception):
    """Base class of every error whose message is meant for the user."""


class ConfigError(WatchkeeperError):
    """A setting is missing or invalid."""


class StoreError(WatchkeeperError):
    """The database cannot be opened, migrated or written."""


class NotFoundError(WatchkeeperError):
    """A record the user asked for does not exist."""


class InputFileError(WatchkeeperError):
    """An input file is malformed. Names the file and, where known, the line and field."""

    def __init__(
        self, path: str | Path, message: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        self.path = str(path)
        self.line = line
        self.field = field
        where = self.path
        if line is not None:
            where += f", line {line}"
        if field is not None:
            where += f", field {field!r}"
        super().__init__(f"{where}: {message}")


class UnsafeInputError(InputFileError):
    """Input refused because it is hostile: XML bombs, external entities, zip bombs, oversized content."""
