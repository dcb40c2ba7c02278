"""Plain text: bytes decoded whatever their encoding, the header block parsed, page chrome dropped."""

from __future__ import annotations

import re
import unicodedata

from charset_normalizer import from_bytes

from watchkeeper.sources.boilerplate import strip_boilerplate
from watchkeeper.sources.document import SourceDocument, SourceError

HEADER_KEYS = {"title", "outlet", "date", "author", "url", "source", "published"}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z ]{1,20}):\s*(.*\S)\s*$")


def decode_text(data: bytes, declared: str | None = None, *, locator: str = "<bytes>") -> str:
    """Bytes to text: BOMs first, then the declared charset, UTF-8, Windows-1252 for mostly-ASCII text."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise SourceError(
                    locator, f"starts with a {codec} byte-order mark but is not {codec}"
                ) from exc
    candidates = [declared] if declared else []
    candidates.append("utf-8")
    for codec in candidates:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    ascii_share = sum(1 for b in data if b < 0x80) / max(len(data), 1)
    if ascii_share > 0.9:
        # Western text with a few accented letters: Windows-1252 is a superset of Latin-1's printables
        return data.decode("cp1252", errors="replace")
    best = from_bytes(data).best()
    if best is None:
        raise SourceError(locator, "not text in any encoding we can recognise")
    return str(best)


def clean_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs with their inner whitespace collapsed, one blank line between them."""
    kept = [" ".join(p.split()) for p in paragraphs]
    return "\n\n".join(p for p in kept if p)


def normalise_unicode(text: str) -> str:
    """NFC and no stray control characters (keeps newlines and tabs)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def split_header(text: str) -> tuple[dict[str, str], str]:
    """The ``Title:/Outlet:/Date:`` header block (when the text starts with one) and the body after it."""
    lines = text.lstrip("\n").split("\n")
    header: dict[str, str] = {}
    for index, line in enumerate(lines):
        if not line.strip():
            if header:
                return header, "\n".join(lines[index + 1 :])
            break
        match = _HEADER_LINE.match(line)
        if not match or match.group(1).strip().lower() not in HEADER_KEYS:
            break
        header[match.group(1).strip().lower()] = match.group(2)
    return {}, text


def read_text(data: bytes, locator: str, kind: str, declared: str | None = None) -> SourceDocument:
    """A plain-text document, its header block parsed when present."""
    text = normalise_unicode(decode_text(data, declared, locator=locator))
    header, body = split_header(text)
    blocks = re.split(r"\n\s*\n", body) if re.search(r"\n\s*\n", body) else body.split("\n")
    clean = clean_paragraphs(strip_boilerplate(blocks))
    if not clean:
        raise SourceError(locator, "no text in the file")
    dates = [header[k] for k in ("date", "published") if k in header]
    return SourceDocument(
        locator=locator,
        kind=kind,
        raw=data,
        content_type="text/plain",
        text=clean,
        title=header.get("title"),
        author=header.get("author"),
        url=header.get("url"),
        outlet_hint=header.get("outlet") or header.get("source"),
        date_hints=dates,
    )
