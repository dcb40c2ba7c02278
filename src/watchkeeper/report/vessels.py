"""The vessel table of the report's maritime pages: each vessel's latest broadcast identity (name, IMO, MMSI,
flag from its MMSI), the names and flags it went by (the stored identity history, and other MMSIs broadcasting
its IMO), and its designation on the 1718 list."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from sqlalchemy.orm import Session

from watchkeeper.maritime.identity import flag_of, identity_history
from watchkeeper.report.model import MaritimeEventView, VesselRow
from watchkeeper.store.models.maritime import MaritimeEvent, VesselIdentity


@lru_cache(maxsize=1)
def flag_countries() -> dict[str, str]:
    """Each flag code of ``data/maritime/mid.csv`` and its country's name."""
    path = resources.files("watchkeeper.data") / "maritime" / "mid.csv"
    with path.open(encoding="utf-8") as fh:
        return {row["flag"]: row["country"] for row in csv.DictReader(fh)}


def flag_words(flag: str | None) -> str:
    """ "PAN (Panama)"; the code alone when its country is unknown."""
    if not flag:
        return "unknown"
    country = flag_countries().get(flag)
    return f"{flag} ({country})" if country else flag


def aware(value: datetime) -> datetime:
    """A stored time as UTC (SQLite returns it without its zone)."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def long_date(value: datetime) -> str:
    """ "1 March 2024"."""
    return f"{value:%-d %B %Y}"


def _history(
    mmsi: str, rows: list[VesselIdentity], by_imo: dict[str, list[VesselIdentity]]
) -> list[dict[str, str]]:
    """Every name and flag the hull went by, oldest first: the identities its MMSI broadcast and those of
    other MMSIs broadcasting its IMO (a new MMSI is a new flag); empty when it only ever had one of each."""
    imo = next((r.imo for r in reversed(rows) if r.imo), None)
    others = [r for r in by_imo.get(imo or "", []) if r.mmsi != mmsi]
    seen = sorted([*rows, *others], key=lambda r: (aware(r.first_seen), r.mmsi, r.id))
    if len({(r.name, flag_of(r.mmsi)) for r in seen if r.name}) < 2:
        return []
    return [
        {
            "identity": f"{r.name} ({flag_of(r.mmsi) or 'flag unknown'}"
            + ("" if r.mmsi == mmsi else f", MMSI {r.mmsi}")
            + ")",
            "seen": _span(r),
        }
        for r in seen
        if r.name
    ]


def _span(row: VesselIdentity) -> str:
    """When an identity was seen, as ISO days ("2023-05-02 to 2023-09-14"): short enough for a table cell."""
    first, last = aware(row.first_seen).date(), aware(row.last_seen).date()
    return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"


def vessel_rows(
    session: Session,
    events: list[MaritimeEventView],
    stored: dict[str, MaritimeEvent],
    listed: dict[str, Any],
) -> list[VesselRow]:
    """One row per vessel of the events: its latest broadcast identity, history and any designation."""
    history: dict[str, list[VesselIdentity]] = {}
    by_imo: dict[str, list[VesselIdentity]] = {}
    for row in identity_history(session):
        history.setdefault(row.mmsi, []).append(row)
        if row.imo:
            by_imo.setdefault(row.imo, []).append(row)
    out: dict[str, VesselRow] = {}
    for view in events:
        event = stored[view.id]
        described = {str(v.get("mmsi")): v for v in event.vessels or []}
        for mmsi in event.mmsis or []:
            rows = history.get(mmsi, [])
            if mmsi in out:
                out[mmsi].events += f", {view.label}"
                out[mmsi].synthetic |= view.synthetic
                continue
            vessel = described.get(mmsi, {})
            designations = sorted(
                {m["designation_id"] for m in event.matches or [] if str(m.get("mmsi")) == mmsi}
            )
            out[mmsi] = VesselRow(
                name=(rows[-1].name if rows and rows[-1].name else vessel.get("name")) or "not broadcast",
                imo=next((r.imo for r in reversed(rows) if r.imo), None)
                or vessel.get("imo")
                or "not broadcast",
                mmsi=mmsi,
                flag=flag_words(flag_of(mmsi) or vessel.get("flag")),
                history=_history(mmsi, rows, by_imo),
                designated="; ".join(_listed(d, listed) for d in designations) or "no",
                synthetic=view.synthetic,
                events=view.label,
            )
    return list(out.values())


def _listed(designation_id: str, listed: dict[str, Any]) -> str:
    entry = listed.get(designation_id) or {}
    reference, name = entry.get("reference"), entry.get("listed_name")
    return f"{reference or designation_id}" + (f" ({name})" if name else "")
