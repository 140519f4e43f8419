"""A KnowledgeGraph as typed tables: one per node label, one per (relation type, head, tail).

Every store is generated from :mod:`paperkg.graph.schema`; this module is where the schema's
property lists become column lists and where graph values are checked against their types.
Besides the schema's properties, each node row carries ``label`` and each relationship row ``key``
(its networkx edge key, unique between two nodes) and ``type``, so that questions like "what kind of
thing is this" read ``n.label`` / ``r.type`` the same way on every store (Neo4j's ``labels()``
and ``type()`` are spelled ``label()`` in LadybugDB).

Cost: one pass over nodes and edges, O(N + E).

>>> from paperkg.graph.knowledge_graph import KnowledgeGraph
>>> from paperkg.records import Entity
>>> kg = KnowledgeGraph()
>>> _ = kg.add_entity(Entity(id="model:llama", label="Model", name="LLaMA", family="LLaMA"))
>>> [t.label for t in node_tables(kg) if t.rows]
['Model']
>>> node_tables(kg)[1].rows[0]["aliases"]
['LLaMA']
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from paperkg.errors import StoreError
from paperkg.graph.schema import (
    EDGE_PROPERTIES,
    NODE_TYPES,
    RELATION_TYPES_SPEC,
    Property,
)

__all__ = [
    "NodeTable",
    "RelTable",
    "node_columns",
    "rel_columns",
    "node_tables",
    "rel_tables",
    "coerce",
    "to_arrow",
]

#: Store-level columns every node / relationship has beside the schema's properties.
NODE_EXTRA: tuple[Property, ...] = (Property("label"),)
REL_EXTRA: tuple[Property, ...] = (Property("key"), Property("type"))


@dataclass
class NodeTable:
    label: str
    columns: tuple[Property, ...]
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class RelTable:
    type: str
    head: str
    tail: str
    columns: tuple[Property, ...]  # properties, without the endpoints
    rows: list[dict[str, Any]] = field(default_factory=list)  # with "source" and "target"


def node_columns(label: str) -> tuple[Property, ...]:
    """``id`` first (the primary key), then ``label``, then the label's other properties.

    >>> [p.name for p in node_columns("Model")]
    ['id', 'label', 'name', 'aliases', 'family', 'params']
    """
    props = NODE_TYPES[label].properties
    return (Property("id"), *NODE_EXTRA, *(p for p in props if p.name != "id"))


def rel_columns(rel_type: str) -> tuple[Property, ...]:
    """``key``, ``type``, the provenance every edge has, then the type's own properties.

    >>> [p.name for p in rel_columns("CITES")][-2:]
    ['section', 'via']
    """
    return (*REL_EXTRA, *EDGE_PROPERTIES, *RELATION_TYPES_SPEC[rel_type].properties)


def coerce(value: Any, prop: Property, where: str) -> Any:
    """``value`` as ``prop.type`` (None stays None); raises StoreError if it cannot be.

    >>> coerce(3, Property("confidence", "DOUBLE"), "x")
    3.0
    >>> coerce(("a",), Property("aliases", "STRING[]"), "x")
    ['a']
    >>> coerce(float("nan"), Property("value", "DOUBLE"), "x") is None
    True
    """
    if value is None:
        return None
    kind = prop.type
    try:
        if kind == "STRING":
            if isinstance(value, (list, tuple, dict)):
                raise TypeError("a list or map is not a string")
            return str(value)
        if kind == "STRING[]":
            if isinstance(value, str) or not isinstance(value, (list, tuple)):
                raise TypeError("expected a list of strings")
            return [str(v) for v in value]
        if kind == "INT64":
            if isinstance(value, float) and not value.is_integer():
                raise TypeError("not a whole number")
            return int(value)
        if kind == "DOUBLE":
            number = float(value)
            return None if math.isnan(number) else number
        if kind == "BOOLEAN":
            if isinstance(value, str):
                if value.lower() not in ("true", "false"):
                    raise TypeError("expected true or false")
                return value.lower() == "true"
            return bool(value)
    except (TypeError, ValueError) as err:
        raise StoreError(
            f"{where}: property {prop.name!r} = {value!r} is not a {kind} ({err}); "
            "fix the value in the graph or the type in graph/schema.py"
        ) from None
    raise StoreError(f"property {prop.name!r} has unknown type {kind!r} in graph/schema.py")


def _fast_ok(value: Any, kind: str) -> bool:
    """True when ``value`` already is a ``kind`` (the common case, checked without a call chain)."""
    t = type(value)
    if kind == "STRING":
        return t is str
    if kind == "DOUBLE":
        return t is float and value == value  # NaN becomes None in coerce
    if kind == "INT64":
        return t is int
    if kind == "STRING[]":
        return t is list and all(type(v) is str for v in value)
    return kind == "BOOLEAN" and t is bool


def _typed_row(data: dict[str, Any], columns: tuple[Property, ...], where: Any) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for prop in columns:
        value = data.get(prop.name)
        if value is None or _fast_ok(value, prop.type):
            row[prop.name] = value
        else:
            place = f"node {where!r}" if isinstance(where, str) else f"edge {where[0]!r} -[{where[1]}]-> {where[2]!r}"
            row[prop.name] = coerce(value, prop, place)
    return row


def node_tables(kg: Any) -> list[NodeTable]:
    """One table per label in schema order (empty tables included), rows typed by the schema."""
    tables = {label: NodeTable(label, node_columns(label)) for label in NODE_TYPES}
    for node_id, data in kg.graph.nodes(data=True):
        label = data.get("label")
        if label not in tables:
            raise StoreError(f"node {node_id!r} has label {label!r}, which graph/schema.py does not know")
        table = tables[label]
        row = _typed_row(data, table.columns, node_id)
        row["id"], row["label"] = str(node_id), label
        table.rows.append(row)
    return list(tables.values())


def rel_tables(kg: Any) -> list[RelTable]:
    """One table per (type, head label, tail label) the schema allows, in schema order."""
    tables: dict[tuple[str, str, str], RelTable] = {}
    for spec in RELATION_TYPES_SPEC.values():
        for head, tail in spec.pairs:
            tables[(spec.name, head, tail)] = RelTable(spec.name, head, tail, rel_columns(spec.name))
    nodes = kg.graph.nodes
    for u, v, key, data in kg.graph.edges(keys=True, data=True):
        triple = (data.get("type"), nodes[u].get("label"), nodes[v].get("label"))
        table = tables.get(triple)  # type: ignore[arg-type]
        if table is None:
            raise StoreError(
                f"edge {u!r} -> {v!r} is ({triple[1]})-[{triple[0]}]->({triple[2]}), "
                "which graph/schema.py does not allow"
            )
        row = _typed_row(data, table.columns, (u, triple[0], v))
        row["key"], row["type"] = str(key), triple[0]
        row["source"], row["target"] = str(u), str(v)
        table.rows.append(row)
    return list(tables.values())


def iter_tables(kg: Any) -> Iterator[NodeTable | RelTable]:
    yield from node_tables(kg)
    yield from rel_tables(kg)


def arrow_type(kind: str) -> Any:
    import pyarrow as pa

    return {
        "STRING": pa.string(),
        "STRING[]": pa.list_(pa.string()),
        "INT64": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
    }[kind]


def to_arrow(table: NodeTable | RelTable) -> Any:
    """A pyarrow Table with explicit column types (relationships start with ``from``, ``to``)."""
    import pyarrow as pa

    arrays: dict[str, Any] = {}
    if isinstance(table, RelTable):
        arrays["from"] = pa.array([r["source"] for r in table.rows], pa.string())
        arrays["to"] = pa.array([r["target"] for r in table.rows], pa.string())
    for prop in table.columns:
        arrays[prop.name] = pa.array([r[prop.name] for r in table.rows], arrow_type(prop.type))
    return pa.table(arrays)
