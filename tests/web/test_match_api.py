"""POST /api/v1/match/{dataset}: yente's request and response shapes, through the real app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from nomenklatura.matching.types import FeatureResult as NomenklaturaFeatureResult
from pydantic import BaseModel, ConfigDict, Field

from tests.web.conftest import Workbench
from watchkeeper.lists.history import import_parsed
from watchkeeper.lists.records import ParsedList
from watchkeeper.lists.un_xml import parse_un_xml

BUNDLED_UN_XML = (
    Path(__file__).resolve().parents[2] / "src/watchkeeper/data/lists/un_consolidated_2024-09-26.xml"
)
KEPT = {"KPi.076", "KPi.054", "KPe.001", "KPe.020"}
URL = "/api/v1/match/default"


# The response shapes yente documents (yente/data/common.py: EntityMatchResponse and what it holds), written
# out here so that a response with a missing, renamed or extra field fails validation.
class FeatureExplanation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    detail: str | None
    score: float
    query: str | None = None
    candidate: str | None = None


class ScoredEntity(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    id: str
    caption: str
    schema_: str = Field(alias="schema")
    properties: dict[str, list[str]]
    datasets: list[str]
    referents: list[str]
    target: bool
    first_seen: str | None
    last_seen: str | None
    last_change: str | None
    score: float
    match: bool
    features: dict[str, float]  # the older yente field, still read by many clients
    explanations: dict[str, FeatureExplanation]


class Total(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: int
    relation: str


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    id: str | None
    schema_: str = Field(alias="schema")
    properties: dict[str, list[Any]]


class Matches(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: int
    results: list[ScoredEntity]
    total: Total
    query: Example


class MatchResponse(BaseModel):
    model_config = ConfigDict(extra="forbid")
    responses: dict[str, Matches]
    limit: int


@pytest.fixture(scope="module")
def bench(sample_bench: Workbench) -> Iterator[Workbench]:
    """The sample workbench (bundled vessel list) plus a few DPRK listings of the bundled UN list."""
    parsed = parse_un_xml(BUNDLED_UN_XML)
    kept = [e for e in parsed.entries if e.reference in KEPT]
    with sample_bench.backend.store.session() as session:
        import_parsed(session, ParsedList(parsed.source, parsed.path, parsed.file_hash, None, kept))
    yield sample_bench


def _post(bench: Workbench, body: dict[str, Any], url: str = URL, **params: Any) -> Any:
    return bench.client().post(url, json=body, params=params, headers=bench.headers("viewer"))


def _queries(**examples: dict[str, Any]) -> dict[str, Any]:
    return {"queries": examples}


def test_a_person_query_answers_in_yente_shape(bench: Workbench) -> None:
    body = _queries(q1={"schema": "Person", "properties": {"name": ["Ri Pyong Chol"], "birthDate": ["1948"]}})
    response = _post(bench, body)
    assert response.status_code == 200, response.text
    parsed = MatchResponse.model_validate(response.json())
    top = parsed.responses["q1"].results[0]
    assert top.referents == ["KPi.076"] and top.match and top.schema_ == "Person"
    assert top.datasets == ["un-1718"] and "sanction" in top.properties["topics"]
    assert (
        top.explanations["korean_name"].candidate and top.explanations["korean_name"].query == "Ri Pyong Chol"
    )
    assert parsed.responses["q1"].query.properties["birthDate"] == ["1948"]  # echoed, not scored
    assert response.headers["x-batch-size"] == "1"
    for explanation in response.json()["responses"]["q1"]["results"][0]["explanations"].values():
        NomenklaturaFeatureResult.model_validate(explanation)  # the very model yente serialises


def test_an_imo_number_alone_finds_the_vessel(bench: Workbench) -> None:
    body = _queries(ship={"schema": "Vessel", "properties": {"imoNumber": ["IMO 9114555"]}})
    results = MatchResponse.model_validate(_post(bench, body).json()).responses["ship"].results
    assert [r.caption for r in results] == ["UL JI BONG 6"]
    assert results[0].properties["imoNumber"] == ["IMO9114555"] and results[0].match


def test_a_different_imo_number_rules_a_vessel_out(bench: Workbench) -> None:
    same = {"name": ["Rung Ra 2"], "imoNumber": ["9020534"]}
    other = {"name": ["Rung Ra 2"], "imoNumber": ["9562233"]}  # PETREL 8's number
    body = _queries(
        same={"schema": "Vessel", "properties": same}, other={"schema": "Vessel", "properties": other}
    )
    responses = MatchResponse.model_validate(_post(bench, body).json()).responses
    assert responses["same"].results[0].caption == "RUNG RA 2"
    assert "RUNG RA 2" not in [r.caption for r in responses["other"].results]


def test_threshold_limit_and_dataset_parameters(bench: Workbench) -> None:
    body = _queries(q={"schema": "Vessel", "properties": {"imoNumber": ["9114555"]}})
    strict = MatchResponse.model_validate(_post(bench, body, threshold=0.99).json())
    assert not strict.responses["q"].results[0].match  # an IMO alone scores 0.98
    company = _queries(c={"schema": "Company", "properties": {"name": ["Korea Mining Development Trading"]}})
    one = MatchResponse.model_validate(_post(bench, company, limit=1).json())
    assert one.limit == 1 and len(one.responses["c"].results) == 1
    assert one.responses["c"].results[0].referents == ["KPe.001"]
    assert _post(bench, company, url="/api/v1/match/un-1718").json()["responses"]["c"]["results"]
    assert _post(bench, company, url="/api/v1/match/no-such-list").status_code == 404


def test_requests_yente_would_refuse_are_refused(bench: Workbench) -> None:
    assert _post(bench, {"queries": {}}).status_code == 400
    many = {f"q{i}": {"schema": "Person", "properties": {"name": ["x"]}} for i in range(101)}
    assert "Too many queries" in _post(bench, {"queries": many}).json()["detail"]
    assert _post(bench, _queries(q={"schema": "Airplane", "properties": {}})).status_code == 400
    long_name = _queries(q={"schema": "Person", "properties": {"name": ["A" * 1001]}})
    assert _post(bench, long_name).status_code == 400
    costly = {f"q{i}": {"schema": "Vessel", "properties": {"name": ["a"] * 20}} for i in range(60)}
    assert "screenings" in _post(bench, {"queries": costly}).json()["detail"]  # 1,200 name screenings
    assert _post(bench, {"queries": {"q": {"properties": {}}}}).status_code == 422
    anonymous = bench.client().post(URL, json=_queries(q={"schema": "Person", "properties": {"name": ["x"]}}))
    assert anonymous.status_code == 401
