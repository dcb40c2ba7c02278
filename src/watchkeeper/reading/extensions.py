"""The attributes our components set on a spaCy Doc: plain lists of dicts, so docs cross processes."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

ATTRIBUTES = ("published", "dates", "quantities", "quotes", "claims", "incidents")

for _name in ATTRIBUTES:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def published_date(doc: Doc) -> date:
    """The publication date set on the doc (ISO string), or today when the caller gave none."""
    value = doc._.published
    return date.fromisoformat(value[:10]) if value else date.today()


def text_of(doc: Doc) -> str:
    """The doc's text, joined once: spaCy rebuilds ``Doc.text`` from its tokens on every call, and the
    components ask for it per quote, per date and per sentence."""
    text = doc.user_data.get("watchkeeper_text")
    if not isinstance(text, str):  # a doc's text never changes (retokenizing keeps it): join it once
        text = doc.user_data["watchkeeper_text"] = doc.text
    return text
