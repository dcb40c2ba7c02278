"""Cross-document grouping of mentions into entities: blocking keys, the matcher, and union-find that refuses
to chain two different people together through a third name."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from watchkeeper.resolve.matcher import (
    MATCH_THRESHOLD,
    POSSIBLE_THRESHOLD,
    MatchResult,
    match_forms,
    match_names,
)
from watchkeeper.resolve.names import SCHEMAS, name_form, schema_of
from watchkeeper.resolve.screening import name_keys

MAX_BLOCK = 200  # a blocking key shared by more names than this proposes no pairs (too common to mean much)
SAME_DOCUMENT_WORD = 0.8  # link score of a one-word mention to the one full name of its document with it
MIN_PAIR_SCORE = POSSIBLE_THRESHOLD  # two clusters merge only if no pair of their names scores below this


@dataclass(frozen=True)
class Mention:
    """A name as written in a document: its text, its FtM schema, and where it came from."""

    text: str
    schema: str = "Person"
    document_id: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class ClusterLink:
    """Why two names of a cluster were joined: the match between them."""

    a: str
    b: str
    score: float
    match: MatchResult

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "score": round(self.score, 4),
            "features": self.match.to_dict()["features"],
        }


@dataclass
class EntityCluster:
    """One entity across documents: its canonical name, the mentions and names grouped, and the links."""

    canonical_name: str
    schema: str
    mentions: list[Mention] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    links: list[ClusterLink] = field(default_factory=list)

    @property
    def document_ids(self) -> list[str]:
        return sorted({m.document_id for m in self.mentions if m.document_id})

    def to_dict(self) -> dict[str, Any]:
        return {
            "canonical_name": self.canonical_name,
            "schema": self.schema,
            "names": self.names,
            "document_ids": self.document_ids,
            "mention_ids": [m.id for m in self.mentions if m.id],
            "links": [link.to_dict() for link in self.links],
        }


def _as_mention(item: Mention | Mapping[str, Any] | Any) -> Mention:
    if isinstance(item, Mention):
        return item
    get = item.get if isinstance(item, Mapping) else (lambda key, default=None: getattr(item, key, default))
    schema = get("schema") or get("type") or "Person"
    return Mention(str(get("text")), _label(str(schema)), get("document_id"), get("id"))


def _label(schema: str) -> str:
    # another stage's entity label (GPE, FAC, ...) is kept as its own kind, compared by organisation rules
    try:
        return schema_of(schema)
    except ValueError:
        return schema.strip()


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> int:
        ri, rj = self.find(i), self.find(j)
        self.parent[rj] = ri
        return ri


def _canonical(names: list[str], counts: Counter[str]) -> str:
    # the most frequent spelling; among equals one in Latin letters, the fullest, the alphabetically first
    return sorted(names, key=lambda n: (-counts[n], not n.isascii(), -len(n.split()), -len(n), n))[0]


def cluster_mentions(
    mentions: Iterable[Mention | Mapping[str, Any] | Any], threshold: float = MATCH_THRESHOLD
) -> list[EntityCluster]:
    """Group mentions (text, schema or type, document_id) into entities, largest first."""
    items = [_as_mention(m) for m in mentions]
    by_name: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for mention in items:
        text = " ".join(mention.text.split())
        if text:
            by_name[(mention.schema, text)].append(mention)
    keys = list(by_name)
    forms = [name_form(text, schema if schema in SCHEMAS else "Organization") for schema, text in keys]
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (schema, _) in enumerate(keys):
        for key in name_keys(forms[index]):
            blocks[(schema, key)].append(index)
    scores: dict[tuple[int, int], MatchResult] = {}

    def compare(i: int, j: int) -> MatchResult:
        pair = (min(i, j), max(i, j))
        if pair not in scores:
            scores[pair] = match_forms(forms[pair[0]], forms[pair[1]])
        return scores[pair]

    candidates = {
        (i, j)
        for members in blocks.values()
        if len(members) <= MAX_BLOCK
        for i, j in combinations(members, 2)
    }
    edges = sorted(
        ((compare(i, j).score, i, j) for i, j in candidates if compare(i, j).score >= threshold),
        key=lambda e: (-e[0], e[1], e[2]),
    )
    union = _UnionFind(len(keys))
    members: dict[int, list[int]] = {i: [i] for i in range(len(keys))}
    links: dict[int, list[ClusterLink]] = defaultdict(list)
    for score, i, j in edges:
        ri, rj = union.find(i), union.find(j)
        if ri == rj:
            continue
        # the guard against chaining: every name of one cluster must at least possibly match every other's
        if any(compare(x, y).score < MIN_PAIR_SCORE for x in members[ri] for y in members[rj]):
            continue
        root = union.union(ri, rj)
        other = rj if root == ri else ri
        members[root] = members[ri] + members[rj]
        links[root] = [*links[ri], *links[rj], ClusterLink(keys[i][1], keys[j][1], score, compare(i, j))]
        del members[other]
        links.pop(other, None)
    clusters = []
    for root, indices in members.items():
        names = [keys[i][1] for i in indices]
        grouped = [m for i in indices for m in by_name[keys[i]]]
        counts = Counter({keys[i][1]: len(by_name[keys[i]]) for i in indices})
        clusters.append(
            EntityCluster(
                _canonical(names, counts), keys[root][0], grouped, sorted(names), links.get(root, [])
            )
        )
    return sorted(_attach_short_mentions(clusters), key=lambda c: (-len(c.mentions), c.canonical_name))


def _attach_short_mentions(clusters: list[EntityCluster]) -> list[EntityCluster]:
    """A one-word person mention ("Nebenzia") joins the one entity of its document whose full name has that
    word; across documents, or when two entities of the document share the word, it stays on its own."""
    full = [c for c in clusters if c.schema == "Person" and any(len(n.split()) > 1 for n in c.names)]
    kept = []
    for cluster in clusters:
        if cluster.schema != "Person" or any(len(name_form(n).tokens) != 1 for n in cluster.names):
            kept.append(cluster)
            continue
        staying = []
        for mention in cluster.mentions:
            word = name_form(mention.text).tokens[0]
            owners = [
                c
                for c in full
                if mention.document_id is not None
                and mention.document_id in c.document_ids
                and any(word in name_form(n).tokens for n in c.names)
            ]
            if len(owners) != 1:
                staying.append(mention)
                continue
            owner = owners[0]
            full_name = next(n for n in owner.names if word in name_form(n).tokens)
            owner.mentions.append(mention)
            if mention.text not in owner.names:
                owner.names.append(mention.text)
                why = match_names(mention.text, full_name)
                owner.links.append(ClusterLink(mention.text, full_name, SAME_DOCUMENT_WORD, why))
        if staying:
            cluster.mentions = staying
            kept.append(cluster)
    return kept
