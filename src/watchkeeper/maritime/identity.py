"""What each MMSI said it was: identity history from static reports, flags from MIDs, identity changes.

An identity is (name, IMO, call sign, ship type) as broadcast by one MMSI; the table ``vessel_identity`` keeps
when each was first and last seen. Names are compared after normalisation, and a change is only a change when
both the old and the new value were broadcast (a class B unit sends its name and call sign in separate parts).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.maritime.detectors import Detection
from watchkeeper.store.base import content_id
from watchkeeper.store.models.maritime import VesselIdentity

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")


@lru_cache(maxsize=1)
def _mid_table() -> dict[str, str]:
    path = resources.files("watchkeeper.data") / "maritime" / "mid.csv"
    with path.open(encoding="utf-8") as fh:
        return {row["mid"]: row["flag"] for row in csv.DictReader(fh)}


def flag_of(mmsi: int | str) -> str | None:
    """The flag (ISO 3166 alpha-3) of a ship's MMSI from its Maritime Identification Digits, if known."""
    text = str(mmsi)
    if len(text) != 9 or text[0] not in "234567":
        return None
    return _mid_table().get(text[:3])


def normalise_name(name: str | None) -> str:
    """Upper case, punctuation and repeated spaces removed: "Yu Jong-2 " and "YU JONG 2" compare equal."""
    if not name:
        return ""
    return _SPACES.sub(" ", _PUNCT.sub(" ", name.upper())).strip()


@dataclass(frozen=True)
class Observation:
    """One identity an MMSI broadcast, with the span of time it was seen and its latest voyage data."""

    mmsi: str
    name: str | None
    imo: str | None
    call_sign: str | None
    ship_type: int | None
    first_seen: int
    last_seen: int
    draught: float | None = None
    destination: str | None = None

    @property
    def id(self) -> str:
        return content_id("vid", self.mmsi, self.name, self.imo, self.call_sign, self.ship_type)


def _clean(value: object) -> object:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, str):
        return value.strip() or None
    return value


def observations_from_reports(reports: dict[str, np.ndarray]) -> list[Observation]:
    """Fold decoded static reports (time-ordered per MMSI) into identities, carrying forward missing parts."""
    if not len(reports["mmsi"]):
        return []
    timed = reports["ts"] >= 0
    order = np.lexsort((reports["ts"], reports["mmsi"]))
    state: dict[int, dict[str, Any]] = {}
    # (mmsi, name, imo, call sign, ship type) -> [first seen, last seen, draught, destination]
    spans: dict[tuple[str, str | None, str | None, str | None, int | None], list[Any]] = {}
    for i in order[timed[order]].tolist():
        mmsi = int(reports["mmsi"][i])
        if not 0 < mmsi <= 999_999_999:
            continue
        current = state.setdefault(mmsi, {})
        imo = int(reports["imo"][i])
        updates = {
            "name": _clean(reports["name"][i]),
            "imo": str(imo) if 0 < imo < 10_000_000 else None,
            "call_sign": _clean(reports["call_sign"][i]),
            "ship_type": int(reports["ship_type"][i]) if reports["ship_type"][i] > 0 else None,
        }
        current.update({k: v for k, v in updates.items() if v is not None})
        ts = int(reports["ts"][i])
        key = (
            str(mmsi),
            current.get("name"),
            current.get("imo"),
            current.get("call_sign"),
            current.get("ship_type"),
        )
        span = spans.setdefault(key, [ts, ts, None, None])
        span[0], span[1] = min(span[0], ts), max(span[1], ts)
        draught = _clean(float(reports["draught"][i]))
        span[2] = draught if draught else span[2]
        span[3] = _clean(reports["destination"][i]) or span[3]
    return [
        Observation(*key, first, last, draught, dest) for key, (first, last, draught, dest) in spans.items()
    ]


def _as_dt(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, tz=UTC)


def upsert_identities(session: Session, observations: list[Observation]) -> int:
    """Add new identities and widen the seen span of known ones; returns how many were new."""
    added = 0
    for obs in observations:
        row = session.get(VesselIdentity, obs.id)
        first, last = _as_dt(obs.first_seen), _as_dt(obs.last_seen)
        if row is None:
            session.add(
                VesselIdentity(
                    id=obs.id,
                    mmsi=obs.mmsi,
                    name=obs.name,
                    imo=obs.imo,
                    call_sign=obs.call_sign,
                    ship_type=obs.ship_type,
                    flag=flag_of(obs.mmsi),
                    draught=obs.draught,
                    destination=obs.destination,
                    first_seen=first,
                    last_seen=last,
                )
            )
            session.flush()
            added += 1
            continue
        if last > _aware(row.last_seen):
            row.draught = obs.draught or row.draught
            row.destination = obs.destination or row.destination
        row.first_seen = min(_aware(row.first_seen), first)
        row.last_seen = max(_aware(row.last_seen), last)
    return added


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def identity_history(session: Session, mmsi: str | None = None) -> list[VesselIdentity]:
    """Identities in the order they were first seen, for one MMSI or all."""
    query = select(VesselIdentity).order_by(VesselIdentity.mmsi, VesselIdentity.first_seen, VesselIdentity.id)
    if mmsi is not None:
        query = query.where(VesselIdentity.mmsi == mmsi)
    return list(session.scalars(query))


_COMPARED = (("name", normalise_name), ("imo", str), ("call_sign", lambda v: str(v).upper()))


def detect_identity_changes(identities: list[VesselIdentity]) -> list[Detection]:
    """Name, IMO or call sign changing under one MMSI; one IMO under several MMSIs (and their flags)."""
    found: list[Detection] = []
    by_mmsi: dict[str, list[VesselIdentity]] = defaultdict(list)
    by_imo: dict[str, list[VesselIdentity]] = defaultdict(list)
    for row in sorted(identities, key=lambda r: (r.mmsi, _aware(r.first_seen), r.id)):
        by_mmsi[row.mmsi].append(row)
        if row.imo:
            by_imo[row.imo].append(row)
    for mmsi, rows in by_mmsi.items():
        last: dict[str, tuple[str, VesselIdentity]] = {}
        for row in rows:
            for attr, norm in _COMPARED:
                value = getattr(row, attr)
                if not value:
                    continue
                before = last.get(attr)
                if before is not None and norm(before[0]) != norm(value):
                    found.append(
                        Detection(
                            kind="identity_change",
                            mmsis=(int(mmsi),),
                            start=int(_aware(before[1].last_seen).timestamp()),
                            end=int(_aware(row.first_seen).timestamp()),
                            lat=None,
                            lon=None,
                            details={
                                "field": attr,
                                "old": before[0],
                                "new": value,
                                "flag": flag_of(mmsi),
                                "imo": row.imo,
                                "names": [before[1].name, row.name],
                            },
                        )
                    )
                last[attr] = (value, row)
    for imo, rows in by_imo.items():
        mmsis = sorted({r.mmsi for r in rows})
        if len(mmsis) < 2:
            continue
        ordered = sorted(rows, key=lambda r: _aware(r.first_seen))
        flags = {m: flag_of(m) for m in mmsis}
        found.append(
            Detection(
                kind="identity_change",
                mmsis=tuple(int(m) for m in mmsis),
                start=int(_aware(ordered[0].first_seen).timestamp()),
                end=int(_aware(ordered[-1].last_seen).timestamp()),
                lat=None,
                lon=None,
                details={
                    "field": "mmsi",
                    "imo": imo,
                    "mmsis": mmsis,
                    "flags": flags,
                    "old_flag": flags[ordered[0].mmsi],
                    "new_flag": flags[ordered[-1].mmsi],
                    "names": sorted({r.name for r in rows if r.name}),
                },
            )
        )
    return found
