"""The paragraphs component: a line break ends a sentence, and so does a wire dateline.

Runs before the parser, which keeps sentence starts set before it. Without it the small model glues a
heading or a byline to the next paragraph's first sentence ("What Russia argued Russia's ambassador ...
told"), and a dateline's city becomes the subject of the report ("LONDON, Nov 22 (GPA) - Russia has shipped").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from watchkeeper.reading.extensions import text_of

# "SEOUL, Dec 18 (GPA) - ", "WASHINGTON/HONG KONG, Feb 26 (APN) - ", "PARIS — " at the start of a paragraph,
# and as real wires write them: "SEOUL, Nov. 5 (Yonhap) -- ", "TOKYO (Jiji Press)—".
DATELINE = re.compile(
    r"(?m)^[A-Z][A-Z .'/-]+(?:, [A-Z][a-z]+\.? \d{1,2})?"  # city, date
    r"(?: ?\([A-Z][A-Za-z .-]*\))?"  # the wire's code or name
    r"(?: [-—–]{1,2} |[—–])(?=\S)"  # a dash, spaced or glued
)


class ParagraphsComponent:
    """Marks the first token after a line break or a dateline as a sentence start."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:]:
            before = doc[token.i - 1]
            broken = "\n" in before.whitespace_ or (before.is_space and "\n" in before.text)
            if broken and not token.is_space:
                token.is_sent_start = True
        for match in DATELINE.finditer(text_of(doc)):
            span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
            if span is not None and len(span) and span[0].i > 0:
                span[0].is_sent_start = True
        return doc


@Language.factory("wk_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphsComponent:
    """The paragraphs component (no settings)."""
    return ParagraphsComponent(name)
