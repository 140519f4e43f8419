"""`paperkg build` end to end on the seed corpus: graph.json with one Paper per distinct paper."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import networkx as nx

from paperkg.graph.schema import NODE_LABELS, RELATION_TYPES

SEED_PAPERS = 405


def test_seed_build_writes_every_output(seed_build):
    out = seed_build.out_dir
    for name in ("graph.json", "graph.html", "index.html", "kg.lbdb"):
        assert (out / name).exists(), name


def test_graph_json_holds_one_paper_per_distinct_seed_paper(seed_build):
    data = json.loads((seed_build.out_dir / "graph.json").read_text())
    graph = nx.node_link_graph(data, edges="edges")
    corpus_papers = [d for _, d in graph.nodes(data=True) if d["label"] == "Paper" and not d["external"]]
    assert len(corpus_papers) == SEED_PAPERS
    assert all(d["abstract"] and d["sources"] for d in corpus_papers)
    assert {d["label"] for _, d in graph.nodes(data=True)} <= set(NODE_LABELS)
    assert {d["type"] for _, _, d in graph.edges(data=True)} <= set(RELATION_TYPES)


def test_every_text_edge_points_at_its_evidence(seed_graph):
    checked = 0
    for _, _, _, edge in seed_graph.edges():
        if edge["section"] != "abstract" or edge["start"] < 0:
            continue
        abstract = seed_graph.node(edge["paper"])["abstract"]
        mention = abstract[edge["start"]:edge["end"]]
        assert mention and mention in edge["evidence"] and edge["evidence"] in abstract
        assert 0 < edge["confidence"] <= 1 and edge["rule"]
        checked += 1
    assert checked > 500


def test_extraction_finds_the_things_seed_papers_introduce(seed_graph):
    assert seed_graph.papers(proposing="GLiNER")[0]["arxiv_id"] == "2311.08526"
    assert seed_graph.papers(proposing="ReFT") or seed_graph.papers(proposing="LoReFT")
    assert seed_graph.papers(proposing="TinyLlama")


def test_cli_build_prints_a_summary_and_stats_reads_it_back(seed_dir, tmp_path):
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "paperkg.cli", "build", str(seed_dir), "-o", str(out),
                          "--no-html", "--no-store"], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert f"papers: {SEED_PAPERS} distinct from 427 records (22 duplicates merged)" in run.stdout
    assert "skipped: 0" in run.stdout and "PROPOSES" in run.stdout
    stats = subprocess.run([sys.executable, "-m", "paperkg.cli", "stats", str(out)],
                           capture_output=True, text=True, timeout=120)
    assert stats.returncode == 0 and re.search(rf"^\s+Paper\s+{SEED_PAPERS}$", stats.stdout, re.M)
