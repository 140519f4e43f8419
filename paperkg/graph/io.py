"""Read and write a KnowledgeGraph: graph.json (networkx node-link), GraphML and CSV.

graph.json is read by other tools, so its field names are fixed by DESIGN.md: ``nodes`` and
``edges`` keys, each node with ``id``, ``label``, ``name``, ``aliases``, each edge with
``source``, ``target``, ``key``, ``type`` and provenance.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx

from paperkg.errors import InputError
from paperkg.graph.knowledge_graph import KnowledgeGraph

__all__ = ["write_graph_json", "read_graph_json", "write_graphml", "read_graphml", "write_csv"]


def _atomic_write_text(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def graph_to_json_data(kg: KnowledgeGraph) -> dict[str, Any]:
    """The node-link dict DESIGN.md fixes (``edges`` key, directed multigraph)."""
    return nx.node_link_data(kg.graph, edges="edges")


def write_graph_json(kg: KnowledgeGraph, path: str | Path) -> Path:
    """Write graph.json atomically (a failed write leaves the old file)."""
    path = Path(path)
    data = graph_to_json_data(kg)
    _atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1))
    return path


def read_graph_json(path: str | Path) -> KnowledgeGraph:
    """Read graph.json back into a KnowledgeGraph."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except FileNotFoundError:
        raise InputError("no graph.json here; run `paperkg build CORPUS -o OUT` first",
                         str(path)) from None
    except (json.JSONDecodeError, KeyError, TypeError) as err:
        raise InputError(f"not a paperkg graph.json ({err})", str(path)) from err
    for node_id, attrs in graph.nodes(data=True):
        attrs["id"] = node_id  # node-link keeps the id as the key only
    return KnowledgeGraph(graph)


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def write_graphml(kg: KnowledgeGraph, path: str | Path) -> Path:
    """Write GraphML; list properties are stored as JSON strings (GraphML has no lists)."""
    path = Path(path)
    flat = nx.MultiDiGraph()
    for node_id, data in kg.graph.nodes(data=True):
        flat.add_node(node_id, **{k: _flat(v) for k, v in data.items() if v is not None})
    for u, v, k, data in kg.graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=k, **{a: _flat(b) for a, b in data.items() if b is not None})
    nx.write_graphml(flat, path)
    return path


_LIST_PROPS = {"aliases", "authors", "categories", "sources"}


def read_graphml(path: str | Path) -> KnowledgeGraph:
    """Read GraphML written by :func:`write_graphml` (list properties decoded again)."""
    graph = nx.read_graphml(path, force_multigraph=True)
    for node_id, data in graph.nodes(data=True):
        data["id"] = node_id
        for key in _LIST_PROPS & data.keys():
            data[key] = json.loads(data[key])
    return KnowledgeGraph(nx.MultiDiGraph(graph))


def write_csv(kg: KnowledgeGraph, out_dir: str | Path) -> tuple[Path, Path]:
    """Write nodes.csv and edges.csv (list properties joined with ``|``)."""
    import pandas as pd

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    nodes = pd.DataFrame(
        [{k: ("|".join(v) if isinstance(v, list) else v) for k, v in d.items()} for d in kg.nodes()]
    )
    edges = pd.DataFrame(
        [{"source": u, "target": v, "key": k, **d} for u, v, k, d in kg.edges()]
    )
    nodes.to_csv(out / "nodes.csv", index=False)
    edges.to_csv(out / "edges.csv", index=False)
    return out / "nodes.csv", out / "edges.csv"
