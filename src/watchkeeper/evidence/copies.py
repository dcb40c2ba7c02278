"""Wire copies: MinHash signatures, LSH band keys and containment, so trimmed or re-headlined copies group.

A copy keeps most of the wire text while the outlet trims paragraphs, changes the headline or adds its own
boilerplate, so the pair measure is containment of the smaller shingle set in the larger one, estimated from
the MinHash Jaccard and the two set sizes (Jaccard alone falls to 0.7 for a copy trimmed to 70%).

An outlet's standing text (an "about us" paragraph, a disclaimer; ``evidence/standing.py``) is left out of the
signature, so two short briefs of one outlet on different events are not copies and cannot bridge their wire
groups. Thresholds: ``data/evidence/stories.yaml`` (``copies``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from sqlalchemy import insert, select, tuple_, update
from sqlalchemy.orm import Session

from watchkeeper.evidence.settings import story_settings
from watchkeeper.evidence.standing import standing_paragraphs, without
from watchkeeper.store.base import content_id
from watchkeeper.store.models.evidence import CopyBand, Document, DocumentSignature

NUM_PERM = 128
SHINGLE_WORDS = 5
BANDS = 64  # 64 bands of 2 rows: a pair becomes a candidate with p=0.99 at Jaccard 0.28, p=0.15 at 0.05
ROWS = 2
SEED = 1

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Signature:
    """A document's MinHash values and the size of its shingle set."""

    hashvalues: np.ndarray
    shingle_count: int

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, shingle_count: int) -> Signature:
        return cls(np.frombuffer(data, dtype="<u8").copy(), shingle_count)


def shingles(text: str) -> set[bytes]:
    """Word 5-grams of the text, lower-cased, punctuation ignored."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def signatures(texts: Sequence[str]) -> list[Signature]:
    """MinHash signatures of many texts at once (``MinHash.bulk``: far faster than per-shingle updates)."""
    sets = [shingles(t) for t in texts]
    hashes = MinHash.bulk(sets, num_perm=NUM_PERM, seed=SEED)
    return [Signature(h.hashvalues.copy(), len(s)) for h, s in zip(hashes, sets, strict=True)]


def signature(text: str) -> Signature:
    """The MinHash signature of one text."""
    return signatures([text])[0]


def band_keys(sig: Signature) -> list[tuple[int, str]]:
    """The LSH band keys of a signature: documents sharing any key are candidate copies."""
    values = sig.hashvalues
    return [
        (band, hashlib.blake2b(values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8).hexdigest())
        for band in range(BANDS)
    ]


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the smaller shingle set contained in the larger one."""
    j = jaccard(a, b)
    smaller = min(a.shingle_count, b.shingle_count)
    if smaller == 0:
        return 0.0
    intersection = j * (a.shingle_count + b.shingle_count) / (1 + j)
    return min(1.0, intersection / smaller)


def is_copy(a: Signature, b: Signature) -> bool:
    """True when one text is (mostly) contained in the other."""
    settings = story_settings().copies
    if min(a.shingle_count, b.shingle_count) < settings.min_shingles:
        return False
    return containment(a, b) >= settings.min_containment


def link_copies(session: Session, document: Document, sig: Signature) -> list[str]:
    """Store the signature and band keys; put the document in the copy group of the texts it copies.

    Returns the ids of the documents it was found to copy (or be copied by). When the candidate copies of the
    same outlet share standing text with it, the signature is made again without that text.
    """

    def candidates(band_keys_: list[tuple[int, str]]) -> set[str]:
        query = select(CopyBand.document_id).where(tuple_(CopyBand.band, CopyBand.key).in_(band_keys_))
        return set(session.scalars(query.distinct()))

    keys = band_keys(sig)
    candidate_ids = candidates(keys) - {document.id}
    standing = standing_paragraphs(session, document, candidate_ids)
    if standing:
        sig = signature(without(document.text, standing))
        keys = band_keys(sig)
        candidate_ids |= candidates(keys) - {document.id}
    session.add(
        DocumentSignature(document_id=document.id, minhash=sig.to_bytes(), shingle_count=sig.shingle_count)
    )
    session.flush()
    session.execute(
        insert(CopyBand), [{"band": band, "key": key, "document_id": document.id} for band, key in keys]
    )
    candidate_ids.discard(document.id)
    if sig.shingle_count < story_settings().copies.min_shingles or not candidate_ids:
        return []
    matches: list[str] = []
    rows = session.execute(
        select(
            DocumentSignature.document_id, DocumentSignature.minhash, DocumentSignature.shingle_count
        ).where(DocumentSignature.document_id.in_(sorted(candidate_ids)))
    )
    for other_id, minhash, count in rows:
        if is_copy(sig, Signature.from_bytes(minhash, count)):
            matches.append(other_id)
    if not matches:
        return []
    others = list(session.scalars(select(Document).where(Document.id.in_(matches))))
    groups = sorted({d.copy_group_id for d in others if d.copy_group_id})
    group_id = groups[0] if groups else content_id("copy", min([document.id, *matches]))
    if len(groups) > 1:  # the new text bridges groups: they were copies of one wire text all along
        session.execute(
            update(Document).where(Document.copy_group_id.in_(groups[1:])).values(copy_group_id=group_id)
        )
    for other in others:
        other.copy_group_id = group_id
    document.copy_group_id = group_id
    return matches
