"""Content type from the bytes themselves, not only from a file extension or a server's header."""

from __future__ import annotations

import re

PDF = "application/pdf"
HTML = "text/html"
FEED = "application/feed+xml"
TEXT = "text/plain"
GZIP = "application/gzip"
ZIP = "application/zip"
BINARY = "application/octet-stream"

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"<(!doctype\s+html|html|head|body|article|div|p|meta|title)[\s>/]", re.IGNORECASE)
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32)) | {127}


def _head_text(data: bytes) -> bytes:
    head = data[:4096]
    if head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff"):
        try:
            return head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
        except UnicodeError:
            return head
    return head.removeprefix(b"\xef\xbb\xbf")


def looks_binary(data: bytes) -> bool:
    """True when the bytes are not text in any encoding we read (NULs or many control bytes)."""
    sample = data[:8192]
    if not sample or sample.startswith(_BOMS):
        return False
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b in _CONTROL)
    return control / len(sample) > 0.02


def sniff(data: bytes) -> str:
    """The content type the bytes carry: PDF, HTML, a feed, gzip, zip, plain text or binary."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x1f\x8b"):
        return GZIP
    if data.startswith(b"PK\x03\x04"):
        return ZIP
    head = _head_text(data).lstrip()
    if head.startswith(b"<"):
        if re.match(rb"<(!doctype\s+html|html)[\s>]", head, re.IGNORECASE):
            return HTML
        if _FEED_ROOT.search(head[:2048]):
            return FEED
        if _HTML_START.search(head[:2048]):
            return HTML
    if looks_binary(data):
        return BINARY
    return TEXT
