"""The shared vocabularies: members are their strings, and precision has one order."""

from watchkeeper.vocabulary import DatePrecision, Polarity, ReviewState


def test_members_are_their_strings() -> None:
    assert Polarity.DENIES == "denies"
    assert f"{ReviewState.SPLIT}" == "split"


def test_precision_order_runs_from_day_to_publication() -> None:
    ranks = [p.rank for p in DatePrecision]
    assert ranks == sorted(ranks)
    assert DatePrecision.DAY.rank < DatePrecision.MONTH.rank < DatePrecision.PUBLICATION.rank
    assert DatePrecision.rank_of("fortnight") > DatePrecision.PUBLICATION.rank
    assert DatePrecision.RANGE.has_end and not DatePrecision.MONTH.has_end
