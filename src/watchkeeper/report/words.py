"""Counted nouns as a reader writes them: "1 incident", "2 incidents", never "incident(s)"."""

from __future__ import annotations

import re

# Words whose plural is not made by the rules of :func:`plural`.
IRREGULAR = {"was": "were", "is": "are", "it": "they", "has": "have"}
# "3 independent source(s)", "2 government(s)", "1 entity(ies)": a machine plural after its number.
MACHINE_PLURAL = re.compile(r"\b(\d[\d,]*)((?: [A-Za-z-]+)*?) ([A-Za-z-]+?)(y\(ies\)|\(s\)|\(es\))")


def plural(word: str, n: int) -> str:
    """``word`` for ``n`` of it (the last of several words is the one made plural: "alleged delivery")."""
    if n == 1:
        return word
    *head, last = word.split(" ")
    if last in IRREGULAR:
        last = IRREGULAR[last]
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif re.search(r"(s|x|z|ch|sh)$", last):
        last += "es"
    else:
        last += "s"
    return " ".join([*head, last])


def count(n: int, word: str) -> str:
    """``n`` and ``word`` in the number ``n`` asks for: "1 incident", "3 incidents", "2 deliveries"."""
    return f"{n:,} {plural(word, n)}"


def was(n: int) -> str:
    """The verb "to be", past, agreeing with ``n``."""
    return plural("was", n)


def settle_plurals(text: str) -> str:
    """Words another stage wrote with a machine plural after a number, in the number it asks for:
    "1 independent source(s)" reads "1 independent source", "2 government(s)" reads "2 governments"."""

    def settle(match: re.Match[str]) -> str:
        n = int(match[1].replace(",", ""))
        singular = match[3] + ("y" if match[4].startswith("y") else "")
        return f"{match[1]}{match[2]} {plural(singular, n)}"

    return MACHINE_PLURAL.sub(settle, text)
