"""KnowledgeGraph: merging nodes by id, edges with provenance, the schema as gatekeeper."""

from __future__ import annotations

import pytest

from paperkg.errors import SchemaError
from paperkg.graph.knowledge_graph import KnowledgeGraph
from paperkg.graph.schema import NODE_LABELS, RELATION_TYPES, allowed, label_of_id
from paperkg.records import Entity, Paper, Relation


def test_adding_an_entity_twice_merges_aliases():
    kg = KnowledgeGraph()
    kg.add_entity(Entity("model:llama-2", "Model", "Llama 2", ("Llama 2",)))
    kg.add_entity(Entity("model:llama-2", "Model", "Llama 2", ("LLaMA-2",), family="LLaMA", params=None))
    node = kg.node("model:llama-2")
    assert node["aliases"] == ["Llama 2", "LLaMA-2"] and node["family"] == "LLaMA"
    assert len(kg) == 1


def test_paper_merge_keeps_every_source():
    kg = KnowledgeGraph()
    kg.add_paper(Paper(title="T", abstract="A b c.", arxiv_id="2401.00001", sources=("a.txt",)))
    kg.add_paper(Paper(title="T", abstract="A b c.", arxiv_id="2401.00001", sources=("b.txt",)))
    assert kg.node("paper:arxiv:2401.00001")["sources"] == ["a.txt", "b.txt"]


def test_edge_keeps_provenance_and_the_more_confident_copy():
    kg = KnowledgeGraph()
    paper = kg.add_paper(Paper(title="T", abstract="We use GPT-2.", arxiv_id="2401.00001"))
    kg.add_entity(Entity("model:gpt-2", "Model", "GPT-2"))
    weak = Relation("USES", paper, "model:gpt-2", paper=paper, evidence="We use GPT-2.", start=7,
                    end=12, rule="weak", confidence=0.3)
    kg.add_relation(weak)
    kg.add_relation(Relation(**{**weak.__dict__, "rule": "strong", "confidence": 0.9}))
    [(u, v, _, data)] = list(kg.edges("USES"))
    assert (data["rule"], data["start"], data["end"], data["evidence"]) == ("strong", 7, 12, "We use GPT-2.")


@pytest.mark.parametrize(("head", "relation", "tail"), [
    ("Paper", "CITES", "Model"),
    ("Benchmark", "USES", "Model"),
    ("Paper", "COMPARES_WITH", "Dataset"),
    ("Paper", "LIKES", "Model"),
])
def test_schema_rejects_triples_it_does_not_allow(head, relation, tail):
    kg = KnowledgeGraph()
    ids = {}
    for label in {head, tail}:
        if label == "Paper":
            ids[label] = kg.add_paper(Paper(title="T", abstract="x", arxiv_id="2401.00001"))
        else:
            ids[label] = kg.add_entity(Entity(f"{label.lower()}:x", label, "X"))
    with pytest.raises(SchemaError):
        kg.add_relation(Relation(relation, ids[head], ids[tail], paper=ids.get("Paper", "")))


def test_schema_names_every_label_and_relation_from_the_design():
    assert set(NODE_LABELS) == {"Paper", "Model", "Method", "Dataset", "Benchmark", "Task", "Metric",
                                "Repository"}
    assert set(RELATION_TYPES) == {"PROPOSES", "USES", "EVALUATES_ON", "COMPARES_WITH", "ADDRESSES",
                                   "REPORTS", "MENTIONS", "HAS_CODE", "VARIANT_OF", "BASED_ON", "CITES"}
    assert allowed("Model", "VARIANT_OF", "Model") and label_of_id("repo:github.com/a/b") == "Repository"
