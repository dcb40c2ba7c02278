"""A yente-compatible matching endpoint: ``POST /api/v1/match/{dataset}``.

Compliance tools that already query OpenSanctions' yente (``/match/{dataset}``) can point at Watchkeeper: the
request carries FollowTheMoney entity examples (``{"queries": {"q1": {"schema": "Person", "properties":
{"name": [...]}}}}``) and the answer has yente's shape (``{"responses": {"q1": {"status", "results", "total",
"query"}}, "limit"}``), each result an entity with ``score``, ``match``, ``features`` and ``explanations``.
Matching is Watchkeeper's own (``resolve.ScreeningIndex``): the names (``name``, ``alias``, ``weakAlias``,
``previousName``) and ``imoNumber`` count; other properties are echoed back and do not change a score.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from watchkeeper.resolve.matcher import MATCH_THRESHOLD, POSSIBLE_THRESHOLD
from watchkeeper.resolve.screening import ScreeningHit, ScreeningIndex
from watchkeeper.resolve.vessels import normalize_imo
from watchkeeper.store import Store
from watchkeeper.web.screening import screening_index
from watchkeeper.web.security import Caller, api_caller, get_store

router = APIRouter(tags=["matching"])  # included by web.api under /api/v1

MAX_QUERIES = 100  # yente's default batch limit (YENTE_MAX_BATCH)
MAX_VALUES = 20  # values of one property in one query
MAX_VALUE_CHARS = 1_000
MAX_LIMIT = 50
MAX_SCREENINGS = 1_000  # names x IMO numbers over the whole batch: bounds the CPU one request can take
ALL_LISTS = ("default", "sanctions")  # yente's collection names: here, every list in the workspace
NAME_PROPERTIES = ("name", "alias", "weakAlias", "previousName")
# FollowTheMoney schemata as the matcher's three kinds; None screens every kind.
SCHEMA_KINDS: dict[str, str | None] = {
    "Person": "Person",
    "Company": "Organization",
    "Organization": "Organization",
    "PublicBody": "Organization",
    "LegalEntity": None,
    "Thing": None,
    "Vessel": "Vessel",
}


class EntityExample(BaseModel):
    """One query: a FollowTheMoney entity example, as yente takes it."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = Field(None, max_length=200)
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(..., examples=[{"name": ["Ri Pyong Chol"]}])


class EntityMatchQuery(BaseModel):
    """yente's request body; ``weights`` and ``config`` are accepted for its clients and not used."""

    weights: dict[str, float] = Field({})
    config: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    queries: dict[str, EntityExample]


def _values(example: EntityExample, prop: str) -> list[str]:
    raw = example.properties.get(prop) or []
    values = [raw] if isinstance(raw, str) else raw
    out = [" ".join(str(v).split()) for v in values if isinstance(v, str | int | float)]
    return [v for v in out if v]


def _checked(name: str, example: EntityExample) -> None:
    if example.schema_ not in SCHEMA_KINDS:
        kinds = ", ".join(SCHEMA_KINDS)
        raise HTTPException(
            400, f"query {name!r}: schema {example.schema_!r} cannot be matched (use {kinds})"
        )
    for prop, raw in example.properties.items():
        values = [raw] if isinstance(raw, str) else raw
        if len(values) > MAX_VALUES:
            raise HTTPException(400, f"query {name!r}: {prop} has more than {MAX_VALUES} values")
        if any(len(str(v)) > MAX_VALUE_CHARS for v in values):
            raise HTTPException(
                400, f"query {name!r}: a {prop} value is longer than {MAX_VALUE_CHARS} characters"
            )


def _in_dataset(hit: ScreeningHit, dataset: str) -> bool:
    return dataset in ALL_LISTS or hit.designation_id.startswith(f"{dataset}:")


def _screenings(example: EntityExample) -> int:
    """How many (name, IMO) screenings a query costs."""
    names = sum(len(_values(example, p)) for p in NAME_PROPERTIES)
    return max(1, names) * max(1, len(_values(example, "imoNumber")))


def _best_hits(
    index: ScreeningIndex, example: EntityExample, dataset: str, cutoff: float
) -> list[ScreeningHit]:
    """The best hit per designation over every name of the query (and its IMO number)."""
    kind = SCHEMA_KINDS[example.schema_]
    names = [v for p in NAME_PROPERTIES for v in _values(example, p)]
    imos = [normalize_imo(v) for v in _values(example, "imoNumber")] or [None]
    best: dict[str, ScreeningHit] = {}
    for name in names or [""]:
        for imo in imos:
            if not name and not imo:
                continue
            for hit in index.screen(name, schema=kind, imo=imo, limit=MAX_LIMIT * 4, min_score=cutoff):
                held = best.get(hit.designation_id)
                if _in_dataset(hit, dataset) and (held is None or hit.score > held.score):
                    best[hit.designation_id] = hit
    return sorted(best.values(), key=lambda h: (-h.score, h.reference))


def _names_of(index: ScreeningIndex, designation_ids: set[str]) -> dict[str, list[str]]:
    """Every indexed name of the given designations, in list order."""
    names: dict[str, list[str]] = {d: [] for d in designation_ids}
    for entry in index.entries:
        if entry.designation_id in names and entry.name not in names[entry.designation_id]:
            names[entry.designation_id].append(entry.name)
    return names


def _entity(hit: ScreeningHit, names: list[str], threshold: float, query_name: str) -> dict[str, Any]:
    properties: dict[str, list[str]] = {"name": [hit.name]}
    aliases = [n for n in names if n != hit.name]
    if aliases:
        properties["alias"] = aliases
    if hit.imo:
        properties["imoNumber"] = [f"IMO{hit.imo}"]
    properties["topics"] = ["sanction"]
    list_id = hit.designation_id.split(":", 1)[0]
    features = {r.name: round(r.value, 4) for r in hit.match.features}
    explanations = {
        r.name: {
            "detail": r.explanation,
            "score": round(r.value, 4),
            "query": query_name or None,
            "candidate": hit.matched_name,
        }
        for r in hit.match.features
    }
    return {
        "id": hit.designation_id,
        "caption": hit.name,
        "schema": hit.schema,
        "properties": properties,
        "datasets": [list_id],
        "referents": [hit.reference],
        "target": True,
        "first_seen": None,
        "last_seen": None,
        "last_change": None,
        "score": round(hit.score, 4),
        "match": hit.score >= threshold,
        "features": features,
        "explanations": explanations,
    }


def _datasets(index: ScreeningIndex) -> set[str]:
    return {e.designation_id.split(":", 1)[0] for e in index.entries} | set(ALL_LISTS)


@router.post("/match/{dataset}")
def match(
    dataset: str,
    body: EntityMatchQuery,
    request: Request,
    response: Response,
    limit: int = Query(5, ge=1, le=MAX_LIMIT, description="Results per query."),
    threshold: float = Query(
        MATCH_THRESHOLD, ge=0.0, le=1.0, description="A result scoring at least this is a match."
    ),
    cutoff: float = Query(
        POSSIBLE_THRESHOLD, ge=0.0, le=1.0, description="Results scoring below this are left out."
    ),
    algorithm: str = Query("watchkeeper", description="Accepted for yente clients; always Watchkeeper's."),
    caller: Caller = Depends(api_caller()),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Match entity examples (yente's request shape) against the designated lists; yente's response shape.

    ``dataset`` is a list id (``un``, ``un-1718``) or ``default``/``sanctions`` for every list.
    """
    if not body.queries:
        raise HTTPException(400, "No queries provided.")
    if len(body.queries) > MAX_QUERIES:
        raise HTTPException(400, f"Too many queries in one batch (limit: {MAX_QUERIES})")
    for name, example in body.queries.items():
        _checked(name, example)
    cost = sum(_screenings(example) for example in body.queries.values())
    if cost > MAX_SCREENINGS:
        message = f"Too many names and IMO numbers in one batch ({cost} screenings, limit: {MAX_SCREENINGS})"
        raise HTTPException(400, message)
    index = screening_index(request, store)
    if dataset not in _datasets(index):
        raise HTTPException(404, f"no dataset {dataset!r} (use default, or a list id: un, un-1718, ...)")
    cutoff = min(cutoff, threshold)
    responses: dict[str, Any] = {}
    for name, example in body.queries.items():
        hits = _best_hits(index, example, dataset, cutoff)
        shown = hits[:limit]
        names = _names_of(index, {h.designation_id for h in shown})
        query_name = next(iter(_values(example, "name")), "")
        responses[name] = {
            "status": 200,
            "results": [_entity(h, names[h.designation_id], threshold, query_name) for h in shown],
            "total": {"value": len(hits), "relation": "eq"},
            "query": {
                "id": example.id,
                "schema": example.schema_,
                "properties": {p: _values(example, p) for p in example.properties},
            },
        }
    response.headers["x-batch-size"] = str(len(responses))
    return {"responses": responses, "limit": limit}
