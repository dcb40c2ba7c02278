"""Quantities in words and figures, with units, currencies and bounds."""

from __future__ import annotations

import pytest

from watchkeeper.reading.quantities import find_quantities


@pytest.mark.parametrize(
    ("text", "words", "value", "unit", "currency", "lower"),
    [
        ("hackers stole $3bn last year", "$3bn", 3e9, None, "USD", False),
        ("worth 1.5 billion dollars", "1.5 billion dollars", 1.5e9, None, "USD", False),
        ("a cap of 4 million barrels", "4 million barrels", 4e6, "barrel", None, False),
        (
            "more than 1,000 containers of munitions",
            "more than 1,000 containers",
            1000,
            "container",
            None,
            True,
        ),
        ("thousands of containers", "thousands of containers", 1000, "container", None, True),
        ("about 40 deliveries", "about 40 deliveries", 40, "delivery", None, False),
        ("more than a million barrels of fuel", "more than a million barrels", 1e6, "barrel", None, True),
        ("it flew more than 6,500km", "more than 6,500km", 6500, "km", None, True),
    ],
)
def test_quantity(
    text: str, words: str, value: float, unit: str | None, currency: str | None, lower: bool
) -> None:
    (found,) = find_quantities(text)
    assert (found.text, found.value, found.unit, found.currency, found.lower_bound) == (
        words,
        value,
        unit,
        currency,
        lower,
    )
    assert text[found.start_char : found.end_char] == words


def test_approximate_flag_and_no_years_or_model_numbers() -> None:
    (found,) = find_quantities("In 2023 the Hwasong-18 flew about 1,000 km.")
    assert found.text == "about 1,000 km" and found.approximate


@pytest.mark.parametrize(
    "text",
    [
        "The launch breached resolution 1718, the panel said.",
        "Resolutions 1718, 2375 and 2397 ban such transfers.",
        "The 1718 Committee met on Tuesday.",
        "under paragraph 8 of UNSCR 2397",
    ],
)
def test_figures_that_name_a_resolution_or_paragraph_are_not_amounts(text: str) -> None:
    assert find_quantities(text) == []


def test_a_counted_figure_after_a_resolution_is_still_an_amount() -> None:
    found = find_quantities("Resolution 2397 caps imports at 500,000 barrels; it fired 1718 shells.")
    assert [(q.text, q.value) for q in found] == [("500,000 barrels", 500000), ("1718 shells", 1718)]
