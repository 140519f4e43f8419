"""Entity resolution across the corpus: one node per thing however each paper wrote it.

The extractor already canonicalizes each mention (lexicon aliases, model shapes); this pass unites
what different papers still wrote differently: entities whose names or aliases share a surface key
(case, hyphens, spaces, plural ``s`` folded: "Llama 2" / "LLaMA-2" / "Llama-2") become one, keeping
every alias. Labels may differ only within a compatible group (Dataset/Benchmark, Model/Method);
the label most relations use wins. Different things keep different keys (GPT-2 / GPT-3, T5 / mT5,
Phi-2 / Phi-3), and an acronym unites nothing when the two papers spell it out differently ("Chain of
Code (CoT)" and chain-of-thought / CoT stay apart, and one paper's "speculative decoding (SPEED)" does
not make another paper's SPEED framework speculative decoding). Users add aliases with lexicon files
(``PAPERKG_LEXICON``, see :mod:`paperkg.extractors.resources`), which the extractor applies before this
pass.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from paperkg.graph.schema import allowed, entity_id, label_of_id
from paperkg.records import Entity, Extraction, Relation

__all__ = ["resolve_extractions", "merge_key", "COMPATIBLE_LABELS"]

#: Labels that may name the same thing in different papers.
COMPATIBLE_LABELS: dict[str, str] = {
    "Dataset": "data", "Benchmark": "data", "Model": "model", "Method": "model",
    "Task": "task", "Metric": "metric", "Repository": "repo",
}


def merge_key(name: str) -> str:
    """The key under which two names are the same thing.

    >>> merge_key("LLaMA-2") == merge_key("Llama 2") == merge_key("llama_2")
    True
    >>> merge_key("GPT-2") == merge_key("GPT-3"), merge_key("T5") == merge_key("mT5")
    (False, False)
    """
    from paperkg.extractors.normalize import surface_key

    key = surface_key(name)
    if key.endswith("s") and len(key) > 4 and not key.endswith("ss") and key[-2].isalpha():
        key = key[:-1]
    return key


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve_extractions(extractions: Iterable[Extraction]) -> list[Extraction]:
    """Extractions with entity ids rewritten so each thing has one id across the corpus.

    >>> from paperkg.records import Relation
    >>> a = Extraction("paper:x:1", (Entity("model:llama-2", "Model", "Llama 2", ("Llama 2",)),),
    ...                (Relation("USES", "paper:x:1", "model:llama-2", paper="paper:x:1"),))
    >>> b = Extraction("paper:x:2", (Entity("model:llama2", "Model", "LLaMA2", ("LLaMA2",)),),
    ...                (Relation("USES", "paper:x:2", "model:llama2", paper="paper:x:2"),))
    >>> [r.target for e in resolve_extractions([a, b]) for r in e.relations]
    ['model:llama-2', 'model:llama-2']
    """
    extractions = list(extractions)
    entities: dict[str, list[Entity]] = defaultdict(list)
    uses: Counter[str] = Counter()
    for extraction in extractions:
        for entity in extraction.entities:
            entities[entity.id].append(entity)
        for relation in extraction.relations:
            uses[relation.target] += 1
            uses[relation.source] += 1

    groups = _UnionFind()
    owner: dict[tuple[str, str], str] = {}
    long_keys: dict[str, set[str]] = {}
    for eid, copies in entities.items():
        group = COMPATIBLE_LABELS.get(copies[0].label, copies[0].label)
        groups.find(eid)
        names = {copies[0].name} | {a for c in copies for a in c.aliases}
        long_keys[eid] = {merge_key(n) for n in names if _is_long_form(n)}
        for name in names:
            slot = (group, merge_key(name))
            if not slot[1]:
                continue
            if slot not in owner:
                owner[slot] = eid
            elif not (_is_acronym(name) and (
                    _different_things(long_keys[owner[slot]], long_keys[eid])
                    or _local_alias_of_known(name, entities[owner[slot]][0], entities[eid][0]))):
                groups.union(owner[slot], eid)

    members: dict[str, list[str]] = defaultdict(list)
    for eid in entities:
        members[groups.find(eid)].append(eid)
    mapping: dict[str, str] = {}
    merged: dict[str, Entity] = {}
    for ids in members.values():
        if len(ids) == 1:
            mapping[ids[0]] = ids[0]
            merged[ids[0]] = _unite(entities[ids[0]])
            continue
        label_votes = Counter()
        for eid in ids:
            label_votes[entities[eid][0].label] += uses[eid] or 1
        label = label_votes.most_common(1)[0][0]
        best = max(ids, key=lambda e: (entities[e][0].label == label, _known(entities[e][0]),
                                       uses[e], -len(e), e))
        winner = _unite([c for eid in ids for c in entities[eid]], prefer=entities[best][0])
        new_id = best if entities[best][0].label == label else entity_id(label, best.split(":", 1)[1])
        winner = replace(winner, id=new_id, label=label)
        merged[new_id] = winner
        for eid in ids:
            mapping[eid] = new_id

    resolved = []
    for extraction in extractions:
        seen = {mapping.get(e.id, e.id) for e in extraction.entities}
        relations = []
        for relation in extraction.relations:
            fixed = _retarget(relation, mapping)
            if fixed is not None:
                relations.append(fixed)
        resolved.append(Extraction(extraction.paper_id,
                                   tuple(merged[eid] for eid in sorted(seen) if eid in merged),
                                   tuple(relations)))
    return resolved


def _is_acronym(name: str) -> bool:
    """An all-letters short form with two or more capitals ("CoT", "SPEED"): the same acronym may stand for
    different things in different papers."""
    return name.isalpha() and len(name) <= 8 and sum(c.isupper() for c in name) >= 2


def _is_long_form(name: str) -> bool:
    """A name of two or more words ("Chain of Code", "chain-of-thought")."""
    return len([w for w in name.replace("-", " ").split() if any(c.isalpha() for c in w)]) >= 2


def _different_things(keys_a: set[str], keys_b: set[str]) -> bool:
    """Two entities that share an acronym are different things when both spell out a long form and no
    long form is shared: "Chain of Code (CoT)" is not "chain-of-thought (CoT)"."""
    return bool(keys_a) and bool(keys_b) and not keys_a & keys_b


def _local_alias_of_known(acronym: str, a: Entity, b: Entity) -> bool:
    """An acronym one paper coined for a well-known thing ("speculative decoding (SPEED)") that the
    lexicon does not list: it does not make another paper's SPEED that thing."""
    from paperkg.extractors.normalize import alias_table

    return alias_table().lookup(acronym) is None and (_known(a) or _known(b))


def _known(entity: Entity) -> bool:
    """True when the curated lexicon names this entity (its spelling then wins)."""
    from paperkg.extractors.normalize import canonicalize

    canon = canonicalize(entity.name, entity.label)
    return canon.id == entity.id and canon.known


def _unite(copies: list[Entity], prefer: Entity | None = None) -> Entity:
    first = prefer or copies[0]
    aliases = tuple(dict.fromkeys(a for c in [first, *copies] for a in (c.name, *c.aliases)))
    return replace(
        first,
        aliases=aliases,
        family=first.family or next((c.family for c in copies if c.family), None),
        params=first.params or next((c.params for c in copies if c.params), None),
        url=first.url or next((c.url for c in copies if c.url), None),
    )


def _retarget(relation: Relation, mapping: dict[str, str]) -> Relation | None:
    source = mapping.get(relation.source, relation.source)
    target = mapping.get(relation.target, relation.target)
    if source == target and relation.type in ("VARIANT_OF", "BASED_ON"):
        return None
    if (source, target) == (relation.source, relation.target):
        return relation
    head, tail = label_of_id(source), label_of_id(target)
    if allowed(head, relation.type, tail):
        return replace(relation, source=source, target=target)
    if allowed(head, "MENTIONS", tail):
        return replace(relation, type="MENTIONS", source=source, target=target,
                       rule=f"{relation.rule}+relabelled")
    return None
