"""paperkg: machine-learning paper abstracts -> a typed knowledge graph.

>>> import paperkg
>>> callable(paperkg.build) and callable(paperkg.load)
True
"""

from __future__ import annotations

from paperkg.graph.knowledge_graph import KnowledgeGraph
from paperkg.records import Entity, Extraction, Paper, Relation

__all__ = ["build", "load", "KnowledgeGraph", "Paper", "Entity", "Relation", "Extraction"]
__version__ = "0.1.0"


def build(paths, **options) -> KnowledgeGraph:  # noqa: ANN001 - documented in graph.build
    """Read corpus files, extract, and build a KnowledgeGraph (see :func:`paperkg.graph.build.build`)."""
    from paperkg.graph.build import build as _build

    return _build(paths, **options).graph


def load(out_dir) -> KnowledgeGraph:  # noqa: ANN001
    """Load a graph written by ``paperkg build`` (OUT/graph.json, with OUT/kg.lbdb if present)."""
    from pathlib import Path

    from paperkg.graph.io import read_graph_json

    out = Path(out_dir)
    path = out / "graph.json" if out.is_dir() else out
    kg = read_graph_json(path)
    store = path.parent / "kg.lbdb"
    kg.store_path = store if store.exists() else None
    return kg
