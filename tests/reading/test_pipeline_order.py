"""The reading components declare what they read and set, and the pipeline's order satisfies them."""

from __future__ import annotations

import spacy
from spacy.language import Language

from watchkeeper.reading.pipeline import COMPONENTS


def test_analyze_pipes_reports_no_problems(nlp: Language) -> None:
    analysis = nlp.analyze_pipes()
    assert all(not problems for problems in analysis["problems"].values()), analysis["problems"]
    for name in COMPONENTS:
        assert analysis["summary"][name]["assigns"], f"{name} declares nothing it sets"


def test_a_component_out_of_order_is_reported() -> None:
    """The declarations are real: claims without the incidents component before it is a problem."""
    blank = spacy.blank("en")
    blank.add_pipe("wk_claims")
    problems = blank.analyze_pipes()["problems"]["wk_claims"]
    assert "doc._.incidents" in problems
    assert "doc.ents" in problems
