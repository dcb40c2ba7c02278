"""``watchkeeper regime``: the sanctions regime as data — load it, list measures, show one, ask for the cap.

``list``, ``show`` and ``cap`` read the validated data files (the package's, or ``--data DIR``), so they work
before ``regime load``; ``load`` copies the data into the workspace's tables for other stages to link to.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import typer

from watchkeeper.cli.context import app_context
from watchkeeper.cli.output import JSON_OPTION, console, print_fields, print_json, print_records, print_table
from watchkeeper.errors import NotFoundError
from watchkeeper.regime import Kind, Measure, Regime, load_regime, sync_regime

app = typer.Typer(
    help="The UN DPRK sanctions regime as data: resolutions, measures, caps, and what was in force when.",
    no_args_is_help=True,
)

DATA_OPTION = typer.Option(
    None,
    "--data",
    help="Directory of regime data files to use instead of the bundled ones.",
    show_default=False,
)

_MEASURE_COLUMNS = [
    ("id", "Id"),
    ("kind", "Kind"),
    ("direction", "Direction"),
    ("subject", "Subject"),
    ("limit", "Limit"),
    ("effective_from", "From"),
    ("confidence", "Conf."),
]


def _parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2018-06-01", param_hint=option) from None


def _check_kind(kind: str | None) -> str | None:
    if kind is not None and kind not in {k.value for k in Kind}:
        raise typer.BadParameter(
            f"{kind!r}; choose one of {', '.join(k.value for k in Kind)}", param_hint="--kind"
        )
    return kind


def _check_commodity(regime: Regime, commodity: str | None) -> str | None:
    if commodity is not None and commodity not in regime.commodities:
        raise NotFoundError(
            f"unknown commodity {commodity!r}; known tags: {', '.join(sorted(regime.commodities))}"
        )
    return commodity


def _limit_text(limit: dict[str, Any] | None) -> str:
    if not limit:
        return ""
    amount = f"{limit['value']:,}" if limit.get("value") is not None else "(see basis)"
    extra = "".join(f" or {a['value']:,} {a['unit']}" for a in limit.get("alternatives", []))
    return f"{amount} {limit['unit']}{extra} ({limit['period']} from {limit['starts']})"


def _row(regime: Regime, measure: Measure, on: date | None) -> dict[str, Any]:
    record = measure.to_record()
    record.update(regime.measure_status(measure, on))
    shown = record.get("limit_on_date") if on is not None else (record["limits"] or [None])[-1]
    record["limit"] = _limit_text(shown)
    return record


@app.command("load")
def load(
    ctx: typer.Context,
    data: Path | None = DATA_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Validate the regime data files and copy them into the workspace (a rerun changes nothing)."""
    regime = load_regime(data)
    with app_context(ctx).store.session() as session:
        result = sync_regime(session, regime)
    record = {
        "resolutions": len(regime.resolutions),
        "measures": len(regime.measures),
        "inserted": result.inserted,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "removed": result.removed,
        "version": result.version,
        "previous_version": result.previous_version,
    }
    if as_json:
        print_json(record)
        return
    console.print(
        f"Regime {result.version}: {len(regime.resolutions)} resolutions, {len(regime.measures)} measures; "
        f"{result.inserted} inserted, {result.updated} updated, {result.unchanged} unchanged, "
        f"{result.removed} marked removed."
    )


@app.command("list")
def list_measures(
    in_force_on: str | None = typer.Option(
        None, "--in-force-on", help="Only measures in force on this date."
    ),
    kind: str | None = typer.Option(
        None, "--kind", help="ban, cap, designation, obligation, inspection, ..."
    ),
    commodity: str | None = typer.Option(
        None, "--commodity", help="A commodity tag, e.g. refined_petroleum."
    ),
    resolution: int | None = typer.Option(None, "--resolution", help="Only measures of this resolution."),
    data: Path | None = DATA_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List measures, filtered by date in force, kind, commodity and resolution."""
    regime = load_regime(data)
    on = _parse_day(in_force_on, "--in-force-on")
    _check_kind(kind)
    _check_commodity(regime, commodity)
    if resolution is not None:
        regime.resolution(resolution)
    measures = regime.select(kind=kind, commodity=commodity, resolution=resolution)
    if on is not None:
        measures = [m for m in measures if regime.is_in_force(m, on)]
    rows = [_row(regime, m, on) for m in measures]
    title = f"Measures in force on {on}" if on else "Measures"
    print_records(rows, as_json=as_json, columns=_MEASURE_COLUMNS, title=title, empty="No measures match.")


@app.command("show")
def show(
    ref: str = typer.Argument(..., help="A resolution number (2397) or a measure id (2397-op5)."),
    on: str | None = typer.Option(
        None, "--on", help="Also say whether the measure was in force on this date."
    ),
    data: Path | None = DATA_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show a resolution with its measures, or one measure with its amendment chain."""
    regime = load_regime(data)
    day = _parse_day(on, "--on")
    if ref.strip().isdigit():
        resolution = regime.resolution(ref)
        record = resolution.to_record(with_measures=True)
        if as_json:
            print_json(record)
            return
        print_fields(
            {k: v for k, v in record.items() if k not in {"measures", "measure_ids"}},
            title=f"Resolution {resolution.number} ({resolution.adopted})",
        )
        print_table([_row(regime, m, day) for m in resolution.measures], _MEASURE_COLUMNS, title="Measures")
        return
    measure = regime.measure(ref)
    record = measure.to_record()
    record.update(regime.measure_status(measure, day))
    record["chain"] = [
        {
            "via": link.via,
            "relation": link.relation,
            "measure_id": link.measure_id,
            "effective_from": link.effective_from,
        }
        for link in regime.chain(measure.id)
    ]
    if as_json:
        print_json(record)
        return
    fields = {k: v for k, v in record.items() if k not in {"limits", "reporting", "alerts", "chain"}}
    fields["limits"] = [_limit_text(limit) for limit in record["limits"]]
    fields["reporting"] = [f"{r['by']} → {r['to']}: {r['what']} ({r['when']})" for r in record["reporting"]]
    if record["alerts"]:
        alerts = record["alerts"]
        fields["alerts"] = (
            f"{alerts['issued_by']} at {alerts['thresholds_percent'] or '?'} % — {alerts['note'] or ''}"
        )
    fields["chain"] = [
        f"{c['via']} {c['relation']} {c['measure_id']} ({c['effective_from']})" for c in record["chain"]
    ]
    print_fields(
        fields, title=f"Measure {measure.id} (resolution {measure.resolution}, paragraph {measure.paragraph})"
    )


@app.command("cap")
def cap(
    commodity: str = typer.Argument(..., help="Commodity tag, e.g. refined_petroleum, crude_oil, coal."),
    on: str = typer.Option(..., "--on", help="The date to ask about, e.g. 2018-06-01."),
    data: Path | None = DATA_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Which cap on a commodity was in force on a date, with its limit and period."""
    regime = load_regime(data)
    day = _parse_day(on, "--on")
    assert day is not None  # --on is required
    _check_commodity(regime, commodity)
    measure = regime.cap_in_force(commodity, day)
    record: dict[str, Any] = {
        "commodity": commodity,
        "on": day,
        "measure_id": None,
        "limit": None,
        "period": None,
    }
    if measure is not None:
        status = regime.measure_status(measure, day)
        record.update(
            measure_id=measure.id,
            resolution=measure.resolution,
            paragraph=measure.paragraph,
            subject=measure.subject,
            limit=status["limit_on_date"],
            period=status["period_on_date"],
            reporting=[r.model_dump(mode="json") for r in measure.reporting],
            alerts=measure.alerts.model_dump(mode="json") if measure.alerts else None,
            confidence=measure.confidence.value,
        )
    if as_json:
        print_json(record)
        return
    if measure is None:
        console.print(f"No cap on {commodity} was in force on {day}.")
        return
    period = record["period"]
    console.print(
        f"{day}: [bold]{measure.id}[/] (resolution {measure.resolution}, paragraph {measure.paragraph}) — "
        f"{_limit_text(record['limit'])}; current period {period[0]} to {period[1] or 'open'}."
    )
