"""Entity resolution across papers: what must merge and what must stay apart."""

from __future__ import annotations

import pytest

from paperkg.graph.build import graph_from
from paperkg.graph.resolve import merge_key
from paperkg.records import Entity, Extraction, Paper, Relation


def graph_of(*mentions: tuple[str, str, str]):
    """One paper per (entity id, label, surface) mention."""
    papers, extractions = [], []
    for i, (eid, label, surface) in enumerate(mentions):
        paper = Paper(title=f"Paper {i}", abstract=f"We use {surface}.", arxiv_id=f"2401.{i:05d}")
        entity = Entity(eid, label, surface, (surface,))
        papers.append(paper)
        extractions.append(Extraction(paper.id, (entity,), (
            Relation("USES", paper.id, eid, paper=paper.id, start=7, end=7 + len(surface)),)))
    return graph_from(papers, extractions)


@pytest.mark.parametrize("forms", [
    [("model:llama-2", "Model", "Llama 2"), ("model:llama2", "Model", "LLaMA2"), ("model:llama-2", "Model", "Llama-2")],
    [("method:lora", "Method", "LoRA"), ("method:loras", "Method", "LoRAs")],
    [("benchmark:gsm8k", "Benchmark", "GSM8K"), ("dataset:gsm8k", "Dataset", "gsm8k"),
     ("benchmark:gsm8k", "Benchmark", "GSM8K")],
    [("model:mamba", "Model", "Mamba"), ("method:mamba", "Method", "Mamba"), ("model:mamba", "Model", "Mamba")],
])
def test_written_differently_becomes_one_node_with_all_aliases(forms):
    kg = graph_of(*forms)
    entities = [n for n in kg.nodes() if n["label"] != "Paper"]
    assert len(entities) == 1
    assert {surface for _, _, surface in forms} <= set(entities[0]["aliases"])
    assert len(list(kg.edges("USES"))) == len(forms)


@pytest.mark.parametrize(("a", "b"), [
    ("GPT-2", "GPT-3"), ("T5", "mT5"), ("BERT", "RoBERTa"), ("Phi-2", "Phi-3"), ("Llama 2", "Llama 3"),
])
def test_different_things_stay_apart(a, b):
    kg = graph_of((f"model:{a.lower()}", "Model", a), (f"model:{b.lower()}", "Model", b))
    assert len([n for n in kg.nodes("Model")]) == 2
    assert merge_key(a) != merge_key(b)


def test_a_task_and_a_benchmark_with_one_name_stay_apart():
    kg = graph_of(("benchmark:math", "Benchmark", "MATH"), ("task:math", "Task", "math"))
    assert sorted(n["label"] for n in kg.nodes() if n["label"] != "Paper") == ["Benchmark", "Task"]
