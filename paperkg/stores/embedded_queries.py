"""Every Cypher text the embedded (LadybugDB) store runs, generated from graph/schema.py.

Labels, relation types and property names only ever come from the schema (checked by
:func:`~paperkg.stores.cypher.ident`), never from input; values always travel as parameters. Property names are quoted
with backticks because some (``end``) are reserved words in LadybugDB's grammar.

>>> print(create_node_table("Metric"))
CREATE NODE TABLE Metric(`id` STRING PRIMARY KEY, `label` STRING, `name` STRING, `aliases` STRING[])
>>> print(create_rel_table("HAS_CODE").split(",")[0])
CREATE REL TABLE HAS_CODE(FROM Paper TO Repository
>>> copy_rel("USES", "Paper", "Model")
"COPY USES FROM $rows (from='Paper', to='Model')"

The count queries are the same on both stores and live in :mod:`paperkg.stores.cypher`.
"""

from __future__ import annotations

from paperkg.graph.schema import RELATION_TYPES_SPEC
from paperkg.stores.cypher import ident, schema_label, schema_type
from paperkg.stores.tables import node_columns, rel_columns

__all__ = [
    "ident",
    "create_node_table",
    "create_rel_table",
    "copy_node",
    "copy_rel",
    "LIST_TABLES",
]

_label, _type = schema_label, schema_type


def create_node_table(label: str) -> str:
    cols = [f"`{ident(p.name)}` {p.type}" + (" PRIMARY KEY" if p.name == "id" else "") for p in node_columns(label)]
    return f"CREATE NODE TABLE {_label(label)}({', '.join(cols)})"


def create_rel_table(rel_type: str) -> str:
    spec = RELATION_TYPES_SPEC[_type(rel_type)]
    pairs = [f"FROM {_label(h)} TO {_label(t)}" for h, t in spec.pairs]
    cols = [f"`{ident(p.name)}` {p.type}" for p in rel_columns(rel_type)]
    return f"CREATE REL TABLE {rel_type}({', '.join(pairs + cols)})"


def copy_node(label: str) -> str:
    """Bulk load a node table from the Arrow table passed as ``$rows``."""
    return f"COPY {_label(label)} FROM $rows"


def copy_rel(rel_type: str, head: str, tail: str) -> str:
    """Bulk load one FROM/TO pair of a relationship table from ``$rows`` (from, to, properties)."""
    spec = RELATION_TYPES_SPEC[_type(rel_type)]
    if len(spec.pairs) == 1:
        return f"COPY {rel_type} FROM $rows"
    return f"COPY {rel_type} FROM $rows (from='{_label(head)}', to='{_label(tail)}')"


#: The tables a store holds (used to check that a file is a paperkg store).
LIST_TABLES = "CALL show_tables() RETURN name"
