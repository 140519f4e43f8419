"""The embedded LadybugDB store, for real: schema, counts, round trips, errors, atomic rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperkg.errors import QueryError, StoreError
from paperkg.graph.knowledge_graph import KnowledgeGraph
from paperkg.graph.schema import NODE_LABELS, RELATION_TYPES
from paperkg.records import Entity, Paper, Relation
from paperkg.stores import embedded_queries
from paperkg.stores.embedded import EmbeddedStore, run_query, write_store
from tests.stores.conftest import HOSTILE, mini_graph


def _assert_counts_match(kg: KnowledgeGraph, counts: dict) -> None:
    assert counts["nodes"] == {label: kg.counts_by_label().get(label, 0) for label in NODE_LABELS}
    assert counts["relationships"] == {t: kg.counts_by_type().get(t, 0) for t in RELATION_TYPES}


def test_embedded_counts_equal_networkx(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    counts = write_store(mini_kg, tmp_path / "kg.lbdb")
    _assert_counts_match(mini_kg, counts)
    with EmbeddedStore(tmp_path / "kg.lbdb") as store:
        _assert_counts_match(mini_kg, store.counts())


def test_embedded_counts_equal_networkx_on_seed(seed_graph: KnowledgeGraph, tmp_path: Path) -> None:
    counts = write_store(seed_graph, tmp_path / "kg.lbdb")
    _assert_counts_match(seed_graph, counts)


def test_embedded_schema_tables_generated_from_schema(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    write_store(mini_kg, tmp_path / "kg.lbdb")
    tables = set(run_query(tmp_path / "kg.lbdb", embedded_queries.LIST_TABLES).column("name"))
    assert tables == set(NODE_LABELS) | set(RELATION_TYPES)


def test_embedded_properties_keep_their_types(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    write_store(mini_kg, tmp_path / "kg.lbdb")
    row = run_query(
        tmp_path / "kg.lbdb",
        "MATCH (p:Paper)-[r:REPORTS]->(b:Benchmark) WHERE r.subject = $s "
        "RETURN p.authors AS authors, p.external AS ext, r.value AS value, r.start AS start, "
        "r.`end` AS e, r.confidence AS conf, r.key AS key, r.type AS type, b.label AS label",
        {"s": "GPT-4"},
    ).to_dicts()[0]
    assert row == {
        "authors": ["A. Author", "B. Author"],
        "ext": False,
        "value": 92.0,
        "start": 9,
        "e": 14,
        "conf": 0.9,
        "type": "REPORTS",
        "label": "Benchmark",
        "key": "REPORTS|paper:arxiv:2401.00002|abstract|9|14",
    }


def test_embedded_multi_edges_between_the_same_nodes_are_kept(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    write_store(mini_kg, tmp_path / "kg.lbdb")
    result = run_query(
        tmp_path / "kg.lbdb",
        "MATCH (p:Paper {id: $id})-[r:EVALUATES_ON]->(b:Benchmark) RETURN r.start AS s ORDER BY s",
        {"id": "paper:arxiv:2401.00001"},
    )
    assert result.column("s") == [0, 40]


@pytest.mark.parametrize("name", HOSTILE)
def test_embedded_hostile_names_round_trip(name: str, tmp_path: Path) -> None:
    kg = KnowledgeGraph()
    pid = kg.add_paper(Paper(title=name or "untitled", abstract=name, arxiv_id="2401.99999", authors=(name,)))
    eid = kg.add_entity(Entity(id="model:hostile", label="Model", name=name, aliases=(name, "x")))
    kg.add_relation(Relation("USES", pid, eid, paper=pid, evidence=name, rule=name))
    write_store(kg, tmp_path / "kg.lbdb")
    result = run_query(
        tmp_path / "kg.lbdb",
        "MATCH (p:Paper)-[r:USES]->(m:Model) WHERE m.name = $name AND $name IN m.aliases "
        "RETURN m.name AS name, m.aliases AS aliases, r.evidence AS evidence, "
        "p.abstract AS abstract, p.authors AS authors",
        {"name": name},
    )
    assert result.rows == [(name, [name, "x"], name, name, [name])]


def test_embedded_bad_query_raises_query_error_with_the_database_message(
    mini_kg: KnowledgeGraph, tmp_path: Path
) -> None:
    write_store(mini_kg, tmp_path / "kg.lbdb")
    with pytest.raises(QueryError, match=r"^LadybugDB: Parser exception"):
        run_query(tmp_path / "kg.lbdb", "MATCH (p:Paper RETURN p")
    with pytest.raises(QueryError, match="NoSuchLabel|does not exist"):
        run_query(tmp_path / "kg.lbdb", "MATCH (p:NoSuchLabel) RETURN p")


def test_embedded_missing_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="paperkg build"):
        run_query(tmp_path / "nothing.lbdb", "RETURN 1 AS one")


def test_embedded_rebuild_replaces_the_store(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "kg.lbdb"
    write_store(mini_kg, path)
    reader = EmbeddedStore(path)
    assert reader.query("MATCH (p:Paper) RETURN count(p) AS n").rows == [(6,)]
    small = KnowledgeGraph()
    small.add_paper(Paper(title="Only", abstract="x"))
    write_store(small, path)  # while a reader is open
    reader.close()
    assert run_query(path, "MATCH (p:Paper) RETURN count(p) AS n").rows == [(1,)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.lbdb"]


def test_embedded_failed_build_keeps_the_old_store(
    mini_kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kg.lbdb"
    write_store(mini_kg, path)
    before = path.read_bytes()
    monkeypatch.setattr(embedded_queries, "copy_rel", lambda *a: "COPY NoSuchTable FROM $rows")
    with pytest.raises(StoreError, match="the embedded store failed"):
        write_store(mini_graph(), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.lbdb"]  # no temp files left
    assert run_query(path, "MATCH (p:Paper) RETURN count(p) AS n").rows == [(6,)]


def test_embedded_bad_value_fails_before_touching_the_store(tmp_path: Path) -> None:
    kg = mini_graph()
    u, v, k = next((u, v, k) for u, v, k, d in kg.edges("REPORTS"))
    kg.graph.edges[u, v, k]["value"] = "about 86%"
    with pytest.raises(StoreError, match="'value'.*DOUBLE"):
        write_store(kg, tmp_path / "kg.lbdb")
    assert list(tmp_path.iterdir()) == []


def test_embedded_first_build_into_a_new_directory(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    counts = write_store(mini_kg, tmp_path / "new" / "dir" / "kg.lbdb")
    assert counts["rows"] == len(mini_kg) + mini_kg.graph.number_of_edges()


def test_kg_cypher_writes_a_temp_store_once_and_refreshes_after_changes(
    mini_kg: KnowledgeGraph,
) -> None:
    query = "MATCH (m:Model) RETURN count(m) AS n"
    assert mini_kg.cypher(query).rows == [(4,)]
    first = mini_kg._temp_store[0]
    assert mini_kg.cypher(query).rows == [(4,)] and mini_kg._temp_store[0] == first
    mini_kg.add_entity(Entity(id="model:new", label="Model", name="New"))
    assert mini_kg.cypher(query).rows == [(5,)]
    assert mini_kg.cypher("MATCH (m:Model) WHERE m.name = $query RETURN m.id AS id", query="New").rows == [
        ("model:new",)
    ]


def test_kg_cypher_uses_the_loaded_store(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    import paperkg

    mini_kg.save(tmp_path)
    write_store(mini_kg, tmp_path / "kg.lbdb")
    kg = paperkg.load(tmp_path)
    assert kg.store_path == tmp_path / "kg.lbdb"
    assert kg.cypher("MATCH (p:Paper) RETURN count(p) AS n").rows == [(6,)]
    assert getattr(kg, "_temp_store", None) is None
