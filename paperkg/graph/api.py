"""Questions to a KnowledgeGraph in Python: find entities, papers, neighbours, paths, citations.

Graph-first plain functions (``KnowledgeGraph`` exposes each as a method). Names are looked up
by id, exact name, alias (case, hyphen and space folded), then fuzzily with suggestions.

>>> from paperkg.graph.examples import example_graph
>>> kg = example_graph()
>>> [p["arxiv_id"] for p in papers(kg, using="LLaMA")]  # a family name finds its variants
['2401.02385', '2402.00001']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx

from paperkg.errors import NotFoundError
from paperkg.graph.knowledge_graph import KnowledgeGraph
from paperkg.graph.schema import ENTITY_LABELS, check_label

__all__ = ["find_node", "entity", "paper", "variant_closure", "variants", "papers", "neighbors", "top", "path",
           "cites", "cited_by", "co_usage", "subgraph", "to_pandas", "co_occurring"]

#: Which relations each ``papers()`` filter follows.
FILTERS: dict[str, tuple[str, ...]] = {
    "using": ("USES",),
    "proposing": ("PROPOSES",),
    "evaluated_on": ("EVALUATES_ON", "REPORTS"),
    "compared_with": ("COMPARES_WITH",),
}
#: Relations by which a paper engages with an entity (for co-usage).
ENGAGING = ("PROPOSES", "USES", "EVALUATES_ON", "COMPARES_WITH", "REPORTS", "ADDRESSES")


def _fold(text: str) -> str:
    from paperkg.graph.resolve import merge_key

    return merge_key(text)


def find_node(kg: KnowledgeGraph, name: str, *, label: str | None = None, limit: int = 5) -> str:
    """The id of the node ``name`` refers to (id, arXiv id, name, alias, title), else NotFoundError.

    >>> from paperkg.graph.examples import example_graph
    >>> find_node(example_graph(), "llama-2")
    'model:llama-2'
    >>> find_node(example_graph(), "GSM8k")
    'benchmark:gsm8k'
    >>> find_node(example_graph(), "TinyLama")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    paperkg.errors.NotFoundError: no node named 'TinyLama'; did you mean: TinyLlama, ...?
    """
    if label is not None:
        check_label(label)
    graph = kg.graph

    def fits(data: dict[str, Any]) -> bool:
        return label is None or data.get("label") == label

    if name in graph and fits(graph.nodes[name]):
        return name
    for candidate in (f"paper:arxiv:{name}",):
        if candidate in graph and fits(graph.nodes[candidate]):
            return candidate
    lowered, folded = name.strip().lower(), _fold(name)
    exact, by_alias = [], []
    for node_id, data in graph.nodes(data=True):
        if not fits(data):
            continue
        names = [data.get("name", ""), data.get("title", "")]
        if any(n and n.lower() == lowered for n in names):
            exact.append(node_id)
        elif folded and any(_fold(a) == folded for a in [*names, *data.get("aliases", [])] if a):
            by_alias.append(node_id)
    for found in (exact, by_alias):
        if found:  # most connected first, so "LLaMA" the model beats a rare namesake
            return max(found, key=lambda n: (graph.degree(n), n))
    raise NotFoundError(f"no node named {name!r}" + (f" with label {label}" if label else ""),
                        suggestions=suggest(kg, name, label=label, limit=limit))


def suggest(kg: KnowledgeGraph, name: str, *, label: str | None = None, limit: int = 5) -> tuple[str, ...]:
    """Close matches for a misspelled name, best first."""
    from rapidfuzz import fuzz, process

    choices: dict[str, str] = {}
    for _, data in kg.graph.nodes(data=True):
        if label is None or data.get("label") == label:
            for alias in [data.get("name", ""), *data.get("aliases", [])]:
                if alias:
                    choices.setdefault(alias, data.get("name", alias))
    found = process.extract(name, list(choices), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=70)
    return tuple(dict.fromkeys(choices[match] for match, _, _ in found))[:limit]


def entity(kg: KnowledgeGraph, name: str, *, label: str | None = None) -> dict[str, Any]:
    """The node data of the entity or paper ``name`` names (a copy).

    >>> from paperkg.graph.examples import example_graph
    >>> entity(example_graph(), "LLaMA-2")["name"]
    'Llama 2'
    """
    return dict(kg.graph.nodes[find_node(kg, name, label=label)])


def paper(kg: KnowledgeGraph, name: str) -> dict[str, Any]:
    """The Paper node for an id, arXiv id or title."""
    return entity(kg, name, label="Paper")


def variant_closure(kg: KnowledgeGraph, node_id: str) -> list[str]:
    """``node_id`` and every node linked to it by a chain of VARIANT_OF edges."""
    found, frontier = [node_id], [node_id]
    while frontier:
        for source, _, data in kg.graph.in_edges(frontier.pop(), data=True):
            if data.get("type") == "VARIANT_OF" and source not in found:
                found.append(source)
                frontier.append(source)
    return found


def variants(kg: KnowledgeGraph, name: str) -> list[str]:
    """Ids of a model and every model that is (transitively) a variant of it.

    >>> from paperkg.graph.examples import example_graph
    >>> variants(example_graph(), "LLaMA")
    ['model:llama', 'model:llama-2', 'model:tinyllama']
    """
    root = find_node(kg, name)
    found = variant_closure(kg, root)
    family = kg.graph.nodes[root].get("name", "")
    if kg.graph.nodes[root].get("label") == "Model" and family:
        for node_id, data in kg.graph.nodes(data=True):
            if data.get("label") == "Model" and data.get("family") == family and node_id not in found:
                found.append(node_id)
    return found


def _papers_linked(kg: KnowledgeGraph, targets: Iterable[str], types: tuple[str, ...]) -> set[str]:
    out = set()
    for target in targets:
        for source, _, data in kg.graph.in_edges(target, data=True):
            if data.get("type") in types and kg.graph.nodes[source].get("label") == "Paper":
                out.add(source)
    return out


def papers(kg: KnowledgeGraph, *, using: str | None = None, proposing: str | None = None,
           evaluated_on: str | None = None, compared_with: str | None = None) -> list[dict[str, Any]]:
    """Papers matching every given filter (a family name also matches its variants).

    >>> from paperkg.graph.examples import example_graph
    >>> [p["arxiv_id"] for p in papers(example_graph(), evaluated_on="GSM8K", compared_with="LLaMA")]
    ['2403.00002']
    """
    chosen: set[str] | None = None
    for option, value in (("using", using), ("proposing", proposing),
                          ("evaluated_on", evaluated_on), ("compared_with", compared_with)):
        if value is None:
            continue
        found = _papers_linked(kg, variants(kg, value), FILTERS[option])
        chosen = found if chosen is None else chosen & found
    if chosen is None:
        chosen = {n for n, d in kg.graph.nodes(data=True) if d.get("label") == "Paper"}
    return [dict(kg.graph.nodes[n]) for n in sorted(chosen)]


def neighbors(kg: KnowledgeGraph, name: str, *, type: str | None = None,
              direction: str = "both") -> list[tuple[str, str, dict[str, Any]]]:
    """``(relation type, "out"|"in", node data)`` for each node linked to ``name``.

    >>> from paperkg.graph.examples import example_graph
    >>> sorted((t, d, n["name"]) for t, d, n in neighbors(example_graph(), "GSM8K", type="EVALUATES_ON"))
    [('EVALUATES_ON', 'in', 'A Study of Scale'), ('EVALUATES_ON', 'in', 'Math Tuning for Small Models')]
    """
    node = find_node(kg, name)
    seen, out = set(), []
    edges = []
    if direction in ("both", "out"):
        edges += [(d["type"], "out", v) for _, v, d in kg.graph.out_edges(node, data=True)]
    if direction in ("both", "in"):
        edges += [(d["type"], "in", u) for u, _, d in kg.graph.in_edges(node, data=True)]
    for rel, way, other in edges:
        if (type is None or rel == type) and (rel, way, other) not in seen:
            seen.add((rel, way, other))
            out.append((rel, way, dict(kg.graph.nodes[other])))
    return out


def top(kg: KnowledgeGraph, label: str, n: int = 10) -> list[tuple[str, int]]:
    """The ``n`` entities of ``label`` linked from the most papers, with that count.

    >>> from paperkg.graph.examples import example_graph
    >>> top(example_graph(), "Benchmark")
    [('GSM8K', 2)]
    """
    from paperkg.graph.summary import top_entities

    check_label(label)
    return top_entities(kg, label, n)


def path(kg: KnowledgeGraph, a: str, b: str) -> list[str]:
    """Names along a shortest path between two nodes, ignoring edge direction.

    >>> from paperkg.graph.examples import example_graph
    >>> path(example_graph(), "Llama 2", "A Study of Scale")
    ['Llama 2', 'LLaMA', 'A Study of Scale']
    """
    source, target = find_node(kg, a), find_node(kg, b)
    try:
        nodes = nx.shortest_path(kg.graph.to_undirected(as_view=True), source, target)
    except nx.NetworkXNoPath:
        raise NotFoundError(f"no path between {a!r} and {b!r}") from None
    return [kg.graph.nodes[n].get("name", n) for n in nodes]


def cites(kg: KnowledgeGraph, name: str) -> list[dict[str, Any]]:
    """Papers the given paper cites, each with ``via``.

    >>> from paperkg.graph.examples import example_graph
    >>> [(p["title"], p["via"]) for p in cites(example_graph(), "2402.00001")]
    [('TinyLlama: An Open-Source Small Language Model', 'model:tinyllama')]
    """
    node = find_node(kg, name, label="Paper")
    return [{**kg.graph.nodes[v], "via": d.get("via", "")}
            for _, v, d in kg.graph.out_edges(node, data=True) if d.get("type") == "CITES"]


def cited_by(kg: KnowledgeGraph, name: str) -> list[dict[str, Any]]:
    """Papers that cite the given paper, each with ``via``.

    >>> from paperkg.graph.examples import example_graph
    >>> [p["arxiv_id"] for p in cited_by(example_graph(), "TinyLlama: An Open-Source Small Language Model")]
    ['2402.00001']
    """
    node = find_node(kg, name, label="Paper")
    return [{**kg.graph.nodes[u], "via": d.get("via", "")}
            for u, _, d in kg.graph.in_edges(node, data=True) if d.get("type") == "CITES"]


def _engaged(kg: KnowledgeGraph, paper_id: str, label: str) -> set[str]:
    return {v for _, v, d in kg.graph.out_edges(paper_id, data=True)
            if d.get("type") in ENGAGING and kg.graph.nodes[v].get("label") == label}


def co_usage(kg: KnowledgeGraph, label_a: str, label_b: str):  # noqa: ANN201 - pandas DataFrame
    """Pairs (entity of label_a, entity of label_b) engaged by the same papers, most papers first.

    >>> from paperkg.graph.examples import example_graph
    >>> co_usage(example_graph(), "Model", "Benchmark").values.tolist()
    [['LLaMA', 'GSM8K', 1], ['TinyLlama', 'GSM8K', 1]]
    """
    import pandas as pd

    check_label(label_a)
    check_label(label_b)
    counts: Counter[tuple[str, str]] = Counter()
    for node_id, data in kg.graph.nodes(data=True):
        if data.get("label") != "Paper":
            continue
        for a in _engaged(kg, node_id, label_a):
            for b in _engaged(kg, node_id, label_b):
                if a != b:
                    counts[(a, b)] += 1
    rows = [(kg.graph.nodes[a]["name"], kg.graph.nodes[b]["name"], n)
            for (a, b), n in counts.items()]
    rows.sort(key=lambda r: (-r[2], r[0], r[1]))
    return pd.DataFrame(rows, columns=[label_a, label_b, "papers"])


def co_occurring(kg: KnowledgeGraph, name: str, n: int = 10) -> list[tuple[str, str, int]]:
    """Entities that share the most papers with ``name``: ``(name, label, shared papers)``."""
    node = find_node(kg, name)
    mine = {u for u, _, _ in kg.graph.in_edges(node, data=True)
            if kg.graph.nodes[u].get("label") == "Paper"}
    counts: Counter[str] = Counter()
    for paper_id in mine:
        counts.update({other for _, other in kg.graph.out_edges(paper_id)
                       if other != node and kg.graph.nodes[other].get("label") in ENTITY_LABELS})
    return [(kg.graph.nodes[o]["name"], kg.graph.nodes[o]["label"], c) for o, c in counts.most_common(n)]


def subgraph(kg: KnowledgeGraph, names: str | Iterable[str], depth: int = 1) -> KnowledgeGraph:
    """The nodes within ``depth`` hops (either direction) of the named nodes, with their edges.

    >>> from paperkg.graph.examples import example_graph
    >>> len(subgraph(example_graph(), "GSM8K", depth=1))
    3
    """
    starts = [names] if isinstance(names, str) else list(names)
    keep: set[str] = set()
    undirected = kg.graph.to_undirected(as_view=True)
    for start in starts:
        node = find_node(kg, start)
        keep |= set(nx.single_source_shortest_path_length(undirected, node, cutoff=depth))
    return KnowledgeGraph(kg.graph.subgraph(keep).copy())


def to_pandas(kg: KnowledgeGraph):  # noqa: ANN201 - (DataFrame, DataFrame)
    """``(nodes, edges)`` DataFrames: one row per node and per edge with all their properties.

    >>> from paperkg.graph.examples import example_graph
    >>> nodes, edges = to_pandas(example_graph())
    >>> len(nodes), len(edges), "evidence" in edges.columns
    (7, 10, True)
    """
    import pandas as pd

    nodes = pd.DataFrame([dict(d) for _, d in kg.graph.nodes(data=True)])
    edges = pd.DataFrame([{"source": u, "target": v, "key": k, **d}
                          for u, v, k, d in kg.graph.edges(keys=True, data=True)])
    return nodes, edges
