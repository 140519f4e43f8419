"""Citation inference on small hand-made corpora: each way of finding one, and what must not cite."""

from __future__ import annotations

import pytest

from paperkg.graph.build import graph_from
from paperkg.graph.citations import via_kind
from paperkg.records import Entity, Extraction, Paper, Relation

TINY = Entity("model:tinyllama", "Model", "TinyLlama", ("TinyLlama",))
A = Paper(title="TinyLlama: An Open-Source Small Language Model", abstract="We present TinyLlama.",
          arxiv_id="2401.02385")


def rel(kind: str, paper: Paper, entity: Entity, start: int = 0) -> Relation:
    return Relation(kind, paper.id, entity.id, paper=paper.id, evidence=paper.abstract, start=start,
                    end=start + len(entity.name), rule="test", confidence=0.9)


def cites(kg) -> list[tuple[str, str, str]]:
    return sorted((u, v, d["via"]) for u, v, _, d in kg.edges("CITES"))


def test_paper_using_an_entity_another_paper_proposes_cites_it():
    b = Paper(title="B", abstract="We continue pre-training TinyLlama on code.", arxiv_id="2402.00001")
    kg = graph_from([A, b], [Extraction(A.id, (TINY,), (rel("PROPOSES", A, TINY, 11),)),
                             Extraction(b.id, (TINY,), (rel("USES", b, TINY, 25),))])
    assert cites(kg) == [(b.id, A.id, "model:tinyllama")]
    [(_, _, _, edge)] = list(kg.edges("CITES"))
    assert edge["evidence"] == b.abstract and edge["start"] == 25 and edge["rule"] == "citation.entity"


@pytest.mark.parametrize("kind", ["COMPARES_WITH", "MENTIONS", "USES"])
def test_each_engaging_relation_makes_a_citation(kind):
    b = Paper(title="B", abstract="TinyLlama is a baseline here.", arxiv_id="2402.00001")
    kg = graph_from([A, b], [Extraction(A.id, (TINY,), (rel("PROPOSES", A, TINY),)),
                             Extraction(b.id, (TINY,), (rel(kind, b, TINY),))])
    assert [via for _, _, via in cites(kg)] == ["model:tinyllama"]


def test_entity_proposed_by_two_papers_makes_no_citation():
    b = Paper(title="B", abstract="We also propose TinyLlama.", arxiv_id="2402.00001")
    c = Paper(title="C", abstract="We use TinyLlama.", arxiv_id="2403.00001")
    kg = graph_from([A, b, c], [Extraction(A.id, (TINY,), (rel("PROPOSES", A, TINY),)),
                                Extraction(b.id, (TINY,), (rel("PROPOSES", b, TINY),)),
                                Extraction(c.id, (TINY,), (rel("USES", c, TINY),))])
    assert cites(kg) == []


def test_no_self_citation_and_tasks_never_cite():
    task = Entity("task:math-reasoning", "Task", "math reasoning")
    b = Paper(title="B", abstract="We study math reasoning.", arxiv_id="2402.00001")
    kg = graph_from([A, b], [
        Extraction(A.id, (TINY, task), (rel("PROPOSES", A, TINY), rel("USES", A, TINY),
                                        rel("PROPOSES", A, task))),
        Extraction(b.id, (task,), (rel("ADDRESSES", b, task),))])
    assert cites(kg) == []


def test_arxiv_id_and_doi_in_an_abstract():
    b = Paper(title="B", abstract="We build on arXiv:2401.02385v2 and on 10.1000/xyz.123.", arxiv_id="2402.00001")
    c = Paper(title="C", abstract="A paper with a DOI.", doi="10.1000/xyz.123")
    kg = graph_from([A, b, c], [])
    assert cites(kg) == sorted([(b.id, A.id, "arxiv_id"), (b.id, c.id, "doi")])


def test_exact_title_in_an_abstract():
    b = Paper(title="B", abstract="Unlike tinyllama: an open-source small language model, we train longer.",
              arxiv_id="2402.00001")
    short = Paper(title="Small Models", abstract="Small models are everywhere.", arxiv_id="2403.00001")
    kg = graph_from([A, b, short], [])
    assert cites(kg) == [(b.id, A.id, "title")]  # a short title is too generic to cite by


def test_metadata_references_link_corpus_papers_and_make_external_stubs():
    b = Paper(title="B", abstract="Text.", openalex_id="W2", references=("openalex:W1", "openalex:W9"))
    a = Paper(title="A", abstract="Other text.", openalex_id="W1")
    kg = graph_from([a, b], [])
    assert cites(kg) == sorted([(b.id, a.id, "metadata"), (b.id, "paper:openalex:W9", "metadata")])
    stub = kg.node("paper:openalex:W9")
    assert stub["external"] is True and stub["label"] == "Paper" and stub["url"].endswith("W9")


def test_via_kind_groups_entity_ids():
    assert [via_kind(v) for v in ("metadata", "title", "benchmark:gsm8k")] == ["metadata", "title", "entity"]


@pytest.mark.parametrize(("owner_title", "entity", "cites_expected"), [
    ("TinyLlama: An Open-Source Small Language Model", TINY, True),           # named after it
    ("Small Models Everywhere", Entity("model:foonet", "Model", "FooNet"), True),  # a new name
    ("Small Models Everywhere", Entity("method:speed", "Method", "speed"), False),  # not name-shaped
    ("Small Models Everywhere", Entity("model:gpt-2", "Model", "GPT-2"), False),  # well known, not theirs
    ("FooNet: A Survey of Small Models", Entity("model:foonet", "Model", "FooNet"), False),  # surveys own nothing
])
def test_only_the_paper_that_owns_a_name_is_cited_through_it(owner_title, entity, cites_expected):
    owner = Paper(title=owner_title, abstract="We propose it.", arxiv_id="2401.00009")
    user = Paper(title="User", abstract="We use it.", arxiv_id="2402.00009")
    kg = graph_from([owner, user], [Extraction(owner.id, (entity,), (rel("PROPOSES", owner, entity),)),
                                    Extraction(user.id, (entity,), (rel("USES", user, entity),))])
    assert bool(cites(kg)) is cites_expected


def test_using_a_sized_variant_cites_the_family_s_paper():
    family = Entity("model:mobilellm", "Model", "MobileLLM", ("MobileLLM",))
    variant = Entity("model:mobilellm-125m", "Model", "MobileLLM-125M", ("MobileLLM-125M",),
                     family="MobileLLM", params="125M")
    owner = Paper(title="MobileLLM: Optimizing Small Models", abstract="We propose MobileLLM.", arxiv_id="2402.14905")
    user = Paper(title="Pruner", abstract="We restore MobileLLM-125M.", arxiv_id="2501.00001")
    link = Relation("VARIANT_OF", variant.id, family.id, paper=user.id, evidence=user.abstract, start=11, end=25)
    kg = graph_from([owner, user], [Extraction(owner.id, (family,), (rel("PROPOSES", owner, family, 11),)),
                                    Extraction(user.id, (family, variant), (rel("MENTIONS", user, variant, 11), link))])
    assert cites(kg) == [(user.id, owner.id, "model:mobilellm")]
