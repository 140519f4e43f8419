"""Store load throughput and 2-hop query latency on synthetic graphs of 10k and 100k papers.

The synthetic graphs are made by resampling the seed graph, not by running spaCy again: each
synthetic paper copies the outgoing relations of a random seed paper (same entities, same
evidence sentences, same properties), its abstract is a sample of seed sentences, one paper in
twenty proposes a new entity of its own (so entities grow with the corpus), and each paper cites
two earlier synthetic papers on average.

Prints, per size: nodes and relationships, the embedded bulk load (rows/s, split into building
the Arrow tables and COPY), the Neo4j push when NEO4J_URI is set, and the latency of a 2-hop
query (median and p95 over repeated runs with different parameters).

    python benchmarks/store_load.py                        # builds the seed graph first (fast mode)
    python benchmarks/store_load.py --graph out --sizes 10000 100000
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from paperkg.graph.knowledge_graph import KnowledgeGraph  # noqa: E402
from paperkg.stores.embedded import EmbeddedStore, write_store  # noqa: E402

#: The 2-hop question: papers related to one paper through shared entities (docs/cypher.md #14).
TWO_HOP = """
MATCH (a:Paper)-[:USES|EVALUATES_ON|PROPOSES]->(e)<-[:USES|EVALUATES_ON|PROPOSES]-(b:Paper)
WHERE a.id = $paper AND b.id <> a.id
RETURN b.name AS paper, count(DISTINCT e) AS shared
ORDER BY shared DESC, paper
LIMIT 10
"""
#: A 2-hop aggregate over the whole graph: benchmarks used by papers that use a LLaMA model.
TWO_HOP_GLOBAL = """
MATCH (m:Model)<-[:USES]-(p:Paper)-[:EVALUATES_ON]->(b:Benchmark)
WHERE toLower(m.family) = 'llama'
RETURN b.name AS benchmark, count(DISTINCT p) AS papers
ORDER BY papers DESC, benchmark
LIMIT 10
"""


def load_seed_graph(graph_dir: Path | None) -> KnowledgeGraph:
    import paperkg

    if graph_dir is not None:
        return paperkg.load(graph_dir)
    seeds = Path(os.environ.get("PAPERKG_SEEDS", REPO.parent / "shared" / "seeds"))
    print(f"building the seed graph from {seeds} (fast mode) ...", flush=True)
    return paperkg.build([seeds], fast=True)


def synthesize(seed: KnowledgeGraph, n_papers: int, rng: random.Random) -> KnowledgeGraph:
    """A graph of ``n_papers`` papers resampled from ``seed`` (see the module docstring)."""
    g = seed.graph
    papers = [n for n, d in g.nodes(data=True) if d["label"] == "Paper"]
    out_edges = {p: [(v, d) for _, v, d in g.out_edges(p, data=True) if d["type"] != "CITES"] for p in papers}
    templates = [p for p in papers if out_edges[p]] or papers
    sentences = [s for p in papers for s in re.split(r"(?<=[.!?])\s+", g.nodes[p]["abstract"]) if s]
    graph = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):  # every seed entity (and the entity-entity edges)
        if data["label"] != "Paper":
            graph.add_node(node, **data)
    for u, v, k, d in g.edges(keys=True, data=True):
        if g.nodes[u]["label"] != "Paper" and g.nodes[v]["label"] != "Paper":
            graph.add_edge(u, v, key=k, **d)
    paper_template = g.nodes[templates[0]]
    for i in range(n_papers):
        template = rng.choice(templates)
        pid = f"paper:synthetic:{i}"
        abstract = " ".join(rng.sample(sentences, k=min(len(sentences), rng.randint(4, 8))))
        graph.add_node(
            pid,
            **{
                **paper_template,
                "id": pid,
                "name": f"Synthetic paper {i}",
                "title": f"Synthetic paper {i}",
                "abstract": abstract,
                "arxiv_id": "",
                "url": "",
                "sources": [f"synthetic:{i}"],
            },
        )
        for v, d in out_edges[template]:
            key = f"{d['type']}|{pid}|{d.get('section')}|{d.get('start')}|{d.get('end')}"
            graph.add_edge(pid, v, key=key, **{**d, "paper": pid})
        if i % 20 == 0:  # a new entity, proposed here
            eid = f"method:synthetic-{i}"
            graph.add_node(eid, id=eid, label="Method", name=f"SynthMethod-{i}", aliases=[f"SynthMethod-{i}"])
            graph.add_edge(
                pid,
                eid,
                key=f"PROPOSES|{pid}|abstract|0|5",
                type="PROPOSES",
                paper=pid,
                evidence=abstract[:200],
                start=0,
                end=5,
                rule="synthetic",
                confidence=1.0,
                section="abstract",
            )
        for _ in range(rng.choice((1, 2, 3)) if i else 0):
            cited = f"paper:synthetic:{rng.randrange(i)}"
            graph.add_edge(
                pid,
                cited,
                key=f"CITES|{pid}||-1|-1|{cited}",
                type="CITES",
                paper=pid,
                evidence="",
                start=-1,
                end=-1,
                rule="synthetic",
                confidence=1.0,
                section="",
                via="metadata",
            )
    return KnowledgeGraph(graph)


def bench_embedded(kg: KnowledgeGraph, workdir: Path) -> dict[str, Any]:
    path = workdir / "kg.lbdb"
    return {**write_store(kg, path), "path": path}


def latency(run: Any, params: list[dict[str, Any]], query: str) -> tuple[float, float]:
    run(query, params[0])  # warm up
    times = []
    for p in params:
        started = time.perf_counter()
        run(query, p)
        times.append(time.perf_counter() - started)
    times.sort()
    return statistics.median(times) * 1000, times[int(0.95 * (len(times) - 1))] * 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, help="a build OUT dir to resample (default: build seeds)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=50, help="2-hop runs per size")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)

    seed = load_seed_graph(args.graph)
    print(f"seed graph: {seed}")
    rng = random.Random(args.seed)
    for size in args.sizes:
        started = time.perf_counter()
        kg = synthesize(seed, size, rng)
        n_nodes, n_rels = kg.graph.number_of_nodes(), kg.graph.number_of_edges()
        print(
            f"\n== {size:,} papers: {n_nodes:,} nodes, {n_rels:,} relationships "
            f"(synthesized in {time.perf_counter() - started:.1f}s)"
        )
        with tempfile.TemporaryDirectory(prefix="paperkg-bench-") as tmp:
            emb = bench_embedded(kg, Path(tmp))
            print(
                f"embedded load : {emb['rows']:,} rows in {emb['seconds']:.2f}s = "
                f"{emb['rows'] / emb['seconds']:,.0f} rows/s (typed Arrow tables "
                f"{emb['prepare_seconds']:.2f}s; DDL+COPY+count checks {emb['load_seconds']:.2f}s "
                f"= {emb['rows'] / emb['load_seconds']:,.0f} rows/s)"
            )
            paper_ids = [f"paper:synthetic:{rng.randrange(size)}" for _ in range(args.queries)]
            with EmbeddedStore(emb["path"]) as store:
                med, p95 = latency(store.query, [{"paper": p} for p in paper_ids], TWO_HOP)
                print(
                    f"embedded 2-hop (related papers of one paper): median {med:.1f} ms, "
                    f"p95 {p95:.1f} ms over {len(paper_ids)} papers"
                )
                med, p95 = latency(store.query, [{}] * 10, TWO_HOP_GLOBAL)
                print(
                    f"embedded 2-hop aggregate (benchmarks of LLaMA users, whole graph): "
                    f"median {med:.1f} ms, p95 {p95:.1f} ms"
                )
        if os.environ.get("NEO4J_URI"):
            from paperkg.stores.neo4j import Neo4jStore

            with Neo4jStore() as neo:
                started = time.perf_counter()
                summary = neo.write(kg, wipe=True)
                took = time.perf_counter() - started
                print(
                    f"neo4j push    : {summary['rows']:,} rows in {took:.1f}s = "
                    f"{summary['rows'] / took:,.0f} rows/s (wipe included)"
                )
                med, p95 = latency(neo.query, [{"paper": p} for p in paper_ids], TWO_HOP)
                print(f"neo4j 2-hop   : median {med:.1f} ms, p95 {p95:.1f} ms")
        else:
            print("neo4j push    : skipped (NEO4J_URI is not set)")
        del kg


if __name__ == "__main__":
    main()
