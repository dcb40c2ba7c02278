"""Story gold derived from incident annotations: each rule of evidence/story_gold.py in one sentence."""

from __future__ import annotations

from watchkeeper.evidence.story_gold import close_pairs, gold_stories, merged, same_event, same_party


def launch(day: str, precision: str = "day", cns: str | None = None) -> dict:
    return {
        "kind": "missile_launch",
        "date": day,
        "date_precision": precision,
        "cns_date": cns,
        "actors": {"launcher": "North Korea"},
        "is_main": True,
    }


def theft(victim: str, when: str, precision: str) -> dict:
    return {
        "kind": "cyber_theft",
        "date": when,
        "date_precision": precision,
        "actors": {"thief": "DPRK", "victim": victim},
        "is_main": True,
    }


def test_party_names_fold_aliases_brackets_and_containment() -> None:
    assert same_party("Pyongyang", "North Korea")
    assert same_party("Wagner Group (Russia)", "Wagner")
    assert not same_party("Russia", "China")


def test_launches_a_day_apart_are_one_event_for_time_zones() -> None:
    assert same_event(launch("2026-03-02"), launch("2026-03-03"))
    assert not same_event(launch("2026-03-02"), launch("2026-03-06"))


def test_the_reference_row_decides_between_launches() -> None:
    assert not same_event(
        launch("2026-03", "month", cns="2026-03-15"), launch("2026-03-11", cns="2026-03-11")
    )


def test_a_month_shared_by_two_launches_identifies_no_event() -> None:
    assert not same_event(launch("2026-03", "month"), launch("2026-03-20"))


def test_a_named_victim_identifies_a_theft_at_year_precision() -> None:
    assert same_event(theft("Corvex exchange", "2026", "year"), theft("Corvex", "2026-02", "month"))
    assert not same_event(theft("Corvex", "2026", "year"), theft("Lumenpay", "2026", "year"))


def test_gold_stories_and_close_pairs_from_documents() -> None:
    docs = [
        {"id": "a", "incidents": [launch("2026-03-02")]},
        {"id": "b", "incidents": [launch("2026-03-03")]},
        {"id": "c", "incidents": [launch("2026-03-06")]},
        {"id": "d", "incidents": []},
    ]
    assert gold_stories(docs) == {"a": "a", "b": "a", "c": "c", "d": "d"}
    assert close_pairs(docs) == [("a", "c", 4), ("b", "c", 3)]
    assert merged(close_pairs(docs), {"a": "s1", "b": "s1", "c": "s1", "d": None}) == close_pairs(docs)
