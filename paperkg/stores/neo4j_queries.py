"""Every Cypher text the Neo4j store runs, generated from graph/schema.py.

Labels and relation types come only from the schema (checked), values only travel as parameters
(``$rows``, ``$limit``). Nodes are merged on ``id`` (backed by a uniqueness constraint per
label), relationships on their ``key`` between the same two nodes, so a push is idempotent.
The count queries are the same on both stores and live in :mod:`paperkg.stores.cypher`.

>>> print(constraint("Model"))
CREATE CONSTRAINT paperkg_Model_id IF NOT EXISTS FOR (n:Model) REQUIRE n.id IS UNIQUE
>>> print(merge_nodes("Model"))
UNWIND $rows AS row
MERGE (n:Model {id: row.id})
SET n += row.props
>>> print(merge_rels("USES", "Paper", "Model"))
UNWIND $rows AS row
MATCH (a:Paper {id: row.source})
MATCH (b:Model {id: row.target})
MERGE (a)-[r:USES {key: row.key}]->(b)
SET r += row.props
"""

from __future__ import annotations

from paperkg.stores.cypher import schema_label as _label
from paperkg.stores.cypher import schema_type as _type

__all__ = ["constraint", "merge_nodes", "merge_rels", "DELETE_BATCH"]


def constraint(label: str) -> str:
    """A uniqueness constraint on ``id`` (also the index MERGE uses)."""
    label = _label(label)
    return f"CREATE CONSTRAINT paperkg_{label}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"


def merge_nodes(label: str) -> str:
    """Merge a batch of ``{id, props}`` rows into nodes of one label."""
    return f"UNWIND $rows AS row\nMERGE (n:{_label(label)} {{id: row.id}})\nSET n += row.props"


def merge_rels(rel_type: str, head: str, tail: str) -> str:
    """Merge a batch of ``{source, target, key, props}`` rows into relationships of one type."""
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{_label(head)} {{id: row.source}})\n"
        f"MATCH (b:{_label(tail)} {{id: row.target}})\n"
        f"MERGE (a)-[r:{_type(rel_type)} {{key: row.key}}]->(b)\n"
        "SET r += row.props"
    )


#: Delete up to $limit nodes (and their relationships); run until it returns 0 (``--wipe``).
DELETE_BATCH = "MATCH (n) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"
