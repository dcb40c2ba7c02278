"""Screening names against the sanctions lists (``watchkeeper.resolve``'s ScreeningIndex): page and API."""

from __future__ import annotations

import csv
import io
import threading
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from watchkeeper.errors import WatchkeeperError
from watchkeeper.lists.lookup import lists_fingerprint
from watchkeeper.resolve.screening import ScreeningIndex
from watchkeeper.store import Store
from watchkeeper.web.security import Caller, api_caller, get_store, page_caller
from watchkeeper.web.templating import templates

api_router = APIRouter(prefix="/api/v1/screen", tags=["screening"])
page_router = APIRouter(include_in_schema=False)
MAX_NAMES = 500
MAX_UPLOAD_BYTES = 1_000_000
_lock = threading.Lock()


class ScreenIn(BaseModel):
    names: list[str] = Field(description="Names to screen, at most 500.", max_length=MAX_NAMES)
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
    """Each name with its ranked hits (and explanations)."""
    return [
        {
            "name": name,
            "imo": imo,
            "hits": [h.to_dict() for h in index.screen(name, schema=schema, imo=imo, limit=limit)],
        }
        for name, imo in names
    ]


def names_from_csv(data: bytes) -> list[tuple[str, str | None]]:
    """Names (and IMO numbers) from a CSV: the ``name`` column if the header has one, else column one."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ScreeningInputError(f"the CSV is larger than {MAX_UPLOAD_BYTES // 1000} kB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScreeningInputError(f"the CSV is not UTF-8 (byte {exc.start})") from None
    rows = list(csv.reader(io.StringIO(text)))
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
        if name:
            imo = row[imo_col].strip() if imo_col is not None and len(row) > imo_col else None
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
    caller: Caller = Depends(api_caller()),
    store: Store = Depends(get_store),
) -> list[dict[str, Any]]:
    """Screen names against every designated name; ranked hits per name with explanations."""
    names: list[tuple[str, str | None]] = [(n.strip(), None) for n in body.names if n.strip()]
    return screen_names(screening_index(request, store), names, body.schema_, body.limit)


@page_router.get("/screen")
def screen_form(request: Request, caller: Caller = Depends(page_caller())) -> Response:
    return templates.TemplateResponse(
        request, "screen.html", {"caller": caller, "results": None, "names": "", "schema": ""}
    )


@page_router.post("/screen")
async def screen_page(
    request: Request,
    names: str = Form(""),
    schema_: str = Form("", alias="schema"),
    upload: UploadFile | None = File(None),
    caller: Caller = Depends(page_caller()),
    store: Store = Depends(get_store),
) -> Response:
    wanted: list[tuple[str, str | None]] = [
        (line.strip(), None) for line in names.splitlines() if line.strip()
    ]
    if upload is not None and upload.filename:
        wanted += names_from_csv(await upload.read(MAX_UPLOAD_BYTES + 1))
    schema_or_none = schema_ if schema_ in ("Person", "Organization", "Vessel") else None
    results = screen_names(screening_index(request, store), _limited(wanted), schema_or_none, 5)
    return templates.TemplateResponse(
        request, "screen.html", {"caller": caller, "results": results, "names": names, "schema": schema_}
    )
