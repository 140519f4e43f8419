"""Small helpers the extractor tests share: run one abstract, and read what it proposes."""

from __future__ import annotations

from paperkg.extractors import Extractor
from paperkg.records import Entity, Extraction, Paper


def extract(nlp, abstract: str, title: str = "A paper") -> Extraction:
    """The Extraction of one paper with this title and abstract."""
    return next(Extractor(nlp).extract([Paper(title, abstract)]))


def proposed(ext: Extraction) -> set[str]:
    """Names and aliases of every entity the paper PROPOSES."""
    names = {e.id: e for e in ext.entities}
    out: set[str] = set()
    for r in ext.relations:
        if r.type == "PROPOSES":
            out.add(names[r.target].name)
            out.update(names[r.target].aliases)
    return out


def entity_named(ext: Extraction, surface: str) -> Entity:
    """The one entity with ``surface`` as its name or among its aliases."""
    [entity] = [e for e in ext.entities if surface in e.aliases or e.name == surface]
    return entity
