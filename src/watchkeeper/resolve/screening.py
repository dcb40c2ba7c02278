"""Screening names against the designated lists: an inverted index of name keys for candidates, the matcher
to rank them, and hits that say which listed name matched and why."""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.orm import Session

from watchkeeper.lists import designated_vessels, iter_designated_names
from watchkeeper.resolve.korean import given_name_keys, looks_korean
from watchkeeper.resolve.limits import check_name
from watchkeeper.resolve.matcher import POSSIBLE_THRESHOLD, MatchResult, match_forms
from watchkeeper.resolve.names import SCHEMAS, NameForm, name_form
from watchkeeper.resolve.vessels import normalize_imo, valid_imo

CANDIDATES = 12  # listed names scored by the matcher per screening, best by shared-key weight first
CANDIDATE_MIN_SHARE = 0.5  # and only those with at least this share of the best candidate's key weight
NOMINATE_LIMIT = 200  # keys held by more names only rescore the candidates that rarer keys proposed
MAX_POSTING_SHARE = 0.05  # keys held by more than this share of names are too common to propose candidates
_PARENTHESIS = re.compile(r"\(([^)]*)\)")
_REFERENCE = re.compile(r"^[A-Z]{2}[IE]\.\d{3}$", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]{1,7}$")


class DesignatedNameLike(Protocol):
    """What the index reads from each listed name (lists.DesignatedName has these fields)."""

    designation_id: str
    reference: str
    schema: str
    name: str
    kind: str


@dataclass(frozen=True)
class ListedName:
    """One name of one designation, as indexed."""

    designation_id: str
    reference: str
    schema: str
    name: str
    kind: str
    quality: str = "good"
    imo: str | None = None


@dataclass(frozen=True)
class ScreeningHit:
    """A designation a screened name may be: the listed name that matched best, the score and the features."""

    designation_id: str
    reference: str
    schema: str
    name: str
    matched_name: str
    matched_kind: str
    imo: str | None
    score: float
    decision: str
    match: MatchResult

    @property
    def explanation(self) -> str:
        return f"matched {self.matched_kind} name {self.matched_name!r}: {self.match.explain()}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "designation_id": self.designation_id,
            "reference": self.reference,
            "schema": self.schema,
            "name": self.name,
            "matched_name": self.matched_name,
            "matched_kind": self.matched_kind,
            "imo": self.imo,
            "score": round(self.score, 4),
            "decision": self.decision,
            "explanation": self.explanation,
            "features": [r.to_dict() for r in self.match.features],
        }


def split_listed_name(name: str, kind: str) -> list[tuple[str, str]]:
    """A listed name without quotes, with any parenthesised original-script form as a name of its own."""
    out = []
    kept = name
    for inner in _PARENTHESIS.findall(name):
        inner = inner.strip()
        if not inner:
            continue
        if _REFERENCE.match(inner):  # "(KPE.018)": a pointer to another listing, not a name
            kept = kept.replace(f"({inner})", " ")
            continue
        if not all(ord(c) < 0x250 for c in inner):
            out.append((inner, "original_script"))
        elif _ACRONYM.match(inner):
            out.append((inner, "alias"))
        else:
            kept = kept.replace(f"({inner})", inner)  # "Leader (Hong Kong) International" keeps Hong Kong
            continue
        kept = kept.replace(f"({inner})", " ")
    outer = _PARENTHESIS.sub(" ", kept).replace('"', " ").replace("“", " ").replace("”", " ")
    outer = " ".join(outer.split())
    if outer:
        out.insert(0, (outer, kind))
    return out


def name_keys(form: NameForm) -> set[str]:
    """Blocking keys: the whole name (as written and word-sorted), distinctive words, their sound, Korean
    syllable keys, prefixes and suffixes of long words."""
    keys = {"c:" + form.compact, "s:" + "".join(sorted(form.tokens))}
    for token, weight, phonetic in zip(form.tokens, form.weights, form.phonetic, strict=True):
        if weight < 1.0:
            continue
        keys.add("t:" + token)
        if len(phonetic) >= 3:  # two-letter sound keys (AL, AB) are held by thousands of names
            keys.add("p:" + phonetic)
        if looks_korean(token):
            keys.add("k:" + given_name_keys(token)[1])
        if len(token) >= 6:
            keys.add("x:" + token[:4])
            keys.add("y:" + token[-4:])
    for reading in form.korean:
        keys.add("g:" + reading.loose_key)
    return keys


class ScreeningIndex:
    """Designated names (all aliases, original scripts, vessels with IMO) indexed for fast screening."""

    def __init__(self, names: Iterable[DesignatedNameLike | ListedName]) -> None:
        self.entries: list[ListedName] = []
        self.forms: list[NameForm] = []
        self.primary: dict[str, str] = {}
        self.by_imo: dict[str, list[int]] = defaultdict(list)
        postings: dict[str, list[int]] = defaultdict(list)
        seen: set[tuple[str, str, str]] = set()
        for record in names:
            imo = normalize_imo(getattr(record, "imo", None))
            kind = getattr(record, "kind", "alias") or "alias"
            if kind == "primary":
                self.primary.setdefault(record.designation_id, record.name)
            for text, text_kind in split_listed_name(record.name or "", kind):
                key = (record.designation_id, text.casefold(), record.schema)
                if key in seen:
                    continue
                seen.add(key)
                entry = ListedName(
                    record.designation_id,
                    record.reference,
                    record.schema if record.schema in SCHEMAS else "Organization",
                    text,
                    text_kind,
                    getattr(record, "quality", "good") or "good",
                    imo,
                )
                index = len(self.entries)
                self.entries.append(entry)
                form = name_form(text, entry.schema)
                self.forms.append(form)
                for name_key in name_keys(form):
                    postings[name_key].append(index)
                if imo:
                    self.by_imo[imo].append(index)
        limit = max(50, int(len(self.entries) * MAX_POSTING_SHARE))
        total = max(1, len(self.entries))
        self.postings = {k: v for k, v in postings.items() if len(v) <= limit}
        self.idf = {k: math.log(1 + total / len(v)) for k, v in self.postings.items()}
        self.common = {k: frozenset(v) for k, v in self.postings.items() if len(v) > NOMINATE_LIMIT}
        for entry in self.entries:
            self.primary.setdefault(entry.designation_id, entry.name)

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def from_session(cls, session: Session, list_id: str | None = None) -> ScreeningIndex:
        """The index of every designated name in the store (lists stage), vessels with their IMO."""
        vessels = {v.designation_id: v for v in designated_vessels(session)}
        names: list[ListedName] = []
        for record in iter_designated_names(session, list_id=list_id):
            vessel = vessels.get(record.designation_id)
            names.append(
                ListedName(
                    record.designation_id,
                    record.reference,
                    record.schema,
                    record.name,
                    record.kind,
                    record.quality,
                    vessel.imo if vessel else None,
                )
            )
        for vessel in vessels.values():
            if list_id is None or vessel.designation_id.startswith(f"{list_id}:"):
                texts = [(vessel.name, "primary"), *((a, "alias") for a in vessel.aliases or [])]
                for text, kind in texts:
                    names.append(
                        ListedName(
                            vessel.designation_id, vessel.reference, "Vessel", text, kind, "good", vessel.imo
                        )
                    )
        return cls(names)

    def candidates(self, forms: Iterable[NameForm], imo: str | None, schema: str | None) -> list[int]:
        """Indexed names sharing the most weighted keys with the query (plus any with the same IMO)."""
        weight: dict[int, float] = defaultdict(float)
        keys = {key for form in forms for key in name_keys(form) if key in self.postings}
        for key in sorted(keys, key=lambda k: len(self.postings[k])):
            idf = self.idf[key]
            members = self.common.get(key)
            if members is None or not weight:
                for index in self.postings[key]:
                    weight[index] += idf
            else:  # a common key: rescoring what rarer keys proposed costs O(candidates), not O(postings)
                for index in weight:
                    if index in members:
                        weight[index] += idf
        if schema is not None:
            weight = defaultdict(float, {i: w for i, w in weight.items() if self.entries[i].schema == schema})
        best = heapq.nlargest(CANDIDATES, weight, key=weight.__getitem__)
        if best:
            floor = weight[best[0]] * CANDIDATE_MIN_SHARE
            best = [i for i in best if weight[i] >= floor]
        if imo:
            best.extend(i for i in self.by_imo.get(imo, []) if i not in best)
        return best

    def screen(
        self,
        name: str,
        schema: str | None = None,
        imo: str | int | None = None,
        limit: int = 10,
        min_score: float = POSSIBLE_THRESHOLD,
    ) -> list[ScreeningHit]:
        """Designations the name may belong to, best first, one hit per designation, with explanations
        (a name over the limits of resolve.limits is refused with NameTooLongError)."""
        check_name(name)
        imo_key = normalize_imo(imo)
        imo_key_for_candidates = imo_key if imo_key and valid_imo(imo_key) else None
        schemas = (schema,) if schema else SCHEMAS
        forms = {s: name_form(name, s) for s in schemas}
        best: dict[str, ScreeningHit] = {}
        for index in self.candidates(forms.values(), imo_key_for_candidates, schema):
            entry = self.entries[index]
            query = forms.get(entry.schema) or name_form(name, entry.schema)
            low = entry.quality == "low"
            result = match_forms(query, self.forms[index], imo_key, entry.imo, min_score, low_quality_b=low)
            if result.score < min_score:
                continue
            held = best.get(entry.designation_id)
            if held is not None and held.score >= result.score:
                continue
            best[entry.designation_id] = ScreeningHit(
                entry.designation_id,
                entry.reference,
                entry.schema,
                self.primary.get(entry.designation_id, entry.name),
                entry.name,
                entry.kind,
                entry.imo,
                result.score,
                result.decision,
                result,
            )
        ranked = sorted(best.values(), key=lambda h: (-h.score, h.reference))
        return ranked[:limit]
