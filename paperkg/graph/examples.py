"""A tiny hand-made graph for docstring examples and quick experiments.

>>> kg = example_graph()
>>> sorted(kg.counts_by_label().items())
[('Benchmark', 1), ('Model', 3), ('Paper', 3)]
"""

from __future__ import annotations

from paperkg.graph.knowledge_graph import KnowledgeGraph
from paperkg.records import Entity, Paper, Relation

__all__ = ["example_graph"]


def example_graph() -> KnowledgeGraph:
    """Three papers: A proposes TinyLlama (a LLaMA variant); B uses it on GSM8K; C compares with LLaMA."""
    kg = KnowledgeGraph()
    a = Paper(title="TinyLlama: An Open-Source Small Language Model",
              abstract="We present TinyLlama, a compact model built on Llama 2.", arxiv_id="2401.02385")
    b = Paper(title="Math Tuning for Small Models",
              abstract="We fine-tune TinyLlama and reach 40% on GSM8K.", arxiv_id="2402.00001")
    c = Paper(title="A Study of Scale", abstract="Our model outperforms LLaMA on GSM8K.",
              arxiv_id="2403.00002")
    for paper in (a, b, c):
        kg.add_paper(paper)
    kg.add_entity(Entity("model:llama", "Model", "LLaMA", ("LLaMA", "Llama")))
    kg.add_entity(Entity("model:llama-2", "Model", "Llama 2", ("Llama 2", "LLaMA-2"), family="LLaMA"))
    kg.add_entity(Entity("model:tinyllama", "Model", "TinyLlama", ("TinyLlama",), family="LLaMA"))
    kg.add_entity(Entity("benchmark:gsm8k", "Benchmark", "GSM8K", ("GSM8K",)))
    rel = [
        Relation("PROPOSES", a.id, "model:tinyllama", paper=a.id, evidence=a.abstract, start=11, end=20,
                 rule="definition", confidence=0.9),
        Relation("USES", a.id, "model:llama-2", paper=a.id, evidence=a.abstract, start=47, end=54,
                 rule="built_on", confidence=0.8),
        Relation("BASED_ON", "model:tinyllama", "model:llama-2", paper=a.id, evidence=a.abstract,
                 start=47, end=54, rule="built_on", confidence=0.8),
        Relation("VARIANT_OF", "model:llama-2", "model:llama", paper="", rule="normalize", section=""),
        Relation("USES", b.id, "model:tinyllama", paper=b.id, evidence=b.abstract, start=13, end=22,
                 rule="use_verb", confidence=0.8),
        Relation("EVALUATES_ON", b.id, "benchmark:gsm8k", paper=b.id, evidence=b.abstract, start=39,
                 end=44, rule="result", confidence=0.9),
        Relation("REPORTS", b.id, "benchmark:gsm8k", paper=b.id, evidence=b.abstract, start=32, end=44,
                 rule="result", confidence=0.9,
                 properties=(("value", 40.0), ("unit", "%"), ("metric", ""), ("subject", "TinyLlama"))),
        Relation("COMPARES_WITH", c.id, "model:llama", paper=c.id, evidence=c.abstract, start=26,
                 end=31, rule="outperforms", confidence=0.8),
        Relation("EVALUATES_ON", c.id, "benchmark:gsm8k", paper=c.id, evidence=c.abstract, start=35,
                 end=40, rule="on_benchmark", confidence=0.7),
        Relation("CITES", b.id, a.id, paper=b.id, evidence=b.abstract, start=13, end=22,
                 rule="citation.entity", confidence=0.64, properties=(("via", "model:tinyllama"),)),
    ]
    for relation in rel:
        kg.add_relation(relation)
    return kg
