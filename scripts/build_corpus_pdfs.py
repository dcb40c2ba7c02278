#!/usr/bin/env python3
"""Build the bundled corpus PDFs from their source text.

Every ``src/watchkeeper/data/corpus/pdf-src/<id>.txt`` becomes ``articles/<id>.pdf``.

Source text format:
    first line        -> title line (bold, larger) at the top of page 1
    following lines   -> body; a blank line separates paragraphs; a line starting
                         with "## " is printed as a bold section heading (the "## "
                         prefix is not printed); a line starting with "- " is a
                         bullet item of its own
The footer of every page carries the short title and "Page N of M".
Only the fpdf2 core font Helvetica is used, so text must be latin-1 safe; common
typographic characters are mapped to latin-1 equivalents, anything else raises.
Output is deterministic: the creation date is fixed and no random ids are used.

Usage: python scripts/build_corpus_pdfs.py [ID ...]   (default: all sources)
"""

from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "src" / "watchkeeper" / "data" / "corpus"
SRC_DIR = CORPUS / "pdf-src"
OUT_DIR = CORPUS / "articles"

FIXED_DATE = _dt.datetime(2025, 1, 1, 0, 0, 0, tzinfo=_dt.UTC)

_REPLACEMENTS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u00a0": " ",
}


def latin1_safe(text: str) -> str:
    for bad, good in _REPLACEMENTS.items():
        text = text.replace(bad, good)
    try:
        text.encode("latin-1")
    except UnicodeEncodeError as exc:  # pragma: no cover - authoring error
        raise SystemExit(f"non latin-1 character in PDF source: {exc}") from exc
    return text


class _Doc(FPDF):
    def __init__(self, short_title: str):
        super().__init__(format="A4", unit="mm")
        self.short_title = short_title

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 10, f"{self.short_title}  -  Page {self.page_no()} of {{nb}}", align="C")


def build(src: Path, out_dir: Path = OUT_DIR) -> Path:
    lines = latin1_safe(src.read_text(encoding="utf-8")).splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    title = lines[0].strip()
    body = lines[1:]
    short = title if len(title) <= 70 else title[:67] + "..."

    pdf = _Doc(short)
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(title)
    pdf.set_author("Watchkeeper sample corpus")
    pdf.set_creator("scripts/build_corpus_pdfs.py")
    pdf.set_producer("fpdf2")
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, title)
    pdf.ln(4)

    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, " ".join(s.strip() for s in paragraph))
            pdf.ln(3)
            paragraph.clear()

    for line in body:
        if not line.strip():
            flush()
        elif line.startswith("## "):
            flush()
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 7, line[3:].strip())
            pdf.ln(2)
        elif line.startswith("- "):
            flush()
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, line.strip())
            pdf.ln(1)
        else:
            paragraph.append(line)
    flush()

    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{src.stem}.pdf"
    pdf.output(str(out))
    return out


def main(argv: list[str]) -> int:
    ids = argv[1:]
    sources = [SRC_DIR / f"{i}.txt" for i in ids] if ids else sorted(SRC_DIR.glob("*.txt"))
    for src in sources:
        if not src.exists():
            print(f"missing source: {src}", file=sys.stderr)
            return 1
        print(build(src).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
