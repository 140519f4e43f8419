"""The one source of truth for node labels, relation types, their properties and allowed triples.

Stores generate their DDL and Cypher from this module; nothing else names a label or relation type
that is not here. Labels and relation types never come from input.

>>> "Model" in NODE_LABELS and "PROPOSES" in RELATION_TYPES
True
>>> allowed("Paper", "EVALUATES_ON", "Benchmark")
True
>>> allowed("Benchmark", "CITES", "Paper")
False
"""

from __future__ import annotations

from dataclasses import dataclass

from paperkg.errors import SchemaError

__all__ = [
    "Property",
    "NodeType",
    "RelationType",
    "NODE_TYPES",
    "RELATION_TYPES_SPEC",
    "NODE_LABELS",
    "ENTITY_LABELS",
    "RELATION_TYPES",
    "EDGE_PROPERTIES",
    "allowed",
    "check_label",
    "check_relation",
    "label_of_id",
]


@dataclass(frozen=True)
class Property:
    """A typed property: ``type`` is STRING, STRING[], INT64, DOUBLE or BOOLEAN."""

    name: str
    type: str = "STRING"


@dataclass(frozen=True)
class NodeType:
    label: str
    properties: tuple[Property, ...]
    id_prefix: str


@dataclass(frozen=True)
class RelationType:
    name: str
    pairs: tuple[tuple[str, str], ...]  # allowed (head label, tail label)
    properties: tuple[Property, ...] = ()  # beyond the provenance every edge has
    description: str = ""


_COMMON_NODE = (Property("id"), Property("name"), Property("aliases", "STRING[]"))

NODE_TYPES: dict[str, NodeType] = {
    nt.label: nt
    for nt in (
        NodeType(
            "Paper",
            _COMMON_NODE
            + (
                Property("title"),
                Property("abstract"),
                Property("arxiv_id"),
                Property("doi"),
                Property("url"),
                Property("published"),
                Property("authors", "STRING[]"),
                Property("categories", "STRING[]"),
                Property("sources", "STRING[]"),
                Property("external", "BOOLEAN"),
            ),
            "paper",
        ),
        NodeType("Model", _COMMON_NODE + (Property("family"), Property("params")), "model"),
        NodeType("Method", _COMMON_NODE, "method"),
        NodeType("Dataset", _COMMON_NODE, "dataset"),
        NodeType("Benchmark", _COMMON_NODE, "benchmark"),
        NodeType("Task", _COMMON_NODE, "task"),
        NodeType("Metric", _COMMON_NODE, "metric"),
        NodeType("Repository", _COMMON_NODE + (Property("url"), Property("host")), "repo"),
    )
}

NODE_LABELS: tuple[str, ...] = tuple(NODE_TYPES)
ENTITY_LABELS: tuple[str, ...] = tuple(label for label in NODE_LABELS if label != "Paper")
_ARTIFACTS = ("Model", "Method", "Dataset", "Benchmark", "Task", "Metric")
_MODELISH = ("Model", "Method")

#: Provenance every edge carries.
EDGE_PROPERTIES: tuple[Property, ...] = (
    Property("paper"),
    Property("evidence"),
    Property("start", "INT64"),
    Property("end", "INT64"),
    Property("rule"),
    Property("confidence", "DOUBLE"),
    Property("section"),
)

RELATION_TYPES_SPEC: dict[str, RelationType] = {
    rt.name: rt
    for rt in (
        RelationType("PROPOSES", tuple(("Paper", t) for t in _ARTIFACTS),
                     description="the paper introduces it"),
        RelationType("USES", tuple(("Paper", t) for t in _ARTIFACTS),
                     description="the paper uses, trains or builds on it"),
        RelationType("EVALUATES_ON", tuple(("Paper", t) for t in ("Dataset", "Benchmark", "Task")),
                     description="the paper evaluates on it"),
        RelationType("COMPARES_WITH", tuple(("Paper", t) for t in _MODELISH),
                     description="the paper compares against it (baseline, outperforms)"),
        RelationType("ADDRESSES", (("Paper", "Task"),), description="the paper works on this task"),
        RelationType(
            "REPORTS",
            (("Paper", "Benchmark"), ("Paper", "Dataset"), ("Paper", "Task")),
            (Property("value", "DOUBLE"), Property("unit"), Property("metric"), Property("subject")),
            description="a result: metric and value on a benchmark",
        ),
        RelationType("MENTIONS", tuple(("Paper", t) for t in _ARTIFACTS),
                     description="named, no clearer relation"),
        RelationType("HAS_CODE", (("Paper", "Repository"),), description="code or weights link"),
        RelationType("VARIANT_OF", (("Model", "Model"),), description="a sized/versioned model of a family"),
        RelationType("BASED_ON", tuple((a, b) for a in _MODELISH for b in _MODELISH),
                     description="built on, initialized from or distilled from"),
        RelationType("CITES", (("Paper", "Paper"),), (Property("via"),),
                     description="the paper builds on another paper"),
    )
}

RELATION_TYPES: tuple[str, ...] = tuple(RELATION_TYPES_SPEC)
_PREFIX_TO_LABEL = {nt.id_prefix: nt.label for nt in NODE_TYPES.values()}


def allowed(head: str, relation: str, tail: str) -> bool:
    """True if ``(head)-[relation]->(tail)`` is a triple the schema allows."""
    spec = RELATION_TYPES_SPEC.get(relation)
    return spec is not None and (head, tail) in spec.pairs


def check_label(label: str) -> str:
    """Return ``label`` if it is a node label, else raise SchemaError."""
    if label not in NODE_TYPES:
        raise SchemaError(f"unknown node label {label!r}; expected one of {', '.join(NODE_LABELS)}")
    return label


def check_relation(head: str, relation: str, tail: str) -> str:
    """Return ``relation`` if the triple is allowed, else raise SchemaError."""
    if relation not in RELATION_TYPES_SPEC:
        raise SchemaError(
            f"unknown relation type {relation!r}; expected one of {', '.join(RELATION_TYPES)}"
        )
    if not allowed(head, relation, tail):
        raise SchemaError(f"({head})-[{relation}]->({tail}) is not allowed by the schema")
    return relation


def label_of_id(node_id: str) -> str:
    """The label an id's prefix stands for.

    >>> label_of_id("benchmark:gsm8k")
    'Benchmark'
    """
    prefix = node_id.split(":", 1)[0]
    try:
        return _PREFIX_TO_LABEL[prefix]
    except KeyError:
        raise SchemaError(f"node id {node_id!r} has no known label prefix") from None


def entity_id(label: str, key: str) -> str:
    """Id of an entity from its label and normalized key.

    >>> entity_id("Model", "llama-2-7b")
    'model:llama-2-7b'
    """
    return f"{NODE_TYPES[check_label(label)].id_prefix}:{key}"
