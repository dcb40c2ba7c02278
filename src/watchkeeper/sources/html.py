"""HTML pages: the article's main text (trafilatura) and its metadata (title, date, author, site)."""

from __future__ import annotations

import json
import re

import trafilatura
from lxml import html as lxml_html
from lxml.etree import ParserError
from trafilatura.settings import Document

from watchkeeper.sources.boilerplate import load_cues
from watchkeeper.sources.document import SourceDocument, SourceError
from watchkeeper.sources.text import clean_paragraphs, decode_text, normalise_unicode

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
# Meta names that carry a publication date, most trusted first.
DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dc.date",
    "sailthru.date",
)
MIN_WORDS = 8  # fewer words than this after boilerplate removal is a navigation page, not an article
TITLE_META = ("og:title", "twitter:title")
KEPT_TAGS = {
    "html",
    "body",
    "main",
    "article",
    "p",
    "a",
}  # never removed as pop-ups: they hold the text itself
SITE_META = ("og:site_name", "application-name")
AUTHOR_META = ("author", "article:author", "dc.creator")


def _meta(root: lxml_html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in root.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower()
        value = (node.get("content") or "").strip()
        if key and value and key not in found:
            found[key] = value
    return found


def _json_ld_dates(root: lxml_html.HtmlElement) -> list[str]:
    dates: list[str] = []
    for node in root.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(node.text or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                dates.append(item["datePublished"])
    return dates


def _drop_title_lines(paragraphs: list[str], title: str | None) -> list[str]:
    """Drop the headline (and a short section kicker above it) that extraction keeps as body text."""
    if not title:
        return paragraphs
    wanted = " ".join(title.split()).casefold()
    for index, para in enumerate(paragraphs[:3]):
        if " ".join(para.split()).casefold() == wanted and all(
            len(p.split()) <= 4 for p in paragraphs[:index]
        ):
            return paragraphs[index + 1 :]
    return paragraphs


def drop_popups(root: lxml_html.HtmlElement) -> int:
    """Remove what a page shows only on hover or click (link previews, tooltips, hidden pop-ups).

    Their text sits inside the article's paragraphs and extraction would glue it into the sentence around
    it. The text after each removed element is kept. Returns how many elements were removed.
    """
    cues = load_cues()
    # one pass over the tree; the class words are narrowed down in Python (exclusions, whole class names)
    by_class = " or ".join(f"contains(@class, '{word}')" for word in cues.popup_classes) or "false()"
    candidates = root.xpath(
        "//*[@hidden or @role='tooltip'"
        " or contains(translate(@style, ' ', ''), 'display:none')"
        " or contains(translate(@style, ' ', ''), 'visibility:hidden')"
        f" or {by_class}]"
    )
    hidden = [
        node
        for node in candidates
        if node.get("hidden") is not None
        or node.get("role") == "tooltip"
        or any(v in (node.get("style") or "").replace(" ", "") for v in ("display:none", "visibility:hidden"))
    ]
    popups = [
        node
        for node in candidates
        if node.tag not in KEPT_TAGS
        and any(cues.is_popup_class(name) for name in (node.get("class") or "").split())
    ]
    removed = 0
    for node in {id(n): n for n in [*hidden, *popups]}.values():
        if node.getparent() is not None:
            node.drop_tree()
            removed += 1
    return removed


def decode_html(data: bytes, declared: str | None, locator: str) -> str:
    """HTML bytes to text, honouring a BOM, the HTTP charset or a <meta charset>."""
    match = _META_CHARSET.search(data[:4096])
    return decode_text(data, declared or (match.group(1).decode("ascii") if match else None), locator=locator)


def read_html(
    data: bytes, locator: str, kind: str, declared: str | None = None, url: str | None = None
) -> SourceDocument:
    """The main text of a page, without navigation, teasers, share prompts or comments."""
    markup = normalise_unicode(decode_html(data, declared, locator))
    if not markup.strip():
        raise SourceError(locator, "empty page")
    try:
        root = lxml_html.fromstring(markup)
    except (ParserError, ValueError) as exc:
        raise SourceError(locator, f"not parseable as HTML: {exc}") from exc
    meta = _meta(root)
    if drop_popups(root):
        markup = lxml_html.tostring(root, encoding="unicode")
    result = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        as_dict=False,
    )
    extracted = result if isinstance(result, Document) else None
    body = (extracted.text if extracted is not None else "") or ""
    page_title = (root.findtext(".//title") or "").strip()
    title = next((meta[k] for k in TITLE_META if k in meta), None) or (
        extracted.title if extracted is not None else None
    )
    title = title or (re.split(r"\s+[|–—-]\s+", page_title)[0] if page_title else None)
    text = clean_paragraphs(_drop_title_lines(body.split("\n"), title))
    if len(text.split()) < MIN_WORDS:
        raise SourceError(locator, "no article text found in the page")
    dates = [meta[k] for k in DATE_META if k in meta]
    dates += _json_ld_dates(root)
    dates += [t for t in root.xpath("//article//time/@datetime | //time/@datetime") if t.strip()]
    if extracted is not None and extracted.date:
        dates.append(extracted.date)
    title_parts = [p.strip() for p in re.split(r"\s+[|–—-]\s+", page_title) if p.strip()]
    chrome = [
        " ".join(node.text_content().split())
        for node in root.xpath(
            "//header | //footer | //*[contains(@class, 'logo') or contains(@class, 'masthead')]"
        )
    ]
    canonical = root.xpath('//link[@rel="canonical"]/@href')
    site = next((meta[k] for k in SITE_META if k in meta), None)
    return SourceDocument(
        locator=locator,
        kind=kind,
        raw=data,
        content_type="text/html",
        text=text,
        title=title,
        author=next((meta[k] for k in AUTHOR_META if k in meta), None)
        or (extracted.author if extracted is not None else None),
        site_name=site,
        url=url or meta.get("og:url") or (canonical[0] if canonical else None),
        outlet_hint=site,
        outlet_context=[*title_parts, *chrome],
        date_hints=dates,
    )
