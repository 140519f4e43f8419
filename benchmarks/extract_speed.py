"""Extraction throughput on the seed corpus: abstracts/s and words/s for four configurations.

1. the bare ``en_core_web_sm`` pipeline (``nlp.pipe``, all its components);
2. paperkg's default pipeline (Extractor: tok2vec, tagger, senter, tag -> POS lookup + paperkg components);
3. paperkg's fast mode (blank tokenizer, sentencizer + paperkg components);
4. a blank English tokenizer alone.

All four read the same text per paper: its title, a blank line and its abstract, which is what paperkg
reads (``Extractor.make_doc``). Each round loads all four afresh (an empty vocabulary and tokenizer
cache, as in a new process) and times one pass over the corpus; the figures are each configuration's
median over the rounds, since one pass on a shared machine can be off by 15%.

Run: ``.venv/bin/python benchmarks/extract_speed.py [SEED_DIR] [--rounds N]`` (default 3 rounds).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from paperkg.extractors import Extractor, load_pipeline
from paperkg.extractors.pipeline import DEFAULT_PIPELINE
from paperkg.loaders import read_corpus
from paperkg.records import Paper

NAMES = {
    "bare": "bare en_core_web_sm (all components)",
    "default": "paperkg default",
    "fast": "paperkg fast",
    "blank": "blank English tokenizer",
}


def _seconds(run: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    run()
    return time.perf_counter() - t0


def one_round(papers: list[Paper], texts: list[str]) -> dict[str, float]:
    """Seconds for one cold pass of each configuration over the corpus."""
    bare = spacy.load(DEFAULT_PIPELINE)
    default = Extractor(load_pipeline())
    fast = Extractor(load_pipeline(fast=True))
    blank = spacy.blank("en")
    for nlp in (bare, default.nlp, fast.nlp, blank):  # load what loads lazily, on a few texts
        list(nlp.pipe(texts[:5]))
    return {
        "bare": _seconds(lambda: list(bare.pipe(texts, batch_size=64))),
        "default": _seconds(lambda: list(default.extract(papers))),
        "fast": _seconds(lambda: list(fast.extract(papers))),
        "blank": _seconds(lambda: list(blank.pipe(texts, batch_size=64))),
    }


def main(seed_dir: Path, rounds: int) -> None:
    papers: list[Paper] = list(read_corpus([seed_dir]).papers)
    texts = [Extractor.paper_text(p) for p in papers]
    n, words = len(texts), sum(len(t.split()) for t in texts)
    print(f"{n} papers (title and abstract), {words} words from {seed_dir}; median of {rounds} rounds")
    times: dict[str, list[float]] = {name: [] for name in NAMES}
    for r in range(rounds):
        for name, seconds in one_round(papers, texts).items():
            times[name].append(seconds)
        print(f"round {r + 1}: " + ", ".join(f"{name} {n / times[name][-1]:.1f}/s" for name in NAMES), flush=True)
    rate = {name: n / statistics.median(times[name]) for name in NAMES}
    for name, label in NAMES.items():
        print(f"{label:<38} {rate[name]:9.1f} abstracts/s {rate[name] * words / n:11.0f} words/s")
    print(
        f"default / bare = {rate['default'] / rate['bare']:.2f}x (target >= 2); "
        f"fast / blank = {rate['fast'] / rate['blank']:.0%} (target >= 50%)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed_dir", nargs="?", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "seeds")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    main(args.seed_dir, args.rounds)
