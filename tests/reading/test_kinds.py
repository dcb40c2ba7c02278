"""The incident-kind registry: every kind has a label, a plural and a description."""

from watchkeeper.reading.kinds import incident_kinds, kind_ids, kind_label


def test_every_kind_reads_as_words() -> None:
    for kind, spec in incident_kinds().items():
        assert spec.label and spec.plural and spec.description, kind
    assert kind_label("missile_launch") == "Ballistic-missile launch"
    assert kind_label("petroleum_delivery", plural=True) == "Petroleum deliveries"
    assert kind_label("no_such_kind") == "No such kind"
    assert "council_vote" in kind_ids()
