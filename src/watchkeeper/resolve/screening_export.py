"""Screening results written out for other tools: one CSV row per hit, or one JSON document.

Every result is a screened query (its ``name`` and ``imo``, either may be empty) with its ranked ``hits``
(``ScreeningHit.to_dict()``). The CLI, the API and the workbench all write through these functions, so the
three exports carry the same columns.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, TextIO

from watchkeeper import serialization
from watchkeeper.resolve.screening import ScreeningHit, ScreeningIndex

FORMATS = ("csv", "json")
CSV_COLUMNS = (
    "query_name",
    "query_imo",
    "rank",
    "designation_id",
    "reference",
    "schema",
    "designated_name",
    "matched_name",
    "matched_kind",
    "imo",
    "score",
    "decision",
    "explanation",
)
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
NO_HIT = "no_match"


def screen_queries(
    index: ScreeningIndex,
    queries: Iterable[tuple[str, str | None]],
    schema: str | None = None,
    limit: int = 5,
) -> list[dict[str, Any]]:
    """Each (name, imo) query with its ranked hits as dictionaries; a name, an IMO or both."""
    return [
        {
            "name": name,
            "imo": imo,
            "hits": [h.to_dict() for h in index.screen(name, schema=schema, imo=imo, limit=limit)],
        }
        for name, imo in queries
    ]


def hit_rows(results: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per hit (rank 1 first); a query without hits still gets a row saying so."""
    rows: list[dict[str, Any]] = []
    for result in results:
        query = {"query_name": result.get("name") or "", "query_imo": result.get("imo") or ""}
        hits = result.get("hits") or []
        if not hits:
            rows.append({**query, "rank": "", "score": 0.0, "decision": NO_HIT})
            continue
        for rank, hit in enumerate(hits, start=1):
            rows.append(
                {
                    **query,
                    "rank": rank,
                    "designation_id": hit["designation_id"],
                    "reference": hit["reference"],
                    "schema": hit["schema"],
                    "designated_name": hit["name"],
                    "matched_name": hit["matched_name"],
                    "matched_kind": hit["matched_kind"],
                    "imo": hit.get("imo") or "",
                    "score": hit["score"],
                    "decision": hit["decision"],
                    "explanation": hit["explanation"],
                }
            )
    return rows


def write_csv(results: Sequence[Mapping[str, Any]], handle: TextIO) -> int:
    """The results as CSV (``CSV_COLUMNS``) on ``handle``; returns the number of rows written."""
    rows = hit_rows(results)
    writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, restval="", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)


def json_document(results: Sequence[Mapping[str, Any]], fingerprint: str | None = None) -> dict[str, Any]:
    """The results as one JSON-ready document: when it was screened, against what, and every result."""
    return {
        "screened_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "lists": fingerprint,
        "results": list(results),
    }


def export_text(results: Sequence[Mapping[str, Any]], fmt: str, fingerprint: str | None = None) -> str:
    """The results as the text of a ``csv`` or ``json`` file."""
    if fmt == "csv":
        buffer = io.StringIO()
        write_csv(results, buffer)
        return buffer.getvalue()
    if fmt == "json":
        return serialization.dumps(json_document(results, fingerprint), indent=2) + "\n"
    raise ValueError(f"unknown export format {fmt!r} (choose {' or '.join(FORMATS)})")


def hits_as_results(name: str, imo: str | None, hits: Sequence[ScreeningHit]) -> list[dict[str, Any]]:
    """One screened query's hits in the results shape the exports take."""
    return [{"name": name, "imo": imo, "hits": [h.to_dict() for h in hits]}]
