"""Quotation marks paired in a text: straight and curly, a quote left open at a paragraph's end continuing
when the next paragraph opens with a quotation mark, a curly quote closed by a straight mark."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from watchkeeper.reading.extensions import text_of

OPENING = {"“": "”", '"': '"', "«": "»"}
# A same-paragraph quote joins the quote before as a fragment when this little text lies between them.
FRAGMENT_GAP_CHARS = 160


@dataclass(frozen=True)
class QuoteMarks:
    """A quoted passage: offsets of the opening and closing marks."""

    open: int
    close: int


def find_quote_marks(text: str) -> list[QuoteMarks]:
    """Balanced quoted passages, multi-paragraph ones included."""
    found: list[QuoteMarks] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in OPENING and (char != '"' or i == 0 or not text[i - 1].isalnum()):
            closing = OPENING[char]
            j = segment = i + 1
            while j < n:
                if text[j] == closing and (closing != '"' or j + 1 >= n or not text[j + 1].isalnum()):
                    break
                if char == "“" and text[j] == '"' and closing not in text[j : _paragraph_end(text, j)]:
                    break  # a curly quote closed by a straight mark (mixed typing)
                if text[j] == "\n":
                    k = j
                    while k < n and text[k].isspace():
                        k += 1
                    if k < n and text[k] == char and text.count(closing, segment, j) == 0:
                        j = segment = k + 1  # the quote runs on into the next paragraph
                        continue
                    j = n
                    break
                j += 1
            if j < n:
                found.append(QuoteMarks(i, j))
                i = j + 1
                continue
        i += 1
    return found


def _paragraph_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return end if end >= 0 else len(text)


def quoted_words(doc: Doc, mark: QuoteMarks) -> str:
    """A quote's words: between its marks, without a trailing comma."""
    return text_of(doc)[mark.open + 1 : mark.close].rstrip(",")


def in_quote(char: int, inside: list[tuple[int, int]]) -> bool:
    """Whether a character lies inside (or on the marks of) one of the quoted passages."""
    return any(a <= char <= b for a, b in inside)


def same_paragraph(text: str, before: QuoteMarks, mark: QuoteMarks) -> bool:
    """`"A," X said. "B"`: a quote in the same paragraph shortly after the last one."""
    between = text[before.close + 1 : mark.open]
    return "\n" not in between and len(between) <= FRAGMENT_GAP_CHARS


def continues(text: str, before: QuoteMarks, mark: QuoteMarks) -> bool:
    """A paragraph that is only a quotation, right after the paragraph holding the last quote."""
    lines = text[before.close + 1 : mark.open].split("\n")
    if len(lines) < 2 or len(lines[0]) > FRAGMENT_GAP_CHARS or any(line.strip() for line in lines[1:]):
        return False
    end = text.find("\n", mark.close)
    return not text[mark.close + 1 : end if end >= 0 else len(text)].strip(" .,")
