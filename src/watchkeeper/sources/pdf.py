"""PDF reports: text per page (pypdf), reflowed into paragraphs, page offsets kept for citation."""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader
from pypdf.errors import LimitReachedError, PdfReadError, PyPdfError

from watchkeeper.sources.document import SourceDocument, SourceError

_PAGE_FOOTER = re.compile(
    r"(?:\bpage\s+\d+(?:\s*(?:of|/)\s*\d+)?|^\d+(?:\s*(?:of|/)\s*\d+)?)\s*$", re.IGNORECASE
)
MAX_PAGES = 2000
# pypdf logs every repair it makes to a damaged file; the ingest report carries what the user needs
logging.getLogger("pypdf").setLevel(logging.ERROR)


def reflow(page_text: str) -> list[str]:
    """Join the lines a PDF wrapped back into paragraphs; short lines end a paragraph (headings, ends)."""
    lines = [line.strip() for line in page_text.split("\n")]
    lines = [line for line in lines if line]
    if lines and _PAGE_FOOTER.search(lines[-1]):
        lines.pop()
    if not lines:
        return []
    full = max(len(line) for line in lines)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not current:
            current = line
        elif current.endswith("-") and line[:1].islower():
            current += line
        else:
            current += " " + line
        if len(line) < 0.8 * full:  # a wrapped line fills the width; a short one ends a paragraph
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def read_pdf(data: bytes, locator: str, kind: str) -> SourceDocument:
    """The text of every page, one blank line between paragraphs; ``pages`` holds each page's span."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(locator, "the PDF is encrypted with a password")
        if len(reader.pages) > MAX_PAGES:
            raise SourceError(locator, f"more than {MAX_PAGES} pages")
        texts = [page.extract_text() or "" for page in reader.pages]
        info: dict[str, object] = dict(reader.metadata or {})
    except SourceError:
        raise
    except LimitReachedError as exc:  # pypdf's guard against decompression bombs and reference cycles
        raise SourceError(locator, f"refused: the PDF exceeds a safety limit ({exc})") from exc
    # pypdf raises many kinds of errors on damaged files; any of them means the same to the user
    except (
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        AttributeError,
        RuntimeError,  # includes deep recursion and unsupported stream filters
        PyPdfError,
    ) as exc:
        raise SourceError(locator, f"not a readable PDF: {exc}") from exc
    parts: list[str] = []
    pages: list[list[int]] = []
    offset = 0
    for page_text in texts:
        block = "\n\n".join(" ".join(p.split()) for p in reflow(page_text))
        if parts and block:
            offset += 2  # the blank line joining pages
        pages.append([offset, offset + len(block)])
        if block:
            parts.append(block)
            offset += len(block)
    text = "\n\n".join(parts)
    if not text.strip():
        raise SourceError(locator, "the PDF has no extractable text (scanned images need OCR)")
    title = str(info.get("/Title") or "") or None
    author = str(info.get("/Author") or "") or None
    created = str(info.get("/CreationDate") or "")
    return SourceDocument(
        locator=locator,
        kind=kind,
        raw=data,
        content_type="application/pdf",
        text=text,
        title=title,
        author=author,
        weak_date_hints=[created] if created else [],
        outlet_context=[text[:400], text[-400:]],
        pages=pages,
    )
