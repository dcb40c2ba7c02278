"""Reports in the workbench: generate one for a period and format with ``watchkeeper.report``; list; download.

Generated files are kept in ``<workspace>/reports/`` under names the app makes itself; a download accepts only
such a name, so no request can reach another file. A Markdown report is kept as a zip of the ``.md`` and its
``-charts/`` folder of SVG figures, which the ``.md`` references by relative path.
"""

from __future__ import annotations

import re
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from watchkeeper.audit import record_change
from watchkeeper.config import Settings
from watchkeeper.errors import NotFoundError, WatchkeeperError
from watchkeeper.report import FORMATS, bundle_markdown, write_report
from watchkeeper.store import Store
from watchkeeper.web.security import Caller, api_caller, get_store, page_caller
from watchkeeper.web.templating import templates

api_router = APIRouter(prefix="/api/v1/reports", tags=["reports"])
page_router = APIRouter(include_in_schema=False)
MEDIA_TYPES = {"html": "text/html", "md": "text/markdown", "pdf": "application/pdf", "zip": "application/zip"}
FILE_NAME = re.compile(r"^report-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-\d{8}T\d{6}Z\.[a-z]+$")


class ReportError(WatchkeeperError):
    """A report cannot be generated as asked."""


class ReportIn(BaseModel):
    start: date = Field(description="First day of the period.")
    end: date = Field(description="Last day of the period.")
    format: str = Field("html", description="html, md or pdf.")


def reports_dir(settings: Settings) -> Path:
    return Path(settings.workspace) / "reports"


def generate_report(store: Store, settings: Settings, start: date, end: date, fmt: str, actor: str) -> Path:
    """Write the report for [start, end] in ``fmt`` with ``watchkeeper.report.write_report``; audited."""
    if fmt not in FORMATS:
        raise ReportError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    if end < start:
        raise ReportError(f"the period ends ({end}) before it starts ({start})")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    name = f"report-{start}-{end}-{stamp}"
    folder = reports_dir(settings)
    if fmt == "md":
        # the .md references its charts by relative path: hand both over as one zip
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder) as staging:
            written = write_report(
                store, start, end, fmt, Path(staging) / f"{name}.md", maritime_dir=settings.maritime_dir
            )
            written.path = bundle_markdown(written, folder / f"{name}.zip")
    else:
        written = write_report(
            store, start, end, fmt, folder / f"{name}.{fmt}", maritime_dir=settings.maritime_dir
        )
    with store.session() as session:
        record_change(
            session,
            actor=actor,
            action="report.generate",
            record_type="report",
            record_id=written.path.name,
            after={"start": start.isoformat(), "end": end.isoformat(), "format": fmt,
                   "incidents": written.incidents, "sources": written.sources,
                   "bytes": written.path.stat().st_size},
        )  # fmt: skip
    return written.path


def report_files(settings: Settings) -> list[dict[str, Any]]:
    """Generated reports, newest first."""
    folder = reports_dir(settings)
    files = [p for p in folder.iterdir() if FILE_NAME.match(p.name)] if folder.is_dir() else []
    rows = []
    for path in sorted(files, key=lambda p: p.name[-24:], reverse=True):
        stat = path.stat()
        rows.append({"name": path.name, "format": path.suffix[1:], "bytes": stat.st_size,
                     "created_at": datetime.fromtimestamp(stat.st_mtime, UTC),
                     "url": f"/api/v1/reports/{path.name}"})  # fmt: skip
    return rows


def report_file(settings: Settings, name: str) -> Path:
    """A generated report by its file name (nothing else is reachable)."""
    path = reports_dir(settings) / name
    if not FILE_NAME.match(name) or not path.is_file():
        raise NotFoundError(f"no report named {name!r}")
    return path


def _download(path: Path) -> FileResponse:
    media = MEDIA_TYPES.get(path.suffix[1:], "application/octet-stream")
    return FileResponse(path, media_type=media, filename=path.name)


@api_router.get("")
def reports_api(request: Request, caller: Caller = Depends(api_caller())) -> list[dict[str, Any]]:
    """Reports generated so far, newest first, with their download URL."""
    return report_files(request.app.state.settings)


@api_router.post("")
def generate_api(
    body: ReportIn,
    request: Request,
    caller: Caller = Depends(api_caller("analyst")),
    store: Store = Depends(get_store),
) -> FileResponse:
    """Generate a report for a period (analysts; audited) and return the file."""
    path = generate_report(
        store, request.app.state.settings, body.start, body.end, body.format, caller.principal.username
    )
    return _download(path)


@api_router.get("/{name}", response_class=FileResponse)
def report_api(name: str, request: Request, caller: Caller = Depends(api_caller())) -> FileResponse:
    """Download a generated report."""
    return _download(report_file(request.app.state.settings, name))


@page_router.get("/reports")
def reports_page(request: Request, caller: Caller = Depends(page_caller())) -> Response:
    today = date.today()
    return templates.TemplateResponse(
        request,
        "reports.html",
        {
            "caller": caller,
            "rows": report_files(request.app.state.settings),
            "formats": list(FORMATS),
            "start": date(today.year - 1, 1, 1),
            "end": today,
        },
    )


@page_router.post("/reports")
def generate_form(
    request: Request,
    start: date = Form(...),
    end: date = Form(...),
    format: str = Form("html"),
    caller: Caller = Depends(page_caller("analyst")),
    store: Store = Depends(get_store),
) -> Response:
    path = generate_report(store, request.app.state.settings, start, end, format, caller.principal.username)
    return RedirectResponse(f"/reports?made={path.name}", status_code=303)


@page_router.get("/reports/{name}")
def download_page(name: str, request: Request, caller: Caller = Depends(page_caller())) -> FileResponse:
    return _download(report_file(request.app.state.settings, name))
