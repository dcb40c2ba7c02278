"""Story vectors: hashed, sublinear term frequencies without stop words, as small sparse unit vectors.

Chosen over MiniLM sentence embeddings by measurement on the gold stories (docs/evidence.md): the same B-cubed
F1 (0.85 each), no model to load, two orders of magnitude faster, and stateless, so a new document is
vectorised without refitting anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer

VECTOR_MODEL = "hashed-tf-18-dprk"
N_FEATURES = 2**18
CENTROID_TERMS = 400  # a story centroid keeps its heaviest terms only, so it stays small in the store


def _stop_words() -> list[str]:
    text = (resources.files("watchkeeper.data") / "evidence/story_stopwords.txt").read_text(encoding="utf-8")
    domain = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]
    return sorted(ENGLISH_STOP_WORDS | set(domain))


_VECTORIZER = HashingVectorizer(
    n_features=N_FEATURES, stop_words=_stop_words(), alternate_sign=False, norm=None, dtype=np.float32
)


@dataclass(frozen=True)
class SparseVector:
    """Sorted term indices and their weights."""

    indices: np.ndarray
    values: np.ndarray

    def to_bytes(self) -> bytes:
        return (
            np.uint32(len(self.indices)).tobytes()
            + self.indices.astype("<u4").tobytes()
            + (self.values.astype("<f4").tobytes())
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> SparseVector:
        n = int(np.frombuffer(data[:4], dtype="<u4")[0])
        indices = np.frombuffer(data[4 : 4 + 4 * n], dtype="<u4")
        values = np.frombuffer(data[4 + 4 * n : 4 + 8 * n], dtype="<f4")
        return cls(indices.astype(np.int64), values.astype(np.float32))

    @property
    def norm(self) -> float:
        return float(np.sqrt(np.dot(self.values, self.values)))


def story_vectors(texts: list[str]) -> list[SparseVector]:
    """Unit vectors of many texts (sublinear tf: 1 + log count)."""
    matrix = _VECTORIZER.transform(texts).tocsr()
    matrix.sort_indices()
    out = []
    for row in range(matrix.shape[0]):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        values = 1.0 + np.log(matrix.data[start:end])
        norm = float(np.sqrt(np.dot(values, values))) or 1.0
        out.append(
            SparseVector(matrix.indices[start:end].astype(np.int64), (values / norm).astype(np.float32))
        )
    return out


def cosine(a: SparseVector, b: SparseVector) -> float:
    """Cosine similarity of two sparse vectors."""
    norms = a.norm * b.norm
    if not norms:
        return 0.0
    _, ia, ib = np.intersect1d(a.indices, b.indices, assume_unique=True, return_indices=True)
    return float(np.dot(a.values[ia], b.values[ib])) / norms


def mean_vector(a: SparseVector, a_weight: float, b: SparseVector, b_weight: float) -> SparseVector:
    """The weighted mean of two vectors, cut to the heaviest CENTROID_TERMS terms."""
    indices = np.union1d(a.indices, b.indices)
    values = np.zeros(len(indices), dtype=np.float64)
    values[np.searchsorted(indices, a.indices)] += a.values * a_weight
    values[np.searchsorted(indices, b.indices)] += b.values * b_weight
    values /= a_weight + b_weight
    if len(indices) > CENTROID_TERMS:
        keep = np.sort(np.argpartition(values, -CENTROID_TERMS)[-CENTROID_TERMS:])
        indices, values = indices[keep], values[keep]
    return SparseVector(indices, values.astype(np.float32))
