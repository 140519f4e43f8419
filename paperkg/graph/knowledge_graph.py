"""KnowledgeGraph: a typed view over a networkx MultiDiGraph of papers and entities.

Nodes are keyed by stable ids and carry ``label``, ``name``, ``aliases`` and their label's
properties; edges carry ``type`` and provenance (``paper``, ``evidence``, ``start``, ``end``,
``rule``, ``confidence``). Adding a node that exists merges it; adding an edge that exists
(same type, paper and offsets) keeps the more confident one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from paperkg.graph import schema
from paperkg.records import Entity, Paper, Relation

__all__ = ["KnowledgeGraph"]


def _edge_key(relation: Relation) -> str:
    return f"{relation.type}|{relation.paper}|{relation.section}|{relation.start}|{relation.end}"


class KnowledgeGraph:
    """Papers, entities and typed relations with provenance.

    >>> kg = KnowledgeGraph()
    >>> kg.add_paper(Paper(title="GLiNER", abstract="We introduce GLiNER.", arxiv_id="2311.08526"))
    'paper:arxiv:2311.08526'
    >>> kg.add_entity(Entity(id="model:gliner", label="Model", name="GLiNER", aliases=("GLiNER",)))
    'model:gliner'
    >>> _ = kg.add_relation(Relation("PROPOSES", "paper:arxiv:2311.08526", "model:gliner",
    ...                              paper="paper:arxiv:2311.08526", evidence="We introduce GLiNER.",
    ...                              start=13, end=19, rule="definition"))
    >>> kg.counts_by_label()["Model"], kg.counts_by_type()["PROPOSES"]
    (1, 1)
    """

    def __init__(self, graph: nx.MultiDiGraph | None = None, *, store_path: Path | None = None):
        self.graph: nx.MultiDiGraph = graph if graph is not None else nx.MultiDiGraph()
        #: where this graph's embedded Cypher store lives, if it has one (set by load/build)
        self.store_path: Path | None = store_path

    # ------------------------------------------------------------------ building
    def add_paper(self, paper: Paper) -> str:
        """Add or merge a Paper node; returns its id."""
        props: dict[str, Any] = {
            "label": "Paper",
            "name": paper.title or (paper.arxiv_id or paper.id),
            "title": paper.title or "",
            "abstract": paper.abstract,
            "arxiv_id": paper.arxiv_id or "",
            "doi": paper.doi or "",
            "url": paper.url or (f"https://arxiv.org/abs/{paper.arxiv_id}" if paper.arxiv_id else ""),
            "published": paper.published or "",
            "authors": list(paper.authors),
            "categories": list(paper.categories),
            "sources": list(paper.sources),
            "external": paper.external,
            "aliases": [],
        }
        self._merge_node(paper.id, props)
        return paper.id

    def add_entity(self, entity: Entity) -> str:
        """Add or merge an entity node (aliases are united); returns its id."""
        schema.check_label(entity.label)
        props: dict[str, Any] = {
            "label": entity.label,
            "name": entity.name,
            "aliases": list(dict.fromkeys(entity.aliases or (entity.name,))),
        }
        if entity.label == "Model":
            props["family"] = entity.family or ""
            props["params"] = entity.params or ""
        if entity.label == "Repository":
            props["url"] = entity.url or ""
            props["host"] = _host(entity.url or "")
        self._merge_node(entity.id, props)
        return entity.id

    def _merge_node(self, node_id: str, props: dict[str, Any]) -> None:
        if node_id not in self.graph:
            self.graph.add_node(node_id, id=node_id, **props)
            return
        data = self.graph.nodes[node_id]
        for key, value in props.items():
            old = data.get(key)
            if isinstance(value, list):
                data[key] = list(dict.fromkeys(list(old or []) + value))
            elif key == "external":
                data[key] = bool(old) and bool(value)
            elif not old and value:
                data[key] = value

    def add_relation(self, relation: Relation) -> str:
        """Add a typed edge between two existing nodes; checks the triple against the schema."""
        head = self.graph.nodes[relation.source]["label"]
        tail = self.graph.nodes[relation.target]["label"]
        schema.check_relation(head, relation.type, tail)
        key = _edge_key(relation)
        attrs: dict[str, Any] = {
            "type": relation.type,
            "paper": relation.paper,
            "evidence": relation.evidence,
            "start": relation.start,
            "end": relation.end,
            "rule": relation.rule,
            "confidence": float(relation.confidence),
            "section": relation.section,
            **relation.props,
        }
        existing = self.graph.get_edge_data(relation.source, relation.target, key)
        if existing is None or existing.get("confidence", 0) < attrs["confidence"]:
            self.graph.add_edge(relation.source, relation.target, key=key, **attrs)
        return key

    # ------------------------------------------------------------------ reading
    def node(self, node_id: str) -> dict[str, Any]:
        """The attributes of one node (raises KeyError if absent)."""
        return self.graph.nodes[node_id]

    def nodes(self, label: str | None = None) -> Iterator[dict[str, Any]]:
        """Node attribute dicts, optionally of one label, in insertion order."""
        for _, data in self.graph.nodes(data=True):
            if label is None or data.get("label") == label:
                yield data

    def edges(self, type: str | None = None) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """``(source, target, key, attrs)`` for every edge, optionally of one relation type."""
        for u, v, k, data in self.graph.edges(keys=True, data=True):
            if type is None or data.get("type") == type:
                yield u, v, k, data

    def counts_by_label(self) -> Counter[str]:
        return Counter(data["label"] for _, data in self.graph.nodes(data=True))

    def counts_by_type(self) -> Counter[str]:
        return Counter(data["type"] for _, _, data in self.graph.edges(data=True))

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.graph

    def __repr__(self) -> str:
        return (f"<KnowledgeGraph {self.graph.number_of_nodes()} nodes, "
                f"{self.graph.number_of_edges()} edges>")

    def to_networkx(self) -> nx.MultiDiGraph:
        """The underlying networkx MultiDiGraph (a copy, safe to change)."""
        return self.graph.copy()

    def to_html(self, path: str | Path, **options: Any) -> Any:
        """Write a self-contained HTML view; options as :func:`paperkg.graph.visualize.render_view`
        (``focus``, ``depth``, ``types``, ``paper``, ``max_nodes``). Returns its ViewStats."""
        from paperkg.graph.visualize import render_view

        return render_view(self, path, **options)

    @classmethod
    def from_networkx(cls, graph: nx.MultiDiGraph) -> KnowledgeGraph:
        return cls(graph)

    def merge(self, others: Iterable[KnowledgeGraph]) -> KnowledgeGraph:
        for other in others:
            for node_id, data in other.graph.nodes(data=True):
                props = {k: v for k, v in data.items() if k != "id"}
                self._merge_node(node_id, props)
            self.graph.add_edges_from(other.graph.edges(keys=True, data=True))
        return self

    # ------------------------------------------------------------------ questions (graph.api)
    def entity(self, name: str, *, label: str | None = None) -> dict[str, Any]:
        """The node an id, name or alias names; fuzzy suggestions when misspelled.

        >>> from paperkg.graph.examples import example_graph
        >>> example_graph().entity("llama 2")["id"]
        'model:llama-2'
        """
        from paperkg.graph import api

        return api.entity(self, name, label=label)

    def papers(self, *, using: str | None = None, proposing: str | None = None,
               evaluated_on: str | None = None, compared_with: str | None = None
               ) -> list[dict[str, Any]]:
        """Papers matching every filter; a family name also matches its variants.

        >>> from paperkg.graph.examples import example_graph
        >>> [p["arxiv_id"] for p in example_graph().papers(proposing="TinyLlama")]
        ['2401.02385']
        """
        from paperkg.graph import api

        return api.papers(self, using=using, proposing=proposing, evaluated_on=evaluated_on,
                          compared_with=compared_with)

    def neighbors(self, name: str, *, type: str | None = None, direction: str = "both"
                  ) -> list[tuple[str, str, dict[str, Any]]]:
        """``(relation, "in"|"out", node)`` for nodes linked to ``name``.

        >>> from paperkg.graph.examples import example_graph
        >>> [n["name"] for _, _, n in example_graph().neighbors("TinyLlama", type="BASED_ON")]
        ['Llama 2']
        """
        from paperkg.graph import api

        return api.neighbors(self, name, type=type, direction=direction)

    def top(self, label: str, n: int = 10) -> list[tuple[str, int]]:
        """The ``n`` entities of ``label`` linked from the most papers.

        >>> from paperkg.graph.examples import example_graph
        >>> example_graph().top("Model", 1)
        [('TinyLlama', 2)]
        """
        from paperkg.graph import api

        return api.top(self, label, n)

    def path(self, a: str, b: str) -> list[str]:
        """Names along a shortest path between two nodes (edge direction ignored).

        >>> from paperkg.graph.examples import example_graph
        >>> example_graph().path("Llama 2", "TinyLlama")
        ['Llama 2', 'TinyLlama']
        """
        from paperkg.graph import api

        return api.path(self, a, b)

    def cites(self, paper: str) -> list[dict[str, Any]]:
        """Papers that ``paper`` cites (with ``via``).

        >>> from paperkg.graph.examples import example_graph
        >>> [p["arxiv_id"] for p in example_graph().cites("2402.00001")]
        ['2401.02385']
        """
        from paperkg.graph import api

        return api.cites(self, paper)

    def cited_by(self, paper: str) -> list[dict[str, Any]]:
        """Papers that cite ``paper`` (with ``via``).

        >>> from paperkg.graph.examples import example_graph
        >>> [p["arxiv_id"] for p in example_graph().cited_by("2401.02385")]
        ['2402.00001']
        """
        from paperkg.graph import api

        return api.cited_by(self, paper)

    def co_usage(self, label_a: str, label_b: str):  # noqa: ANN201 - pandas DataFrame
        """Which entities of ``label_a`` go with which of ``label_b`` in the same papers.

        >>> from paperkg.graph.examples import example_graph
        >>> int(example_graph().co_usage("Model", "Benchmark")["papers"].sum())
        2
        """
        from paperkg.graph import api

        return api.co_usage(self, label_a, label_b)

    def subgraph(self, names: str | Iterable[str], depth: int = 1) -> KnowledgeGraph:
        """The nodes within ``depth`` hops of the named ones, with their edges.

        >>> from paperkg.graph.examples import example_graph
        >>> sorted(example_graph().subgraph("Llama 2").counts_by_label().items())
        [('Model', 3), ('Paper', 1)]
        """
        from paperkg.graph import api

        return api.subgraph(self, names, depth)

    def to_pandas(self):  # noqa: ANN201 - (DataFrame, DataFrame)
        """``(nodes, edges)`` as pandas DataFrames.

        >>> from paperkg.graph.examples import example_graph
        >>> [len(frame) for frame in example_graph().to_pandas()]
        [7, 10]
        """
        from paperkg.graph import api

        return api.to_pandas(self)

    # ------------------------------------------------------------------ cypher
    def cypher(self, query: str, /, **params: Any) -> Any:
        """Run Cypher on this graph's embedded store; returns a QueryResult (columns, rows).

        Uses the store written next to graph.json when the graph was loaded with
        ``paperkg.load``; otherwise writes a temporary store once (again only if the graph has
        changed size since). A bad query raises QueryError.

        >>> kg = KnowledgeGraph()
        >>> _ = kg.add_entity(Entity(id="task:qa", label="Task", name="QA"))
        >>> kg.cypher("MATCH (t:Task) WHERE t.name = $name RETURN t.id AS id", name="QA").rows
        [('task:qa',)]
        """
        from paperkg.stores.embedded import run_query

        return run_query(self._cypher_store(), query, params)

    def _cypher_store(self) -> Path:
        if self.store_path is not None and Path(self.store_path).exists():
            return Path(self.store_path)
        import shutil
        import tempfile
        import weakref

        from paperkg.stores.embedded import STORE_NAME, write_store

        size = (self.graph.number_of_nodes(), self.graph.number_of_edges())
        cached = getattr(self, "_temp_store", None)
        if cached is None or cached[1] != size:
            workdir = Path(tempfile.mkdtemp(prefix="paperkg-cypher-"))
            weakref.finalize(self, shutil.rmtree, workdir, ignore_errors=True)
            write_store(self, workdir / STORE_NAME)
            self._temp_store = (workdir / STORE_NAME, size)
        return self._temp_store[0]

    def push_neo4j(
        self,
        uri: str,
        *,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        wipe: bool = False,
        batch_size: int = 1000,
        progress: bool = False,
    ) -> dict[str, Any]:
        """Push this graph to Neo4j (constraints, batched MERGE; idempotent); returns counts.

        User, password and database default to NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE.
        """
        from paperkg.stores.neo4j import Neo4jStore

        with Neo4jStore(uri, user=user, password=password, database=database,
                        batch_size=batch_size) as store:
            return store.write(self, wipe=wipe, progress=progress)

    # ------------------------------------------------------------------ saving
    def save(self, out_dir: str | Path) -> Path:
        """Write OUT/graph.json (node-link) and return its path."""
        from paperkg.graph.io import write_graph_json

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        return write_graph_json(self, out / "graph.json")


def _host(url: str) -> str:
    for host in ("github.com", "gitlab.com", "huggingface.co"):
        if host in url:
            return host
    return ""
