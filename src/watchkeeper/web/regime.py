"""The sanctions regime in the workbench: measures and resolutions (API under /api/v1 and pages)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from watchkeeper.errors import NotFoundError, WatchkeeperError
from watchkeeper.regime import load_regime
from watchkeeper.regime.catalogue import Regime
from watchkeeper.regime.models import Kind, Measure
from watchkeeper.web.security import Caller, api_caller, page_caller
from watchkeeper.web.templating import templates

api_router = APIRouter(prefix="/api/v1", tags=["regime"])
page_router = APIRouter(include_in_schema=False)


def _measure_record(regime: Regime, measure: Measure, on: date | None) -> dict[str, Any]:
    record = measure.to_record()
    record.update(regime.measure_status(measure, on))
    return record


def _select(
    regime: Regime, on: date | None, kind: str | None, commodity: str | None, resolution: int | None
) -> list[Measure]:
    if kind is not None and kind not in {k.value for k in Kind}:
        raise WatchkeeperError(f"unknown kind {kind!r}; choose one of {', '.join(k.value for k in Kind)}")
    if commodity is not None and commodity not in regime.commodities:
        raise NotFoundError(f"unknown commodity {commodity!r}")
    measures = regime.select(kind=kind, commodity=commodity, resolution=resolution)
    return [m for m in measures if on is None or regime.is_in_force(m, on)]


@api_router.get("/measures")
def measures_api(
    in_force_on: date | None = Query(None, description="Only measures in force on this date."),
    kind: str | None = Query(None, description="ban, cap, designation, obligation, inspection, ..."),
    commodity: str | None = Query(None, description="A commodity tag such as refined_petroleum."),
    resolution: int | None = Query(None, description="A resolution number such as 2397."),
    caller: Caller = Depends(api_caller()),
) -> list[dict[str, Any]]:
    """Measures of the regime, with whether each is in force on the given date."""
    regime = load_regime()
    return [
        _measure_record(regime, m, in_force_on)
        for m in _select(regime, in_force_on, kind, commodity, resolution)
    ]


@api_router.get("/measures/{measure_id}")
def measure_api(
    measure_id: str, on: date | None = None, caller: Caller = Depends(api_caller())
) -> dict[str, Any]:
    """One measure with its amendment chain (``on`` adds whether it is in force then and its limit)."""
    regime = load_regime()
    record = _measure_record(regime, regime.measure(measure_id), on)
    record["chain"] = [asdict(link) for link in regime.chain(measure_id)]
    return record


@api_router.get("/resolutions")
def resolutions_api(caller: Caller = Depends(api_caller())) -> list[dict[str, Any]]:
    """The resolutions of the regime (without their measures)."""
    return [r.model_dump(mode="json", exclude={"measures"}) for r in load_regime().resolutions]


@api_router.get("/resolutions/{number}")
def resolution_api(number: int, caller: Caller = Depends(api_caller())) -> dict[str, Any]:
    """One resolution with its measures."""
    regime = load_regime()
    resolution = regime.resolution(number)
    record = resolution.model_dump(mode="json", exclude={"measures"})
    record["measures"] = [_measure_record(regime, m, None) for m in regime.select(resolution=number)]
    return record


@page_router.get("/regime")
def regime_page(
    request: Request,
    in_force_on: str | None = None,
    kind: str | None = None,
    commodity: str | None = None,
    caller: Caller = Depends(page_caller()),
) -> Response:
    regime = load_regime()
    try:
        on = date.fromisoformat(in_force_on) if in_force_on else None
    except ValueError as exc:
        raise WatchkeeperError(f"{in_force_on!r} is not a date (YYYY-MM-DD)") from exc
    rows = [
        _measure_record(regime, m, on) for m in _select(regime, on, kind or None, commodity or None, None)
    ]
    return templates.TemplateResponse(
        request,
        "regime.html",
        {
            "caller": caller,
            "rows": rows,
            "resolutions": {r.number: r for r in regime.resolutions},
            "on": in_force_on or "",
            "kind": kind or "",
            "commodity": commodity or "",
            "kinds": [k.value for k in Kind],
            "commodities": sorted(regime.commodities),
        },
    )


@page_router.get("/regime/{measure_id}")
def measure_page(request: Request, measure_id: str, caller: Caller = Depends(page_caller())) -> Response:
    regime = load_regime()
    record = _measure_record(regime, regime.measure(measure_id), date.today())
    return templates.TemplateResponse(
        request,
        "measure.html",
        {
            "caller": caller,
            "m": record,
            "resolution": regime.resolution(record["resolution"]),
            "chain": regime.chain(measure_id),
        },
    )
