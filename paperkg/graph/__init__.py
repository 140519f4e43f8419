"""The knowledge graph: schema, KnowledgeGraph, building, reading and writing, views."""

from __future__ import annotations

from paperkg.graph.knowledge_graph import KnowledgeGraph
from paperkg.graph.schema import ENTITY_LABELS, NODE_LABELS, RELATION_TYPES

__all__ = ["KnowledgeGraph", "NODE_LABELS", "ENTITY_LABELS", "RELATION_TYPES"]
