"""The report's maritime pages: the AIS events its incidents cite, each vessel's positions in the hours around
each event (from the workspace's stored positions when given, else the points the event stored), and the
vessels with their IMO, flag, name and flag history and designation.

Events come only from the incidents the report keeps, so demonstration (synthetic) events appear only when
the report includes synthetic data; they are labelled as such wherever shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.maritime.positions import connect, has_positions, positions_dir
from watchkeeper.report.model import IncidentView, MaritimeEventView, MaritimeSection, TrackRow, VesselRow
from watchkeeper.report.vessels import aware, long_date, vessel_rows
from watchkeeper.report.words import count
from watchkeeper.store.models.maritime import MaritimeEvent, MaritimeImport

TRACK_HOURS = 3.0  # either side of an event: long enough to show the approach and the departure
# positions per vessel in an event's table, before, during and after it: enough to see the approach, the
# stop and the departure; more make a page of numbers nobody reads
EXCERPT_ROWS = {"before": 2, "during": 4, "after": 2}
MAP_HOURS = 12.0  # either side of an event, the track the map draws
KIND_WORDS = {
    "encounter": "ship-to-ship encounter",
    "loitering": "loitering at sea",
    "gap": "AIS dark period",
    "port_call": "port call",
    "identity_change": "identity change",
}


@dataclass
class Positions:
    """Stored positions of some vessels over some hours, as columns, with the AIS file each came from."""

    mmsi: np.ndarray
    ts: np.ndarray  # epoch seconds
    lat: np.ndarray
    lon: np.ndarray
    sog: np.ndarray
    cog: np.ndarray
    source: list[str]  # import id per row

    @classmethod
    def none(cls) -> Positions:
        """No positions: the workspace's were not given, or it holds none of these vessels."""
        nothing = np.zeros(0)
        return cls(nothing.astype(np.int64), nothing, nothing, nothing, nothing, nothing, [])

    def of(self, mmsi: str, first: float, last: float) -> np.ndarray:
        """Rows of one vessel between two times, in time order."""
        rows = np.flatnonzero((self.mmsi == int(mmsi)) & (self.ts >= first) & (self.ts <= last))
        return rows[np.argsort(self.ts[rows], kind="stable")]


def read_event_positions(
    maritime_dir: Path, windows: list[tuple[list[str], datetime, datetime]]
) -> Positions:
    """The stored positions of each window's vessels between its two times (one DuckDB query over the
    workspace's Parquet files)."""
    empty = Positions.none()
    windows = [w for w in windows if w[0]]
    if not windows or not has_positions(maritime_dir):
        return empty
    glob = str(positions_dir(maritime_dir) / "*" / "*.parquet")
    where = " OR ".join(
        f"(mmsi IN ({', '.join(str(int(m)) for m in mmsis)}) AND ts BETWEEN ? AND ?)"
        for mmsis, _, _ in windows
    )
    query = (
        "SELECT DISTINCT mmsi, epoch(ts), lat, lon, sog, cog, filename "
        f"FROM read_parquet('{glob}', filename=true) WHERE {where} ORDER BY mmsi, 2"
    )
    rows = connect().execute(query, [t for _, first, last in windows for t in (first, last)]).fetchall()
    if not rows:
        return empty
    columns = list(zip(*rows, strict=True))
    return Positions(
        np.asarray(columns[0], dtype=np.int64),
        np.asarray(columns[1], dtype=np.float64),
        np.asarray(columns[2], dtype=np.float64),
        np.asarray(columns[3], dtype=np.float64),
        np.asarray([np.nan if v is None else v for v in columns[4]], dtype=np.float64),
        np.asarray([np.nan if v is None else v for v in columns[5]], dtype=np.float64),
        [Path(f).parent.name for f in columns[6]],
    )


def _when(start: datetime, end: datetime) -> str:
    """ "1 March 2024, 20:00 to 2 March 2024, 03:00 UTC"; one day's date once."""
    if start.date() == end.date():
        return f"{long_date(start)}, {start:%H:%M} to {end:%H:%M} UTC"
    return f"{long_date(start)}, {start:%H:%M} to {long_date(end)}, {end:%H:%M} UTC"


def _degrees(lat: float, lon: float) -> str:
    """ "36.20° N, 123.60° E"."""
    return f"{abs(lat):.2f}\u00b0 {'N' if lat >= 0 else 'S'}, {abs(lon):.2f}\u00b0 {'E' if lon >= 0 else 'W'}"


def event_place(event: MaritimeEvent) -> str:
    """Where the event was: a port, a point at sea, or for a dark period where AIS stopped and resumed."""
    if event.lat is None or event.lon is None:
        return "no position (from the vessels' broadcast identities)"
    details = event.details or {}
    if event.kind == "gap" and details.get("end_lat") is not None and details.get("end_lon") is not None:
        return (
            f"AIS stopped at {_degrees(event.lat, event.lon)} and resumed at "
            f"{_degrees(details['end_lat'], details['end_lon'])}, {details.get('distance_km', 0):.0f} km away"
        )
    where = _degrees(event.lat, event.lon)
    return f"{event.port} ({where})" if event.port else f"{where}, at sea"


def _number(value: float, digits: int) -> str:
    return "" if value is None or not np.isfinite(value) else f"{value:.{digits}f}"


def _spread(rows: np.ndarray, count: int) -> np.ndarray:
    """At most ``count`` rows, evenly spread, the first and the last kept."""
    if len(rows) <= count:
        return rows
    return rows[np.unique(np.linspace(0, len(rows) - 1, count).round().astype(np.int64))]


def _phase(ts: float, start: datetime, end: datetime) -> str:
    return "before" if ts < start.timestamp() else "after" if ts > end.timestamp() else "during"


def track_rows(event: MaritimeEvent, positions: Positions, names: dict[str, str]) -> list[TrackRow]:
    """Each vessel's positions from ``TRACK_HOURS`` before the event to as long after it, in time order;
    without stored positions, the points the event itself stored (no speed or course)."""
    start, end = aware(event.start_at), aware(event.end_at)
    margin = TRACK_HOURS * 3600
    chosen: list[tuple[float, TrackRow]] = []
    for mmsi in event.mmsis or []:
        rows = np.concatenate(
            [
                _spread(positions.of(mmsi, first, last), EXCERPT_ROWS[phase])
                for phase, first, last in (
                    ("before", start.timestamp() - margin, start.timestamp() - 1),
                    ("during", start.timestamp(), end.timestamp()),
                    ("after", end.timestamp() + 1, end.timestamp() + margin),
                )
            ]
        )
        for i in rows.tolist():
            ts = float(positions.ts[i])
            chosen.append(
                (
                    ts,
                    TrackRow(
                        f"{datetime.fromtimestamp(ts, UTC):%Y-%m-%d %H:%M}",
                        names.get(mmsi, mmsi),
                        _number(positions.lat[i], 4),
                        _number(positions.lon[i], 4),
                        _number(positions.sog[i], 1),
                        _number(positions.cog[i], 0),
                        _phase(ts, start, end),
                    ),
                )
            )
    if not chosen:
        for point in event.track or []:
            when = aware(datetime.fromisoformat(point["ts"]))
            mmsi = str(point["mmsi"])
            chosen.append(
                (
                    when.timestamp(),
                    TrackRow(
                        f"{when:%Y-%m-%d %H:%M}",
                        names.get(mmsi, mmsi),
                        f"{point['lat']:.4f}",
                        f"{point['lon']:.4f}",
                        "",
                        "",
                        _phase(when.timestamp(), start, end),
                    ),
                )
            )
    return [row for _, row in sorted(chosen, key=lambda pair: (pair[0], pair[1].vessel))]


def _import_words(session: Session, import_ids: set[str]) -> str:
    imports = session.scalars(select(MaritimeImport).where(MaritimeImport.id.in_(import_ids))).all()
    words = [
        f"{Path(i.path).name} ({i.format}{', demonstration data' if i.synthetic else ''})"
        for i in sorted(imports, key=lambda i: i.path)
    ]
    return "AIS positions from " + ", ".join(words) if words else ""


def maritime_section(
    session: Session,
    incidents: list[IncidentView],
    listed: dict[str, Any],
    *,
    maritime_dir: Path | None = None,
    include_synthetic: bool = False,
) -> MaritimeSection | None:
    """The maritime events ``incidents`` cite, labelled M1, M2, ... in time order, with track excerpts and
    the vessel table; None when they cite none."""
    citing: dict[str, list[tuple[IncidentView, int | None]]] = {}
    for view in incidents:
        for row in view.evidence:
            if row.maritime_event:
                citing.setdefault(row.maritime_event, []).append((view, row.ref))
    stored = {
        e.id: e
        for e in session.scalars(select(MaritimeEvent).where(MaritimeEvent.id.in_(list(citing))))
        if include_synthetic or not e.synthetic
    }
    if not stored:
        return None
    ordered = sorted(stored.values(), key=lambda e: (aware(e.start_at), e.id))
    margin = timedelta(hours=max(TRACK_HOURS, MAP_HOURS))
    positions = (
        read_event_positions(
            maritime_dir,
            [(list(e.mmsis or []), aware(e.start_at) - margin, aware(e.end_at) + margin) for e in ordered],
        )
        if maritime_dir is not None
        else Positions.none()
    )
    views = []
    for number, event in enumerate(ordered, start=1):
        names = {str(v.get("mmsi")): v.get("name") or str(v.get("mmsi")) for v in event.vessels or []}
        start, end = aware(event.start_at), aware(event.end_at)
        cited = citing[event.id]
        rows = [
            positions.of(m, start.timestamp() - 3600 * MAP_HOURS, end.timestamp() + 3600 * MAP_HOURS)
            for m in event.mmsis or []
        ]
        imports = {positions.source[i] for r in rows for i in r.tolist()}
        kind = KIND_WORDS.get(event.kind, event.kind.replace("_", " "))
        views.append(
            MaritimeEventView(
                label=f"M{number}",
                id=event.id,
                kind=kind,
                title=f"M{number}. {kind[:1].upper()}{kind[1:]}, {_when(start, end)}",
                when=_when(start, end),
                place=event_place(event),
                vessels=", ".join(names.get(m, m) for m in event.mmsis or []),
                note=str((event.details or {}).get("incident_note") or ""),
                ref=next((ref for _, ref in cited if ref), None),
                incidents=list(dict.fromkeys(f"{v.kind_label}, {v.when}" for v, _ in cited)),
                synthetic=bool(event.synthetic),
                ais_source=_import_words(session, imports) or f"the points stored with AIS event {event.id}",
                track=track_rows(event, positions, names),
                lat=event.lat,
                lon=event.lon,
                kind_id=event.kind,
            )
        )
    vessels = vessel_rows(session, views, stored, listed)
    return MaritimeSection(
        views,
        vessels,
        intro=_intro(views, vessels, bool(len(positions.ts))),
        caption=_caption(views),
        track_hours=TRACK_HOURS,
        map_hours=MAP_HOURS,
        positions_stored=bool(len(positions.ts)),
        tracks=_map_tracks(ordered, positions),
    )


def _map_tracks(ordered: list[MaritimeEvent], positions: Positions) -> list[dict[str, Any]]:
    """Per vessel: its positions within ``MAP_HOURS`` of any of its events (else the events' stored points),
    in time order, for the map."""
    windows: dict[str, list[tuple[float, float]]] = {}
    names: dict[str, str] = {}
    points: dict[str, list[tuple[float, float, float]]] = {}
    for event in ordered:
        for v in event.vessels or []:
            names.setdefault(str(v.get("mmsi")), v.get("name") or str(v.get("mmsi")))
        for mmsi in event.mmsis or []:
            start, end = aware(event.start_at).timestamp(), aware(event.end_at).timestamp()
            windows.setdefault(mmsi, []).append((start - 3600 * MAP_HOURS, end + 3600 * MAP_HOURS))
        for p in event.track or []:
            when = aware(datetime.fromisoformat(p["ts"])).timestamp()
            points.setdefault(str(p["mmsi"]), []).append((when, p["lat"], p["lon"]))
    out = []
    for mmsi, spans in windows.items():
        rows = np.unique(np.concatenate([positions.of(mmsi, first, last) for first, last in spans]))
        if len(rows):
            rows = rows[np.argsort(positions.ts[rows], kind="stable")]
            ts, lat, lon = positions.ts[rows], positions.lat[rows], positions.lon[rows]
        else:
            fallback = sorted(set(points.get(mmsi, [])))
            ts, lat, lon = (
                (np.asarray(c, dtype=np.float64) for c in zip(*fallback, strict=True))
                if fallback
                else (np.zeros(0),) * 3
            )
        if len(ts):
            out.append(
                {"name": names.get(mmsi, mmsi), "ts": ts.tolist(), "lat": lat.tolist(), "lon": lon.tolist()}
            )
    return out


def _intro(events: list[MaritimeEventView], vessels: list[VesselRow], positions: bool) -> str:
    """What the maritime pages show, and that demonstration data is what it is."""
    text = (
        f"The incidents above cite {count(len(events), 'event')} detected in AIS ship-tracking data, "
        f"involving {count(len(vessels), 'vessel')}. The map shows where each took place and the vessels' "
        f"tracks in the {MAP_HOURS:.0f} hours either side; each event's table gives the vessels' positions "
        f"from {TRACK_HOURS:.0f} hours before it to {TRACK_HOURS:.0f} hours after"
        + (
            ", with speed and course as broadcast."
            if positions
            else " (speed and course were not available)."
        )
    )
    demonstration = sum(e.synthetic for e in events)
    if demonstration:
        text += (
            f" {how_many_rest(demonstration, len(events))} on demonstration data: a synthetic AIS "
            "scenario with invented vessels, not real ship tracking."
        )
    return text


def how_many_rest(part: int, whole: int) -> str:
    """ "It rests", "All of them rest", "2 of them rest", "1 of them rests"."""
    if part == whole:
        return "It rests" if whole == 1 else "All of them rest"
    return f"{part} of them {'rests' if part == 1 else 'rest'}"


def _caption(events: list[MaritimeEventView]) -> str:
    """The map's caption: what its marks and lines are, and whether they are demonstration data."""
    labels = "M1" if len(events) == 1 else f"M1 to M{len(events)}"
    text = (
        f"The maritime events cited ({labels}, their marker by kind) and each vessel's AIS track in the "
        f"{MAP_HOURS:.0f} hours either side, one colour per vessel; a dotted line joins two positions "
        "across a period without AIS."
    )
    if any(e.synthetic for e in events):
        text += " Demonstration data: synthetic tracks of invented vessels."
    return text
