"""One record per event: reports of one incident in several sentences merged, actors carried forward.

Used by the incidents component: same kind and same date, or a dateless report and the document's first
incident of that kind (either way round: a lead sentence "North Korea has delivered ..." and the later one
that dates it), is one event; a report naming no actors continues the last one of its kind.
"""

from __future__ import annotations

from datetime import date

from watchkeeper.reading.records import ActorRecord, IncidentRecord
from watchkeeper.vocabulary import DatePrecision, IncidentStatus


def less_precise(target: IncidentRecord, incident: IncidentRecord) -> bool:
    """Whether the merged record should take the new report's date (a day beats a month beats no date)."""
    return DatePrecision(incident["precision"]).rank < DatePrecision(target["precision"]).rank


def inherit_actors(incidents: list[IncidentRecord]) -> list[IncidentRecord]:
    """A report naming no actors continues the last one of its kind ("They were then shipped to Dunai")."""
    last: dict[str, list[ActorRecord]] = {}
    for incident in incidents:
        named = [a for a in incident["actors"] if not a.get("implied")]
        if named:
            last[incident["kind"]] = named
        elif incident["kind"] in last:
            roles = {a["role"] for a in last[incident["kind"]]}
            implied = [a for a in incident["actors"] if a["role"] not in roles]
            incident["actors"] = [*last[incident["kind"]], *implied]
    return incidents


# The digits of an ISO date a coarse precision fixes ("2024" for a year).
_DIGITS = {DatePrecision.YEAR: 4, DatePrecision.QUARTER: 4, DatePrecision.MONTH: 7, DatePrecision.DAY: 10}


def _within(a: IncidentRecord, b: IncidentRecord) -> bool:
    """Whether one record's date lies in the other's coarser one ("in March" and "on 28 March"), or the two
    are days of one week ("on Thursday" resolved a week off the "28 March" the text gives)."""
    digits = min(
        _DIGITS.get(DatePrecision(a["precision"]), 10), _DIGITS.get(DatePrecision(b["precision"]), 10)
    )
    if a["date"][:digits] == b["date"][:digits]:
        return True
    try:
        return abs((date.fromisoformat(a["date"][:10]) - date.fromisoformat(b["date"][:10])).days) <= 7
    except ValueError:
        return False


def mark_main(incidents: list[IncidentRecord]) -> list[IncidentRecord]:
    """The document's main incident is the one it reports first (the headline or lead); the others are
    background ("its first launch since March 27", "the resolution adopted in March")."""
    first = min(incidents, key=lambda i: i["start"], default=None)
    for incident in incidents:
        incident["is_main"] = incident is first
    return incidents


def _actor_key(actor: ActorRecord) -> tuple[str, str | None]:
    return actor["role"], actor["entity_id"] or actor["text"]


def merge(incidents: list[IncidentRecord]) -> list[IncidentRecord]:
    """One record per event: same kind and date, or a dateless report into the first of its kind."""
    merged: list[IncidentRecord] = []
    for incident in incidents:
        # later undated sentences add a vote's tallies and voters ("Russia's veto"); a vote dated in another
        # month ("the resolution adopted in March") is another vote
        vote = incident["kind"] == "council_vote"
        target = next(
            (
                m
                for m in merged
                if m["kind"] == incident["kind"]
                and (
                    (m["date"], m["date_end"], m["precision"])
                    == (incident["date"], incident["date_end"], incident["precision"])
                    or incident["precision"] == DatePrecision.PUBLICATION
                    or m["precision"] == DatePrecision.PUBLICATION
                    or (vote and _within(m, incident))
                )
            ),
            None,
        )
        if target is None:
            merged.append({**incident, "mentions": [[incident["start"], incident["end"]]]})
            continue
        if less_precise(target, incident):
            target["date"] = incident["date"]
            target["date_end"] = incident["date_end"]
            target["precision"] = incident["precision"]
            target["date_text"] = incident["date_text"]
        seen = {_actor_key(a) for a in target["actors"]}
        for actor in incident["actors"]:
            if _actor_key(actor) not in seen:
                target["actors"].append(actor)
        target["actors"] = [
            a
            for a in target["actors"]
            if not a.get("implied")
            or not any(b["role"] == a["role"] and not b.get("implied") for b in target["actors"])
        ]
        target["place"] = target["place"] or incident["place"]
        known = {(q["start"], q["end"]) for q in target["quantities"]}
        target["quantities"] += [q for q in incident["quantities"] if (q["start"], q["end"]) not in known]
        if "tally" in incident:
            target["tally"] = {**incident["tally"], **target.get("tally", {})}
        if (
            incident["status"] == IncidentStatus.CONFIRMED
            and target["status"] == IncidentStatus.ALLEGED
            and incident["kind"] == "council_vote"
        ):
            target["status"] = IncidentStatus.CONFIRMED
        target.setdefault("mentions", []).append([incident["start"], incident["end"]])
    return merged
