"""The cap ledger: petroleum delivered to the DPRK per year, as states reported it and as evidence alleges it.

The two series are kept apart. ``reported`` comes from notifications to the 1718 Committee imported from CSV
(format in docs/assess.md); ``alleged`` from the quantities of petroleum-delivery incidents as analysts
reviewed them (rejected and merged ones are listed, not counted), each entry pointing at its incident.
Both are in barrels against the cap in force and its alert thresholds.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.assess.config import ledger_config
from watchkeeper.assess.reviewed import ReviewedIncident, reviewed_incidents
from watchkeeper.datafiles import data_file
from watchkeeper.errors import InputFileError
from watchkeeper.regime import Regime
from watchkeeper.store.base import content_id
from watchkeeper.store.models.assess import AssessedIncident, CapNotification
from watchkeeper.vocabulary import LedgerSeries, ReviewState

COMMODITIES = ("refined_petroleum", "crude_oil")
UNITS = {"barrels": "barrel", "barrel": "barrel", "tonnes": "tonne", "tonne": "tonne"}
COLUMNS = (
    "year",
    "month",
    "period",
    "reporting_state",
    "commodity",
    "quantity",
    "unit",
    "reported_on",
    "source",
)


def barrels_per_tonne() -> dict[str, float]:
    """Conversion factors per commodity (``data/assess/ledger.yaml``); every ledger commodity needs one."""
    factors = ledger_config().barrels_per_tonne
    missing = [c for c in COMMODITIES if c not in factors]
    if missing:
        raise InputFileError(
            data_file("assess", "ledger.yaml"),
            f"no conversion factor for {', '.join(missing)}",
            field="barrels_per_tonne",
        )
    return factors


def to_barrels(quantity: float, unit: str, commodity: str) -> float:
    """A quantity in barrels; tonnes are converted with the commodity's factor."""
    return quantity if UNITS[unit] == "barrel" else quantity * barrels_per_tonne()[commodity]


def sample_notifications_path() -> Path:
    """The bundled sample of notified refined-petroleum deliveries (public figures, each row cited)."""
    return data_file("assess", "petroleum_notifications.csv")


def _shown(value: str | None) -> str:
    """A value quoted for an error line, cut short: a hostile field may be megabytes long."""
    text = value or ""
    return repr(text if len(text) <= 40 else text[:40] + "...")


def _parse_row(path: Path, line: int, row: dict[str, str]) -> dict[str, Any]:
    def fail(column: str, message: str) -> InputFileError:
        return InputFileError(path, message, line=line, field=column)

    values: dict[str, Any] = {}
    year = (row.get("year") or "").strip()
    if not (year.isdigit() and len(year) == 4):
        raise fail("year", f"{_shown(year)} is not a year")
    values["year"] = int(year)
    if not 2000 <= values["year"] <= 2100:
        raise fail("year", f"{values['year']} is out of range")
    month = (row.get("month") or "").strip()
    if month and (not month.isdigit() or len(month) > 2 or not 1 <= int(month) <= 12):
        raise fail("month", f"{_shown(month)} is not a month number 1-12")
    values["month"] = int(month) if month else None
    values["period"] = (row.get("period") or "").strip() or (
        f"{values['year']}-{values['month']:02d}" if month else str(values["year"])
    )
    values["reporting_state"] = (row.get("reporting_state") or "").strip()
    if not values["reporting_state"]:
        raise fail("reporting_state", "is empty")
    values["commodity"] = (row.get("commodity") or "").strip()
    if values["commodity"] not in COMMODITIES:
        raise fail("commodity", f"{values['commodity']!r}; use one of {', '.join(COMMODITIES)}")
    try:
        values["quantity"] = float((row.get("quantity") or "").replace(",", ""))
    except ValueError:
        raise fail("quantity", f"{_shown(row.get('quantity'))} is not a number") from None
    if not math.isfinite(values["quantity"]):
        raise fail("quantity", f"{_shown(row.get('quantity'))} is not a finite number")
    if values["quantity"] < 0:
        raise fail("quantity", "is negative")
    unit = (row.get("unit") or "").strip().lower()
    if unit not in UNITS:
        raise fail("unit", f"{unit!r}; use barrels or tonnes")
    values["unit"] = unit
    reported = (row.get("reported_on") or "").strip()
    try:
        values["reported_on"] = date.fromisoformat(reported) if reported else None
    except ValueError:
        raise fail("reported_on", f"{reported!r} is not a date like 2024-02-21") from None
    values["source"] = (row.get("source") or "").strip()
    if not values["source"]:
        raise fail("source", "is empty; every figure must cite where it was published")
    values["barrels"] = round(to_barrels(values["quantity"], unit, values["commodity"]), 1)
    return values


@dataclass
class ImportResult:
    """Rows read, and how many were new, changed or unchanged."""

    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


def import_notifications(session: Session, path: Path) -> ImportResult:
    """Validate every row, then upsert (one transaction: a bad row stores nothing)."""
    parsed: list[dict[str, Any]] = []
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise InputFileError(path, f"missing column(s): {', '.join(missing)}", line=1)
            for record in reader:
                parsed.append(_parse_row(path, len(parsed) + 2, record))
    except csv.Error as exc:  # e.g. a field past the csv module's size limit
        raise InputFileError(path, f"not a readable CSV row: {exc}", line=len(parsed) + 2) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(path, f"cannot read: {exc}") from exc
    result = ImportResult(rows=len(parsed))
    for values in parsed:
        key = content_id(
            "capnote",
            values["year"],
            values["month"],
            values["period"],
            values["reporting_state"].lower(),
            values["commodity"],
        )
        row = session.get(CapNotification, key)
        if row is None:
            session.add(CapNotification(id=key, imported_from=path.name, **values))
            result.inserted += 1
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            row.imported_from = path.name
            result.updated += 1
        else:
            result.unchanged += 1
    session.flush()
    return result


@dataclass
class LedgerEntry:
    """One figure in the ledger: a notification, or an incident's alleged quantity (share of this year)."""

    series: str  # reported | alleged
    year: int
    commodity: str
    state: str
    barrels: float
    source: str
    notification_id: str | None = None
    incident_id: str | None = None
    grade: str | None = None
    quantity_text: str | None = None
    document_id: str | None = None
    counted: bool = True
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"type": "cap_ledger_entry", **self.__dict__}


@dataclass
class LedgerYear:
    """One year of one capped commodity: the cap in force, both series and how far each used the cap."""

    year: int
    commodity: str
    measure_id: str | None
    cap_barrels: float | None
    thresholds: list[int]
    reported: float = 0.0
    alleged: float = 0.0
    entries: list[LedgerEntry] = field(default_factory=list)
    reported_by_state: dict[str, float] = field(default_factory=dict)
    alleged_by_state: dict[str, float] = field(default_factory=dict)
    period: tuple[date, date | None] | None = None
    reviewed_out: list[str] = field(
        default_factory=list
    )  # deliveries analysts rejected or merged: not counted

    def percent(self, value: float) -> float | None:
        return round(100 * value / self.cap_barrels, 1) if self.cap_barrels else None

    def crossed(self, value: float) -> list[int]:
        pct = self.percent(value)
        return [t for t in self.thresholds if pct is not None and pct >= t]

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "commodity": self.commodity,
            "measure_id": self.measure_id,
            "cap_barrels": self.cap_barrels,
            "period": list(self.period) if self.period else None,
            "alert_thresholds_percent": self.thresholds,
            "reported_barrels": round(self.reported, 1),
            "reported_percent": self.percent(self.reported),
            "reported_thresholds_crossed": self.crossed(self.reported),
            "alleged_barrels": round(self.alleged, 1),
            "alleged_percent": self.percent(self.alleged),
            "alleged_thresholds_crossed": self.crossed(self.alleged),
            "reported_by_state": {k: round(v, 1) for k, v in sorted(self.reported_by_state.items())},
            "alleged_by_state": {k: round(v, 1) for k, v in sorted(self.alleged_by_state.items())},
            "reviewed_out_incidents": self.reviewed_out,
        }


def _year_shares(start: date, end: date) -> dict[int, float]:
    days = (end - start).days + 1
    shares = {}
    for year in range(start.year, end.year + 1):
        first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
        shares[year] = ((last - first).days + 1) / days
    return shares


def cap_amounts(regime: Regime) -> set[tuple[float, str]]:
    """Every figure of the petroleum caps (value, unit): quoting one names the cap, not a delivery."""
    amounts = set()
    for commodity in COMMODITIES:
        for measure in regime.select(kind="cap", commodity=commodity):
            for limit in measure.limits:
                if limit.value is not None:
                    amounts.add((float(limit.value), UNITS.get(limit.unit, limit.unit)))
                amounts.update((float(a.value), UNITS.get(a.unit, a.unit)) for a in limit.alternatives)
    return amounts


def incident_barrels(
    incident: AssessedIncident, excluded: set[tuple[float, str]] | None = None
) -> tuple[float, dict[str, Any]] | None:
    """The smallest volume any report gives, in barrels (reports of one delivery are never summed).

    Quantities equal to a cap figure (``excluded``) are the cap being quoted, not a delivery.
    """
    commodity = incident.commodity or "refined_petroleum"
    volumes = [
        (to_barrels(float(q["value"]), str(q.get("unit")), commodity), q)
        for q in incident.quantities or []
        if str(q.get("unit")) in UNITS
        and q.get("value") is not None
        and (float(q["value"]), UNITS[str(q.get("unit"))]) not in (excluded or set())
    ]
    return min(volumes, key=lambda v: v[0]) if volumes else None


def _figures(incident: AssessedIncident) -> set[tuple[str, float]]:
    return {
        (str(q.get("document_id")), float(q["value"]))
        for q in incident.quantities or []
        if str(q.get("unit")) in UNITS and q.get("value") is not None
    }


def _same_flows(alleged: list[tuple[AssessedIncident, float, dict[str, Any], date, date]]) -> list[list[int]]:
    """One supplier's alleged deliveries grouped when periods overlap or one document gives both figures."""
    parent = list(range(len(alleged)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    figures = [_figures(a[0]) for a in alleged]
    for i in range(len(alleged)):
        for j in range(i + 1, len(alleged)):
            overlap = alleged[i][3] <= alleged[j][4] and alleged[j][3] <= alleged[i][4]
            if overlap or figures[i] & figures[j]:
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(alleged)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


UNATTRIBUTED = "unattributed"


def _supplier(incident: AssessedIncident) -> str:
    """The supplying state; deliveries the evidence does not attribute to a state stay unattributed."""
    for actor in incident.actors or []:
        entity_id = actor["entity_id"]
        if (
            actor["role"] in ("supplier", "from")
            and entity_id.startswith("country:")
            and entity_id != "country:north-korea"
        ):
            return actor["name"]
    return UNATTRIBUTED


def _year_record(regime: Regime, year: int, commodity: str) -> LedgerYear:
    day = date(year, 12, 31)
    cap = regime.cap_in_force(commodity, day) or regime.cap_in_force(commodity, date(year, 1, 1))
    limit = cap.limit_on(day) or cap.limit_on(date(year, 1, 1)) if cap else None
    value = None
    if limit is not None:
        if limit.unit == "barrels":
            value = float(limit.value) if limit.value is not None else None
        else:
            value = next((float(a.value) for a in limit.alternatives if a.unit == "barrels"), None)
    thresholds = list(cap.alerts.thresholds_percent) if cap and cap.alerts else []
    period = limit.window_on(day) or limit.window_on(date(year, 1, 1)) if limit else None
    return LedgerYear(year, commodity, cap.id if cap else None, value, thresholds, period=period)


def _entry(
    year: int,
    incident: AssessedIncident,
    supplier: str,
    amount: float,
    quantity: dict[str, Any],
    note: str | None,
) -> LedgerEntry:
    """An alleged figure; counted unless ``note`` says why not."""
    return LedgerEntry(
        LedgerSeries.ALLEGED,
        year,
        incident.commodity or COMMODITIES[0],
        supplier,
        amount,
        incident.summary,
        incident_id=incident.id,
        grade=incident.grade,
        quantity_text=str(quantity.get("text")),
        document_id=quantity.get("document_id"),
        counted=note is None,
        note=note,
    )


def _reviewed_out(item: ReviewedIncident) -> str:
    who = f"by analyst {item.reviewed_by}"
    if item.status == ReviewState.REJECTED:
        return f"rejected {who} ({item.reason}); not counted"
    return f"merged {who} into {item.merged_into}; counted there, not here"


def cap_ledger(session: Session, regime: Regime, years: list[int] | None = None) -> list[LedgerYear]:
    """The ledger per year and commodity, for ``years`` or every year either series has a figure for."""
    rows: dict[tuple[int, str], LedgerYear] = {}

    def year_row(year: int, commodity: str) -> LedgerYear:
        if (year, commodity) not in rows:
            rows[(year, commodity)] = _year_record(regime, year, commodity)
        return rows[(year, commodity)]

    for note in session.scalars(
        select(CapNotification).order_by(CapNotification.year, CapNotification.period)
    ):
        row = year_row(note.year, note.commodity)
        row.reported += note.barrels
        row.reported_by_state[note.reporting_state] = (
            row.reported_by_state.get(note.reporting_state, 0.0) + note.barrels
        )
        row.entries.append(
            LedgerEntry(
                LedgerSeries.REPORTED,
                note.year,
                note.commodity,
                note.reporting_state,
                note.barrels,
                note.source,
                notification_id=note.id,
            )
        )
    excluded = cap_amounts(regime)
    by_supplier: dict[tuple[str, str], list[tuple[AssessedIncident, float, dict[str, Any], date, date]]] = {}
    reviewed = reviewed_incidents(
        session,
        kind="petroleum_delivery",
        include_rejected=True,
        regime=regime,
        with_evidence=False,
        include_synthetic=False,  # demonstration data never counts against a cap
    )
    for item in reviewed:
        incident = item.incident
        volume = incident_barrels(incident, excluded)
        start = incident.date or incident.date_end
        if volume is None or start is None or incident.commodity not in COMMODITIES:
            continue
        if item.out:  # an analyst rejected it, or merged it into the incident whose figures count instead
            for year in _year_shares(start, incident.date_end or start):
                row = year_row(year, incident.commodity)
                row.reviewed_out.append(incident.id)
                row.entries.append(
                    _entry(year, incident, _supplier(incident), 0.0, volume[1], _reviewed_out(item))
                )
            continue
        key = (incident.commodity, _supplier(incident))
        by_supplier.setdefault(key, []).append((incident, *volume, start, incident.date_end or start))
    for (commodity, supplier), alleged in by_supplier.items():
        # one supplier's deliveries reported for overlapping periods, or by one document, are the same flows
        for group in _same_flows(alleged):
            counted = max(group, key=lambda i: (alleged[i][1], alleged[i][0].id))
            for i in group:
                incident, barrels, quantity, start, end = alleged[i]
                for year, share in _year_shares(start, end).items():
                    row = year_row(year, commodity)
                    amount = barrels * share if i == counted else 0.0
                    row.alleged += amount
                    row.alleged_by_state[supplier] = row.alleged_by_state.get(supplier, 0.0) + amount
                    why = None if i == counted else f"same deliveries as {alleged[counted][0].id}; not added"
                    row.entries.append(_entry(year, incident, supplier, round(amount, 1), quantity, why))
    wanted = (
        sorted(rows)
        if years is None
        else [(y, c) for y in years for c in COMMODITIES if (y, c) in rows or c == COMMODITIES[0]]
    )
    return [year_row(y, c) for y, c in wanted]
