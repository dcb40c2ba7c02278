"""The reading pipeline, loaded once per test session (loading spaCy takes about a second)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from watchkeeper.reading.pipeline import build_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_pipeline()
