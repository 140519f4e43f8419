"""Human-readable summaries of a build and of a saved graph."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from paperkg.graph.knowledge_graph import KnowledgeGraph
from paperkg.graph.schema import ENTITY_LABELS, NODE_LABELS, RELATION_TYPES

if TYPE_CHECKING:
    from paperkg.graph.build import BuildResult

__all__ = ["format_summary", "format_stats", "top_entities"]


def _table(rows: list[tuple[str, object]], indent: str = "  ") -> list[str]:
    width = max((len(name) for name, _ in rows), default=0)
    return [f"{indent}{name:<{width}}  {value}" for name, value in rows]


def _counts(kg: KnowledgeGraph) -> list[str]:
    labels, types = kg.counts_by_label(), kg.counts_by_type()
    lines = [f"nodes: {sum(labels.values())}"]
    lines += _table([(label, labels[label]) for label in NODE_LABELS if labels[label]])
    lines.append(f"edges: {sum(types.values())}")
    lines += _table([(rel, types[rel]) for rel in RELATION_TYPES if types[rel]])
    return lines


def top_entities(kg: KnowledgeGraph, label: str, n: int = 5) -> list[tuple[str, int]]:
    """The ``n`` entities of ``label`` that the most papers link to, with that count."""
    papers: Counter[str] = Counter()
    for node_id, data in kg.graph.nodes(data=True):
        if data.get("label") == label:
            papers[data["name"]] = len({u for u, _ in kg.graph.in_edges(node_id)
                                        if kg.graph.nodes[u].get("label") == "Paper"})
    return [(name, count) for name, count in papers.most_common(n) if count]


def format_summary(result: BuildResult) -> str:
    """What a build read, merged, skipped and wrote."""
    corpus = result.corpus
    lines = [
        f"files read: {len(corpus.files)}"
        + (f" ({', '.join(sorted(set(corpus.files.values())))})" if corpus.files else ""),
        f"papers: {len(corpus.papers)} distinct from {corpus.records_read} records "
        f"({corpus.duplicates_merged} duplicates merged)",
    ]
    reasons = corpus.skip_reasons()
    if reasons:
        lines.append(f"skipped or flagged: {sum(reasons.values())}")
        lines += _table(sorted(reasons.items()))
    else:
        lines.append("skipped: 0")
    lines += _counts(result.graph)
    if result.timings:
        lines.append("time: " + ", ".join(f"{k} {v:.1f}s" for k, v in result.timings.items()))
    if result.written:
        lines.append("wrote: " + ", ".join(str(p) for p in result.written))
    return "\n".join(lines)


def format_stats(kg: KnowledgeGraph, top: int = 5) -> str:
    """Counts per label and relation type, and the most linked entities of each type."""
    lines = _counts(kg)
    for label in ENTITY_LABELS:
        best = top_entities(kg, label, top)
        if best:
            lines.append(f"top {label}: " + ", ".join(f"{name} ({n})" for name, n in best))
    return "\n".join(lines)
