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


def graph_of_entities(*entities: Entity):
    """One paper per entity, each using it once."""
    papers, extractions = [], []
    for i, entity in enumerate(entities):
        paper = Paper(title=f"Paper {i}", abstract=f"We use {entity.name}.", arxiv_id=f"2402.{i:05d}")
        papers.append(paper)
        extractions.append(Extraction(paper.id, (entity,), (
            Relation("USES", paper.id, entity.id, paper=paper.id, start=7, end=7 + len(entity.name)),)))
    return graph_from(papers, extractions)


def test_one_acronym_spelled_out_differently_names_two_things():
    kg = graph_of_entities(Entity("method:chain-of-code", "Method", "Chain of Code", ("Chain of Code", "CoT")),
                           Entity("method:chain-of-thought", "Method", "chain-of-thought", ("CoT",)))
    assert sorted(n["name"] for n in kg.nodes("Method")) == ["Chain of Code", "chain-of-thought"]


@pytest.mark.parametrize("other", [
    Entity("model:zfn", "Model", "ZFN", ("ZFN",)),  # the acronym alone
    Entity("model:zorb-fast-net", "Model", "Zorb Fast Net", ("Zorb Fast Net", "ZFN")),  # the same long form
])
def test_an_acronym_unites_what_is_not_spelled_out_differently(other):
    kg = graph_of_entities(Entity("model:zorb-fast-net", "Model", "Zorb Fast Net", ("Zorb Fast Net", "ZFN")), other)
    assert len(list(kg.nodes("Model"))) == 1


def test_an_acronym_coined_for_a_known_thing_does_not_absorb_another_papers_name():
    # one paper writes "speculative decoding (ZPEED)"; another proposes its own ZPEED framework
    kg = graph_of_entities(
        Entity("method:speculative-decoding", "Method", "speculative decoding", ("speculative decoding", "ZPEED")),
        Entity("method:zpeed", "Method", "ZPEED", ("ZPEED",)))
    assert sorted(n["name"] for n in kg.nodes("Method")) == ["ZPEED", "speculative decoding"]
