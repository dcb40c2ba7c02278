"""A document's text as HTML with its extractions highlighted at their exact character spans.

Spans may overlap (a name inside a quote inside an incident's sentence), so the text is cut at every span
boundary and each piece becomes one ``<span>`` carrying the classes of every extraction covering it: the
markup never nests wrongly, and every piece of text is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from watchkeeper.evidence.search import MARK_CLOSE, MARK_OPEN


@dataclass(frozen=True)
class Highlight:
    """One extraction to mark: its span, kind (entity, quote, claim, incident) and a CSS variant."""

    id: str
    kind: str
    start: int
    end: int
    variant: str = ""
    title: str = ""


def highlighted_html(text: str, highlights: list[Highlight]) -> Markup:
    """The text escaped, with every highlight's span wrapped; the first piece of each span gets its anchor."""
    valid = [h for h in highlights if 0 <= h.start < h.end <= len(text)]
    cuts = sorted({0, len(text), *(h.start for h in valid), *(h.end for h in valid)})
    out: list[str] = []
    anchored: set[str] = set()
    for left, right in pairwise(cuts):
        piece = str(escape(text[left:right]))
        covering = [h for h in valid if h.start <= left and right <= h.end]
        if not covering:
            out.append(piece)
            continue
        classes = sorted(
            {f"hl-{h.kind}" for h in covering} | {f"hl-{h.variant}" for h in covering if h.variant}
        )
        starting = [h for h in covering if h.start == left and h.id not in anchored]
        anchored.update(h.id for h in starting)
        anchor = f' id="x-{escape(starting[0].id)}"' if starting else ""
        titles = "; ".join(h.title for h in covering if h.title)
        title = f' title="{escape(titles)}"' if titles else ""
        ids = " ".join(h.id for h in covering)
        out.append(
            f'<span class="hl {" ".join(classes)}"{anchor}{title} data-x="{escape(ids)}">{piece}</span>'
        )
    return Markup("".join(out))


def reading_highlights(reading: dict) -> list[Highlight]:
    """Highlights for a document reading record (``watchkeeper.reading.export.document_reading``)."""
    marks: list[Highlight] = []
    for m in reading["mentions"]:
        marks.append(
            Highlight(m["id"], "entity", m["start"], m["end"], m["label"].lower(), m["entity_id"] or "")
        )
    for q in reading["quotes"]:
        marks.append(
            Highlight(q["id"], "quote", q["start"], q["end"], "", f"quote by {q['speaker'] or 'unknown'}")
        )
    for c in reading["claims"]:
        marks.append(
            Highlight(c["id"], "claim", c["start"], c["end"], c["polarity"], f"claim ({c['polarity']})")
        )
    for i in reading["incidents"]:
        marks.append(Highlight(i["id"], "incident", i["start"], i["end"], "", f"incident: {i['kind']}"))
    return marks


def snippet_html(marked: str) -> Markup:
    """A search snippet whose matches carry private-use markers, as escaped HTML with ``<mark>`` tags."""
    escaped = str(escape(marked))
    return Markup(escaped.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))
