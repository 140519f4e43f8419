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
    lines += result.notes
    if result.timings:
        lines.append("time: " + ", ".join(f"{k} {v:.1f}s" for k, v in result.timings.items()))
    if result.written:
        top = [p for p in result.written if result.out_dir is None or p.parent == result.out_dir]
        nested = len(result.written) - len(top)
        lines.append("wrote: " + ", ".join(str(p) for p in top)
                     + (f" and {nested} more views under {result.out_dir}/views" if nested else ""))
    return "\n".join(lines)


def format_stats(kg: KnowledgeGraph, top: int = 5) -> str:
    """Counts per label and relation type, and the most linked entities of each type."""
    lines = _counts(kg)
    for label in ENTITY_LABELS:
        best = top_entities(kg, label, top)
        if best:
            lines.append(f"top {label}: " + ", ".join(f"{name} ({n})" for name, n in best))
    return "\n".join(lines)


def _names(items: list[dict], limit: int = 8) -> str:
    names = [d.get("title") or d.get("name") or d.get("id", "") for d in items]
    more = f" (+{len(names) - limit} more)" if len(names) > limit else ""
    return "; ".join(names[:limit]) + more if names else "-"


def format_show(kg: KnowledgeGraph, name: str) -> str:
    """One entity or paper at a glance: type, aliases, who proposes / uses / evaluates it,
    variants, citing and cited papers, most co-occurring entities."""
    from paperkg.graph import api

    node_id = api.find_node(kg, name)
    data = kg.graph.nodes[node_id]
    label = data.get("label", "")
    lines = [f"{data.get('name', node_id)}  [{label}]  {node_id}"]
    if data.get("aliases"):
        lines.append(f"aliases: {', '.join(data['aliases'])}")
    if label == "Paper":
        for key in ("arxiv_id", "url", "published"):
            if data.get(key):
                lines.append(f"{key}: {data[key]}")
        if data.get("sources"):
            lines.append(f"sources: {', '.join(data['sources'])}")
        by_type: dict[str, list[str]] = {}
        for _, target, edge in kg.graph.out_edges(node_id, data=True):
            if edge.get("type") != "CITES":
                by_type.setdefault(edge["type"], []).append(kg.graph.nodes[target].get("name", target))
        for rel in ("PROPOSES", "USES", "EVALUATES_ON", "COMPARES_WITH", "ADDRESSES", "HAS_CODE",
                    "MENTIONS"):
            if by_type.get(rel):
                lines.append(f"{rel.lower()}: {', '.join(dict.fromkeys(by_type[rel]))}")
        results = [d for _, _, d in kg.graph.out_edges(node_id, data=True) if d.get("type") == "REPORTS"]
        for result in results:
            lines.append(f"reports: {result.get('value')}{result.get('unit', '')} "
                         f"{result.get('metric', '')} ({result.get('evidence', '')[:100]})")
        lines.append(f"cites: {_names(api.cites(kg, node_id))}")
        lines.append(f"cited by: {_names(api.cited_by(kg, node_id))}")
        return "\n".join(lines)
    if label == "Model" and (data.get("family") or data.get("params")):
        lines.append(f"family: {data.get('family') or '-'}   params: {data.get('params') or '-'}")
    for rel, title in (("PROPOSES", "proposed by"), ("USES", "used by"),
                       ("EVALUATES_ON", "evaluated on by"), ("COMPARES_WITH", "compared with by"),
                       ("MENTIONS", "mentioned by")):
        papers = [n for r, way, n in api.neighbors(kg, node_id, type=rel, direction="in")]
        if papers:
            lines.append(f"{title} ({len(papers)}): {_names(papers)}")
    family = [kg.graph.nodes[v]["name"] for v in api.variants(kg, node_id)[1:]] if label == "Model" else []
    if family:
        lines.append(f"variants: {', '.join(family)}")
    based = [n["name"] for _, _, n in api.neighbors(kg, node_id, type="BASED_ON", direction="out")]
    if based:
        lines.append(f"based on: {', '.join(based)}")
    results = [(kg.graph.nodes[u].get("name", u), d) for u, _, d in kg.graph.in_edges(node_id, data=True)
               if d.get("type") == "REPORTS"]
    for paper_name, result in sorted(results, key=lambda r: -float(r[1].get("value") or 0))[:8]:
        lines.append(f"result: {result.get('value')}{result.get('unit', '')} {result.get('metric', '')}"
                     f" by {paper_name[:70]}")
    citing = [(kg.graph.nodes[u], kg.graph.nodes[v]) for u, v, d in kg.graph.edges(data=True)
              if d.get("type") == "CITES" and d.get("via") == node_id]
    if citing:
        lines.append(f"papers citing its proposer ({citing[0][1].get('name', '')[:60]}) through it: "
                     + _names([c for c, _ in citing]))
    co = api.co_occurring(kg, node_id, 8)
    if co:
        lines.append("co-occurs with: " + ", ".join(f"{n} ({lab}, {c})" for n, lab, c in co))
    return "\n".join(lines)
