"""``watchkeeper maritime``: AIS in, detectors, events tied to designated vessels, a map, a scenario."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.progress import TaskID

from watchkeeper.cli.context import app_context
from watchkeeper.cli.output import JSON_OPTION, console, print_fields, print_json, print_records, progress
from watchkeeper.errors import NotFoundError, WatchkeeperError
from watchkeeper.maritime.config import load_config
from watchkeeper.maritime.events import EVENT_KINDS, DetectionRecord, event_record, list_events, run_detection
from watchkeeper.maritime.geo import load_ports
from watchkeeper.maritime.identity import identity_history
from watchkeeper.maritime.ingest import FORMATS, ImportRecord, import_file
from watchkeeper.maritime.positions import read_positions, summary
from watchkeeper.maritime.scenario import write_scenario
from watchkeeper.maritime.tracks import build_tracks

app = typer.Typer(
    help="Ship tracking: import AIS (NMEA or CSV), detect transfers at sea, dark periods, DPRK port calls "
    "and identity changes, and tie them to designated vessels.",
    no_args_is_help=True,
)


@app.command("import")
def import_command(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(
        ..., help="AIS files: NMEA logs (tag blocks optional) or CSV exports."
    ),
    fmt: str = typer.Option("auto", "--format", help=f"One of {', '.join(FORMATS)}."),
    synthetic: bool | None = typer.Option(
        None,
        "--synthetic/--real",
        help="Flag the files as synthetic (demonstration) data. Default: synthetic when a provenance.json "
        "beside the file (written by `maritime scenario`) names it.",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Import AIS files; a rerun resumes an interrupted file and adds nothing for a finished one."""
    app_ctx = app_context(ctx)
    results: list[ImportRecord] = []
    with progress() as bar:
        for path in files:
            task = bar.add_task(
                f"import {path.name}", total=max(path.stat().st_size if path.exists() else 1, 1)
            )

            def advance(done: int, _total: int, task: TaskID = task) -> None:
                bar.update(task, completed=done)

            result = import_file(
                app_ctx.store, app_ctx.settings, path, fmt, progress=advance, synthetic=synthetic
            )
            results.append(result.as_dict())
    if as_json:
        for r in results:
            print_json(r)
        return
    for r in results:
        state = "already imported" if r["already_imported"] else f"{r['positions']:,} positions"
        resumed = r["batches_resumed"] and not r["already_imported"]
        note = f", resumed after batch {r['batches_resumed']}" if resumed else ""
        flag = ", SYNTHETIC demonstration data" if r["synthetic"] else ""
        console.print(f"{r['path']}: {state} ({r['format']}, {r['batches']} batches{note}{flag})")
        if r["rejected"]:
            console.print("  rejected: " + ", ".join(f"{k} {v:,}" for k, v in r["rejected"].items()))
        if r["skipped"]:
            console.print(
                "  skipped (types not used): " + ", ".join(f"{k} {v:,}" for k, v in r["skipped"].items())
            )


@app.command("detect")
def detect_command(
    ctx: typer.Context,
    config: Path | None = typer.Option(None, "--config", help="TOML file overriding detector thresholds."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Detect gaps, encounters, loitering, port calls and identity changes over every stored position."""
    app_ctx = app_context(ctx)
    with progress() as bar:
        bar.add_task("detecting", total=None)
        result: DetectionRecord = run_detection(
            app_ctx.settings, app_ctx.store, load_config(config)
        ).as_dict()
    if as_json:
        print_json(result)
        return
    console.print(
        f"{result['positions']:,} positions, {result['vessels']} vessels, {result['segments']} segments"
    )
    for kind, n in result["events"].items():
        console.print(f"  {kind}: {n}")
    console.print(f"  events involving a designated vessel: {result['matched_events']}")
    if result["synthetic_events"]:
        console.print(f"  events on synthetic (demonstration) data: {result['synthetic_events']}")


def _event_row(record: dict[str, Any]) -> dict[str, Any]:
    names = [v.get("name") or v["mmsi"] for v in record["vessels"]]
    return {
        **record,
        "vessel_names": ", ".join(str(n) for n in names),
        "when": f"{record['start_at']:%Y-%m-%d %H:%M} → {record['end_at']:%Y-%m-%d %H:%M}",
        "where": record["port"]
        or (f"{record['lat']:.3f}, {record['lon']:.3f}" if record["lat"] is not None else ""),
        "designated": ", ".join(record["designation_ids"]),
        "hints": ", ".join(record["measure_hints"]),
    }


@app.command("events")
def events_command(
    ctx: typer.Context,
    kind: str | None = typer.Option(None, "--kind", help=f"Only one kind: {', '.join(EVENT_KINDS)}."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List stored maritime events in time order."""
    if kind is not None and kind not in EVENT_KINDS:
        raise typer.BadParameter(f"{kind!r}; choose one of {', '.join(EVENT_KINDS)}", param_hint="--kind")
    with app_context(ctx).store.session() as session:
        records = [event_record(e) for e in list_events(session, kind)]
    columns = [
        ("kind", "Kind"),
        ("vessel_names", "Vessels"),
        ("when", "When (UTC)"),
        ("where", "Where"),
        ("incident_kind", "Incident"),
        ("designated", "Designated"),
        ("hints", "Measures"),
    ]
    print_records(
        records if as_json else [_event_row(r) for r in records],
        as_json=as_json,
        columns=columns,
        empty="No maritime events; run `watchkeeper maritime detect`.",
    )


def _identity_record(row: Any) -> dict[str, Any]:
    return {
        "mmsi": row.mmsi,
        "name": row.name,
        "imo": row.imo,
        "call_sign": row.call_sign,
        "ship_type": row.ship_type,
        "flag": row.flag,
        "draught": row.draught,
        "destination": row.destination,
        "first_seen": row.first_seen,
        "last_seen": row.last_seen,
    }


@app.command("vessels")
def vessels_command(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """Every MMSI with its latest broadcast identity and how many identities it used."""
    with app_context(ctx).store.session() as session:
        by_mmsi: dict[str, list] = {}
        for row in identity_history(session):
            by_mmsi.setdefault(row.mmsi, []).append(row)
    records = [{**_identity_record(rows[-1]), "identities": len(rows)} for rows in by_mmsi.values()]
    print_records(
        records,
        as_json=as_json,
        columns=[
            ("mmsi", "MMSI"),
            ("name", "Name"),
            ("imo", "IMO"),
            ("call_sign", "Call sign"),
            ("flag", "Flag"),
            ("identities", "Identities"),
            ("last_seen", "Last seen"),
        ],
        empty="No vessels; import AIS with `watchkeeper maritime import FILE`.",
    )


@app.command("vessel")
def vessel_command(
    ctx: typer.Context, mmsi: str = typer.Argument(..., help="The MMSI."), as_json: bool = JSON_OPTION
) -> None:
    """One MMSI's identity history: every name, IMO and call sign it broadcast, first and last seen."""
    with app_context(ctx).store.session() as session:
        history = [_identity_record(r) for r in identity_history(session, mmsi)]
    if not history:
        raise NotFoundError(f"no identity broadcast by MMSI {mmsi}")
    record = {"mmsi": mmsi, "flag": history[-1]["flag"], "identities": history}
    if as_json:
        print_json(record)
        return
    print_fields({"mmsi": mmsi, "flag": history[-1]["flag"]}, title=f"MMSI {mmsi}")
    print_records(
        history,
        as_json=False,
        columns=[
            ("name", "Name"),
            ("imo", "IMO"),
            ("call_sign", "Call sign"),
            ("ship_type", "Type"),
            ("first_seen", "First seen"),
            ("last_seen", "Last seen"),
        ],
    )


@app.command("map")
def map_command(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", help="Output file, .png or .svg."),
    kind: str | None = typer.Option(None, "--kind", help="Only events of one kind."),
) -> None:
    """Draw tracks, ports and events to a static map."""
    from watchkeeper.maritime.maps import draw_map

    app_ctx = app_context(ctx)
    if not summary(app_ctx.settings.maritime_dir)["positions"]:
        raise WatchkeeperError("no positions in this workspace; import AIS first")
    tracks = build_tracks(read_positions(app_ctx.settings.maritime_dir))
    with app_ctx.store.session() as session:
        events = [event_record(e) for e in list_events(session, kind)]
    draw_map(tracks, events, load_ports(), out)
    console.print(f"map of {len(tracks):,} positions and {len(events)} events written to {out}")


@app.command("scenario")
def scenario_command(
    out: Path = typer.Option(
        ..., "--out", help="Directory for scenario.nmea, scenario.csv, gold.json and provenance.json."
    ),
    seed: int = typer.Option(7, "--seed", help="Random seed (same seed, same files)."),
) -> None:
    """Write a synthetic AIS scenario with planted transfers, dark periods, renames and DPRK port calls."""
    gold = write_scenario(out, seed)
    console.print(
        f"{gold['positions']:,} positions, {gold['sentences']:,} NMEA lines written to {out} "
        f"({len(gold['encounters'])} transfers, {len(gold['gaps'])} dark periods, "
        f"{len(gold['port_calls'])} DPRK port calls planted; truth in gold.json)"
    )
