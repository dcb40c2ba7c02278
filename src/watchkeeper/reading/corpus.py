"""The bundled annotated sample corpus (``data/corpus/``): article texts and their gold annotations.

For scoring the reading stage. Text files lose their header block; HTML articles are reduced to their
article body; PDFs are read from the ``pdf-src/`` text they are built from (the gold's substrings index it).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from watchkeeper.errors import InputFileError

_BLOCK = re.compile(r"<(p|h1|h2|li)\b[^>]*>(.*?)</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
# Paragraphs of the HTML body that are page chrome, not evidence.
_CHROME_CLASSES = (
    "byline",
    "dateline",
    "credit",
    "share",
    "comment",
    "related",
    "cookie",
    "standfirst",
    "kicker",
    "caption",
)


@dataclass(frozen=True)
class Article:
    """One corpus article: its clean text, publication date and gold annotation."""

    id: str
    text: str
    published: date
    gold: dict[str, Any]


def corpus_dir() -> Path:
    return Path(str(resources.files("watchkeeper") / "data" / "corpus"))


def _published(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(str(value).replace("Z", "+00:00")).date()


def _text_file(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n\n")
    if sep and all(re.match(r"^[A-Z][\w-]*:", line) for line in head.splitlines() if line.strip()):
        return body.strip()
    return raw.strip()


def _html_body(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    article = re.search(r"<article\b.*?</article>", raw, re.S | re.I)
    section = article.group(0) if article else raw
    paragraphs = []
    for m in _BLOCK.finditer(section):
        tag_open = m.group(0)[: m.group(0).find(">")]
        if m.group(1).lower() != "p" or any(c in tag_open for c in _CHROME_CLASSES):
            continue
        paragraphs.append(html.unescape(_TAG.sub("", m.group(2))).strip())
    return "\n\n".join(p for p in paragraphs if p)


def article_text(path: Path) -> str:
    """Clean text of one corpus article file."""
    if path.suffix == ".html":
        return _html_body(path)
    if path.suffix == ".pdf":
        return _text_file(path.parent.parent / "pdf-src" / f"{path.stem}.txt")
    return _text_file(path)


def load_corpus(root: Path | None = None) -> list[Article]:
    """Every article that has a gold file, in id order."""
    root = root or corpus_dir()
    articles = []
    for gold_path in sorted((root / "gold").glob("*.yaml")):
        try:
            gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise InputFileError(gold_path, f"not valid YAML: {exc}") from exc
        path = root / "articles" / gold["file"]
        if not path.exists():
            continue
        articles.append(Article(gold["id"], article_text(path), _published(gold["published"]), gold))
    return articles
