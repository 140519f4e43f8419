"""The Cypher both stores run alike: schema-checked names and the count queries.

A label or relation type is written into Cypher text only after :func:`schema_label` or
:func:`schema_type` has found it in graph/schema.py; values always travel as parameters. The
count queries are the same text on LadybugDB and Neo4j, so they live here once; each store's own
queries module re-exports them beside the Cypher only it runs.

>>> print(count_label("Model"))
MATCH (n:Model) RETURN count(n) AS n
>>> print(count_type("USES"))
MATCH ()-[r:USES]->() RETURN count(r) AS n
>>> count_label("Model) DETACH DELETE (n")
Traceback (most recent call last):
...
paperkg.errors.SchemaError: unknown node label 'Model) DETACH DELETE (n'
"""

from __future__ import annotations

import re
from collections.abc import Callable

from paperkg.errors import SchemaError
from paperkg.graph.schema import NODE_TYPES, RELATION_TYPES_SPEC

__all__ = ["ident", "schema_label", "schema_type", "count_label", "count_type", "schema_counts"]

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def ident(name: str) -> str:
    """``name`` if it is a plain identifier from the schema, else SchemaError."""
    if not _IDENT.match(name):
        raise SchemaError(f"{name!r} is not a valid identifier for a label, type or property")
    return name


def schema_label(label: str) -> str:
    """A node label of the schema, safe to write into Cypher; SchemaError for anything else."""
    if label not in NODE_TYPES:
        raise SchemaError(f"unknown node label {label!r}")
    return ident(label)


def schema_type(rel_type: str) -> str:
    """A relation type of the schema, safe to write into Cypher; SchemaError for anything else."""
    if rel_type not in RELATION_TYPES_SPEC:
        raise SchemaError(f"unknown relation type {rel_type!r}")
    return ident(rel_type)


def count_label(label: str) -> str:
    """How many nodes carry one label of the schema."""
    return f"MATCH (n:{schema_label(label)}) RETURN count(n) AS n"


def count_type(rel_type: str) -> str:
    """How many relationships have one type of the schema."""
    return f"MATCH ()-[r:{schema_type(rel_type)}]->() RETURN count(r) AS n"


def schema_counts(scalar: Callable[[str], int]) -> dict[str, dict[str, int]]:
    """Nodes per label and relationships per type, each count run through the store's ``scalar``.

    >>> counts = schema_counts(lambda cypher: len(cypher))
    >>> set(counts) == {"nodes", "relationships"} and set(counts["nodes"]) == set(NODE_TYPES)
    True
    """
    return {
        "nodes": {label: scalar(count_label(label)) for label in NODE_TYPES},
        "relationships": {rel_type: scalar(count_type(rel_type)) for rel_type in RELATION_TYPES_SPEC},
    }
