"""The panel report: findings per measure, the cap ledger, designated parties, recommendations and sources,
as HTML, Markdown or PDF.

Entry points: :func:`build_report` (the report as data) and :func:`write_report` (build and write a file).
"""

from watchkeeper.report.build import ReportData, build_report
from watchkeeper.report.render import (
    FORMATS,
    bundle_markdown,
    render_html,
    render_markdown,
    with_charts,
    write_report,
)

__all__ = [
    "FORMATS",
    "ReportData",
    "build_report",
    "bundle_markdown",
    "render_html",
    "render_markdown",
    "with_charts",
    "write_report",
]
