"""Full organisation names: a name the statistical NER cut short is extended over the rest of it.

The small model often stops an organisation's name at a preposition ("Ministry of Foreign Affairs of" +
"Japan") or before its "of" phrase ("Ministry of Defence" + "of Ukraine"), and misses a "Ministry of X" the
text does not capitalise as it expects. Three rules on the tokens, each on its own:

- an organisation name ending in "of", "for", "and" or "&" continues into the next name or capitalised words;
- an organisation whose name holds a body noun (``data/reading/gazetteer.yaml`` ``body_nouns``: Ministry,
  Department, Office, ...) continues over "of"/"for" and the next name ("Ministry of Defence of Ukraine");
- a capitalised body noun outside any name, followed by "of"/"for" and capitalised words, is an organisation
  ("Office of the Director of National Intelligence").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Span, Token

from watchkeeper.reading.knowledge import slug

CONNECTORS = frozenset({"of", "for", "and", "&"})
LINKS = frozenset({"of", "for"})
# Words that may sit inside a name's run of capitals ("Office of the Director of National Intelligence").
INNER = frozenset({"of", "for", "and", "&", "the", "on"})
NAME_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP"})
MAX_NAME_TOKENS = 14


def _capital(token: Token) -> bool:
    return token.text[:1].isupper() and token.is_alpha


def _run_end(doc: Doc, start: int, ents_at: dict[int, Span]) -> int:
    """Where a run of names and capitalised words from ``start`` ends (``start`` when there is none)."""
    i = start
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    end = start
    while i < len(doc) and i - start < MAX_NAME_TOKENS:
        ent = ents_at.get(i)
        if ent is not None and ent.label_ in NAME_LABELS:
            i = end = ent.end
        elif _capital(doc[i]):
            i = end = i + 1
        elif doc[i].lower_ in INNER and i + 1 < len(doc) and (_capital(doc[i + 1]) or i + 1 in ents_at):
            i += 1
        else:
            break
    return end


def _extended_end(span: Span, ents_at: dict[int, Span], body_nouns: frozenset[str]) -> int:
    """The end of an organisation's full name (its own end when nothing continues it)."""
    doc = span.doc
    if span[-1].lower_ in CONNECTORS:
        return max(span.end, _run_end(doc, span.end, ents_at))
    at = span.end
    if at + 1 < len(doc) and doc[at].lower_ in LINKS and any(t.text in body_nouns for t in span):
        return max(span.end, _run_end(doc, at + 1, ents_at))
    return span.end


def _bare_bodies(
    doc: Doc, taken: set[int], ents_at: dict[int, Span], body_nouns: frozenset[str]
) -> list[Span]:
    """Bodies no model found: a capitalised body noun, "of"/"for", then a name ("Ministry of Unification")."""
    found = []
    for token in doc[:-2]:
        if token.text not in body_nouns or doc[token.i + 1].lower_ not in LINKS:
            continue
        if token.i in taken or token.i + 1 in taken:
            continue
        end = _run_end(doc, token.i + 2, ents_at)
        if end > token.i + 2:
            found.append(Span(doc, token.i, end, label="ORG"))
    return found


def full_org_names(
    doc: Doc, ents: Iterable[Span], body_nouns: frozenset[str], is_name: Callable[[Span], bool]
) -> list[Span]:
    """The entities with cut organisation names extended and bare "Ministry of X" names added (those
    ``is_name`` accepts); a name the extension swallows ("Japan" in "Ministry of Foreign Affairs of Japan")
    is part of the longer name."""
    spans = sorted(ents, key=lambda s: s.start)
    ents_at = {s.start: s for s in spans}
    out: list[Span] = []
    swallowed_until = -1
    for span in spans:
        if span.start < swallowed_until:
            continue
        if span.label_ == "ORG" and not span.kb_id_:
            end = _extended_end(span, ents_at, body_nouns)
            if end > span.end:
                span = Span(doc, span.start, end, label="ORG")
                swallowed_until = end
        out.append(span)
    taken = {i for s in out for i in range(s.start, s.end)}
    kept_at = {s.start: s for s in out}
    bare = [b for b in _bare_bodies(doc, taken, kept_at, body_nouns) if is_name(b)]
    if bare:
        inside = {i for b in bare for i in range(b.start, b.end)}
        out = [s for s in out if not any(i in inside for i in range(s.start, s.end))] + bare
    return sorted(out, key=lambda s: s.start)


ACRONYM_SKIP = frozenset({"of", "for", "and", "&", "the", "on", "'s", "’s", "-"})


def _initials(span: Span) -> str:
    return "".join(t.text[0] for t in span if t.lower_ not in ACRONYM_SKIP and t.text[:1].isalpha()).upper()


def acronyms_linked(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name followed by its initials in brackets ("Financial Action Task Force (FATF)") gives the initials,
    there and wherever else the document uses them, the name's identity, unless the gazetteer knows them."""
    long_forms: dict[str, Span] = {}
    for ent in ents:
        at = ent.end
        if at + 2 < len(doc) and doc[at].text == "(" and doc[at + 2].text == ")":
            short = doc[at + 1].text
            if short.isupper() and 2 <= len(short) <= 8 and short == _initials(ent):
                long_forms.setdefault(short, ent)
    if not long_forms:
        return ents
    out = []
    for ent in ents:
        long = long_forms.get(ent.text)
        if long is not None and not ent.kb_id_ and len(ent) == 1:
            ent = Span(doc, ent.start, ent.end, label=long.label_, kb_id=_identity(long))
        out.append(ent)
    taken = {i for s in out for i in range(s.start, s.end)}
    for token in doc:
        long = long_forms.get(token.text)
        if long is not None and token.i not in taken and token.i > long.start:
            out.append(Span(doc, token.i, token.i + 1, label=long.label_, kb_id=_identity(long)))
    return sorted(out, key=lambda s: s.start)


def _identity(span: Span) -> str:
    from watchkeeper.reading.gazetteer import entity_type

    return span.kb_id_ or f"{entity_type(span)}:{slug(span.text)}"
