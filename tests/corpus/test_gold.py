"""Checks of the bundled sample corpus and its gold annotations (see docs/corpus.md)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
import yaml

from watchkeeper.reading import knowledge
from watchkeeper.reading.kinds import actor_roles, kind_ids
from watchkeeper.vocabulary import DatePrecision, IncidentStatus, Polarity

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "src" / "watchkeeper" / "data" / "corpus"
ARTICLES = CORPUS / "articles"
GOLD = CORPUS / "gold"
PDF_SRC = CORPUS / "pdf-src"

REQUIRED_KEYS = {
    "id",
    "file",
    "outlet",
    "wire",
    "published",
    "language",
    "copy_group",
    "story",
    "relevant",
    "entities",
    "quotes",
    "claims",
    "incidents",
}
ENTITY_TYPES = set(knowledge.ENTITY_TYPES)
# the kinds and roles of the incident-kind registry (data/reading/incidents.yaml): gold may use no other
INCIDENT_KINDS = set(kind_ids())
ROLES = set(actor_roles())
LIST_ROLES = set(knowledge.load_knowledge().incidents.vote_roles)
# a gold date is what the text says: never the publication date standing in for it
PRECISIONS = set(DatePrecision) - {DatePrecision.PUBLICATION}
POLARITIES = set(Polarity)
STATUSES = {IncidentStatus.ALLEGED, IncidentStatus.CONFIRMED, IncidentStatus.DENIED}
CANONICAL = re.compile(r"^(person|org|country|vessel|port|place|program):[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

GOLD_FILES = sorted(GOLD.glob("*.yaml"))


def norm(text: str) -> str:
    return " ".join(str(text).split())


@cache
def outlet_ids() -> frozenset[str]:
    data = yaml.safe_load((CORPUS / "outlets.yaml").read_text(encoding="utf-8"))
    return frozenset(o["id"] for o in data["outlets"])


@cache
def load_gold(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def clean_text(filename: str) -> str:
    """The document's plain text as the gold `text` values refer to it, whitespace-normalised."""
    path = ARTICLES / filename
    suffix = path.suffix.lower()
    if suffix == ".txt":
        raw = path.read_text(encoding="utf-8")
        _header, sep, body = raw.partition("\n\n")
        assert sep, f"{filename}: no blank line after the header block"
        return norm(body)
    if suffix in {".html", ".htm"}:
        import html as html_mod

        from lxml import html as lxml_html

        root = lxml_html.fromstring(path.read_bytes())
        nodes = root.xpath("//article")
        assert nodes, f"{filename}: no <article> element"
        for bad in nodes[0].xpath(".//script|.//style"):
            bad.drop_tree()
        return norm(html_mod.unescape(nodes[0].text_content()))
    if suffix == ".pdf":
        src = PDF_SRC / f"{path.stem}.txt"
        assert src.exists(), f"{filename}: missing PDF source {src.name}"
        return norm(src.read_text(encoding="utf-8"))
    raise AssertionError(f"{filename}: unsupported article format")


def _is_canonical(value) -> bool:
    return isinstance(value, str) and bool(CANONICAL.match(value))


def _canonicals(value) -> list:
    return value if isinstance(value, list) else [value]


def test_corpus_is_not_empty():
    assert GOLD_FILES, "no gold files"


def test_every_article_has_gold():
    stems = {p.stem for p in GOLD_FILES}
    missing = [p.name for p in ARTICLES.iterdir() if p.is_file() and p.stem not in stems]
    assert not missing, f"articles without gold: {missing}"


def test_every_pdf_source_has_pdf():
    if not PDF_SRC.exists():
        return
    missing = [p.name for p in PDF_SRC.glob("*.txt") if not (ARTICLES / f"{p.stem}.pdf").exists()]
    assert not missing, f"pdf sources without built PDF (run scripts/build_corpus_pdfs.py): {missing}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_schema(path: Path):
    g = load_gold(path)
    assert isinstance(g, dict), "gold must be a mapping"
    missing = REQUIRED_KEYS - set(g)
    assert not missing, f"missing keys: {sorted(missing)}"
    assert g["id"] == path.stem
    assert Path(g["file"]).stem == g["id"], "file stem must equal id"
    assert (ARTICLES / g["file"]).exists(), f"article {g['file']} does not exist"
    assert g["outlet"] in outlet_ids(), f"unknown outlet {g['outlet']}"
    assert g["id"].endswith(g["outlet"]), "id must end with the outlet id"
    assert g["wire"] is None or g["wire"] in outlet_ids(), f"unknown wire {g['wire']}"
    assert isinstance(g["published"], (dt.date, dt.datetime)), "published must be an ISO date/datetime"
    assert isinstance(g["language"], str) and g["language"]
    assert isinstance(g["relevant"], bool)
    for key in ("copy_group", "story"):
        assert g[key] is None or (isinstance(g[key], str) and SLUG.match(g[key])), f"bad {key}"
    if g["copy_group"] is not None:
        assert g["wire"] is not None, "a copy group needs a wire"

    for e in g["entities"]:
        assert set(e) >= {"text", "type", "canonical"}, e
        assert e["type"] in ENTITY_TYPES, e
        assert _is_canonical(e["canonical"]), e
        assert e["canonical"].split(":", 1)[0] == e["type"], f"type/canonical mismatch: {e}"

    for q in g["quotes"]:
        assert set(q) >= {"speaker", "text", "cue"}, q
        assert _is_canonical(q["speaker"]), q
        assert isinstance(q["cue"], str) and q["cue"], q

    for c in g["claims"]:
        assert set(c) >= {"claimant", "accused", "act", "polarity", "text"}, c
        assert _is_canonical(c["claimant"]), c
        assert c["accused"] is None or all(_is_canonical(a) for a in _canonicals(c["accused"])), c
        assert isinstance(c["act"], str) and c["act"], c
        assert c["polarity"] in POLARITIES, c

    for inc in g["incidents"]:
        assert set(inc) >= {"kind", "actors", "date", "precision", "text", "status"}, inc
        assert inc["kind"] in INCIDENT_KINDS, inc
        assert isinstance(inc["actors"], dict), inc
        for role, who in inc["actors"].items():
            assert role in ROLES, f"bad role {role}"
            if isinstance(who, list):
                assert role in LIST_ROLES, f"only {sorted(LIST_ROLES)} may be lists"
            assert all(_is_canonical(w) for w in _canonicals(who)), inc
        assert inc["date"] is None or isinstance(inc["date"], dt.date), inc
        assert inc.get("date_end") is None or isinstance(inc["date_end"], dt.date), inc
        if inc.get("date_end") is not None and inc["date"] is not None:
            assert inc["date_end"] >= inc["date"], inc
        assert inc["precision"] in PRECISIONS, inc
        assert inc.get("place") is None or _is_canonical(inc["place"]), inc
        for qty in inc.get("quantities") or []:
            assert set(qty) >= {"text", "value", "unit"}, qty
            assert isinstance(qty["value"], (int, float)), qty
        assert inc["status"] in STATUSES, inc
        if inc["kind"] == "council_vote":
            tally = inc.get("tally")
            assert isinstance(tally, dict) and set(tally) == {"for", "against", "abstain"}, inc
            assert all(isinstance(v, int) for v in tally.values()), inc


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_texts_are_substrings(path: Path):
    g = load_gold(path)
    text = clean_text(g["file"])
    assert text, "empty document text"
    values = []
    values += [("entity", e["text"]) for e in g["entities"]]
    values += [("quote", q["text"]) for q in g["quotes"]]
    values += [("claim", c["text"]) for c in g["claims"]]
    for inc in g["incidents"]:
        values.append(("incident", inc["text"]))
        values += [("quantity", q["text"]) for q in inc.get("quantities") or []]
    bad = [(kind, v) for kind, v in values if norm(v) not in text]
    assert not bad, f"not exact substrings of the article text: {bad}"


def test_copy_groups_share_wire():
    groups: dict[str, list[dict]] = defaultdict(list)
    for p in GOLD_FILES:
        g = load_gold(p)
        if g.get("copy_group"):
            groups[g["copy_group"]].append(g)
    for name, docs in groups.items():
        assert len(docs) >= 2, f"copy group {name} has a single document"
        wires = {d["wire"] for d in docs}
        assert len(wires) == 1, f"copy group {name} mixes wires {wires}"


def test_ids_unique():
    ids = [load_gold(p)["id"] for p in GOLD_FILES]
    assert len(ids) == len(set(ids))
    stems = [p.stem for p in ARTICLES.iterdir() if p.is_file()]
    assert len(stems) == len(set(stems)), "two articles share an id with different extensions"
