"""Document identity from content, and the content-addressed store of raw bytes."""

from __future__ import annotations

import hashlib
import os
import re
import threading
import unicodedata
from pathlib import Path

from watchkeeper.config import Settings
from watchkeeper.store.base import content_id

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def normalise_for_identity(text: str) -> str:
    """The text with case, Unicode form, typographic quotes/dashes and whitespace made uniform."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", text).strip()


def document_id(text: str) -> str:
    """The id of a document: the same clean text, fetched twice or from two places, is one document."""
    return content_id("doc", normalise_for_identity(text), length=24)


def store_raw(settings: Settings, data: bytes) -> tuple[str, str]:
    """Keep raw bytes under the workspace by their SHA-256; returns (path relative to workspace, sha256)."""
    digest = hashlib.sha256(data).hexdigest()
    relative = Path("raw") / digest[:2] / digest
    path = settings.workspace / relative
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}-{threading.get_ident()}")  # one per writer thread
        tmp.write_bytes(data)
        tmp.replace(path)
    return relative.as_posix(), digest
