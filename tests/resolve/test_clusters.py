"""Grouping mentions across documents: spellings and scripts together, different people apart."""

from __future__ import annotations

from watchkeeper.resolve.clusters import Mention, cluster_mentions


def _groups(clusters: list) -> list[set[str]]:  # type: ignore[type-arg]
    return [set(c.names) for c in clusters]


def test_spellings_and_scripts_group_across_documents() -> None:
    mentions = [
        Mention("Kim Jong Un", document_id="d1"),
        Mention("Kim Jong-un", document_id="d2"),
        Mention("김정은", document_id="d3"),
        Mention("Kim Jong Il", document_id="d1"),
        Mention("Vassily Nebenzia", document_id="d1"),
        Mention("Vasily Nebenzya", document_id="d4"),
        Mention("Василий Небензя", document_id="d5"),
    ]
    clusters = cluster_mentions(mentions)
    groups = _groups(clusters)
    assert {"Kim Jong Un", "Kim Jong-un", "김정은"} in groups
    assert {"Kim Jong Il"} in groups
    assert {"Vassily Nebenzia", "Vasily Nebenzya", "Василий Небензя"} in groups
    kim = next(c for c in clusters if "김정은" in c.names)
    assert kim.canonical_name in {"Kim Jong Un", "Kim Jong-un"}
    assert kim.document_ids == ["d1", "d2", "d3"]
    assert all(link.score >= 0.75 and link.match.features for link in kim.links)


def test_no_chaining_of_different_people_through_a_third_name() -> None:
    # "Kim Jong" alone must not pull Kim Jong Un and Kim Jong Il into one entity
    clusters = cluster_mentions([Mention("Kim Jong Un"), Mention("Kim Jong"), Mention("Kim Jong Il")])
    for cluster in clusters:
        assert not {"Kim Jong Un", "Kim Jong Il"} <= set(cluster.names)


def test_mentions_as_mappings_and_schemas_kept_apart() -> None:
    clusters = cluster_mentions(
        [
            {"text": "Korea Mining Development Trading Corp", "type": "organization", "document_id": "a"},
            {"text": "KOREA MINING DEVELOPMENT TRADING CORPORATION", "schema": "Organization"},
            {"text": "Ri Pyong Chol", "type": "person", "document_id": "a", "id": "m1"},
            {"text": "Ri Pyong-chol", "type": "person", "document_id": "b", "id": "m2"},
        ]
    )
    assert len(clusters) == 2
    person = next(c for c in clusters if c.schema == "Person")
    assert person.to_dict()["mention_ids"] == ["m1", "m2"]
    assert person.to_dict()["links"][0]["features"]


def test_repeated_mentions_choose_the_canonical_name() -> None:
    clusters = cluster_mentions([Mention("Ri Pyong-chol")] * 3 + [Mention("Ri Pyong Chol")])
    assert len(clusters) == 1
    assert clusters[0].canonical_name == "Ri Pyong-chol"
    assert len(clusters[0].mentions) == 4


def test_a_surname_alone_joins_the_one_full_name_of_its_document() -> None:
    clusters = cluster_mentions(
        [
            Mention("Vassily Nebenzia", document_id="d1"),
            Mention("Nebenzia", document_id="d1"),
            Mention("Nebenzia", document_id="d2"),  # no full name in d2: stays apart
            Mention("Kim Jong Un", document_id="d3"),
            Mention("Kim Yo Jong", document_id="d3"),
            Mention("Kim", document_id="d3"),  # two Kims in d3: ambiguous, stays apart
        ]
    )
    nebenzia = next(c for c in clusters if "Vassily Nebenzia" in c.names)
    assert [m.document_id for m in nebenzia.mentions] == ["d1", "d1"]
    assert any(link.a == "Nebenzia" for link in nebenzia.links)
    alone = [c for c in clusters if c.names == ["Nebenzia"]]
    assert len(alone) == 1 and [m.document_id for m in alone[0].mentions] == ["d2"]
    assert any(c.names == ["Kim"] for c in clusters)


def test_other_entity_labels_cluster_among_themselves() -> None:
    clusters = cluster_mentions(
        [
            {"text": "Nampo", "type": "GPE"},
            {"text": "Namp'o", "type": "GPE"},
            {"text": "Nampo", "type": "organization"},
        ]
    )
    assert sorted((c.schema, len(c.mentions)) for c in clusters) == [("GPE", 2), ("Organization", 1)]
