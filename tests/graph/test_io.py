"""Round trips for every file format we write: graph.json, GraphML, CSV."""

from __future__ import annotations

import json

import networkx as nx
import pandas as pd

import paperkg
from paperkg.graph.examples import example_graph
from paperkg.graph.io import (
    read_graph_json,
    read_graphml,
    write_csv,
    write_graph_json,
    write_graphml,
)


def same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    def props(g: nx.MultiDiGraph) -> dict:
        return {n: {k: v for k, v in d.items() if k != "id"} for n, d in g.nodes(data=True)}

    assert props(a) == props(b)
    assert sorted(a.edges(keys=True, data=True), key=repr) == sorted(b.edges(keys=True, data=True), key=repr)


def test_graph_json_round_trip_and_fixed_field_names(tmp_path):
    kg = example_graph()
    path = write_graph_json(kg, tmp_path / "graph.json")
    data = json.loads(path.read_text())
    assert data["directed"] and data["multigraph"] and {"nodes", "edges"} <= data.keys()
    node = next(n for n in data["nodes"] if n["id"] == "model:llama-2")
    assert {"id", "label", "name", "aliases", "family", "params"} <= node.keys()
    edge = next(e for e in data["edges"] if e["type"] == "REPORTS")
    assert {"source", "target", "key", "type", "paper", "evidence", "start", "end", "rule",
            "confidence", "value", "unit", "metric"} <= edge.keys()
    same_graph(nx.node_link_graph(data, edges="edges"), kg.graph)
    same_graph(read_graph_json(path).graph, kg.graph)


def test_load_reads_an_out_directory(tmp_path):
    example_graph().save(tmp_path)
    assert paperkg.load(tmp_path).counts_by_label() == example_graph().counts_by_label()


def test_graphml_round_trip_keeps_lists(tmp_path):
    kg = example_graph()
    back = read_graphml(write_graphml(kg, tmp_path / "g.graphml"))
    assert back.node("model:llama-2")["aliases"] == ["Llama 2", "LLaMA-2"]
    assert back.counts_by_type() == kg.counts_by_type()


def test_csv_round_trip(tmp_path):
    nodes_csv, edges_csv = write_csv(example_graph(), tmp_path)
    nodes, edges = pd.read_csv(nodes_csv), pd.read_csv(edges_csv)
    assert len(nodes) == 7 and len(edges) == 10
    assert set(nodes.loc[nodes.id == "model:llama-2", "aliases"]) == {"Llama 2|LLaMA-2"}
