"""HTML views of a KnowledgeGraph: self-contained pages drawn with pyvis (vis-network).

Every view is one HTML file that works offline: vis-network is inlined (pyvis
``cdn_resources="in_line"``) into paperkg's own template (pyvis's template links Bootstrap from a
CDN), and nothing else is fetched, not even a font. A page shows nodes coloured and shaped per
label with a legend, sized by degree, edges coloured per relation type (all edges between two
nodes are drawn as one, coloured by the strongest relation), tooltips and a details panel
(entity type, aliases, the papers that propose or use it; a paper's title, arXiv link and
abstract; an edge's evidence sentences), and a search box that finds a node by name and focuses
it. Physics lays the graph out, and is switched off once the layout has stabilized.

Views pick which nodes to draw; every picker returns node ids and costs O(V + E):

- :func:`select_overview`: the most connected entities (optionally of some labels) and the papers
  that link them, at most ``max_nodes``;
- :func:`select_ego`: everything within ``depth`` hops of one node, nearest and best connected
  first;
- a paper's view is the ego view of the paper (depth 1 by default).

>>> from paperkg.records import Entity, Paper, Relation
>>> kg = _tiny_graph()
>>> sorted(select_ego(kg, "model:llama", depth=1))
['model:llama', 'paper:arxiv:2302.13971']
>>> resolve_node(kg, "llama")
'model:llama'
>>> parse_types("model, Benchmarks")
('Model', 'Benchmark')
"""

from __future__ import annotations

import difflib
import html
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperkg.errors import InputError, NotFoundError
from paperkg.graph import schema

if TYPE_CHECKING:
    from paperkg.graph.knowledge_graph import KnowledgeGraph

__all__ = [
    "ViewStats",
    "LABEL_STYLES",
    "RELATION_COLORS",
    "DEFAULT_MAX_NODES",
    "DEFAULT_EGO_MAX_NODES",
    "render_view",
    "write_build_views",
    "select_overview",
    "select_ego",
    "resolve_node",
    "resolve_paper",
    "parse_types",
]

#: The overview's default size: small enough to stay responsive in a browser.
DEFAULT_MAX_NODES = 300
#: An ego or paper view's default size: smaller, so the neighbourhood stays readable.
DEFAULT_EGO_MAX_NODES = 150

#: label -> (colour, vis-network shape); shapes that draw their label below the node.
LABEL_STYLES: dict[str, tuple[str, str]] = {
    "Paper": ("#8c96a6", "square"),
    "Model": ("#1f77b4", "dot"),
    "Method": ("#9467bd", "diamond"),
    "Dataset": ("#2ca02c", "triangle"),
    "Benchmark": ("#ff7f0e", "star"),
    "Task": ("#d62728", "hexagon"),
    "Metric": ("#17becf", "triangleDown"),
    "Repository": ("#7f5539", "dot"),
}

#: relation type -> edge colour.
RELATION_COLORS: dict[str, str] = {
    "PROPOSES": "#d62728",
    "USES": "#1f77b4",
    "EVALUATES_ON": "#ff7f0e",
    "COMPARES_WITH": "#9467bd",
    "ADDRESSES": "#e377c2",
    "REPORTS": "#bcbd22",
    "MENTIONS": "#b8bec8",
    "HAS_CODE": "#7f5539",
    "VARIANT_OF": "#17becf",
    "BASED_ON": "#2ca02c",
    "CITES": "#4d4d4d",
}

# When several relations join two nodes, the edge is drawn in the colour of the first of these.
_RELATION_PRIORITY: tuple[str, ...] = (
    "PROPOSES", "REPORTS", "EVALUATES_ON", "COMPARES_WITH", "BASED_ON", "VARIANT_OF", "USES",
    "ADDRESSES", "HAS_CODE", "CITES", "MENTIONS",
)
_RANK = {name: i for i, name in enumerate(_RELATION_PRIORITY)}

_TEMPLATES = Path(__file__).with_name("templates")
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


@dataclass(frozen=True)
class ViewStats:
    """What a written view holds: the numbers of nodes and edges a browser should draw."""

    path: Path
    nodes: int
    edges: int
    title: str = ""
    node_ids: tuple[str, ...] = field(default=(), repr=False)


# ---------------------------------------------------------------------------------- lookups
def _degrees(kg: KnowledgeGraph) -> dict[str, int]:
    """Number of distinct neighbours of every node (either direction), O(V + E)."""
    neighbours: dict[str, set[str]] = {n: set() for n in kg.graph}
    for u, v in kg.graph.edges():
        if u != v:
            neighbours[u].add(v)
            neighbours[v].add(u)
    return {n: len(s) for n, s in neighbours.items()}


def _names(kg: KnowledgeGraph) -> dict[str, list[str]]:
    """Case-folded name or alias -> node ids carrying it."""
    index: dict[str, list[str]] = defaultdict(list)
    for node_id, data in kg.graph.nodes(data=True):
        forms = [data.get("name") or "", *(data.get("aliases") or [])]
        if data.get("label") == "Paper":
            forms += [data.get("title") or "", data.get("arxiv_id") or ""]
        for form in dict.fromkeys(f.casefold().strip() for f in forms if f):
            index[form].append(node_id)
    return index


def _close_matches(query: str, choices: Iterable[str], limit: int = 5) -> tuple[str, ...]:
    """Up to ``limit`` choices that look like ``query`` (rapidfuzz, else difflib)."""
    unique = list(dict.fromkeys(c for c in choices if c))
    try:
        from rapidfuzz import fuzz, process, utils
    except ImportError:  # pragma: no cover - rapidfuzz is a dependency
        return tuple(difflib.get_close_matches(query, unique, n=limit, cutoff=0.6))
    hits = process.extract(query, unique, scorer=fuzz.WRatio, processor=utils.default_process,
                           limit=limit, score_cutoff=75)
    if any(len(hit[0]) > 40 for hit in hits):  # titles: fewer and shorter, to keep one line
        return tuple(_short(hit[0], 60) for hit in hits[:3])
    return tuple(hit[0] for hit in hits)


def resolve_node(kg: KnowledgeGraph, name: str, *, labels: Sequence[str] | None = None) -> str:
    """The id of the node called ``name``: an id, a name or an alias (case-insensitive).

    When several nodes share the name, entities win over papers and then the best connected one.
    Raises :class:`~paperkg.errors.NotFoundError` with close matches when nothing fits.
    """
    if name in kg.graph and (labels is None or kg.graph.nodes[name].get("label") in labels):
        return name
    index = _names(kg)
    hits = [n for n in index.get(name.casefold().strip(), [])
            if labels is None or kg.graph.nodes[n].get("label") in labels]
    if hits:
        degree = _degrees(kg)
        return min(hits, key=lambda n: (kg.graph.nodes[n].get("label") == "Paper", -degree[n], n))
    choices = [data.get("name") or node_id for node_id, data in kg.graph.nodes(data=True)
               if labels is None or data.get("label") in labels]
    what = "/".join(labels) if labels else "node"
    raise NotFoundError(f"no {what} named {name!r} in the graph", _close_matches(name, choices))


def resolve_paper(kg: KnowledgeGraph, ref: str) -> str:
    """The id of a paper from its id, arXiv id (``2311.08526``, ``arXiv:2311.08526v2``) or title."""
    from paperkg.records import normalize_arxiv_id

    arxiv = normalize_arxiv_id(ref)
    if arxiv and f"paper:arxiv:{arxiv}" in kg.graph:
        return f"paper:arxiv:{arxiv}"
    return resolve_node(kg, ref, labels=("Paper",))


def parse_types(types: str | Iterable[str]) -> tuple[str, ...]:
    """Node labels from ``"Model,Benchmark"`` (any case, plurals allowed).

    >>> parse_types(["paper", "METRICS"])
    ('Paper', 'Metric')
    """
    parts = types.split(",") if isinstance(types, str) else list(types)
    by_key = {label.casefold(): label for label in schema.NODE_LABELS}
    labels: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        key = part.casefold()
        label = by_key.get(key) or by_key.get(key[:-1] if key.endswith("s") else key)
        if label is None:
            close = difflib.get_close_matches(part.capitalize(), schema.NODE_LABELS, n=3,
                                              cutoff=0.5)
            hint = "" if close else f" (node types: {', '.join(schema.NODE_LABELS)})"
            raise NotFoundError(f"unknown node type {part!r}{hint}", tuple(close))
        labels.append(label)
    if not labels:
        raise InputError(f"no node type given; expected some of {', '.join(schema.NODE_LABELS)}")
    return tuple(dict.fromkeys(labels))


# ---------------------------------------------------------------------------------- pickers
def select_overview(kg: KnowledgeGraph, max_nodes: int = DEFAULT_MAX_NODES, *,
                    labels: Sequence[str] | None = None) -> list[str]:
    """The most connected entities and the papers that link them, at most ``max_nodes`` ids.

    About 45% of the budget goes to entities (of ``labels`` if given), ranked by how many distinct
    neighbours they have; the rest to papers, ranked by how many of those entities they link.
    Each chosen entity first gets its best paper, so no entity is left alone. Papers come in as
    connectors even when ``labels`` leaves them out; with ``labels=("Paper",)`` the papers are
    ranked by degree (citations). Nodes without an edge in the view are dropped. O(V log V + E).
    """
    if max_nodes < 1:
        raise InputError(f"max_nodes must be at least 1, got {max_nodes}")
    graph = kg.graph
    degree = _degrees(kg)
    wanted = set(labels) if labels else set(schema.NODE_LABELS)
    entities = sorted((n for n, d in graph.nodes(data=True)
                       if d.get("label") != "Paper" and d.get("label") in wanted and degree[n]),
                      key=lambda n: (-degree[n], n))
    papers = [n for n, d in graph.nodes(data=True) if d.get("label") == "Paper"]
    if not entities:  # papers only (or nothing else there): the best cited papers
        chosen = sorted(papers, key=lambda n: (-degree[n], n))[:max_nodes]
        return _drop_isolated(kg, chosen)
    share = len(papers) and max(1, round(max_nodes * 0.45))
    chosen_entities = entities[: share or max_nodes]
    chosen_set = set(chosen_entities)
    score: Counter[str] = Counter()
    for p in papers:
        linked = set(graph.successors(p)) | set(graph.predecessors(p))
        score[p] = len(linked & chosen_set)
    ranked = sorted((p for p in papers if score[p]), key=lambda p: (-score[p], -degree[p], p))
    budget = max_nodes - len(chosen_entities)
    picked: dict[str, None] = {}
    rank_of = {p: i for i, p in enumerate(ranked)}
    for e in chosen_entities:  # one paper per entity first, so every entity is connected
        if len(picked) >= budget:
            break
        linked = [p for p in (*graph.predecessors(e), *graph.successors(e)) if p in rank_of]
        if linked and not any(p in picked for p in linked):
            picked[min(linked, key=rank_of.__getitem__)] = None
    for p in ranked:
        if len(picked) >= budget:
            break
        picked.setdefault(p, None)
    return _drop_isolated(kg, [*chosen_entities, *picked])


def select_ego(kg: KnowledgeGraph, center: str, depth: int = 2,
               max_nodes: int = DEFAULT_MAX_NODES, *,
               labels: Sequence[str] | None = None) -> list[str]:
    """``center`` and the nodes within ``depth`` hops of it (either way), ``max_nodes`` at most.

    Layer by layer, nodes with more links into what is already chosen come first, then better
    connected ones. ``labels`` keeps only entities of those labels (papers still connect them).
    Breadth-first, O(V log V + E).
    """
    if depth < 0:
        raise InputError(f"depth must be 0 or more, got {depth}")
    graph = kg.graph
    degree = _degrees(kg)
    wanted = set(labels) | {"Paper"} if labels else None
    chosen: dict[str, None] = {center: None}
    frontier = [center]
    for _ in range(depth):
        links: Counter[str] = Counter()
        for node in frontier:
            for other in (*graph.successors(node), *graph.predecessors(node)):
                if other in chosen or other == node:
                    continue
                if wanted is not None and graph.nodes[other].get("label") not in wanted:
                    continue
                links[other] += 1
        layer = sorted(links, key=lambda n: (-links[n], -degree[n], n))
        layer = layer[: max(0, max_nodes - len(chosen))]
        chosen.update(dict.fromkeys(layer))
        frontier = layer
        if not frontier:
            break
    ids = list(chosen)
    return ids if len(ids) == 1 else _drop_isolated(kg, ids, keep=center)


def _drop_isolated(kg: KnowledgeGraph, ids: list[str], keep: str | None = None) -> list[str]:
    chosen = set(ids)
    linked: set[str] = set()
    for u, v in kg.graph.subgraph(chosen).edges():
        if u != v:
            linked.update((u, v))
    return [n for n in ids if n in linked or n == keep]


# ---------------------------------------------------------------------------------- drawing
def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _paper_link(data: dict[str, Any]) -> str:
    url = data.get("url") or (f"https://arxiv.org/abs/{data['arxiv_id']}" if data.get("arxiv_id")
                              else "")
    return url if url.startswith(("https://", "http://")) else ""


def _paper_label(data: dict[str, Any]) -> str:
    title = data.get("title") or data.get("name") or data.get("id", "")
    head = re.split(r"(?<=\w)[:?]\s", title, maxsplit=1)[0]  # "GLiNER: ..." -> "GLiNER"
    return _short(head, 30)


def _papers_by_relation(kg: KnowledgeGraph, node_id: str) -> dict[str, list[str]]:
    """relation type -> ids of the papers that link to ``node_id`` with it (most used first)."""
    found: dict[str, dict[str, None]] = defaultdict(dict)
    for u, _, data in kg.graph.in_edges(node_id, data=True):
        if kg.graph.nodes[u].get("label") == "Paper":
            found[data.get("type", "")][u] = None
    order = sorted(found, key=lambda t: _RANK.get(t, 99))
    return {t: list(found[t]) for t in order}


def _paper_title(kg: KnowledgeGraph, paper_id: str) -> str:
    data = kg.graph.nodes[paper_id] if paper_id in kg.graph else {}
    return data.get("title") or data.get("name") or paper_id


def _node_tooltip(kg: KnowledgeGraph, node_id: str, degree: int) -> str:
    data = kg.graph.nodes[node_id]
    label = data.get("label", "")
    color = LABEL_STYLES.get(label, ("#888", "dot"))[0]
    parts = [f'<div class="pk-tip-type" style="color:{color}">{_esc(label)}</div>']
    if label == "Paper":
        parts.append(f"<b>{_esc(_short(data.get('title') or data.get('name', ''), 160))}</b>")
        if data.get("arxiv_id"):
            parts.append(f"<div>arXiv:{_esc(data['arxiv_id'])}</div>")
        if data.get("published"):
            parts.append(f"<div>{_esc(data['published'])}</div>")
        kinds = Counter(kg.graph.nodes[v].get("label") for v in kg.graph.successors(node_id))
        if kinds:
            parts.append("<div>" + _esc(", ".join(f"{n} {k}" for k, n in kinds.most_common()))
                         + "</div>")
        if _paper_link(data):
            parts.append(f'<div class="pk-muted">{_esc(_paper_link(data))}</div>')
    else:
        parts.append(f"<b>{_esc(data.get('name', node_id))}</b>")
        aliases = [a for a in data.get("aliases") or [] if a != data.get("name")]
        if aliases:
            parts.append(f"<div>also: {_esc(_short(', '.join(aliases), 120))}</div>")
        if data.get("family") or data.get("params"):
            facts = [f"family {data['family']}" if data.get("family") else "",
                     f"{data['params']} parameters" if data.get("params") else ""]
            parts.append(f"<div>{_esc(', '.join(f for f in facts if f))}</div>")
        for rel, papers in list(_papers_by_relation(kg, node_id).items())[:4]:
            titles = "; ".join(_short(_paper_title(kg, p), 60) for p in papers[:2])
            more = f" (+{len(papers) - 2})" if len(papers) > 2 else ""
            parts.append(f"<div><i>{_esc(rel.lower().replace('_', ' '))}</i> by {len(papers)}: "
                         f"{_esc(titles)}{more}</div>")
    parts.append(f'<div class="pk-muted">{degree} neighbours · click for details</div>')
    return "".join(parts)


def _node_details(kg: KnowledgeGraph, node_id: str) -> str:
    data = kg.graph.nodes[node_id]
    label = data.get("label", "")
    color = LABEL_STYLES.get(label, ("#888", "dot"))[0]
    out = [f'<div class="pk-tip-type" style="color:{color}">{_esc(label)}</div>']
    if label == "Paper":
        link = _paper_link(data)
        title = _esc(data.get("title") or data.get("name", node_id))
        out.append(f'<h2><a href="{_esc(link)}" target="_blank" rel="noopener">{title}</a></h2>'
                   if link else f"<h2>{title}</h2>")
        meta = [f"arXiv:{data['arxiv_id']}" if data.get("arxiv_id") else "",
                data.get("published") or "",
                _short(", ".join(data.get("authors") or []), 120)]
        out.append(f'<div class="pk-muted">{_esc(" · ".join(m for m in meta if m))}</div>')
        if data.get("abstract"):
            out.append(f'<p class="pk-abstract">{_esc(data["abstract"])}</p>')
        groups: dict[str, list[str]] = defaultdict(list)
        for _, v, e in kg.graph.out_edges(node_id, data=True):
            name = kg.graph.nodes[v].get("name", v)
            if name not in groups[e.get("type", "")]:
                groups[e.get("type", "")].append(name)
        for rel in sorted(groups, key=lambda t: _RANK.get(t, 99)):
            out.append(f"<div><i>{_esc(rel.lower().replace('_', ' '))}</i>: "
                       f"{_esc(', '.join(groups[rel]))}</div>")
    else:
        out.append(f"<h2>{_esc(data.get('name', node_id))}</h2>")
        out.append(f'<div class="pk-muted">{_esc(node_id)}</div>')
        aliases = [a for a in data.get("aliases") or [] if a != data.get("name")]
        if aliases:
            out.append(f"<div>also called: {_esc(', '.join(aliases))}</div>")
        for key in ("family", "params", "url"):
            if data.get(key):
                out.append(f"<div>{key}: {_esc(data[key])}</div>")
        for rel, papers in _papers_by_relation(kg, node_id).items():
            # filled in the page from its one table of papers (titles are not repeated per node)
            items = [f'<li data-paper="{_esc(p)}"></li>' for p in papers[:12]]
            more = f"<li>… and {len(papers) - 12} more</li>" if len(papers) > 12 else ""
            plural = "s" if len(papers) != 1 else ""
            out.append(f"<h3>{_esc(rel.lower().replace('_', ' '))} by {len(papers)} "
                       f"paper{plural}</h3><ul>{''.join(items)}{more}</ul>")
        for _, v, e in kg.graph.out_edges(node_id, data=True):
            if kg.graph.nodes[v].get("label") != "Paper":
                out.append(f"<div><i>{_esc(e.get('type', '').lower().replace('_', ' '))}</i> "
                           f"{_esc(kg.graph.nodes[v].get('name', v))}</div>")
    return "".join(out)


def _edge_text(kg: KnowledgeGraph, u: str, v: str, edges: list[dict[str, Any]]) -> str:
    """HTML for all relations from ``u`` to ``v`` with their evidence (tooltip and details)."""
    src = kg.graph.nodes[u].get("name", u)
    dst = kg.graph.nodes[v].get("name", v)
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in edges:
        by_type[e.get("type", "")].append(e)
    types = sorted(by_type, key=lambda t: _RANK.get(t, 99))
    head = (f"<b>{_esc(_short(src, 60))}</b> → <b>{_esc(_short(dst, 60))}</b>"
            f'<div>{" · ".join(_esc(t) for t in types)}</div>')
    details = [head]
    for t in types:
        seen: set[str] = set()
        for e in by_type[t]:
            sentence = " ".join(str(e.get("evidence") or "").split())
            extra = ""
            if t == "REPORTS" and e.get("value") not in (None, ""):
                extra = f"{e.get('metric') or ''} {e.get('value')}{e.get('unit') or ''}".strip()
            if t == "CITES" and e.get("via"):
                extra = f"via {e['via']}"
            if (sentence, extra) in seen:
                continue
            seen.add((sentence, extra))  # type: ignore[arg-type]
            line = (f'<div class="pk-ev"><span style="color:{RELATION_COLORS.get(t, "#666")}">'
                    f"{_esc(t)}</span> {_esc(extra)} {_esc(sentence)}</div>")
            details.append(line)
    return "".join(details)


def _scale(value: float, low: float, high: float, out_low: float, out_high: float) -> float:
    if high <= low:
        return (out_low + out_high) / 2
    return out_low + (out_high - out_low) * math.sqrt((value - low) / (high - low))


def _physics(n_nodes: int) -> dict[str, Any]:
    iterations = 1000 if n_nodes <= 150 else 500 if n_nodes <= 400 else 300
    small = n_nodes <= 180
    return {
        "enabled": n_nodes > 1,
        "solver": "forceAtlas2Based",
        # big views pack tighter, so that labels stay legible when the whole graph fits
        "forceAtlas2Based": {"gravitationalConstant": -55 if small else -42,
                             "centralGravity": 0.02 if small else 0.03,
                             "springLength": 55 if small else 42, "springConstant": 0.08,
                             "damping": 0.5, "avoidOverlap": 0.6 if small else 0.5},
        "maxVelocity": 60,
        "minVelocity": 1.0,
        "timestep": 0.45,
        "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 50,
                          "fit": True},
    }


def _options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= 120},
        "physics": _physics(n_nodes),
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_edges > 400,
                        "hideEdgesOnZoom": n_edges > 800, "keyboard": False,
                        "multiselect": False, "navigationButtons": False},
        "nodes": {"borderWidth": 1.5, "borderWidthSelected": 3,
                  "font": {"face": _FONT, "color": "#1d2330", "strokeWidth": 4,
                           "strokeColor": "#ffffff"},
                  "scaling": {"label": {"enabled": False, "drawThreshold": 7,
                                        "maxVisible": 26}}},
        "edges": {"smooth": False, "selectionWidth": 2.5, "hoverWidth": 1.5,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
                  "color": {"inherit": False, "opacity": 0.7}},
    }


@dataclass
class _View:
    title: str
    subtitle: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    details: dict[str, str]
    focus: str | None
    papers: dict[str, list[str]] = field(default_factory=dict)  # id -> [title, url]


def _build_view(kg: KnowledgeGraph, ids: Sequence[str], *, title: str, subtitle: str = "",
                focus: str | None = None) -> _View:
    """Turn chosen node ids into vis-network node/edge dicts (one drawn edge per node pair)."""
    from pyvis.network import Network

    graph = kg.graph
    degree = _degrees(kg)
    chosen = list(dict.fromkeys(ids))
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    details: dict[str, str] = {}
    degs = [degree[n] for n in chosen] or [0]
    low, high = min(degs), max(degs)
    for n in chosen:
        data = graph.nodes[n]
        label = data.get("label", "")
        color, shape = LABEL_STYLES.get(label, ("#888888", "dot"))
        is_paper = label == "Paper"
        size = _scale(degree[n], low, high, 6 if is_paper else 12, 14 if is_paper else 36)
        font = _scale(degree[n], low, high, 10 if is_paper else 19, 13 if is_paper else 30)
        if n == focus:
            size, font = max(size, 30), max(font, 24)
        net.add_node(
            n, label=_paper_label(data) if is_paper else _short(data.get("name", n), 36),
            shape=shape, size=round(size, 1), title=_node_tooltip(kg, n, degree[n]),
            color={"background": color, "border": "#1d2330" if n == focus else _darker(color),
                   "highlight": {"background": color, "border": "#000000"},
                   "hover": {"background": color, "border": "#000000"}},
            font={"size": round(font, 1), "color": "#59606d" if is_paper else "#1d2330"},
            borderWidth=4 if n == focus else 1.5, mass=round(1 + size / 12, 2),
            **({"x": 0, "y": 0, "fixed": True} if n == focus else {}),
            kind=label, name=data.get("name", n),
        )
        details[n] = _node_details(kg, n)
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, data in graph.subgraph(chosen).edges(data=True):
        if u != v:
            pairs[(u, v)].append(data)
    for i, ((u, v), datas) in enumerate(pairs.items()):
        types = sorted({d.get("type", "") for d in datas}, key=lambda t: _RANK.get(t, 99))
        color = RELATION_COLORS.get(types[0], "#888888")
        detail = _edge_text(kg, u, v, datas)
        edge_id = f"e{i}"
        net.add_edge(u, v, id=edge_id, relation=types[0], relations=types, color=color,
                     width=round(1 + min(3.0, math.log2(len(datas))), 2),
                     dashes=types == ["MENTIONS"])
        details[edge_id] = detail
    cited = set(re.findall(r'data-paper="([^"]+)"', "".join(details.values())))
    papers = {html.unescape(p): [_short(_paper_title(kg, html.unescape(p)), 110),
                                 _paper_link(graph.nodes[html.unescape(p)])] for p in cited}
    return _View(title=title, subtitle=subtitle, nodes=net.nodes, edges=net.edges,
                 details=details, focus=focus, papers=papers)


def _darker(color: str, factor: float = 0.7) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (r, g, b)))


def _legend(view: _View) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    labels = Counter(n["kind"] for n in view.nodes)
    relations = Counter(t for e in view.edges for t in e["relations"])
    node_rows = [{"label": lab, "color": LABEL_STYLES[lab][0], "shape": LABEL_STYLES[lab][1],
                  "count": labels[lab]} for lab in schema.NODE_LABELS if labels[lab]]
    edge_rows = [{"type": t, "color": RELATION_COLORS.get(t, "#888"), "count": relations[t],
                  "dashed": t == "MENTIONS"}
                 for t in schema.RELATION_TYPES if relations[t]]
    return node_rows, edge_rows


def _environment() -> Any:
    import jinja2
    import pyvis

    pyvis_templates = Path(pyvis.__file__).with_name("templates")
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(_TEMPLATES)),
                                    jinja2.FileSystemLoader(str(pyvis_templates))]),
        autoescape=jinja2.select_autoescape(["html"]),
        keep_trailing_newline=True,
    )
    env.filters["script_json"] = _script_json
    return env


def _script_json(value: Any) -> Any:
    """JSON safe inside a <script> element, lighter than jinja's ``tojson`` for HTML payloads.

    Only ``</`` (which could close the script) and ``<!--`` need escaping there.

    >>> print(_script_json({"t": "<b>x</b>"}))
    {"t": "<b>x<\\/b>"}
    """
    from markupsafe import Markup

    text = json.dumps(value, ensure_ascii=False)
    return Markup(text.replace("</", "<\\/").replace("<!--", "<\\!--"))


def _write_html(view: _View, path: Path, *, back_link: str | None = None) -> ViewStats:
    node_rows, edge_rows = _legend(view)
    page = _environment().get_template("view.html").render(
        title=view.title,
        subtitle=view.subtitle,
        nodes=view.nodes,
        edges=view.edges,
        details=view.details,
        papers=view.papers,
        options=json.dumps(_options(len(view.nodes), len(view.edges))),
        focus=view.focus,
        legend_nodes=node_rows,
        legend_edges=edge_rows,
        names=sorted({n["name"] for n in view.nodes}, key=str.casefold),
        back_link=back_link,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return ViewStats(path=path, nodes=len(view.nodes), edges=len(view.edges), title=view.title,
                     node_ids=tuple(n["id"] for n in view.nodes))


# ---------------------------------------------------------------------------------- public
def render_view(kg: KnowledgeGraph, path: str | Path, *, focus: str | None = None,
                depth: int | None = None, types: str | Sequence[str] | None = None,
                paper: str | None = None, max_nodes: int | None = None,
                back_link: str | None = None) -> ViewStats:
    """Write one self-contained HTML view of ``kg`` to ``path`` and say what it holds.

    - nothing given: the overview (most connected entities and their papers);
    - ``focus``: the ego view of that entity (name, alias or id), ``depth`` hops (default 2);
    - ``paper``: one paper's view (id, arXiv id or title), ``depth`` hops (default 1);
    - ``types``: only entities of those labels (``"Model,Benchmark"``), with the papers that
      link them; combines with ``focus`` or ``paper``.

    At most ``max_nodes`` nodes are drawn (default: 300 for the overview and type views, 150
    around a focus or paper). Unknown names or types raise
    :class:`~paperkg.errors.NotFoundError` with close matches.
    """
    if focus and paper:
        raise InputError("give either a focus entity or a paper, not both")
    if max_nodes is not None and max_nodes < 1:
        raise InputError(f"max_nodes must be at least 1, got {max_nodes}")
    labels = parse_types(types) if types else None
    path = Path(path)
    if labels is not None and not any(True for _ in _labelled(kg, labels)):
        present = sorted({d.get("label", "") for _, d in kg.graph.nodes(data=True)})
        raise NotFoundError(f"no {'/'.join(labels)} nodes in this graph "
                            f"(it has {', '.join(present) or 'no nodes'})")
    type_note = f" · {', '.join(labels)}" if labels else ""
    if focus or paper:
        center = resolve_paper(kg, paper) if paper else resolve_node(kg, str(focus))
        hops = depth if depth is not None else (1 if paper else 2)
        ids = select_ego(kg, center, hops, max_nodes or DEFAULT_EGO_MAX_NODES, labels=labels)
        name = kg.graph.nodes[center].get("name", center)
        kind = kg.graph.nodes[center].get("label", "")
        title = _short(name, 90)
        subtitle = f"{kind} · {hops} hop{'s' if hops != 1 else ''}{type_note}"
        view = _build_view(kg, ids, title=title, subtitle=subtitle, focus=center)
    else:
        ids = select_overview(kg, max_nodes or DEFAULT_MAX_NODES, labels=labels)
        title = f"{', '.join(labels)} view" if labels else "Overview"
        subtitle = (f"top {sum(1 for n in ids if kg.graph.nodes[n].get('label') != 'Paper')} "
                    f"entities of {sum(1 for _ in _labelled(kg, labels or schema.ENTITY_LABELS))}"
                    f" and their papers")
        view = _build_view(kg, ids, title=title, subtitle=subtitle)
    return _write_html(view, path, back_link=back_link)


def viz_command(out: str | Path, output: str | Path, *, focus: str | None = None,
                depth: int | None = None, types: str | None = None, paper: str | None = None,
                max_nodes: int | None = None) -> ViewStats:
    """``paperkg viz``: load OUT (a build directory or its graph.json) and write one view."""
    import paperkg

    if max_nodes is not None and max_nodes < 1:
        raise InputError(f"--max-nodes must be at least 1, got {max_nodes}")
    if depth is not None and depth < 0:
        raise InputError(f"--depth must be 0 or more, got {depth}")
    if depth is not None and not (focus or paper):
        raise InputError("--depth needs --focus NAME or --paper ID")
    output = Path(output)
    if output.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"the output should be an .html file, got {str(output)!r}")
    return render_view(paperkg.load(out), output, focus=focus, depth=depth, types=types,
                       paper=paper, max_nodes=max_nodes)


def _labelled(kg: KnowledgeGraph, labels: Sequence[str]) -> Iterable[str]:
    return (n for n, d in kg.graph.nodes(data=True) if d.get("label") in labels)


def _slug(text: str) -> str:
    """A file-name-safe slug.

    >>> _slug("model:Llama-2 (7B)")
    'model-llama-2-7b'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60] or "node"


def write_build_views(kg: KnowledgeGraph, out_dir: str | Path, *, per_type: int = 3,
                      max_nodes: int = DEFAULT_MAX_NODES,
                      view_max_nodes: int = 150, min_degree: int = 3) -> list[Path]:
    """Write OUT/graph.html (the overview), OUT/index.html and the views it links in OUT/views/.

    index.html lists, for each entity label, the ``per_type`` best connected entities with a link
    to their ego view (depth 2, at most ``view_max_nodes`` nodes; only for entities with at least
    ``min_degree`` neighbours) and a view of that label.
    Returns the paths written, graph.html first.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    overview = render_view(kg, out / "graph.html", max_nodes=max_nodes, back_link="index.html")
    written = [overview.path]
    degree = _degrees(kg)
    sections = []
    for label in schema.ENTITY_LABELS:
        papers = {n: sum(1 for u in set(kg.graph.predecessors(n))
                         if kg.graph.nodes[u].get("label") == "Paper")
                  for n in _labelled(kg, (label,)) if degree[n]}
        # top entities: linked from the most papers, then the most neighbours
        members = sorted(papers, key=lambda n: (-papers[n], -degree[n], n))
        worth_a_view = [n for n in members[:per_type] if degree[n] >= min_degree]
        if not members:
            continue
        type_path = out / "views" / f"type-{_slug(label)}.html"
        stats = render_view(kg, type_path, types=(label,), max_nodes=view_max_nodes,
                            back_link="../index.html")
        written.append(type_path)
        entries = []
        for n in worth_a_view:
            ego = out / "views" / f"{_slug(n)}.html"
            ego_stats = render_view(kg, ego, focus=n, depth=2, max_nodes=view_max_nodes,
                                    back_link="../index.html")
            written.append(ego)
            entries.append({"name": kg.graph.nodes[n].get("name", n), "href": f"views/{ego.name}",
                            "papers": papers[n],
                            "nodes": ego_stats.nodes, "edges": ego_stats.edges})
        sections.append({"label": label, "color": LABEL_STYLES[label][0], "count": len(members),
                         "href": f"views/{type_path.name}", "nodes": stats.nodes,
                         "edges": stats.edges, "entries": entries})
    counts = kg.counts_by_label()
    page = _environment().get_template("index.html").render(
        sections=sections, overview=written[0].name, n_nodes=kg.graph.number_of_nodes(),
        n_edges=kg.graph.number_of_edges(), n_papers=counts.get("Paper", 0),
    )
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return [written[0], index, *written[1:]]


def _tiny_graph() -> KnowledgeGraph:
    """Two papers, three entities: for doctests."""
    from paperkg.graph.knowledge_graph import KnowledgeGraph
    from paperkg.records import Entity, Paper, Relation

    kg = KnowledgeGraph()
    p1 = kg.add_paper(Paper(title="LLaMA: Open and Efficient Foundation Language Models",
                            abstract="We introduce LLaMA.", arxiv_id="2302.13971"))
    p2 = kg.add_paper(Paper(title="Alpaca", abstract="We fine-tune LLaMA on MMLU."))
    kg.add_entity(Entity(id="model:llama", label="Model", name="LLaMA", aliases=("LLaMA", "Llama")))
    kg.add_entity(Entity(id="benchmark:mmlu", label="Benchmark", name="MMLU"))
    kg.add_relation(Relation("PROPOSES", p1, "model:llama", paper=p1,
                             evidence="We introduce LLaMA.", start=13, end=18))
    kg.add_relation(Relation("EVALUATES_ON", p2, "benchmark:mmlu", paper=p2,
                             evidence="We fine-tune LLaMA on MMLU.", start=22, end=26))
    kg.add_relation(Relation("USES", p2, "benchmark:mmlu", paper=p2,
                             evidence="We fine-tune LLaMA on MMLU.", start=22, end=26))
    return kg
