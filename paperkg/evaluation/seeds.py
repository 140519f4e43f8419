"""The hand-annotated seed gold (tests/data/seed_gold.jsonl): reading it and resolving it.

One JSON object a line, one seed abstract each (the guideline is tests/data/SEED_GOLD.md)::

    {"arxiv_id": "2311.08526", "title": null, "source": "002_....txt",
     "abstract_sha1": "<first 12 hex of sha1(normalize_text(abstract))>",
     "abstract_prefix": "<first 40 characters>",
     "entities": [{"text": "GLiNER", "label": "Model"},
                  {"text": "NER", "label": "Task", "occurrences": [0, 2]},
                  {"text": "ToRA", "label": "Model", "boundary": false}],
     "relations": [{"type": "PROPOSES", "name": "GLiNER", "label": "Model"},
                   {"type": "REPORTS", "name": "Long Range Arena", "value": 86, "unit": "%",
                    "metric": "accuracy"}]}

The abstracts themselves stay in the seed corpus: an entry names its paper by arXiv id, or by exact
title when it has none. Mentions are stored as surface text, resolved to character offsets only
when scoring (:func:`resolve_mentions`), so they follow the abstract as the loader produces it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paperkg.errors import InputError
from paperkg.evaluation.datasets import GoldDoc, _json_lines, _require
from paperkg.evaluation.scoring import NamedRelation, Span
from paperkg.graph.schema import ENTITY_LABELS, RELATION_TYPES
from paperkg.records import Paper, normalize_arxiv_id, normalize_text, normalize_title

__all__ = [
    "GoldMention",
    "SeedGold",
    "abstract_hash",
    "default_seed_gold_path",
    "parse_seed_gold",
    "read_seed_gold",
    "find_occurrences",
    "resolve_mentions",
    "match_seed_gold",
]

#: Relation types annotated in the seed gold.
SEED_RELATION_TYPES: tuple[str, ...] = (
    "PROPOSES", "USES", "EVALUATES_ON", "COMPARES_WITH", "ADDRESSES", "REPORTS")


@dataclass(frozen=True)
class GoldMention:
    """Annotated surface text: every whole-word occurrence, or only the listed ones (0-based).

    ``boundary=False`` matches the text anywhere, for abstracts whose source glued words together
    ("we proposeToRA").
    """

    text: str
    label: str
    occurrences: tuple[int, ...] | None = None
    boundary: bool = True


@dataclass(frozen=True)
class SeedGold:
    """One annotated seed abstract, before it is matched to a loaded Paper."""

    location: str
    arxiv_id: str | None
    title: str | None
    abstract_sha1: str | None
    entities: tuple[GoldMention, ...]
    relations: tuple[dict[str, Any], ...]


def abstract_hash(abstract: str) -> str:
    """Short hash of an abstract that ignores whitespace, case and punctuation.

    >>> abstract_hash("A  b.") == abstract_hash("a b")
    True
    """
    return hashlib.sha1(normalize_text(abstract).encode("utf-8")).hexdigest()[:12]


def default_seed_gold_path() -> Path:
    """``tests/data/seed_gold.jsonl`` of the repository this package is run from."""
    return Path(__file__).resolve().parents[2] / "tests" / "data" / "seed_gold.jsonl"


def parse_seed_gold(lines: Iterable[str], *, source: str = "<seed gold>") -> Iterator[SeedGold]:
    """Validate and yield seed gold entries (labels and relation types checked).

    >>> entry = next(parse_seed_gold(['{"arxiv_id": "2311.08526", "entities": '
    ...     '[{"text": "GLiNER", "label": "Model"}], "relations": '
    ...     '[{"type": "PROPOSES", "name": "GLiNER"}]}']))
    >>> entry.arxiv_id, entry.entities[0].label
    ('2311.08526', 'Model')
    """
    for location, record in _json_lines(lines, source):
        arxiv_id = normalize_arxiv_id(record.get("arxiv_id"))
        title = record.get("title")
        if not arxiv_id and not title:
            raise InputError("entry names no paper: give arxiv_id or title", location)
        entities = []
        for item in _require(record, "entities", list, location):
            if not isinstance(item, dict) or not item.get("text") or item.get(
                    "label") not in ENTITY_LABELS:
                raise InputError(f"bad entity {item!r}: needs text and a label out of "
                                 f"{', '.join(ENTITY_LABELS)}", location)
            occ = item.get("occurrences")
            entities.append(GoldMention(item["text"], item["label"],
                                        tuple(occ) if occ is not None else None,
                                        bool(item.get("boundary", True))))
        relations = []
        for item in _require(record, "relations", list, location):
            if not isinstance(item, dict) or item.get("type") not in RELATION_TYPES or not item.get(
                    "name"):
                raise InputError(f"bad relation {item!r}: needs a type out of "
                                 f"{', '.join(SEED_RELATION_TYPES)} and a name", location)
            if item["type"] == "REPORTS" and not isinstance(item.get("value"), int | float):
                raise InputError(f"REPORTS relation {item!r} needs a numeric value", location)
            relations.append(item)
        yield SeedGold(location, arxiv_id, title, record.get("abstract_sha1"), tuple(entities),
                       tuple(relations))


def read_seed_gold(path: str | Path | None = None) -> list[SeedGold]:
    """All entries of a seed gold file (default: :func:`default_seed_gold_path`)."""
    path = Path(path) if path else default_seed_gold_path()
    if not path.is_file():
        raise InputError(f"seed gold file not found: {path} (pass --gold PATH)")
    with path.open(encoding="utf-8") as lines:
        return list(parse_seed_gold(lines, source=str(path)))


def find_occurrences(text: str, surface: str, *, boundary: bool = True) -> list[tuple[int, int]]:
    """Whole-word occurrences of ``surface`` in ``text`` (no letter or digit on either side).

    >>> find_occurrences("S4 and S4D beat S4.", "S4")
    [(0, 2), (16, 18)]
    >>> find_occurrences("we proposeToRA", "ToRA", boundary=False)
    [(10, 14)]
    """
    if not boundary:
        return [(m.start(), m.end()) for m in re.finditer(re.escape(surface), text)]
    pattern = re.compile(r"(?<![A-Za-z0-9])" + re.escape(surface) + r"(?![A-Za-z0-9])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def resolve_mentions(doc_id: str, text: str, mentions: Sequence[GoldMention], *,
                     location: str = "") -> list[Span]:
    """Gold mentions -> character spans in ``text``.

    Each mention covers every whole-word occurrence of its text (or the listed ones); an
    occurrence inside a longer annotated occurrence is dropped ("Llama 2" inside "Llama 2-7B").
    Raises InputError if a text does not occur or an occurrence index is out of range.

    >>> m = [GoldMention("Llama 2", "Model"), GoldMention("Llama 2-7B", "Model")]
    >>> [(s.start, s.end) for s in resolve_mentions("d", "Llama 2-7B and Llama 2.", m)]
    [(0, 10), (15, 22)]
    """
    spans: list[Span] = []
    for mention in mentions:
        found = find_occurrences(text, mention.text, boundary=mention.boundary)
        if not found:
            raise InputError(f"annotated text {mention.text!r} not found in the abstract",
                             location or doc_id)
        if mention.occurrences is not None:
            if any(not 0 <= i < len(found) for i in mention.occurrences):
                raise InputError(f"occurrence index out of range for {mention.text!r} "
                                 f"({len(found)} found)", location or doc_id)
            found = [found[i] for i in mention.occurrences]
        spans.extend(Span(doc_id, s, e, mention.label) for s, e in found)
    kept = [s for s in spans if not any(
        o is not s and o.start <= s.start and s.end <= o.end and (o.end - o.start) > (
            s.end - s.start) for o in spans)]
    return sorted(dict.fromkeys(kept), key=lambda s: (s.start, s.end, s.label))


def _gold_relation(doc_id: str, item: dict[str, Any]) -> NamedRelation:
    value = item.get("value")
    return NamedRelation(doc_id, item["type"], item["name"], tuple(item.get("aliases", ())),
                         label=item.get("label", ""),
                         value=float(value) if value is not None else None,
                         unit=item.get("unit"), metric=item.get("metric"))


def match_seed_gold(entries: Iterable[SeedGold], papers: Iterable[Paper]) -> list[
        tuple[Paper, GoldDoc]]:
    """Pair each gold entry with its loaded Paper and resolve it into a GoldDoc.

    Papers are found by arXiv id, else by normalized title; a changed abstract (hash mismatch) or
    a missing paper is an InputError naming the gold line.
    """
    by_key: dict[str, Paper] = {}
    for paper in papers:
        if paper.arxiv_id:
            by_key[f"arxiv:{paper.arxiv_id}"] = paper
        if paper.title:
            by_key.setdefault(f"title:{normalize_title(paper.title)}", paper)
    pairs = []
    for entry in entries:
        paper = by_key.get(f"arxiv:{entry.arxiv_id}") if entry.arxiv_id else None
        if paper is None and entry.title:
            paper = by_key.get(f"title:{normalize_title(entry.title)}")
        if paper is None:
            raise InputError(f"paper {entry.arxiv_id or entry.title!r} is not in the seed corpus",
                             entry.location)
        if entry.abstract_sha1 and abstract_hash(paper.abstract) != entry.abstract_sha1:
            raise InputError(f"abstract of {entry.arxiv_id or entry.title!r} changed since it was "
                             f"annotated (hash mismatch)", entry.location)
        doc = GoldDoc(
            paper.id, paper.abstract, title=paper.title, arxiv_id=paper.arxiv_id,
            mentions=tuple(resolve_mentions(paper.id, paper.abstract, entry.entities,
                                            location=entry.location)),
            relations=tuple(_gold_relation(paper.id, item) for item in entry.relations))
        pairs.append((paper, doc))
    return pairs
