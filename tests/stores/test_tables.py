"""Typed tables from a KnowledgeGraph: what every store loads."""

from __future__ import annotations

import pytest

from paperkg.errors import StoreError
from paperkg.graph.knowledge_graph import KnowledgeGraph
from paperkg.stores.tables import node_tables, rel_tables
from tests.stores.conftest import mini_graph


def _reports(kg: KnowledgeGraph) -> tuple[str, str, str]:
    return next((u, v, k) for u, v, k, _ in kg.edges("REPORTS"))


@pytest.mark.parametrize(
    "prop, value, stored",
    [
        ("value", "86.5", 86.5),  # a numeric string is a number
        ("value", 90, 90.0),
        ("value", float("nan"), None),  # NaN is no value
        ("start", 7.0, 7),
        ("confidence", None, None),
    ],
)
def test_tables_coerce_values_to_their_schema_type(prop: str, value: object, stored: object) -> None:
    kg = mini_graph()
    u, v, k = _reports(kg)
    kg.graph.edges[u, v, k][prop] = value
    table = next(t for t in rel_tables(kg) if t.type == "REPORTS" and t.tail == "Benchmark")
    row = next(r for r in table.rows if r["key"] == k)
    assert row[prop] == stored


@pytest.mark.parametrize(
    "prop, value",
    [("start", 2.5), ("start", "seven"), ("value", "about 86%"), ("metric", ["a", "b"])],
)
def test_tables_refuse_values_that_are_not_their_type(prop: str, value: object) -> None:
    kg = mini_graph()
    u, v, k = _reports(kg)
    kg.graph.edges[u, v, k][prop] = value
    with pytest.raises(StoreError, match=f"property '{prop}'"):
        rel_tables(kg)


def test_tables_refuse_a_string_for_a_list_property() -> None:
    kg = mini_graph()
    kg.graph.nodes["model:llama"]["aliases"] = "Llama"  # Arrow alone would store L, l, a, m, a
    with pytest.raises(StoreError, match="node 'model:llama': property 'aliases'"):
        node_tables(kg)


def test_tables_list_elements_become_strings() -> None:
    kg = mini_graph()
    kg.graph.nodes["model:llama"]["aliases"] = ("Llama", 3)
    models = next(t for t in node_tables(kg) if t.label == "Model")
    assert next(r for r in models.rows if r["id"] == "model:llama")["aliases"] == ["Llama", "3"]


def test_tables_refuse_labels_and_triples_outside_the_schema() -> None:
    kg = mini_graph()
    kg.graph.add_node("thing:x", id="thing:x", label="Thing", name="x")
    with pytest.raises(StoreError, match="label 'Thing'"):
        node_tables(kg)
    kg = mini_graph()
    kg.graph.add_edge("benchmark:gsm8k", "model:llama", key="x", type="USES")
    with pytest.raises(StoreError, match=r"\(Benchmark\)-\[USES\]->\(Model\)"):
        rel_tables(kg)


def test_tables_row_counts_and_endpoints() -> None:
    kg = mini_graph()
    nodes, rels = node_tables(kg), rel_tables(kg)
    assert sum(len(t) for t in nodes) == len(kg)
    assert sum(len(t) for t in rels) == kg.graph.number_of_edges()
    cites = next(t for t in rels if t.type == "CITES")
    assert cites.arrow.column_names[:4] == ["from", "to", "key", "type"]
    assert {(r["from"], r["to"]) for r in cites.rows} == {(u, v) for u, v, _, _ in kg.edges("CITES")}
