"""Hand-made graphs for the store tests: small, hostile, and shaped like the seed graph."""

from __future__ import annotations

import pytest

from paperkg.graph.knowledge_graph import KnowledgeGraph
from paperkg.records import Entity, Paper, Relation

HOSTILE = [
    "O'Brien's \"model\"",
    "back\\slash \\n \\\\ end\\",
    "brace } { }} {{",
    "line one\nline two\r\nline three",
    "MATCH (n) DETACH DELETE n; RETURN 1 //",
    "'}) RETURN 1 UNION MATCH (x) RETURN x //",
    "$param `tick` END WHERE CREATE",
    "unicode: naïve → λ 模型 🦙",
    "",
]


def mini_graph() -> KnowledgeGraph:
    """A graph that every question in docs/cypher.md has a non-empty answer on."""
    kg = KnowledgeGraph()
    papers = [
        kg.add_paper(
            Paper(
                title=f"Paper {c}",
                abstract=f"Abstract {c}.",
                arxiv_id=f"2401.0000{i}",
                authors=("A. Author", "B. Author"),
                sources=(f"seed.txt:{i}",),
            )
        )
        for i, c in enumerate("ABCDEF")
    ]
    a, b, c, d, e, f = papers
    ent = {
        "llama": kg.add_entity(Entity(id="model:llama", label="Model", name="LLaMA", family="LLaMA")),
        "llama2": kg.add_entity(
            Entity(
                id="model:llama-2-7b",
                label="Model",
                name="Llama-2-7B",
                aliases=("Llama-2-7B", "LLaMA 2 7B"),
                family="LLaMA",
                params="7B",
            )
        ),
        "gpt4": kg.add_entity(Entity(id="model:gpt-4", label="Model", name="GPT-4", family="GPT")),
        "mistral": kg.add_entity(
            Entity(
                id="model:mistral-7b",
                label="Model",
                name="Mistral-7B",
                family="Mistral",
                params="7B",
            )
        ),
        "gsm8k": kg.add_entity(Entity(id="benchmark:gsm8k", label="Benchmark", name="GSM8K")),
        "mmlu": kg.add_entity(Entity(id="benchmark:mmlu", label="Benchmark", name="MMLU")),
        "math": kg.add_entity(Entity(id="task:math", label="Task", name="math reasoning")),
        "lora": kg.add_entity(Entity(id="method:lora", label="Method", name="LoRA")),
        "acc": kg.add_entity(Entity(id="metric:accuracy", label="Metric", name="accuracy")),
        "repo": kg.add_entity(
            Entity(
                id="repo:github.com/x/y",
                label="Repository",
                name="x/y",
                url="https://github.com/x/y",
            )
        ),
    }

    def rel(kind: str, s: str, o: str, paper: str | None = None, start: int = 0, **props: object) -> None:
        paper = paper or s
        kg.add_relation(
            Relation(
                kind,
                s,
                o,
                paper=paper,
                evidence=f"{kind} sentence in {paper}.",
                start=start,
                end=start + 5,
                rule="test",
                confidence=0.9,
                properties=tuple(props.items()),
            )
        )

    rel("PROPOSES", a, ent["gsm8k"])
    rel("PROPOSES", b, ent["lora"])
    rel("PROPOSES", f, ent["mmlu"])
    rel("PROPOSES", e, ent["acc"])  # nobody else uses it
    for p, m in [
        (a, "llama2"),
        (a, "gpt4"),
        (b, "llama2"),
        (b, "mistral"),
        (c, "gpt4"),
        (c, "llama"),
        (d, "mistral"),
        (d, "lora"),
        (e, "llama2"),
        (e, "gpt4"),
    ]:
        rel("USES", p, ent[m])
    for p, bm in [(a, "gsm8k"), (b, "gsm8k"), (c, "gsm8k"), (c, "mmlu"), (d, "gsm8k"), (e, "mmlu")]:
        rel("EVALUATES_ON", p, ent[bm])
    rel("EVALUATES_ON", b, ent["gsm8k"], start=40)  # a second sentence saying it
    for p, m in [(b, "gpt4"), (c, "gpt4"), (d, "llama2"), (d, "gpt4")]:
        rel("COMPARES_WITH", p, ent[m])
    for p in (a, c, d):
        rel("ADDRESSES", p, ent["math"])
    rel("REPORTS", b, ent["gsm8k"], value=56.8, unit="%", metric="accuracy", subject="Llama-2-7B")
    rel(
        "REPORTS",
        c,
        ent["gsm8k"],
        start=9,
        value=92.0,
        unit="%",
        metric="accuracy",
        subject="GPT-4",
    )
    rel("REPORTS", d, ent["gsm8k"], start=3, value=56.8, unit="%", metric="accuracy", subject=None)
    rel("MENTIONS", e, ent["acc"])
    rel("HAS_CODE", b, ent["repo"])
    rel("VARIANT_OF", ent["llama2"], ent["llama"], paper=a)
    rel("BASED_ON", ent["lora"], ent["llama"], paper=b)
    for s, o in [(b, a), (c, b), (c, a), (d, c), (e, d), (e, a)]:
        rel("CITES", s, o, start=-1, via="proposed entity")
    return kg


@pytest.fixture()
def mini_kg() -> KnowledgeGraph:
    return mini_graph()


#: parameters for the questions that need real ids / names in the mini graph
MINI_PARAMS = {
    6: {"from": "paper:arxiv:2401.00004", "to": "paper:arxiv:2401.00000"},
    14: {"paper": "paper:arxiv:2401.00000"},
}
