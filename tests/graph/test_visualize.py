"""HTML views: which nodes each view picks, bad requests, and the pages in a real headless Chromium.

Browser tests open every view from file:// in Debian's Chromium (driven by Playwright, never
downloading a browser), wait until the layout has stabilized and physics has stopped, and check
that the drawn nodes and edges are exactly the intended ones, that nothing is fetched from outside
the file, that the console stays clean, that the search box focuses a node and that the canvas is
not blank. Screenshots land in the test's tmp dir (set PAPERKG_SCREENSHOTS=DIR to keep them).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from paperkg.errors import InputError, NotFoundError
from paperkg.graph import visualize as viz
from paperkg.graph.knowledge_graph import KnowledgeGraph
from paperkg.records import Entity, Paper, Relation

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = os.environ.get("PAPERKG_SCREENSHOTS")


# ------------------------------------------------------------------------------------ graphs
def tiny_graph() -> KnowledgeGraph:
    """3 papers, 4 entities; Alpaca -> MMLU has two relations (drawn as one edge)."""
    kg = KnowledgeGraph()
    llama = kg.add_paper(Paper(title="LLaMA: Open and Efficient Foundation Language Models",
                               abstract="We introduce LLaMA, evaluated on MMLU.",
                               arxiv_id="2302.13971"))
    alpaca = kg.add_paper(Paper(title="Alpaca: A Strong Instruction-Following Model",
                                abstract="We fine-tune LLaMA with LoRA and test on MMLU."))
    lone = kg.add_paper(Paper(title="A Paper About Nothing", abstract="Nothing here."))
    kg.add_entity(Entity(id="model:llama", label="Model", name="LLaMA",
                         aliases=("LLaMA", "Llama", "LLaMA-1")))
    kg.add_entity(Entity(id="benchmark:mmlu", label="Benchmark", name="MMLU"))
    kg.add_entity(Entity(id="method:lora", label="Method", name="LoRA"))
    kg.add_entity(Entity(id="model:llama-7b", label="Model", name="LLaMA-7B", family="LLaMA",
                         params="7B"))

    def rel(kind: str, src: str, dst: str, paper: str, evidence: str = "", **props: Any) -> None:
        kg.add_relation(Relation(kind, src, dst, paper=paper, evidence=evidence,
                                 start=0, end=5, properties=tuple(props.items())))

    rel("PROPOSES", llama, "model:llama", llama, "We introduce LLaMA, evaluated on MMLU.")
    rel("EVALUATES_ON", llama, "benchmark:mmlu", llama, "We introduce LLaMA, evaluated on MMLU.")
    rel("USES", alpaca, "model:llama", alpaca, "We fine-tune LLaMA with LoRA and test on MMLU.")
    rel("USES", alpaca, "method:lora", alpaca, "We fine-tune LLaMA with LoRA and test on MMLU.")
    rel("EVALUATES_ON", alpaca, "benchmark:mmlu", alpaca, "... and test on MMLU.")
    rel("REPORTS", alpaca, "benchmark:mmlu", alpaca, "... 41.2% on MMLU.", value=41.2, unit="%",
        metric="accuracy")
    rel("VARIANT_OF", "model:llama-7b", "model:llama", llama)
    rel("CITES", alpaca, llama, alpaca, via="model:llama")
    assert lone in kg
    return kg


_LABELS = ("Model", "Method", "Dataset", "Benchmark", "Task", "Metric")
_RELATIONS = {"Model": ("USES", "COMPARES_WITH", "PROPOSES", "MENTIONS"),
              "Method": ("USES", "PROPOSES"), "Dataset": ("USES", "EVALUATES_ON"),
              "Benchmark": ("EVALUATES_ON", "REPORTS"), "Task": ("ADDRESSES",),
              "Metric": ("MENTIONS",)}


def mid_graph(n_papers: int = 160, n_entities: int = 90, seed: int = 3) -> KnowledgeGraph:
    """A generated graph with a few hubs and a long tail, like a real corpus."""
    rng = random.Random(seed)
    kg = KnowledgeGraph()
    entities = []
    for i in range(n_entities):
        label = _LABELS[i % len(_LABELS)]
        name = f"{label}-{i}"
        entities.append(kg.add_entity(Entity(id=f"{label.lower()}:{name.lower()}", label=label,
                                             name=name, aliases=(name, name.upper()))))
    weights = [1 / (1 + i) ** 0.9 for i in range(n_entities)]
    papers: list[str] = []
    for i in range(n_papers):
        p = kg.add_paper(Paper(title=f"Paper {i}: on things", abstract=f"Abstract {i}.",
                               arxiv_id=f"2401.{i:05d}"))
        for e in set(rng.choices(entities, weights, k=rng.randint(1, 5))):
            kind = rng.choice(_RELATIONS[kg.node(e)["label"]])
            kg.add_relation(Relation(kind, p, e, paper=p, evidence=f"Paper {i} and {e}.",
                                     start=0, end=3))
        if papers and rng.random() < 0.2:
            kg.add_relation(Relation("CITES", p, rng.choice(papers), paper=p,
                                     properties=(("via", "title"),)))
        papers.append(p)
    return kg


@pytest.fixture(scope="module")
def mid() -> KnowledgeGraph:
    return mid_graph()


# --------------------------------------------------------------------------- pickers, no browser
def test_visualize_overview_caps_nodes_and_keeps_the_hubs(mid: KnowledgeGraph) -> None:
    ids = viz.select_overview(mid, max_nodes=60)
    assert 40 <= len(ids) <= 60
    degree = viz._degrees(mid)
    entities = [n for n in ids if mid.node(n)["label"] != "Paper"]
    best = max((n for n in mid.graph if mid.node(n)["label"] != "Paper"), key=degree.__getitem__)
    assert best in entities
    sub = mid.graph.subgraph(ids)
    assert all(sub.degree(n) > 0 for n in ids)  # nothing floats alone


def test_visualize_ego_depth_counts() -> None:
    kg = tiny_graph()
    assert sorted(viz.select_ego(kg, "method:lora", depth=0)) == ["method:lora"]
    one = viz.select_ego(kg, "model:llama", depth=1)
    assert set(one) == {"model:llama", "paper:arxiv:2302.13971", kg_paper(kg, "Alpaca"),
                        "model:llama-7b"}
    two = viz.select_ego(kg, "model:llama", depth=2)
    assert set(two) == set(one) | {"benchmark:mmlu", "method:lora"}
    assert len(viz.select_ego(kg, "model:llama", depth=2, max_nodes=3)) == 3


def kg_paper(kg: KnowledgeGraph, title_start: str) -> str:
    return next(n["id"] for n in kg.nodes("Paper") if n["title"].startswith(title_start))


def test_visualize_render_counts_one_edge_per_node_pair(tmp_path: Path) -> None:
    kg = tiny_graph()
    stats = viz.render_view(kg, tmp_path / "ego.html", focus="llama", depth=2)
    # 6 nodes; the lone paper is out; Alpaca->MMLU (EVALUATES_ON + REPORTS) is one drawn edge
    assert (stats.nodes, stats.edges) == (6, 7)
    overview = viz.render_view(kg, tmp_path / "all.html")
    assert (overview.nodes, overview.edges) == (6, 7)


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"paper": "2302.13971"}, {"paper:arxiv:2302.13971", "model:llama", "benchmark:mmlu",
                               "ALPACA"}),
    ({"paper": "arXiv:2302.13971v2", "depth": 0}, {"paper:arxiv:2302.13971"}),
    ({"types": "Method"}, {"method:lora", "ALPACA"}),
    ({"focus": "LLaMA-1", "depth": 1, "types": "benchmark"},
     {"model:llama", "paper:arxiv:2302.13971", "ALPACA"}),
])
def test_visualize_views_pick_the_intended_nodes(tmp_path: Path, kwargs: dict[str, Any],
                                                 expected: set[str]) -> None:
    kg = tiny_graph()
    expected = {kg_paper(kg, "Alpaca") if n == "ALPACA" else n for n in expected}
    stats = viz.render_view(kg, tmp_path / "v.html", **kwargs)
    assert set(stats.node_ids) == expected


@pytest.mark.parametrize(("kwargs", "fragment", "suggestion"), [
    ({"focus": "Lamma"}, "no node named 'Lamma'", "LLaMA"),
    ({"focus": "MMLU-Pro"}, "no node named", "MMLU"),
    ({"types": "Model,Benchmrk"}, "unknown node type 'Benchmrk'", "Benchmark"),
    ({"types": "Modle"}, "unknown node type", "Model"),
    ({"paper": "LLaMA: Open and Efficient Foundation Models"}, "no Paper named", "LLaMA: Open"),
])
def test_visualize_bad_requests_suggest_close_matches(tmp_path: Path, kwargs: dict[str, Any],
                                                      fragment: str, suggestion: str) -> None:
    with pytest.raises(NotFoundError) as info:
        viz.render_view(tiny_graph(), tmp_path / "v.html", **kwargs)
    assert fragment in str(info.value)
    assert any(s.startswith(suggestion) for s in info.value.suggestions), info.value.suggestions
    assert "did you mean" in str(info.value)
    assert not (tmp_path / "v.html").exists()


def test_visualize_type_absent_from_graph_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no Repository nodes"):
        viz.render_view(tiny_graph(), tmp_path / "v.html", types="Repository")
    with pytest.raises(InputError, match="not both"):
        viz.render_view(tiny_graph(), tmp_path / "v.html", focus="LLaMA", paper="2302.13971")


def test_visualize_page_is_self_contained(tmp_path: Path) -> None:
    page = viz.render_view(tiny_graph(), tmp_path / "v.html").path.read_text("utf-8")
    assert not re.search(r"<(script|img|iframe)[^>]+\bsrc\s*=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    styles = " ".join(re.findall(r"<style[^>]*>(.*?)</style>", page, re.S | re.I))
    assert styles and not re.search(r"@import|@font-face|url\(", styles, re.I)
    assert "bootstrap" not in page.lower() and "cdnjs" not in page and "jsdelivr" not in page
    assert "vis.Network" in page


def test_visualize_names_are_escaped(tmp_path: Path) -> None:
    kg = tiny_graph()
    kg.add_entity(Entity(id="model:evil", label="Model", name="<img src=x onerror=alert(1)>"))
    kg.add_relation(Relation("USES", "paper:arxiv:2302.13971", "model:evil",
                             paper="paper:arxiv:2302.13971", evidence="</script><b>x</b>"))
    page = viz.render_view(kg, tmp_path / "v.html").path.read_text("utf-8")
    assert "</script><b>" not in page  # cannot close the data script
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # markup for tooltips is escaped
    # (as a plain JS string, for canvas labels, it may stay raw: the browser test checks no
    # element is ever made from it)


def test_visualize_to_html_and_cli(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from paperkg.cli import app

    kg = tiny_graph()
    stats = kg.to_html(tmp_path / "kg.html", focus="LoRA", depth=1)
    assert (stats.nodes, stats.edges) == (2, 1)
    kg.save(tmp_path / "out")
    runner = CliRunner()
    ok = runner.invoke(app, ["viz", str(tmp_path / "out"), "--focus", "LLaMA", "--depth", "2",
                             "-o", str(tmp_path / "llama.html")])
    assert ok.exit_code == 0, ok.output
    assert "6 nodes, 7 edges" in ok.output and (tmp_path / "llama.html").exists()
    bad = runner.invoke(app, ["viz", str(tmp_path / "out"), "--focus", "Lamma",
                              "-o", str(tmp_path / "x.html")])
    assert bad.exit_code == 2
    assert "did you mean: LLaMA" in bad.output and "Traceback" not in bad.output
    bad_type = runner.invoke(app, ["viz", str(tmp_path / "out"), "--types", "Modles",
                                   "-o", str(tmp_path / "x.html")])
    assert bad_type.exit_code == 2 and "Model" in bad_type.output


def test_visualize_build_views_index_links_resolve(tmp_path: Path, mid: KnowledgeGraph) -> None:
    written = viz.write_build_views(mid, tmp_path, per_type=2, view_max_nodes=40)
    assert written[:2] == [tmp_path / "graph.html", tmp_path / "index.html"]
    index = (tmp_path / "index.html").read_text("utf-8")
    links = re.findall(r'href="([^"]+)"', index)
    assert "graph.html" in links and len(links) == len(set(links)) == len(written) - 1
    assert all((tmp_path / link).is_file() for link in links)
    assert len(list((tmp_path / "views").glob("*.html"))) == len(written) - 2


# ------------------------------------------------------------------------------ in a browser
@dataclass
class Loaded:
    page: Any
    counts: tuple[int, int]
    status: dict[str, Any]
    errors: list[str]
    outside: list[str]
    load_s: float


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (install Debian's chromium package; .ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Python Playwright not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_view(browser: Any, path: Path, *, width: int = 1280, height: int = 800) -> Loaded:
    """Open a view from file://, block and record anything else it asks for, wait for the layout."""
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    outside: list[str] = []
    url = path.resolve().as_uri()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))

    def route(r: Any) -> None:
        if r.request.url.split("#")[0] == url:
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    start = time.perf_counter()
    page.goto(url, wait_until="load")
    page.wait_for_function("window.paperkgStatus && paperkgStatus.ready", timeout=60_000)
    page.wait_for_load_state("networkidle")
    counts = page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
    status = page.evaluate("paperkgStatus")
    return Loaded(page, tuple(counts), status, errors, outside, time.perf_counter() - start)


def canvas_is_drawn(page: Any) -> dict[str, float]:
    """Share of canvas pixels that are not background, and the variance of their brightness."""
    return page.evaluate("""() => {
        const c = document.querySelector('#pk-graph canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let ink = 0, sum = 0, sq = 0, n = 0;
        for (let i = 0; i < d.length; i += 16) {
            const v = (d[i] + d[i + 1] + d[i + 2]) / 3;
            if (d[i + 3] > 0 && v < 235) ink++;
            sum += v; sq += v * v; n++;
        }
        return {ink: ink / n, variance: sq / n - (sum / n) ** 2};
    }""")


def screenshot(loaded: Loaded, tmp_path: Path, name: str) -> Path:
    out = tmp_path / f"{name}.png"
    loaded.page.screenshot(path=str(out))
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        shutil.copy(out, Path(SHOTS) / out.name)
    return out


def check_page(loaded: Loaded, stats: viz.ViewStats, tmp_path: Path, name: str) -> None:
    assert loaded.counts == (stats.nodes, stats.edges)
    assert loaded.status["stabilized"]
    assert loaded.errors == []
    assert loaded.outside == []
    page = loaded.page
    assert page.evaluate("network.physics.options.enabled") is False  # physics stopped
    before = page.evaluate("network.getPositions()")
    page.wait_for_timeout(300)
    assert page.evaluate("network.getPositions()") == before  # and nothing moves any more
    drawn = canvas_is_drawn(page)
    assert drawn["ink"] > 0.002 and drawn["variance"] > 5, drawn
    shot = screenshot(loaded, tmp_path, name)
    assert shot.stat().st_size > 20_000  # a blank page is a few kB
    assert page.is_visible("#pk-legend") and page.is_visible("#pk-search")


VIEWS = {
    "overview": {"max_nodes": 120},
    "ego": {"focus": "Model-0", "depth": 2, "max_nodes": 80},
    "types": {"types": "Model,Benchmark", "max_nodes": 80},
    "paper": {"paper": "2401.00007"},
}


@pytest.mark.browser
@pytest.mark.parametrize("name", list(VIEWS))
def test_visualize_view_draws_what_was_intended(browser: Any, mid: KnowledgeGraph,
                                                tmp_path: Path, name: str) -> None:
    stats = viz.render_view(mid, tmp_path / f"{name}.html", **VIEWS[name])
    assert stats.nodes > 1 and stats.edges > 0
    loaded = open_view(browser, stats.path)
    try:
        check_page(loaded, stats, tmp_path, name)
    finally:
        loaded.page.close()


@pytest.mark.browser
def test_visualize_search_box_focuses_a_node(browser: Any, tmp_path: Path) -> None:
    kg = tiny_graph()
    stats = viz.render_view(kg, tmp_path / "all.html")
    loaded = open_view(browser, stats.path)
    page = loaded.page
    try:
        page.fill("#pk-search", "lora")
        page.press("#pk-search", "Enter")
        assert page.evaluate("network.getSelectedNodes()") == ["method:lora"]
        assert page.is_visible("#pk-details")
        assert "LoRA" in page.inner_text("#pk-details")
        page.fill("#pk-search", "Llama")  # an alias; the details list its papers with links
        page.press("#pk-search", "Enter")
        assert page.evaluate("network.getSelectedNodes()") == ["model:llama"]
        assert "LLaMA: Open and Efficient" in page.inner_text("#pk-details")
        assert page.get_attribute("#pk-details a", "href") == "https://arxiv.org/abs/2302.13971"
        page.fill("#pk-search", "alpaca")  # a paper, by the start of its title
        page.press("#pk-search", "Enter")
        assert page.evaluate("network.getSelectedNodes()") == [kg_paper(kg, "Alpaca")]
        assert "https://" not in page.inner_text("#pk-search-status")
        page.fill("#pk-search", "no such thing")
        page.press("#pk-search", "Enter")
        assert page.inner_text("#pk-search-status") == "no match"
        # tooltips: an entity's papers, an edge's evidence
        tips = page.evaluate("""() => [
            nodes.get('model:llama').title.innerText,
            edges.get().find(e => e.relations.includes('REPORTS')).title.innerText]""")
        assert "Model" in tips[0] and "LLaMA: Open and Efficient" in tips[0]
        assert "41.2% on MMLU" in tips[1] and "EVALUATES_ON" in tips[1]
        assert loaded.errors == [] and loaded.outside == []
    finally:
        page.close()


@pytest.mark.browser
def test_visualize_hostile_names_stay_text(browser: Any, tmp_path: Path) -> None:
    kg = tiny_graph()
    kg.add_entity(Entity(id="model:evil", label="Model", name="<img src=x onerror=alert(1)>"))
    kg.add_relation(Relation("USES", "paper:arxiv:2302.13971", "model:evil",
                             paper="paper:arxiv:2302.13971", evidence="</script><b>x</b>"))
    stats = viz.render_view(kg, tmp_path / "evil.html")
    loaded = open_view(browser, stats.path)
    try:
        assert loaded.page.evaluate("paperkgFocus('<img')") == "model:evil"
        loaded.page.hover("#pk-graph")
        loaded.page.wait_for_timeout(100)
        assert loaded.page.evaluate("document.querySelectorAll('img').length") == 0
        assert "<img src=x" in loaded.page.inner_text("#pk-details")
        assert loaded.counts == (stats.nodes, stats.edges)
        assert loaded.errors == [] and loaded.outside == []
    finally:
        loaded.page.close()


@pytest.mark.browser
def test_visualize_seed_graph_views(browser: Any, seed_graph: KnowledgeGraph,
                                    tmp_path: Path) -> None:
    """The build's views of the real seed corpus: overview and one linked view draw as intended."""
    start = time.perf_counter()
    written = viz.write_build_views(seed_graph, tmp_path)
    write_s = time.perf_counter() - start
    overview = viz.render_view(seed_graph, tmp_path / "check.html")
    loaded = open_view(browser, written[0], width=1400, height=900)
    try:
        check_page(loaded, overview, tmp_path, "seed-overview")
        print(f"\nseed overview: {overview.nodes} nodes, {overview.edges} edges; "
              f"{len(written)} files in {write_s:.1f}s; layout {loaded.status['stabilizeMs']} ms")
    finally:
        loaded.page.close()
    first_view = next(p for p in written if p.parent.name == "views")
    loaded = open_view(browser, first_view)
    try:
        assert loaded.errors == [] and loaded.outside == []
        assert loaded.counts[0] > 0
    finally:
        loaded.page.close()
