"""The paragraphs component: a line break ends a sentence.

Runs before the parser, which keeps sentence starts set before it. Without it the small model glues a
heading or a byline to the next paragraph's first sentence ("What Russia argued Russia's ambassador ...
told"), and the subject of that sentence becomes the heading's noun.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ParagraphsComponent:
    """Marks the first token after a line break as a sentence start."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:]:
            before = doc[token.i - 1]
            if "\n" in before.whitespace_ or (before.is_space and "\n" in before.text):
                token.is_sent_start = not token.is_space or token.is_sent_start
        return doc


@Language.factory("wk_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> ParagraphsComponent:
    """The paragraphs component (no settings)."""
    return ParagraphsComponent(name)
