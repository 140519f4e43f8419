"""Every question in docs/cypher.md runs on the embedded store and agrees with networkx."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperkg.graph.knowledge_graph import KnowledgeGraph
from paperkg.stores.embedded import EmbeddedStore, write_store
from tests.stores.conftest import MINI_PARAMS, mini_graph
from tests.stores.cypher_doc import EXPECTED, ORDER_BY, DocQuery, normalize_rows, parse_doc

QUESTIONS = parse_doc()


def check_answer(result, q: DocQuery, kg: KnowledgeGraph, params: dict) -> None:
    """Same rows as networkx (as a multiset), in the order the ORDER BY columns give."""
    expected = normalize_rows(EXPECTED[q.number](kg, params))
    got = normalize_rows(result.rows)
    assert sorted(got, key=repr) == sorted(expected, key=repr), q.title
    keys = [result.columns.index(c) for c in ORDER_BY[q.number]]
    assert [tuple(r[i] for i in keys) for r in got] == [tuple(r[i] for i in keys) for r in expected]


def test_cypher_doc_has_at_least_twelve_questions_with_parameters() -> None:
    assert len(QUESTIONS) >= 12
    assert [q.number for q in QUESTIONS] == list(range(1, len(QUESTIONS) + 1))
    assert {q.number for q in QUESTIONS} == set(EXPECTED) == set(ORDER_BY)
    for q in QUESTIONS:
        assert q.cypher.startswith("MATCH") and "RETURN" in q.cypher
        assert all(f"${name}" in q.cypher for name in q.params)


def test_cypher_doc_shows_an_answer_for_every_question() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "cypher.md").read_text()
    for q in QUESTIONS:
        assert f"<!-- answer {q.number} -->\nAnswer on the seed corpus" in text, q.title


@pytest.fixture(scope="module")
def mini_store(tmp_path_factory: pytest.TempPathFactory):
    kg = mini_graph()
    path = tmp_path_factory.mktemp("mini") / "kg.lbdb"
    write_store(kg, path)
    with EmbeddedStore(path) as store:
        yield kg, store


@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: f"q{q.number}")
def test_cypher_doc_query_matches_networkx_on_a_hand_made_graph(mini_store, q: DocQuery) -> None:
    kg, store = mini_store
    params = {**q.params, **MINI_PARAMS.get(q.number, {})}
    result = store.query(q.cypher, params)
    assert result.rows, f"question {q.number} has no answer on the hand-made graph"
    check_answer(result, q, kg, params)


@pytest.fixture(scope="module")
def seed_store(seed_graph: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("seed_store") / "kg.lbdb"
    write_store(seed_graph, path)
    with EmbeddedStore(path) as store:
        yield seed_graph, store


@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: f"q{q.number}")
def test_cypher_doc_query_matches_networkx_on_the_seed_graph(seed_store, q: DocQuery) -> None:
    kg, store = seed_store
    check_answer(store.query(q.cypher, q.params), q, kg, q.params)
