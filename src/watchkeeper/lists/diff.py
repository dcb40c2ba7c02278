"""What changed between two versions of a list: added, removed, and amended entries with their fields."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from watchkeeper.lists.records import ListedEntry

CHANGE_KINDS = ("added", "amended", "removed")


@dataclass(frozen=True)
class Change:
    """One designation's change between two versions; ``changes`` maps a field to its before and after."""

    designation_id: str
    list_id: str
    reference: str
    schema: str
    name: str
    kind: str
    changes: dict[str, dict[str, Any]] = field(default_factory=dict)

    def record(self) -> dict[str, Any]:
        return {
            "designation_id": self.designation_id,
            "list_id": self.list_id,
            "reference": self.reference,
            "schema": self.schema,
            "name": self.name,
            "kind": self.kind,
            "fields": sorted(self.changes),
            "changes": self.changes,
        }


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Fields whose values differ. For ``names`` only the names that went (before) and came (after)."""
    changed: dict[str, dict[str, Any]] = {}
    for key in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if key == "names":
            old_set, new_set = set(old or []), set(new or [])
            changed[key] = {"before": sorted(old_set - new_set), "after": sorted(new_set - old_set)}
        else:
            changed[key] = {"before": old, "after": new}
    return changed


def diff_entries(old: Iterable[ListedEntry], new: Iterable[ListedEntry]) -> list[Change]:
    """Changes from the entries of one version of a list to those of the next, ordered by id."""
    old_by_id = {e.id: e for e in old}
    new_by_id = {e.id: e for e in new}
    changes: list[Change] = []
    for entry_id in sorted(old_by_id.keys() | new_by_id.keys()):
        before, after = old_by_id.get(entry_id), new_by_id.get(entry_id)
        entry = after or before
        assert entry is not None
        fields: dict[str, dict[str, Any]]
        if before is None:
            kind, fields = "added", {}
        elif after is None:
            kind, fields = "removed", {}
        else:
            fields = field_changes(before.comparable(), after.comparable())
            if not fields:
                continue
            kind = "amended"
        changes.append(
            Change(entry.id, entry.list_id, entry.reference, entry.schema, entry.name, kind, fields)
        )
    return changes


def count_changes(changes: Iterable[Change]) -> dict[str, int]:
    """How many entries were added, amended and removed."""
    counts = Counter(change.kind for change in changes)
    return {kind: counts.get(kind, 0) for kind in CHANGE_KINDS}
