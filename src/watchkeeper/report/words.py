"""Counted nouns as a reader writes them: "1 incident", "2 incidents", never "incident(s)"."""

from __future__ import annotations

# Nouns whose plural is not the singular plus "s"; every other noun the report counts takes an "s".
IRREGULAR = {"entity": "entities", "delivery": "deliveries", "was": "were", "is": "are", "it": "they"}


def plural(word: str, n: int) -> str:
    """``word`` for ``n`` of it (words joined by spaces are each made plural, so "alleged delivery" works)."""
    if n == 1:
        return word
    *head, last = word.split(" ")
    return " ".join([*head, IRREGULAR.get(last, last + "s")])


def count(n: int, word: str) -> str:
    """``n`` and ``word`` in the number ``n`` asks for: "1 incident", "3 incidents", "2 deliveries"."""
    return f"{n:,} {plural(word, n)}"


def was(n: int) -> str:
    """The verb "to be", past, agreeing with ``n``."""
    return plural("was", n)


def are(n: int) -> str:
    """The verb "to be", present, agreeing with ``n``."""
    return plural("is", n)
