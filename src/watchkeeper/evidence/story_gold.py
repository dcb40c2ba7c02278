"""Story gold derived from incident annotations: which documents report one real event, and which are close.

Annotated news sets (eval-dev ``realnews`` and ``multilingual``) mark each document's main incident with a
kind, a date at some precision and actors by role, but no story. Two documents belong to one gold story when
their main incidents are the same real event:

- the same kind, and every core role both fill names the same party (normalised, one name containing the
  other);
- for launches the reference database row (``cns_date``) agrees when both have one;
- the dates agree at the coarser of the two precisions (one day apart at day precision, for time zones; ranges
  overlap);
- and that agreement identifies an event: the coarser precision is a day, or the two share a specific party (a
  victim, a vessel, a port: any core actor that is not a state or the Council). "Russia supplied the DPRK in
  2024" twice is two reports of a continuing trade, not one event.

A pair is *close but different* when the main incidents have the same kind, both dated to the day, 2 to
``CLOSE_DAYS`` days apart: another launch the next week, written much like the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from watchkeeper.reading.realtext.incidents import CORE_ROLES  # the realnews README's core roles per kind

CLOSE_DAYS = 14
# Parties that take part in many events of a kind, so sharing them identifies none (normalised names).
GENERIC_PARTIES = frozenset(
    {"north korea", "russia", "china", "united states", "south korea", "japan", "un security council"}
)
_ALIASES = {
    "dprk": "north korea",
    "pyongyang": "north korea",
    "democratic peoples republic of korea": "north korea",
    "moscow": "russia",
    "russian federation": "russia",
    "security council": "un security council",
    "united nations security council": "un security council",
}


def party(name: str) -> str:
    """A party's name for comparison: lower case, bracketed parts and punctuation dropped, aliases folded."""
    text = re.sub(r"\([^)]*\)", " ", name.casefold())
    text = " ".join(re.sub(r"[^\w\s]", "", text).split())
    return _ALIASES.get(text, text)


def same_party(a: str, b: str) -> bool:
    """True when the names agree once normalised, or one contains the other ("Wagner Group" in "Wagner")."""
    x, y = party(a), party(b)
    return bool(x and y) and (x == y or x in y or y in x)


def _span(incident: Mapping[str, Any]) -> tuple[date, date, str] | None:
    """The first and last day an incident's date allows, and its precision (None when undated)."""
    value, precision = incident.get("date"), incident.get("date_precision")
    if not value or precision not in ("day", "month", "year"):
        return None

    def bounds(text: str) -> tuple[date, date]:
        parts = [int(p) for p in str(text).split("-")]
        if len(parts) == 3:
            return date(*parts), date(*parts)
        if len(parts) == 2:
            following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return date(parts[0], parts[1], 1), date.fromordinal(following.toordinal() - 1)
        return date(parts[0], 1, 1), date(parts[0], 12, 31)

    start, end = bounds(value)
    if incident.get("date_end"):
        end = bounds(incident["date_end"])[1]
    return start, end, precision


def main_incident(document: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The incident a document is about (None for a distractor)."""
    return next((i for i in document.get("incidents", []) if i.get("is_main")), None)


def same_event(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """True when two annotated incidents are the same real event (rules in the module docstring)."""
    if a["kind"] != b["kind"]:
        return False
    shared_specific = False
    for role in CORE_ROLES.get(a["kind"], ()):
        x, y = a.get("actors", {}).get(role), b.get("actors", {}).get(role)
        if x and y:
            if not same_party(x, y):
                return False
            shared_specific = shared_specific or party(x) not in GENERIC_PARTIES
    if a.get("cns_date") and b.get("cns_date"):
        return bool(a["cns_date"] == b["cns_date"])
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return shared_specific
    if sa[2] == "day" and sb[2] == "day" and sa[0] == sa[1] and sb[0] == sb[1]:
        return abs((sa[0] - sb[0]).days) <= 1
    overlap = sa[0] <= sb[1] and sb[0] <= sa[1]
    return overlap and shared_specific


def gold_stories(documents: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """A gold story label per document id: the smallest id among the documents reporting its main event."""
    parent = {d["id"]: d["id"] for d in documents}

    def find(item: str) -> str:
        while parent[item] != item:
            item = parent[item]
        return item

    mains = [(d["id"], m) for d in documents if (m := main_incident(d)) is not None]
    for i, (a_id, a) in enumerate(mains):
        for b_id, b in mains[i + 1 :]:
            if same_event(a, b):
                ra, rb = find(a_id), find(b_id)
                parent[max(ra, rb)] = min(ra, rb)
    return {d["id"]: find(d["id"]) for d in documents}


def close_pairs(
    documents: Sequence[Mapping[str, Any]], max_days: int = CLOSE_DAYS
) -> list[tuple[str, str, int]]:
    """Pairs of documents about different events of one kind dated to the day 2 to ``max_days`` days apart."""
    dated = []
    for d in documents:
        m = main_incident(d)
        span = _span(m) if m is not None else None
        if m is not None and span is not None and span[2] == "day" and span[0] == span[1]:
            dated.append((d["id"], m, span[0]))
    out = []
    for i, (a_id, a, a_day) in enumerate(dated):
        for b_id, b, b_day in dated[i + 1 :]:
            gap = abs((a_day - b_day).days)
            if a["kind"] == b["kind"] and 2 <= gap <= max_days and not same_event(a, b):
                out.append((min(a_id, b_id), max(a_id, b_id), gap))
    return sorted(out)


def same_story_pairs(labels: Mapping[str, str | None]) -> set[tuple[str, str]]:
    """Every unordered pair of items sharing a label (None is a cluster of its own)."""
    groups: dict[str, list[str]] = {}
    for item, label in labels.items():
        if label is not None:
            groups.setdefault(label, []).append(item)
    return {(a, b) for members in groups.values() for a in members for b in members if a < b}


def merged(
    pairs: Iterable[tuple[str, str, int]], predicted: Mapping[str, str | None]
) -> list[tuple[str, str, int]]:
    """The close-but-different pairs the predicted stories put together."""
    return [
        p for p in pairs if predicted.get(p[0]) is not None and predicted.get(p[0]) == predicted.get(p[1])
    ]


def annotated_rows(documents: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Annotated documents as intake rows, dated to their publication day (inferred when partial)."""
    rows = []
    for d in documents:
        published = d.get("publication_date") or ""
        if len(published) != 10:
            published = d.get("publication_date_inferred") or ""
        rows.append(
            {
                "id": d["id"],
                "title": d["title"],
                "text": d["text"],
                "date": published if len(published) == 10 else None,
            }
        )
    return rows


def expand_copies(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Documents from a copies fixture: originals, independent reports, and copies made as outlets make them.

    A copy takes its original's paragraphs, keeps the first ``keep`` of them, puts the named outlet
    ``boilerplate`` lines before and after them, applies its ``edits`` (words replaced throughout) and may
    carry a new ``title``; it shares the original's copy
    group and story. Independent reports are a story's other documents, in no copy group.
    """
    originals = {o["id"]: o for o in data["originals"]}
    rows = [
        {**o, "copy_group": o["id"], "outlet": o.get("outlet", "Global Press Agency")}
        for o in originals.values()
    ]
    rows += [{**o, "copy_group": None} for o in data.get("independent", [])]
    for copy in data.get("copies", []):
        source = originals[copy["of"]]
        paragraphs = list(source["paragraphs"][: copy.get("keep", len(source["paragraphs"]))])
        for old, new in copy.get("edits", {}).items():  # an outlet's house style, word for word
            paragraphs = [re.sub(rf"\b{re.escape(old)}\b", new, p) for p in paragraphs]
        boilerplate = data.get("boilerplate", {}).get(copy.get("boilerplate"), {})
        paragraphs = [*boilerplate.get("before", []), *paragraphs, *boilerplate.get("after", [])]
        rows.append(
            {
                "id": copy["id"],
                "title": copy.get("title", source["title"]),
                "date": source["date"],
                "outlet": copy.get("outlet"),
                "paragraphs": paragraphs,
                "copy_group": source["id"],
                "story": source["story"],
            }
        )
    return rows


def text_file(row: Mapping[str, Any]) -> bytes:
    """A document as a text file with a header block (title, outlet, date), as a user would drop it in."""
    header = [f"Title: {row['title']}"] if row.get("title") else []
    if row.get("outlet"):
        header.append(f"Outlet: {row['outlet']}")
    if row.get("date"):
        value = row["date"]
        header.append(f"Date: {value.isoformat() if hasattr(value, 'isoformat') else value}")
    body = "\n\n".join(row["paragraphs"]) if "paragraphs" in row else row["text"]
    return ("\n".join(header) + "\n\n" + body if header else body).encode("utf-8")


def group_with_intake(rows: Sequence[Mapping[str, Any]]) -> dict[str, tuple[str | None, str | None]]:
    """Each row's (story id, copy group id) after the production intake of all rows into a fresh workspace."""
    import tempfile
    from pathlib import Path

    from watchkeeper.config import Settings, default_database_url
    from watchkeeper.evidence.ingest import ingest
    from watchkeeper.evidence.scoring import stored_by_article
    from watchkeeper.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inbox"
        folder.mkdir()
        for row in rows:
            (folder / f"{row['id']}.txt").write_bytes(text_file(row))
        settings = Settings(workspace=Path(tmp) / "ws", database_url=default_database_url(Path(tmp) / "ws"))
        store = open_store(settings)
        ingest(store, settings, [str(folder)])
        with store.session() as session:
            stored = stored_by_article(session)
            out = {
                row["id"]: (stored[row["id"]].story_id, stored[row["id"]].copy_group_id)
                if row["id"] in stored
                else (None, None)
                for row in rows
            }
        store.dispose()
    return out
