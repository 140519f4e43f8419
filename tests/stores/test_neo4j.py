"""The Neo4j store: unit tests with a recording fake driver, and the same assertions as the
embedded store against a real server when NEO4J_URI is set (it must be a throwaway database:
these tests wipe it). Start one with `docker compose up -d` and
`NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... pytest tests/stores -m neo4j`.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from paperkg.errors import QueryError
from paperkg.graph.knowledge_graph import KnowledgeGraph
from paperkg.graph.schema import NODE_LABELS, RELATION_TYPES
from paperkg.records import Entity, Paper, Relation
from paperkg.stores import neo4j_queries
from paperkg.stores.cypher import count_label, count_type
from paperkg.stores.neo4j import Neo4jStore
from tests.stores.conftest import HOSTILE, MINI_PARAMS, mini_graph
from tests.stores.cypher_doc import parse_doc
from tests.stores.test_cypher_doc import check_answer


# ---------------------------------------------------------------------- a recording fake driver
class _Counters:
    def __init__(self, rows: int) -> None:
        self.nodes_created = self.relationships_created = self.properties_set = rows
        self.nodes_deleted = 0


class _Result:
    def __init__(self, rows: int = 0) -> None:
        self.rows = rows

    def consume(self) -> Any:
        return type("Summary", (), {"counters": _Counters(self.rows)})()

    def keys(self) -> list[str]:
        return ["n"]

    def __iter__(self):  # noqa: ANN204
        return iter([type("Record", (), {"values": lambda self: [0]})()])


class _FakeSession:
    def __init__(self, log: list) -> None:
        self.log = log

    def __enter__(self) -> _FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def run(self, cypher: str, params: dict | None = None) -> _Result:
        self.log.append(("run", cypher, params))
        return _Result()

    def execute_write(self, fn, *args):  # noqa: ANN001, ANN201
        tx = type("Tx", (), {"run": lambda _self, cypher, params: self._tx_run(cypher, params)})()
        return fn(tx, *args)

    def _tx_run(self, cypher: str, params: dict) -> _Result:
        self.log.append(("write", cypher, params))
        return _Result(len(params.get("rows") or []))


class _FakeDriver:
    def __init__(self) -> None:
        self.log: list = []

    def session(self, **kwargs: Any) -> _FakeSession:
        return _FakeSession(self.log)

    def verify_connectivity(self) -> None:
        pass

    def close(self) -> None:
        self.log.append(("close", "", None))


def test_neo4j_write_constraints_then_batched_merges_in_write_transactions() -> None:
    driver = _FakeDriver()
    kg = mini_graph()
    summary = Neo4jStore(driver=driver, batch_size=4).write(kg)
    runs = [c for kind, c, _ in driver.log if kind == "run" and c.startswith("CREATE CONSTRAINT")]
    assert runs == [neo4j_queries.constraint(label) for label in NODE_LABELS]
    writes = [(c, p) for kind, c, p in driver.log if kind == "write"]
    assert all(c.startswith("UNWIND $rows AS row") for c, _ in writes)
    assert all(1 <= len(p["rows"]) <= 4 for _, p in writes)
    sent_nodes = sum(len(p["rows"]) for c, p in writes if "MERGE (n:" in c)
    sent_rels = sum(len(p["rows"]) for c, p in writes if "MERGE (a)-[r:" in c)
    assert (sent_nodes, sent_rels) == (len(kg), kg.graph.number_of_edges())
    assert summary["nodes_deleted"] == 0 and summary["rows"] == sent_nodes + sent_rels
    assert not any("DETACH DELETE" in c for _, c, _ in driver.log)  # no wipe unless asked


def test_neo4j_rows_are_parameters_not_query_text() -> None:
    driver = _FakeDriver()
    kg = KnowledgeGraph()
    kg.add_entity(Entity(id="model:evil", label="Model", name=HOSTILE[4]))
    Neo4jStore(driver=driver).write(kg)
    assert not any(HOSTILE[4] in c for _, c, _ in driver.log)
    rows = [p["rows"] for kind, c, p in driver.log if kind == "write"]
    assert rows == [
        [
            {
                "id": "model:evil",
                "props": {
                    "label": "Model",
                    "name": HOSTILE[4],
                    "aliases": [HOSTILE[4]],
                    "family": "",
                    "params": "",
                },
            }
        ]
    ]


def test_neo4j_wipe_only_when_asked() -> None:
    driver = _FakeDriver()
    Neo4jStore(driver=driver).write(KnowledgeGraph(), wipe=True)
    assert any(c == neo4j_queries.DELETE_BATCH for _, c, _ in driver.log)


def test_neo4j_counts_ask_every_schema_label_and_type_with_the_shared_queries() -> None:
    driver = _FakeDriver()
    counts = Neo4jStore(driver=driver).counts()
    assert counts == {"nodes": dict.fromkeys(NODE_LABELS, 0), "relationships": dict.fromkeys(RELATION_TYPES, 0)}
    asked = [c for kind, c, _ in driver.log if kind == "run"]
    assert asked == [count_label(label) for label in NODE_LABELS] + [count_type(t) for t in RELATION_TYPES]


# ---------------------------------------------------------------------- a real server
needs_neo4j = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"),
    reason="NEO4J_URI is not set (start Neo4j with `docker compose up -d`)",
)


@pytest.fixture()
def live() -> Neo4jStore:
    store = Neo4jStore()
    yield store
    store.close()


def _expected_counts(kg: KnowledgeGraph) -> dict:
    return {
        "nodes": {label: kg.counts_by_label().get(label, 0) for label in NODE_LABELS},
        "relationships": {t: kg.counts_by_type().get(t, 0) for t in RELATION_TYPES},
    }


@pytest.mark.neo4j
@needs_neo4j
def test_neo4j_counts_equal_networkx_and_push_is_idempotent(live: Neo4jStore) -> None:
    kg = mini_graph()
    first = live.write(kg, wipe=True)
    assert {k: first[k] for k in ("nodes", "relationships")} == _expected_counts(kg)
    assert first["nodes_created"] == len(kg)
    again = live.write(kg)
    assert again["nodes_created"] == 0 and again["relationships_created"] == 0
    assert {k: again[k] for k in ("nodes", "relationships")} == _expected_counts(kg)
    pid = kg.add_paper(Paper(title="A grown graph", abstract="x", arxiv_id="2402.00001"))
    kg.add_relation(Relation("USES", pid, "model:gpt-4", paper=pid, start=1, end=2))
    grown = live.write(kg)
    assert grown["nodes_created"] == 1 and grown["relationships_created"] == 1
    assert {k: grown[k] for k in ("nodes", "relationships")} == _expected_counts(kg)


@pytest.mark.neo4j
@needs_neo4j
@pytest.mark.parametrize("q", parse_doc(), ids=lambda q: f"q{q.number}")
def test_neo4j_cypher_doc_query_matches_networkx(live: Neo4jStore, q) -> None:
    kg = mini_graph()
    if live.counts() != _expected_counts(kg):
        live.write(kg, wipe=True)
    params = {**q.params, **MINI_PARAMS.get(q.number, {})}
    check_answer(live.query(q.cypher, params), q, kg, params)


@pytest.mark.neo4j
@needs_neo4j
def test_neo4j_cypher_doc_queries_match_networkx_on_the_seed_graph(
    live: Neo4jStore, seed_graph: KnowledgeGraph
) -> None:
    live.write(seed_graph, wipe=True)
    assert {k: v for k, v in live.counts().items()} == _expected_counts(seed_graph)
    for q in parse_doc():
        check_answer(live.query(q.cypher, q.params), q, seed_graph, q.params)


@pytest.mark.neo4j
@needs_neo4j
def test_neo4j_hostile_names_round_trip(live: Neo4jStore) -> None:
    kg = KnowledgeGraph()
    for i, name in enumerate(HOSTILE):
        kg.add_entity(Entity(id=f"model:hostile-{i}", label="Model", name=name, aliases=(name,)))
    live.write(kg, wipe=True)
    for name in HOSTILE:
        rows = live.query(
            "MATCH (m:Model) WHERE m.name = $name AND $name IN m.aliases RETURN m.name AS name",
            {"name": name},
        ).rows
        assert rows == [(name,)]


@pytest.mark.neo4j
@needs_neo4j
def test_neo4j_bad_query_raises_query_error(live: Neo4jStore) -> None:
    with pytest.raises(QueryError, match="^Neo4j: "):
        live.query("MATCH (p:Paper RETURN p")
