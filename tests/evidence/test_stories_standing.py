"""An outlet's standing text is left out of copy signatures and story vectors, never a re-post's own text."""

from __future__ import annotations

from watchkeeper.evidence.standing import edge_run, paragraphs, without
from watchkeeper.evidence.story_gold import group_with_intake

ABOUT = (
    "The Quay Gazette is a reader-funded newsroom that has reported on fishing, ferries and harbour trade "
    "along the northern coast since 1971, from offices in four port towns."
)
LEAD = (
    "Customs officers at the port of Tarn held a coal barge for a second day while they checked papers that "
    "named a loading port nobody could find on a chart, the harbour office said on Monday."
)
REST = (
    "The barge's agent said the papers were in order and blamed a clerk's spelling, and the office expects "
    "to decide by the end of the week whether the cargo may be landed."
)


def test_only_the_shared_paragraphs_at_the_edges_are_standing_text() -> None:
    parts = ["lead", "shared middle", "shared end"]
    assert edge_run(parts, {"shared middle", "shared end"}) == {"shared middle", "shared end"}
    assert edge_run(parts, {"shared middle"}) == set()


def test_without_drops_only_the_standing_paragraphs() -> None:
    assert paragraphs(without(f"{LEAD}\n\n{ABOUT}", {ABOUT})) == [LEAD]


def test_a_re_post_by_the_same_outlet_stays_its_copy() -> None:
    rows = [
        {
            "id": "first",
            "title": "Barge held at Tarn",
            "outlet": "Quay Gazette",
            "date": "2026-05-04",
            "paragraphs": [LEAD, REST, ABOUT],
        },
        {
            "id": "again",
            "title": "Barge still held at Tarn",
            "outlet": "Quay Gazette",
            "date": "2026-05-05",
            "paragraphs": [LEAD, REST, ABOUT],
        },
    ]
    rows[1]["paragraphs"] = [LEAD, REST + " Officials gave no further details.", ABOUT]
    got = group_with_intake(rows)
    assert got["again"][1] is not None and got["again"][1] == got["first"][1]
