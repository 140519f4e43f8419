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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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
class _Table:
    columns: tuple[Property, ...]  # the schema's properties plus the store-level extras
    #: the typed Arrow table: the columns above, after ``from`` and ``to`` for relationships
    arrow: Any = None

    def __len__(self) -> int:
        return 0 if self.arrow is None else self.arrow.num_rows

    @property
    def rows(self) -> list[dict[str, Any]]:
        """One dict per row (relationships with ``from`` and ``to``), converted on demand."""
        return [] if self.arrow is None else self.arrow.to_pylist()


@dataclass
class NodeTable(_Table):
    label: str = ""


@dataclass
class RelTable(_Table):
    type: str = ""
    head: str = ""
    tail: str = ""


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


def _fast_ok(values: list[Any], kind: str) -> bool:
    """True when every value already is a ``kind`` or None (the common case, one pass)."""
    if kind == "STRING":
        return all(type(v) is str or v is None for v in values)
    if kind == "DOUBLE":  # NaN is not equal to itself and becomes None in coerce
        return all(v is None or (type(v) is float and v == v) for v in values)
    if kind == "INT64":
        return all(type(v) is int or v is None for v in values)
    if kind == "STRING[]":
        return all(v is None or (type(v) is list and all(type(x) is str for x in v)) for v in values)
    return kind == "BOOLEAN" and all(type(v) is bool or v is None for v in values)


def _typed_columns(
    items: list[dict[str, Any]], columns: tuple[Property, ...], where: Callable[[int], str]
) -> dict[str, list[Any]]:
    """Column-wise: one pass to gather, one to check; per-value coercion only where needed."""
    data: dict[str, list[Any]] = {}
    for prop in columns:
        name = prop.name
        values = [item.get(name) for item in items]
        if not _fast_ok(values, prop.type):
            values = [coerce(v, prop, where(i)) for i, v in enumerate(values)]
        data[name] = values
    return data


def _arrow_table(
    items: list[dict[str, Any]],
    columns: tuple[Property, ...],
    where: Callable[[int], str],
    leading: dict[str, list[str]],
) -> Any:
    """``leading`` string columns, then ``columns`` typed from ``items`` by Arrow's converter.

    pandas and Arrow convert in C; Arrow refuses a wrong type or a truncated number, but would
    silently turn a string into a list of characters, so list columns are checked first.
    Anything unusual goes the slow way, through :func:`coerce`, which converts or says which
    value is wrong.
    """
    import pandas as pd
    import pyarrow as pa

    schema = pa.schema([(p.name, arrow_type(p.type)) for p in columns])
    names = [p.name for p in columns]
    lists = [p for p in columns if p.type == "STRING[]"]
    table = None
    if all(_fast_ok([item.get(p.name) for item in items], p.type) for p in lists):
        try:  # pandas gathers the dicts' values in C; Arrow types them (NaN becomes null)
            frame = pd.DataFrame.from_records(items, columns=names) if items else None
            table = (
                pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
                if frame is not None
                else schema.empty_table()
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, ValueError, TypeError):
            table = None
    if table is None:
        data = _typed_columns(items, columns, where)
        table = pa.table({p.name: pa.array(data[p.name], arrow_type(p.type)) for p in columns})
    for prop in columns:  # NaN is no value: null, as coerce makes it
        if prop.type == "DOUBLE" and table.num_rows:
            import pyarrow.compute as pc

            col = table.column(prop.name)
            if pc.any(pc.is_nan(col)).as_py():
                fixed = pc.if_else(pc.is_nan(col), pa.scalar(None, pa.float64()), col)
                table = table.set_column(table.schema.get_field_index(prop.name), prop.name, fixed)
    for i, (name, values) in enumerate(leading.items()):
        table = table.add_column(i, name, pa.array(values, pa.string()))
    return table


def node_tables(kg: Any) -> list[NodeTable]:
    """One table per label in schema order (empty tables included), typed by the schema."""
    grouped: dict[str, list[tuple[str, dict[str, Any]]]] = {label: [] for label in NODE_TYPES}
    for node_id, data in kg.graph.nodes(data=True):
        label = data.get("label")
        if label not in grouped:
            raise StoreError(f"node {node_id!r} has label {label!r}, which graph/schema.py does not know")
        grouped[label].append((node_id, data))
    tables = []
    for label, members in grouped.items():
        columns = node_columns(label)
        props = columns[len(NODE_EXTRA) + 1 :]
        leading = {"id": [str(n) for n, _ in members], "label": [label] * len(members)}
        arrow = _arrow_table([d for _, d in members], props, lambda i, m=members: f"node {m[i][0]!r}", leading)
        tables.append(NodeTable(columns, arrow, label=label))
    return tables


def rel_tables(kg: Any) -> list[RelTable]:
    """One table per (type, head label, tail label) the schema allows, in schema order."""
    grouped: dict[tuple[str, str, str], list[tuple[str, str, str, dict[str, Any]]]] = {
        (spec.name, head, tail): [] for spec in RELATION_TYPES_SPEC.values() for head, tail in spec.pairs
    }
    labels = {n: d.get("label") for n, d in kg.graph.nodes(data=True)}
    for u, v, key, data in kg.graph.edges(keys=True, data=True):
        triple = (data.get("type"), labels[u], labels[v])
        members = grouped.get(triple)  # type: ignore[arg-type]
        if members is None:
            raise StoreError(
                f"edge {u!r} -> {v!r} is ({triple[1]})-[{triple[0]}]->({triple[2]}), "
                "which graph/schema.py does not allow"
            )
        members.append((u, v, key, data))
    tables = []
    for (rel_type, head, tail), members in grouped.items():
        columns = rel_columns(rel_type)

        def where(i: int, m: list = members, t: str = rel_type) -> str:
            return f"edge {m[i][0]!r} -[{t}]-> {m[i][1]!r}"

        leading = {
            "from": [str(m[0]) for m in members],
            "to": [str(m[1]) for m in members],
            "key": [str(m[2]) for m in members],
            "type": [rel_type] * len(members),
        }
        arrow = _arrow_table([m[3] for m in members], columns[len(REL_EXTRA) :], where, leading)
        tables.append(RelTable(columns, arrow, type=rel_type, head=head, tail=tail))
    return tables


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
    """The typed pyarrow Table (relationships start with ``from`` and ``to``)."""
    return table.arrow
