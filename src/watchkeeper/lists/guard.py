"""The import guard: a list file that is empty or would remove too much of a list is refused, not stored.

An empty or cut-off file parses cleanly yet would delist every entry it lacks; the share an import may
remove is set in data/lists/import_guard.yaml, and ``--allow-shrink`` imports such a file anyway.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from watchkeeper.errors import InputFileError
from watchkeeper.lists.records import ParsedList

GUARD_FILE = "import_guard.yaml"


class ImportGuard(BaseModel):
    """The limits of one import, validated from data/lists/import_guard.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_removed_share: float = Field(ge=0.0, le=1.0)


class ShrinkRefusedError(InputFileError):
    """A list import refused because the file is empty or would remove too much of the list."""


@lru_cache(maxsize=1)
def import_guard() -> ImportGuard:
    """The guard's settings from data/lists/import_guard.yaml."""
    resource = resources.files("watchkeeper") / "data" / "lists" / GUARD_FILE
    try:
        return ImportGuard.model_validate(yaml.safe_load(resource.read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValidationError) as exc:
        raise InputFileError(str(resource), f"invalid import guard settings: {exc}") from exc


def check_shrink(parsed: ParsedList, active: int, removed: int, *, max_share: float | None = None) -> None:
    """Refuse an import of ``parsed`` that holds no entries or removes more than the allowed share.

    ``active`` is how many designations of the source are listed now, ``removed`` how many the import
    would delist.
    """
    share = import_guard().max_removed_share if max_share is None else max_share
    hint = "nothing was changed; rerun with --allow-shrink to import it anyway"
    if not parsed.entries:
        raise ShrinkRefusedError(
            parsed.path,
            f"refused: the file holds no entries; importing it would remove {removed} of {active} "
            f"{parsed.source} designations; {hint}",
        )
    if active and removed > share * active:
        raise ShrinkRefusedError(
            parsed.path,
            f"refused: {len(parsed.entries)} entries; importing it would remove {removed} of {active} "
            f"{parsed.source} designations ({removed / active:.0%}, more than the {share:.0%} allowed); "
            f"{hint}",
        )
