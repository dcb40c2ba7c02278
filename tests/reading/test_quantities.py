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
