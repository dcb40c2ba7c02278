"""Who is who across documents: each mention linked to one canonical entity.

Gazetteer and designated-list ids come first (the gazetteer put them on the span). Other names are linked to
an entity of the same type that already carries the same name or alias, else to one that
``watchkeeper.resolve.match_names`` calls a match ("Joonkook Hwang" = "Hwang Joon-kook", never "Kim Jong Un" =
"Kim Jong Il"), else they found a new entity ``<type>:<slug>``.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.reading.knowledge import GazetteerEntry, slug
from watchkeeper.resolve import match_names
from watchkeeper.store.models.reading import Entity

SCHEMA_BY_TYPE = {"person": "Person", "org": "Organization", "vessel": "Vessel"}
_LEADING_ARTICLE = re.compile(r"^(?:the|The)\s+")
# The stops of an abbreviation ("U.N.", "D.P.R.K."): a letter followed by a full stop.
_ABBREVIATION_STOP = re.compile(r"(?<=\b\w)\.")


def name_key(text: str) -> str:
    """How names compare for exact alias lookup: no leading article, no abbreviation stops ("U.N." = "UN"),
    case and spacing folded."""
    folded = _ABBREVIATION_STOP.sub("", _LEADING_ARTICLE.sub("", text))
    return " ".join(folded.casefold().replace("’", "'").split())


class EntityLinker:
    """Links names to entity rows within one session, creating and extending entities as it goes."""

    def __init__(self, session: Session, known: dict[str, GazetteerEntry]) -> None:
        self.session = session
        self.known = known
        self.entities: dict[str, Entity] = {e.id: e for e in session.scalars(select(Entity))}
        self.by_alias: dict[tuple[str, str], str] = {}
        for entity in self.entities.values():
            for alias in [entity.name, *entity.aliases]:
                self.by_alias.setdefault((entity.type, name_key(alias)), entity.id)

    def link(self, text: str | None, entity_type: str, entity_id: str | None = None) -> str:
        """The entity id for a name (creating or extending the entity row)."""
        if entity_id is None:
            entity_id = self._find(text or "", entity_type)
        entity = self.entities.get(entity_id) or self._create(entity_id, text, entity_type)
        if text and text not in entity.aliases and text != entity.name:
            entity.aliases = [*entity.aliases, text]
            self.by_alias.setdefault((entity.type, name_key(text)), entity.id)
        return entity.id

    def _find(self, text: str, entity_type: str) -> str:
        key = name_key(text)
        found = self.by_alias.get((entity_type, key))
        if found:
            return found
        schema = SCHEMA_BY_TYPE.get(entity_type)
        if schema is not None:
            for entity in self.entities.values():
                if entity.type == entity_type and any(
                    match_names(text, alias, schema=schema).is_match
                    for alias in [entity.name, *entity.aliases][:6]
                ):
                    return entity.id
        candidate = f"{entity_type}:{slug(_LEADING_ARTICLE.sub('', text))}"
        return candidate

    def _create(self, entity_id: str, text: str | None, entity_type: str) -> Entity:
        entry = self.known.get(entity_id)
        if entry is not None:
            entity = Entity(
                id=entity_id,
                type=entry.type,
                name=entry.name,
                aliases=[n for n in entry.names if n != entry.name],
                designation_id=entry.designation_id,
                source="designation" if entry.designation_id else "gazetteer",
            )
        else:
            entity = Entity(
                id=entity_id,
                type=entity_id.partition(":")[0] or entity_type,
                name=text or entity_id,
                aliases=[],
                designation_id=None,
                source="text",
            )
        self.session.add(entity)
        self.entities[entity_id] = entity
        for alias in [entity.name, *entity.aliases]:
            self.by_alias.setdefault((entity.type, name_key(alias)), entity.id)
        return entity
