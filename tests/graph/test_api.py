"""The Python graph API on the seed graph: every answer checked against the graph itself."""

from __future__ import annotations

import pytest

from paperkg.errors import NotFoundError
from paperkg.graph import api


def test_entity_lookup_is_forgiving_about_case_hyphens_and_spaces(seed_graph):
    node = seed_graph.entity("gsm8k")
    assert node["name"] == "GSM8K" and node["label"] in ("Benchmark", "Dataset")
    assert seed_graph.entity("tiny llama")["id"] == seed_graph.entity("TinyLlama")["id"]


def test_misspelled_name_suggests_close_matches(seed_graph):
    with pytest.raises(NotFoundError) as err:
        seed_graph.entity("TinyLlamma-X")
    assert "TinyLlama" in err.value.suggestions


def test_papers_using_a_family_include_its_variants(seed_graph):
    family = api.variants(seed_graph, "LLaMA")
    assert len(family) > 1
    found = seed_graph.papers(using="LLaMA")
    assert found
    for paper in found:
        targets = {v for _, v, d in seed_graph.graph.out_edges(paper["id"], data=True) if d["type"] == "USES"}
        assert targets & set(family)


def test_top_is_sorted_and_counts_papers(seed_graph):
    best = seed_graph.top("Model", 5)
    assert len(best) == 5 and [n for _, n in best] == sorted((n for _, n in best), reverse=True)
    name, count = best[0]
    node = seed_graph.entity(name)["id"]
    assert count == len({u for u, _ in seed_graph.graph.in_edges(node)
                         if seed_graph.node(u)["label"] == "Paper"})


def test_cites_and_cited_by_mirror_each_other(seed_graph):
    citing, cited = next((u, v) for u, v, _, _ in seed_graph.edges("CITES"))
    assert cited in [p["id"] for p in seed_graph.cites(citing)]
    assert citing in [p["id"] for p in seed_graph.cited_by(cited)]


def test_path_between_two_papers(seed_graph):
    citing, cited = next((u, v) for u, v, _, _ in seed_graph.edges("CITES"))
    steps = seed_graph.path(citing, cited)
    assert steps[0] == seed_graph.node(citing)["name"] and steps[-1] == seed_graph.node(cited)["name"]


def test_co_usage_pairs_share_a_paper(seed_graph):
    table = seed_graph.co_usage("Model", "Benchmark")
    assert len(table) > 0 and list(table.columns) == ["Model", "Benchmark", "papers"]
    model, bench, n = table.iloc[0]
    both = {p["id"] for p in seed_graph.papers()} and (
        {u for u, _ in seed_graph.graph.in_edges(seed_graph.entity(model, label="Model")["id"])}
        & {u for u, _ in seed_graph.graph.in_edges(seed_graph.entity(bench, label="Benchmark")["id"])})
    assert len(both) >= n >= 1


def test_subgraph_and_pandas_views_agree_with_the_graph(seed_graph):
    nodes, edges = seed_graph.to_pandas()
    assert len(nodes) == len(seed_graph) and len(edges) == seed_graph.graph.number_of_edges()
    small = seed_graph.subgraph("GSM8K", depth=1)
    assert seed_graph.entity("GSM8K")["id"] in small and len(small) > 2


def test_show_cli_prints_an_entity_at_a_glance(seed_build):
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "paperkg.cli", "show", str(seed_build.out_dir), "TinyLlama"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "[Model]" in run.stdout and "proposed by" in run.stdout
    bad = subprocess.run([sys.executable, "-m", "paperkg.cli", "show", str(seed_build.out_dir), "TinyLlamma-X"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "did you mean" in bad.stderr and "Traceback" not in bad.stderr
