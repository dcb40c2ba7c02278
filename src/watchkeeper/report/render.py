"""Writing a report: HTML (charts inline as SVG), Markdown (charts as SVG files in a folder beside it, or the
two zipped together), PDF."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from watchkeeper.errors import WatchkeeperError
from watchkeeper.regime import Regime, load_regime
from watchkeeper.report.build import ReportData, build_report
from watchkeeper.report.charts import ledger_svg, maritime_map_svg, timeline_svg
from watchkeeper.store import Store

FORMATS = ("html", "md", "pdf")


def _templates_dir() -> Path:
    return Path(str(resources.files("watchkeeper.report") / "templates"))


# The offline report opened from disk has no server to send headers: it carries its policy itself. Styles are
# inline (the <style> block, SVG attributes); nothing else may load or run.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
)
_WEB_URL = re.compile(r"https?://[^\s/?#]+\S*", re.IGNORECASE)


def link_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) address, the only kind made a link; None otherwise.

    A document's address comes from its source and could be ``javascript:`` or ``data:``, which a browser
    would run when clicked.
    """
    return url if url and _WEB_URL.fullmatch(url) else None


def _environment(autoescape: bool) -> Environment:
    environment = Environment(
        loader=FileSystemLoader(_templates_dir()),
        autoescape=select_autoescape(["html", "j2"]) if autoescape else False,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    environment.filters["link_url"] = link_url
    environment.globals["report_csp"] = REPORT_CSP
    return environment


def with_charts(data: ReportData) -> ReportData:
    """Draw the report's figures into ``data.charts``."""
    data.charts = {
        "timeline": timeline_svg(data.incidents, data.start, data.end),
        "ledger": ledger_svg(data.ledger),
    }
    if data.maritime is not None:
        data.charts["maritime_map"] = maritime_map_svg(data.maritime)
    return data


def render_html(data: ReportData) -> str:
    """The report as one self-contained HTML page."""
    css = (_templates_dir() / "report.css").read_text(encoding="utf-8")
    return _environment(True).get_template("report.html.j2").render(data=data, charts=data.charts, css=css)


def render_markdown(data: ReportData, figures: dict[str, str]) -> str:
    """The report as Markdown; ``figures`` maps chart names to the image paths to reference."""
    text = _environment(False).get_template("report.md.j2").render(data=data, figures=figures)
    return "\n".join(line.rstrip() for line in text.splitlines()).replace("\n\n\n", "\n\n") + "\n"


@lru_cache(maxsize=1)
def covered_characters() -> frozenset[int]:
    """Every code point some installed font can draw (a glyph no font has breaks the PDF's text layer)."""
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager

    points: set[int] = set()
    for path in font_manager.findSystemFonts():
        try:
            points.update((TTFont(path, fontNumber=0, lazy=True).getBestCmap() or {}).keys())
        except (OSError, ValueError, KeyError, AssertionError):  # a font file fontTools cannot read: skip it
            continue
    return frozenset(points)


def _script_name(text: str) -> str:
    return unicodedata.name(text[0], "UNKNOWN").split()[0].capitalize()


def drawable(html: str) -> str:
    """Runs of characters no installed font covers, replaced by a note naming their script."""
    covered = covered_characters()
    if not covered:
        return html
    pattern = (
        "["
        + "".join(re.escape(c) for c in {c for c in html if ord(c) > 127 and ord(c) not in covered})
        + "]+"
    )
    if pattern == "[]+":
        return html
    return re.sub(pattern, lambda m: f"[{_script_name(m.group(0))} text]", html)


def write_pdf(html: str, out: Path) -> None:
    """Lay the HTML out as a PDF with WeasyPrint (text no installed font can draw is named, not drawn)."""
    from weasyprint import HTML

    HTML(string=drawable(html), base_url=str(out.parent)).write_pdf(out)


@dataclass
class WrittenReport:
    """What ``write_report`` produced."""

    path: Path
    format: str
    incidents: int
    sections: int
    sources: int
    extra_files: list[Path]


def write_report(
    store: Store,
    start: date,
    end: date,
    fmt: str,
    out: Path,
    regime: Regime | None = None,
    *,
    include_synthetic: bool = False,
    maritime_dir: Path | None = None,
) -> WrittenReport:
    """Build the report for [start, end] from the store and write it in ``fmt`` to ``out``; ``maritime_dir``
    (the workspace's AIS positions) gives the maritime track excerpts their speed and course."""
    if fmt not in FORMATS:
        raise WatchkeeperError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if end < start:
        raise WatchkeeperError(f"--to {end} is before --from {start}")
    regime = regime or load_regime()
    with store.session() as session:
        data = with_charts(
            build_report(
                session, regime, start, end, include_synthetic=include_synthetic, maritime_dir=maritime_dir
            )
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    extra: list[Path] = []
    if fmt == "md":
        folder = out.with_name(f"{out.stem}-charts")
        folder.mkdir(exist_ok=True)
        figures = {}
        for name, svg in data.charts.items():
            path = folder / f"{name}.svg"
            path.write_text(svg, encoding="utf-8")
            figures[name] = quote(f"{folder.name}/{path.name}")
            extra.append(path)
        out.write_text(render_markdown(data, figures), encoding="utf-8")
    elif fmt == "html":
        out.write_text(render_html(data), encoding="utf-8")
    else:
        write_pdf(render_html(data), out)
    return WrittenReport(out, fmt, len(data.incidents), len(data.sections), len(data.sources), extra)


def bundle_markdown(written: WrittenReport, bundle: Path) -> Path:
    """A Markdown report and its chart folder as one zip, paths kept, so the unzipped .md shows its charts."""
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in (written.path, *written.extra_files):
            archive.write(path, path.relative_to(written.path.parent).as_posix())
    return bundle
