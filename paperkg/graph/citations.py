"""Citation inference: CITES edges between papers, each saying ``via`` how it was found."""

from __future__ import annotations

from collections.abc import Iterable

from paperkg.graph.knowledge_graph import KnowledgeGraph
from paperkg.records import Paper

__all__ = ["add_citations"]


def add_citations(kg: KnowledgeGraph, papers: Iterable[Paper]) -> int:
    """Add CITES edges to ``kg``; returns how many were added."""
    return 0
