"""Jinja2 templates of the workbench pages, with the filters they share."""

from __future__ import annotations

from datetime import date, datetime
from importlib import resources

from fastapi.templating import Jinja2Templates

from watchkeeper.report.render import link_url

templates = Jinja2Templates(directory=str(resources.files("watchkeeper.web") / "templates"))


def form_date(value: str | None) -> date | None:
    """A date typed in a page's form; a malformed one is ignored (no error page), as if left empty."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _when(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


DIRECTIONS = {
    "to_dprk": "to the DPRK",
    "from_dprk": "from the DPRK",
    "both": "to and from the DPRK",
    "none": "—",
}


def _direction(value: object) -> str:
    return DIRECTIONS.get(str(value), str(value).replace("_", " "))


templates.env.filters["when"] = _when
templates.env.filters["direction"] = _direction
templates.env.filters["link_url"] = link_url
