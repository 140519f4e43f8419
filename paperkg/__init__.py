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
    """Read corpus files, extract, and build a KnowledgeGraph (see :func:`paperkg.graph.build.build`).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "papers.jsonl").write_text(
    ...     '{"title": "FooNet", "abstract": "We propose FooNet and evaluate it on GSM8K."}')
    >>> kg = build([folder], fast=True)
    >>> kg.counts_by_label()["Paper"], "GSM8K" in [n["name"] for n in kg.nodes("Benchmark")]
    (1, True)
    """
    from paperkg.graph.build import build as _build

    return _build(paths, **options).graph


def load(out_dir) -> KnowledgeGraph:  # noqa: ANN001
    """Load a graph written by ``paperkg build`` (OUT/graph.json, with OUT/kg.lbdb if present).

    >>> import tempfile
    >>> from paperkg.graph.examples import example_graph
    >>> out = tempfile.mkdtemp()
    >>> _ = example_graph().save(out)
    >>> load(out).entity("TinyLlama")["label"]
    'Model'
    """
    from pathlib import Path

    from paperkg.graph.io import read_graph_json

    out = Path(out_dir)
    path = out / "graph.json" if out.is_dir() else out
    kg = read_graph_json(path)
    store = path.parent / "kg.lbdb"
    kg.store_path = store if store.exists() else None
    return kg
