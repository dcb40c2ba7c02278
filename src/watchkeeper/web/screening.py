"""Screening names against the sanctions lists (``watchkeeper.resolve``'s ScreeningIndex): page and API."""

from __future__ import annotations

import csv
import io
import json
import threading
from datetime import UTC, datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from watchkeeper.errors import WatchkeeperError
from watchkeeper.lists.lookup import lists_fingerprint
from watchkeeper.resolve.screening import ScreeningIndex
from watchkeeper.resolve.screening_export import MEDIA_TYPES, export_text, screen_queries
from watchkeeper.resolve.vessels import imo_only
from watchkeeper.store import Store
from watchkeeper.web.security import Caller, api_caller, get_store, page_caller
from watchkeeper.web.templating import templates

api_router = APIRouter(prefix="/api/v1/screen", tags=["screening"])
page_router = APIRouter(include_in_schema=False)
MAX_NAMES = 500
MAX_UPLOAD_BYTES = 1_000_000
MAX_NAME_CHARS = 1_000  # no listed name comes near this; a longer "name" is a mistake or an attack
_lock = threading.Lock()


class ScreenQuery(BaseModel):
    name: str = Field("", max_length=MAX_NAME_CHARS, description="The name (may be empty when imo is given).")
    imo: str | None = Field(None, max_length=20, description="An IMO number: alone it finds that hull.")


class ScreenIn(BaseModel):
    names: list[str] = Field([], description="Names to screen, at most 500.", max_length=MAX_NAMES)
    queries: list[ScreenQuery] = Field(
        [], description="Names with IMO numbers (either may be left out), at most 500.", max_length=MAX_NAMES
    )
    schema_: str | None = Field(None, alias="schema", description="Person, Organization or Vessel.")
    limit: int = Field(5, ge=1, le=20)


class ScreeningInputError(WatchkeeperError):
    """The names to screen cannot be read."""


def screening_index(request: Request, store: Store) -> ScreeningIndex:
    """The app's index, rebuilt only when the designations changed since it was built."""
    with store.session() as session:
        fingerprint = lists_fingerprint(session)
        with _lock:
            cached = getattr(request.app.state, "screening", None)
            if cached is None or cached[0] != fingerprint:
                cached = (fingerprint, ScreeningIndex.from_session(session))
                request.app.state.screening = cached
    return cached[1]


def screen_names(
    index: ScreeningIndex, names: list[tuple[str, str | None]], schema: str | None, limit: int
) -> list[dict[str, Any]]:
    """Each name (or IMO number) with its ranked hits (and explanations)."""
    return screen_queries(index, names, schema, limit)


def query_lines(text: str) -> list[tuple[str, str | None]]:
    """One query per line: a line that is only a valid IMO number screens that hull, any other a name."""
    out: list[tuple[str, str | None]] = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            imo = imo_only(line)
            out.append(("", imo) if imo else (line, None))
    return out


def export_response(results: list[dict[str, Any]], fmt: str) -> Response:
    """Screening results as a downloaded CSV or JSON file."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return Response(
        export_text(results, fmt),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="screening-{stamp}.{fmt}"'},
    )


def names_from_csv(data: bytes) -> list[tuple[str, str | None]]:
    """Names (and IMO numbers) from a CSV: the ``name`` column if the header has one, else column one."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ScreeningInputError(f"the CSV is larger than {MAX_UPLOAD_BYTES // 1000} kB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScreeningInputError(f"the CSV is not UTF-8 (byte {exc.start})") from None
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:  # a field over the csv module's size limit, a NUL byte
        raise ScreeningInputError(f"the CSV cannot be read: {exc}") from None
    if not rows:
        return []
    header = [h.strip().casefold() for h in rows[0]]
    name_col, imo_col, body = 0, None, rows
    if "name" in header:
        name_col, body = header.index("name"), rows[1:]
        imo_col = header.index("imo") if "imo" in header else None
    out = []
    for row in body:
        name = row[name_col].strip() if len(row) > name_col else ""
        imo = row[imo_col].strip() if imo_col is not None and len(row) > imo_col else None
        if name or imo:
            out.append((name, imo or None))
    return out


def _limited(names: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    if len(names) > MAX_NAMES:
        raise ScreeningInputError(f"screen at most {MAX_NAMES} names at once ({len(names)} given)")
    return names


@api_router.post("")
def screen_api(
    body: ScreenIn,
    request: Request,
    format_: Literal["csv", "json"] | None = Query(
        None, alias="format", description="Answer with a downloadable csv or json file instead."
    ),
    caller: Caller = Depends(api_caller()),
    store: Store = Depends(get_store),
) -> Any:
    """Screen names and/or IMO numbers against every designated name; ranked hits per query with
    explanations."""
    names: list[tuple[str, str | None]] = [(n.strip(), None) for n in body.names if n.strip()]
    names += [
        (q.name.strip(), (q.imo or "").strip() or None) for q in body.queries if q.name.strip() or q.imo
    ]
    results = screen_names(screening_index(request, store), _limited(names), body.schema_, body.limit)
    return export_response(results, format_) if format_ else results


@page_router.get("/screen")
def screen_form(request: Request, caller: Caller = Depends(page_caller())) -> Response:
    return templates.TemplateResponse(
        request, "screen.html", {"caller": caller, "results": None, "names": "", "schema": ""}
    )


async def _page_queries(names: str, queries: str, upload: UploadFile | None) -> list[tuple[str, str | None]]:
    wanted = query_lines(names)
    if queries:  # the results page's download forms carry the screened queries as JSON
        try:
            wanted += [(str(n), str(i) if i else None) for n, i in json.loads(queries)]
        except (ValueError, TypeError) as exc:
            raise ScreeningInputError("the screened queries cannot be read back") from exc
    if upload is not None and upload.filename:
        wanted += names_from_csv(await upload.read(MAX_UPLOAD_BYTES + 1))
    if any(len(n) > MAX_NAME_CHARS for n, _ in wanted):
        raise ScreeningInputError(f"a name is longer than {MAX_NAME_CHARS} characters")
    return _limited(wanted)


@page_router.post("/screen")
async def screen_page(
    request: Request,
    names: str = Form(""),
    schema_: str = Form("", alias="schema"),
    upload: UploadFile | None = File(None),
    caller: Caller = Depends(page_caller()),
    store: Store = Depends(get_store),
) -> Response:
    wanted = await _page_queries(names, "", upload)
    schema_or_none = schema_ if schema_ in ("Person", "Organization", "Vessel") else None
    results = screen_names(screening_index(request, store), wanted, schema_or_none, 5)
    return templates.TemplateResponse(
        request,
        "screen.html",
        {
            "caller": caller,
            "results": results,
            "names": names,
            "schema": schema_,
            "queries": json.dumps([[r["name"], r["imo"]] for r in results], ensure_ascii=False),
        },
    )


@page_router.post("/screen/export")
async def screen_export_page(
    request: Request,
    queries: str = Form("[]"),
    schema_: str = Form("", alias="schema"),
    format_: str = Form("csv", alias="format"),
    caller: Caller = Depends(page_caller()),
    store: Store = Depends(get_store),
) -> Response:
    """The screening page's results again, as a CSV or JSON download."""
    if format_ not in MEDIA_TYPES:
        raise ScreeningInputError(f"download as csv or json, not {format_!r}")
    wanted = await _page_queries("", queries, None)
    schema_or_none = schema_ if schema_ in ("Person", "Organization", "Vessel") else None
    return export_response(screen_names(screening_index(request, store), wanted, schema_or_none, 5), format_)
