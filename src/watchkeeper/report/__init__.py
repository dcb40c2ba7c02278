"""The panel report: findings per measure, the cap ledger, designated parties, recommendations and sources,
as HTML, Markdown or PDF.

Entry points: :func:`build_report` (the report as data, :mod:`watchkeeper.report.model`),
:func:`write_report` (build and write a file) and :func:`explain_paragraph` (where paragraph N's figures
come from).
"""

from watchkeeper.report.build import build_report
from watchkeeper.report.explain import explain_paragraph
from watchkeeper.report.model import ReportData
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
    "explain_paragraph",
    "render_html",
    "render_markdown",
    "with_charts",
    "write_report",
]
