"""Who a piece of evidence comes from, and as what: the panel's standard of sources, as small named checks.

- A source is an original reporter: copies of a wire, and an outlet re-running it, count as the wire.
- A claim is a statement of its claimant only when the speaker stands outside what is said ("a research group
  said North Korean tankers ..." is not North Korea speaking) and says something ("Pyongyang has not
  commented" is no statement).
- A speaker described as former, or unnamed, does not speak for a body: the outlet carries an unnamed source.
- A body is official only while in office (``mandates`` in ``grading.yaml``, ended by the regime's
  ``effective_to``: the UN Panel of Experts closed on 30 April 2024).
- A party confirms an act only when it holds an admitting role and does not accuse another party.

Cue words are data (``data/assess/grading.yaml``); each check here is a pure function over one claim.
"""

from __future__ import annotations

import re
from datetime import date

from watchkeeper.assess.config import grading_config
from watchkeeper.datafiles import cached, data_file
from watchkeeper.errors import InputFileError, NotFoundError
from watchkeeper.reading.knowledge import load_knowledge
from watchkeeper.regime import load_regime
from watchkeeper.store.models.evidence import Document
from watchkeeper.store.models.reading import Claim
from watchkeeper.vocabulary import SourceClass

# how far before a speaker's name a word like "former" still describes it
_BEFORE_SPEAKER = 40
# how far after a party's name "has not commented" still describes it
_AFTER_PARTY = 60
# how far a speaker's name may stand from its speech verb ("North Korea's state media said", "according to X")
_SPEAKER_TO_CUE = 40


def speaker_for(entity_id: str) -> str:
    """The source an entity's word counts as: its government for officials, agencies and ministries
    (``speaks_for`` in ``grading.yaml``, then the gazetteer's ministries and ``speaks_for`` entries)."""
    explicit = grading_config().speaks_for.get(entity_id)
    return explicit or _gazetteer_speakers().get(entity_id, entity_id)


@cached
def _gazetteer_speakers() -> dict[str, str]:
    """Each state organ the reading gazetteer knows, to the state it speaks for: its ministries, and the
    entries it marks ``speaks_for`` (never a place: "a diplomat in Moscow" is not Russia)."""
    gazetteer = load_knowledge().gazetteer
    organs = {e.id: e.speaks_for for e in gazetteer.entries() if e.speaks_for}
    return {**organs, **{m.id: m.country for m in gazetteer.ministries}}


def source_class(key: str, parties: set[str]) -> str:
    """official, party (a participant admitting its act), research, or media, from the source key."""
    grading = grading_config()
    kind = key.partition(":")[0]
    if key in parties:
        return SourceClass.PARTY
    if kind in grading.official_types or key in grading.official_entities:
        return SourceClass.OFFICIAL
    if kind in grading.research_types:
        return SourceClass.RESEARCH
    return SourceClass.MEDIA


def original_reporter(doc: Document) -> str:
    """The reporter a document's own words come from: its wire if it carries one, else its outlet."""
    if doc.wire_id:
        return f"outlet:{doc.wire_id}"
    if doc.outlet_id:
        return f"outlet:{doc.outlet_id}"
    return f"copy:{doc.copy_group_id}" if doc.copy_group_id else f"document:{doc.id}"


def _has(text: str, cues: list[str]) -> bool:
    lowered = text.lower()
    return any(re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", lowered) for cue in cues)


def _speaker_at(doc: Document, claim: Claim) -> int:
    """Where the claimant's words name it in the claim's sentence (the sentence start if not found)."""
    sentence = doc.text[claim.sent_start : claim.sent_end]
    at = sentence.find(claim.claimant_text or "\0")
    return claim.sent_start + max(at, 0)


def is_statement(doc: Document, claim: Claim) -> bool:
    """Whether a claim is its claimant saying something: the speaker is not inside what is said, and the
    words after it are not "has not commented" or "declined to comment"."""
    content = doc.text[claim.start : claim.end]
    inside = claim.claimant_text and claim.claimant_text in content
    if inside and not (_speaks_it(content, claim) or _subject_of_sentence(doc, claim)):
        return False  # the claimant is part of the reported content; someone else says it
    at = _speaker_at(doc, claim)
    after = doc.text[at : min(at + len(claim.claimant_text or "") + _AFTER_PARTY, claim.sent_end)]
    return not _has(after, grading_config().no_comment_cues)


def _speaks_it(content: str, claim: Claim) -> bool:
    """Whether the claimant named inside the content is the subject of its speech verb, not of what is said:
    the verb stands right after it ("Pyongyang said") or right before it ("according to KCNA")."""
    name = claim.claimant_text or ""
    lowered = content.lower()
    for found in re.finditer(re.escape(name.lower()), lowered):
        for cue in re.finditer(rf"(?<!\w){re.escape(claim.cue.lower())}(?!\w)", lowered):
            after = cue.start() - found.end()
            before = found.start() - cue.end()
            if 0 <= after <= _SPEAKER_TO_CUE or 0 <= before <= _SPEAKER_TO_CUE:
                return True
    return False


def _subject_of_sentence(doc: Document, claim: Claim) -> bool:
    """Whether the claimant opens its sentence and its cue follows in the same clause: "The Justice
    Department on Thursday unsealed an indictment charging ..." (no comma between, so not "North Korea
    shipped the shells, the ministry said")."""
    sentence = doc.text[claim.sent_start : claim.sent_end]
    name = (claim.claimant_text or "").lower()
    lowered = sentence.lower()
    opening = re.match(r"\W*(?:the\s+)?", lowered)
    if not name or opening is None or not lowered.startswith(name, opening.end()):
        return False
    cue = re.search(rf"(?<!\w){re.escape(claim.cue.lower())}(?!\w)", lowered[opening.end() + len(name) :])
    if cue is None:
        return False
    between = lowered[opening.end() + len(name) : opening.end() + len(name) + cue.start()]
    return not re.search(r"[,;:\"\u201c\u201d]", between)


def is_former(doc: Document, claim: Claim) -> bool:
    """Whether the speaker is described as no longer holding the office ("a former member of the panel")."""
    at = _speaker_at(doc, claim)
    before = doc.text[max(claim.sent_start, at - _BEFORE_SPEAKER) : at + len(claim.claimant_text or "")]
    return _has(before, grading_config().former_cues)


def is_anonymous(text: str) -> bool:
    """Whether the words mark an unnamed source ("who asked not to be named", "people familiar")."""
    return _has(text, grading_config().anonymous_cues)


def is_objection(text: str) -> bool:
    """Whether a party's words object to the measures ("rejects the resolutions", "its sovereign right")
    rather than deny the act."""
    return _has(text, grading_config().objection_cues)


def in_office(key: str, on: date | None) -> bool:
    """Whether a body with a mandate (``grading.yaml`` ``mandates``) held it on this day."""
    measure_id = grading_config().mandates.get(key)
    if measure_id is None or on is None:
        return True
    regime = load_regime()
    try:
        measure = regime.measure(measure_id)
    except NotFoundError as exc:  # an unknown id is a data error the user can fix
        raise InputFileError(
            data_file("assess", "grading.yaml"),
            f"no measure {measure_id!r} in the regime data",
            field=f"mandates.{key}",
        ) from exc
    return on >= measure.effective_from and (measure.effective_to is None or on <= measure.effective_to)


def mandate_end(key: str) -> date | None:
    """The day a body's mandate ended, if it has."""
    measure_id = grading_config().mandates.get(key)
    return load_regime().measure(measure_id).effective_to if measure_id else None


def admits(claimant: str, accused: str | None, admitting: set[str]) -> bool:
    """A party admits the act when it holds an admitting role and does not accuse another party to it: South
    Korea, read as the recipient, saying the DPRK shipped arms accuses; the DPRK announcing its launch as a
    warning to Washington admits it (Washington is no party to the launch)."""
    if claimant not in admitting or accused is None:
        return claimant in admitting
    blamed = speaker_for(accused)
    return blamed == claimant or blamed not in {speaker_for(a) for a in admitting}
