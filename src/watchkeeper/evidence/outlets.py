"""Who published a document and whose wire copy it is, from data files of outlets and credit rules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import yaml

OUTLET_FILES = ("corpus/outlets.yaml", "evidence/outlets.yaml")
WIRE_KINDS = {"wire", "state_media"}
_WINDOW = 600  # characters of the opening/closing a credit rule looks at


@dataclass(frozen=True)
class Outlet:
    """A publisher or wire agency."""

    id: str
    name: str
    kind: str
    country: str | None = None
    short: str | None = None
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.name, self.short, *self.aliases) if n)


@dataclass(frozen=True)
class WireCredit:
    """A wire named by a credit rule, with the rule and the words that matched."""

    wire: Outlet
    rule: str
    evidence: str


@dataclass
class OutletRegistry:
    """Outlets by id, domain and name; credit rules compiled per wire."""

    outlets: dict[str, Outlet]
    rules: list[tuple[str, str, dict[str, re.Pattern[str]]]] = field(default_factory=list)

    def by_domain(self, url: str | None) -> Outlet | None:
        """The outlet whose domain (or a parent domain) serves the URL."""
        host = (urlsplit(url).hostname or "").lower() if url else ""
        while host:
            for outlet in self.outlets.values():
                if host in outlet.domains:
                    return outlet
            host = host.partition(".")[2] if "." in host else ""
        return None

    def by_name(self, text: str | None) -> Outlet | None:
        """The outlet a name, site name or byline names (case and a leading "The" ignored)."""
        if not text:
            return None
        key = _name_key(text)
        for outlet in self.outlets.values():
            if key in {_name_key(n) for n in outlet.names} or key in outlet.domains:
                return outlet
        return None

    def named_in(self, text: str, *, publishers_only: bool = True) -> Outlet | None:
        """The outlet whose name appears in a stretch of text (page chrome, a report's opening lines)."""
        for outlet in self.outlets.values():
            if publishers_only and outlet.kind in WIRE_KINDS:
                continue
            for name in outlet.names:
                if len(name) > 3 and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
                    return outlet
        return None

    def identify(
        self, *, url: str | None, hints: Iterable[str | None], surroundings: Iterable[str] = ()
    ) -> Outlet | None:
        """The publisher: by the URL's domain, the names the document gives itself, then its surroundings."""
        found = self.by_domain(url)
        if found:
            return found
        for hint in hints:
            found = self.by_name(hint)
            if found:
                return found
        for text in surroundings:
            found = self.named_in(text)
            if found:
                return found
        return None

    def wire_credit(self, text: str) -> WireCredit | None:
        """The wire a text credits in its dateline, closing credit or lead, and by which rule."""
        parts = {
            "opening": text[:_WINDOW],
            "lead": text.split("\n\n", 1)[0][:_WINDOW],
            "closing": text[-_WINDOW:],
        }
        for rule, where, patterns in self.rules:
            for wire_id, pattern in patterns.items():
                match = pattern.search(parts[where])
                if match:
                    return WireCredit(self.outlets[wire_id], rule, match.group(0).strip())
        return None


def _name_key(name: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(name.split()).casefold())


def _read_yaml(relative: str) -> dict:
    return yaml.safe_load((resources.files("watchkeeper.data") / relative).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_outlets() -> OutletRegistry:
    """The outlets of the corpus and the real outlets/wires, with compiled wire-credit rules."""
    outlets: dict[str, Outlet] = {}
    for relative in OUTLET_FILES:
        for row in _read_yaml(relative)["outlets"]:
            domains = tuple(d.lower() for d in [row.get("domain"), *row.get("domains", [])] if d)
            outlets[row["id"]] = Outlet(
                id=row["id"],
                name=row["name"],
                kind=row["kind"],
                country=row.get("country"),
                short=row.get("short"),
                domains=domains,
                aliases=tuple(row.get("aliases", [])),
            )
    registry = OutletRegistry(outlets)
    wires = [o for o in outlets.values() if o.kind in WIRE_KINDS]
    for rule in _read_yaml("evidence/wire_credits.yaml")["rules"]:
        patterns = {}
        for wire in wires:
            if rule["where"] == "lead" and wire.kind != "wire":
                continue  # state media are quoted by everyone; only agencies relay their copy
            names = "|".join(re.escape(n) for n in sorted(wire.names, key=len, reverse=True))
            flags = re.MULTILINE | (re.IGNORECASE if rule["name"] != "dateline_credit" else 0)
            patterns[wire.id] = re.compile(rule["pattern"].replace("{names}", names), flags)
        registry.rules.append((rule["name"], rule["where"], patterns))
    return registry
