"""One record per event: reports of one incident in several sentences merged, actors carried forward.

Used by the incidents component: same kind and same date, or a dateless report and the document's first
incident of that kind (either way round: a lead sentence "North Korea has delivered ..." and the later one
that dates it), is one event; a report naming no actors continues the last one of its kind.
"""

from __future__ import annotations

Record = dict[str, object]


def less_precise(target: Record, incident: Record) -> bool:
    """Whether the merged record should take the new report's date (a day beats a month beats no date)."""
    rank = {"day": 0, "week": 1, "range": 2, "month": 3, "quarter": 4, "year": 5, "publication": 6}
    return rank[str(incident["precision"])] < rank[str(target["precision"])]


def inherit_actors(incidents: list[Record]) -> list[Record]:
    """A report naming no actors continues the last one of its kind ("They were then shipped to Dunai")."""
    last: dict[str, list[Record]] = {}
    for incident in incidents:
        named = [a for a in incident["actors"] if not a.get("implied")]  # type: ignore[union-attr]
        if named:
            last[str(incident["kind"])] = named
        elif str(incident["kind"]) in last:
            roles = {a["role"] for a in last[str(incident["kind"])]}
            implied = [a for a in incident["actors"] if a["role"] not in roles]  # type: ignore[union-attr]
            incident["actors"] = [*last[str(incident["kind"])], *implied]
    return incidents


def merge(incidents: list[Record]) -> list[Record]:
    """One record per event: same kind and date, or a dateless report into the first of its kind."""
    merged: list[Record] = []
    for incident in incidents:
        # a document reports one Council vote; later sentences add tallies and voters ("Russia's veto")
        vote = incident["kind"] == "council_vote"
        target = next(
            (
                m
                for m in merged
                if m["kind"] == incident["kind"]
                and (
                    vote
                    or (m["date"], m["date_end"], m["precision"])
                    == (incident["date"], incident["date_end"], incident["precision"])
                    or incident["precision"] == "publication"
                    or m["precision"] == "publication"
                )
            ),
            None,
        )
        if target is None:
            merged.append({**incident, "mentions": [[incident["start"], incident["end"]]]})
            continue
        if less_precise(target, incident):
            for key in ("date", "date_end", "precision", "date_text"):
                target[key] = incident[key]
        seen = {(a["role"], a["entity_id"] or a["text"]) for a in target["actors"]}  # type: ignore[union-attr]
        for actor in incident["actors"]:  # type: ignore[union-attr]
            if (actor["role"], actor["entity_id"] or actor["text"]) not in seen:
                target["actors"].append(actor)  # type: ignore[union-attr]
        target["actors"] = [
            a
            for a in target["actors"]
            if not a.get("implied")
            or not any(  # type: ignore[union-attr]
                b["role"] == a["role"] and not b.get("implied") for b in target["actors"]
            )
        ]  # type: ignore[union-attr]
        target["place"] = target["place"] or incident["place"]
        known = {(q["start"], q["end"]) for q in target["quantities"]}  # type: ignore[union-attr]
        target["quantities"] += [q for q in incident["quantities"] if (q["start"], q["end"]) not in known]  # type: ignore[operator, union-attr]
        if "tally" in incident:
            target["tally"] = {**incident["tally"], **target.get("tally", {})}  # type: ignore[dict-item]
        if (
            incident["status"] == "confirmed"
            and target["status"] == "alleged"
            and incident["kind"] == "council_vote"
        ):
            target["status"] = "confirmed"
        target["mentions"].append([incident["start"], incident["end"]])  # type: ignore[union-attr]
    return merged
